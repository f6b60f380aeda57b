"""Finding 6 of issue 8: the asks API names no one the pages would not. A doer who joins an ask
("me too") learns what was done, never who raised it nor who else joined; pages and API ask
the same rule (asks.disclosure)."""

import pytest

from insideout.accounts.models import ApiToken
from insideout.asks import services
from insideout.directory.models import Role
from tests.factories import OrganisationFactory, person_with_role


@pytest.fixture
def api(client):
    def call(user, method, path):
        _, raw = ApiToken.issue(user, "test")
        response = client.generic(method, path, headers={"Authorization": f"Bearer {raw}"})
        return response.status_code, response.json()

    return call


@pytest.fixture
def joined(doer_lead, school, unit):
    """Hannah at Moorside raised an ask (not public); a doer at another school joined it, and
    so did a third, at a third school."""
    ask = services.raise_ask(
        by=doer_lead,
        organisation=school,
        title="Money to replace the boiler",
        category="money",
        suggested_unit=unit,
    )
    supporter, third = (
        person_with_role(Role.DOER_LEAD, organisation=OrganisationFactory(name=name), full_name=who)
        for name, who in (("Riverside Academy", "Sam Supporter"), ("Hilltop School", "Tia Third"))
    )
    services.join(ask, supporter)
    services.join(ask, third)
    return ask, supporter, third


def test_a_supporter_gets_no_name_nor_id_of_the_raising_organisation_over_the_api(
    joined, api, school
):
    ask, supporter, _ = joined
    _, one = api(supporter, "GET", f"/api/v1/asks/{ask.pk}")
    _, listed = api(supporter, "GET", "/api/v1/asks")
    for shown in (one, next(a for a in listed["items"] if a["id"] == ask.pk)):
        assert shown["organisation_name"] is None and shown["organisation_id"] is None
    assert school.name not in str(one) + str(listed)


def test_a_supporter_reads_the_trail_with_others_unnamed_over_the_api(joined, api, doer_lead):
    ask, supporter, third = joined
    status, events = api(supporter, "GET", f"/api/v1/asks/{ask.pk}/events")
    assert status == 200
    names = {event["actor_name"] for event in events}
    assert doer_lead.full_name not in str(events) and third.full_name not in str(events)
    assert "Another doer" in names and f"You ({supporter.full_name})" in names
    others = [e for e in events if e["actor_name"] == "Another doer"]
    assert others and all(e["actor_id"] is None for e in others)


def test_a_supporter_cannot_ask_which_organisation_raised_an_ask_by_filtering(joined, api, school):
    ask, supporter, _ = joined
    _, found = api(supporter, "GET", f"/api/v1/asks?organisation_id={school.pk}")
    assert found["items"] == []


def test_the_raiser_and_centre_staff_see_who_over_the_api_as_on_the_pages(
    joined, api, client, doer_lead, centre_lead, school
):
    ask, supporter, third = joined
    for reader in (doer_lead, centre_lead):
        _, body = api(reader, "GET", f"/api/v1/asks/{ask.pk}")
        assert (body["organisation_name"], body["organisation_id"]) == (school.name, school.pk)
        _, events = api(reader, "GET", f"/api/v1/asks/{ask.pk}/events")
        assert third.full_name in {e["actor_name"] for e in events}
    _, found = api(centre_lead, "GET", f"/api/v1/asks?organisation_id={school.pk}")
    assert [a["id"] for a in found["items"]] == [ask.pk]
    client.force_login(supporter)
    page = client.get(f"/asks/{ask.pk}/").content.decode()
    assert school.name not in page and doer_lead.full_name not in page


def test_a_doer_who_agreed_to_be_named_is_named_to_supporters(joined, api, school):
    ask, supporter, _ = joined
    ask.public = True
    ask.save(update_fields=["public"])
    _, body = api(supporter, "GET", f"/api/v1/asks/{ask.pk}")
    assert body["organisation_name"] == school.name
