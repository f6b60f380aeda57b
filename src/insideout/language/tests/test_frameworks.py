import pytest

from insideout.language import embeddings
from insideout.language.frameworks import FrameworkTheme, assign

from .corpus import PARKING, STAFF, WAITING

FRAMEWORK = [
    FrameworkTheme("Parking", "Finding a space and paying to park", tuple(PARKING[:3])),
    FrameworkTheme("Kind staff", "How staff treated people", tuple(STAFF[:3])),
    FrameworkTheme("Waiting", "Waiting to be seen or for an appointment", tuple(WAITING[:3])),
]


@pytest.mark.parametrize("engine", [embeddings.EMBEDDINGS, embeddings.TFIDF])
def test_new_texts_are_assigned_to_the_pinned_theme_they_are_about(engine):
    texts = PARKING[5:] + STAFF[5:] + WAITING[5:]
    found = assign(texts, FRAMEWORK, engine)
    right = sum(a.theme == i // 5 for i, a in enumerate(found))
    assert right >= 12
    assert all(0 <= a.confidence <= 1 for a in found)


def test_a_text_about_something_else_fits_no_theme():
    found = assign(["The broadband in my flat keeps dropping out"], FRAMEWORK, "embeddings")
    assert found[0].theme is None


def test_a_sure_assignment_has_more_confidence_than_a_doubtful_one():
    sure, doubtful = assign(
        ["No parking spaces left in the car park", "The nurse made me wait"],
        FRAMEWORK,
        "embeddings",
    )
    assert sure.confidence > doubtful.confidence


def test_an_empty_framework_assigns_nothing():
    assert assign(["anything"], [], "tfidf")[0].theme is None
    assert assign([], FRAMEWORK, "tfidf") == []
