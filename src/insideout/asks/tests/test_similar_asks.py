"""Before raising an ask, a doer sees open asks like it: by meaning and kind of help, identical
asks once, and none their organisation already shares."""

import pytest

from insideout.asks import services
from insideout.asks.similar import similar_open_asks
from insideout.vocabulary import Role
from tests.factories import OrganisationFactory, person_with_role


def raise_at_a_new_school(title: str, category: str):
    doer = person_with_role(Role.DOER_LEAD, organisation=OrganisationFactory(type="school"))
    return services.raise_ask(
        by=doer, organisation=doer.memberships.get().organisation, title=title, category=category
    )


@pytest.mark.django_db
def test_identical_asks_are_shown_once_with_everyone_who_shares_them():
    for _ in range(5):
        raise_at_a_new_school("Funded mentor time for early career teachers", "training")
    [suggestion] = similar_open_asks("Mentor time for new teachers", "training")
    assert suggestion.asks == 5 and suggestion.supporters == 5


@pytest.mark.django_db
def test_a_boiler_is_not_matched_to_free_school_meals():
    meals = raise_at_a_new_school("Free school meals for more children", "money")
    boiler = raise_at_a_new_school("A new boiler for the school hall", "infrastructure")
    found = [s.ask for s in similar_open_asks("Money to replace our school boiler", "money")]
    assert boiler in found and meals not in found


def test_asks_the_organisation_already_shares_are_not_offered(doer_lead, school):
    other = raise_at_a_new_school("Faster broadband for the school", "infrastructure")
    assert [
        s.ask for s in similar_open_asks("Faster broadband", "infrastructure", [school.pk])
    ] == [other]
    services.join(other, doer_lead)
    assert similar_open_asks("Faster broadband", "infrastructure", [school.pk]) == []


def test_the_similar_step_names_its_place_in_raising_an_ask(client, doer_lead):
    raise_at_a_new_school("Faster broadband for the school", "infrastructure")
    client.force_login(doer_lead)
    page = client.post(
        "/asks/new/", {"step": "need", "title": "Faster broadband", "category": "infrastructure"}
    ).content.decode()
    assert "Raise an ask: asks like yours" in page and "Step 1 of 2" not in page
