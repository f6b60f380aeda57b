import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import adjusted_rand_score

from insideout.language import embeddings
from insideout.language.themes import (
    find_themes,
    key_phrases,
    label_for,
    soft_confidence,
    theme_count,
)

from .corpus import ALL, LABELS


# Shared words alone group made-up comments less well than meaning does (as on real ones).
@pytest.mark.parametrize("engine, agreement", [("embeddings", 0.6), ("tfidf", 0.2)])
def test_comments_on_three_subjects_fall_into_three_themes(engine, agreement):
    theming = find_themes(ALL, n_themes=3, engine=engine)
    assert theming.engine == engine
    assert len(theming.assignments) == len(ALL)
    assert adjusted_rand_score(LABELS, theming.assignments) > agreement
    assert sorted(i for t in theming.themes for i in t.members) == list(range(len(ALL)))


def test_each_theme_is_labelled_by_the_words_that_set_it_apart():
    theming = find_themes(ALL, n_themes=3, engine=embeddings.EMBEDDINGS)
    labels = " ".join(t.label.lower() + " " + " ".join(t.key_phrases) for t in theming.themes)
    for word in ("park", "staff", "wait"):
        assert word in labels


def test_themes_come_largest_first():
    texts = ALL[:10] + ALL[10:14]
    theming = find_themes(texts, n_themes=2, engine=embeddings.EMBEDDINGS)
    sizes = [t.size for t in theming.themes]
    assert sizes == sorted(sizes, reverse=True)


def test_how_many_themes_is_chosen_from_the_texts_when_not_given():
    theming = find_themes(ALL, engine=embeddings.EMBEDDINGS)
    assert 3 <= len(theming.themes) <= 15
    vectors = embeddings.embed(ALL)
    assert theme_count(vectors) == len(theming.themes)


def test_no_texts_no_themes():
    theming = find_themes([], engine=embeddings.TFIDF)
    assert theming.themes == [] and theming.assignments == []


def test_key_phrases_prefer_a_pair_to_its_words_alone():
    texts = ["car park full", "car park full again", "car park empty", "staff kind", "kind staff"]
    phrases = key_phrases(texts, [0, 0, 0, 1, 1])
    assert "car park" in phrases[0]
    assert "car" not in phrases[0] and "park" not in phrases[0]


def test_a_label_names_the_first_two_key_phrases():
    assert label_for(["waiting time", "appointments"]) == "Waiting time and appointments"
    assert label_for(["parking"]) == "Parking"
    assert label_for([]) == "Other comments"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.floats(-1, 1, allow_nan=False), min_size=4, max_size=4),
        min_size=1,
        max_size=6,
    ),
    st.integers(1, 4),
)
def test_confidence_is_a_share_that_favours_the_nearest_theme(rows, n_centres):
    vectors = np.array(rows, dtype=np.float32)
    centres = np.eye(4, dtype=np.float32)[:n_centres]
    confidence = soft_confidence(vectors, centres)
    assert np.allclose(confidence.sum(axis=1), 1.0, atol=1e-5)
    nearest = (vectors @ centres.T).argmax(axis=1)
    rows_ = np.arange(len(vectors))
    assert np.allclose(confidence[rows_, nearest], confidence.max(axis=1))
