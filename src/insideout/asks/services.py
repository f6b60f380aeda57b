"""Raising, routing, joining and finding asks: the rules every page, API call and task uses."""

import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber

from insideout.accounts.models import User
from insideout.directory.models import CentreUnit, Organisation
from insideout.vocabulary import Role

from .models import (
    OPEN_STATUSES,
    Ask,
    AskEvent,
    Status,
    Supporter,
    TriageRule,
)
from .service_levels import start_clock
from .tasks import send_change_notices


def active_rules() -> list[TriageRule]:
    """The triage rules in force, in the order they are tried."""
    return list(TriageRule.objects.filter(is_active=True).select_related("unit"))


def route_for(ask: Ask, rules: list[TriageRule] | None = None) -> CentreUnit | None:
    """The unit the first matching triage rule names, or None for the triage queue. To route
    many asks, read the rules once (`active_rules()`) and pass them."""
    text = f"{ask.title} {ask.detail}".lower()
    organisation = ask.organisation
    for rule in active_rules() if rules is None else rules:
        if rule.category and rule.category != ask.category:
            continue
        if rule.organisation_type and (
            not organisation or rule.organisation_type != organisation.type
        ):
            continue
        if rule.region and (not organisation or rule.region != organisation.region):
            continue
        if rule.keyword_list and not any(
            re.search(rf"\b{re.escape(k)}", text) for k in rule.keyword_list
        ):
            continue
        return rule.unit
    return None


def raise_ask(
    *,
    by: User,
    organisation: Organisation | None,
    title: str,
    category: str,
    detail: str = "",
    urgency: str = "medium",
    suggested_unit: CentreUnit | None = None,
    public: bool = False,
    source_pulse=None,
    source_answer=None,
) -> Ask:
    """A doer raises an ask for their organisation, or centre staff log one on its behalf."""
    on_behalf = organisation is None or organisation.pk not in by.organisation_ids
    if on_behalf and not by.is_centre_staff:
        raise PermissionDenied("You can raise asks only for your own organisation.")
    ask = Ask(
        title=title.strip(),
        detail=detail.strip(),
        category=category,
        urgency=urgency,
        organisation=organisation,
        raised_by=by,
        on_behalf=on_behalf,
        suggested_unit=suggested_unit,
        public=public,
        source_pulse=source_pulse,
        source_answer=source_answer,
    )
    ask.full_clean(exclude=["unit", "raised_by"])
    with transaction.atomic():
        ask.unit = suggested_unit or route_for(ask)
        start_clock(ask, ask.raised_at)
        ask.save()
        AskEvent.objects.create(
            ask=ask,
            kind=AskEvent.Kind.RAISED,
            actor=by,
            to_status=ask.status,
            to_unit=ask.unit,
            note="Logged by the centre for the doer." if on_behalf else "",
        )
        doer = by if not on_behalf else None
        if doer is not None:
            Supporter.objects.create(ask=ask, person=doer, organisation=organisation)
        elif organisation is not None:
            lead = (
                organisation.memberships.filter(role=Role.DOER_LEAD)
                .select_related("person")
                .first()
            )
            if lead:
                Supporter.objects.create(ask=ask, person=lead.person, organisation=organisation)
        event = ask.events.get()
    transaction.on_commit(lambda: send_change_notices.enqueue(event.pk))
    return ask


def join(ask: Ask, person: User) -> bool:
    """'Me too': a doer adds their organisation's weight to an ask. False if already joined."""
    organisation_ids = person.organisation_ids
    if not organisation_ids:
        raise PermissionDenied("Only doers can join an ask.")
    with transaction.atomic():
        # Locked, and checked inside the lock: a withdrawal or merge at the same moment either
        # comes first (and the join is refused) or waits until the join is recorded.
        ask = Ask.objects.select_for_update().get(pk=ask.pk)
        if ask.status not in OPEN_STATUSES:
            raise ValidationError(
                f"{ask.reference} is {ask.get_status_display().lower()}: raise a new ask instead."
            )
        if ask.supporters.filter(person=person).exists():
            return False
        organisation_id = (
            ask.organisation_id
            if ask.organisation_id in organisation_ids
            else min(organisation_ids)
        )
        Supporter.objects.create(ask=ask, person=person, organisation_id=organisation_id)
        AskEvent.objects.create(
            ask=ask,
            kind=AskEvent.Kind.JOINED,
            actor=person,
            from_status=ask.status,
            to_status=ask.status,
        )
    return True


def asks_visible_to(user: User) -> QuerySet[Ask]:
    """Admins and analysts see every ask; unit staff their units' and the triage queue
    (leads); doers their own organisation's and those they joined."""
    asks = Ask.objects.select_related("organisation", "unit")
    if user.sees_everything:
        return asks
    if user.is_centre_staff:
        mine = Q(unit_id__in=user.centre_unit_ids)
        if user.is_centre_lead:
            mine |= Q(unit__isnull=True)
        return asks.filter(mine)
    # The ids as a union of two indexed look-ups, not a join on supporters with DISTINCT nor an
    # OR that leaves PostgreSQL to read every ask: "Your asks" stays fast at any size.
    theirs = Ask.objects.filter(organisation_id__in=user.organisation_ids).order_by().values("pk")
    joined = Supporter.objects.filter(person=user).order_by().values("ask_id")
    return asks.filter(pk__in=theirs.union(joined))


def can_see_detail(user: User, ask: Ask) -> bool:
    return asks_visible_to(user).filter(pk=ask.pk).exists()


def with_supporter_count(asks: QuerySet[Ask]) -> QuerySet[Ask]:
    """Annotate how many doers share each ask, as a subquery: a doer's visible asks already
    join the supporters, and a page of a long queue counts only its own rows."""
    count = (
        Supporter.objects.filter(ask=OuterRef("pk"))
        .order_by()
        .values("ask")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return asks.annotate(supporter_count=Coalesce(Subquery(count, output_field=IntegerField()), 0))


@dataclass(frozen=True)
class UnitAskStats:
    received: int
    acknowledged_in_time: int
    acknowledged: int
    committed: int
    declined: int
    delivered: int
    confirmed_helpful: int
    confirmed: int
    median_days_to_delivery: float | None

    @property
    def acknowledged_in_time_pct(self) -> float | None:
        return 100 * self.acknowledged_in_time / self.acknowledged if self.acknowledged else None


def unit_ask_stats(unit: CentreUnit, since=None) -> UnitAskStats:
    """What a unit did with the asks routed to it, for its scorecard."""
    return ask_stats_by_unit([unit.pk], since)[unit.pk]


def ask_stats_by_unit(unit_ids, since=None) -> dict[int, UnitAskStats]:
    """unit_ask_stats for many units, counted in the database (a query for the counts and one
    for the medians), so the scorecard stays fast however many asks there are."""
    asks = Ask.objects.filter(unit_id__in=unit_ids).exclude(status=Status.MERGED)
    if since is not None:
        asks = asks.filter(raised_at__gte=since)
    in_time = Q(acknowledged_at__lte=F("acknowledge_due_at"))
    delivered = Q(delivered_at__isnull=False) | Q(status__in=[Status.DELIVERED, Status.CONFIRMED])
    counts = {
        row["unit_id"]: row
        for row in asks.values("unit_id").annotate(
            received=Count("pk"),
            acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)),
            acknowledged_in_time=Count("pk", filter=in_time),
            committed=Count("pk", filter=Q(decided_at__isnull=False) & ~Q(status=Status.DECLINED)),
            declined=Count("pk", filter=Q(status=Status.DECLINED)),
            delivered=Count("pk", filter=delivered),
            confirmed_helpful=Count("pk", filter=Q(helped="yes")),
            confirmed=Count("pk", filter=~Q(helped="")),
        )
    }
    medians = median_days_to_delivery(asks)
    stats = {}
    for unit_id in unit_ids:
        row = counts.get(unit_id)
        if row is None:
            stats[unit_id] = UnitAskStats(0, 0, 0, 0, 0, 0, 0, 0, None)
            continue
        stats[unit_id] = UnitAskStats(
            received=row["received"],
            acknowledged_in_time=row["acknowledged_in_time"],
            acknowledged=row["acknowledged"],
            committed=row["committed"],
            declined=row["declined"],
            delivered=row["delivered"],
            confirmed_helpful=row["confirmed_helpful"],
            confirmed=row["confirmed"],
            median_days_to_delivery=medians.get(unit_id),
        )
    return stats


def median_days_to_delivery(asks: QuerySet[Ask]) -> dict[int, float]:
    """Each unit's median of delivered_at - raised_at, in days: one query that numbers each
    unit's delivered asks by time taken and reads back only the middle one or two."""
    took = ExpressionWrapper(F("delivered_at") - F("raised_at"), output_field=DurationField())
    by_unit = [F("unit_id")]
    middle = (
        asks.filter(delivered_at__isnull=False)
        .annotate(
            took=took,
            place=Window(RowNumber(), partition_by=by_unit, order_by=[took.asc(), F("pk").asc()]),
            delivered=Window(Count("pk"), partition_by=by_unit),
        )
        .filter(place__gte=(F("delivered") + 1) / 2, place__lte=F("delivered") / 2 + 1)
        .values_list("unit_id", "took")
    )
    halves: dict[int, list[float]] = {}
    for unit_id, duration in middle:
        halves.setdefault(unit_id, []).append(duration.total_seconds())
    return {unit: round(sum(t) / len(t) / 86400, 1) for unit, t in halves.items()}


def delivered_publicly() -> QuerySet[Ask]:
    """'You said, we did': delivered asks, newest first."""
    return (
        Ask.objects.filter(status__in=[Status.DELIVERED, Status.CONFIRMED])
        .select_related("unit", "organisation")
        .annotate(supporter_count=Count("supporters"))
        .order_by("-delivered_at", "-pk")
    )
