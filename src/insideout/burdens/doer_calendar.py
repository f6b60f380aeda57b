"""A doer's own burden: what falls due when and how long the centre expects it to take, what
they still can report on, and the hours a year it all takes from their organisation."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from insideout.directory.models import Organisation

from . import audience, schedule
from .disclosure import Tally
from .models import Report, Requirement
from .services import REPORTING_DAYS, estimate_histories


@dataclass(frozen=True)
class Due:
    """One occurrence of a requirement for one organisation."""

    requirement: Requirement
    organisation: Organisation
    due_on: date
    hours: float  # the centre's estimate for it
    report: Report | None = None


def occurrences(organisation: Organisation, start: date, end: date, requirements=None) -> list[Due]:
    """Every occurrence from start to end of the requirements that land on the organisation."""
    found = []
    landing = audience.requirements_landing_on(organisation, requirements)
    reports = {
        (r.requirement_id, r.due_on): r
        for r in Report.objects.filter(
            organisation=organisation, due_on__gte=start, due_on__lte=end
        )
    }
    histories = estimate_histories(landing)
    for requirement in landing:
        first, changes = histories[requirement.pk]
        for due_on in requirement.due_dates(start, end):
            found.append(
                Due(
                    requirement,
                    organisation,
                    due_on,
                    schedule.estimate_on(due_on, first, changes),
                    reports.get((requirement.pk, due_on)),
                )
            )
    return sorted(found, key=lambda due: (due.due_on, due.requirement.title))


def upcoming(organisation: Organisation, months: int = 3, today: date | None = None) -> list[Due]:
    today = today or timezone.localdate()
    return occurrences(organisation, today, schedule.add_months(today, months))


def reports_due(organisation: Organisation, today: date | None = None) -> list[Due]:
    """Occurrences the organisation can still report on and has not."""
    today = today or timezone.localdate()
    start = today - timedelta(days=REPORTING_DAYS)
    return [d for d in occurrences(organisation, start, today) if d.report is None]


def by_month(dues: list[Due]) -> list[tuple[date, list[Due], float]]:
    """(first of the month, its occurrences, their hours), in order."""
    months: dict[date, list[Due]] = defaultdict(list)
    for due in dues:
        months[due.due_on.replace(day=1)].append(due)
    return [(month, items, sum(d.hours for d in items)) for month, items in sorted(months.items())]


@dataclass(frozen=True)
class OwnRow:
    requirement: Requirement
    estimated: float  # hours a year the centre expects it to take this organisation
    tally: Tally | None  # this organisation's own reports over the last year

    @property
    def reported(self) -> float | None:
        if self.tally is None or self.tally.ratio is None:
            return None
        return self.estimated * self.tally.ratio


def own_burden(organisation: Organisation, today: date | None = None) -> list[OwnRow]:
    """Each requirement on the organisation: hours a year expected, and what it reported in
    the last year. The organisation's own figures, shown only to it and to the centre."""
    today = today or timezone.localdate()
    reports = Report.objects.filter(
        organisation=organisation, due_on__gt=today - timedelta(days=365)
    )
    tallies: dict[int, Tally] = defaultdict(Tally)
    for report in reports:
        tallies[report.requirement_id] += Tally(
            1,
            float(report.hours),
            float(report.estimated_hours),
            report.usefulness,
            1 if report.usefulness >= 4 else 0,
        )
    rows = [
        OwnRow(
            requirement,
            schedule.annual_hours(requirement.frequency, float(requirement.estimated_hours), 1),
            tallies.get(requirement.pk),
        )
        for requirement in audience.requirements_landing_on(organisation)
    ]
    return sorted(rows, key=lambda row: (-row.estimated, row.requirement.title))
