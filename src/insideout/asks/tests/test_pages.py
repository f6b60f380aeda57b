"""The asks' pages, driven as people use them: raise, join, act, confirm, read in public."""

import datetime

import pytest
from django.utils import timezone

from insideout.asks import services
from insideout.asks.forms import ACTION_FORMS, BUTTONS
from insideout.asks.lifecycle import ACTIONS, perform
from insideout.asks.models import Ask, Status, Supporter
from insideout.asks.views import PAGE_ORDER
from insideout.vocabulary import Role
from tests.factories import person_with_role


def next_week() -> str:
    return (timezone.localdate() + datetime.timedelta(days=7)).isoformat()


@pytest.fixture
def stranger(other_school):
    return person_with_role(Role.DOER_LEAD, organisation=other_school, full_name="Sam Stranger")


@pytest.fixture
def boiler(stranger, other_school, unit):
    """An open ask from another school, which the doer at `school` will find similar."""
    return services.raise_ask(
        by=stranger,
        organisation=other_school,
        title="Money to replace a broken boiler",
        category="money",
        suggested_unit=unit,
    )


@pytest.fixture
def ask(doer_lead, school, unit):
    return services.raise_ask(
        by=doer_lead,
        organisation=school,
        title="Training on phonics",
        category="training",
        suggested_unit=unit,
    )


def test_a_doer_raises_an_ask_in_two_steps_seeing_similar_asks_first(
    client, doer_lead, school, boiler, unit
):
    client.force_login(doer_lead)
    assert "Raise an ask" in client.get("/asks/").content.decode()
    similar = client.post(
        "/asks/new/", {"step": "need", "title": "Boiler replacement money", "category": "money"}
    ).content.decode()
    assert "Is it one of these?" in similar
    assert boiler.title in similar and "Me too" in similar
    assert "Riverside Academy" not in similar and "Sam Stranger" not in similar
    details = client.post(
        "/asks/new/", {"step": "continue", "title": "Boiler replacement money", "category": "money"}
    ).content.decode()
    assert "How urgent is it?" in details and "Boiler replacement money" in details
    raised = client.post(
        "/asks/new/",
        {
            "step": "details",
            "title": "Boiler replacement money",
            "category": "money",
            "detail": "It failed in November.",
            "urgency": "high",
            "suggested_unit": unit.pk,
            "public": "on",
        },
    )
    ask = Ask.objects.get(title="Boiler replacement money")
    assert raised["Location"] == f"/asks/{ask.pk}/"
    assert (ask.organisation, ask.urgency, ask.unit, ask.public) == (school, "high", unit, True)
    page = client.get(raised["Location"]).content.decode()
    assert "Ask raised" in page and ask.reference in page
    assert "Ask raised" not in client.get(raised["Location"]).content.decode()  # once only


def test_the_first_step_explains_what_is_missing(client, doer_lead):
    client.force_login(doer_lead)
    page = client.post("/asks/new/", {"step": "need", "title": ""}).content.decode()
    assert "There is a problem" in page
    assert 'href="#id_title"' in page and "Enter what you need" in page
    assert "Choose what kind of help it is" in page


def test_a_doer_says_me_too_instead_and_sees_the_ask_without_who_raised_it(
    client, doer_member, boiler, school
):
    client.force_login(doer_member)
    joined = client.post(f"/asks/{boiler.pk}/join/")
    assert joined["Location"] == f"/asks/{boiler.pk}/"
    assert Supporter.objects.filter(ask=boiler, person=doer_member).exists()
    page = client.get(joined["Location"]).content.decode()
    assert boiler.title in page
    assert "Riverside Academy" not in page and "Sam Stranger" not in page
    assert "Another doer" in page and "Me too: we need this too" not in page
    assert boiler in client.get("/asks/").context["page_obj"].object_list


def test_the_raising_organisation_sees_who_joined(client, doer_lead, ask, stranger):
    services.join(ask, stranger)
    client.force_login(doer_lead)
    page = client.get(f"/asks/{ask.pk}/").content.decode()
    assert "Riverside Academy" in page and "Sam Stranger" in page


def test_a_unit_takes_an_ask_to_delivery_and_the_doer_says_it_helped(
    client, ask, centre_officer, doer_lead
):
    client.force_login(centre_officer)
    page = client.get(f"/asks/{ask.pk}/").content.decode()
    assert "Acknowledge" in page and "To be acknowledged by" in page
    assert (
        client.post(f"/asks/{ask.pk}/acknowledge/", {"acknowledge-note": "On it"}).status_code
        == 302
    )
    client.post(
        f"/asks/{ask.pk}/commit/",
        {"commit-commitment": "A phonics course", "commit-due_on": next_week()},
    )
    client.post(
        f"/asks/{ask.pk}/deliver/", {"deliver-note": "Course held on Monday", "publish": "1"}
    )
    assert Ask.objects.get(pk=ask.pk).status == Status.DELIVERED
    client.force_login(doer_lead)
    page = client.get(f"/asks/{ask.pk}/").content.decode()
    assert "Did it help?" in page and "Course held on Monday" in page
    assert "It goes back to the unit, with what is still missing." in page
    done = client.post(
        f"/asks/{ask.pk}/confirm/",
        {"confirm-verdict": "partly", "confirm-note": "Only for two staff"},
    )
    assert done["Location"] == f"/asks/{ask.pk}/"
    ask.refresh_from_db()
    # "Partly" is not "confirmed": the ask goes back to the unit with what is missing.
    assert (ask.status, ask.helped, ask.helped_comment) == (
        "reopened",
        "partly",
        "Only for two staff",
    )
    page = client.get(f"/asks/{ask.pk}/").content.decode()
    for step in (
        "Raised",
        "Acknowledged",
        "Committed",
        "Delivered",
        "Omar Officer",
        "On it",
        "A phonics course",
        "Doer said whether it helped",
    ):
        assert step in page


def test_a_refused_change_is_shown_in_the_error_summary(client, ask, centre_officer):
    client.force_login(centre_officer)
    page = client.post(f"/asks/{ask.pk}/commit/", {"commit-commitment": "A course"})
    body = page.content.decode()
    assert page.status_code == 200 and "There is a problem" in body
    assert 'href="#id_commit-due_on"' in body and "Say by when it will be done" in body
    out_of_order = client.post(f"/asks/{ask.pk}/deliver/", {"deliver-note": "Done", "publish": "1"})
    assert "cannot be changed that way" in out_of_order.content.decode()
    assert Ask.objects.get(pk=ask.pk).status == Status.RAISED


def test_passing_on_shows_the_hop_in_the_trail(client, ask, centre_officer, other_unit):
    client.force_login(centre_officer)
    client.post(
        f"/asks/{ask.pk}/route/",
        {"route-unit": other_unit.pk, "route-note": "They run the courses"},
    )
    # Now out of the officer's sight: the page says so rather than failing.
    assert client.get(f"/asks/{ask.pk}/").status_code == 404
    ask.refresh_from_db()
    assert ask.unit == other_unit
    client.force_login(ask.raised_by)
    page = client.get(f"/asks/{ask.pk}/").content.decode()
    assert (
        "Passed on" in page
        and f"From {ask.events.first().to_unit.name} to {other_unit.name}" in page
    )


def test_doers_of_another_organisation_cannot_see_the_ask(client, ask, stranger):
    client.force_login(stranger)
    assert client.get(f"/asks/{ask.pk}/").status_code == 404
    assert client.get(f"/asks/{ask.pk}/confirm/").status_code == 404
    assert client.post(f"/asks/{ask.pk}/withdraw/").status_code == 404
    assert ask not in client.get("/asks/").context["page_obj"].object_list


def test_a_doer_may_not_make_the_units_changes(client, ask, doer_member):
    client.force_login(doer_member)
    assert client.get(f"/asks/{ask.pk}/acknowledge/").status_code == 403
    assert client.post(f"/asks/{ask.pk}/acknowledge/").status_code == 403
    assert Ask.objects.get(pk=ask.pk).status == Status.RAISED


def test_staff_log_an_ask_for_a_doer_by_its_identifier(client, centre_officer, school, doer_lead):
    client.force_login(centre_officer)
    page = client.post(
        "/asks/new/",
        {"step": "continue", "title": "Phone call: heating", "category": "infrastructure"},
    ).content.decode()
    assert "Which organisation is this for?" in page
    client.post(
        "/asks/new/",
        {
            "step": "details",
            "title": "Phone call: heating",
            "category": "infrastructure",
            "urgency": "medium",
            "organisation": school.external_id,
        },
    )
    ask = Ask.objects.get(title="Phone call: heating")
    assert ask.on_behalf and ask.organisation == school
    assert ask.supporters.get().person == doer_lead


def test_the_public_page_names_only_organisations_that_agreed(
    client, centre_officer, unit, doer_lead, school, stranger, other_school
):
    named = services.raise_ask(
        by=doer_lead,
        organisation=school,
        title="Clearer SEND guidance",
        category="knowledge",
        suggested_unit=unit,
        public=True,
    )
    unnamed = services.raise_ask(
        by=stranger,
        organisation=other_school,
        title="A new roof",
        category="money",
        suggested_unit=unit,
    )
    for each, note in ((named, "Guidance rewritten with heads"), (unnamed, "Grant paid")):
        perform(
            each,
            "commit",
            centre_officer,
            commitment="Will do",
            due_on=timezone.localdate() + datetime.timedelta(days=3),
        )
        perform(each, "deliver", centre_officer, note=note)
    page = client.get("/you-said-we-did/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "Guidance rewritten with heads" in body and "Grant paid" in body
    assert school.name in body
    assert other_school.name not in body and stranger.full_name not in body


def test_every_change_in_the_life_cycle_has_a_form_and_a_button():
    assert set(ACTION_FORMS) == set(BUTTONS) == set(ACTIONS) == set(PAGE_ORDER)
