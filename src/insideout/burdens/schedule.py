"""When a requirement falls due, and what that costs in hours: pure functions over plain dates.

A requirement falls due on its first due date and then once each period of its frequency
(one-off: once), never before it starts nor after it ends. Hours imposed are the hours each
occurrence takes a doer, times the doers it lands on, for each occurrence in a period.
"""

import calendar
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

ONE_OFF, WEEKLY, MONTHLY, TERMLY, ANNUAL = "one_off", "weekly", "monthly", "termly", "annual"
# How often each frequency falls due in a year; a one-off counts once, in the year it falls.
PER_YEAR = {ONE_OFF: 1, WEEKLY: 52, MONTHLY: 12, TERMLY: 3, ANNUAL: 1}
MONTHS_APART = {MONTHLY: 1, TERMLY: 4, ANNUAL: 12}


def add_months(day: date, months: int) -> date:
    """The same day of the month, months later (or the month's last day where it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def occurrences(frequency: str, first_due: date) -> Iterator[date]:
    """Every due date from the first, without end (one-off: just the first)."""
    if frequency not in PER_YEAR:
        raise ValueError(f"Unknown frequency {frequency!r}")
    if frequency == ONE_OFF:
        yield first_due
        return
    n = 0
    while True:
        try:
            if frequency == WEEKLY:
                yield first_due + timedelta(weeks=n)
            else:
                yield add_months(first_due, n * MONTHS_APART[frequency])
        except (OverflowError, ValueError):
            return  # past the last date the calendar holds
        n += 1


def due_dates(
    frequency: str,
    first_due: date,
    start: date,
    end: date,
    *,
    starts_on: date | None = None,
    ends_on: date | None = None,
) -> list[date]:
    """Due dates from start to end (both included), within the requirement's own life."""
    low = max(start, starts_on) if starts_on else start
    high = min(end, ends_on) if ends_on else end
    found = []
    for due in occurrences(frequency, first_due):
        if due > high:
            break
        if due >= low:
            found.append(due)
    return found


def annual_hours(frequency: str, hours: float, doers: int) -> float:
    """Hours a year the requirement takes from all the doers it lands on: frequency x hours."""
    return PER_YEAR[frequency] * hours * doers


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1 to 4, calendar quarters

    @classmethod
    def of(cls, day: date) -> "Quarter":
        return _quarter(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        return add_months(self.start, 3) - timedelta(days=1)

    @property
    def label(self) -> str:
        return f"{self.year} Q{self.number}"

    def previous(self, n: int = 1) -> "Quarter":
        index = self.year * 4 + self.number - 1 - n
        return Quarter(index // 4, index % 4 + 1)


@cache
def _quarter(year: int, number: int) -> Quarter:
    """Quarters are made often and are few: each is made once."""
    return Quarter(year, number)


def quarters_up_to(last: Quarter, count: int) -> list[Quarter]:
    """The `count` quarters ending with `last`, oldest first."""
    return [last.previous(n) for n in reversed(range(count))]


def estimate_on(day: date, first_estimate: float, changes: Sequence[tuple[date, float]]) -> float:
    """The centre's estimate in force on a day: the last change made on or before it."""
    hours = first_estimate
    for changed_on, new_hours in sorted(changes):
        if changed_on <= day:
            hours = new_hours
    return hours


@dataclass(frozen=True)
class Imposition:
    """What one requirement asks of the doers, as plain data for the trend."""

    frequency: str
    first_due: date
    doers: int
    first_estimate: float
    changes: tuple[tuple[date, float], ...] = ()  # (from date, hours) after simplifications
    starts_on: date | None = None
    ends_on: date | None = None


def imposed(imposition: Imposition, start: date, end: date) -> list[tuple[date, float]]:
    """Each due date from start to end, with the hours it took all the doers (the estimate then)."""
    return [
        (due, estimate_on(due, imposition.first_estimate, imposition.changes) * imposition.doers)
        for due in due_dates(
            imposition.frequency,
            imposition.first_due,
            start,
            end,
            starts_on=imposition.starts_on,
            ends_on=imposition.ends_on,
        )
    ]


def hours_in(imposition: Imposition, start: date, end: date) -> float:
    """Hours the requirement imposed from start to end."""
    return sum(hours for _, hours in imposed(imposition, start, end))


def hours_by_quarter(impositions: Sequence[Imposition], quarters: Sequence[Quarter]) -> list[float]:
    """Total hours imposed in each quarter, in the order given (each due date read once)."""
    if not quarters:
        return []
    totals = dict.fromkeys(quarters, 0.0)
    start, end = min(q.start for q in quarters), max(q.end for q in quarters)
    for imposition in impositions:
        for due, hours in imposed(imposition, start, end):
            quarter = Quarter.of(due)
            if quarter in totals:
                totals[quarter] += hours
    return [totals[q] for q in quarters]
