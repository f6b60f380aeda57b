"""A unit's queue of asks: what is open, what is late, and by when each must be answered.

Queues can hold hundreds of thousands of asks: counts run in the database, and the per-ask
figures (due dates, late tags) are worked out only for the page being shown.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q

from insideout.directory.models import CentreUnit

from .models import AWAITING_ACKNOWLEDGEMENT, OPEN_STATUSES, Ask, ServiceLevel, Status
from .service_levels import breaches, late_asks


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
