"""Unmet needs: what could not be pulled, as evidence for the centre.

A need becomes a signal when its partner finds no service that fits, or when a pull for it is
declined for lack of capacity. The centre never sees a signal on its own: it sees counts of
cases (and of the people in them) by kind of need, region and quarter, published through the
disclosure module so that no figure, nor any sum or difference of figures, isolates fewer than
k cases. Each case counts once a quarter, under the kind of its first unmet need that quarter,
so the table is a true partition of cases, which is what the disclosure rules protect.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from insideout.accounts.models import User
from insideout.catalogue.models import Service
from insideout.catalogue.places import place_name, region_of
from insideout.directory.places import REGIONS
from insideout.disclosure.linked import ALL, publish_linked
from insideout.disclosure.suppression import (
    DEFAULT_K,
    DEFAULT_K_TEXT,
    Cell,
    can_show,
    shown_groups,
    suppress_breakdown,
)
from insideout.vocabulary import SocialNeed
from insideout.web.decorators import refuse_unless

from .models import CaseEvent, Need, UnmetNeed


def record_signal(need: Need, reason: str, service: Service | None = None, at=None) -> UnmetNeed:
    """Make the need a signal (once per reason); for no capacity, note the full service."""
    case = need.case
    signal, _ = UnmetNeed.objects.get_or_create(
        need=need,
        reason=reason,
        defaults={
            "case": case,
            "category": need.category,
            "local_authority": case.local_authority,
            "region": region_of(case.local_authority),
            "people": case.people,
            "raised_on": timezone.localdate(at),
        },
    )
    if service is not None:
        signal.services_full.add(service)
    return signal


def record_unmet(need: Need, by: User, note: str = "") -> UnmetNeed:
    """The partner finds no service that fits: the need goes to the centre as unmet."""
    refuse_unless(by.sees_case(need.case), "Only the case's partners can record its needs.")
    with transaction.atomic():
        signal = record_signal(need, UnmetNeed.Reason.NO_SERVICE)
        Need.objects.filter(pk=need.pk).update(status=Need.Status.UNMET)
        CaseEvent.objects.create(
            case=need.case, kind=CaseEvent.Kind.UNMET, actor=by, note=note.strip()
        )
    return signal


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @property
    def key(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> datetime.date:
        following = Quarter(self.year + self.number // 4, self.number % 4 + 1).start
        return following - datetime.timedelta(days=1)

    @property
    def label(self) -> str:
        return f"{self.start:%B} to {self.end:%B %Y}"

    @classmethod
    def of(cls, day: datetime.date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, key: str) -> "Quarter | None":
        try:
            year, number = key.split("-Q")
            quarter = cls(int(year), int(number))
        except ValueError:
            return None
        return quarter if 1 <= quarter.number <= 4 and 2000 <= quarter.year <= 2100 else None


def quarters() -> list[Quarter]:
    """The quarters with any unmet need, newest first."""
    days = UnmetNeed.objects.dates("raised_on", "month", order="DESC")
    return list(dict.fromkeys(Quarter.of(day) for day in days))


def _cases_in(quarter: Quarter) -> dict[int, Mapping[str, Any]]:
    """Each case with an unmet need in the quarter, once: its first need's kind and its place."""
    signals = (
        UnmetNeed.objects.filter(raised_on__range=(quarter.start, quarter.end))
        .order_by("raised_on", "pk")
        .values("case_id", "category", "region", "local_authority", "people")
    )
    cases: dict[int, Mapping[str, Any]] = {}
    for signal in signals:
        cases.setdefault(signal["case_id"], signal)
    return cases


@dataclass(frozen=True)
class Figure:
    """A published count: None when it may not be shown."""

    cases: int | None
    people: int | None = None

    @property
    def shown(self) -> bool:
        return self.cases is not None


@dataclass(frozen=True)
class UnmetTable:
    quarter: Quarter
    k: int
    categories: list[tuple[str, str]]  # (code, label), rows
    regions: list[tuple[str, str]]  # (code, name), columns
    cells: dict[tuple[str, str], Figure]
    category_totals: dict[str, Figure]
    region_totals: dict[str, Figure]
    total: Figure

    @property
    def has_hidden(self) -> bool:
        figures = [
            *self.cells.values(),
            *self.category_totals.values(),
            *self.region_totals.values(),
        ]
        return any(not figure.shown for figure in figures)


def unmet_table(quarter: Quarter, k: int = DEFAULT_K) -> UnmetTable:
    """Cases with an unmet need by kind of need and region in a quarter, as may be published."""
    cases = _cases_in(quarter)
    counts: dict[tuple[str, str], int] = {}
    people: dict[tuple, int] = {}
    for case in cases.values():
        key = (case["category"], case["region"] or "unknown")
        counts[key] = counts.get(key, 0) + 1
        for total in (key, (key[0], ALL), (ALL, key[1]), (ALL, ALL)):
            people[total] = people.get(total, 0) + case["people"]
    publication = publish_linked(counts, k)
    figure_counts: dict[tuple[str | None, str | None], int] = {}
    for (category, region), n in counts.items():
        for key in ((category, region), (category, ALL), (ALL, region), (ALL, ALL)):
            figure_counts[key] = figure_counts.get(key, 0) + n

    def figure(key) -> Figure:
        if key in publication.shown:
            return Figure(figure_counts.get(key, 0), people.get(key, 0))
        return Figure(None)

    categories = [(c.value, c.label) for c in SocialNeed if any(k[0] == c.value for k in counts)]
    regions = [(code, name) for code, name in REGIONS.items() if any(k[1] == code for k in counts)]
    return UnmetTable(
        quarter=quarter,
        k=k,
        categories=categories,
        regions=regions,
        cells={(c, r): figure((c, r)) for c, _ in categories for r, _ in regions},
        category_totals={c: figure((c, ALL)) for c, _ in categories},
        region_totals={r: figure((ALL, r)) for r, _ in regions},
        total=figure((ALL, ALL)),
    )


def places_in(table: UnmetTable, region: str) -> list[tuple[str, Figure]]:
    """The region's cases by local authority: shown only under a shown region total, as a
    breakdown of it (so a hidden place is never that total minus the shown ones)."""
    if region not in table.region_totals or not table.region_totals[region].shown:
        return []
    cases = [c for c in _cases_in(table.quarter).values() if c["region"] == region]
    by_place: dict[str, list[int]] = {}
    for case in cases:
        by_place.setdefault(case["local_authority"], []).append(case["people"])
    cells = [Cell(code, len(people), sum(people)) for code, people in sorted(by_place.items())]
    return [
        (
            place_name(str(cell.key)),
            Figure(cell.n, cell.value) if not cell.suppressed else Figure(None),
        )
        for cell in suppress_breakdown(cells, table.k)
    ]


def in_their_words(quarter: Quarter, category: str, limit: int = 8) -> list[str]:
    """What people said they needed, for one kind of need only, and only when at least k_text
    cases share it that quarter (words identify people more easily than numbers)."""
    cases = _cases_in(quarter)
    counts: dict[str, int] = {}
    for case in cases.values():
        counts[case["category"]] = counts.get(case["category"], 0) + 1
    if category not in shown_groups(counts, DEFAULT_K_TEXT):
        return []
    ids = [case_id for case_id, case in cases.items() if case["category"] == category]
    texts = (
        Need.objects.filter(case_id__in=ids, category=category, signals__isnull=False)
        .exclude(text="")
        .values_list("text", flat=True)
        .distinct()
        .order_by("text")
    )
    return list(texts[:limit])


def answer_signals(
    service: Service, by: User, category: str, region: str = "", quarter: Quarter | None = None
) -> int | None:
    """The centre links a new or expanded service to the unmet needs it answers (those of the
    kind, in the region and quarter, not yet answered). Returns how many, or None for fewer
    than k, a number the centre may not see."""
    refuse_unless(by.sees_unmet_needs, "Only centre staff work with unmet needs.")
    signals = UnmetNeed.objects.filter(category=category, answered_by__isnull=True)
    if region:
        signals = signals.filter(region=region)
    if quarter is not None:
        signals = signals.filter(raised_on__range=(quarter.start, quarter.end))
    answered = signals.update(answered_by=service, answered_at=timezone.now())
    return answered if can_show(answered) else None


def answering_services() -> list[Service]:
    """The services the centre says answer unmet needs (without counts, which would let
    a reader subtract one linking from the next)."""
    answered = UnmetNeed.objects.exclude(answered_by=None).values("answered_by_id")
    return list(Service.objects.filter(pk__in=answered).order_by("name"))
