"""Citizens' demand: the services they contact, each contact and how it is classified, who raised
it (kept apart, so it can be forgotten), whether it was put right, and the classifier's models."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from insideout.accounts.models import hash_secret as digest
from insideout.directory.models import CentreUnit, Organisation


class Service(models.Model):
    """What citizens contact the department about: an Open311 service (request type)."""

    code = models.CharField(
        max_length=64, unique=True, help_text="The Open311 service_code, such as BINS-MISSED."
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    group = models.CharField(max_length=100, blank=True, help_text="Such as ‘waste’.")
    keywords = models.CharField(max_length=300, blank=True, help_text="Comma-separated.")
    unit = models.ForeignKey(
        CentreUnit,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="demand_services",
        help_text="The team that runs the service and sees what citizens say of it.",
    )
    open311 = models.BooleanField(
        default=True, help_text="Offered at the Open311 front door and the citizens' form."
    )
    service_notice = models.CharField(
        max_length=300, blank=True, help_text="What happens next, told to whoever reports."
    )
    expected_days = models.PositiveIntegerField(
        null=True, blank=True, help_text="Days within which a request is usually put right."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Contact(models.Model):
    """One contact from a citizen: when, how, about what, what they said, and what kind it is."""

    class Channel(models.TextChoices):
        PHONE = "phone", "Phone"
        EMAIL = "email", "E-mail"
        WEB = "web", "Web"
        FACE_TO_FACE = "face_to_face", "Face to face"
        LETTER = "letter", "Letter"
        OPEN311 = "open311", "Open311"

    class DemandType(models.TextChoices):
        VALUE = "value", "Value demand"
        FAILURE = "failure", "Failure demand"

    class FailureCause(models.TextChoices):
        PROGRESS_CHASING = "progress_chasing", "Progress chasing"
        NOT_RIGHT_FIRST_TIME = "not_right_first_time", "Not done right first time"
        LACK_OF_INFORMATION = "lack_of_information", "Lack of information"
        COMPLAINT = "complaint", "Complaint"
        WRONG_PLACE = "wrong_place", "Sent to the wrong place"
        OTHER = "other", "Other failure"

    class ClassifiedBy(models.TextChoices):
        RULE = "rule", "A rule"
        MODEL = "model", "The classifier"
        ANALYST = "analyst", "An analyst"
        IMPORTED = "imported", "The imported file"
        CITIZEN = "citizen", "The citizen, who said it was not put right"

    external_id = models.CharField(
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        help_text="The contact's identifier in the system it came from; re-imports match on it.",
    )
    received_at = models.DateTimeField(db_index=True)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="contacts")
    text = models.TextField(blank=True, help_text="What the citizen said, personal data removed.")
    raw_text = models.TextField(
        blank=True, help_text="As said, kept only where the department chooses, for a time."
    )
    what_matters = models.CharField(max_length=500, blank=True)
    place = models.CharField(max_length=100, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    status_notes = models.CharField(max_length=500, blank=True)
    # Where the request is about (Open311).
    address = models.CharField(max_length=300, blank=True)
    address_id = models.CharField(max_length=100, blank=True)
    zipcode = models.CharField(max_length=20, blank=True)
    lat = models.FloatField(null=True, blank=True)
    long = models.FloatField(null=True, blank=True)
    media_url = models.URLField(max_length=500, blank=True)
    # Its classification, and where that came from.
    demand_type = models.CharField(max_length=10, choices=DemandType.choices, blank=True)
    failure_cause = models.CharField(max_length=30, choices=FailureCause.choices, blank=True)
    need = models.CharField(max_length=80, blank=True)
    classified_by = models.CharField(max_length=10, choices=ClassifiedBy.choices, blank=True)
    confidence = models.FloatField(null=True, blank=True)
    drivers = models.JSONField(default=list, blank=True, help_text="The words that decided it.")
    labelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    repeat_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="repeats"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["service", "received_at"]),
            models.Index(fields=["classified_by", "confidence"]),
        ]

    def __str__(self) -> str:
        return f"{self.service} contact of {self.received_at:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    @property
    def expected_at(self):
        days = self.service.expected_days
        return self.received_at + timedelta(days=days) if days else None

    @property
    def label(self) -> str:
        """Its classification in words: ‘Failure demand: progress chasing’."""
        if not self.demand_type:
            return "Not classified"
        if self.demand_type == self.DemandType.FAILURE and self.failure_cause:
            return f"Failure demand: {self.get_failure_cause_display().lower()}"
        return self.get_demand_type_display()


class Requester(models.Model):
    """Who raised a request and how to reach them, apart from the contact so it can be deleted."""

    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="requester")
    email = models.EmailField(blank=True)
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    link_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Requester of contact {self.contact_id}"

    @classmethod
    def issue(cls, contact: Contact, **details) -> tuple["Requester", str]:
        """Record who raised a contact; returns the row and the raw secret of their status link."""
        raw = secrets.token_urlsafe(24)
        return cls.objects.create(contact=contact, link_digest=digest(raw), **details), raw


class Feedback(models.Model):
    """The citizen's word, once their request is resolved: was it put right, and did it meet what
    mattered to them. A ‘no’ is recorded as failure demand against the service."""

    class Met(models.TextChoices):
        YES = "yes", "Yes"
        PARTLY = "partly", "Partly"
        NO = "no", "No"

    contact = models.OneToOneField(Contact, on_delete=models.CASCADE, related_name="feedback")
    put_right = models.BooleanField()
    what_mattered_met = models.CharField(max_length=10, choices=Met.choices)
    comment = models.TextField(blank=True)
    failure_contact = models.OneToOneField(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="from_feedback"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Feedback on contact {self.contact_id}"


class ClassificationRule(models.Model):
    """An analyst's rule: contacts (of one service, or any) whose text has any of these words or
    phrases are classified so. Rules come before the classifier; the lowest position wins."""

    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="rules"
    )
    keywords = models.CharField(
        max_length=500,
        help_text="Words or phrases, comma-separated, matched as whole words in any case. "
        "Start with re: for a regular expression.",
    )
    demand_type = models.CharField(max_length=10, choices=Contact.DemandType.choices)
    failure_cause = models.CharField(
        max_length=30, choices=Contact.FailureCause.choices, blank=True
    )
    need = models.CharField(max_length=80, blank=True)
    position = models.PositiveIntegerField(default=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.keywords} → {self.demand_type}"


class ClassifierModel(models.Model):
    """A text classifier trained on labelled contacts, with its cross-validated evaluation."""

    created_at = models.DateTimeField(auto_now_add=True)
    trained_on = models.PositiveIntegerField()
    classes = models.JSONField(default=list)
    evaluation = models.JSONField(default=dict, help_text="Precision and recall per class.")
    pipeline = models.BinaryField(help_text="The fitted scikit-learn pipeline.")

    class Meta:
        ordering = ["-created_at", "-pk"]
        get_latest_by = "created_at"

    def __str__(self) -> str:
        return f"Classifier of {self.created_at:%Y-%m-%d %H:%M} ({self.trained_on} labels)"


class ServiceChange(models.Model):
    """A known change to how a service works: its charts recalculate their limits from here."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="changes")
    changed_on = models.DateField()
    description = models.CharField(max_length=300)

    class Meta:
        ordering = ["changed_on"]

    def __str__(self) -> str:
        return f"{self.service}: {self.description} ({self.changed_on})"


class Open311Key(models.Model):
    """An Open311 client's api_key; stored as a digest, managed by admins."""

    name = models.CharField(max_length=100, help_text="Who the key is for.")
    digest = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "Open311 key"

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, name: str, raw: str | None = None) -> tuple["Open311Key", str]:
        raw = raw or secrets.token_urlsafe(24)
        return cls.objects.create(name=name, digest=digest(raw), hint=raw[:4]), raw

    @classmethod
    def accepts(cls, raw: str) -> bool:
        return bool(raw) and cls.objects.filter(digest=digest(raw), revoked_at=None).exists()


class DemandImport(models.Model):
    """One upload of contacts: checked first, applied only if it has no errors."""

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
    content = models.BinaryField()
    column_map = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKED)
    row_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"
