"""The ledger's figures: hours imposed a year, as the centre estimates them and as the doers
report them, per requirement, per owning unit, per kind of organisation, and their trend.

"As reported" scales the centre's estimate by what doers reported against the estimate for the
same occurrences, summed over published cells only (see `disclosure`).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import timezone

from insideout.directory.models import CentreUnit, Organisation

from . import audience, disclosure, schedule, services
from .disclosure import Tally
from .models import IMPOSING, Requirement, RequirementEvent, State
from .schedule import Imposition, Quarter

TREND_QUARTERS = 8


@dataclass
class Row:
    """One line of the ledger: a requirement, a unit or a kind of organisation.

    `reported` is the hours a year as the doers report them: each requirement's estimate
    scaled by its own published reports, or left at the estimate where it has none (None when
    nothing in the row has published reports). `covered` is the part of the estimate that has
    reports behind it."""

    label: str
    url: str = ""
    estimated: float = 0.0
    reported: float | None = None
    covered: float = 0.0
    tally: Tally | None = None  # the published reports summed: counts and usefulness
    requirements: int = 0
    doers: int = 0
    requirement: Requirement | None = None
    extra: dict = field(default_factory=dict)

    @property
    def gap(self) -> float | None:
        return None if self.reported is None else self.reported - self.estimated

    @property
    def times(self) -> float | None:
        """How many times the estimate the doers report, over the part that has reports."""
        if self.reported is None or not self.covered:
            return None
        return (self.reported - (self.estimated - self.covered)) / self.covered

    @property
    def usefulness(self) -> float | None:
        return None if self.tally is None else self.tally.usefulness


def leaf(label: str, estimated: float, tally: Tally | None, **fields) -> Row:
    """A row for one requirement (or one requirement and kind of organisation)."""
    ratio = tally.ratio if tally is not None else None
    return Row(
        label=label,
        estimated=estimated,
        reported=estimated * ratio if ratio is not None else None,
        covered=estimated if ratio is not None else 0.0,
        tally=tally,
        **fields,
    )


def total_of(rows: list[Row], label: str, **fields) -> Row:
    """The sum of rows; rows without reports count at their estimate in "as reported"."""
    any_reported = any(row.reported is not None for row in rows)
    return Row(
        label=label,
        estimated=sum(row.estimated for row in rows),
        reported=sum(row.estimated if row.reported is None else row.reported for row in rows)
        if any_reported
        else None,
        covered=sum(row.covered for row in rows),
        tally=disclosure.total(row.tally for row in rows if row.tally is not None),
        requirements=sum(row.requirements for row in rows),
        **fields,
    )


@dataclass
class Ledger:
    rows: list[Row]
    total: Row
    quarters: list[Quarter]  # the year of reports the figures draw on
    sizes: dict[int, dict[str, int]] = field(default_factory=dict)  # whom each lands on

    @property
    def reports_from(self) -> date | None:
        return self.quarters[0].start if self.quarters else None

    @property
    def reports_to(self) -> date | None:
        return self.quarters[-1].end if self.quarters else None


def imposed_per_year(requirement: Requirement, doers: int) -> float:
    if requirement.state not in IMPOSING:
        return 0.0
    return schedule.annual_hours(requirement.frequency, float(requirement.estimated_hours), doers)


def requirements_in(
    states: list[str] | None = None, unit: CentreUnit | None = None, kind: str = ""
) -> QuerySet[Requirement]:
    found = Requirement.objects.select_related("owner_unit")
    found = found.filter(state__in=states if states else IMPOSING)
    if unit is not None:
        found = found.filter(owner_unit=unit)
    if kind:
        found = found.filter(kind=kind)
    return found


def biggest_first(rows: list[Row]) -> list[Row]:
    def size(row: Row) -> float:
        return row.estimated if row.reported is None else row.reported

    return sorted(rows, key=lambda row: (-size(row), row.label))


def by_requirement(requirements) -> Ledger:
    """A row per requirement, the largest burden first."""
    requirements = list(requirements)
    quarters = disclosure.closed_year()
    sizes = audience.doers_by_type(requirements)
    cells = disclosure.published_cells(quarters, [r.pk for r in requirements])
    tallies = disclosure.sum_by(cells, lambda key: key[0])
    rows = []
    for requirement in requirements:
        doers = sum(sizes[requirement.pk].values())
        rows.append(
            leaf(
                requirement.title,
                imposed_per_year(requirement, doers),
                tallies.get(requirement.pk),
                url=requirement.get_absolute_url(),
                requirements=1,
                doers=doers,
                requirement=requirement,
            )
        )
    return Ledger(biggest_first(rows), total_of(rows, "All requirements"), quarters, sizes)


def by_unit(requirements) -> Ledger:
    """A row per owning unit: the sum of its requirements."""
    ledger = by_requirement(requirements)
    grouped: dict[int, list[Row]] = defaultdict(list)
    first: dict[int, Requirement] = {}  # each unit's first requirement, which names the unit
    for row in ledger.rows:
        if row.requirement is not None:
            grouped[row.requirement.owner_unit_id].append(row)
            first.setdefault(row.requirement.owner_unit_id, row.requirement)
    rows = [
        total_of(
            unit_rows,
            first[unit_id].owner_unit.name,
            url=reverse("burdens:ledger") + f"?unit={unit_id}",
        )
        for unit_id, unit_rows in grouped.items()
    ]
    return Ledger(biggest_first(rows), ledger.total, ledger.quarters)


def by_doer_type(requirements) -> Ledger:
    """A row per kind of organisation: the hours every requirement puts on organisations of
    that kind, and what they report."""
    requirements = list(requirements)
    quarters = disclosure.closed_year()
    sizes = audience.doers_by_type(requirements)
    cells = disclosure.published_cells(quarters, [r.pk for r in requirements])
    tallies = disclosure.sum_by(cells, lambda key: (key[0], key[1]))
    labels = dict(Organisation.Type.choices)
    counts = dict(Organisation.objects.values_list("type").annotate(n=Count("pk")))
    pieces: dict[str, list[Row]] = defaultdict(list)
    for requirement in requirements:
        for kind, n in sizes[requirement.pk].items():
            if n:
                pieces[kind].append(
                    leaf(
                        requirement.title,
                        imposed_per_year(requirement, n),
                        tallies.get((requirement.pk, kind)),
                        requirements=1,
                    )
                )
    rows = [
        total_of(
            pieces[kind],
            labels.get(kind, kind),
            doers=counts.get(kind, 0),
            extra={"type": kind},
        )
        for kind in pieces
    ]
    every = [piece for kind in pieces for piece in pieces[kind]]
    total = total_of(every, "All kinds of organisation")
    total.requirements = len(requirements)
    return Ledger(biggest_first(rows), total, quarters)


def breakdown_for(requirement: Requirement) -> list[Row]:
    """One requirement's hours by kind of organisation, as estimated and as reported."""
    quarters = disclosure.closed_year()
    sizes = audience.doers_by_type([requirement])[requirement.pk]
    cells = disclosure.published_cells(quarters, [requirement.pk])
    tallies = disclosure.sum_by(cells, lambda key: key[1])
    labels = dict(Organisation.Type.choices)
    return [
        leaf(
            labels.get(kind, kind),
            imposed_per_year(requirement, sizes.get(kind, 0)),
            tallies.get(kind),
            doers=sizes.get(kind, 0),
        )
        for kind in sorted(set(sizes) | set(tallies), key=lambda k: labels.get(k, k))
    ]


@dataclass(frozen=True)
class QuarterPoint:
    quarter: Quarter
    estimated: float  # hours imposed by the due dates in the quarter
    reported: float | None  # the same scaled by the doers' reports, where published
    reports: int = 0


def impositions(requirements: list[Requirement], known: dict | None = None) -> list[Imposition]:
    """Each requirement that has ever been in force, as plain data for the schedule (whom each
    lands on counted here, but for those `known` already)."""
    known = known or {}
    sizes = {**audience.doers_by_type([r for r in requirements if r.pk not in known]), **known}
    histories = services.estimate_histories(requirements)
    found = []
    for requirement in requirements:
        first, changes = histories[requirement.pk]
        found.append(
            Imposition(
                frequency=requirement.frequency,
                first_due=requirement.first_due_on,
                doers=sum(sizes[requirement.pk].values()),
                first_estimate=first,
                changes=changes,
                starts_on=requirement.starts_on,
                ends_on=requirement.ends_on,
            )
        )
    return found


def trend(
    unit: CentreUnit | None = None,
    count: int = TREND_QUARTERS,
    today: date | None = None,
    sizes: dict | None = None,
) -> list[QuarterPoint]:
    """Hours imposed quarter by quarter, up to the current quarter; for each closed quarter
    with published reports, the same with each requirement scaled by its own reports."""
    today = today or timezone.localdate()
    quarters = schedule.quarters_up_to(Quarter.of(today), count)
    chosen = Requirement.objects.filter(state__in=[*IMPOSING, State.RETIRED])
    if unit is not None:
        chosen = chosen.filter(owner_unit=unit)
    requirements = list(chosen)
    cells = disclosure.published_cells(quarters, [r.pk for r in requirements])
    tallies = disclosure.sum_by(cells, lambda key: (key[0], key[2]))
    points = []
    series = [
        schedule.hours_by_quarter([one], quarters) for one in impositions(requirements, sizes)
    ]
    for i, quarter in enumerate(quarters):
        estimated = sum(hours[i] for hours in series)
        reported, reports = 0.0, 0
        for requirement, hours in zip(requirements, series, strict=True):
            tally = tallies.get((requirement.pk, quarter))
            if tally is not None and tally.ratio is not None:
                reported += hours[i] * tally.ratio
                reports += tally.reports
            else:
                reported += hours[i]
        points.append(QuarterPoint(quarter, estimated, reported if reports else None, reports))
    return points


@dataclass(frozen=True)
class NetChange:
    """Hours a year added by requirements put in force and taken away by those retired or
    simplified, over a period."""

    added: float
    removed: float
    events: list[RequirementEvent]

    @property
    def net(self) -> float:
        return self.added - self.removed


def year_ago(today: date | None = None) -> date:
    """The start of the last twelve months, over which net change is counted."""
    return (today or timezone.localdate()) - timedelta(days=365)


def net_change(since: date, until: date | None = None, unit=None) -> NetChange:
    start = timezone.make_aware(datetime.combine(since, time.min))
    found = RequirementEvent.objects.filter(
        at__gte=start, hours_per_year_change__isnull=False
    ).select_related("requirement", "requirement__owner_unit", "actor")
    if until is not None:
        found = found.filter(at__lte=timezone.make_aware(datetime.combine(until, time.max)))
    if unit is not None:
        found = found.filter(requirement__owner_unit=unit)
    events = list(found.order_by("-at", "-pk"))
    changes = [
        float(e.hours_per_year_change) for e in events if e.hours_per_year_change is not None
    ]
    added = sum(hours for hours in changes if hours > 0)
    removed = -sum(hours for hours in changes if hours < 0)
    return NetChange(added, removed, events)
