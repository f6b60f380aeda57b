"""A Pareto chart: causes as bars from the largest down, and the running share as a line."""

from django.utils.text import slugify

from insideout.web.charts import svg
from insideout.web.charts.data import WIDTH, Chart, shorten
from insideout.web.charts.svg import element, label, line, num

BAR = "#1d70b8"
CUMULATIVE = "#b7592a"


def pareto_chart(
    causes: list[tuple[str, int]], *, title: str, y_label: str = "Contacts", chart_id: str = ""
) -> Chart:
    """Bars for (cause, count) pairs, largest first, with the cumulative percentage line."""
    chart_id = chart_id or f"chart-{slugify(title)}"
    causes = sorted(causes, key=lambda c: (-c[1], c[0]))
    total = sum(n for _, n in causes)
    running, shares = 0, []
    for _, n in causes:
        running += n
        shares.append(100 * running / total if total else 0.0)
    names = [shorten(name, 22) for name, _ in causes]
    left, right, top, bottom = 70, WIDTH - 60, 64, 344
    label_room = max((svg.text_width(n, svg.SMALL_FONT_SIZE) for n in names), default=0)
    height = bottom + min(label_room, 180) * 0.72 + 30
    high: float = max((n for _, n in causes), default=1) or 1
    ticks = svg.nice_ticks(0, high)
    if ticks[-1] < high and len(ticks) > 1:
        ticks.append(ticks[-1] + ticks[1] - ticks[0])
    high = max(high, ticks[-1])
    slot = (right - left) / max(len(causes), 1)

    def y_count(value: float) -> float:
        return bottom - value / high * (bottom - top)

    def y_share(value: float) -> float:
        return bottom - value / 100 * (bottom - top)

    body = [
        label(left, 24, y_label, bold=True),
        label(right, 24, "Cumulative %", bold=True, anchor="end", colour=CUMULATIVE),
    ]
    body.extend(svg.y_grid(ticks, left, right, y_count))
    for share in (0, 50, 80, 100):
        body.append(
            label(
                right + 8,
                y_share(share) + 5,
                f"{share}%",
                size=svg.SMALL_FONT_SIZE,
                colour=CUMULATIVE,
            )
        )
    body.append(line(left, y_share(80), right, y_share(80), CUMULATIVE, 1, stroke_dasharray="4 4"))
    body.append(line(left, bottom, right, bottom, svg.TEXT))
    centres = []
    for i, ((_, n), name) in enumerate(zip(causes, names, strict=True)):
        x = left + i * slot + slot * 0.15
        width = slot * 0.7
        centres.append(x + width / 2)
        body.append(
            element(
                "rect",
                x=num(x),
                y=num(y_count(n)),
                width=num(width),
                height=num(bottom - y_count(n)),
                fill=BAR,
                class_="insideout-chart__bar",
            )
        )
        cx = x + width / 2
        body.append(
            element(
                "text",
                name,
                x=num(cx),
                y=num(bottom + 16),
                font_size=svg.SMALL_FONT_SIZE,
                text_anchor="end",
                fill=svg.SECONDARY_TEXT,
                transform=f"rotate(-40 {num(cx)} {num(bottom + 16)})",
            )
        )
    if len(causes) > 1:
        body.append(
            element(
                "polyline",
                points=" ".join(
                    f"{num(x)},{num(y_share(s))}" for x, s in zip(centres, shares, strict=True)
                ),
                fill="none",
                stroke=CUMULATIVE,
                stroke_width="2.5",
                class_="insideout-chart__line",
            )
        )
    body += [
        svg.marker("square", x, y_share(s), CUMULATIVE, 4)
        for x, s in zip(centres, shares, strict=True)
    ]
    if causes:
        top_name, top_n = causes[0]
        description = (
            f"{y_label} by cause, largest first: {len(causes)} causes, {total:,} in all. "
            f"The largest is {top_name} ({top_n:,}, {100 * top_n / total:.0f}%)."
        )
        vital = next(i for i, s in enumerate(shares) if s >= 80) + 1 if total else 0
        description += f" The first {vital} make up 80% or more."
    else:
        description = f"{y_label} by cause: none yet."
    rows = [
        [name, f"{n:,}", f"{100 * n / total:.1f}%" if total else "", f"{share:.1f}%"]
        for (name, n), share in zip(causes, shares, strict=True)
    ]
    return Chart(
        svg.document(chart_id, WIDTH, height, title, description, body),
        title,
        description,
        ["Cause", y_label, "Share", "Cumulative share"],
        rows,
        chart_id,
    )
