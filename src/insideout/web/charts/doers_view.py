"""The doers'-eye view: the doers in the middle, the central units on a ring around them."""

import math

from django.utils.text import slugify

from insideout.web.charts import svg
from insideout.web.charts.data import NOT_ENOUGH, WIDTH, Chart, CircleItem, count, extremes, shorten
from insideout.web.charts.svg import element, label, line, num

CENTRE = 90  # radius of the doers' circle


def circle_chart(
    centre_label: str,
    items: list[CircleItem],
    *,
    title: str = "",
    chart_id: str = "",
    value_label: str = "Net Promoter Score",
) -> Chart:
    """The doers in the middle, the central units on a ring around them, sized and coloured."""
    title = title or "The doers'-eye view of the centre"
    chart_id = chart_id or f"chart-{slugify(title)}"

    def fmt(value: float) -> str:
        return svg.format_number(value, signed=True)

    ranked = [(item.value, item.name) for item in items if item.value is not None]
    description = (
        f"{centre_label} in the middle; {count(len(items), 'central unit')} "
        f"around them, each sized by respondents and coloured by {value_label}."
    )
    description += extremes(ranked, fmt)
    if len(ranked) < len(items):
        description += f" {count(len(items) - len(ranked), 'unit')} with {NOT_ENOUGH}."
    body, width, height = _ring(centre_label, items, value_label, fmt)
    rows = [
        [item.name, f"{item.respondents:,}", NOT_ENOUGH if item.value is None else fmt(item.value)]
        for item in items
    ]
    return Chart(
        svg.document(chart_id, width, height, title, description, body),
        title,
        description,
        ["Unit", "Respondents", value_label],
        rows,
        chart_id,
    )


def _ring(centre_label: str, items: list[CircleItem], value_label: str, fmt):
    """Lay the units evenly round the doers; area shows respondents, colour shows the value."""
    count = max(len(items), 1)
    radius = max(200.0, count * 80 / (2 * math.pi))  # room for each unit's two-line label
    biggest = min(44.0, 0.42 * 2 * radius * math.sin(math.pi / count)) if count > 1 else 44.0
    most = max((item.respondents for item in items), default=0) or 1
    names = [shorten(item.short_name or item.name, 24) for item in items]
    label_width = max(
        [svg.text_width(n, 15, bold=True) for n in names] + [svg.text_width(NOT_ENOUGH, 14)]
    )
    reach = radius + biggest + 10 + label_width + 10
    width = max(WIDTH, 2 * reach)
    cx, cy = width / 2, radius + biggest + 56
    body = []
    for i, (item, name) in enumerate(zip(items, names, strict=True)):
        angle = -math.pi / 2 + 2 * math.pi * i / count
        cos, sin = math.cos(angle), math.sin(angle)
        size = max(6.0, min(biggest, biggest * math.sqrt(item.respondents / most)))
        x, y = cx + radius * cos, cy + radius * sin
        body.append(
            line(
                cx + CENTRE * cos, cy + CENTRE * sin, x - size * cos, y - size * sin, "#8eb8dc", 1.5
            )
        )
        if item.value is None:
            body.append(
                element(
                    "circle",
                    cx=num(x),
                    cy=num(y),
                    r=num(size),
                    fill="#ffffff",
                    stroke=svg.SECONDARY_TEXT,
                    stroke_width="1.5",
                    stroke_dasharray="4 3",
                    class_="insideout-chart__unit",
                )
            )
        else:
            body.append(
                element(
                    "circle",
                    cx=num(x),
                    cy=num(y),
                    r=num(size),
                    fill=svg.diverging_colour(item.value),
                    stroke=svg.SECONDARY_TEXT,
                    class_="insideout-chart__unit",
                )
            )
        anchor = "start" if cos > 0.25 else "end" if cos < -0.25 else "middle"
        tx, ty = x + (size + 10) * cos, y + (size + 10) * sin
        first = ty - 18 + 18 * sin + 14  # the two lines sit above, beside or below the circle
        value = NOT_ENOUGH if item.value is None else fmt(item.value)
        body.append(label(tx, first, name, size=15, anchor=anchor, bold=True))
        body.append(
            label(
                tx,
                first + 18,
                value,
                size=14,
                anchor=anchor,
                colour=svg.SECONDARY_TEXT if item.value is None else svg.TEXT,
            )
        )
    body.append(element("circle", cx=num(cx), cy=num(cy), r=CENTRE, fill=svg.BLUE))
    lines = _wrap(centre_label, 1.9 * CENTRE, 14)
    for j, text in enumerate(lines):
        body.append(
            label(
                cx,
                cy + 5 + (j - (len(lines) - 1) / 2) * 18,
                text,
                size=14,
                anchor="middle",
                colour="#ffffff",
                bold=True,
            )
        )
    key_top = cy + radius + biggest + 80  # below the lowest unit's two-line label
    body.append(
        label(20, key_top, f"Circle area shows respondents. Colour shows {value_label}:", size=14)
    )
    kx = 30.0
    for score in (-100, -50, 0, 50, 100, None):
        fill = "#ffffff" if score is None else svg.diverging_colour(score)
        text = NOT_ENOUGH if score is None else fmt(score)
        body.append(
            element(
                "circle",
                cx=num(kx),
                cy=num(key_top + 22),
                r="9",
                fill=fill,
                stroke=svg.SECONDARY_TEXT,
                stroke_dasharray="4 3" if score is None else None,
            )
        )
        body.append(label(kx + 14, key_top + 27, text, size=14))
        kx += 14 + svg.text_width(text, 14) + 22
    return body, width, key_top + 44


def _wrap(text: str, width: float, font_size: float) -> list[str]:
    """Break text into lines no wider than width, at spaces, starting a line at each "("."""
    lines: list[str] = []
    for word in text.split():
        joined = f"{lines[-1]} {word}" if lines else word
        fits = svg.text_width(joined, font_size, bold=True) <= width
        if lines and fits and not word.startswith("("):
            lines[-1] = joined
        else:
            lines.append(word)
    return lines
