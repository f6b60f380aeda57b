"""Cases, needs, pulls and unmet needs over the API, under the same rules as the pages: a case
is its partners' and their organisation's leads' only (to anyone else it does not exist), a pull
also its provider's, and the centre sees unmet needs only as figures."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.catalogue.models import Service
from insideout.web import limits
from insideout.web.decorators import refuse_unless
from insideout.web.problems import Problem

from . import privacy, services, unmet
from .lifecycle import TransitionRefused, available_actions, make_pull, perform
from .models import Need
from .schemas import (
    AnswerIn,
    AnswerOut,
    CaseDetailOut,
    CaseIn,
    CaseOut,
    ConsentIn,
    EventOut,
    ExportOut,
    GoalIn,
    GoalOut,
    NeedIn,
    NeedOut,
    PullIn,
    PullOut,
    PullQuery,
    ReadOut,
    SuggestionOut,
    TransitionIn,
    UnmetIn,
    UnmetOut,
    WhatMattersIn,
)

router = Router(tags=["cases"])


def _case(request: AuthenticatedHttpRequest, case_id: limits.Id):
    return services.read_case(request.user, case_id, via="api")


def _need(request: AuthenticatedHttpRequest, case_id: limits.Id, need_id: limits.Id) -> Need:
    return get_object_or_404(Need, pk=need_id, case=_case(request, case_id))


def _pull_out(request: AuthenticatedHttpRequest, pull) -> PullOut:
    out = PullOut.from_orm(pull)
    out.available_actions = available_actions(request.user, pull)
    return out


@router.get("/cases", response=list[CaseOut], summary="The cases you work on, newest first")
@paginate(limits.Pagination)
def list_cases(request: AuthenticatedHttpRequest):
    return services.cases_visible_to(request.user)


@router.post("/cases", response={201: CaseDetailOut}, summary="A frontline partner opens a case")
def open_case(request: AuthenticatedHttpRequest, payload: CaseIn):
    case = services.open_case(
        request.user,
        reference=payload.reference,
        local_authority=payload.local_authority,
        kind=payload.kind.value,
        people=payload.people,
        age_band=payload.age_band.value if payload.age_band else "",
        circumstances=[c.value for c in payload.circumstances],
        what_matters=payload.what_matters,
    )
    if payload.consent:
        services.record_consent(case, request.user, given=True)
    return Status(201, case)


@router.get("/cases/{case_id}", response=CaseDetailOut, summary="Get a case (the read is logged)")
def get_case(request: AuthenticatedHttpRequest, case_id: limits.Id):
    return _case(request, case_id)


@router.post(
    "/cases/{case_id}/consent", response=CaseDetailOut, summary="Record or withdraw consent"
)
def consent(request: AuthenticatedHttpRequest, case_id: limits.Id, payload: ConsentIn):
    case = _case(request, case_id)
    services.record_consent(case, request.user, given=payload.given, how=payload.how)
    return case


@router.put("/cases/{case_id}/what-matters", response=CaseDetailOut, summary="What matters to them")
def what_matters(request: AuthenticatedHttpRequest, case_id: limits.Id, payload: WhatMattersIn):
    return services.record_what_matters(_case(request, case_id), request.user, payload.what_matters)


@router.post("/cases/{case_id}/goals", response={201: GoalOut}, summary="Add a goal")
def add_goal(request: AuthenticatedHttpRequest, case_id: limits.Id, payload: GoalIn):
    return Status(201, services.set_goal(_case(request, case_id), request.user, payload.text))


@router.post("/cases/{case_id}/needs", response={201: NeedOut}, summary="Record a need")
def add_need(request: AuthenticatedHttpRequest, case_id: limits.Id, payload: NeedIn):
    need = services.record_need(
        _case(request, case_id), request.user, category=payload.category.value, text=payload.text
    )
    return Status(201, need)


@router.get(
    "/cases/{case_id}/needs/{need_id}/suggestions",
    response=list[SuggestionOut],
    summary="The short list of services for a need, best first, each with why",
)
def suggestions(request: AuthenticatedHttpRequest, case_id: limits.Id, need_id: limits.Id):
    return services.short_list(_need(request, case_id, need_id))


@router.post(
    "/cases/{case_id}/needs/{need_id}/unmet",
    response={201: NeedOut},
    summary="No service fits: record the need as unmet, for the centre to count",
)
def record_unmet(
    request: AuthenticatedHttpRequest, case_id: limits.Id, need_id: limits.Id, payload: UnmetIn
):
    need = _need(request, case_id, need_id)
    unmet.record_unmet(need, request.user, payload.note)
    need.refresh_from_db()
    return Status(201, need)


@router.get("/cases/{case_id}/events", response=list[EventOut], summary="A case's audit trail")
def case_events(request: AuthenticatedHttpRequest, case_id: limits.Id):
    return _case(request, case_id).events.select_related("actor")


@router.get(
    "/cases/{case_id}/reads", response=list[ReadOut], summary="Who has read the case, and when"
)
def case_reads(request: AuthenticatedHttpRequest, case_id: limits.Id):
    return _case(request, case_id).reads.select_related("reader")[:200]


@router.get(
    "/cases/{case_id}/export",
    response=ExportOut,
    summary="Everything held about them: a subject access request",
)
def export(request: AuthenticatedHttpRequest, case_id: limits.Id):
    return privacy.subject_access(_case(request, case_id), request.user)


@router.post(
    "/cases/{case_id}/erasure",
    response=CaseDetailOut,
    summary="Erase their personal data on their request (the centre's figures stay whole)",
)
def erase(request: AuthenticatedHttpRequest, case_id: limits.Id):
    return privacy.erase(_case(request, case_id), request.user)


@router.post("/pulls", response={201: PullOut}, summary="Pull a service for a need")
def create_pull(request: AuthenticatedHttpRequest, payload: PullIn):
    need = get_object_or_404(
        Need.objects.filter(case__in=services.cases_visible_to(request.user).values("pk")),
        pk=payload.need_id,
    )
    service = Service.objects.select_related("organization").filter(pk=payload.service_id).first()
    if service is None:
        raise ValidationError({"service_id": "No service in the catalogue has that id."})
    # A refusal names its field (consent, service_id, note_for_provider): a 400 saying which.
    pull = make_pull(need, service, request.user, payload.note_for_provider)
    return Status(201, _pull_out(request, pull))


@router.get(
    "/pulls",
    response=list[PullOut],
    summary="Pulls for your cases, or, for a provider, to your services",
)
@paginate(limits.Pagination)
def list_pulls(request: AuthenticatedHttpRequest, filters: Query[PullQuery]):
    pulls = services.pulls_visible_to(request.user).select_related("requested_by")
    if filters.status:
        pulls = pulls.filter(status=filters.status)
    if filters.case_id is not None:
        pulls = pulls.filter(case_id=filters.case_id)
    return pulls.order_by("-requested_at", "-pk")


@router.get("/pulls/{pull_id}", response=PullOut, summary="Get a pull (the read is logged)")
def get_pull(request: AuthenticatedHttpRequest, pull_id: limits.Id):
    return _pull_out(request, services.read_pull(request.user, pull_id, via="api"))


@router.get("/pulls/{pull_id}/events", response=list[EventOut], summary="A pull's audit trail")
def pull_events(request: AuthenticatedHttpRequest, pull_id: limits.Id):
    return services.read_pull(request.user, pull_id, via="api").events.select_related("actor")


@router.post(
    "/pulls/{pull_id}/transitions",
    response={200: PullOut, 409: Problem},
    summary="Move a pull on: receive, accept, decline, no_capacity, waitlist, start, complete, "
    "cancel, record_outcome",
)
def transition(request: AuthenticatedHttpRequest, pull_id: limits.Id, payload: TransitionIn):
    """A step that does not fit the pull's state gets 409; a missing field 400, naming it; a
    step the caller may not take 403."""
    pull = services.read_pull(request.user, pull_id, via="api")
    try:
        pull = perform(
            pull,
            payload.action.value,
            request.user,
            note=payload.note,
            verdict=payload.verdict.value if payload.verdict else "",
        )
    except TransitionRefused as refused:
        if hasattr(refused, "error_dict"):
            raise ValidationError(refused.message_dict) from refused
        raise HttpError(409, " ".join(refused.messages)) from refused
    return _pull_out(request, pull)


@router.get(
    "/unmet-needs",
    response=UnmetOut,
    summary="Cases with an unmet need by kind and region in a quarter (anonymity applied)",
)
def unmet_needs(request: AuthenticatedHttpRequest, quarter: limits.Code = ""):
    refuse_unless(request.user.sees_unmet_needs, "Only centre staff see unmet needs.")
    chosen = unmet.Quarter.parse(quarter) if quarter else None
    if quarter and chosen is None:
        raise ValidationError({"quarter": "Give a quarter such as 2026-Q3"})
    if chosen is None:
        found = unmet.quarters()
        chosen = found[0] if found else unmet.Quarter.of(timezone.localdate())
    table = unmet.unmet_table(chosen)
    cells = [
        {"category": c, "region": r, "cases": f.cases, "people": f.people}
        for (c, r), f in table.cells.items()
    ] + [
        {"category": c, "region": None, "cases": f.cases, "people": f.people}
        for c, f in table.category_totals.items()
    ]
    return {
        "quarter": chosen.key,
        "threshold": table.k,
        "cells": cells,
        "total": {"cases": table.total.cases, "people": table.total.people},
    }


@router.post(
    "/unmet-needs/answers",
    response=AnswerOut,
    summary="Link a new or expanded service to the unmet needs it answers",
)
def answer_unmet(request: AuthenticatedHttpRequest, payload: AnswerIn):
    refuse_unless(request.user.sees_unmet_needs, "Only centre staff work with unmet needs.")
    service = Service.objects.filter(pk=payload.service_id).first()
    if service is None:
        raise ValidationError({"service_id": "No service in the catalogue has that id."})
    answered = unmet.answer_signals(
        service,
        request.user,
        payload.category.value,
        region=payload.region,
        quarter=unmet.Quarter.parse(payload.quarter) if payload.quarter else None,
    )
    detail = (
        f"{service.name} now answers {answered} unmet needs."
        if answered
        else f"{service.name} now answers fewer than {unmet.DEFAULT_K} unmet needs."
    )
    return {"answered": answered, "detail": detail}
