"""People who sign in, their one-time sign-in links, and API tokens for machine clients."""

import hashlib
import secrets
from datetime import datetime, timedelta
from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone

from insideout.vocabulary import CENTRE_ROLES, DOER_ROLES, Role


def hash_secret(raw: str) -> str:
    """Only a digest of a link or token is stored, so a copy of the database signs nobody in."""
    return hashlib.sha256(raw.encode()).hexdigest()


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person in the directory. Centre staff sign in with a password, doers by e-mailed link."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="Can use the Django admin.")
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()
    # The visit before this sign-in, where the start page knows it (home/views.py); not stored.
    previous_visit_at: datetime | None = None

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(self.memberships.values_list("role", flat=True))

    def has_role(self, *roles: str) -> bool:
        return self.is_superuser and Role.ADMIN in roles or bool(self.roles.intersection(roles))

    @property
    def is_admin(self) -> bool:
        return self.is_superuser or Role.ADMIN in self.roles

    @property
    def is_centre_staff(self) -> bool:
        return self.is_superuser or bool(self.roles & CENTRE_ROLES)

    @property
    def signs_in_with_department(self) -> bool:
        """Centre staff sign in with their department account once the service uses one;
        doers keep e-mailed links."""
        return settings.OIDC_ENABLED and self.is_centre_staff

    @property
    def is_centre_lead(self) -> bool:
        """Centre leads, and admins, who may do whatever a lead may: run pulses, triage asks."""
        return self.is_admin or Role.CENTRE_LEAD in self.roles

    @property
    def sees_everything(self) -> bool:
        """Admins and analysts read every ask and every unit's queue."""
        return self.is_admin or Role.ANALYST in self.roles

    @property
    def shapes_themes(self) -> bool:
        """Analysts, centre leads and admins theme free text and rename, merge and split themes;
        other centre staff read the themes."""
        return self.sees_everything or self.is_centre_lead

    def serves_unit(self, unit_id: int | None) -> bool:
        """Whether this person works in the unit (admins act for every unit)."""
        return self.is_admin or (unit_id is not None and unit_id in self.centre_unit_ids)

    def sees_unit_queue(self, unit_id: int) -> bool:
        return self.sees_everything or unit_id in self.centre_unit_ids

    @cached_property
    def led_organisation_ids(self) -> frozenset[int]:
        """The organisations where this person is the doer lead."""
        return frozenset(
            self.memberships.filter(role=Role.DOER_LEAD).values_list("organisation_id", flat=True)
        )

    def manages_people_of(self, organisation_id: int | None) -> bool:
        """Admins give and end anyone's roles; a doer lead, those of their own organisation."""
        return self.is_admin or (
            organisation_id is not None and organisation_id in self.led_organisation_ids
        )

    @property
    def analyses_demand(self) -> bool:
        """Analysts and admins load citizens' contacts, classify them and read the charts."""
        return self.is_admin or Role.ANALYST in self.roles

    def hears_from_citizens(self, unit_id: int | None) -> bool:
        """Whether this person sees what citizens say of a service that their unit runs: its
        team, and analysts and admins."""
        return self.analyses_demand or (unit_id is not None and unit_id in self.centre_unit_ids)

    def leads_unit(self, unit_id: int | None) -> bool:
        """Whether this person leads the unit (admins lead every unit)."""
        return self.is_admin or (unit_id is not None and unit_id in self.led_unit_ids)

    @property
    def is_leadership(self) -> bool:
        """Admins, and the leads of the department or a directorate (a permanent secretary, a
        director): they weigh the department's priorities against each other."""
        return self.is_admin or self.leads_department_or_directorate

    def may_scrutinise(self, owner_unit_id: int) -> bool:
        """Scrutiny reviewers: centre leads and admins, never for their own unit's proposals,
        so that no unit marks its own burden."""
        return self.is_centre_lead and owner_unit_id not in self.centre_unit_ids

    @cached_property
    def led_unit_ids(self) -> frozenset[int]:
        return frozenset(
            self.memberships.filter(role=Role.CENTRE_LEAD).values_list("centre_unit_id", flat=True)
        )

    @cached_property
    def leads_department_or_directorate(self) -> bool:
        return self.memberships.filter(
            role=Role.CENTRE_LEAD, centre_unit__kind__in=["department", "directorate"]
        ).exists()

    @cached_property
    def doer_organisation_ids(self) -> frozenset[int]:
        """The organisations this person works in as a doer (not as a frontline partner)."""
        return frozenset(
            self.memberships.filter(role__in=DOER_ROLES).values_list("organisation_id", flat=True)
        )

    @cached_property
    def organisation_ids(self) -> frozenset[int]:
        return frozenset(
            self.memberships.filter(organisation__isnull=False).values_list(
                "organisation_id", flat=True
            )
        )

    @cached_property
    def centre_unit_ids(self) -> frozenset[int]:
        return frozenset(
            self.memberships.filter(centre_unit__isnull=False).values_list(
                "centre_unit_id", flat=True
            )
        )

    # Cases and pulls are private by default: a case is seen by its own partners and by the
    # leads of their organisation, nobody else (admins neither); a provider sees only the pulls
    # made to its own organisation's services.

    def _organisation_ids_as(self, role: str) -> frozenset[int]:
        return frozenset(
            self.memberships.filter(role=role).values_list("organisation_id", flat=True)
        )

    @cached_property
    def partner_organisation_ids(self) -> frozenset[int]:
        """The organisations this person works in as a frontline partner."""
        return self._organisation_ids_as(Role.FRONTLINE_PARTNER)

    @cached_property
    def provider_organisation_ids(self) -> frozenset[int]:
        """The organisations whose services this person keeps and whose pulls they answer."""
        return self._organisation_ids_as(Role.PROVIDER)

    @cached_property
    def lead_organisation_ids(self) -> frozenset[int]:
        return self._organisation_ids_as(Role.DOER_LEAD)

    @property
    def opens_cases(self) -> bool:
        """Frontline partners open cases for the people they work with."""
        return bool(self.partner_organisation_ids)

    @property
    def is_provider(self) -> bool:
        return bool(self.provider_organisation_ids)

    def sees_case(self, case) -> bool:
        """A case's own partners and the leads of its organisation; nobody else, admins neither."""
        return self.pk in case.partner_ids or case.organisation_id in self.lead_organisation_ids

    def answers_pulls_for(self, organisation_id: int | None) -> bool:
        """Providers answer the pulls made to their own organisation's services."""
        return organisation_id is not None and organisation_id in self.provider_organisation_ids

    def keeps_services_of(self, organisation_id: int | None) -> bool:
        """Providers keep their own organisation's services and capacity current; admins any."""
        return self.is_admin or self.answers_pulls_for(organisation_id)

    @property
    def sees_unmet_needs(self) -> bool:
        """The centre sees unmet needs, as figures that name nobody."""
        return self.is_centre_staff


class SignInTokenQuerySet(models.QuerySet["SignInToken"]):
    def usable(self) -> "SignInTokenQuerySet":
        return self.filter(used_at__isnull=True, expires_at__gt=timezone.now())


class SignInToken(models.Model):
    """A one-time e-mailed sign-in link: single use, expiring, stored only as a digest."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="sign_in_tokens")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    next_url = models.CharField(max_length=500, blank=True)

    objects = SignInTokenQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return f"Sign-in link for {self.user} made {self.created_at:%Y-%m-%d %H:%M}"

    @classmethod
    def issue(cls, user: User, next_url: str = "") -> tuple["SignInToken", str]:
        """Make a new link for the user; returns the row and the raw secret for the e-mail."""
        raw = secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            digest=hash_secret(raw),
            expires_at=timezone.now() + timedelta(minutes=settings.SIGN_IN_LINK_MINUTES),
            next_url=next_url,
        )
        return token, raw


class ApiToken(models.Model):
    """A bearer token for a machine client, acting with its owner's permissions."""

    PREFIX = "io_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for.")
    digest = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12, help_text="The first characters, to recognise it by.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, user: User, name: str) -> tuple["ApiToken", str]:
        raw = cls.PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, digest=hash_secret(raw), hint=raw[:10])
        return token, raw

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])

    @classmethod
    def authenticate(cls, raw: str) -> User | None:
        token = (
            cls.objects.select_related("user")
            .filter(digest=hash_secret(raw), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if token is None:
            return None
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
            cls.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user


class SignInRequest(models.Model):
    """One request for a sign-in e-mail, kept an hour or so to limit them: per client address,
    and per e-mail address from each client address, so nobody can spend another's links."""

    email_digest = models.CharField(max_length=64, help_text="A digest of the address typed.")
    client_address = models.CharField(max_length=45)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["email_digest", "client_address", "created_at"]),
            models.Index(fields=["client_address", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"Sign-in e-mail asked for from {self.client_address} at {self.created_at}"

    @staticmethod
    def digest_of(email: str) -> str:
        return hash_secret(email.strip().lower())


class DepartmentSignInRefusal(models.Model):
    """A sign-in through the department's identity provider that Inside Out refused, and why:
    kept for admins, so that a colleague missing from the directory can be added."""

    class Reason(models.TextChoices):
        UNKNOWN = "unknown", "Not in the directory"
        UNVERIFIED = "unverified", "E-mail address not verified"
        CLOSED = "closed", "Account closed"
        TOKEN = "token", "Token refused"
        STATE = "state", "Sign-in used twice or started elsewhere"
        PROVIDER = "provider", "Provider said no or did not answer"

    at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=12, choices=Reason.choices)
    email = models.CharField(max_length=254, blank=True, help_text="As the provider gave it.")
    detail = models.CharField(max_length=500, blank=True)
    client_address = models.CharField(max_length=45, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["-at"], name="accounts_refusals_by_time")]

    def __str__(self) -> str:
        return (
            f"{self.get_reason_display()}: {self.email or 'no address'} at {self.at:%Y-%m-%d %H:%M}"
        )
