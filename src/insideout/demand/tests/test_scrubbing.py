"""Personal data is scrubbed from citizens' words: measured on 400 labelled lines."""

import pytest

from insideout.demand.pii_lines import labelled_lines, measure
from insideout.demand.scrubbing import detectors_for, scrub, scrub_everything


@pytest.fixture(scope="module")
def figures():
    return measure(scrub)


def test_the_fast_path_catches_exactly_what_every_detector_catches():
    for line, _, _ in labelled_lines():
        assert scrub(line) == scrub_everything(line), line


def test_e_mail_phone_postcode_ni_numbers_plates_and_titled_names_are_all_caught(figures):
    for kind in ("phone", "postcode", "ni_number", "plate", "titled_name"):
        assert figures["recall"][kind] == 1.0, kind
    assert figures["recall"]["email"] >= 0.9  # "jo at example dot com" is missed


def test_overall_most_personal_data_is_caught_and_few_clean_lines_are_changed(figures):
    assert figures["overall_recall"] >= 0.8
    assert figures["false_positive_rate"] <= 0.1


def test_names_with_nothing_to_mark_them_are_missed_and_the_figures_say_so(figures):
    # Pattern detectors cannot know "Wei Chen" is a name: the docs say so, and so does this.
    assert figures["recall"]["bare_name"] < 0.5


def test_a_name_the_citizen_gave_is_removed_wherever_it_appears():
    assert scrub("Wei Chen here, my neighbour Wei has the same", known=["Wei", "Chen"]) == (
        "{{NAME}} {{NAME}} here, my neighbour {{NAME}} has the same"
    )


def test_text_without_digits_at_signs_or_names_needs_no_detector():
    assert detectors_for("The bin was not collected again this week") == frozenset()
    assert "phone" in detectors_for("ring 07911 123456")
    assert "phone" not in detectors_for("since 14 May")


def test_one_phone_number_found_twice_is_tagged_once():
    assert scrub("call 07911 123456 please") == "call {{PHONE}} please"
