"""XmR charts as NHS England's "Making Data Count" draws them, following NHSRplotthedots.

`xmr(dates, values, Settings(...))` splits a series into groups at the rebase dates, gives each
group a mean and process limits from its baseline, labels each point with the special-cause rule
it breaks (if any) and names the variation by the improvement direction, and says for each group
whether it will meet a target. Decisions on the method's edge cases (see docs/demand.md):

- a group of one point has a mean but no moving range, so no limits: only runs can show;
- where every baseline value is equal the limits sit on the mean (zero width);
- outlier screening never collapses the limits: where it would discard every non-zero moving
  range, the unscreened average is kept;
- the series is taken as given: missing periods are not filled in (the caller does that).
"""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from math import isfinite
from typing import Any, Protocol

from .rules import label_points

LIMIT = 2.66  # 3 / 1.128: three sigma for an individuals chart
NEAR_LIMIT = 2 * LIMIT / 3  # two sigma, for the two-in-three rule
SCREEN = 3.267  # a moving range this many times the average is an outlier (Nelson 1982)
SHORT_GROUP = 12  # fewer points than this give trial limits only
MIN_FIX_AFTER = 12  # as NHSRplotthedots requires
IMPROVEMENTS = ("increase", "decrease", "neutral")
VARIATIONS = ("improvement", "concern", "neutral_high", "neutral_low", "common_cause")
ASSURANCES = ("consistent_pass", "consistent_fail", "inconsistent")


class Period(Protocol):
    """What a chart's dates may be: a date, a month, a week number... hashable and ordered."""

    def __hash__(self) -> int: ...

    def __lt__(self, other: Any, /) -> bool: ...


class SpcError(ValueError):
    """A series or setting the method cannot use; the message says which and why."""


@dataclass(frozen=True)
class Settings:
    """How to draw a chart. Run lengths default to the method's (7); some traditions use 6 or 8."""

    improvement: str = "neutral"
    target: float | None = None
    fix_after: int | None = None
    screen_outliers: bool = True
    rebase: tuple = ()
    trend_length: int = 7
    shift_length: int = 7

    def __post_init__(self) -> None:
        if self.improvement not in IMPROVEMENTS:
            raise SpcError(
                f"The improvement direction must be one of {', '.join(IMPROVEMENTS)}, "
                f"not {self.improvement!r}."
            )
        if self.fix_after is not None and self.fix_after < MIN_FIX_AFTER:
            raise SpcError(
                f"Fix the baseline after at least {MIN_FIX_AFTER} points, not {self.fix_after}: "
                "fewer give limits too uncertain to judge against."
            )
        if self.target is not None and not isfinite(self.target):
            raise SpcError("The target must be a finite number.")
        for length in (self.trend_length, self.shift_length):
            if length < 2:
                raise SpcError("A run needs at least 2 points.")


@dataclass(frozen=True)
class Point:
    date: Hashable
    value: float
    mean: float
    lpl: float | None
    upl: float | None
    rule: str | None
    variation: str
    group: int


@dataclass(frozen=True)
class Group:
    start: Hashable
    end: Hashable
    size: int
    mean: float
    lpl: float | None
    upl: float | None
    average_moving_range: float | None
    short_group_warning: bool
    assurance: str | None


@dataclass(frozen=True)
class Chart:
    """An XmR chart's points in date order and its groups; `variation` is the latest point's."""

    points: list[Point]
    groups: list[Group]
    settings: Settings = field(default_factory=Settings)

    @property
    def variation(self) -> str | None:
        return self.points[-1].variation if self.points else None

    @property
    def assurance(self) -> str | None:
        return self.groups[-1].assurance if self.groups else None

    def as_dict(self) -> dict:
        """The chart as `insideout spc --format json` prints it."""
        return {
            "points": [
                {
                    "date": _text(p.date),
                    "value": p.value,
                    "mean": p.mean,
                    "lpl": p.lpl,
                    "upl": p.upl,
                    "rule": p.rule,
                    "variation": p.variation,
                }
                for p in self.points
            ],
            "groups": [
                {
                    "start": _text(g.start),
                    "end": _text(g.end),
                    "mean": g.mean,
                    "lpl": g.lpl,
                    "upl": g.upl,
                    "short_group_warning": g.short_group_warning,
                    "assurance": g.assurance,
                }
                for g in self.groups
            ],
        }


def _text(value: Hashable) -> str:
    return value.isoformat() if isinstance(value, date | datetime) else str(value)


def average_moving_range(baseline: Sequence[float], screen_outliers: bool) -> float | None:
    """Mean of the moving ranges, with outlying ranges screened out once; None under 2 points."""
    ranges = [abs(b - a) for a, b in zip(baseline, baseline[1:], strict=False)]
    if not ranges:
        return None
    average = sum(ranges) / len(ranges)
    if screen_outliers and average > 0:
        kept = [r for r in ranges if r < SCREEN * average]
        screened = sum(kept) / len(kept) if kept else 0.0
        if screened > 0:
            average = screened
    return average


def _variation(rule: str | None, direction: int, improvement: str) -> str:
    if rule is None:
        return "common_cause"
    if improvement == "neutral":
        return "neutral_high" if direction >= 0 else "neutral_low"
    wanted = 1 if improvement == "increase" else -1
    return "improvement" if direction == wanted else "concern"


def assurance(target: float | None, improvement: str, lpl, upl) -> str | None:
    """Whether the process will meet the target: the whole band of limits on one side, or not."""
    if target is None or improvement == "neutral" or lpl is None or upl is None:
        return None
    increasing = improvement == "increase"
    if target > upl:
        return "consistent_fail" if increasing else "consistent_pass"
    if target < lpl:
        return "consistent_pass" if increasing else "consistent_fail"
    return "inconsistent"


def _group_starts(dates: list, rebase: Sequence) -> list[int]:
    starts = {0}
    for when in rebase:
        if not dates[0] < when <= dates[-1]:
            raise SpcError(
                f"The rebase date {_text(when)} is outside the series, which runs from "
                f"{_text(dates[0])} to {_text(dates[-1])}: a rebase must fall after its "
                "first point."
            )
        start = next(i for i, d in enumerate(dates) if d >= when)
        if start in starts:
            raise SpcError(
                f"The rebase date {_text(when)} leaves no points in a group: "
                "rebase dates need at least one point between them."
            )
        starts.add(start)
    return sorted(starts)


def xmr(
    dates: Sequence[Period], values: Sequence[float], settings: Settings | None = None
) -> Chart:
    """An XmR chart of one series; dates need not be sorted, but must be unique."""
    settings = settings or Settings()
    if len(dates) != len(values):
        raise SpcError("Each date needs exactly one value.")
    for value in values:
        if not isinstance(value, int | float) or isinstance(value, bool) or not isfinite(value):
            raise SpcError(f"Every value must be a finite number, not {value!r}.")
    order = sorted(range(len(dates)), key=lambda i: dates[i])
    dates = [dates[i] for i in order]
    values = [float(values[i]) for i in order]
    for before, after in zip(dates, dates[1:], strict=False):
        if before == after:
            raise SpcError(f"The date {_text(after)} appears twice: give one value per period.")
    if not dates:
        return Chart([], [], settings)
    starts = _group_starts(dates, settings.rebase)
    points: list[Point] = []
    groups: list[Group] = []
    for number, (start, end) in enumerate(zip(starts, [*starts[1:], len(dates)], strict=True)):
        group_values = values[start:end]
        baseline = group_values[: settings.fix_after] if settings.fix_after else group_values
        mean = sum(baseline) / len(baseline)
        amr = average_moving_range(baseline, settings.screen_outliers)
        limits = None
        lpl = upl = None
        if amr is not None:
            lpl, upl = mean - LIMIT * amr, mean + LIMIT * amr
            limits = (lpl, upl, mean - NEAR_LIMIT * amr, mean + NEAR_LIMIT * amr)
        labels = label_points(
            group_values,
            mean,
            limits,
            trend_length=settings.trend_length,
            shift_length=settings.shift_length,
        )
        for offset, (rule, direction) in enumerate(labels):
            points.append(
                Point(
                    date=dates[start + offset],
                    value=group_values[offset],
                    mean=mean,
                    lpl=lpl,
                    upl=upl,
                    rule=rule,
                    variation=_variation(rule, direction, settings.improvement),
                    group=number,
                )
            )
        groups.append(
            Group(
                start=dates[start],
                end=dates[end - 1],
                size=end - start,
                mean=mean,
                lpl=lpl,
                upl=upl,
                average_moving_range=amr,
                short_group_warning=end - start < SHORT_GROUP,
                assurance=assurance(settings.target, settings.improvement, lpl, upl),
            )
        )
    return Chart(points, groups, settings)
