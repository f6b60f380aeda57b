"""One question after delivery, "Did it help?", asked of every organisation that shares the ask,
each answer with one clear outcome, shown as counts; and what is published is previewed first."""

import datetime

import pytest
from django.utils import timezone

from insideout.asks import services
from insideout.asks.lifecycle import available_actions, perform
from insideout.asks.models import Status
from insideout.asks.outcomes import helped_tally


@pytest.fixture
def delivered(doer_lead, school, unit, centre_officer, stranger):
    ask = services.raise_ask(
        by=doer_lead,
        organisation=school,
        title="Phonics training",
        category="training",
        suggested_unit=unit,
    )
    services.join(ask, stranger)
    perform(
        ask,
        "commit",
        centre_officer,
        commitment="A course",
        due_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    return perform(ask, "deliver", centre_officer, note="Course held on Monday")


@pytest.fixture
def stranger(other_school):
    from insideout.vocabulary import Role
    from tests.factories import person_with_role

    return person_with_role(Role.DOER_LEAD, organisation=other_school, full_name="Sam Stranger")


def test_a_doer_who_said_me_too_is_asked_whether_it_helped(delivered, stranger):
    assert "confirm" in available_actions(stranger, delivered)


def test_yes_from_everyone_confirms_and_the_counts_show_each_answer(delivered, doer_lead, stranger):
    ask = perform(delivered, "confirm", doer_lead, verdict="yes")
    assert ask.status == Status.CONFIRMED
    tally = helped_tally(ask)
    assert (tally.yes, tally.partly, tally.no, tally.waiting) == (1, 0, 0, 1)
    ask = perform(ask, "confirm", stranger, verdict="yes")
    tally = helped_tally(ask)
    assert (tally.yes, tally.waiting) == (2, 0)


def test_partly_is_never_counted_as_confirmed(delivered, stranger):
    ask = perform(delivered, "confirm", stranger, verdict="partly", note="Only two staff went")
    assert ask.status == Status.REOPENED
    assert helped_tally(ask).partly == 1


def test_an_organisation_answers_once_and_may_change_its_answer(delivered, doer_lead, doer_member):
    perform(delivered, "confirm", doer_member, verdict="no")
    delivered.refresh_from_db()
    assert helped_tally(delivered).no == 1 and delivered.status == Status.REOPENED


def test_the_ask_page_shows_the_counts_to_the_doer(client, delivered, doer_lead, stranger):
    perform(delivered, "confirm", stranger, verdict="yes")
    client.force_login(doer_lead)
    page = client.get(f"/asks/{delivered.pk}/").content.decode()
    assert "Yes: 1" in page and "Partly: 0" in page
    assert "1 of 2 organisations sharing it has not answered yet" in page


def test_what_was_done_is_previewed_as_the_public_will_see_it_before_publishing(
    client, doer_lead, school, unit, centre_officer
):
    ask = services.raise_ask(
        by=doer_lead,
        organisation=school,
        title="A new boiler",
        category="money",
        suggested_unit=unit,
    )
    perform(
        ask,
        "commit",
        centre_officer,
        commitment="A grant",
        due_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    client.force_login(centre_officer)
    detail = client.get(f"/asks/{ask.pk}/").content.decode()
    assert "published on the public ‘You said, we did’ page" in detail
    note = "New boiler fitted at Moorside before the cold snap"
    preview = client.post(f"/asks/{ask.pk}/deliver/", {"deliver-note": note}).content.decode()
    assert "This is how the public will see it" in preview
    assert "without naming the organisation" in preview
    assert "Your note says “Moorside”" in preview
    ask.refresh_from_db()
    assert ask.status == Status.COMMITTED  # nothing published yet
    client.post(f"/asks/{ask.pk}/deliver/", {"deliver-note": "New boiler fitted", "publish": "1"})
    ask.refresh_from_db()
    assert ask.status == Status.DELIVERED
    assert "New boiler fitted" in client.get("/you-said-we-did/").content.decode()
