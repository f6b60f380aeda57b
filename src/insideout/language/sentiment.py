"""Whether a text praises, criticises or just says something: positive, neutral or negative.

Two readers, chosen between by measurement (`insideout themes-eval` reports both on held-out
NHS comments): a small classifier over the sentence embeddings, trained on the labelled NHS
Friends and Family Test comments and shipped as its weights (`sentiment_head.json`), and the
VADER lexicon, which needs no model and is what the TF-IDF fallback uses.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from . import embeddings
from .embeddings import EMBEDDINGS

POSITIVE, NEUTRAL, NEGATIVE = "positive", "neutral", "negative"
SENTIMENTS = (POSITIVE, NEUTRAL, NEGATIVE)
HEAD = Path(__file__).with_name("sentiment_head.json")
# VADER's own cut-offs for its compound score.
VADER_CUT = 0.05


@cache
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def by_lexicon(texts: Sequence[str]) -> list[str]:
    """Sentiment from VADER's word list: fast, needs no model, blind to context."""
    analyser = _vader()
    found = []
    for text in texts:
        score = analyser.polarity_scores(text or "")["compound"]
        found.append(
            POSITIVE if score >= VADER_CUT else NEGATIVE if score <= -VADER_CUT else NEUTRAL
        )
    return found


@cache
def _head() -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    head = json.loads(HEAD.read_text())
    return (
        np.array(head["weights"], dtype=np.float32),
        np.array(head["bias"], dtype=np.float32),
        tuple(head["classes"]),
    )


def by_embedding_head(vectors: np.ndarray) -> list[str]:
    """Sentiment from the trained classifier over sentence embeddings."""
    weights, bias, classes = _head()
    if len(vectors) == 0:
        return []
    return [classes[i] for i in (vectors @ weights.T + bias).argmax(axis=1)]


def sentiments(
    texts: Sequence[str], engine: str | None = None, vectors: np.ndarray | None = None
) -> list[str]:
    """Each text's sentiment, by the reader that measured best for the engine in use."""
    engine = engine or embeddings.engine()
    if engine == EMBEDDINGS and HEAD.exists():
        return by_embedding_head(embeddings.embed(texts) if vectors is None else vectors)
    return by_lexicon(texts)


def train_head(vectors: np.ndarray, labels: Sequence[str]) -> dict:
    """Fit the embedding classifier (multinomial logistic regression) and return its weights."""
    from sklearn.linear_model import LogisticRegression

    # C and unweighted classes chosen on the tuning half (macro F1 0.75 on the held-out half,
    # against 0.74 balanced and 0.33 for VADER; adding VADER's scores as features gained nothing).
    model = LogisticRegression(max_iter=3000, C=4.0)
    model.fit(vectors, list(labels))
    return {
        "classes": [str(c) for c in model.classes_],
        "weights": np.round(model.coef_, 5).tolist(),
        "bias": np.round(model.intercept_, 5).tolist(),
        "trained_on": "NHS Friends and Family Test comments (tuning half), criticality as label",
    }
