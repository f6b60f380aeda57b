"""The rules of a pulse: who is asked, launching, answering once, reminding, closing."""

import calendar
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypedDict

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from insideout.accounts.models import User
from insideout.directory.models import Membership, Organisation
from insideout.directory.places import REGION_CHOICES
from insideout.vocabulary import DOER_ROLES, NeedCategory
from insideout.web.decorators import refuse_unless

from . import disclosure
from .models import Answer, Invitation, Pulse, Question, Response
from .rollups import count_response
from .tasks import send_invitations, send_playback

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class ResponseCounts(TypedDict):
    invited: int
    responded: int


def audience_organisations(pulse: Pulse) -> QuerySet[Organisation]:
    """The organisations a pulse goes to: a list if one was given, else by type and region."""
    listed = pulse.audience_organisations.all()
    if pulse.pk and listed.exists():
        return listed
    organisations = Organisation.objects.all()
    if pulse.audience_types:
        organisations = organisations.filter(type__in=pulse.audience_types)
    if pulse.audience_regions:
        organisations = organisations.filter(region__in=pulse.audience_regions)
    return organisations


def audience_memberships(pulse: Pulse) -> QuerySet[Membership]:
    """One membership per doer to invite: their first organisation in the audience."""
    return Membership.objects.filter(
        role__in=DOER_ROLES,
        organisation__in=audience_organisations(pulse),
        person__is_active=True,
    ).order_by("person_id", "organisation_id")


def require_runner(user: User) -> None:
    """Centre leads and admins run pulses; officers and analysts read them."""
    refuse_unless(user.is_centre_lead, "Only centre leads and admins can run pulses.")


@transaction.atomic
def set_contents(pulse: Pulse, units, questions, organisations) -> None:
    """Which units a draft pulse rates, its questions in order, and its listed audience."""
    if pulse.status != Pulse.Status.DRAFT:
        raise ValidationError("Only a draft pulse can be changed.")
    pulse.units.set(units)
    pulse.audience_organisations.set(organisations)
    pulse.pulse_questions.all().delete()
    for position, question in enumerate(questions):
        pulse.pulse_questions.create(question=question, position=position)


CADENCE_MONTHS: dict[str, int] = {
    Pulse.Cadence.MONTHLY: 1,
    Pulse.Cadence.QUARTERLY: 3,
    Pulse.Cadence.TERMLY: 4,
}


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@transaction.atomic
def repeat(pulse: Pulse, by: User) -> Pulse:
    """The next pulse of a recurring series, as a draft: same questions, units and audience,
    its dates one cadence later. A person checks it and launches it."""
    months = CADENCE_MONTHS.get(pulse.cadence)
    if months is None:
        raise ValidationError("A one-off pulse has no next pulse.")
    following = Pulse.objects.create(
        title=f"{pulse.title} (next)",
        cadence=pulse.cadence,
        opens_on=add_months(pulse.opens_on, months),
        closes_on=add_months(pulse.closes_on, months),
        anonymity=pulse.anonymity,
        min_group_size=pulse.min_group_size,
        min_text_group_size=pulse.min_text_group_size,
        audience_types=pulse.audience_types,
        audience_regions=pulse.audience_regions,
        reminder_every_days=pulse.reminder_every_days,
        max_reminders=pulse.max_reminders,
        created_by=by,
    )
    set_contents(
        following, pulse.units.all(), pulse.ordered_questions(), pulse.audience_organisations.all()
    )
    return following


@transaction.atomic
def launch(pulse: Pulse) -> int:
    """Open a draft pulse: make one invitation per doer, then e-mail them from the queue."""
    pulse = Pulse.objects.select_for_update().get(pk=pulse.pk)
    if pulse.status != Pulse.Status.DRAFT:
        raise ValidationError("Only a draft pulse can be launched.")
    if not pulse.units.exists() or not pulse.pulse_questions.exists():
        raise ValidationError("Choose at least one unit and one question before launching.")
    if pulse.closes_on < timezone.localdate():
        raise ValidationError("The closing date has passed: choose a later one.")
    seen: set[int] = set()
    invitations = []
    for person_id, organisation_id in audience_memberships(pulse).values_list(
        "person_id", "organisation_id"
    ):
        if person_id not in seen:
            seen.add(person_id)
            invitations.append(
                Invitation(pulse=pulse, person_id=person_id, organisation_id=organisation_id)
            )
    Invitation.objects.bulk_create(invitations, ignore_conflicts=True)
    pulse.status = Pulse.Status.OPEN
    pulse.launched_at = timezone.now()
    pulse.kept_segments = disclosure.kept_segments(pulse)
    pulse.save(update_fields=["status", "launched_at", "kept_segments"])
    transaction.on_commit(lambda: send_invitations.enqueue(pulse.pk))
    return len(invitations)


@dataclass
class Submission:
    """What a doer answered, as pages and the API both hand it to `submit`."""

    units_dealt_with: list[int]
    unit_scores: dict[tuple[int, int], int]  # (question id, unit id) -> 0..10
    agreements: dict[int, int]  # question id -> 1..5
    needs: dict[int, tuple[str, str]]  # question id -> (category, text)
    texts: dict[int, str]  # question id -> text


@dataclass(frozen=True)
class AnswerProblem:
    """One answer that breaks its question's rules: the form field that shows it, and the
    field the API names (its part of the request and the question's code)."""

    form_field: str
    api_field: str
    message: str


class InvalidAnswers(ValidationError):
    """The answers break their questions' rules; nothing was stored."""

    def __init__(self, problems: list[AnswerProblem]) -> None:
        self.problems = problems
        by_field: dict[str, list[str]] = {}
        for problem in problems:
            by_field.setdefault(problem.form_field, []).append(problem.message)
        super().__init__(by_field)

    def for_api(self) -> ValidationError:
        by_field: dict[str, list[str]] = {}
        for problem in self.problems:
            by_field.setdefault(problem.api_field, []).append(problem.message)
        return ValidationError(by_field)


def _is_whole(value, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def validate(
    submission: Submission, questions: list[Question], unit_ids: set[int]
) -> list[AnswerProblem]:
    """The one rule pages and API share: each answer of its question's kind and range, 0 to 10
    only for the pulse's units the doer dealt with, every such unit scored."""
    by_id = {q.pk: q for q in questions}
    problems: list[AnswerProblem] = []

    def of_kind(part: str, question_id: int, kind: str, field: str) -> Question | None:
        question = by_id.get(question_id)
        if question is not None and question.kind == kind:
            return question
        name = question.code if question else str(question_id)
        problems.append(
            AnswerProblem(
                field, f"{part}.{name}", f"“{name}” is not a {Question.Kind(kind).label} question"
            )
        )
        return None

    dealt_with = set(submission.units_dealt_with)
    if dealt_with - unit_ids:
        problems.append(AnswerProblem("units", "units", "Choose only units from the list"))
    for (question_id, unit_id), score in submission.unit_scores.items():
        field = f"q{question_id}_u{unit_id}"
        question = of_kind("unit_scores", question_id, Question.Kind.UNIT_NPS, field)
        if question is None:
            continue
        api_field = f"unit_scores.{question.code}"
        if unit_id not in unit_ids:
            message = f"Unit {unit_id} is not one this pulse asks about"
            problems.append(AnswerProblem("units", api_field, message))
        elif unit_id not in dealt_with:
            problems.append(AnswerProblem(field, api_field, "Rate only units you dealt with"))
        elif not _is_whole(score, 0, 10):
            problems.append(AnswerProblem(field, api_field, "Choose a score from 0 to 10"))
    for question in questions:
        if question.kind == Question.Kind.UNIT_NPS:
            for unit_id in sorted(dealt_with & unit_ids):
                if (question.pk, unit_id) not in submission.unit_scores:
                    problems.append(
                        AnswerProblem(
                            f"q{question.pk}_u{unit_id}",
                            f"unit_scores.{question.code}",
                            f"Choose a score from 0 to 10 for unit {unit_id}",
                        )
                    )
    for question_id, level in submission.agreements.items():
        field = f"q{question_id}"
        question = of_kind("agreements", question_id, Question.Kind.AGREEMENT, field)
        if question and not _is_whole(level, 1, 5):
            problems.append(
                AnswerProblem(field, f"agreements.{question.code}", "Choose one of the 5 answers")
            )
    for question_id, (category, text) in submission.needs.items():
        question = of_kind("needs", question_id, Question.Kind.NEED, f"q{question_id}")
        if question and text.strip() and category not in NeedCategory.values:
            problems.append(
                AnswerProblem(
                    f"q{question_id}_category",
                    f"needs.{question.code}",
                    "Choose what kind of help this is",
                )
            )
    for question_id in submission.texts:
        of_kind("texts", question_id, Question.Kind.FREE_TEXT, f"q{question_id}")
    return problems


def save_draft(invitation: Invitation, data: dict) -> None:
    Invitation.objects.filter(pk=invitation.pk, submitted_at__isnull=True).update(draft=data)


def answers_from(pulse: Pulse, response: Response, submission: Submission) -> list[Answer]:
    """The submission as answer rows (each with a random id); blank texts are left out."""
    given: list[tuple[int, int | None, int | None, str, str]] = [
        (q, u, score, "", "")
        for (q, u), score in sorted(submission.unit_scores.items())
        if u in submission.units_dealt_with
    ]
    given += [(q, None, level, "", "") for q, level in submission.agreements.items()]
    given += [(q, None, None, c, t.strip()) for q, (c, t) in submission.needs.items() if t.strip()]
    given += [(q, None, None, "", t.strip()) for q, t in submission.texts.items() if t.strip()]
    return [
        Answer(
            pulse=pulse, response=response, question_id=q, unit_id=u, score=s, category=c, text=t
        )
        for q, u, s, c, t in given
    ]


class _Closed(Exception):
    """The pulse closed after the caller read it."""


def submit(invitation: Invitation, submission: Submission) -> Response | None:
    """Record a doer's answers once, in a handful of statements however many units they rated.
    A second submit changes nothing and returns None; answers that break a rule store nothing
    and raise InvalidAnswers; a pulse that has closed takes nothing and raises ValidationError.
    The invitation may have been read a moment before, with its pulse and organisation: whether
    it was answered and whether the pulse is open are read again in the transaction that records
    the answer, so an instance that has fallen behind the database does no harm."""
    pulse = invitation.pulse
    if invitation.submitted_at is not None:
        return None
    questions = pulse.ordered_questions()
    problems = validate(submission, questions, pulse.unit_ids())
    if problems:
        raise InvalidAnswers(problems)
    try:
        return _record(invitation, submission, questions)
    except _Closed:
        raise ValidationError("This pulse has closed.") from None


@transaction.atomic
def _record(
    invitation: Invitation, submission: Submission, questions: list[Question]
) -> Response | None:
    today = timezone.localdate()
    if not _hold_open(invitation.pulse, today):
        raise _Closed
    claimed = Invitation.objects.filter(pk=invitation.pk, submitted_at__isnull=True).update(
        submitted_at=today, draft={}
    )
    if not claimed:  # answered a moment ago, in another request
        return None
    pulse, organisation = invitation.pulse, invitation.organisation
    anonymous = pulse.is_anonymous
    kind, region = (
        disclosure.recorded_segment(pulse, organisation)
        if anonymous
        else (organisation.type, organisation.region)
    )
    response = Response.objects.create(
        pulse=pulse,
        invitation=None if anonymous else invitation,
        organisation=None if anonymous else organisation,
        organisation_type=kind,
        region=region,
        submitted_on=None if anonymous else today,
    )
    answers = answers_from(pulse, response, submission)
    Answer.objects.bulk_create(answers)
    headline = next((q.pk for q in questions if q.kind == Question.Kind.UNIT_NPS), None)
    count_response(response, answers, headline)
    invitation.submitted_at, invitation.draft = today, {}
    return response


def _hold_open(pulse: Pulse, today: date) -> bool:
    """Whether the pulse is still open; if so, on PostgreSQL, its row is held (FOR KEY SHARE)
    until this transaction ends, so `close` (FOR UPDATE) waits for this answer and no answer
    lands after a close. Answers do not wait for one another. On SQLite, writing transactions
    run one at a time, which holds it as well."""
    lock = " FOR KEY SHARE" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {Pulse._meta.db_table} "  # noqa: S608 (names from the model)
            f"WHERE id = %s AND status = %s AND closes_on >= %s{lock}",
            [pulse.pk, Pulse.Status.OPEN, today],
        )
        return cursor.fetchone() is not None


@dataclass(frozen=True)
class SegmentRate:
    segment: str
    label: str
    invited: int
    responded: int

    @property
    def rate(self) -> float:
        return 100 * self.responded / self.invited if self.invited else 0.0


def response_rates(pulse: Pulse, by: str) -> list[SegmentRate]:
    """Invited and answered, by `organisation__type` or `organisation__region`, live."""
    labels = dict(Organisation.Type.choices) if by == "organisation__type" else dict(REGION_CHOICES)
    rows = (
        pulse.invitations.values(by)
        .annotate(invited=Count("pk"), responded=Count("pk", filter=Q(submitted_at__isnull=False)))
        .order_by(by)
    )
    return [
        SegmentRate(
            row[by], labels.get(row[by], row[by] or "Not known"), row["invited"], row["responded"]
        )
        for row in rows
    ]


def count_responses(
    pulses: QuerySet[Pulse],
) -> "QuerySet[WithAnnotations[Pulse, ResponseCounts]]":
    """The pulses, each with `invited` and `responded` counted in the same query."""
    return pulses.annotate(
        invited=Count("invitations"),
        responded=Count("invitations", filter=Q(invitations__submitted_at__isnull=False)),
    )


def overall_rate(pulse: Pulse) -> SegmentRate:
    """Everyone invited and everyone who answered, as `count_responses` counted them."""
    if hasattr(pulse, "invited") and hasattr(pulse, "responded"):
        return SegmentRate("all", "All doers", pulse.invited, pulse.responded)
    counted = count_responses(Pulse.objects.filter(pk=pulse.pk)).get()
    return SegmentRate("all", "All doers", counted.invited, counted.responded)


@transaction.atomic
def close(pulse: Pulse, playback: str) -> None:
    """Close a pulse and play back to everyone invited what was said and what happens next."""
    pulse = Pulse.objects.select_for_update().get(pk=pulse.pk)
    if pulse.status != Pulse.Status.OPEN:
        raise ValidationError("Only an open pulse can be closed.")
    if not playback.strip():
        raise ValidationError({"playback": "Say what the doers told you and what you will do"})
    pulse.status = Pulse.Status.CLOSED
    pulse.closed_at = timezone.now()
    pulse.playback = playback.strip()
    pulse.save(update_fields=["status", "closed_at", "playback"])
    transaction.on_commit(lambda: send_playback.enqueue(pulse.pk))


def invitations_for(person: User) -> QuerySet[Invitation]:
    return person.pulse_invitations.select_related("pulse").order_by("-pulse__opens_on")


@transaction.atomic
def launch_one_question(
    *,
    code: str,
    title: str,
    statement: str,
    hint: str,
    unit,
    closes_on: date,
    by: User,
    audience_types: list[str],
    audience_regions: list[str],
    organisations,
) -> Pulse:
    """Open an anonymous one-question pulse at once: do the doers agree with one statement?
    Other capabilities consult the doers this way (e.g. on a proposed burden)."""
    question = Question.objects.create(
        code=code, kind=Question.Kind.AGREEMENT, text=statement, hint=hint, created_by=by
    )
    pulse = Pulse.objects.create(
        title=title,
        cadence=Pulse.Cadence.ONE_OFF,
        opens_on=timezone.localdate(),
        closes_on=closes_on,
        audience_types=audience_types,
        audience_regions=audience_regions,
        created_by=by,
    )
    set_contents(pulse, [unit], [question], organisations)
    launch(pulse)
    pulse.refresh_from_db()
    return pulse
