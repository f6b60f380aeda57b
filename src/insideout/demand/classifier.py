"""The text classifier: TF-IDF features and a linear model (scikit-learn), trained on the contacts
analysts have labelled, with its confidence and the words that drove each prediction, and a
cross-validated evaluation so nobody trusts it blindly. Pure: texts and labels in, numbers out.
Nothing is downloaded: the model is learnt from this department's own labels."""

import io
import pickle  # noqa: S403 (only ever our own fitted pipelines, stored in our own database)
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline

MIN_LABELS = 10  # below this, or with one class only, there is nothing to learn
FOLDS = 5


def label_of(demand_type: str, failure_cause: str = "") -> str:
    """One class per kind of demand: ‘value’, or ‘failure:progress_chasing’ and so on."""
    return (
        f"{demand_type}:{failure_cause}"
        if demand_type == "failure" and failure_cause
        else (demand_type)
    )


def split_label(label: str) -> tuple[str, str]:
    demand_type, _, cause = label.partition(":")
    return demand_type, cause


def pipeline() -> Pipeline:
    return Pipeline(
        [
            (
                "words",
                TfidfVectorizer(
                    ngram_range=(1, 2),
                    min_df=2,
                    sublinear_tf=True,
                    max_features=100_000,
                    strip_accents="unicode",
                ),
            ),
            ("model", LogisticRegression(max_iter=2000, class_weight="balanced")),
        ]
    )


class NotEnoughLabels(ValueError):
    """Too few labelled contacts, or only one kind, to learn from."""


@dataclass(frozen=True)
class Prediction:
    label: str
    confidence: float
    drivers: tuple[str, ...]


def evaluate(texts: list[str], labels: list[str], folds: int = FOLDS) -> dict:
    """Cross-validated precision, recall and support per class (each text predicted by a model
    that never saw it), and overall accuracy."""
    counts = {label: labels.count(label) for label in set(labels)}
    folds = min(folds, min(counts.values()))
    if folds < 2:
        return {
            "folds": 0,
            "classes": [],
            "accuracy": None,
            "note": "Each kind needs at least two labelled contacts to be evaluated.",
        }
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    predicted = cross_val_predict(pipeline(), texts, labels, cv=splitter)
    classes = sorted(counts)
    precision, recall, f1, support = precision_recall_fscore_support(
        labels, predicted, labels=classes, zero_division=0
    )
    return {
        "folds": folds,
        "accuracy": float(np.mean(np.array(labels) == predicted)),
        "classes": [
            {
                "label": c,
                "precision": float(p),
                "recall": float(r),
                "f1": float(f),
                "support": int(s),
            }
            for c, p, r, f, s in zip(classes, precision, recall, f1, support, strict=True)
        ],
    }


def train(texts: list[str], labels: list[str]) -> tuple[Pipeline, dict]:
    """A fitted pipeline and its cross-validated evaluation."""
    if len(texts) < MIN_LABELS or len(set(labels)) < 2:
        raise NotEnoughLabels(
            f"The classifier needs at least {MIN_LABELS} labelled contacts of at least two "
            f"kinds; there are {len(texts)} of {len(set(labels))}."
        )
    evaluation = evaluate(texts, labels)
    fitted = pipeline().fit(texts, labels)
    return fitted, evaluation


def predict(fitted: Pipeline, texts: list[str], drivers: int = 3) -> list[Prediction]:
    """Each text's most likely class, how likely, and the words that pushed most towards it."""
    if not texts:
        return []
    unique = list(dict.fromkeys(texts))
    if len(unique) < len(texts):  # the same words get the same answer: work it out once
        by_text = dict(zip(unique, predict(fitted, unique, drivers), strict=True))
        return [by_text[text] for text in texts]
    words: TfidfVectorizer = fitted.named_steps["words"]
    model: LogisticRegression = fitted.named_steps["model"]
    features = words.transform(texts).tocsr()
    probabilities = model.predict_proba(features)
    best = probabilities.argmax(axis=1)
    vocabulary = words.get_feature_names_out()
    coef = model.coef_
    found = []
    for row, (choice, probability) in enumerate(zip(best, probabilities, strict=True)):
        start, end = features.indptr[row], features.indptr[row + 1]
        columns, values = features.indices[start:end], features.data[start:end]
        if coef.shape[0] == 1:  # two classes: one row of weights, for the second
            weights = coef[0, columns] * (1 if choice == 1 else -1)
        else:
            weights = coef[choice, columns]
        pushes = values * weights
        top = [vocabulary[columns[i]] for i in np.argsort(-pushes)[:drivers] if pushes[i] > 0]
        found.append(
            Prediction(str(model.classes_[choice]), float(probability[choice]), tuple(top))
        )
    return found


def dumps(fitted: Pipeline) -> bytes:
    buffer = io.BytesIO()
    pickle.dump(fitted, buffer, protocol=pickle.HIGHEST_PROTOCOL)
    return buffer.getvalue()


def loads(blob: bytes) -> Pipeline:
    return pickle.loads(bytes(blob))  # noqa: S301 (written by dumps above, to our database)
