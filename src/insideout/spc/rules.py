"""The special-cause rules, as NHSRplotthedots applies them within one group of an XmR chart.

Each point gets at most one rule; where several apply the first of RULES wins. Runs never cross
a group's edges, because each group is checked on its own.
"""

from collections.abc import Sequence

OUTSIDE_LIMITS = "outside_limits"
TREND = "trend"
TWO_IN_THREE = "two_in_three"
SHIFT = "shift"
RULES = (OUTSIDE_LIMITS, TREND, TWO_IN_THREE, SHIFT)


def _sign(number: float) -> int:
    return (number > 0) - (number < 0)


def _runs(steps: Sequence[int]) -> list[tuple[int, int, int]]:
    """Maximal runs of equal, non-zero steps as (first index, last index, step)."""
    runs, start = [], 0
    for i in range(1, len(steps) + 1):
        if i == len(steps) or steps[i] != steps[start]:
            if steps[start] != 0:
                runs.append((start, i - 1, steps[start]))
            start = i
    return runs


def trend_directions(values: Sequence[float], length: int) -> list[int]:
    """+1 for a point in a run of `length` or more points each strictly above the one before,
    -1 in such a falling run, 0 otherwise; a point in both (a turning point) gets 2."""
    found = [0] * len(values)
    steps = [_sign(values[i] - values[i - 1]) for i in range(1, len(values))]
    for first, last, step in _runs(steps):
        # Steps first..last join points first..last + 1.
        if last - first + 2 >= length:
            for i in range(first, last + 2):
                found[i] = 2 if found[i] and found[i] != step else step
    return found


def shift_points(sides: Sequence[int], length: int) -> list[bool]:
    """Points in a run of `length` or more on one side of the mean (a point on it breaks a run)."""
    found = [False] * len(sides)
    for first, last, _ in _runs(sides):
        if last - first + 1 >= length:
            for i in range(first, last + 1):
                found[i] = True
    return found


def two_in_three_points(sides: Sequence[int], near: Sequence[bool]) -> list[bool]:
    """Points near a limit that, with at least one other near point, make two of three
    consecutive points near the limit with all three on the same side of the mean."""
    found = [False] * len(sides)
    for start in range(len(sides) - 2):
        window = range(start, start + 3)
        same_side = abs(sum(sides[i] for i in window)) == 3
        if same_side and sum(near[i] for i in window) >= 2:
            for i in window:
                found[i] = found[i] or near[i]
    return found


def label_points(
    values: Sequence[float],
    mean: float,
    limits: tuple[float, float, float, float] | None,
    *,
    trend_length: int = 7,
    shift_length: int = 7,
) -> list[tuple[str | None, int]]:
    """Each point's rule (or None) and the direction of its signal: +1 high, -1 low, 0 none.

    `limits` is (lower process limit, upper, lower near limit, upper near), or None where
    there are too few points for a moving range: then only trends and shifts can be seen.
    """
    sides = [_sign(value - mean) for value in values]
    if limits is None:
        outside = near = [False] * len(values)
    else:
        lpl, upl, near_lower, near_upper = limits
        outside = [value > upl or value < lpl for value in values]
        near = [
            not out and (value > near_upper or value < near_lower)
            for value, out in zip(values, outside, strict=True)
        ]
    trends = trend_directions(values, trend_length)
    two_in_three = two_in_three_points(sides, near)
    shifts = shift_points(sides, shift_length)
    labelled: list[tuple[str | None, int]] = []
    for i, side in enumerate(sides):
        if outside[i]:
            labelled.append((OUTSIDE_LIMITS, side))
        elif trends[i]:
            # A rising trend is high and a falling one low, wherever it lies; the point where a
            # rise turns into a fall (or back) takes its side of the mean (high if on it).
            direction = trends[i] if trends[i] != 2 else (side or 1)
            labelled.append((TREND, direction))
        elif two_in_three[i]:
            labelled.append((TWO_IN_THREE, side))
        elif shifts[i]:
            labelled.append((SHIFT, side))
        else:
            labelled.append((None, 0))
    return labelled
