"""Texts as unit-length vectors, by either engine, so clustering and assignment need not care.

Embeddings come from the sentence model (see `embeddings`). The fallback is TF-IDF over words
and word pairs reduced to a few hundred "topics" by latent semantic analysis (truncated SVD),
which groups texts that use related words even when they share none.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from . import embeddings
from .embeddings import EMBEDDINGS, TFIDF

TOPICS = 100
FEWEST_FOR_TOPICS = 300


def tfidf_vectoriser(min_df: int = 1) -> TfidfVectorizer:
    """The one TF-IDF set-up every part of the text engine uses."""
    return TfidfVectorizer(
        stop_words="english",
        ngram_range=(1, 2),
        sublinear_tf=True,
        strip_accents="unicode",
        min_df=min_df,
    )


def tfidf_matrix(texts: Sequence[str]) -> sparse.csr_matrix:
    """Plain TF-IDF rows for the texts (the baseline's representation); zero rows if no words."""
    try:
        return tfidf_vectoriser(min_df=2 if len(texts) >= 200 else 1).fit_transform(texts)
    except ValueError:  # no word that is not a stop word
        return sparse.csr_matrix((len(texts), 1))


def topic_vectors(texts: Sequence[str], topics: int = TOPICS, seed: int = 0) -> np.ndarray:
    """TF-IDF reduced by latent semantic analysis, each row scaled to length 1 (plain TF-IDF
    for a few hundred texts or fewer, too few to learn topics from)."""
    matrix = tfidf_matrix(texts)
    components = min(topics, matrix.shape[1] - 1, len(texts) - 1)
    if len(texts) < FEWEST_FOR_TOPICS or components < 2:
        return normalize(matrix.toarray()).astype(np.float32)
    reduced = TruncatedSVD(components, random_state=seed).fit_transform(matrix)
    return normalize(reduced).astype(np.float32)


def text_vectors(texts: Sequence[str], engine: str | None = None) -> np.ndarray:
    """Unit-length vectors for the texts by the engine given (default: the one in use)."""
    engine = engine or embeddings.engine()
    if engine == EMBEDDINGS:
        return embeddings.embed(texts)
    if engine == TFIDF:
        return topic_vectors(texts)
    raise ValueError(f"No text engine called {engine!r}")
