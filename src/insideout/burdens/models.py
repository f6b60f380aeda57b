"""The burden ledger: what the centre imposes on the doers, what it really costs them, and
what the centre decided to retire or simplify."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from insideout.asks.models import Ask
from insideout.directory.models import CentreUnit, Organisation
from insideout.pulses.models import Answer, Pulse

from . import schedule
from .budget import BudgetCheck


class Kind(models.TextChoices):
    RETURN = "return", "Return"
    REPORT = "report", "Report"
    DATA_REQUEST = "data_request", "Data request"
    INSPECTION = "inspection", "Inspection"
    AUDIT = "audit", "Audit"
    DIRECTIVE = "directive", "Directive"
    CONSULTATION = "consultation", "Consultation"
    TRAINING = "training", "Training mandate"


class Frequency(models.TextChoices):
    ONE_OFF = schedule.ONE_OFF, "One-off"
    WEEKLY = schedule.WEEKLY, "Weekly"
    MONTHLY = schedule.MONTHLY, "Monthly"
    TERMLY = schedule.TERMLY, "Termly"
    ANNUAL = schedule.ANNUAL, "Annual"


class State(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACTIVE = "active", "Active"
    UNDER_REVIEW = "under_review", "Under review"
    SIMPLIFIED = "simplified", "Simplified"
    RETIRED = "retired", "Retired"
    REJECTED = "rejected", "Rejected at scrutiny"


# The states in which a requirement takes doers' time.
IMPOSING = [State.ACTIVE, State.UNDER_REVIEW, State.SIMPLIFIED]
USEFULNESS = [
    (5, "Extremely useful"),
    (4, "Very useful"),
    (3, "Quite useful"),
    (2, "Slightly useful"),
    (1, "Not useful at all"),
]
HOURS = [MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("2000"))]


class Requirement(models.Model):
    """Anything the centre imposes on doers: a return, an inspection, a directive, ..."""

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="What doers must do, in plain words.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    owner_unit = models.ForeignKey(
        CentreUnit, on_delete=models.PROTECT, related_name="requirements"
    )
    is_statutory = models.BooleanField(
        default=False, help_text="Required by law (an Act or regulations), not only by policy."
    )
    legal_basis = models.CharField(
        max_length=300, blank=True, help_text="The Act, regulation or policy that requires it."
    )
    audience_types = models.JSONField(default=list, blank=True)
    audience_regions = models.JSONField(default=list, blank=True)
    audience_organisations = models.ManyToManyField(Organisation, blank=True, related_name="+")
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    first_due_on = models.DateField(help_text="The first due date; later ones follow from it.")
    estimated_hours = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        validators=HOURS,
        help_text="The centre's estimate of hours each doer spends on each occurrence.",
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.PROPOSED)
    in_scrutiny_since = models.DateTimeField(
        null=True, blank=True, help_text="Set while a proposal waits in the scrutiny queue."
    )
    state_reason = models.TextField(blank=True, help_text="Why it was retired or simplified.")
    hours_saved_per_year = models.DecimalField(
        max_digits=12, decimal_places=1, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    # Not stored: its budget check and whether the reader may scrutinise it, for the queue.
    budget: BudgetCheck | None
    reviewable: bool

    class Meta:
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["state", "owner_unit"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("burdens:requirement", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"REQ-{self.pk:05d}" if self.pk else "REQ-new"

    @property
    def is_imposing(self) -> bool:
        return self.state in IMPOSING

    @property
    def per_year(self) -> int:
        return schedule.PER_YEAR[self.frequency]

    def clean(self) -> None:
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "The end date must be on or after the start date"
        if self.starts_on and self.first_due_on and self.first_due_on < self.starts_on:
            errors["first_due_on"] = "The first due date must be on or after the start date"
        if self.is_statutory and not self.legal_basis.strip():
            errors["legal_basis"] = "Name the Act or regulation that requires it"
        if errors:
            raise ValidationError(errors)

    def next_due(self, after, count: int = 3) -> list:
        """The next few due dates from a day on, within two years."""
        return self.due_dates(after, schedule.add_months(after, 24))[:count]

    def due_dates(self, start, end) -> list:
        return schedule.due_dates(
            self.frequency,
            self.first_due_on,
            start,
            end,
            starts_on=self.starts_on,
            ends_on=self.ends_on,
        )


class BurdenAssessment(models.Model):
    """What a proposed requirement would add, and for whom: needed before it can go active."""

    requirement = models.OneToOneField(
        Requirement, on_delete=models.CASCADE, related_name="assessment"
    )
    doers = models.PositiveIntegerField(help_text="Doer organisations it lands on, when assessed.")
    doers_by_type = models.JSONField(default=dict, help_text="Organisation type -> how many.")
    hours_per_year = models.DecimalField(max_digits=12, decimal_places=1)
    for_whom = models.TextField(help_text="Who will spend the time, in words.")
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Assessment of {self.requirement}: {self.hours_per_year} hours a year"


class Offset(models.Model):
    """A requirement a proposal retires or simplifies to pay for itself under the budget rule."""

    class Action(models.TextChoices):
        RETIRE = "retire", "Retire it"
        SIMPLIFY = "simplify", "Simplify it"

    proposal = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="offsets")
    target = models.ForeignKey(Requirement, on_delete=models.PROTECT, related_name="pledged_as")
    action = models.CharField(max_length=10, choices=Action.choices)
    new_hours = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=HOURS,
        help_text="For a simplification: hours each occurrence will take afterwards.",
    )
    hours_saved_per_year = models.DecimalField(max_digits=12, decimal_places=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "target"], name="one_offset_per_target")
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.target} (pays for {self.proposal})"


class BudgetRule(models.Model):
    """The department's burden budget, e.g. one in, two out by hours (ratio 2)."""

    ratio = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal("10"))],
        help_text="Hours a year to take out for each hour a year put in: 2 is one in, two out. "
        "Empty: no budget rule from that day.",
    )
    exempts_statutory = models.BooleanField(
        default=True, help_text="Requirements that the law imposes need no offsets."
    )
    applies_from = models.DateField(default=timezone.localdate)
    note = models.TextField(blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-set_at", "-pk"]

    def __str__(self) -> str:
        day = f"{self.applies_from.day} {self.applies_from:%B %Y}"
        if self.ratio is None:
            return f"no budget rule from {day}"
        return f"one in, {self.ratio.normalize():f} out by hours, from {day}"


class RequirementEvent(models.Model):
    """The audit trail: every change to a requirement, who made it, when, and the hours a year
    it added (positive) or took away (negative). Never edited or deleted."""

    class Kind(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        EDITED = "edited", "Changed"
        ASSESSED = "assessed", "Burden assessed and sent to scrutiny"
        CONSULTED = "consulted", "Doers consulted"
        APPROVED = "approved", "Approved at scrutiny"
        SENT_BACK = "sent_back", "Sent back at scrutiny"
        REJECTED = "rejected", "Rejected at scrutiny"
        REVIEW = "review", "Put under review"
        SIMPLIFIED = "simplified", "Simplified"
        RETIRED = "retired", "Retired"
        REINSTATED = "reinstated", "Kept as it is after review"

    requirement = models.ForeignKey(Requirement, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    from_state = models.CharField(max_length=20, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=State.choices, blank=True)
    note = models.TextField(blank=True)
    hours_from = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    hours_to = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    hours_per_year_change = models.DecimalField(
        max_digits=12, decimal_places=1, null=True, blank=True
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["kind", "at"])]

    def __str__(self) -> str:
        return f"{self.requirement.reference} {self.get_kind_display()} at {self.at:%Y-%m-%d}"


class Consultation(models.Model):
    """A one-question pulse to the doers a proposal would land on, before scrutiny decides."""

    requirement = models.ForeignKey(
        Requirement, on_delete=models.CASCADE, related_name="consultations"
    )
    pulse = models.OneToOneField(Pulse, on_delete=models.PROTECT, related_name="consultation")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Consultation on {self.requirement}"


class Report(models.Model):
    """A doer's word on one occurrence: the hours it really took and how useful it is to them."""

    requirement = models.ForeignKey(Requirement, on_delete=models.PROTECT, related_name="reports")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    organisation_type = models.CharField(
        max_length=20, choices=Organisation.Type.choices, help_text="Kept as it was when reported."
    )
    due_on = models.DateField(help_text="The occurrence reported on.")
    hours = models.DecimalField(
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("2000"))],
    )
    estimated_hours = models.DecimalField(
        max_digits=7, decimal_places=2, help_text="The centre's estimate then, to compare with."
    )
    usefulness = models.PositiveSmallIntegerField(
        choices=USEFULNESS, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="burden_reports"
    )
    reported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-due_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "organisation", "due_on"], name="one_report_per_occurrence"
            )
        ]
        indexes = [
            models.Index(fields=["requirement", "due_on"]),
            models.Index(fields=["organisation", "due_on"]),
            models.Index(fields=["due_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} on {self.requirement} due {self.due_on}: {self.hours} h"


class ReportCell(models.Model):
    """Doers' reports summed for one requirement, kind of organisation and closed quarter: the
    base cell the ledger publishes from (see `disclosure`). Made once a quarter's reporting
    window has closed, when its reports can no longer change, so the ledger reads a few
    thousand rows however many reports there are."""

    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="+")
    organisation_type = models.CharField(max_length=20)
    quarter_start = models.DateField()
    doers = models.PositiveIntegerField(help_text="Different organisations that reported.")
    reports = models.PositiveIntegerField()
    hours = models.DecimalField(max_digits=14, decimal_places=2)
    estimated = models.DecimalField(max_digits=14, decimal_places=2)
    usefulness_total = models.PositiveIntegerField()
    useful = models.PositiveIntegerField(help_text="Reports finding it very or extremely useful.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["requirement", "organisation_type", "quarter_start"],
                name="one_cell_per_requirement_kind_quarter",
            )
        ]
        indexes = [models.Index(fields=["quarter_start", "requirement"])]

    def __str__(self) -> str:
        return f"{self.requirement} for {self.organisation_type} from {self.quarter_start}"


class ChangeProposal(models.Model):
    """Anyone's proposal to retire or simplify a requirement, and the centre's public answer."""

    class Action(models.TextChoices):
        RETIRE = "retire", "Retire it"
        SIMPLIFY = "simplify", "Simplify it"

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for a decision"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    requirement = models.ForeignKey(
        Requirement, on_delete=models.PROTECT, related_name="change_proposals"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    reason = models.TextField(help_text="Why: what it costs, and what would be lost.")
    suggested_hours = models.DecimalField(
        max_digits=7, decimal_places=2, null=True, blank=True, validators=HOURS
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="burden_proposals"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    hours_saved_per_year = models.DecimalField(
        max_digits=12, decimal_places=1, null=True, blank=True
    )

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        indexes = [models.Index(fields=["status", "-decided_at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.requirement}"


class Flag(models.Model):
    """A "fewer burdens" ask or pulse answer pointed at the requirement it is about."""

    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="flags")
    ask = models.ForeignKey(
        Ask, null=True, blank=True, on_delete=models.CASCADE, related_name="burden_flags"
    )
    answer = models.ForeignKey(
        Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="burden_flags"
    )
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    flagged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="flag_is_an_ask_or_an_answer",
                condition=models.Q(ask__isnull=False, answer__isnull=True)
                | models.Q(ask__isnull=True, answer__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["requirement", "ask"],
                condition=models.Q(ask__isnull=False),
                name="one_flag_per_ask",
            ),
            models.UniqueConstraint(
                fields=["requirement", "answer"],
                condition=models.Q(answer__isnull=False),
                name="one_flag_per_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"Flag on {self.requirement}"


class DueNotice(models.Model):
    """That the doers were asked, once, to report on an occurrence after it fell due."""

    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["requirement", "due_on"], name="one_notice_per_due")
        ]

    def __str__(self) -> str:
        return f"Report request for {self.requirement} due {self.due_on}"
