"""Top-down beside bottom-up: where the minister's mandate and the doers' demand agree and where
they pull apart, in four quadrants. Pure functions over plain numbers.

A priority has mandate when its weight is at least the average weight of the priorities (an
unowned need has none). It has demand when at least as many doers ask for things under it as
under the average priority, and never fewer than the anonymity threshold k, since a smaller
count is not shown at all.
"""

from collections.abc import Sequence
from dataclasses import dataclass

ALIGNED = "aligned"
MANDATE_ONLY = "mandate_only"
DEMAND_ONLY = "demand_only"
NEITHER = "neither"

QUADRANTS = {
    ALIGNED: (
        "Aligned",
        "Leadership weighs it highly and many doers ask for it: keep going, and show them.",
    ),
    MANDATE_ONLY: (
        "Mandate without demand",
        "Leadership weighs it highly but few doers ask for it: explain it to the doers, or "
        "rethink it.",
    ),
    DEMAND_ONLY: (
        "Demand without mandate",
        "Many doers ask for it but it weighs little, or no priority owns it: candidates for "
        "the next priorities.",
    ),
    NEITHER: (
        "Neither",
        "Little weight and little demand: check it still earns its place.",
    ),
}


@dataclass(frozen=True)
class Cuts:
    mandate: float  # weight at or above which a priority has mandate
    demand: int  # doers at or above which there is demand


def cuts(weights: Sequence[float], doers: Sequence[int | None], k: int) -> Cuts:
    """The lines between the quadrants, from the priorities' own weights and demand.

    Doers are None where the count is too small to be shown; they count as none."""
    mandate = sum(weights) / len(weights) if weights else 0.0
    counts = [d or 0 for d in doers]
    average = sum(counts) / len(counts) if counts else 0.0
    return Cuts(mandate=mandate, demand=max(k, round(average)))


def quadrant(weight: float, doers: int | None, line: Cuts) -> str:
    """Which quadrant a priority (or, with weight 0, an unowned need) falls in."""
    has_mandate = weight > 0 and weight >= line.mandate
    has_demand = (doers or 0) >= line.demand
    if has_mandate:
        return ALIGNED if has_demand else MANDATE_ONLY
    return DEMAND_ONLY if has_demand else NEITHER
