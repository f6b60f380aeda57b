"""People who sign in, their one-time sign-in links, and API tokens for machine clients."""

import hashlib
import secrets
from datetime import timedelta
from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone

from insideout.vocabulary import CENTRE_ROLES, Role


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
    def is_centre_lead(self) -> bool:
        """Centre leads, and admins, who may do whatever a lead may: run pulses, triage asks."""
        return self.is_admin or Role.CENTRE_LEAD in self.roles

    @property
    def sees_everything(self) -> bool:
        """Admins and analysts read every ask and every unit's queue."""
        return self.is_admin or Role.ANALYST in self.roles

    def serves_unit(self, unit_id: int | None) -> bool:
        """Whether this person works in the unit (admins act for every unit)."""
        return self.is_admin or (unit_id is not None and unit_id in self.centre_unit_ids)

    def sees_unit_queue(self, unit_id: int) -> bool:
        return self.sees_everything or unit_id in self.centre_unit_ids

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
