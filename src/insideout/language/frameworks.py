"""Assigning texts to a pinned framework of themes (a name, a description, a few examples),
with a confidence, and leaving out texts that fit none: candidates for a new theme.

Each framework theme is represented by its examples and its name with description; a text's
fit to a theme is its cosine to the nearest of those, averaged with its cosine to their centre.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from . import embeddings
from .embeddings import EMBEDDINGS
from .themes import soft_confidence
from .vectors import tfidf_vectoriser

# Below this fit a text belongs to no theme of the framework. Cosines between unrelated short
# texts run near 0.1 for sentence embeddings and near 0 for TF-IDF, which shares no words.
NO_FIT = {EMBEDDINGS: 0.30, "tfidf": 0.06}


@dataclass(frozen=True)
class FrameworkTheme:
    """A theme analysts have pinned: later texts are assigned to it."""

    name: str
    description: str = ""
    examples: tuple[str, ...] = field(default_factory=tuple)

    def texts(self) -> list[str]:
        about = f"{self.name}. {self.description}".strip()
        return [about, *self.examples]


@dataclass(frozen=True)
class Assignment:
    """A text's place in the framework: the theme's position, or None where none fits."""

    theme: int | None
    confidence: float
    fit: float


def _vectors(texts: list[str], framework_texts: list[str], engine: str):
    if engine == EMBEDDINGS:
        everything = embeddings.embed([*texts, *framework_texts])
    else:
        # Plain TF-IDF, fitted on both sides so the framework's words count as much as the texts'.
        try:
            matrix = tfidf_vectoriser().fit_transform([*texts, *framework_texts])
            everything = matrix.toarray().astype(np.float32)
        except ValueError:
            everything = np.zeros((len(texts) + len(framework_texts), 1), dtype=np.float32)
    return everything[: len(texts)], everything[len(texts) :]


def fits(
    texts: Sequence[str], framework: Sequence[FrameworkTheme], engine: str | None = None
) -> np.ndarray:
    """How well each text fits each framework theme: a texts x themes array of cosines."""
    engine = engine or embeddings.engine()
    framework_texts = [t for theme in framework for t in theme.texts()]
    owners = np.array([i for i, theme in enumerate(framework) for _ in theme.texts()])
    text_vectors, theme_vectors = _vectors(list(texts), framework_texts, engine)
    cosines = text_vectors @ theme_vectors.T
    result = np.zeros((len(texts), len(framework)), dtype=np.float32)
    for i in range(len(framework)):
        own = theme_vectors[owners == i]
        centre = own.mean(axis=0)
        centre /= max(float(np.linalg.norm(centre)), 1e-12)
        nearest = cosines[:, owners == i].max(axis=1)
        result[:, i] = (nearest + text_vectors @ centre) / 2
    return result


def assign(
    texts: Sequence[str], framework: Sequence[FrameworkTheme], engine: str | None = None
) -> list[Assignment]:
    """Each text's best-fitting framework theme and the confidence, or None where none fits."""
    engine = engine or embeddings.engine()
    if not texts:
        return []
    if not framework:
        return [Assignment(None, 0.0, 0.0) for _ in texts]
    fit = fits(texts, framework, engine)
    best = fit.argmax(axis=1)
    # Confidence compares the fits, as for found themes: a clear lead is a sure assignment.
    probability = soft_confidence(fit, np.eye(len(framework), dtype=np.float32))
    floor = NO_FIT[engine]
    return [
        Assignment(
            int(b) if fit[i, b] >= floor else None,
            round(float(probability[i, b]), 3),
            round(float(fit[i, b]), 3),
        )
        for i, b in enumerate(best)
    ]
