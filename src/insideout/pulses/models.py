"""Pulses: short recurring surveys the centre sends the doers, and what the doers answered."""

import secrets
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from insideout.directory.models import CentreUnit, Organisation
from insideout.vocabulary import NeedCategory

T = TypeVar("T")

# Personal links are the invitation's id signed with the site's secret: unguessable, the same in
# every reminder, and useless to anyone who reads the database without the secret.
INVITATION_SIGNER = signing.Signer(salt="insideout.pulses.invitation", sep=".")


def random_id() -> int:
    """A random 63-bit identifier: unlike a sequence, it says nothing of when a row was written."""
    return secrets.randbelow(2**63 - 1) + 1


class RandomIdField(models.BigIntegerField):
    """A primary key drawn at random. On SQLite the column is typed "integer", which makes it the
    table's rowid: otherwise SQLite would keep a hidden rowid counting up beside it."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("primary_key", True)
        kwargs.setdefault("default", random_id)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def db_type(self, connection) -> str | None:
        return "integer" if connection.vendor == "sqlite" else super().db_type(connection)


class Question(models.Model):
    """A question in the bank. Unit questions are asked once for each unit the doer dealt with."""

    class Kind(models.TextChoices):
        UNIT_NPS = "unit_nps", "0 to 10, for each unit the doer dealt with"
        AGREEMENT = "agreement", "Five-point agreement"
        NEED = "need", "Free text with a category of need"
        FREE_TEXT = "free_text", "Free text"

    code = models.SlugField(unique=True, help_text="A stable name for exports and the API.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.CharField(
        max_length=300, help_text="For unit questions, write {unit} where the unit's name goes."
    )
    hint = models.CharField(max_length=300, blank=True)
    is_standard = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-is_standard", "pk"]

    def __str__(self) -> str:
        return self.shown_text

    @property
    def shown_text(self) -> str:
        """The question as staff read it in lists: "{unit}" stands for each unit rated."""
        return self.text.replace("{unit}", "each unit")

    def text_for(self, unit: CentreUnit | None) -> str:
        return self.text.replace("{unit}", unit.name) if unit else self.shown_text


AGREEMENT_LEVELS = [
    (5, "Strongly agree"),
    (4, "Agree"),
    (3, "Neither agree nor disagree"),
    (2, "Disagree"),
    (1, "Strongly disagree"),
]


class Pulse(models.Model):
    class Cadence(models.TextChoices):
        ONE_OFF = "one_off", "One-off"
        MONTHLY = "monthly", "Monthly"
        TERMLY = "termly", "Termly"
        QUARTERLY = "quarterly", "Quarterly"

    class Anonymity(models.TextChoices):
        ANONYMOUS = "anonymous", "Anonymous: answers are never linked to the person"
        ATTRIBUTED = "attributed", "Attributed: the centre can see who said what"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    title = models.CharField(max_length=200)
    cadence = models.CharField(max_length=20, choices=Cadence.choices, default=Cadence.QUARTERLY)
    opens_on = models.DateField()
    closes_on = models.DateField()
    anonymity = models.CharField(
        max_length=20, choices=Anonymity.choices, default=Anonymity.ANONYMOUS
    )
    min_group_size = models.PositiveSmallIntegerField(
        default=5, help_text="No breakdown is shown for fewer respondents than this."
    )
    min_text_group_size = models.PositiveSmallIntegerField(
        default=10, help_text="No comments are shown for a group smaller than this."
    )
    audience_types = models.JSONField(default=list, blank=True)
    audience_regions = models.JSONField(default=list, blank=True)
    audience_organisations = models.ManyToManyField(Organisation, blank=True, related_name="+")
    units = models.ManyToManyField(
        CentreUnit, related_name="pulses", help_text="The units doers are asked to rate."
    )
    questions: "models.ManyToManyField[Question, PulseQuestion]" = models.ManyToManyField(
        Question, through="PulseQuestion", related_name="pulses"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    reminder_every_days = models.PositiveSmallIntegerField(default=7)
    max_reminders = models.PositiveSmallIntegerField(default=2)
    playback = models.TextField(
        blank=True, help_text="What the doers said and what the centre will do about it."
    )
    kept_segments = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="Fixed at launch: what each kind and region of invited organisation keeps on "
        "its responses, [kind, region, kept kind, kept region].",
    )
    launched_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    playback_sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pulses:detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = "The closing date must be on or after the opening date"
        if self.min_group_size is not None and self.min_group_size < 3:
            errors["min_group_size"] = "Groups smaller than 3 could identify people"
        elif (
            self.min_text_group_size is not None
            and self.min_group_size
            and self.min_text_group_size < self.min_group_size
        ):
            errors["min_text_group_size"] = "Comments need at least as large a group as numbers"
        if errors:
            raise ValidationError(errors)

    @property
    def is_anonymous(self) -> bool:
        return self.anonymity == self.Anonymity.ANONYMOUS

    @property
    def accepts_answers(self) -> bool:
        return self.status == self.Status.OPEN and timezone.localdate() <= self.closes_on

    @property
    def results_published(self) -> bool:
        """An anonymous pulse's results appear only once it has closed: figures that change as
        each doer answers would tell each answer to someone reading them before and after."""
        return not self.is_anonymous or self.status == self.Status.CLOSED

    def headline_question(self) -> Question | None:
        """The first 0 to 10 question: the one the scorecard scores each unit by."""
        return next((q for q in self.ordered_questions() if q.kind == Question.Kind.UNIT_NPS), None)

    def ordered_questions(self) -> list[Question]:
        """The pulse's questions in order: from a prefetch of `pulse_questions__question` if
        there was one, else in one query (kept on a launched pulse, whose questions are fixed)."""
        if "pulse_questions" in getattr(self, "_prefetched_objects_cache", {}):
            return [pq.question for pq in self.pulse_questions.all()]
        return self._kept_once_launched(
            "_ordered_questions",
            lambda: [pq.question for pq in self.pulse_questions.select_related("question")],
        )

    def unit_ids(self) -> set[int]:
        """The units the pulse rates, in one query (kept on a launched pulse, like its questions:
        a doer's answer asks for both and should cost a query for each once)."""
        return self._kept_once_launched(
            "_unit_ids", lambda: set(self.units.values_list("pk", flat=True))
        )

    def _kept_once_launched(self, name: str, read: Callable[[], T]) -> T:
        """A draft's contents may change (`services.set_contents`); a launched pulse's may not,
        so what is read of them is kept on this instance for the rest of its life."""
        if name in self.__dict__:
            return self.__dict__[name]
        value = read()
        if self.status != self.Status.DRAFT:
            self.__dict__[name] = value
        return value


class PulseQuestion(models.Model):
    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="pulse_questions")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pulse", "question"], name="unique_pulse_question")
        ]

    def __str__(self) -> str:
        return f"{self.position + 1}. {self.question}"


class Invitation(models.Model):
    """One person's personal link to one pulse. Tracks whether they answered, never what."""

    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pulse_invitations"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_reminded_at = models.DateTimeField(null=True, blank=True)
    draft = models.JSONField(
        default=dict, blank=True, help_text="Answers saved before submitting; emptied on submit."
    )
    submitted_at = models.DateField(
        null=True,
        blank=True,
        help_text="The day it was answered, never the time: a time could be matched to answers.",
    )

    # Not stored: the blocks of its pulse's playback (pulses.playback), for the "My pulses" page.
    playback_blocks: list

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pulse", "person"], name="one_invitation_per_person")
        ]
        indexes = [models.Index(fields=["pulse", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.pulse}"

    def get_absolute_url(self) -> str:
        return reverse("pulses:answer", args=[self.token])

    @property
    def token(self) -> str:
        return INVITATION_SIGNER.sign(str(self.pk))

    @classmethod
    def from_token(cls, token: str) -> "Invitation | None":
        try:
            pk = int(INVITATION_SIGNER.unsign(token))
        except (signing.BadSignature, ValueError):
            return None
        return cls.objects.select_related("pulse", "person", "organisation").filter(pk=pk).first()


class Response(models.Model):
    """One submitted set of answers. For anonymous pulses it keeps only the doer's segment, as
    coarse as it must be (see `disclosure.recorded_segment`), no date, and a random id."""

    id = RandomIdField()
    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="responses")
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.PROTECT, related_name="response"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation_type = models.CharField(
        max_length=20, choices=Organisation.Type.choices, blank=True, help_text="Blank: not kept."
    )
    region = models.CharField(max_length=9, blank=True, help_text="Blank: not kept.")
    submitted_on = models.DateField(
        null=True, blank=True, help_text="Attributed pulses only: the day, never the time."
    )

    class Meta:
        indexes = [models.Index(fields=["pulse", "organisation_type", "region"])]

    def __str__(self) -> str:
        return f"Response to {self.pulse}"


class Answer(models.Model):
    id = RandomIdField()
    # The pulse again, so that a pulse's answers are found by an index of their own.
    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    unit = models.ForeignKey(
        CentreUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    score = models.SmallIntegerField(null=True, blank=True)
    category = models.CharField(max_length=20, choices=NeedCategory.choices, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["question", "unit"]),
            # Comment counts and pages read one question's answers in one pulse.
            models.Index(fields=["pulse", "question"]),
        ]

    def __str__(self) -> str:
        return f"{self.question.code}: {self.score if self.score is not None else self.text[:40]}"

    def save(self, *args, **kwargs) -> None:
        if self.pulse_id is None and self.response_id is not None:
            self.pulse_id = self.response.pulse_id  # an answer's pulse is its response's
        super().save(*args, **kwargs)


class UnitScoreRollup(models.Model):
    """Respondents who were promoters, passives and detractors of a unit, per pulse and doer
    segment, on the pulse's headline question (each respondent counted once).

    Kept up to date as each response is submitted, so scorecards read a few thousand rows
    however many answers there are.
    """

    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(CentreUnit, on_delete=models.CASCADE, related_name="+")
    organisation_type = models.CharField(max_length=20)
    region = models.CharField(max_length=9, blank=True)
    promoters = models.PositiveIntegerField(default=0)
    passives = models.PositiveIntegerField(default=0)
    detractors = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pulse", "unit", "organisation_type", "region"],
                name="unique_unit_score_segment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} in {self.pulse} ({self.organisation_type}, {self.region})"


class AgreementRollup(models.Model):
    """Respondents who gave each agreement level, per pulse, question and doer segment."""

    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    organisation_type = models.CharField(max_length=20)
    region = models.CharField(max_length=9, blank=True)
    level = models.PositiveSmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["pulse", "question", "organisation_type", "region", "level"],
                name="unique_agreement_level_segment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question.code}={self.level} in {self.pulse}: {self.count}"
