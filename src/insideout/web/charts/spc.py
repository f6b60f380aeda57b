"""An XmR chart as NHS "Making Data Count" draws one: the values, the mean and process limits of
each group, the target, and each point marked by its variation (colour and shape)."""

import math
from collections.abc import Callable
from typing import Any

from django.utils.text import slugify

from insideout import spc
from insideout.web.charts import svg
from insideout.web.charts.data import WIDTH, Chart, count
from insideout.web.charts.svg import element, label, line, num

# Making Data Count's colours, darkened to GOV.UK contrast on white; each has its own shape too.
VARIATION_STYLE = {
    "improvement": ("#1d70b8", "diamond", "Special cause improvement"),
    "concern": ("#b7592a", "square", "Special cause concern"),
    "neutral_high": ("#54319f", "triangle", "Special cause, high"),
    "neutral_low": ("#54319f", "triangle-down", "Special cause, low"),
    "common_cause": ("#484949", "circle", "Common cause"),
}
RULE_WORDS = {
    spc.OUTSIDE_LIMITS: "beyond a process limit",
    spc.TREND: "a trend of 7 rising or falling points",
    spc.TWO_IN_THREE: "2 of 3 points near a limit",
    spc.SHIFT: "7 points on one side of the mean",
}
ASSURANCE_WORDS = {
    "consistent_pass": "will consistently meet the target",
    "consistent_fail": "will consistently miss the target",
    "inconsistent": "will sometimes meet and sometimes miss the target",
}
LINE = "#6f777b"
TARGET = "#0f7a52"


def spc_chart(
    result: spc.Chart,
    *,
    title: str,
    y_label: str,
    chart_id: str = "",
    decimals: int = 0,
    x_text: Callable[[Any], str] = str,
    x_name: str = "Week",
) -> Chart:
    """The chart of an spc.xmr result, with its text alternative and its table."""
    chart_id = chart_id or f"chart-{slugify(title)}"
    points = result.points

    def fmt(value: float | None) -> str:
        return "" if value is None else svg.format_number(value, decimals=decimals)

    target = result.settings.target
    levels = [p.value for p in points] + [
        v for p in points for v in (p.lpl, p.upl) if v is not None
    ]
    if target is not None:
        levels.append(target)
    low, high = (min(levels), max(levels)) if levels else (0.0, 1.0)
    if low >= 0 and low < (high - low) * 0.5:
        low = 0.0  # counts read best from zero when zero is close
    if high <= low:
        high = low + 1
    ticks = svg.nice_ticks(low, high)
    low, high = min(low, ticks[0]), max(high, ticks[-1])
    present = [v for v in VARIATION_STYLE if any(p.variation == v for p in points)]
    legend, legend_height = _legend(present, target is not None)
    widest = max((svg.text_width(x_text(p.date), svg.SMALL_FONT_SIZE) for p in points), default=0)
    # Room for the latest date's label to sit centred under its point.
    left, right, top = 70, WIDTH - max(16, widest / 2 + 4), legend_height + 44
    bottom = top + 280
    height = bottom + 44
    step = (right - left) / max(len(points) - 1, 1)

    def x_at(i: int) -> float:
        return (left + right) / 2 if len(points) == 1 else left + i * step

    def y_at(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)

    body = [*legend, label(left, top - 18, y_label, bold=True)]
    body.extend(svg.y_grid(ticks, left, right, y_at, fmt))
    body.append(line(left, bottom, right, bottom, svg.TEXT))
    body.extend(_x_labels(points, x_at, bottom, step, x_text))
    body.extend(_group_lines(points, x_at, y_at))
    if target is not None:
        body.append(
            line(
                left,
                y_at(target),
                right,
                y_at(target),
                TARGET,
                2,
                stroke_dasharray="12 4 2 4",
                class_="insideout-chart__target",
            )
        )
    if len(points) > 1:
        body.append(
            element(
                "polyline",
                points=" ".join(
                    f"{num(x_at(i))},{num(y_at(p.value))}" for i, p in enumerate(points)
                ),
                fill="none",
                stroke=LINE,
                stroke_width="1.5",
                class_="insideout-chart__line",
            )
        )
    size = 5.5 if len(points) <= 60 else 3.5
    for i, point in enumerate(points):
        colour, shape, _ = VARIATION_STYLE[point.variation]
        body.append(svg.marker(shape, x_at(i), y_at(point.value), colour, size))
    description = describe(result, y_label, fmt, x_text)
    rows = [
        [
            x_text(p.date),
            fmt(p.value),
            fmt(p.mean),
            fmt(p.lpl),
            fmt(p.upl),
            RULE_WORDS.get(p.rule, "") if p.rule else "",
            VARIATION_STYLE[p.variation][2],
        ]
        for p in points
    ]
    return Chart(
        svg.document(chart_id, WIDTH, height, title, description, body),
        title,
        description,
        [x_name, y_label, "Mean", "Lower limit", "Upper limit", "Rule", "Variation"],
        rows,
        chart_id,
    )


def _legend(present: list[str], with_target: bool):
    parts, x, y = [], 0.0, 20.0
    entries = [
        (VARIATION_STYLE[v][0], VARIATION_STYLE[v][1], VARIATION_STYLE[v][2]) for v in present
    ]
    entries += [(svg.TEXT, "line", "Mean"), (svg.TEXT, "dash", "Process limits")]
    if with_target:
        entries.append((TARGET, "target", "Target"))
    for colour, shape, name in entries:
        width = 30 + svg.text_width(name, svg.SMALL_FONT_SIZE) + 24
        if x and x + width > WIDTH:
            x, y = 0.0, y + 26
        if shape == "line":
            parts.append(line(x + 2, y - 5, x + 24, y - 5, colour, 2))
        elif shape == "dash":
            parts.append(line(x + 2, y - 5, x + 24, y - 5, colour, 1.5, stroke_dasharray="6 4"))
        elif shape == "target":
            parts.append(line(x + 2, y - 5, x + 24, y - 5, colour, 2, stroke_dasharray="8 3 2 3"))
        else:
            parts.append(svg.marker(shape, x + 13, y - 5, colour))
        parts.append(label(x + 30, y, name, size=svg.SMALL_FONT_SIZE))
        x += width
    return [element("g", *parts, class_="insideout-chart__legend")], y + 8


def _x_labels(points, x_at, bottom: float, step: float, x_text) -> list:
    marks: list = []
    if not points:
        return marks
    widest = max(svg.text_width(x_text(p.date), svg.SMALL_FONT_SIZE) for p in points)
    every = max(1, math.ceil((widest + 16) / step)) if len(points) > 1 else 1
    for i, point in enumerate(points):
        if (len(points) - 1 - i) % every:
            continue  # the latest point is always labelled
        text = x_text(point.date)
        half = svg.text_width(text, svg.SMALL_FONT_SIZE) / 2
        x = min(max(x_at(i), half + 4), WIDTH - half - 4)
        marks.append(line(x_at(i), bottom, x_at(i), bottom + 5, svg.TEXT))
        marks.append(
            label(
                x,
                bottom + 24,
                text,
                size=svg.SMALL_FONT_SIZE,
                anchor="middle",
                colour=svg.SECONDARY_TEXT,
            )
        )
    return marks


def _group_lines(points, x_at, y_at) -> list:
    """Each group's mean (solid) and limits (dashed), stepping at each rebase."""
    marks = []
    for number in sorted({p.group for p in points}):
        members = [i for i, p in enumerate(points) if p.group == number]
        first, last = members[0], members[-1]
        x1, x2 = (
            x_at(first) - (4 if first else 0),
            x_at(last) + (4 if last < len(points) - 1 else 0),
        )
        point = points[first]
        marks.append(
            line(
                x1,
                y_at(point.mean),
                x2,
                y_at(point.mean),
                svg.TEXT,
                2,
                class_="insideout-chart__mean",
            )
        )
        for limit in (point.lpl, point.upl):
            if limit is not None:
                marks.append(
                    line(
                        x1,
                        y_at(limit),
                        x2,
                        y_at(limit),
                        svg.TEXT,
                        1.5,
                        stroke_dasharray="6 4",
                        class_="insideout-chart__limit",
                    )
                )
    return marks


def describe(result: spc.Chart, y_label: str, fmt, x_text) -> str:
    """The chart in words: its span, its limits, its signals, the latest point and assurance."""
    points = result.points
    if not points:
        return f"{y_label}: nothing to show yet."
    text = (
        f"{y_label} over {count(len(points), 'point')}, {x_text(points[0].date)} to "
        f"{x_text(points[-1].date)}."
    )
    for number, group in enumerate(result.groups):
        where = f" From {x_text(group.start)} the" if len(result.groups) > 1 else ""
        limits = (
            f", process limits {fmt(group.lpl)} to {fmt(group.upl)}"
            if group.lpl is not None
            else ", too few points for limits"
        )
        trial = " (trial limits: fewer than 12 points)" if group.short_group_warning else ""
        text += f"{where or ' The'} mean is {fmt(group.mean)}{limits}{trial}."
        if number == 0 and len(result.groups) > 1:
            text = text.replace(" From", " Recalculated at each change. From", 1)
    flagged = [p for p in points if p.rule]
    if flagged:
        kinds = sorted({p.variation for p in flagged})
        words = ", ".join(VARIATION_STYLE[k][2].lower() for k in kinds)
        text += f" {count(len(flagged), 'point')} show special cause variation ({words})."
    else:
        text += " Every point shows common cause variation only."
    latest = points[-1]
    text += (
        f" Latest, {x_text(latest.date)}: {fmt(latest.value)}, "
        f"{VARIATION_STYLE[latest.variation][2].lower()}"
    )
    text += f" ({RULE_WORDS[latest.rule]})." if latest.rule else "."
    if result.assurance:
        text += (
            f" Against the target of {fmt(result.settings.target)} the process "
            f"{ASSURANCE_WORDS[result.assurance]}."
        )
    return text
