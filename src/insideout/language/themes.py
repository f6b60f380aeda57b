"""Themes in a set of texts: groups of texts that say the same kind of thing, each with a short
label and its key phrases, and for every text its theme and how surely it belongs.

Texts become unit vectors (sentence embeddings, or TF-IDF topics as the fallback), k-means
groups them, and each group's key phrases are the words and word pairs that are frequent in it
and rare in the others (class-based TF-IDF, as BERTopic labels its topics).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer
from sklearn.metrics import silhouette_score

from . import embeddings
from .vectors import text_vectors

FEWEST_THEMES, MOST_THEMES = 3, 15
# How sharply confidence falls as a text sits between themes: cosine gaps between a text's
# nearest two themes are a few hundredths, so a small temperature turns them into a clear lead.
TEMPERATURE = 0.05


@dataclass(frozen=True)
class FoundTheme:
    """One theme: its label, key phrases and the positions of its texts in the input."""

    label: str
    key_phrases: tuple[str, ...]
    members: tuple[int, ...]

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class Theming:
    """Themes found in a set of texts, largest first, and each text's theme and confidence."""

    themes: list[FoundTheme]
    assignments: list[int]
    confidence: list[float]
    engine: str
    centroids: np.ndarray


def theme_count(vectors: np.ndarray, seed: int = 0) -> int:
    """How many themes suit these texts: the count whose groups are most distinct (silhouette)."""
    n = len(vectors)
    most = min(MOST_THEMES, max(FEWEST_THEMES, n // 8))
    if n < 2 * FEWEST_THEMES:
        return max(1, min(n, FEWEST_THEMES))
    sample = np.random.default_rng(seed).choice(n, size=min(n, 2000), replace=False)
    best, best_score = FEWEST_THEMES, -1.0
    for k in range(FEWEST_THEMES, most + 1):
        labels = KMeans(k, n_init=2, random_state=seed).fit_predict(vectors[sample])
        if len(set(labels)) < 2:
            continue
        score = silhouette_score(vectors[sample], labels)
        if score > best_score:
            best, best_score = k, score
    return best


def soft_confidence(vectors: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    """For each text and theme, how surely the text belongs there (each row sums to 1)."""
    if len(centroids) == 0:
        return np.zeros((len(vectors), 0))
    scores = vectors @ centroids.T / TEMPERATURE
    scores -= scores.max(axis=1, keepdims=True)
    weights = np.exp(scores)
    return weights / weights.sum(axis=1, keepdims=True)


def cluster(vectors: np.ndarray, n_themes: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """k-means on unit vectors: each text's group and each group's unit-length centre."""
    n_themes = max(1, min(n_themes, len(vectors)))
    model = KMeans(n_themes, n_init=4, random_state=seed).fit(vectors)
    centres = model.cluster_centers_
    centres = centres / np.maximum(np.linalg.norm(centres, axis=1, keepdims=True), 1e-12)
    return model.labels_, centres.astype(np.float32)


def _phrases(text: str) -> list[str]:
    """Words and runs of two or three words, none starting or ending with a stop word, so a
    phrase is one people wrote ("free school meals"), never one made by dropping "the"."""
    words = re.findall(r"[a-z]{2,}", text.lower())
    found = []
    for size in (1, 2, 3):
        for start in range(len(words) - size + 1):
            run = words[start : start + size]
            if run[0] not in ENGLISH_STOP_WORDS and run[-1] not in ENGLISH_STOP_WORDS:
                found.append(" ".join(run))
    return found


def key_phrases(texts: Sequence[str], groups: Sequence[int], top: int = 5) -> list[list[str]]:
    """Each group's key phrases: frequent in it, rare elsewhere (class-based TF-IDF)."""
    n_groups = max(groups, default=-1) + 1
    counter = CountVectorizer(analyzer=_phrases, min_df=2 if len(texts) >= 50 else 1)
    try:
        counts = counter.fit_transform(texts)
    except ValueError:
        return [[] for _ in range(n_groups)]
    words = counter.get_feature_names_out()
    per_group = np.zeros((n_groups, counts.shape[1]))
    for group in range(n_groups):
        rows = [i for i, g in enumerate(groups) if g == group]
        if rows:
            # Texts that use a phrase, not uses: one long text cannot make a theme's phrase.
            per_group[group] = np.asarray((counts[rows] > 0).sum(axis=0)).ravel()
    totals = per_group.sum(axis=0)
    average_words = per_group.sum() / max(n_groups, 1)
    tf = per_group / np.maximum(per_group.sum(axis=1, keepdims=True), 1)
    scores = tf * np.log1p(average_words / np.maximum(totals, 1))
    return [_distinct(words[np.argsort(-row)], row, top) for row in scores]


def _distinct(ranked: Sequence[str], scores: np.ndarray, top: int) -> list[str]:
    """The best phrases, skipping any whose words a chosen phrase already says."""
    chosen: list[str] = []
    best_scores = np.sort(scores)[::-1]
    for phrase, score in zip(ranked, best_scores, strict=False):
        if score <= 0 or len(chosen) == top:
            break
        words = set(phrase.split())
        if any(words <= set(other.split()) or set(other.split()) <= words for other in chosen):
            # Prefer the pair ("waiting time") to the word alone ("waiting").
            if len(words) > 1:
                chosen = [o for o in chosen if not set(o.split()) <= words] + [phrase]
            continue
        chosen.append(phrase)
    return chosen


def label_for(phrases: Sequence[str]) -> str:
    """A short label from a theme's key phrases: the first two, e.g. "Waiting time and parking"."""
    if not phrases:
        return "Other comments"
    label = phrases[0] if len(phrases) == 1 else f"{phrases[0]} and {phrases[1]}"
    return label[:1].upper() + label[1:]


def find_themes(
    texts: Sequence[str],
    n_themes: int | None = None,
    engine: str | None = None,
    vectors: np.ndarray | None = None,
    seed: int = 0,
) -> Theming:
    """Group texts into themes (how many: chosen from the texts unless given), largest first."""
    engine = engine or embeddings.engine()
    if not texts:
        return Theming([], [], [], engine, np.zeros((0, 0), dtype=np.float32))
    if vectors is None:
        vectors = text_vectors(texts, engine)
    k = n_themes or theme_count(vectors, seed)
    groups, centres = cluster(vectors, k, seed)
    # Largest first, so theme 0 is the biggest; ties keep the clustering's order.
    order = sorted(range(len(centres)), key=lambda g: (-int((groups == g).sum()), g))
    order = [g for g in order if (groups == g).any()]
    renumber = {old: new for new, old in enumerate(order)}
    groups = np.array([renumber[g] for g in groups])
    centres = centres[order]
    phrases = key_phrases(texts, list(groups))
    confidence = soft_confidence(vectors, centres)[np.arange(len(texts)), groups]
    themes = [
        FoundTheme(
            label_for(phrases[g]),
            tuple(phrases[g]),
            tuple(int(i) for i in np.flatnonzero(groups == g)),
        )
        for g in range(len(centres))
    ]
    return Theming(
        themes=themes,
        assignments=[int(g) for g in groups],
        confidence=[round(float(c), 3) for c in confidence],
        engine=engine,
        centroids=centres,
    )
