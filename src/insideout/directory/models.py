"""Who is who: the centre's units, the doer organisations it serves, and people's roles in them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from insideout.vocabulary import ORGANISATION_ROLES, UNIT_ROLES, Role

from .places import REGION_CHOICES, local_authority_name, region_name


class CentreUnit(models.Model):
    """A part of the department: the department, a directorate, a unit, a team (any depth)."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", "Department"
        DIRECTORATE = "directorate", "Directorate"
        UNIT = "unit", "Unit"
        TEAM = "team", "Team"

    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.UNIT)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    purpose = models.TextField(blank=True, help_text="What the unit does for the doers, in a line.")
    email = models.EmailField(blank=True, help_text="The unit's shared inbox.")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unique_unit_name_per_parent")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:unit", args=[self.pk])

    def ancestors(self) -> list["CentreUnit"]:
        """From the top of the hierarchy down to this unit's parent."""
        chain: list[CentreUnit] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def clean(self) -> None:
        node = self.parent
        while node is not None:
            if node.pk == self.pk:
                raise ValidationError({"parent": "A unit cannot sit inside itself."})
            node = node.parent


class Organisation(models.Model):
    """A doer organisation: a school, hospital, police force, charity, firm, ..."""

    class Type(models.TextChoices):
        SCHOOL = "school", "School"
        HOSPITAL = "hospital", "Hospital"
        GP_PRACTICE = "gp_practice", "GP practice"
        POLICE_FORCE = "police_force", "Police force"
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        CHARITY = "charity", "Charity"
        BUSINESS = "business", "Business"
        OTHER = "other", "Other"

    class Sector(models.TextChoices):
        PUBLIC = "public", "Public"
        VOLUNTARY = "voluntary", "Voluntary and community"
        PRIVATE = "private", "Private"

    external_id = models.CharField(
        max_length=64,
        unique=True,
        help_text="The identifier in the register it came from (URN, ODS code, charity number).",
    )
    name = models.CharField(max_length=255)
    type = models.CharField(max_length=20, choices=Type.choices, default=Type.OTHER)
    sector = models.CharField(max_length=20, choices=Sector.choices, blank=True)
    region = models.CharField(max_length=9, choices=REGION_CHOICES, blank=True)
    local_authority = models.CharField(max_length=9, blank=True, help_text="ONS GSS code")
    size = models.PositiveIntegerField(null=True, blank=True, help_text="Head count")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["type", "region"]),
            models.Index(fields=["local_authority"]),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:organisation", args=[self.pk])

    @property
    def region_name(self) -> str:
        return region_name(self.region)

    @property
    def local_authority_name(self) -> str:
        return local_authority_name(self.local_authority)


class Membership(models.Model):
    """A person's role, in a centre unit (centre roles) or in an organisation (doer roles)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    centre_unit = models.ForeignKey(
        CentreUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "role", "centre_unit"],
                name="unique_unit_membership",
                condition=models.Q(centre_unit__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["person", "role", "organisation"],
                name="unique_organisation_membership",
                condition=models.Q(organisation__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["person", "role"],
                name="unique_department_membership",
                condition=models.Q(centre_unit__isnull=True, organisation__isnull=True),
            ),
            models.CheckConstraint(
                name="membership_scope_matches_role",
                condition=(
                    models.Q(
                        role__in=sorted(UNIT_ROLES),
                        centre_unit__isnull=False,
                        organisation__isnull=True,
                    )
                    | models.Q(
                        role__in=sorted(ORGANISATION_ROLES),
                        organisation__isnull=False,
                        centre_unit__isnull=True,
                    )
                    | models.Q(role__in=[Role.ADMIN, Role.ANALYST], organisation__isnull=True)
                ),
            ),
        ]

    def __str__(self) -> str:
        where = self.centre_unit or self.organisation
        return f"{self.get_role_display()} — {where}" if where else self.get_role_display()

    def clean(self) -> None:
        if self.role in UNIT_ROLES and (self.centre_unit_id is None or self.organisation_id):
            raise ValidationError("A centre lead or officer belongs to a centre unit.")
        if self.role in ORGANISATION_ROLES and (not self.organisation_id or self.centre_unit_id):
            raise ValidationError(
                "A doer, frontline partner or service provider belongs to an organisation."
            )
        if self.role in {Role.ADMIN, Role.ANALYST} and self.organisation_id:
            raise ValidationError("Admins and analysts work for the centre, not an organisation.")


class ImportBatch(models.Model):
    """One upload of an organisation register: checked first, applied only if it has no errors."""

    class Status(models.TextChoices):
        CHECKED = "checked", "Checked, waiting for confirmation"
        REFUSED = "refused", "Refused: the file has errors"
        QUEUED = "queued", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed"

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(max_length=255)
    content = models.BinaryField(help_text="The file as uploaded, so the import can be re-run.")
    column_map = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKED)
    row_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    # What checking the file found, kept so the page asking to confirm need not read it again.
    new_count = models.PositiveIntegerField(default=0, help_text="New organisations, as checked.")
    existing_count = models.PositiveIntegerField(
        default=0, help_text="Organisations already in the directory, as checked."
    )
    preview = models.JSONField(
        default=list, blank=True, help_text="The first rows as checked: [row number, fields]."
    )
    notes = models.JSONField(default=list, blank=True, help_text="What checking noticed.")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    def preview_organisations(self) -> list[tuple[int, Organisation]]:
        """The first rows, numbered, as the (unsaved) organisations they would become."""
        return [(number, Organisation(**fields)) for number, fields in self.preview]


class MembershipEvent(models.Model):
    """The audit trail of people's roles: every role given, changed or ended, by whom, when."""

    class Kind(models.TextChoices):
        GIVEN = "given", "Role given"
        CHANGED = "changed", "Role changed"
        ENDED = "ended", "Role ended"

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="role_events"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    role = models.CharField(max_length=20, choices=Role.choices)
    from_role = models.CharField(max_length=20, choices=Role.choices, blank=True)
    centre_unit = models.ForeignKey(
        CentreUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty when the system acted.",
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["person", "-at"], name="directory_role_events")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.person} as {self.get_role_display()}"

    @property
    def where(self):
        return self.centre_unit or self.organisation
