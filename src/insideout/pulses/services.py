"""The rules of a pulse: who is asked, launching, answering once, reminding, closing."""

import calendar
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from insideout.accounts.models import User
from insideout.directory.models import Membership, Organisation
from insideout.vocabulary import DOER_ROLES, NeedCategory
from insideout.web.decorators import refuse_unless

from .models import AgreementRollup, Answer, Invitation, Pulse, Question, Response, UnitScoreRollup
from .nps import score_group
from .tasks import send_invitations, send_playback


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


CADENCE_MONTHS = {Pulse.Cadence.MONTHLY: 1, Pulse.Cadence.QUARTERLY: 3, Pulse.Cadence.TERMLY: 4}


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
    pulse.save(update_fields=["status", "launched_at"])
    transaction.on_commit(lambda: send_invitations.enqueue(pulse.pk))
    return len(invitations)


@dataclass
class Submission:
    """What a doer answered, checked against the pulse's questions."""

    units_dealt_with: list[int]
    unit_scores: dict[tuple[int, int], int]  # (question id, unit id) -> 0..10
    agreements: dict[int, int]  # question id -> 1..5
    needs: dict[int, tuple[str, str]]  # question id -> (category, text)
    texts: dict[int, str]  # question id -> text


def validate(pulse: Pulse, submission: Submission) -> dict[str, str]:
    """Problems with a submission, keyed by the form field they belong to."""
    errors: dict[str, str] = {}
    unit_ids = set(pulse.units.values_list("pk", flat=True))
    for question in pulse.ordered_questions():
        if question.kind == Question.Kind.UNIT_NPS:
            for unit_id in submission.units_dealt_with:
                score = submission.unit_scores.get((question.pk, unit_id))
                if unit_id not in unit_ids:
                    errors["units"] = "Choose only units from the list"
                elif score is None or not 0 <= score <= 10:
                    errors[f"q{question.pk}_u{unit_id}"] = "Choose a score from 0 to 10"
        elif question.kind == Question.Kind.AGREEMENT:
            level = submission.agreements.get(question.pk)
            if level is not None and not 1 <= level <= 5:
                errors[f"q{question.pk}"] = "Choose one of the five answers"
        elif question.kind == Question.Kind.NEED:
            category, text = submission.needs.get(question.pk, ("", ""))
            if text and category not in NeedCategory.values:
                errors[f"q{question.pk}_category"] = "Choose what kind of help this is"
    return errors


def save_draft(invitation: Invitation, data: dict) -> None:
    Invitation.objects.filter(pk=invitation.pk, submitted_at__isnull=True).update(draft=data)


@transaction.atomic
def submit(invitation: Invitation, submission: Submission) -> Response | None:
    """Record a doer's answers once. A second submit changes nothing and returns None."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("pulse", "organisation")
        .get(pk=invitation.pk)
    )
    pulse = invitation.pulse
    if invitation.submitted_at is not None:
        return None
    if not pulse.accepts_answers:
        raise ValidationError("This pulse has closed.")
    errors = validate(pulse, submission)
    if errors:
        raise ValidationError(errors)
    organisation = invitation.organisation
    response = Response.objects.create(
        pulse=pulse,
        invitation=None if pulse.is_anonymous else invitation,
        organisation=None if pulse.is_anonymous else organisation,
        organisation_type=organisation.type,
        region=organisation.region,
        submitted_on=timezone.localdate(),
    )
    answers = [
        Answer(response=response, question_id=q, unit_id=u, score=score)
        for (q, u), score in submission.unit_scores.items()
        if u in submission.units_dealt_with
    ]
    answers += [
        Answer(response=response, question_id=q, score=level)
        for q, level in submission.agreements.items()
    ]
    answers += [
        Answer(response=response, question_id=q, category=category, text=text.strip())
        for q, (category, text) in submission.needs.items()
        if text.strip()
    ]
    answers += [
        Answer(response=response, question_id=q, text=text.strip())
        for q, text in submission.texts.items()
        if text.strip()
    ]
    Answer.objects.bulk_create(answers)
    add_to_rollups(response, answers)
    invitation.submitted_at = timezone.now()
    invitation.draft = {}
    invitation.save(update_fields=["submitted_at", "draft"])
    return response


def add_to_rollups(response: Response, answers: list[Answer]) -> None:
    """Count a response into the scorecard's rollups, in the transaction that records it."""
    segment = {
        "pulse_id": response.pulse_id,
        "organisation_type": response.organisation_type,
        "region": response.region,
    }
    rated_units = {a.unit_id for a in answers if a.unit_id is not None and a.score is not None}
    for answer in answers:
        if answer.unit_id is not None and answer.score is not None:
            field = score_group(answer.score) + "s"
            row, _ = UnitScoreRollup.objects.get_or_create(unit_id=answer.unit_id, **segment)
            UnitScoreRollup.objects.filter(pk=row.pk).update(**{field: F(field) + 1})
        elif answer.unit_id is None and answer.score is not None:
            for unit_id in [None, *sorted(rated_units)]:
                row, _ = AgreementRollup.objects.get_or_create(
                    question_id=answer.question_id, level=answer.score, unit_id=unit_id, **segment
                )
                AgreementRollup.objects.filter(pk=row.pk).update(count=F("count") + 1)


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
    labels = (
        dict(Organisation.Type.choices)
        if by == "organisation__type"
        else dict(Organisation._meta.get_field("region").choices)
    )
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


def overall_rate(pulse: Pulse) -> SegmentRate:
    counts = pulse.invitations.aggregate(
        invited=Count("pk"), responded=Count("pk", filter=Q(submitted_at__isnull=False))
    )
    return SegmentRate("all", "All doers", counts["invited"], counts["responded"])


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
