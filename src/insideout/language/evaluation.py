"""How well themes, framework assignment and sentiment agree with people's labels, measured on
labelled comments against a plain TF-IDF + k-means baseline in the same run.

The labelled texts are split once, at random with a fixed seed: anything learnt (the framework's
examples, the sentiment classifier) comes from the tuning half, and every figure is measured on
the other half, as a method would meet comments it has never seen.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score, f1_score, normalized_mutual_info_score

from . import embeddings, sentiment
from .embeddings import EMBEDDINGS, TFIDF
from .frameworks import FrameworkTheme, assign
from .themes import cluster
from .vectors import tfidf_matrix, topic_vectors

EXAMPLES_PER_THEME = 8
ASSIGNMENT_NAMES = {
    EMBEDDINGS: "Sentence embeddings: framework assignment",
    TFIDF: "TF-IDF: framework assignment",
}
METHOD_NAMES = {
    EMBEDDINGS: "Sentence embeddings + k-means",
    TFIDF: "TF-IDF topics (LSA) + k-means",
    "baseline": "Baseline: plain TF-IDF + k-means",
}


@dataclass(frozen=True)
class LabelledText:
    text: str
    label: str
    subcategory: str = ""
    criticality: int | None = None

    @property
    def sentiment(self) -> str | None:
        if self.criticality is None:
            return None
        if self.criticality > 0:
            return sentiment.POSITIVE
        return sentiment.NEGATIVE if self.criticality < 0 else sentiment.NEUTRAL


def read_labelled(path: Path, limit: int | None = None) -> list[LabelledText]:
    """The labelled comments file (columns feedback, label, subcategory, criticality)."""
    found = []
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            text = (row.get("feedback") or "").strip()
            if not text or not row.get("label"):
                continue
            try:
                criticality = int(row.get("criticality", ""))
            except ValueError:
                criticality = None
            found.append(LabelledText(text, row["label"], row.get("subcategory", ""), criticality))
    if limit:
        rng = np.random.default_rng(1)
        found = [found[i] for i in sorted(rng.permutation(len(found))[:limit])]
    return found


def split(rows: Sequence[LabelledText], seed: int = 0) -> tuple[list, list]:
    """Tuning half and held-out half, by a seeded shuffle."""
    order = np.random.default_rng(seed).permutation(len(rows))
    half = len(rows) // 2
    return [rows[i] for i in order[:half]], [rows[i] for i in order[half:]]


@dataclass
class ClusteringScore:
    method: str
    against: str
    themes: int
    nmi: float
    ari: float
    seconds: float


@dataclass
class ClassScore:
    theme: str
    support: int
    precision: float
    recall: float


@dataclass
class AssignmentScore:
    method: str
    coverage: float
    macro_precision: float
    macro_recall: float
    per_theme: list[ClassScore] = field(default_factory=list)


@dataclass
class SentimentScore:
    method: str
    accuracy: float
    macro_f1: float


@dataclass
class Evaluation:
    """Everything one run measured: enough to print, store as JSON and show on a page."""

    texts: int
    held_out: int
    engine: str
    clustering: list[ClusteringScore]
    assignment: list[AssignmentScore]
    sentiment: list[SentimentScore]
    seconds: float
    note: str = ""

    def as_dict(self) -> dict:
        return asdict(self)

    def winner(self, against: str = "label") -> ClusteringScore:
        scores = [s for s in self.clustering if s.against == against]
        return max(scores, key=lambda s: (s.nmi + s.ari, s.method))


def _timed(make: Callable[..., np.ndarray]) -> tuple[np.ndarray, float]:
    """`make` is called with no arguments (its own are defaults that bind loop variables)."""
    started = time.perf_counter()
    made = make()
    return made, time.perf_counter() - started


def _score(method, against, truth, groups, seconds) -> ClusteringScore:
    return ClusteringScore(
        METHOD_NAMES[method],
        against,
        len(set(groups)),
        round(float(normalized_mutual_info_score(truth, groups)), 3),
        round(float(adjusted_rand_score(truth, groups)), 3),
        round(seconds, 1),
    )


def evaluate_clustering(texts, truths: dict[str, list[str]], engines, vectors) -> list:
    """NMI and ARI of each method's themes against each kind of human label."""
    scores = []
    for against, truth in truths.items():
        k = len(set(truth))
        for engine in engines:
            groups, seconds = _timed(lambda e=engine, k=k: cluster(vectors[e][0], k)[0])
            scores.append(_score(engine, against, truth, groups, seconds + vectors[engine][1]))
        matrix, seconds = _timed(lambda: tfidf_matrix(texts))
        baseline = KMeans(k, n_init=4, random_state=0)
        groups, more = _timed(lambda m=matrix, b=baseline: b.fit_predict(m))
        scores.append(_score("baseline", against, truth, groups, seconds + more))
    return scores


def framework_from(rows: Sequence[LabelledText]) -> list[FrameworkTheme]:
    """A framework as an analyst would pin it: each label, its subcategories, a few examples."""
    framework = []
    for label in sorted({row.label for row in rows}):
        mine = [row for row in rows if row.label == label]
        subcategories = sorted({row.subcategory for row in mine if row.subcategory})
        examples = tuple(row.text for row in mine[:EXAMPLES_PER_THEME])
        framework.append(FrameworkTheme(label, "; ".join(subcategories), examples))
    return framework


def evaluate_assignment(framework, held_out, engine: str) -> AssignmentScore:
    """Precision and recall per framework theme; a text assigned to none counts as missed."""
    found = assign([row.text for row in held_out], framework, engine)
    names = [theme.name for theme in framework]
    predicted = [names[a.theme] if a.theme is not None else None for a in found]
    per_theme = []
    for name in names:
        truly = sum(row.label == name for row in held_out)
        said = sum(p == name for p in predicted)
        right = sum(
            p == name and row.label == name for p, row in zip(predicted, held_out, strict=True)
        )
        per_theme.append(
            ClassScore(
                name,
                truly,
                round(right / said, 3) if said else 0.0,
                round(right / truly, 3) if truly else 0.0,
            )
        )
    return AssignmentScore(
        ASSIGNMENT_NAMES[engine],
        round(sum(p is not None for p in predicted) / max(len(predicted), 1), 3),
        round(float(np.mean([c.precision for c in per_theme])), 3),
        round(float(np.mean([c.recall for c in per_theme])), 3),
        per_theme,
    )


def evaluate_sentiment(tune, held_out, vectors_tune, vectors_held) -> list[SentimentScore]:
    """Accuracy and macro F1 of each sentiment reader against the labelled criticality."""
    scored = [i for i, row in enumerate(held_out) if row.sentiment]
    truth = [held_out[i].sentiment for i in scored]
    readers = {"VADER lexicon": sentiment.by_lexicon([held_out[i].text for i in scored])}
    if vectors_tune is not None:
        known = [i for i, row in enumerate(tune) if row.sentiment]
        head = sentiment.train_head(vectors_tune[known], [tune[i].sentiment for i in known])
        weights, bias = np.array(head["weights"]), np.array(head["bias"])
        best = (vectors_held[scored] @ weights.T + bias).argmax(axis=1)
        readers["Classifier over sentence embeddings"] = [head["classes"][i] for i in best]
    return [
        SentimentScore(
            name,
            round(float(np.mean([a == b for a, b in zip(said, truth, strict=True)])), 3),
            round(float(f1_score(truth, said, average="macro")), 3),
        )
        for name, said in readers.items()
    ]


def evaluate(rows: Sequence[LabelledText], engine: str | None = None) -> Evaluation:
    """The whole evaluation: themes against labels and subcategories, framework assignment
    and sentiment, for the engines available, beside the TF-IDF + k-means baseline."""
    started = time.perf_counter()
    engine = engine or embeddings.engine()
    engines = [EMBEDDINGS, TFIDF] if engine == EMBEDDINGS else [TFIDF]
    tune, held_out = split(rows)
    texts = [row.text for row in held_out]
    vectors = {TFIDF: _timed(lambda: topic_vectors(texts))}
    tune_vectors = None
    if engine == EMBEDDINGS:
        vectors[EMBEDDINGS] = _timed(lambda: embeddings.embed(texts))
        tune_vectors = embeddings.embed([row.text for row in tune])
    truths = {
        "label": [row.label for row in held_out],
        "subcategory": [row.subcategory or row.label for row in held_out],
    }
    framework = framework_from(tune)
    return Evaluation(
        texts=len(rows),
        held_out=len(held_out),
        engine=engine,
        clustering=evaluate_clustering(texts, truths, engines, vectors),
        assignment=[evaluate_assignment(framework, held_out, e) for e in engines],
        sentiment=evaluate_sentiment(
            tune, held_out, tune_vectors, vectors.get(EMBEDDINGS, (None,))[0]
        ),
        seconds=round(time.perf_counter() - started, 1),
        note=embeddings.engine_note(),
    )


def train_sentiment_head(rows: Sequence[LabelledText]) -> dict:
    """Train the sentiment classifier on the tuning half only (so the evaluation's held-out
    figures stay honest) and return its weights, ready for `sentiment.HEAD`."""
    tune, _ = split(rows)
    known = [row for row in tune if row.sentiment]
    return sentiment.train_head(
        embeddings.embed([row.text for row in known]), [row.sentiment for row in known]
    )
