"""Themes over time: which are new, rising, falling or steady between two periods.

Within a set, texts are grouped by quarter; a theme's size in a period is its distinct
respondents then. Only themes that may be shown at all are compared, and a period's count under
the set's threshold is given only as "fewer than k", never as a number.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from insideout.disclosure.suppression import can_show

from .disclosure import summaries
from .models import TextSet

NEW, RISING, FALLING, STEADY, GONE = "new", "rising", "falling", "steady", "gone"
# A change of under a quarter either way, or of fewer than the threshold, is "steady".
MEANINGFUL_CHANGE = 0.25


def quarter(day: datetime.date) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def movement(before: int, after: int, k: int) -> str:
    """How a theme moved from one period to the next, in plain words."""
    if before == 0 and after == 0:
        return STEADY
    if before == 0:
        return NEW
    if after == 0:
        return GONE
    change = after - before
    if abs(change) < k or abs(change) < MEANINGFUL_CHANGE * before:
        return STEADY
    return RISING if change > 0 else FALLING


@dataclass(frozen=True)
class ThemeTrend:
    label: str
    counts: list[int | None]  # per period; None where fewer than the threshold
    movement: str


@dataclass(frozen=True)
class Trends:
    periods: list[str]
    themes: list[ThemeTrend]
    threshold: int


def trends(text_set: TextSet) -> Trends:
    """Each shown theme's respondents per quarter, and how it moved in the last quarter."""
    k = text_set.threshold
    shown = {s.theme.pk: s.theme.label for s in summaries(text_set) if s.shown}
    people: dict[tuple[int, str], set[str]] = defaultdict(set)
    periods: set[str] = set()
    for theme_id, said_on, respondent, pk in text_set.texts.exclude(said_on=None).values_list(
        "theme_id", "said_on", "respondent", "pk"
    ):
        if theme_id in shown and said_on is not None:
            period = quarter(said_on)
            periods.add(period)
            people[theme_id, period].add(respondent or f"text:{pk}")
    ordered = sorted(periods)
    found = []
    for theme_id, label in shown.items():
        counts = [len(people[theme_id, p]) for p in ordered]
        moved = movement(counts[-2], counts[-1], k) if len(counts) >= 2 else STEADY
        found.append(
            ThemeTrend(label, [n if can_show(n, k) or n == 0 else None for n in counts], moved)
        )
    return Trends(ordered, found, k)
