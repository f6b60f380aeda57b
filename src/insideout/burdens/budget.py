"""The burden budget, as "one in, two out" regulatory budgets run it, counted in doers' hours:
pure arithmetic over plain numbers."""

from dataclasses import dataclass

from . import schedule


def hours_per_year(frequency: str, hours: float, doers: int) -> float:
    return schedule.annual_hours(frequency, hours, doers)


def hours_saved(frequency: str, doers: int, hours_now: float, new_hours: float | None) -> float:
    """Hours a year a retirement (new_hours None) or a simplification to new_hours saves."""
    after = 0.0 if new_hours is None else new_hours
    if after > hours_now:
        raise ValueError("A simplification must take less time than the requirement does now")
    return schedule.annual_hours(frequency, hours_now - after, doers)


@dataclass(frozen=True)
class BudgetCheck:
    """Whether a proposal pays for itself: hours out pledged against the hours out needed."""

    hours_added: float
    ratio: float | None  # None: no budget rule applies
    pledged: float

    @property
    def needed(self) -> float:
        return 0.0 if self.ratio is None else self.ratio * self.hours_added

    @property
    def shortfall(self) -> float:
        return max(0.0, round(self.needed - self.pledged, 1))

    @property
    def balanced(self) -> bool:
        return self.shortfall == 0

    @property
    def net_change(self) -> float:
        """Hours a year the doers gain (negative) or lose (positive) once it all goes through."""
        return self.hours_added - self.pledged


def check(
    hours_added: float,
    pledged: list[float],
    ratio: float | None,
    *,
    statutory: bool = False,
    exempts_statutory: bool = True,
) -> BudgetCheck:
    """Check a proposal against the rule; a requirement the law imposes may be exempt."""
    applies = ratio is not None and not (statutory and exempts_statutory)
    return BudgetCheck(hours_added, ratio if applies else None, sum(pledged))
