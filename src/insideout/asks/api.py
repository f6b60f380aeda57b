"""Asks over the API: raise, find, change and join them under the same rules as the pages."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.directory.models import CentreUnit, Organisation
from insideout.vocabulary import NeedCategory
from insideout.web.decorators import refuse_unless
from insideout.web.limits import Id, Line, Pagination
from insideout.web.problems import Problem

from . import disclosure, services
from .lifecycle import TransitionRefused, available_actions, cannot_merge_into, perform
from .models import Ask, TriageRule
from .schemas import (
    AskDetailOut,
    AskIn,
    AskOut,
    AskQuery,
    EventOut,
    SimilarAskOut,
    SupportOut,
    TransitionIn,
    TriageRuleIn,
    TriageRuleOut,
)
from .similar import similar_open_asks

router = Router(tags=["asks"])

# The API's names for the life cycle's fields, so a refusal names the field that was sent.
API_FIELDS = {"unit": "unit_id", "into": "into_id"}


def visible_ask(request: AuthenticatedHttpRequest, ask_id: Id) -> Ask:
    """The ask, or 404 for one the caller may not see (its existence is private too)."""
    return get_object_or_404(services.asks_visible_to(request.user), pk=ask_id)


def detail(request: AuthenticatedHttpRequest, ask: Ask) -> AskDetailOut:
    """The ask as the caller sees it: what they may do next, and its service level's dates."""
    out = AskDetailOut.from_orm(ask, context={"request": request})
    out.supporter_count = ask.supporters.count()
    out.available_actions = available_actions(request.user, ask)
    if ask.is_open:
        level = ask.service_level()
        out.acknowledge_by, out.decide_by = ask.acknowledge_by(level), ask.decide_by(level)
    return out


def raising_organisation(
    request: AuthenticatedHttpRequest, external_id: str | None
) -> Organisation:
    if external_id:
        organisation = Organisation.objects.filter(external_id=external_id).first()
        if organisation is None:
            raise ValidationError(
                {"organisation": f"No organisation has the identifier {external_id!r}."}
            )
        return organisation
    own = sorted(request.user.organisation_ids)
    if len(own) == 1:
        return Organisation.objects.get(pk=own[0])
    if own:
        raise ValidationError(
            {"organisation": "You belong to more than one organisation: say which this ask is for."}
        )
    raise ValidationError(
        {"organisation": "Give the identifier of the organisation the ask is for."}
    )


@router.post("/asks", response={201: AskDetailOut}, summary="Raise an ask")
def raise_ask(request: AuthenticatedHttpRequest, payload: AskIn):
    """A doer raises an ask for their organisation; centre staff may log one for a doer."""
    organisation = raising_organisation(request, payload.organisation)
    suggested = None
    if payload.suggested_unit_id is not None:
        suggested = CentreUnit.objects.filter(pk=payload.suggested_unit_id).first()
        if suggested is None:
            raise ValidationError({"suggested_unit_id": "No centre unit has that id."})
    ask = services.raise_ask(
        by=request.user,
        organisation=organisation,
        title=payload.title,
        category=payload.category,
        detail=payload.detail,
        urgency=payload.urgency,
        suggested_unit=suggested,
        public=payload.public,
    )
    return Status(201, detail(request, ask))


@router.get("/asks", response=list[AskOut], summary="List the asks you may see")
@paginate(Pagination)
def list_asks(request: AuthenticatedHttpRequest, filters: Query[AskQuery]):
    """Doers see their organisation's asks and those they joined; unit staff their units'
    (leads also the triage queue); admins and analysts all. Newest first."""
    asks = services.asks_visible_to(request.user)
    if filters.status:
        asks = asks.filter(status=filters.status)
    if filters.unit_id is not None:
        asks = asks.filter(unit_id=filters.unit_id)
    if filters.category:
        asks = asks.filter(category=filters.category)
    if filters.organisation_id is not None:
        asks = disclosure.raised_by_organisation(request.user, asks, filters.organisation_id)
    return services.with_supporter_count(asks).order_by("-raised_at", "-pk")


@router.get(
    "/asks/similar",
    response=list[SimilarAskOut],
    summary="Open asks like yours, to join instead of raising a duplicate",
)
def similar_asks(
    request: AuthenticatedHttpRequest, title: Line = "", category: NeedCategory | None = None
):
    found = similar_open_asks(
        title, category or "", exclude_organisations=request.user.organisation_ids
    )
    return [suggestion.ask for suggestion in found]


@router.get("/asks/{ask_id}", response=AskDetailOut, summary="Get an ask")
def get_ask(request: AuthenticatedHttpRequest, ask_id: Id):
    """With the changes you may make to it now and how many doers share it."""
    return detail(request, visible_ask(request, ask_id))


@router.get(
    "/asks/{ask_id}/events",
    response=list[EventOut],
    summary="An ask's audit trail: every change, who made it and when",
)
def ask_events(request: AuthenticatedHttpRequest, ask_id: Id):
    """Names and ids of the people in the trail only as the pages give them."""
    ask = visible_ask(request, ask_id)
    events = {event.pk: event for event in ask.events.all()}
    return [
        EventOut.of(events[entry.event_id], entry) for entry in disclosure.trail(request.user, ask)
    ]


@router.post(
    "/asks/{ask_id}/transitions",
    response={200: AskDetailOut, 409: Problem},
    summary="Change an ask: acknowledge, commit, decline, deliver, confirm, ...",
)
def transition(request: AuthenticatedHttpRequest, ask_id: Id, payload: TransitionIn):
    """One step of the life cycle. A step that does not fit where the ask is gets 409; a missing
    field 400, naming it; a step the caller may not take 403."""
    ask = visible_ask(request, ask_id)
    unit = into = None
    if payload.unit_id is not None:
        unit = CentreUnit.objects.filter(pk=payload.unit_id).first()
        if unit is None:
            raise ValidationError({"unit_id": "No centre unit has that id."})
    if payload.into_id is not None:
        # Only an ask the caller can see: of one they cannot, they learn nothing, not even that
        # it exists (the life cycle then checks they may act on it).
        into = services.asks_visible_to(request.user).filter(pk=payload.into_id).first()
        if into is None:
            raise ValidationError({"into_id": cannot_merge_into(Ask(pk=payload.into_id).reference)})
    try:
        ask = perform(
            ask,
            payload.action.value,
            request.user,
            note=payload.note,
            unit=unit,
            commitment=payload.commitment,
            due_on=payload.due_on,
            verdict=payload.verdict or "",
            into=into,
        )
    except TransitionRefused as refused:
        if hasattr(refused, "error_dict"):
            raise ValidationError(
                {
                    API_FIELDS.get(field, field): messages
                    for field, messages in refused.message_dict.items()
                }
            ) from refused
        raise HttpError(409, " ".join(refused.messages)) from refused
    # Passing an ask on may take it out of the caller's sight; the answer still shows it.
    return detail(request, ask)


@router.post(
    "/asks/{ask_id}/supporters",
    response={201: SupportOut, 200: SupportOut},
    summary="Me too: add your organisation's weight to an open ask",
)
def join_ask(request: AuthenticatedHttpRequest, ask_id: Id):
    """Any doer may join an open ask, including one from another organisation."""
    ask = get_object_or_404(Ask, pk=ask_id)
    try:
        joined = services.join(ask, request.user)
    except ValidationError as closed:
        raise HttpError(409, " ".join(closed.messages)) from closed
    count = ask.supporters.count()
    if joined:
        return Status(
            201,
            SupportOut(
                joined=True, supporter_count=count, detail=f"You now support {ask.reference}."
            ),
        )
    return Status(
        200,
        SupportOut(
            joined=False, supporter_count=count, detail=f"You already support {ask.reference}."
        ),
    )


@router.get(
    "/triage-rules",
    response=list[TriageRuleOut],
    summary="The rules that route new asks, first match wins",
)
def list_triage_rules(request: AuthenticatedHttpRequest):
    refuse_unless(request.user.is_centre_lead, "Only centre leads and admins manage triage rules.")
    return TriageRule.objects.all()


@router.post("/triage-rules", response={201: TriageRuleOut}, summary="Add a triage rule")
def add_triage_rule(request: AuthenticatedHttpRequest, payload: TriageRuleIn):
    refuse_unless(request.user.is_centre_lead, "Only centre leads and admins manage triage rules.")
    unit = CentreUnit.objects.filter(pk=payload.unit_id).first()
    if unit is None:
        raise ValidationError({"unit_id": "No centre unit has that id."})
    rule = TriageRule(
        unit=unit,
        position=payload.position,
        category=payload.category or "",
        organisation_type=payload.organisation_type or "",
        region=payload.region,
        keywords=payload.keywords,
        is_active=payload.is_active,
        created_by=request.user,
    )
    rule.full_clean()
    rule.save()
    return Status(201, rule)
