"""Pulses over the API: the same rules as the pages, in the same error format."""

import datetime
from typing import Annotated

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, ModelSchema, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import StringConstraints

from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.directory.models import CentreUnit, Organisation
from insideout.vocabulary import NeedCategory
from insideout.web.decorators import refuse_unless
from insideout.web.limits import LINE, MESSAGE, Code, Id, NoNul, Pagination, Paragraph

from . import disclosure, services
from .models import Invitation, Pulse, Question

router = Router(tags=["pulses"])

# The anonymity threshold: a PositiveSmallIntegerField, so a 16-bit number at most.
GroupSize = Annotated[int, Field(ge=0, le=32767)]


class QuestionOut(ModelSchema):
    class Meta:
        model = Question
        fields = ["id", "code", "kind", "text", "hint", "is_standard"]


class QuestionIn(Schema):
    code: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-_]+$", max_length=50)]
    kind: Question.Kind
    text: Annotated[str, StringConstraints(min_length=3, max_length=300), NoNul]
    hint: Annotated[str, StringConstraints(max_length=300), NoNul] = ""


class PulseOut(ModelSchema):
    unit_ids: list[int]
    question_codes: list[str]

    class Meta:
        model = Pulse
        fields = [
            "id",
            "title",
            "cadence",
            "opens_on",
            "closes_on",
            "anonymity",
            "status",
            "min_group_size",
            "min_text_group_size",
            "audience_types",
            "audience_regions",
            "playback",
            "launched_at",
            "closed_at",
        ]

    @staticmethod
    def resolve_unit_ids(pulse: Pulse) -> list[int]:
        return sorted(unit.pk for unit in pulse.units.all())  # prefetched by the lists

    @staticmethod
    def resolve_question_codes(pulse: Pulse) -> list[str]:
        return [q.code for q in pulse.ordered_questions()]


# What PulseOut's resolvers read, fetched for a whole page of pulses at once.
PULSE_OUT_PREFETCH = ("units", "pulse_questions__question")


class PulseIn(Schema):
    title: Annotated[str, StringConstraints(min_length=3, max_length=LINE), NoNul]
    cadence: Pulse.Cadence = Pulse.Cadence.QUARTERLY
    opens_on: datetime.date
    closes_on: datetime.date
    anonymity: Pulse.Anonymity = Pulse.Anonymity.ANONYMOUS
    min_group_size: GroupSize = 5
    min_text_group_size: GroupSize = 10
    audience_types: list[Organisation.Type] = []
    audience_regions: list[Code] = []
    audience_organisations: list[Code] = Field([], description="External identifiers")
    unit_ids: list[Id] = Field(min_length=1)
    question_codes: list[Code] = Field(min_length=1)


class CloseIn(Schema):
    playback: Annotated[str, StringConstraints(min_length=1, max_length=MESSAGE), NoNul]


class RateOut(Schema):
    """For an anonymous pulse, `responded` and `rate` are null for a group of fewer than its
    threshold (and for the next smallest group, which would give it away)."""

    segment: str
    label: str
    invited: int
    responded: int | None
    rate: float | None


class InvitationOut(Schema):
    id: int
    pulse: PulseOut
    submitted: bool
    answer_url: str


class UnitScoreIn(Schema):
    unit_id: Id
    score: int = Field(ge=0, le=10)


class ResponseIn(Schema):
    """Answers keyed by question code; unit questions take a score per unit dealt with."""

    unit_scores: dict[Code, list[UnitScoreIn]] = {}
    agreements: dict[Code, Annotated[int, Field(ge=1, le=5)]] = {}
    needs: dict[Code, tuple[NeedCategory, Paragraph]] = {}
    texts: dict[Code, Paragraph] = {}


class SubmittedOut(Schema):
    recorded: bool
    detail: str


class AnswerOut(Schema):
    question: str
    unit_id: int | None
    score: int | None
    category: str
    text: str


class MyResponseOut(Schema):
    submitted: bool
    anonymous: bool
    answers: list[AnswerOut] = Field(
        description="Your answers; empty for anonymous pulses, whose answers are not linked "
        "to anyone once sent."
    )


@router.get("/questions", response=list[QuestionOut], summary="The question bank")
def list_questions(request: AuthenticatedHttpRequest):
    refuse_unless(request.user.is_centre_staff, "Only centre staff can see pulses.")
    return Question.objects.all()


@router.post("/questions", response={201: QuestionOut}, summary="Add a question to the bank")
def add_question(request: AuthenticatedHttpRequest, payload: QuestionIn):
    services.require_runner(request.user)
    if Question.objects.filter(code=payload.code).exists():
        raise HttpError(409, f"A question with the code {payload.code!r} already exists.")
    return Status(201, Question.objects.create(created_by=request.user, **payload.dict()))


@router.get("/pulses", response=list[PulseOut], summary="List pulses")
@paginate(Pagination)
def list_pulses(request: AuthenticatedHttpRequest):
    refuse_unless(request.user.is_centre_staff, "Only centre staff can see pulses.")
    return Pulse.objects.prefetch_related(*PULSE_OUT_PREFETCH).order_by("-opens_on", "-pk")


@router.post("/pulses", response={201: PulseOut}, summary="Create a draft pulse")
def create_pulse(request: AuthenticatedHttpRequest, payload: PulseIn):
    services.require_runner(request.user)
    units = list(CentreUnit.objects.filter(pk__in=payload.unit_ids))
    if len(units) != len(set(payload.unit_ids)):
        raise HttpError(400, "Some unit_ids are not centre units.")
    by_code = {q.code: q for q in Question.objects.filter(code__in=payload.question_codes)}
    unknown = [c for c in payload.question_codes if c not in by_code]
    if unknown:
        raise HttpError(400, f"Unknown question codes: {', '.join(unknown)}.")
    organisations = list(
        Organisation.objects.filter(external_id__in=payload.audience_organisations)
    )
    if len(organisations) != len(set(payload.audience_organisations)):
        raise HttpError(400, "Some audience_organisations are not known identifiers.")
    fields = payload.dict(exclude={"unit_ids", "question_codes", "audience_organisations"})
    pulse = Pulse(created_by=request.user, **fields)
    pulse.full_clean()
    with transaction.atomic():
        pulse.save()
        services.set_contents(
            pulse, units, [by_code[c] for c in payload.question_codes], organisations
        )
    return Status(201, pulse)


@router.get("/pulses/{pulse_id}", response=PulseOut, summary="Get a pulse")
def get_pulse(request: AuthenticatedHttpRequest, pulse_id: Id):
    refuse_unless(request.user.is_centre_staff, "Only centre staff can see pulses.")
    return get_object_or_404(Pulse, pk=pulse_id)


@router.post("/pulses/{pulse_id}/launch", response=PulseOut, summary="Launch a draft pulse")
def launch_pulse(request: AuthenticatedHttpRequest, pulse_id: Id):
    services.require_runner(request.user)
    pulse = get_object_or_404(Pulse, pk=pulse_id)
    try:
        services.launch(pulse)
    except ValidationError as error:
        raise HttpError(409, " ".join(error.messages)) from error
    pulse.refresh_from_db()
    return pulse


@router.post(
    "/pulses/{pulse_id}/close",
    response=PulseOut,
    summary="Close an open pulse and send the play-back",
)
def close_pulse(request: AuthenticatedHttpRequest, pulse_id: Id, payload: CloseIn):
    services.require_runner(request.user)
    pulse = get_object_or_404(Pulse, pk=pulse_id)
    try:
        services.close(pulse, payload.playback)
    except ValidationError as error:
        raise HttpError(409, " ".join(error.messages)) from error
    pulse.refresh_from_db()
    return pulse


@router.get(
    "/pulses/{pulse_id}/response-rates",
    response=list[RateOut],
    summary="Invited and answered, by kind of organisation or region",
)
def pulse_response_rates(request: AuthenticatedHttpRequest, pulse_id: Id, by: Code = "type"):
    refuse_unless(request.user.is_centre_staff, "Only centre staff can see pulses.")
    pulse = get_object_or_404(Pulse, pk=pulse_id)
    if by not in {"type", "region"}:
        raise HttpError(400, "by must be 'type' or 'region'.")
    rates = disclosure.shown_rates(pulse, services.response_rates(pulse, f"organisation__{by}"))
    return [
        RateOut(
            segment=r.segment or "",
            label=r.label,
            invited=r.invited,
            responded=r.responded,
            rate=None if r.rate is None else round(r.rate, 1),
        )
        for r in rates
    ]


@router.get(
    "/invitations", response=list[InvitationOut], summary="The pulses you are asked to answer"
)
def my_invitations(request: AuthenticatedHttpRequest):
    invitations = services.invitations_for(request.user).prefetch_related(
        *(f"pulse__{path}" for path in PULSE_OUT_PREFETCH)
    )
    return [invitation_out(i) for i in invitations]


def invitation_out(invitation: Invitation) -> dict:
    return {
        "id": invitation.pk,
        "pulse": invitation.pulse,
        "submitted": invitation.submitted_at is not None,
        "answer_url": invitation.get_absolute_url(),
    }


@router.get(
    "/invitations/{invitation_id}/response",
    response=MyResponseOut,
    summary="Your own response to a pulse",
)
def my_response(request: HttpRequest, invitation_id: Id):
    invitation = get_object_or_404(
        Invitation.objects.select_related("pulse"), pk=invitation_id, person=request.user
    )
    answers = []
    response = getattr(invitation, "response", None)
    if response is not None:
        answers = [
            AnswerOut(
                question=a.question.code,
                unit_id=a.unit_id,
                score=a.score,
                category=a.category,
                text=a.text,
            )
            for a in response.answers.select_related("question").order_by("pk")
        ]
    return MyResponseOut(
        submitted=invitation.submitted_at is not None,
        anonymous=invitation.pulse.is_anonymous,
        answers=answers,
    )


@router.post(
    "/invitations/{invitation_id}/response",
    response={201: SubmittedOut, 200: SubmittedOut},
    summary="Send your answers to a pulse (once)",
)
def submit_response(request: HttpRequest, invitation_id: Id, payload: ResponseIn):
    invitation = get_object_or_404(
        Invitation.objects.select_related("pulse", "organisation"),
        pk=invitation_id,
        person=request.user,
    )
    codes = {q.code: q for q in invitation.pulse.ordered_questions()}

    def question_id(code: str) -> int:
        if code not in codes:
            raise HttpError(400, f"The pulse has no question {code!r}.")
        return codes[code].pk

    unit_scores = {
        (question_id(code), s.unit_id): s.score
        for code, scores in payload.unit_scores.items()
        for s in scores
    }
    submission = services.Submission(
        units_dealt_with=sorted({unit for _, unit in unit_scores}),
        unit_scores=unit_scores,
        agreements={question_id(c): v for c, v in payload.agreements.items()},
        needs={question_id(c): (cat, text) for c, (cat, text) in payload.needs.items()},
        texts={question_id(c): t for c, t in payload.texts.items()},
    )
    try:
        response = services.submit(invitation, submission)
    except services.InvalidAnswers as invalid:
        raise invalid.for_api() from invalid
    if response is None:
        return Status(
            200, SubmittedOut(recorded=False, detail="You have already answered this pulse.")
        )
    return Status(201, SubmittedOut(recorded=True, detail="Thank you: your answers are in."))
