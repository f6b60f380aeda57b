"""Did the burden fall? After a decision to retire or simplify, what the doers' reports say.

A simplification is judged by the hours doers report for each occurrence of the requirement
itself, before and after. A retirement leaves nothing to report on, so it is judged by the
hours, as doers report them, that everything its owning unit asks of doers takes each
quarter: if the same work came back in another form, that would not fall. Both draw only on
published cells (see `disclosure`), closed quarters on each side of the decision.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from . import disclosure, ledger
from .models import ChangeProposal
from .schedule import Quarter, quarters_up_to
from .services import REPORTING_DAYS


@dataclass(frozen=True)
class Outcome:
    before: float | None
    after: float | None
    what: str  # what the two figures measure, in words
    pending_until: date | None = None  # when the first quarter after can be judged

    @property
    def fell(self) -> bool | None:
        if self.before is None or self.after is None:
            return None
        return self.after < self.before

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None or not self.before:
            return None
        return 100 * (self.after - self.before) / self.before


def outcome(proposal: ChangeProposal, today: date | None = None) -> Outcome | None:
    """What the reports say since an accepted proposal; None for one not accepted."""
    if proposal.status != ChangeProposal.Status.ACCEPTED or proposal.decided_at is None:
        return None
    today = today or timezone.localdate()
    decided = timezone.localdate(proposal.decided_at)
    closed = disclosure.last_closed_quarter(today)
    decided_in = Quarter.of(decided)
    before = [q for q in quarters_up_to(decided_in.previous(), 2)]
    after = [q for q in quarters_up_to(closed, 4) if q > decided_in]
    first_after = decided_in.previous(-1)
    pending = first_after.end + timedelta(days=REPORTING_DAYS + 1) if not after else None
    requirement = proposal.requirement
    if proposal.action == ChangeProposal.Action.SIMPLIFY:
        return Outcome(
            _hours_each(requirement.pk, before),
            _hours_each(requirement.pk, after),
            "hours doers reported for each occurrence",
            pending,
        )
    trend = {p.quarter: p for p in ledger.trend(unit=requirement.owner_unit, today=today)}
    return Outcome(
        _mean_reported(trend, before),
        _mean_reported(trend, after),
        f"hours a quarter, as doers report them, of everything "
        f"{requirement.owner_unit.name} asks of doers",
        pending,
    )


def _hours_each(requirement_id: int, quarters: list[Quarter]) -> float | None:
    cells = disclosure.published_cells(quarters, [requirement_id])
    tally = disclosure.total(cells.values())
    return tally.hours / tally.reports if tally and tally.reports else None


def _mean_reported(trend: dict, quarters: list[Quarter]) -> float | None:
    values = [trend[q].reported for q in quarters if q in trend and trend[q].reported is not None]
    return sum(values) / len(values) if values else None
