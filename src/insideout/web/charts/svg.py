"""Safe SVG markup for the charts: elements with escaped text and attributes, ticks, markers."""

import math
from collections.abc import Callable

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# GOV.UK Frontend 6 brand palette. Every series colour has at least 4.5:1 contrast on white.
TEXT = "#0b0c0c"
SECONDARY_TEXT = "#484949"
GRID = "#cecece"
SHADED = "#f3f3f3"
BLUE = "#1d70b8"
RED = "#ca3535"
GREEN = "#0f7a52"
NEUTRAL = "#cecece"
SERIES_COLOURS = ["#1d70b8", "#b7592a", "#54319f", "#158187", "#ca357c", "#484949"]
# Colour is never the only difference between series (WCAG 1.4.1): each has its own marker
# shape and dash pattern too.
MARKER_SHAPES = ["circle", "square", "triangle", "diamond", "triangle-down", "ring"]
DASH_PATTERNS = [None, "10 5", "2 4", "14 4 2 4", "6 3", "14 3 2 3 2 3"]
FONT_SIZE = 16
SMALL_FONT_SIZE = 14


def element(tag: str, *children: SafeString | str, **attrs: object) -> SafeString:
    """One SVG element; attribute names use _ for - (trailing _ dropped), None values skipped."""
    attributes = format_html_join(
        "",
        ' {}="{}"',
        (
            (name.rstrip("_").replace("_", "-"), value)
            for name, value in attrs.items()
            if value is not None
        ),
    )
    if not children:
        return format_html("<{}{} />", tag, attributes)
    return format_html("<{}{}>{}</{}>", tag, attributes, join(children), tag)


def join(parts) -> SafeString:
    """Concatenate markup, escaping any plain strings among it."""
    return format_html_join("", "{}", ((part,) for part in parts))


def num(value: float) -> str:
    """A coordinate, to one decimal place and without trailing zeros."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def text_width(text: str, font_size: float = FONT_SIZE, bold: bool = False) -> float:
    """Rough width of text in the system sans-serif, erring wide, enough for laying out labels."""
    return len(text) * font_size * (0.62 if bold else 0.56)


def nice_ticks(low: float, high: float, target: int = 5) -> list[float]:
    """Round tick values (steps of 1, 2, 2.5 or 5 times a power of ten) between low and high."""
    if high <= low:
        return [low]
    raw = (high - low) / target
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return [round(i * step, 10) for i in range(first, last + 1)]


def format_number(value: float, signed: bool = False, decimals: int = 0) -> str:
    """A figure as people read it: thousands separated, '+' on positive scores where signed."""
    text = f"{value:,.{decimals}f}"
    if text.lstrip("-").strip("0.,") == "":
        return text.lstrip("-")  # no "-0" or "+0"
    return f"+{text}" if signed and value > 0 else text


def marker(shape: str, x: float, y: float, colour: str, size: float = 5.5) -> SafeString:
    """A series marker centred on (x, y), white-edged so it stands out where lines cross."""
    common = {
        "fill": colour,
        "stroke": "#ffffff",
        "stroke_width": "1.5",
        "class_": "insideout-chart__marker",
    }
    if shape == "circle":
        return element("circle", cx=num(x), cy=num(y), r=num(size), **common)
    if shape == "ring":
        return element(
            "circle",
            cx=num(x),
            cy=num(y),
            r=num(size - 1),
            fill="#ffffff",
            stroke=colour,
            stroke_width="3",
            class_="insideout-chart__marker",
        )
    if shape == "square":
        s = size * 0.9
        return element(
            "rect", x=num(x - s), y=num(y - s), width=num(2 * s), height=num(2 * s), **common
        )
    s = size * 1.3
    points = {
        "triangle": [(x, y - s), (x + s, y + s * 0.8), (x - s, y + s * 0.8)],
        "triangle-down": [(x, y + s), (x + s, y - s * 0.8), (x - s, y - s * 0.8)],
        "diamond": [(x, y - s), (x + s, y), (x, y + s), (x - s, y)],
    }[shape]
    return element("polygon", points=" ".join(f"{num(a)},{num(b)}" for a, b in points), **common)


def label(
    x: float,
    y: float,
    content: str,
    *,
    size: int = FONT_SIZE,
    anchor: str = "start",
    colour: str = TEXT,
    bold: bool = False,
) -> SafeString:
    """Text in the page's own font (inherited), with its baseline at y."""
    return element(
        "text",
        content,
        x=num(x),
        y=num(y),
        font_size=size,
        text_anchor=anchor,
        fill=colour,
        font_weight="bold" if bold else None,
    )


def line(
    x1: float, y1: float, x2: float, y2: float, colour: str, width: float = 1, **attrs: object
) -> SafeString:
    return element(
        "line",
        x1=num(x1),
        y1=num(y1),
        x2=num(x2),
        y2=num(y2),
        stroke=colour,
        stroke_width=num(width),
        **attrs,
    )


def y_grid(
    ticks: list[float],
    left: float,
    right: float,
    y_at: Callable[[float], float],
    fmt: Callable[[float], str] = format_number,
) -> list[SafeString]:
    """A grid line across the plot at each tick of the vertical axis, its value on the left."""
    parts = []
    for tick in ticks:
        parts.append(line(left, y_at(tick), right, y_at(tick), GRID))
        parts.append(
            label(
                left - 8,
                y_at(tick) + 5,
                fmt(tick),
                size=SMALL_FONT_SIZE,
                anchor="end",
                colour=SECONDARY_TEXT,
            )
        )
    return parts


def document(
    chart_id: str, width: float, height: float, title: str, description: str, body: list[SafeString]
) -> SafeString:
    """The outer <svg>: an image named by its title and description, scaling to its container."""
    return element(
        "svg",
        element("title", title, id=f"{chart_id}-title"),
        element("desc", description, id=f"{chart_id}-desc"),
        *body,
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {num(width)} {num(height)}",
        width="100%",
        role="img",
        aria_labelledby=f"{chart_id}-title {chart_id}-desc",
        class_="insideout-chart__svg",
    )


def mix(colour_a: str, colour_b: str, share: float) -> str:
    """The colour share of the way from a to b, in sRGB."""
    a = [int(colour_a[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(colour_b[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(p + (q - p) * share):02x}" for p, q in zip(a, b, strict=True))


def diverging_colour(score: float) -> str:
    """Red at -100, grey at 0, green at +100."""
    share = max(-1.0, min(1.0, score / 100))
    return mix(NEUTRAL, RED, -share) if share < 0 else mix(NEUTRAL, GREEN, share)
