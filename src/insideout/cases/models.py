"""Cases, their needs, the pulls made for them, and the unmet needs that reach the centre.

Private by default: a case holds a reference, never a name; its partners and the leads of their
organisation see it, nobody else; every read is logged; its personal words can be erased while
the figures the centre counts (a need's category, place and date) stay.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from insideout.catalogue.models import Service
from insideout.directory.models import Organisation
from insideout.vocabulary import SocialNeed


class PullStatus(models.TextChoices):
    """A pull's states are the FHIR Task statuses that the HL7 SDOH Clinical Care guide uses for
    closed-loop referrals, one to one, so a referral platform speaking it can exchange pulls."""

    REQUESTED = "requested", "Sent"
    RECEIVED = "received", "Seen by the provider"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Declined"
    CANCELLED = "cancelled", "Withdrawn"
    ON_HOLD = "on-hold", "On the waiting list"
    IN_PROGRESS = "in-progress", "Started"
    COMPLETED = "completed", "Done"


OPEN_PULLS = [
    PullStatus.REQUESTED,
    PullStatus.RECEIVED,
    PullStatus.ACCEPTED,
    PullStatus.ON_HOLD,
    PullStatus.IN_PROGRESS,
]


class Verdict(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"


class Case(models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", "A person"
        FAMILY = "family", "A family"
        GROUP = "group", "A group"

    class AgeBand(models.TextChoices):
        CHILD = "child", "Under 16"
        YOUNG = "young", "16 to 24"
        ADULT = "adult", "25 to 64"
        OLDER = "older", "65 and over"
        MIXED = "mixed", "Mixed ages"

    AGES: dict[str, tuple[int, int]] = {
        AgeBand.CHILD: (0, 15),
        AgeBand.YOUNG: (16, 24),
        AgeBand.ADULT: (25, 64),
        AgeBand.OLDER: (65, 120),
        AgeBand.MIXED: (0, 120),
    }

    reference = models.CharField(
        max_length=60, help_text="Your own reference for them: initials or a number, not a name."
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PERSON)
    people = models.PositiveSmallIntegerField(default=1, help_text="How many people it is for.")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="cases")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    partners = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="cases")
    local_authority = models.CharField(
        max_length=9, help_text="Where they live, as a local authority (ONS GSS code)."
    )
    age_band = models.CharField(max_length=10, choices=AgeBand.choices, blank=True)
    circumstances = models.JSONField(
        default=list, blank=True, help_text="Only those that open services to them."
    )
    what_matters = models.TextField(blank=True, help_text="In their own words.")
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-opened_at"])]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", args=[self.pk])

    @property
    def label(self) -> str:
        return f"CASE-{self.pk:06d}" if self.pk else "CASE-new"

    @property
    def partner_ids(self) -> set[int]:
        return {p.pk for p in self.partners.all()}

    @property
    def ages(self) -> tuple[int, int] | None:
        return self.AGES.get(self.age_band)

    def consent(self) -> "Consent | None":
        """The consent in force: the latest given and not withdrawn, or None."""
        latest = self.consents.order_by("-recorded_at", "-pk").first()
        return latest if latest and latest.withdrawn_at is None else None


class Consent(models.Model):
    """What the person agreed to, as the partner recorded it; withdrawn, it stops new pulls."""

    class How(models.TextChoices):
        SPOKEN = "spoken", "Said so in person or on the phone"
        WRITTEN = "written", "In writing"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    shares_with_services = models.BooleanField(
        default=True,
        help_text="They agree to share what each service needs with the services pulled for them.",
    )
    how = models.CharField(max_length=10, choices=How.choices, default=How.SPOKEN)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Consent for {self.case.label} on {self.recorded_at:%Y-%m-%d}"


class Goal(models.Model):
    class Status(models.TextChoices):
        WORKING = "working", "Working on it"
        ACHIEVED = "achieved", "Achieved"
        DROPPED = "dropped", "No longer a goal"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField(help_text="In their own words.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WORKING)
    set_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["set_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Need(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Looking for help"
        PULLED = "pulled", "A service was pulled"
        MET = "met", "Met"
        UNMET = "unmet", "Unmet: no service or no room"
        CLOSED = "closed", "No longer needed"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="needs")
    category = models.CharField(max_length=20, choices=SocialNeed.choices)
    text = models.TextField(help_text="What they need, in their words or yours.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    raised_at = models.DateTimeField(default=timezone.now)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["raised_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.text[:50]}"

    def get_absolute_url(self) -> str:
        return reverse("cases:need", args=[self.case_id, self.pk])


class Pull(models.Model):
    """A service pulled for a need: a closed-loop referral, followed to its outcome."""

    class Reason(models.TextChoices):
        NOT_SUITABLE = "not_suitable", "Not the right service for them"
        NO_CAPACITY = "no_capacity", "No capacity"
        OTHER = "other", "Another reason"

    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="pulls")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="pulls")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="pulls")
    provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="pulls_received",
        help_text="The directory organisation that runs the service and answers the pull.",
    )
    status = models.CharField(
        max_length=12, choices=PullStatus.choices, default=PullStatus.REQUESTED
    )
    note_for_provider = models.TextField(
        help_text="Only what the service needs to know to help: it sees nothing else of the case."
    )
    reason = models.CharField(max_length=20, choices=Reason.choices, blank=True)
    reason_note = models.TextField(blank=True)
    outcome_note = models.TextField(blank=True, help_text="What the service did.")
    helped = models.CharField(max_length=10, choices=Verdict.choices, blank=True)
    helped_words = models.TextField(blank=True, help_text="Whether it helped, in their words.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    received_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [
            models.Index(fields=["provider", "status", "-requested_at"]),
            models.Index(fields=["case", "-requested_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} to {self.service}"

    def get_absolute_url(self) -> str:
        return reverse("cases:pull", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"PULL-{self.pk:06d}" if self.pk else "PULL-new"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_PULLS


class CaseEvent(models.Model):
    """The audit trail: every change to a case and its pulls, who made it, when. Never edited
    (except that erasure blanks the words of notes)."""

    class Kind(models.TextChoices):
        OPENED = "opened", "Case opened"
        CONSENT = "consent", "Consent recorded"
        CONSENT_WITHDRAWN = "consent_withdrawn", "Consent withdrawn"
        WHAT_MATTERS = "what_matters", "What matters recorded"
        GOAL = "goal", "Goal set"
        GOAL_CHANGED = "goal_changed", "Goal updated"
        NEED = "need", "Need recorded"
        UNMET = "unmet", "Recorded as an unmet need"
        PULLED = "pulled", "Service pulled"
        RECEIVED = "received", "Seen by the provider"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        NO_CAPACITY = "no_capacity", "Declined: no capacity"
        WAITLISTED = "waitlisted", "Put on the waiting list"
        STARTED = "started", "Started"
        COMPLETED = "completed", "Done"
        CANCELLED = "cancelled", "Withdrawn"
        OUTCOME = "outcome", "Whether it helped recorded"
        EXPORTED = "exported", "Their data exported (subject access)"
        ERASED = "erased", "Their personal data erased"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    pull = models.ForeignKey(
        Pull, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty when the system acted.",
    )
    from_status = models.CharField(max_length=12, choices=PullStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=PullStatus.choices, blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.case.label} {self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"


class CaseRead(models.Model):
    """Every time someone reads a case or one of its pulls, in a page, the API or an export."""

    class What(models.TextChoices):
        CASE = "case", "The case"
        PULL = "pull", "A pull"
        EXPORT = "export", "A subject access export"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reads")
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    what = models.CharField(max_length=10, choices=What.choices, default=What.CASE)
    via = models.CharField(max_length=10, default="page")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["case", "-at"])]

    def __str__(self) -> str:
        return f"{self.reader} read {self.case.label} at {self.at:%Y-%m-%d %H:%M}"


class UnmetNeed(models.Model):
    """A need that found no service, or whose pulls were declined for lack of capacity: a signal
    to the centre, counted by category, place and quarter, never shown one by one."""

    class Reason(models.TextChoices):
        NO_SERVICE = "no_service", "No service fits"
        NO_CAPACITY = "no_capacity", "No capacity"

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="signals")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="signals")
    reason = models.CharField(max_length=12, choices=Reason.choices)
    category = models.CharField(max_length=20, choices=SocialNeed.choices)
    local_authority = models.CharField(max_length=9)
    region = models.CharField(max_length=9, blank=True)
    people = models.PositiveSmallIntegerField(default=1)
    raised_on = models.DateField(default=timezone.localdate)
    services_full = models.ManyToManyField(
        Service, blank=True, related_name="+", help_text="For no capacity: the services full."
    )
    answered_by = models.ForeignKey(
        Service,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals_answered",
        help_text="A new or expanded service the centre says answers it.",
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["need", "reason"], name="one_signal_per_need_reason")
        ]
        indexes = [models.Index(fields=["raised_on", "category", "region"])]

    def __str__(self) -> str:
        return f"Unmet {self.get_category_display()} need ({self.get_reason_display()})"
