"""Charts drawn on the server as SVG, each with a text alternative and the table behind it.

Render one with {% include "govuk/chart.html" with chart=chart %}.
"""

from insideout.web.charts.data import NOT_ENOUGH, Chart, CircleItem, LeagueBar, Series
from insideout.web.charts.doers_view import circle_chart
from insideout.web.charts.league import league_chart
from insideout.web.charts.pareto import pareto_chart
from insideout.web.charts.spc import spc_chart
from insideout.web.charts.trend import trend_chart

__all__ = [
    "NOT_ENOUGH",
    "Chart",
    "CircleItem",
    "LeagueBar",
    "Series",
    "circle_chart",
    "league_chart",
    "pareto_chart",
    "spc_chart",
    "trend_chart",
]
