"""The scorecard on a person's start page: a lead's unit score and trend; analysts' exports."""

from django.urls import reverse

from insideout.accounts.models import User
from insideout.asks.queues import queue_summaries
from insideout.directory.models import CentreUnit
from insideout.web.start import StartItem, StartSection

from . import scores


def trend_words(points) -> tuple[str, str]:
    """The unit's latest score shown, and how it moved since the pulse before."""
    shown = [p for p in points if p.result is not None]
    if not shown:
        return "Not enough answers yet to show a score.", ""
    latest = shown[-1]
    text = f"Net Promoter Score {latest.result.nps:+.0f} in {latest.pulse.title}"
    if len(shown) > 1:
        change = latest.result.nps - shown[-2].result.nps
        word = "up" if change > 0 else "down" if change < 0 else "no change"
        return text + f"; {word} {abs(change):.0f} on {shown[-2].pulse.title}.", word
    return text + ".", ""


def sections(user: User) -> list[StartSection]:
    found = []
    if user.is_centre_lead and user.centre_unit_ids:
        units = list(CentreUnit.objects.filter(pk__in=user.centre_unit_ids).order_by("name"))
        pulses = scores.scored_pulses()
        late = {unit.pk: q.late for unit, q in zip(units, queue_summaries(units), strict=True)}
        items = []
        for unit in units:
            text, word = trend_words(scores.unit_trend(unit, pulses))
            items.append(
                StartItem(
                    unit.name,
                    reverse("scorecard:unit", args=[unit.pk]),
                    text + (f" {late[unit.pk]:,} asks are late." if late.get(unit.pk) else ""),
                    tag={"up": "Rising", "down": "Falling"}.get(word, ""),
                    tag_colour={"up": "green", "down": "red"}.get(word, ""),
                )
            )
        found.append(
            StartSection(
                "Your unit's score",
                items,
                order=5,
                more_url=reverse("scorecard:league"),
                more_text="The league table of units",
            )
        )
    if user.sees_everything:
        found.append(
            StartSection(
                "Exports",
                [
                    StartItem(
                        "Scorecard of every unit (CSV)",
                        reverse("scorecard:export", args=["csv"]),
                        "Each unit's score over the recent pulses, for your own analysis.",
                    ),
                    StartItem(
                        "Scorecard of every unit (Excel)",
                        reverse("scorecard:export", args=["xlsx"]),
                    ),
                ],
                order=30,
            )
        )
    return found
