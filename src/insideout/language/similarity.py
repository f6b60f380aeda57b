"""How alike texts are in meaning, for suggestions: similar asks, services for a need.

TF-IDF over words and word pairs with English stop words removed, compared by cosine; and, where
the optional sentence-embedding model is installed, the cosine of the texts' embeddings too, so
that "boiler broken" finds "no heating in classrooms". A score is the larger of the two, the
embedding's rescaled so that texts about different things score 0 as with TF-IDF (see
`meaning_score`): callers' thresholds keep their sense, and no text shares words yet scores less.
"""

import re
from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer
from sklearn.metrics.pairwise import linear_kernel

from . import embeddings

STOP_WORDS = ENGLISH_STOP_WORDS | {"need", "needs", "help", "please", "new"}


SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ers", "er", "ed", "es", "s")


def stem(word: str) -> str:
    """A light stemmer for short texts: "funding", "funded" and "funds" all become "fund"."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def stemmed_words(text: str) -> list[str]:
    return [stem(w) for w in re.findall(r"[a-z0-9]{2,}", text.lower()) if w not in STOP_WORDS]


def similarities(query: str, texts: Sequence[str], *, stems: bool = False) -> list[float]:
    """For each text, how alike it is to the query, from 0 (nothing shared) to 1 (the same).
    `stems`, for short texts such as titles: words compared by their stems, not word pairs."""
    if not texts or not query.strip():
        return [0.0] * len(texts)
    vectoriser = (
        TfidfVectorizer(analyzer=stemmed_words, sublinear_tf=True)
        if stems
        else TfidfVectorizer(
            stop_words="english", ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode"
        )
    )
    try:
        matrix = vectoriser.fit_transform([query, *texts])
    except ValueError:  # every word was a stop word: nothing to compare
        return [0.0] * len(texts)
    scores = linear_kernel(matrix[0:1], matrix[1:]).ravel()
    if embeddings.engine() == embeddings.EMBEDDINGS:
        vectors = embeddings.embed_cached([query, *texts])
        scores = np.maximum(scores, meaning_score(vectors[1:] @ vectors[0]))
    return [float(score) for score in scores]


# Cosines of all-MiniLM-L6-v2 embeddings between short texts about different things run from
# about 0.1 to 0.3 ("The heating does not work" and "Free school meals": 0.15); texts about the
# same thing in other words score above it ("Our boiler has broken": 0.44).
MEANING_FLOOR = 0.3


def meaning_score(cosines: "np.ndarray") -> "np.ndarray":
    """Embedding cosines on the TF-IDF scale: 0 up to the floor, rising to 1 for the same text."""
    return np.clip((np.asarray(cosines) - MEANING_FLOOR) / (1 - MEANING_FLOOR), 0.0, 1.0)


def ranked(
    query: str, texts: Sequence[str], min_score: float = 0.0, boosts: Sequence[float] = ()
) -> list[tuple[int, float]]:
    """The texts alike in meaning to the query, best first, as (index, score): each text's
    similarity plus its boost (e.g. for sharing a category), keeping those whose similarity
    alone reaches `min_score`, so a boost reorders but never lets an unrelated text in."""
    scores = similarities(query, texts, stems=True)
    found = [
        (index, score + (boosts[index] if index < len(boosts) else 0.0))
        for index, score in enumerate(scores)
        if score >= min_score and score > 0
    ]
    return sorted(found, key=lambda pair: -pair[1])


class TextIndex:
    """Many texts fitted once, so that each query is compared with all of them in milliseconds
    (the services in a catalogue, for a need): `similarities(query)` gives one score a text,
    from 0 to 1, and `shared_words` the query's words that made a text's score."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.size = len(texts)
        self._vectoriser = TfidfVectorizer(analyzer=stemmed_words, sublinear_tf=True)
        try:
            self._matrix = self._vectoriser.fit_transform(texts).tocsr()
        except ValueError:  # no text has a word that is not a stop word
            self._matrix = None
        # Embeddings come from memory or the store where the texts were seen before (the
        # themes app keeps every service's), so a large catalogue is embedded once.
        self._meaning = (
            embeddings.embed_cached(texts, keep=True)
            if embeddings.engine() == embeddings.EMBEDDINGS
            else None
        )

    def similarities(self, query: str) -> "np.ndarray":
        if not query.strip():
            return np.zeros(self.size)
        scores = np.zeros(self.size)
        if self._matrix is not None:
            # A sparse matrix times a dense vector: a few milliseconds for 50,000 texts.
            vector = self._vectoriser.transform([query]).toarray().ravel()
            scores = self._matrix @ vector
        if self._meaning is not None and self.size and stemmed_words(query):
            scores = np.maximum(scores, self.meaning(query))
        return scores

    def meaning(self, query: str) -> "np.ndarray":
        """How alike in meaning each text is to the query, on the TF-IDF scale (zeros when
        the sentence-embedding model is not installed)."""
        if self._meaning is None or not self.size:
            return np.zeros(self.size)
        return meaning_score(self._meaning @ embeddings.embed_cached([query])[0])

    def shared_words(self, query: str, index: int, limit: int = 3) -> list[str]:
        """The query's words (as written) that the text shares, weightiest first."""
        if self._matrix is None:
            return []
        start, end = self._matrix.indptr[index], self._matrix.indptr[index + 1]
        weights = dict(
            zip(self._matrix.indices[start:end], self._matrix.data[start:end], strict=True)
        )
        vocabulary = self._vectoriser.vocabulary_
        found: dict[str, float] = {}
        for word in re.findall(r"[a-z0-9]{2,}", query.lower()):
            term = vocabulary.get(stem(word)) if word not in STOP_WORDS else None
            if term is not None and term in weights:
                found.setdefault(word, weights[term])
        return sorted(found, key=lambda word: -found[word])[:limit]
