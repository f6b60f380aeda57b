"""What may be shown of a set's themes without identifying anyone, by the shared disclosure rules.

A theme is shown (its label, counts and texts) only when at least the set's comment threshold of
distinct respondents wrote in it. Theme sizes are one breakdown of the set's respondents, so the
shared small-group rules (`suppress_breakdown`) also hide the next-smallest theme where a hidden
one could be worked out by subtraction. Counts by segment and by sentiment inside a shown theme
go through the same rules with the same threshold.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from insideout.disclosure.suppression import Cell, ShownCell, suppress_breakdown

from .models import TextSet, Theme, ThemedText


@dataclass(frozen=True)
class ThemeSummary:
    """A theme as it may be published: hidden themes carry no counts, label or texts."""

    theme: Theme
    shown: bool
    respondents: int | None = None
    texts: int | None = None
    segments: list[ShownCell] = field(default_factory=list)
    sentiments: list[ShownCell] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.theme.label if self.shown else "A theme with too few respondents to show"


def respondents_by_theme(text_set: TextSet) -> dict[int | None, set[str]]:
    """Each theme's distinct respondents (a text with no respondent counts as its own)."""
    found: dict[int | None, set[str]] = defaultdict(set)
    for theme_id, respondent, pk in text_set.texts.values_list("theme_id", "respondent", "pk"):
        found[theme_id].add(respondent or f"text:{pk}")
    return found


def _breakdown(rows, k: int) -> list[ShownCell]:
    """Distinct respondents per key as one suppressed breakdown."""
    people: dict[str, set[str]] = defaultdict(set)
    for key, respondent in rows:
        people[key or "Not known"].add(respondent)
    cells = [Cell(key, len(who)) for key, who in sorted(people.items())]
    return suppress_breakdown(cells, k)


def summaries(text_set: TextSet, include_candidates: bool = True) -> list[ThemeSummary]:
    """Every theme of the set as it may be published, in the set's order."""
    themes = list(text_set.themes.all())
    if not include_candidates:
        themes = [t for t in themes if not t.is_candidate]
    who = respondents_by_theme(text_set)
    k = text_set.threshold
    shown = suppress_breakdown([Cell(t.pk, len(who.get(t.pk, ()))) for t in themes], k)
    sizes = dict(
        text_set.texts.values("theme_id").annotate(n=Count("pk")).values_list("theme_id", "n")
    )
    rows: dict[int, list[tuple]] = defaultdict(list)
    for theme_id, segment, sentiment, respondent, pk in text_set.texts.values_list(
        "theme_id", "segment", "sentiment", "respondent", "pk"
    ):
        rows[theme_id].append((segment, sentiment, respondent or f"text:{pk}"))
    result = []
    for theme, cell in zip(themes, shown, strict=True):
        if cell.suppressed or not cell.n:
            result.append(ThemeSummary(theme, False))
            continue
        mine = rows[theme.pk]
        result.append(
            ThemeSummary(
                theme,
                True,
                cell.n,
                sizes.get(theme.pk, 0),
                _breakdown([(segment, who) for segment, _, who in mine], k),
                _breakdown([(mood, who) for _, mood, who in mine], k),
            )
        )
    return result


def summary_of(theme: Theme) -> ThemeSummary:
    """One theme as it may be published (judged among its set's themes)."""
    return next(s for s in summaries(theme.text_set) if s.theme.pk == theme.pk)


def shown_texts(theme: Theme):
    """The theme's texts, or none at all if the theme may not be shown."""
    if not summary_of(theme).shown:
        return ThemedText.objects.none()
    return theme.texts.order_by("-confidence", "pk")
