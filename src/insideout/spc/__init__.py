"""Statistical process control as NHS England's "Making Data Count" does it: XmR charts,
special-cause rules, assurance against a target. Pure functions over plain series; it imports
nothing of the project, so any floor may use it.

    from insideout.spc import Settings, xmr
    chart = xmr(weeks, counts, Settings(improvement="decrease", target=100))
    chart.points[-1].rule, chart.variation, chart.assurance, chart.as_dict()
"""

from .rules import OUTSIDE_LIMITS, RULES, SHIFT, TREND, TWO_IN_THREE
from .xmr import (
    ASSURANCES,
    IMPROVEMENTS,
    LIMIT,
    SCREEN,
    SHORT_GROUP,
    VARIATIONS,
    Chart,
    Group,
    Point,
    Settings,
    SpcError,
    assurance,
    average_moving_range,
    xmr,
)

__all__ = [
    "ASSURANCES",
    "IMPROVEMENTS",
    "LIMIT",
    "OUTSIDE_LIMITS",
    "RULES",
    "SCREEN",
    "SHIFT",
    "SHORT_GROUP",
    "TREND",
    "TWO_IN_THREE",
    "VARIATIONS",
    "Chart",
    "Group",
    "Point",
    "Settings",
    "SpcError",
    "assurance",
    "average_moving_range",
    "xmr",
]
