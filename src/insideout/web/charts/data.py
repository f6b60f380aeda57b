"""What the charts take and give, and the words they use to describe it."""

from dataclasses import dataclass, field

from django.utils.safestring import SafeString

NOT_ENOUGH = "not enough responses"
WIDTH = 800  # of every chart's viewBox but the doers'-eye view, which grows with its labels


@dataclass(frozen=True)
class Series:
    """One line on a trend chart: a (value, low, high) per pulse, None where there is no value."""

    name: str
    points: list[tuple[float | None, float | None, float | None]]


@dataclass(frozen=True)
class LeagueBar:
    """One unit's row in a league chart; value None when it is not ranked."""

    name: str
    value: float | None
    low: float | None = None
    high: float | None = None
    respondents: int | None = None


@dataclass(frozen=True)
class CircleItem:
    """One unit on the ring of the doers'-eye view; value None when too few responded."""

    name: str
    respondents: int
    value: float | None
    short_name: str = ""


@dataclass(frozen=True)
class Chart:
    """An SVG chart with what the govuk/chart.html partial needs to show it accessibly."""

    svg: SafeString
    title: str
    description: str
    table_headers: list[str]
    table_rows: list[list[str]] = field(default_factory=list)
    chart_id: str = ""


def extremes(ranked: list[tuple[float, str]], fmt) -> str:
    """Name the highest and lowest of (value, name) pairs, as a sentence or two."""
    if not ranked:
        return ""
    best, worst = max(ranked, key=lambda r: r[0]), min(ranked, key=lambda r: r[0])
    if len(ranked) == 1:
        return f" {best[1]}: {fmt(best[0])}."
    if best[0] == worst[0]:
        return f" All {fmt(best[0])}."
    return f" Highest: {best[1]}, {fmt(best[0])}. Lowest: {worst[1]}, {fmt(worst[0])}."


def count(n: int, noun: str) -> str:
    """'1 unit', '12 units'."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def shorten(text: str, limit: int) -> str:
    """Text cut to limit characters with an ellipsis; the table behind the chart has it whole."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
