"""The ledger's trend of hours imposed, quarter by quarter, on the XmR chart of the demand issue:
fewer hours taken from doers is an improvement."""

from insideout import spc
from insideout.web.charts import Chart, spc_chart

from .ledger import QuarterPoint
from .schedule import Quarter


def quarter_label(day) -> str:
    return Quarter.of(day).label


def hours_chart(points: list[QuarterPoint], title: str, chart_id: str) -> Chart | None:
    """An XmR chart of the hours imposed each quarter, as the centre estimates them."""
    if len(points) < 2:
        return None
    result = spc.xmr(
        [p.quarter.start for p in points],
        [round(p.estimated, 1) for p in points],
        spc.Settings(improvement="decrease"),
    )
    return spc_chart(
        result,
        title=title,
        y_label="Hours imposed on doers",
        chart_id=chart_id,
        x_text=quarter_label,
        x_name="Quarter",
    )
