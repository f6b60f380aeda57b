"""Raising, routing, joining and finding asks: the rules every page, API call and task uses."""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
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
)
from django.db.models.functions import Coalesce

from insideout.accounts.models import User
from insideout.directory.models import CentreUnit, Organisation
from insideout.vocabulary import NeedCategory, Role

from .models import (
    OPEN_STATUSES,
    Ask,
    AskEvent,
    ServiceLevel,
    Status,
    Supporter,
    TriageRule,
)
from .tasks import send_change_notices


def route_for(ask: Ask) -> CentreUnit | None:
    """The unit the first matching triage rule names, or None for the triage queue."""
    text = f"{ask.title} {ask.detail}".lower()
    organisation = ask.organisation
    for rule in TriageRule.objects.filter(is_active=True).select_related("unit"):
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
    if ask.status not in OPEN_STATUSES:
        raise ValidationError(
            f"{ask.reference} is {ask.get_status_display().lower()}: raise a new ask instead."
        )
    organisation_id = (
        ask.organisation_id if ask.organisation_id in organisation_ids else min(organisation_ids)
    )
    try:
        with transaction.atomic():
            Supporter.objects.create(ask=ask, person=person, organisation_id=organisation_id)
            AskEvent.objects.create(
                ask=ask,
                kind=AskEvent.Kind.JOINED,
                actor=person,
                from_status=ask.status,
                to_status=ask.status,
            )
    except IntegrityError:
        return False
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


def similar_open_asks(
    title: str, category: str = "", exclude_organisations=(), limit: int = 5
) -> list[Ask]:
    """Open asks sharing words with a new one, shown before a doer raises a duplicate."""
    words = [w for w in re.findall(r"[a-z]{4,}", title.lower()) if w not in STOP_WORDS][:6]
    if not words:
        return []
    matches = Q()
    for word in words:
        matches |= Q(title__icontains=word)
    candidates = (
        Ask.objects.filter(matches, status__in=OPEN_STATUSES)
        .exclude(organisation_id__in=exclude_organisations)
        .annotate(supporter_count=Count("supporters"))
        .select_related("unit")[:200]
    )
    scored = sorted(
        candidates,
        key=lambda a: (
            -sum(w in a.title.lower() for w in words) - (a.category == category),
            -a.supporter_count,
            -a.pk,
        ),
    )
    return scored[:limit]


STOP_WORDS = {
    "need",
    "more",
    "with",
    "from",
    "that",
    "this",
    "have",
    "would",
    "about",
    "help",
    "please",
    "some",
    "into",
    "their",
    "there",
    "they",
    "what",
    "when",
    "which",
}


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
    """unit_ask_stats for many units, counted in the database (a query, plus one per unit for
    the median), so the scorecard stays fast however many asks there are."""
    asks = Ask.objects.filter(unit_id__in=unit_ids).exclude(status=Status.MERGED)
    if since is not None:
        asks = asks.filter(raised_at__gte=since)
    ack_days = dict(ServiceLevel.objects.values_list("category", "days_to_acknowledge"))
    in_time = Q(pk__in=[])
    for category in NeedCategory.values:
        days = ack_days.get(category, ServiceLevel().days_to_acknowledge)
        in_time |= Q(category=category, acknowledged_at__lte=F("raised_at") + timedelta(days=days))
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
            timed=Count("pk", filter=Q(delivered_at__isnull=False)),
        )
    }
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
            median_days_to_delivery=median_days_to_delivery(
                asks.filter(unit_id=unit_id), row["timed"]
            ),
        )
    return stats


def median_days_to_delivery(asks: QuerySet[Ask], n: int) -> float | None:
    """The median of delivered_at - raised_at, read from the middle of the sorted list."""
    if not n:
        return None
    took = ExpressionWrapper(F("delivered_at") - F("raised_at"), output_field=DurationField())
    middle = (
        asks.filter(delivered_at__isnull=False)
        .annotate(took=took)
        .order_by("took")
        .values_list("took", flat=True)
    )
    halves = list(middle[(n - 1) // 2 : n // 2 + 1])
    return round(sum(t.total_seconds() for t in halves) / len(halves) / 86400, 1)


def delivered_publicly() -> QuerySet[Ask]:
    """'You said, we did': delivered asks, newest first."""
    return (
        Ask.objects.filter(status__in=[Status.DELIVERED, Status.CONFIRMED])
        .select_related("unit", "organisation")
        .annotate(supporter_count=Count("supporters"))
        .order_by("-delivered_at", "-pk")
    )
