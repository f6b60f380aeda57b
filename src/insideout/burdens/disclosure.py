"""What may be published from doers' reports of what a requirement costs them: one place
decides, and every page, export, chart and API response of the ledger asks it.

The rule, in the words of the anonymity issue: a base cell is one requirement, one kind of
organisation and one quarter's due dates. It is published only if at least k different
organisations reported in it (`insideout.disclosure.suppression.can_show`), and only once the
quarter and its reporting window have closed, so it never changes after it is shown. Every
figure the ledger shows (a requirement's year, a unit's, a kind of organisation's, the whole
centre's, the trend) is a sum of published base cells only: subtracting any two published
figures gives only published cells, or nothing. Comments on a requirement are shown only
when at least k_text organisations reported on it, with nothing that tells them apart.

A doer's own figures are shown to that doer's organisation and to the centre, whole.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from insideout.disclosure.suppression import DEFAULT_K, DEFAULT_K_TEXT, can_show

from .models import Report, ReportCell
from .schedule import Quarter, quarters_up_to
from .services import REPORTING_DAYS

K = DEFAULT_K
K_TEXT = DEFAULT_K_TEXT


@dataclass(frozen=True)
class Tally:
    """What doers reported, summed: reports, their hours, the centre's estimate for the same
    occurrences, and their usefulness (1-5)."""

    reports: int = 0
    hours: float = 0.0
    estimated: float = 0.0
    usefulness_total: int = 0
    useful: int = 0  # reports that found it very or extremely useful (4 or 5)

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(
            self.reports + other.reports,
            self.hours + other.hours,
            self.estimated + other.estimated,
            self.usefulness_total + other.usefulness_total,
            self.useful + other.useful,
        )

    @property
    def ratio(self) -> float | None:
        """How many times the centre's estimate the doers say it took."""
        return self.hours / self.estimated if self.estimated else None

    @property
    def usefulness(self) -> float | None:
        return self.usefulness_total / self.reports if self.reports else None

    @property
    def useful_share(self) -> float | None:
        return 100 * self.useful / self.reports if self.reports else None


def total(tallies: Iterable[Tally]) -> Tally | None:
    """The sum of published tallies, or None where there is none."""
    found = list(tallies)
    return sum(found, Tally()) if found else None


def last_closed_quarter(today: date | None = None) -> Quarter:
    """The latest quarter whose due dates can no longer be reported on."""
    today = today or timezone.localdate()
    quarter = Quarter.of(today)
    while quarter.end + timedelta(days=REPORTING_DAYS) >= today:
        quarter = quarter.previous()
    return quarter


def closed_year(today: date | None = None) -> list[Quarter]:
    """The last four closed quarters: the ledger's year of reports."""
    return quarters_up_to(last_closed_quarter(today), 4)


CellKey = tuple[int, str, Quarter]  # requirement id, kind of organisation, quarter


def published_cells(
    quarters: list[Quarter], requirement_ids: Iterable[int] | None = None, k: int = K
) -> dict[CellKey, Tally]:
    """The base cells of the given closed quarters that may be published, with their tallies."""
    closed = last_closed_quarter()
    quarters = [q for q in quarters if q <= closed]
    if not quarters:
        return {}
    roll_up(quarters)
    cells = ReportCell.objects.filter(quarter_start__in=[q.start for q in quarters])
    if requirement_ids is not None:
        cells = cells.filter(requirement_id__in=list(requirement_ids))
    rows = cells.values_list(
        "requirement_id",
        "organisation_type",
        "quarter_start",
        "doers",
        "reports",
        "hours",
        "estimated",
        "usefulness_total",
        "useful",
    )
    return {
        (requirement, kind, Quarter.of(start)): Tally(
            reports, float(hours), float(estimated), usefulness, useful
        )
        for requirement, kind, start, doers, reports, hours, estimated, usefulness, useful in rows
        if can_show(doers, k)
    }


def roll_up(quarters: list[Quarter]) -> int:
    """Sum the reports of closed quarters not yet summed into base cells; returns how many
    cells were made. A closed quarter's reports can no longer change, so this runs once each
    (by the periodic task, or by the first page that needs it)."""
    closed = last_closed_quarter()
    wanted = {q.start for q in quarters if q <= closed}
    done = set(
        ReportCell.objects.filter(quarter_start__in=wanted)
        .values_list("quarter_start", flat=True)
        .distinct()
    )
    made = 0
    for start in sorted(wanted - done):
        quarter = Quarter.of(start)
        rows = (
            Report.objects.filter(due_on__gte=quarter.start, due_on__lte=quarter.end)
            .values("requirement_id", "organisation_type")
            .annotate(
                doers=Count("organisation_id", distinct=True),
                reports=Count("pk"),
                hours=Sum("hours"),
                estimated=Sum("estimated_hours"),
                usefulness_total=Sum("usefulness"),
                useful=Count("pk", filter=Q(usefulness__gte=4)),
            )
            .order_by()
        )
        cells = [ReportCell(quarter_start=quarter.start, **row) for row in rows]
        # Two requests may sum the same quarter at once: the first one's cells stand.
        ReportCell.objects.bulk_create(cells, ignore_conflicts=True)
        made += len(cells)
    return made


def roll_up_closed(today: date | None = None) -> int:
    """Sum the last two years' closed quarters (the periodic task's work)."""
    return roll_up(quarters_up_to(last_closed_quarter(today), 8))


def sum_by(cells: dict[CellKey, Tally], key) -> dict:
    """Published cells summed by key(cell key), e.g. by requirement or by quarter."""
    sums: dict = {}
    for cell_key, tally in cells.items():
        group = key(cell_key)
        sums[group] = sums.get(group, Tally()) + tally
    return sums


def comments(requirement_id: int, quarters: list[Quarter]) -> list[str] | None:
    """The comments on a requirement in the closed quarters, newest first, or None when too
    few organisations reported for any to be shown."""
    closed = last_closed_quarter()
    quarters = [q for q in quarters if q <= closed]
    if not quarters:
        return None
    reports = Report.objects.filter(
        requirement_id=requirement_id,
        due_on__gte=min(q.start for q in quarters),
        due_on__lte=max(q.end for q in quarters),
    )
    doers = reports.values("organisation_id").distinct().count()
    if not can_show(doers, K_TEXT):
        return None
    return list(
        reports.exclude(comment="")
        .order_by("-due_on", F("comment").asc())
        .values_list("comment", flat=True)
    )
