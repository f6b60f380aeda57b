"""Doers' own words on a pulse's results: a few on the page, all of them a page at a time."""

import pytest

from insideout.pulses import services
from insideout.pulses.models import Invitation, Pulse
from insideout.scorecard import scores


@pytest.fixture
def commented(make_pulse, doers, units, question):
    """Twelve doers each say what would help; the first four also say what to stop."""
    pulse = make_pulse(anonymity=Pulse.Anonymity.ATTRIBUTED)
    services.launch(pulse)
    for i, doer in enumerate(doers):
        services.submit(
            Invitation.objects.get(pulse=pulse, person=doer),
            services.Submission(
                units_dealt_with=[units[0].pk],
                unit_scores={(question["recommend"].pk, units[0].pk): 8},
                agreements={},
                needs={question["one_thing"].pk: ("training", f"Need number {i}")},
                texts={question["stop"].pk: f"Stop number {i}" if i < 4 else ""},
            ),
        )
    return pulse


@pytest.fixture
def few_at_a_time(monkeypatch):
    monkeypatch.setattr(scores, "COMMENTS_SHOWN", 3)
    monkeypatch.setattr(scores, "COMMENTS_PER_PAGE", 5)


def test_a_pulse_page_shows_the_first_few_comments_and_links_to_the_rest(
    client, commented, centre_officer, question, few_at_a_time
):
    client.force_login(centre_officer)
    page = client.get(f"/scorecard/pulses/{commented.pk}/").content.decode()
    assert sum(f"Need number {i}”" in page for i in range(12)) == 3
    assert "The first 3 of 12 answers" in page
    assert f"/scorecard/pulses/{commented.pk}/comments/{question['one_thing'].pk}/" in page
    assert "The first 3 of 4 answers" in page


def test_every_comment_can_be_read_a_page_at_a_time(
    client, commented, centre_officer, question, few_at_a_time
):
    client.force_login(centre_officer)
    url = f"/scorecard/pulses/{commented.pk}/comments/{question['one_thing'].pk}/"
    seen = []
    for number in (1, 2, 3):
        page = client.get(f"{url}?page={number}").content.decode()
        seen += [i for i in range(12) if f"Need number {i}”" in page]
    assert sorted(seen) == list(range(12)), "each once, in an order that says nothing of when"
    assert "Answers 11 to 12 of 12" in page
    assert "Stop number" not in page


def test_the_comments_page_keeps_the_comment_threshold(client, commented, centre_officer, question):
    client.force_login(centre_officer)
    url = f"/scorecard/pulses/{commented.pk}/comments/{question['one_thing'].pk}/"
    page = client.get(f"{url}?region=E12000007").content.decode()  # 9 of 12: too few
    assert "Need number" not in page
    assert "Comments are shown only for groups of at least 10" in page


def test_only_free_text_questions_have_a_comments_page(client, commented, centre_officer, question):
    client.force_login(centre_officer)
    url = f"/scorecard/pulses/{commented.pk}/comments/{question['recommend'].pk}/"
    assert client.get(url).status_code == 404


def test_doers_cannot_read_the_comments(client, commented, doers, question):
    client.force_login(doers[0])
    url = f"/scorecard/pulses/{commented.pk}/comments/{question['one_thing'].pk}/"
    assert client.get(url).status_code in (302, 403)


def test_the_needs_table_counts_each_kind_of_help_named(commented):
    needs = dict(scores.need_categories(commented))
    assert needs["Training"] == 12
    assert sum(needs.values()) == 12
    assert scores.need_categories(commented, scores.Segment(region="E12000007")) is None
