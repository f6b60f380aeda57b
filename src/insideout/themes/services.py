"""The rules of themes: theming a set of texts, and what analysts do to shape the result."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from insideout.language import embeddings
from insideout.language.frameworks import FrameworkTheme as PinnedTheme
from insideout.language.frameworks import assign
from insideout.language.sentiment import sentiments
from insideout.language.themes import find_themes
from insideout.language.vectors import text_vectors

from . import sources
from .models import Framework, FrameworkTheme, TextSet, Theme, ThemedText
from .storage import insert_texts

# Texts that fit no pinned theme are grouped into candidates once there are this many.
FEWEST_FOR_CANDIDATES = 6


class ThemeRuleBroken(ValidationError):
    """An analyst's change that the rules refuse; `field` names what to fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__({field: message})
        self.field = field
        self.reason = message


def pinned(framework: Framework) -> list[PinnedTheme]:
    return [
        PinnedTheme(theme.name, theme.description, tuple(theme.examples))
        for theme in framework.themes.all()
    ]


@transaction.atomic
def theme_text_set(
    text_set: TextSet, texts: Sequence[sources.SourceText] | None = None, n_themes=None
) -> TextSet:
    """Read the set's texts (unless given), find or assign their themes, and store every text
    with its theme, confidence and sentiment. Replaces any earlier theming of the set."""
    if texts is None:
        texts = sources.read(text_set.source, text_set.scope)
    engine = embeddings.engine()
    words = [t.text for t in texts]
    vectors = text_vectors(words, engine) if words else np.zeros((0, 1), dtype=np.float32)
    moods = sentiments(words, engine, vectors if engine == embeddings.EMBEDDINGS else None)
    text_set.themes.all().delete()
    text_set.texts.all().delete()
    if text_set.framework_id:
        placed = _assign_to_framework(text_set, words, vectors, engine)
    else:
        placed = _find(text_set, words, vectors, engine, n_themes)
    insert_texts(
        (
            text_set.pk,
            theme_id,
            t.text,
            t.origin,
            t.respondent,
            t.segment,
            t.said_on,
            confidence,
            mood,
            False,
        )
        for t, (theme_id, confidence), mood in zip(texts, placed, moods, strict=True)
    )
    text_set.engine = engine
    text_set.status = TextSet.Status.READY
    text_set.problem = ""
    text_set.themed_at = timezone.now()
    text_set.save(update_fields=["engine", "status", "problem", "themed_at"])
    return text_set


def _find(text_set, words, vectors, engine, n_themes) -> list[tuple[int | None, float]]:
    theming = find_themes(words, n_themes, engine, vectors) if words else None
    if theming is None:
        return []
    themes = Theme.objects.bulk_create(
        Theme(text_set=text_set, label=t.label, key_phrases=list(t.key_phrases), position=i)
        for i, t in enumerate(theming.themes)
    )
    return [(themes[g].pk, c) for g, c in zip(theming.assignments, theming.confidence, strict=True)]


def _assign_to_framework(text_set, words, vectors, engine) -> list[tuple[int | None, float]]:
    framework_themes = list(text_set.framework.themes.all())
    found = assign(words, pinned(text_set.framework), engine)
    themes = Theme.objects.bulk_create(
        Theme(
            text_set=text_set,
            label=ft.name,
            key_phrases=[],
            framework_theme=ft,
            position=i,
            renamed=True,
        )
        for i, ft in enumerate(framework_themes)
    )
    placed = [(themes[a.theme].pk if a.theme is not None else None, a.confidence) for a in found]
    misfits = [i for i, a in enumerate(found) if a.theme is None]
    if len(misfits) >= FEWEST_FOR_CANDIDATES:
        candidates = find_themes([words[i] for i in misfits], None, engine, vectors[misfits])
        made = Theme.objects.bulk_create(
            Theme(
                text_set=text_set,
                label=t.label,
                key_phrases=list(t.key_phrases),
                is_candidate=True,
                position=len(themes) + j,
            )
            for j, t in enumerate(candidates.themes)
        )
        for i, g, c in zip(misfits, candidates.assignments, candidates.confidence, strict=True):
            placed[i] = (made[g].pk, c)
    return placed


def new_text_set(
    name: str,
    source: str,
    scope: dict,
    by=None,
    framework: Framework | None = None,
    threshold: int | None = None,
) -> TextSet:
    """Record a set of texts to theme (`tasks.queue_theming` themes it in the background)."""
    if source not in sources.READERS:
        raise ThemeRuleBroken("source", f"There is no source of texts called {source!r}")
    if threshold is None and source == TextSet.Source.PULSE_QUESTION and scope.get("pulse"):
        from insideout.pulses.models import Pulse

        threshold = (
            Pulse.objects.filter(pk=scope["pulse"])
            .values_list("min_text_group_size", flat=True)
            .first()
        )
    text_set = TextSet.objects.create(
        name=name,
        source=source,
        scope=scope,
        framework=framework,
        created_by=by,
        **({"threshold": threshold} if threshold else {}),
    )
    return text_set


# Analysts shape the themes.


def rename(theme: Theme, label: str) -> Theme:
    label = label.strip()
    if not label:
        raise ThemeRuleBroken("label", "Enter a name for the theme")
    theme.label, theme.renamed = label[:120], True
    theme.save(update_fields=["label", "renamed"])
    return theme


@transaction.atomic
def merge(into: Theme, others: Sequence[Theme]) -> Theme:
    """Move every text of the other themes into one theme, and remove the others."""
    others = [t for t in others if t.pk != into.pk]
    if not others:
        raise ThemeRuleBroken("others", "Choose at least one other theme to merge in")
    if any(t.text_set_id != into.text_set_id for t in others):
        raise ThemeRuleBroken("others", "Only themes of the same set of texts can be merged")
    ThemedText.objects.filter(theme__in=others).update(theme=into)
    into.key_phrases = list(dict.fromkeys([*into.key_phrases, *others[0].key_phrases]))[:8]
    into.is_candidate = into.is_candidate and all(t.is_candidate for t in others)
    into.save(update_fields=["key_phrases", "is_candidate"])
    Theme.objects.filter(pk__in=[t.pk for t in others]).delete()
    return into


@transaction.atomic
def split(theme: Theme, parts: int = 2) -> list[Theme]:
    """Split a theme's texts into `parts` new themes by meaning; the first keeps the theme."""
    if parts < 2:
        raise ThemeRuleBroken("parts", "Split into at least 2 themes")
    texts = list(theme.texts.order_by("pk"))
    if len(texts) < parts * 2:
        raise ThemeRuleBroken("parts", f"A theme of {len(texts)} texts is too small to split")
    theming = find_themes([t.text for t in texts], parts)
    made = [theme]
    first = theming.themes[0]
    theme.label = first.label if not theme.renamed else theme.label
    theme.key_phrases = list(first.key_phrases)
    theme.save(update_fields=["label", "key_phrases"])
    for j, found in enumerate(theming.themes[1:], start=1):
        made.append(
            Theme.objects.create(
                text_set=theme.text_set,
                label=found.label,
                key_phrases=list(found.key_phrases),
                is_candidate=theme.is_candidate,
                position=theme.position * 100 + j,
            )
        )
    for text, g, c in zip(texts, theming.assignments, theming.confidence, strict=True):
        text.theme, text.confidence = made[g], c
    ThemedText.objects.bulk_update(texts, ["theme", "confidence"])
    return made


def move(text: ThemedText, to: Theme) -> ThemedText:
    """Put one text in another theme of its set, by an analyst's judgement."""
    if to.text_set_id != text.text_set_id:
        raise ThemeRuleBroken("theme", "A text can move only to a theme of its own set")
    text.theme, text.moved_by_analyst, text.confidence = to, True, 1.0
    text.save(update_fields=["theme", "moved_by_analyst", "confidence"])
    return text


@transaction.atomic
def pin_framework(text_set: TextSet, name: str, by=None, examples_per_theme: int = 5) -> Framework:
    """Pin a set's themes (not the candidates) as a framework: its names, key phrases as the
    description, and the texts that belong most surely as examples."""
    themes = list(text_set.themes.filter(is_candidate=False))
    if not themes:
        raise ThemeRuleBroken("name", "This set has no themes to pin yet")
    framework = Framework.objects.create(name=name.strip() or text_set.name, created_by=by)
    for theme in themes:
        examples = list(
            theme.texts.order_by("-confidence", "pk").values_list("text", flat=True)[
                :examples_per_theme
            ]
        )
        FrameworkTheme.objects.get_or_create(
            framework=framework,
            name=theme.label[:120],
            defaults={"description": ", ".join(theme.key_phrases), "examples": examples},
        )
    text_set.framework = framework
    text_set.save(update_fields=["framework"])
    return framework


def adopt_candidate(theme: Theme, name: str = "") -> Theme:
    """Make a candidate a theme of its own (and of the set's framework, if it has one)."""
    if not theme.is_candidate:
        raise ThemeRuleBroken("theme", "This theme is not a candidate")
    if name:
        rename(theme, name)
    theme.is_candidate = False
    theme.save(update_fields=["is_candidate"])
    framework = theme.text_set.framework
    if framework:
        examples = list(theme.texts.order_by("-confidence").values_list("text", flat=True)[:5])
        theme.framework_theme, _ = FrameworkTheme.objects.get_or_create(
            framework=framework,
            name=theme.label,
            defaults={"description": ", ".join(theme.key_phrases), "examples": examples},
        )
        theme.save(update_fields=["framework_theme"])
    return theme
