"""How alike texts are in meaning, for suggestions: similar asks, services for a need.

TF-IDF over words and word pairs with English stop words removed, compared by cosine. It needs
no model download and answers in milliseconds for thousands of texts.
"""

from collections.abc import Sequence

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import linear_kernel


def similarities(query: str, texts: Sequence[str]) -> list[float]:
    """For each text, how alike it is to the query, from 0 (nothing shared) to 1 (the same)."""
    if not texts or not query.strip():
        return [0.0] * len(texts)
    vectoriser = TfidfVectorizer(
        stop_words="english", ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode"
    )
    try:
        matrix = vectoriser.fit_transform([query, *texts])
    except ValueError:  # every word was a stop word: nothing to compare
        return [0.0] * len(texts)
    return [float(score) for score in linear_kernel(matrix[0:1], matrix[1:]).ravel()]
