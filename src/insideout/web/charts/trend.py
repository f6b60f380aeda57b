"""A line chart over pulses: a line per series, interval bands, gaps where there is no value."""

import math

from django.utils.safestring import SafeString
from django.utils.text import slugify

from insideout.web.charts import svg
from insideout.web.charts.data import NOT_ENOUGH, WIDTH, Chart, Series, count, extremes
from insideout.web.charts.svg import element, label, line, num


def trend_chart(
    series: list[Series],
    y_min: float,
    y_max: float,
    y_label: str,
    x_labels: list[str],
    *,
    title: str = "",
    chart_id: str = "",
    decimals: int = 0,
    x_name: str = "Pulse",
) -> Chart:
    """A line per series over pulses, with interval bands, gaps where a value is None."""
    if len(series) > len(svg.SERIES_COLOURS):
        raise ValueError(f"A trend chart shows at most {len(svg.SERIES_COLOURS)} series")
    if any(len(s.points) != len(x_labels) for s in series):
        raise ValueError("Each series needs one point per x label (None where there is none)")
    title = title or f"{y_label} by {x_name.lower()}"
    chart_id = chart_id or f"chart-{slugify(title)}"
    if y_max < y_min:
        raise ValueError("y_max must not be below y_min")
    signed = y_min < 0
    values = [v for s in series for p in s.points for v in p if v is not None]
    low, high = min([y_min, *values]), max([y_max, *values])
    high = high if high > low else low + 1
    ticks = svg.nice_ticks(low, high)

    def fmt(value: float) -> str:
        return svg.format_number(value, signed, decimals)

    legend, legend_height = _legend(series)
    left, right, top = 60, WIDTH - 20, legend_height + 44
    bottom = top + 300
    height = bottom + 40
    inset = 24
    step = (right - left - 2 * inset) / max(len(x_labels) - 1, 1)

    def x_at(i: int) -> float:
        return (left + right) / 2 if len(x_labels) == 1 else left + inset + i * step

    def y_at(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)

    body = [*legend, label(left, top - 16, y_label, bold=True)]
    body.extend(svg.y_grid(ticks, left, right, y_at, fmt))
    if low < 0 < high:
        body.append(
            line(left, y_at(0), right, y_at(0), svg.TEXT, 1.5, class_="insideout-chart__zero")
        )
    body.append(line(left, bottom, right, bottom, svg.TEXT))
    widest = max((svg.text_width(x, svg.SMALL_FONT_SIZE) for x in x_labels), default=0)
    every = max(1, math.ceil((widest + 16) / step)) if len(x_labels) > 1 else 1
    for i, x_label in enumerate(x_labels):
        body.append(line(x_at(i), bottom, x_at(i), bottom + 5, svg.TEXT))
        if (len(x_labels) - 1 - i) % every == 0:  # the latest pulse is always labelled
            half = svg.text_width(x_label, svg.SMALL_FONT_SIZE) / 2
            x = min(max(x_at(i), half + 4), WIDTH - half - 4)  # kept inside the picture
            body.append(
                label(
                    x,
                    bottom + 24,
                    x_label,
                    size=svg.SMALL_FONT_SIZE,
                    anchor="middle",
                    colour=svg.SECONDARY_TEXT,
                )
            )
    for k, one in enumerate(series):
        body.extend(_series_marks(k, one, x_at, y_at))

    rows = [
        [x_label, *(_cell(s.points[i], fmt) for s in series)] for i, x_label in enumerate(x_labels)
    ]
    description = _trend_description(series, x_labels, y_label, fmt)
    return Chart(
        svg.document(chart_id, WIDTH, height, title, description, body),
        title,
        description,
        [x_name, *(s.name for s in series)],
        rows,
        chart_id,
    )


def _legend(series: list[Series]) -> tuple[list[SafeString], float]:
    """A key in rows across the top: a sample of each line with its marker, then its name."""
    parts, x, y = [], 0.0, 20.0
    for k, one in enumerate(series):
        width = 44 + 8 + svg.text_width(one.name) + 28
        if x and x + width > WIDTH:
            x, y = 0.0, y + 28
        colour = svg.SERIES_COLOURS[k]
        parts.append(
            line(x + 2, y - 5, x + 42, y - 5, colour, 2.5, stroke_dasharray=svg.DASH_PATTERNS[k])
        )
        parts.append(svg.marker(svg.MARKER_SHAPES[k], x + 22, y - 5, colour))
        parts.append(label(x + 52, y, one.name))
        x += width
    return [element("g", *parts, class_="insideout-chart__legend")] if parts else [], y + 8


def _series_marks(k: int, one: Series, x_at, y_at) -> list[SafeString]:
    """A series' interval band, its line (broken where a value is None) and its markers."""
    colour, marks = svg.SERIES_COLOURS[k], []
    for run in _runs(one.points, lambda p: p[1] is not None and p[2] is not None):
        if len(run) == 1:
            i, (_, lo, hi) = run[0]
            marks.append(
                line(
                    x_at(i),
                    y_at(lo),
                    x_at(i),
                    y_at(hi),
                    colour,
                    4,
                    stroke_opacity="0.3",
                    class_="insideout-chart__band",
                )
            )
            continue
        edge = [(x_at(i), y_at(p[2])) for i, p in run] + [
            (x_at(i), y_at(p[1])) for i, p in reversed(run)
        ]
        marks.append(
            element(
                "polygon",
                points=" ".join(f"{num(a)},{num(b)}" for a, b in edge),
                fill=colour,
                fill_opacity="0.15",
                class_="insideout-chart__band",
            )
        )
    for run in _runs(one.points, lambda p: p[0] is not None):
        if len(run) > 1:
            marks.append(
                element(
                    "polyline",
                    points=" ".join(f"{num(x_at(i))},{num(y_at(p[0]))}" for i, p in run),
                    fill="none",
                    stroke=colour,
                    stroke_width="2.5",
                    stroke_linejoin="round",
                    stroke_dasharray=svg.DASH_PATTERNS[k],
                    class_="insideout-chart__line",
                )
            )
    marks += [
        svg.marker(svg.MARKER_SHAPES[k], x_at(i), y_at(p[0]), colour)
        for i, p in enumerate(one.points)
        if p[0] is not None
    ]
    return [element("g", *marks, class_="insideout-chart__series")]


def _runs(points, present) -> list[list]:
    """Consecutive stretches of (index, point) where present(point) holds."""
    runs: list[list] = []
    current: list = []
    for i, point in enumerate(points):
        if present(point):
            current.append((i, point))
        elif current:
            runs, current = [*runs, current], []
    return [*runs, current] if current else runs


def _cell(point, fmt) -> str:
    value, low, high = point
    if value is None:
        return NOT_ENOUGH
    if low is None or high is None:
        return fmt(value)
    return f"{fmt(value)} ({fmt(low)}\u00a0to\u00a0{fmt(high)})"  # wraps only before the range


def _trend_description(series: list[Series], x_labels: list[str], y_label: str, fmt) -> str:
    if not x_labels or not series:
        return f"{y_label}: nothing to show yet."
    span = f"{x_labels[0]} to {x_labels[-1]}" if len(x_labels) > 1 else "".join(x_labels)
    if len(series) == 1:
        one = series[0]
        text = f"{y_label} for {one.name} over {count(len(x_labels), 'pulse')}, {span}."
        pairs = zip(one.points, x_labels, strict=True)
        text += extremes([(value, x) for (value, _, _), x in pairs if value is not None], fmt)
    else:
        text = (
            f"{y_label} for {count(len(series), 'group')} over "
            f"{count(len(x_labels), 'pulse')}, {span}."
        )
        for i in reversed(range(len(x_labels))):
            values = [(s.points[i][0], s.name) for s in series]
            latest = [(value, name) for value, name in values if value is not None]
            if latest:
                text += f" Latest pulse, {x_labels[i]}." + extremes(latest, fmt)
                break
    gaps = sum(1 for s in series for p in s.points if p[0] is None)
    if gaps:
        text += f" {count(gaps, 'point')} left out with {NOT_ENOUGH}."
    return text
