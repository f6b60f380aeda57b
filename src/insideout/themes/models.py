"""Themed text: a set of texts from one source, its themes, every text's place in them, and the
frameworks analysts pin so later texts are assigned to the same themes."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from insideout.language.sentiment import SENTIMENTS


class Framework(models.Model):
    """Themes an analyst has pinned (a name, a description, a few examples each)."""

    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("themes:framework", args=[self.pk])


class FrameworkTheme(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    examples = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["framework", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "name"], name="framework_theme_name")
        ]

    def __str__(self) -> str:
        return self.name


class TextSet(models.Model):
    """A set of free texts themed together: one pulse question, a unit's asks, an upload..."""

    class Source(models.TextChoices):
        PULSE_QUESTION = "pulse_question", "Answers to a pulse question"
        ASKS = "asks", "Asks"
        CONTACTS = "contacts", "Citizen contacts"
        UNMET_NEEDS = "unmet_needs", "Unmet needs"
        UPLOAD = "upload", "An uploaded file"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    name = models.CharField(max_length=200)
    source = models.CharField(max_length=20, choices=Source.choices)
    # What the source picked out, e.g. {"pulse": 3, "question": 5} or {"unit": 2}.
    scope = models.JSONField(default=dict, blank=True)
    threshold = models.PositiveSmallIntegerField(
        default=10, help_text="A theme is shown only with at least this many distinct respondents."
    )
    framework = models.ForeignKey(
        Framework, null=True, blank=True, on_delete=models.SET_NULL, related_name="text_sets"
    )
    engine = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    problem = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    themed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("themes:text_set", args=[self.pk])


class Theme(models.Model):
    text_set = models.ForeignKey(TextSet, on_delete=models.CASCADE, related_name="themes")
    label = models.CharField(max_length=120)
    key_phrases = models.JSONField(default=list, blank=True)
    framework_theme = models.ForeignKey(
        FrameworkTheme, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Texts that fit no pinned theme, grouped: offered to analysts as a new theme.
    is_candidate = models.BooleanField(default=False)
    renamed = models.BooleanField(default=False, help_text="Named by an analyst, not the machine.")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["text_set", "is_candidate", "position", "pk"]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("themes:theme", args=[self.pk])


class ThemedText(models.Model):
    """One text and its place: which theme, how surely, its sentiment, who and when."""

    class Sentiment(models.TextChoices):
        POSITIVE = SENTIMENTS[0], "Positive"
        NEUTRAL = SENTIMENTS[1], "Neutral"
        NEGATIVE = SENTIMENTS[2], "Negative"

    text_set = models.ForeignKey(TextSet, on_delete=models.CASCADE, related_name="texts")
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="texts"
    )
    text = models.TextField()
    # Where the text came from, e.g. "answer:12" or "ask:7" or the uploaded row's id.
    origin = models.CharField(max_length=80, blank=True)
    # Who said it, only as a key for counting distinct respondents ("response:12", "org:3").
    respondent = models.CharField(max_length=80, blank=True)
    segment = models.CharField(max_length=60, blank=True)
    said_on = models.DateField(null=True, blank=True)
    confidence = models.FloatField(default=0)
    sentiment = models.CharField(max_length=10, choices=Sentiment.choices, blank=True)
    moved_by_analyst = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["theme", "said_on"])]

    def __str__(self) -> str:
        return self.text[:60]


class EvaluationRun(models.Model):
    """One run of the evaluation on labelled text, kept so the page can show it."""

    data = models.CharField(max_length=300)
    report = models.JSONField(default=dict)
    ran_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-ran_at", "-pk"]

    def __str__(self) -> str:
        return f"Evaluation of {self.data} at {self.ran_at:%Y-%m-%d %H:%M}"


class StoredEmbedding(models.Model):
    """A text's sentence embedding, keyed by a digest of the model and the text, so a service
    (or anything else matched often) is embedded once, and again only when its text changes."""

    digest = models.CharField(max_length=40, unique=True)
    vector = models.BinaryField()
    stored_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.digest
