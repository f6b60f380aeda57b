"""The classifier: learnt from labels, evaluated by cross-validation, explained by its words."""

import csv
from collections import Counter

import pytest

from insideout.demand import classifier, services
from insideout.demand.models import ClassifierModel, Contact

from .conftest import REFERENCE


def fft_comments(n: int = 3000) -> tuple[list[str], list[str]]:
    """Real NHS patient comments with the category staff gave each."""
    texts, labels = [], []
    with (REFERENCE / "text/nhs_fft_comments_labelled.csv").open(encoding="utf-8") as source:
        for row in csv.DictReader(source):
            if row["feedback"].strip():
                texts.append(row["feedback"])
                labels.append(row["label"])
            if len(texts) == n:
                break
    return texts, labels


def test_on_real_comments_it_beats_always_guessing_the_commonest_kind():
    texts, labels = fft_comments()
    evaluation = classifier.evaluate(texts, labels)
    commonest = Counter(labels).most_common(1)[0][1] / len(labels)
    assert evaluation["folds"] == 5
    assert evaluation["accuracy"] > commonest + 0.15
    recalls = {c["label"]: c["recall"] for c in evaluation["classes"]}
    assert sum(recalls.values()) / len(recalls) > 0.4  # balanced: the small kinds are found too


def test_each_prediction_has_a_confidence_and_the_words_that_drove_it():
    texts = ["still waiting for my grant", "still no reply chasing again", "chasing my claim"] * 4
    texts += ["how do I apply for a grant", "can I apply online", "apply for help"] * 4
    labels = ["failure:progress_chasing"] * 12 + ["value"] * 12
    fitted, _ = classifier.train(texts, labels)
    [guess] = classifier.predict(fitted, ["I am still waiting, chasing again"])
    assert guess.label == "failure:progress_chasing"
    assert 0.5 < guess.confidence <= 1
    assert set(guess.drivers) & {"still", "chasing", "waiting", "still waiting", "chasing again"}


def test_too_few_labels_are_refused_with_a_reason():
    with pytest.raises(classifier.NotEnoughLabels, match="at least 10"):
        classifier.train(["a", "b"], ["value", "failure"])


def test_every_label_an_analyst_gives_goes_into_the_next_model(make_contacts, analyst):
    contacts = make_contacts(12, text="still waiting for the bin")
    contacts += make_contacts(12, text="please order me a new bin")
    for contact in contacts[:12]:
        services.label(contact, analyst, "failure", "progress_chasing")
    for contact in contacts[12:]:
        services.label(contact, analyst, "value")
    first = services.train_model()
    assert first.trained_on == 24
    extra = make_contacts(10, text="the crew left rubbish everywhere")
    for contact in extra:
        services.label(contact, analyst, "failure", "not_right_first_time")
    assert services.labels_since_model() == 10
    second = services.train_model()
    assert second.trained_on == 34
    assert "failure:not_right_first_time" in second.classes
    assert services.current_model() == second


def test_the_review_queue_shows_the_least_certain_guess_first(make_contacts):
    sure, unsure = make_contacts(2, text="x")
    Contact.objects.filter(pk=sure.pk).update(classified_by="model", confidence=0.95)
    Contact.objects.filter(pk=unsure.pk).update(classified_by="model", confidence=0.41)
    assert list(services.review_queue()) == [unsure, sure]


def test_the_model_never_overwrites_a_persons_label(make_contacts, analyst):
    contacts = make_contacts(12, text="still waiting") + make_contacts(12, text="new bin please")
    for contact in contacts[:12]:
        services.label(contact, analyst, "failure", "progress_chasing")
    for contact in contacts[12:]:
        services.label(contact, analyst, "value")
    services.label(contacts[0], analyst, "value")  # the analyst knows better than the words
    services.classify_with_model(services.train_model())
    contacts[0].refresh_from_db()
    assert (contacts[0].demand_type, contacts[0].classified_by) == ("value", "analyst")
    assert ClassifierModel.objects.count() == 1
