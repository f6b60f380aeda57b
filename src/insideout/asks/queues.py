"""A unit's queue of asks: what is open, what is late, and by when each must be answered.

Queues can hold hundreds of thousands of asks: counts run in the database, and the per-ask
figures (due dates, late tags) are worked out only for the page being shown.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case, Count, DateTimeField, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Cast

from insideout.directory.models import CentreUnit

from .models import AWAITING_ACKNOWLEDGEMENT, OPEN_STATUSES, Ask, ServiceLevel, Status
from .service_levels import breaches, late_asks

SORTS = [
    ("", "Oldest first"),
    ("urgency", "Most urgent first"),
    ("supporters", "Most doers sharing it first"),
    ("due", "Next due first"),
]
URGENCY_ORDER = {"high": 0, "medium": 1, "low": 2}


def queue_asks(asks: QuerySet[Ask], show: str = "", category: str = "") -> QuerySet[Ask]:
    """The asks a queue shows: open ones unless asked for late ones, a status, or every ask."""
    if show == "late":
        asks = late_asks(asks)
    elif show in Status.values:
        asks = asks.filter(status=show)
    elif show != "all":
        asks = asks.filter(status__in=OPEN_STATUSES)
    return asks.filter(category=category) if category else asks


def sorted_queue(asks: QuerySet[Ask], sort: str = "") -> QuerySet[Ask]:
    """Oldest first, or by urgency, by doers sharing it, or by the next date something is due."""
    if sort == "urgency":
        rank = Case(
            *[When(urgency=u, then=Value(n)) for u, n in URGENCY_ORDER.items()],
            output_field=IntegerField(),
        )
        return asks.order_by(rank, "raised_at", "pk")
    if sort == "supporters":
        return asks.order_by("-supporter_count", "raised_at", "pk")
    if sort == "due":
        due = Case(
            When(status__in=AWAITING_ACKNOWLEDGEMENT, then=F("acknowledge_due_at")),
            When(status=Status.ACKNOWLEDGED, then=F("decide_due_at")),
            When(status=Status.COMMITTED, then=Cast("due_on", DateTimeField())),
            output_field=DateTimeField(),
        )
        return asks.alias(next_due=due).order_by(
            F("next_due").asc(nulls_last=True), "raised_at", "pk"
        )
    return asks.order_by("raised_at", "pk")


@dataclass(frozen=True)
class QueueSummary:
    unit: CentreUnit | None  # None: the triage queue
    open: int
    awaiting: int
    late: int


def queue_summaries(units: list[CentreUnit]) -> list[QueueSummary]:
    """For each unit: its open asks, those not yet acknowledged, and those past their service
    level. Three queries however many units and asks."""
    asks = Ask.objects.filter(unit__in=units).order_by()
    counts = {
        row["unit_id"]: row
        for row in asks.values("unit_id").annotate(
            open=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
            awaiting=Count("pk", filter=Q(status__in=AWAITING_ACKNOWLEDGEMENT)),
        )
    }
    late = dict(
        late_asks(asks).values("unit_id").annotate(n=Count("pk")).values_list("unit_id", "n")
    )
    return [
        QueueSummary(
            unit,
            counts.get(unit.pk, {}).get("open", 0),
            counts.get(unit.pk, {}).get("awaiting", 0),
            late.get(unit.pk, 0),
        )
        for unit in units
    ]


def triage_summary() -> QueueSummary:
    asks = Ask.objects.filter(unit__isnull=True)
    return QueueSummary(
        None,
        asks.filter(status__in=OPEN_STATUSES).count(),
        asks.filter(status__in=AWAITING_ACKNOWLEDGEMENT).count(),
        late_asks(asks).count(),
    )


@dataclass(frozen=True)
class QueueRow:
    ask: Ask
    acknowledge_by: datetime | None
    decide_by: datetime | None
    late: str  # "", "acknowledge" or "decide"


def queue_rows(asks: list[Ask], now=None) -> list[QueueRow]:
    """One page of a queue with each open ask's due dates and whether it is late."""
    late = {
        b.ask.pk: b.what for b in breaches(Ask.objects.filter(pk__in=[a.pk for a in asks]), now)
    }
    levels = {level.category: level for level in ServiceLevel.objects.all()}
    rows = []
    for ask in asks:
        level = levels.get(ask.category) or ServiceLevel(category=ask.category)
        awaiting = ask.status in AWAITING_ACKNOWLEDGEMENT
        undecided = ask.status in OPEN_STATUSES and ask.status != Status.COMMITTED
        rows.append(
            QueueRow(
                ask,
                ask.acknowledge_by(level) if awaiting else None,
                ask.decide_by(level) if undecided else None,
                late.get(ask.pk, ""),
            )
        )
    return rows
