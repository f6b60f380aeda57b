"""Priorities over the API: the mandate and its measures, links and suggestions, and the balance
of mandate and demand, under the same rules as the pages."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from insideout.accounts.models import User
from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.directory.models import CentreUnit
from insideout.web.decorators import refuse_unless
from insideout.web.limits import Id

from . import bottom_up, services
from .kinds import kind_of, kinds
from .models import Link, OutcomeMeasure, Priority
from .schemas import (
    BalanceOut,
    LinkIn,
    LinkOut,
    MeasureIn,
    MeasureOut,
    NeedOut,
    PointIn,
    PointOut,
    PriorityIn,
    PriorityOut,
    StandingOut,
    SuggestionOut,
    WeightsIn,
)

router = Router(tags=["priorities"])


def staff_only(request: AuthenticatedHttpRequest) -> None:
    refuse_unless(request.user.is_centre_staff, "Only centre staff see this.")


@router.get("/priorities", response=list[PriorityOut], summary="The department's priorities")
def list_priorities(request: HttpRequest):
    return Priority.objects.select_related("owner_unit").prefetch_related("measures__points")


@router.post("/priorities", response={201: PriorityOut}, summary="Add a priority (leadership)")
def add_priority(request: AuthenticatedHttpRequest, payload: PriorityIn):
    unit = CentreUnit.objects.filter(pk=payload.owner_unit_id).first()
    if unit is None:
        raise ValidationError({"owner_unit_id": "No centre unit has that id."})
    owner = None
    if payload.owner_id is not None:
        owner = User.objects.filter(pk=payload.owner_id).first()
        if owner is None:
            raise ValidationError({"owner_id": "No person has that id."})
    priority = Priority(
        title=payload.title,
        statement=payload.statement,
        owner_unit=unit,
        owner=owner,
        weight=payload.weight,
        categories=[str(c) for c in payload.categories],
    )
    services.save_priority(request.user, priority)
    return Status(201, priority)


@router.put("/priorities/weights", response=list[PriorityOut], summary="Set the weights")
def set_weights(request: AuthenticatedHttpRequest, payload: WeightsIn):
    """Leadership weighs the priorities against each other; unnamed ones keep their weight."""
    unknown = set(payload.weights) - set(Priority.objects.values_list("pk", flat=True))
    if unknown:
        raise ValidationError({"weights": f"No priority has the id {min(unknown)}."})
    services.set_weights(request.user, payload.weights)
    return Priority.objects.select_related("owner_unit").prefetch_related("measures__points")


@router.get("/priorities/{priority_id}", response=PriorityOut, summary="Get a priority")
def get_priority(request: HttpRequest, priority_id: Id):
    return get_object_or_404(Priority, pk=priority_id)


@router.post(
    "/priorities/{priority_id}/measures",
    response={201: MeasureOut},
    summary="Add an outcome measure (leadership or the owning unit)",
)
def add_measure(request: AuthenticatedHttpRequest, priority_id: Id, payload: MeasureIn):
    priority = get_object_or_404(Priority, pk=priority_id)
    measure = services.save_measure(
        request.user, OutcomeMeasure(priority=priority, **payload.model_dump())
    )
    return Status(201, measure)


@router.post(
    "/measures/{measure_id}/points",
    response={201: PointOut},
    summary="Record a measure's value for a period (replacing any value for it)",
)
def add_point(request: AuthenticatedHttpRequest, measure_id: Id, payload: PointIn):
    measure = get_object_or_404(OutcomeMeasure.objects.select_related("priority"), pk=measure_id)
    point = services.record_point(request.user, measure, payload.period_start, payload.value)
    return Status(201, point)


def link_out(link: Link) -> LinkOut:
    kind = kind_of(link.target_type_id)
    target = link.target
    title = kind.title(target) if kind and target is not None else "(removed)"
    if kind is not None and kind.anonymous and not kind.grouped:
        title = "A pulse answer"  # its words only where the comment threshold allows
    return LinkOut(
        id=link.pk,
        kind=kind.key if kind else link.target_type.model,
        target_id=None if kind is None or kind.anonymous else link.target_id,
        title=title,
        how=Link.How(link.how),
        linked_at=link.linked_at,
    )


@router.get(
    "/priorities/{priority_id}/links",
    response=list[LinkOut],
    summary="What is linked to a priority (centre staff)",
)
def list_links(request: AuthenticatedHttpRequest, priority_id: Id):
    staff_only(request)
    priority = get_object_or_404(Priority, pk=priority_id)
    return [link_out(link) for link in priority.links.select_related("target_type")]


@router.post(
    "/priorities/{priority_id}/links",
    response={201: list[LinkOut]},
    summary="Link an ask, a requirement or a service (by id), or a suggestion (by handle)",
)
def add_link(request: AuthenticatedHttpRequest, priority_id: Id, payload: LinkIn):
    staff_only(request)
    priority = get_object_or_404(Priority, pk=priority_id)
    how = Link.How.BY_HAND
    if payload.handle:
        kind, target = services.target_from(payload.handle)
        how = Link.How.SUGGESTED
    elif payload.kind and payload.id is not None:
        found = kinds().get(payload.kind)
        if found is None:
            raise ValidationError({"kind": f"{payload.kind} cannot be linked here yet."})
        kind = found
        target = services.find(kind, payload.id)
    else:
        raise ValidationError({"kind": "Give a kind and an id, or a suggestion's handle."})
    made = services.link(request.user, priority, kind, target, how)
    return Status(201, [link_out(link) for link in made])


@router.delete(
    "/priority-links/{link_id}", response={204: None}, summary="Remove a link (centre staff)"
)
def remove_link(request: AuthenticatedHttpRequest, link_id: Id):
    staff_only(request)
    services.unlink(request.user, get_object_or_404(Link, pk=link_id))
    return Status(204, None)


@router.get(
    "/priorities/{priority_id}/suggestions",
    response=list[SuggestionOut],
    summary="Things that seem to belong to a priority, from their words and kind of need",
)
def suggestions(request: AuthenticatedHttpRequest, priority_id: Id):
    staff_only(request)
    priority = get_object_or_404(Priority, pk=priority_id)
    return [
        SuggestionOut(kind=s.kind.key, title=s.title, score=round(s.score, 3), handle=s.handle)
        for s in services.suggestions(priority)
    ]


@router.get("/balance", response=BalanceOut, summary="Mandate beside demand, in four quadrants")
def get_balance(request: AuthenticatedHttpRequest):
    staff_only(request)
    found = bottom_up.standings()
    return BalanceOut(
        mandate_cut=round(found.cuts.mandate, 1),
        demand_cut=found.cuts.demand,
        priorities=[
            StandingOut(
                priority_id=s.priority.pk,
                title=s.priority.title,
                weight=s.priority.weight,
                share=round(s.share, 1),
                doers=s.doers,
                asks=s.asks,
                hours_a_year=round(s.hours, 1),
                owner_unit_nps=None if s.usefulness is None else round(s.usefulness.nps, 1),
                quadrant=s.quadrant,
            )
            for s in found.standings
        ],
        unowned=[
            NeedOut(ask_id=n.ask.pk, title=n.ask.title, doers=n.doers, quadrant=n.quadrant)
            for n in found.unowned
        ],
    )
