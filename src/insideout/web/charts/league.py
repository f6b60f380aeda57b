"""A league chart: a dot and whisker per unit, in the order given, unranked units greyed."""

from django.utils.text import slugify

from insideout.web.charts import svg
from insideout.web.charts.data import NOT_ENOUGH, WIDTH, Chart, LeagueBar, count, extremes, shorten
from insideout.web.charts.svg import element, label, line, num


def league_chart(
    rows: list[LeagueBar],
    x_min: float = -100,
    x_max: float = 100,
    *,
    title: str = "",
    chart_id: str = "",
    value_label: str = "Net Promoter Score",
    interval_label: str = "Likely range",
) -> Chart:
    """A dot at each unit's value with a whisker across its interval, in the order given."""
    if x_max <= x_min:
        raise ValueError("x_max must be above x_min")
    title = title or f"{value_label} by unit"
    chart_id = chart_id or f"chart-{slugify(title)}"
    signed = x_min < 0

    def fmt(value: float) -> str:
        return svg.format_number(value, signed)

    names = [shorten(row.name, 32) for row in rows]
    left = min(max((svg.text_width(n) for n in names), default=0), 300) + 20
    right, top, row_height = WIDTH - 70, 64, 36
    height = top + row_height * len(rows) + 12

    def x_at(value: float) -> float:
        value = max(x_min, min(x_max, value))
        return left + (value - x_min) / (x_max - x_min) * (right - left)

    body = [label(left, 22, value_label, bold=True)]
    for tick in svg.nice_ticks(x_min, x_max):
        body.append(line(x_at(tick), top - 8, x_at(tick), height - 12, svg.GRID))
        body.append(
            label(
                x_at(tick),
                top - 16,
                fmt(tick),
                size=svg.SMALL_FONT_SIZE,
                anchor="middle",
                colour=svg.SECONDARY_TEXT,
            )
        )
    if x_min < 0 < x_max:
        body.append(
            line(
                x_at(0),
                top - 8,
                x_at(0),
                height - 12,
                svg.TEXT,
                1.5,
                class_="insideout-chart__zero",
            )
        )
    for i, (row, name) in enumerate(zip(rows, names, strict=True)):
        middle = top + i * row_height + row_height / 2
        if row.value is None:
            body.append(
                element(
                    "rect",
                    x=num(left),
                    y=num(middle - row_height / 2 + 3),
                    width=num(right - left),
                    height=num(row_height - 6),
                    fill=svg.SHADED,
                )
            )
            body.append(label(left - 12, middle + 5, name, anchor="end", colour=svg.SECONDARY_TEXT))
            body.append(
                label(
                    left + 10,
                    middle + 5,
                    NOT_ENOUGH,
                    size=svg.SMALL_FONT_SIZE,
                    colour=svg.SECONDARY_TEXT,
                )
            )
            continue
        body.append(label(left - 12, middle + 5, name, anchor="end"))
        if row.low is not None and row.high is not None:
            body.append(line(x_at(row.low), middle, x_at(row.high), middle, svg.BLUE, 2))
            for end in (row.low, row.high):
                body.append(line(x_at(end), middle - 6, x_at(end), middle + 6, svg.BLUE, 2))
        body.append(svg.marker("circle", x_at(row.value), middle, svg.BLUE, 7))
        body.append(label(WIDTH - 10, middle + 5, fmt(row.value), anchor="end", bold=True))

    has_range = any(r.low is not None and r.high is not None for r in rows)
    has_count = any(r.respondents is not None for r in rows)
    headers = ["Unit", value_label]
    headers += [interval_label] if has_range else []
    headers += ["Respondents"] if has_count else []
    table = []
    for row in rows:
        cells = [row.name, NOT_ENOUGH if row.value is None else fmt(row.value)]
        if has_range:
            if row.value is not None and row.low is not None and row.high is not None:
                cells.append(f"{fmt(row.low)} to {fmt(row.high)}")
            else:
                cells.append("")
        if has_count:
            cells.append("" if row.respondents is None else f"{row.respondents:,}")
        table.append(cells)
    ranked = [(r.value, r.name) for r in rows if r.value is not None]
    description = f"{value_label} for {count(len(rows), 'unit')}." + extremes(ranked, fmt)
    if len(ranked) < len(rows):
        description += f" {count(len(rows) - len(ranked), 'unit')} with {NOT_ENOUGH}."
    return Chart(
        svg.document(chart_id, WIDTH, height, title, description, body),
        title,
        description,
        headers,
        table,
        chart_id,
    )
