from insideout.language import embeddings
from insideout.language.sentiment import (
    NEGATIVE,
    NEUTRAL,
    POSITIVE,
    by_lexicon,
    sentiments,
    train_head,
)

PRAISE = ["The nurses were wonderful and so kind", "Fantastic service from start to finish"]
COMPLAINTS = ["The food was cold", "I was ignored for hours and nobody cared"]


def test_praise_reads_positive_and_complaints_negative():
    found = sentiments(PRAISE + COMPLAINTS, embeddings.EMBEDDINGS)
    assert found == [POSITIVE, POSITIVE, NEGATIVE, NEGATIVE]


def test_without_the_model_the_lexicon_reads_sentiment(monkeypatch):
    monkeypatch.setenv(embeddings.ENGINE_VARIABLE, embeddings.TFIDF)
    assert sentiments(PRAISE + COMPLAINTS) == by_lexicon(PRAISE + COMPLAINTS)
    assert by_lexicon(["Excellent, thank you"]) == [POSITIVE]
    assert by_lexicon(["The appointment is on Tuesday"]) == [NEUTRAL]


def test_the_classifier_learns_its_classes_from_labelled_vectors():
    texts = PRAISE + COMPLAINTS + ["The clinic is on the second floor", "Appointments are at nine"]
    labels = [POSITIVE, POSITIVE, NEGATIVE, NEGATIVE, NEUTRAL, NEUTRAL]
    head = train_head(embeddings.embed(texts), labels)
    assert sorted(head["classes"]) == sorted({POSITIVE, NEGATIVE, NEUTRAL})
    assert len(head["weights"]) == 3 and len(head["weights"][0]) == embeddings.DIMENSIONS
