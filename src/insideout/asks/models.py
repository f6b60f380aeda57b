"""Asks: what a doer needs, who in the centre owns it, what was done, and whether it helped."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from insideout.directory.models import CentreUnit, Organisation
from insideout.pulses.models import Answer, Pulse
from insideout.vocabulary import NeedCategory


class Status(models.TextChoices):
    RAISED = "raised", "Raised"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    COMMITTED = "committed", "Committed"
    DECLINED = "declined", "Declined"
    DELIVERED = "delivered", "Delivered"
    CONFIRMED = "confirmed", "Helped, say the doers"
    REOPENED = "reopened", "Reopened"
    WITHDRAWN = "withdrawn", "Withdrawn"
    MERGED = "merged", "Merged into another ask"


OPEN_STATUSES = [Status.RAISED, Status.REOPENED, Status.ACKNOWLEDGED, Status.COMMITTED]
AWAITING_ACKNOWLEDGEMENT = [Status.RAISED, Status.REOPENED]


class Verdict(models.TextChoices):
    YES = "yes", "Yes, it did what we needed"
    PARTLY = "partly", "Partly: something is still missing"
    NO = "no", "No, it did not help"


class Urgency(models.TextChoices):
    LOW = "low", "Not urgent: this year"
    MEDIUM = "medium", "Soon: this term"
    HIGH = "high", "Urgent: it stops us working now"


class ServiceLevel(models.Model):
    """How fast the centre promises to answer an ask of each category."""

    category = models.CharField(max_length=20, choices=NeedCategory.choices, unique=True)
    days_to_acknowledge = models.PositiveSmallIntegerField(
        default=2, help_text="Working days in England and Wales."
    )
    days_to_decide = models.PositiveSmallIntegerField(
        default=10, help_text="Working days from raising (or reopening) to committing or declining."
    )

    class Meta:
        ordering = ["category"]

    def __str__(self) -> str:
        return (
            f"{self.get_category_display()}: acknowledge in {self.days_to_acknowledge} working "
            f"days, decide in {self.days_to_decide}"
        )


class TriageRule(models.Model):
    """Routes a new ask to a unit when it matches; the first matching rule, by position, wins."""

    position = models.PositiveSmallIntegerField(default=0)
    unit = models.ForeignKey(CentreUnit, on_delete=models.CASCADE, related_name="triage_rules")
    category = models.CharField(max_length=20, choices=NeedCategory.choices, blank=True)
    organisation_type = models.CharField(
        max_length=20, choices=Organisation.Type.choices, blank=True
    )
    region = models.CharField(max_length=9, blank=True)
    keywords = models.CharField(
        max_length=300,
        blank=True,
        help_text="Words or phrases separated by commas; any one of them in the ask matches.",
    )
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"Rule {self.position}: to {self.unit}"

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip().lower() for k in self.keywords.split(",") if k.strip()]

    def clean(self) -> None:
        if not (self.category or self.organisation_type or self.region or self.keyword_list):
            raise ValidationError(
                "A rule needs at least one condition: a kind of help, "
                "a kind of organisation, a region or keywords"
            )


class Ask(models.Model):
    title = models.CharField(max_length=200, help_text="What you need, in a line.")
    detail = models.TextField(blank=True)
    category = models.CharField(max_length=20, choices=NeedCategory.choices)
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.MEDIUM)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="asks",
        help_text="Empty only for an ask the centre took from an anonymous pulse answer.",
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="asks_raised"
    )
    on_behalf = models.BooleanField(default=False, help_text="Logged by centre staff for the doer.")
    suggested_unit = models.ForeignKey(
        CentreUnit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.ForeignKey(
        CentreUnit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="asks",
        help_text="Empty while in the triage queue.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RAISED)
    commitment = models.TextField(blank=True, help_text="What the centre will do.")
    due_on = models.DateField(null=True, blank=True, help_text="By when it will be done.")
    decline_reason = models.TextField(blank=True)
    delivery_note = models.TextField(blank=True, help_text="What was done.")
    helped = models.CharField(max_length=10, choices=Verdict.choices, blank=True)
    helped_comment = models.TextField(blank=True)
    fixed = models.CharField(
        max_length=10,
        choices=Verdict.choices,
        blank=True,
        help_text="The doer's answer some weeks after delivery.",
    )
    public = models.BooleanField(
        default=False, help_text="The doer agrees to be named on the 'You said, we did' page."
    )
    source_pulse = models.ForeignKey(
        Pulse, null=True, blank=True, on_delete=models.SET_NULL, related_name="asks"
    )
    source_answer = models.OneToOneField(
        Answer, null=True, blank=True, on_delete=models.SET_NULL, related_name="ask"
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_asks"
    )
    raised_at = models.DateTimeField(default=timezone.now)
    # The service level's clock: it starts when the ask is raised and again when it is reopened.
    clock_started_at = models.DateTimeField(null=True, blank=True)
    acknowledge_due_at = models.DateTimeField(null=True, blank=True)
    decide_due_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    follow_up_sent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-raised_at", "-pk"]
        indexes = [
            models.Index(fields=["unit", "status", "-raised_at"]),
            # A unit's queue, oldest first, read a page at a time without sorting it all.
            models.Index(fields=["unit", "raised_at", "id"], name="asks_queue_in_order"),
            models.Index(fields=["organisation", "-raised_at"]),
            models.Index(fields=["status", "-raised_at"]),
            models.Index(fields=["unit", "status", "decide_due_at"], name="asks_due_in_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("asks:detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"ASK-{self.pk:06d}" if self.pk else "ASK-new"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def service_level(self) -> ServiceLevel:
        return ServiceLevel.objects.filter(category=self.category).first() or ServiceLevel(
            category=self.category
        )

    def acknowledge_by(self, level: ServiceLevel | None = None):
        """When the unit must acknowledge it (service_levels.start_clock sets it)."""
        return self.acknowledge_due_at

    def decide_by(self, level: ServiceLevel | None = None):
        """When the unit must commit or decline."""
        return self.decide_due_at


class AskEvent(models.Model):
    """The audit trail: every change to an ask, who made it and when. Never edited or deleted."""

    class Kind(models.TextChoices):
        RAISED = "raised", "Raised"
        ROUTED = "routed", "Routed"
        PASSED_ON = "passed_on", "Passed on"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        COMMITTED = "committed", "Committed"
        DECLINED = "declined", "Declined"
        DELIVERED = "delivered", "Delivered"
        CONFIRMED = "confirmed", "Doer said whether it helped"
        FOLLOWED_UP = "followed_up", "Doer said whether it is fixed"
        REOPENED = "reopened", "Reopened"
        WITHDRAWN = "withdrawn", "Withdrawn"
        MERGED = "merged", "Merged"
        JOINED = "joined", "Me too"
        SLA_BREACHED = "sla_breached", "Service level missed"

    ask = models.ForeignKey(Ask, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty when the system acted.",
    )
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    from_unit = models.ForeignKey(
        CentreUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_unit = models.ForeignKey(
        CentreUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(blank=True)
    missed_target = models.CharField(
        max_length=20, blank=True, help_text="For a missed service level: which target."
    )
    target_due_at = models.DateTimeField(
        null=True, blank=True, help_text="For a missed service level: when it was due."
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            # A unit hears once of each missed target, however often the check runs.
            models.UniqueConstraint(
                fields=["ask", "missed_target", "target_due_at"],
                condition=models.Q(kind="sla_breached"),
                name="one_breach_per_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.ask.reference} {self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"


class Supporter(models.Model):
    """A doer who shares the need: the raiser, anyone who said 'me too', and those merged in."""

    ask = models.ForeignKey(Ask, on_delete=models.PROTECT, related_name="supporters")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="asks_supported"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ask", "person"], name="one_support_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} supports {self.ask.reference}"


class HelpedAnswer(models.Model):
    """One supporting organisation's answer to "Did it help?" about one delivery of an ask."""

    ask = models.ForeignKey(Ask, on_delete=models.PROTECT, related_name="helped_answers")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    delivered_at = models.DateTimeField(help_text="The delivery the answer is about.")
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    comment = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ask", "organisation", "delivered_at"], name="one_answer_per_delivery"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} on {self.ask.reference}: {self.get_verdict_display()}"
