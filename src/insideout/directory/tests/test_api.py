import pytest

from insideout.accounts.models import ApiToken
from insideout.vocabulary import Role
from tests.factories import OrganisationFactory, person_with_role


@pytest.fixture
def api(client):
    def call(user, path, **params):
        _, raw = ApiToken.issue(user, "test")
        return client.get(path, params, headers={"Authorization": f"Bearer {raw}"})

    return call


def test_organisations_are_paginated_with_a_total(api, analyst):
    OrganisationFactory.create_batch(30)
    body = api(analyst, "/api/v1/organisations", limit=10, offset=20).json()
    assert body["count"] == 30
    assert len(body["items"]) == 10


def test_organisations_filter_by_type_and_region(api, analyst):
    OrganisationFactory(name="North Trust", type="hospital", region="E12000001")
    OrganisationFactory(name="London Trust", type="hospital", region="E12000007")
    OrganisationFactory(name="North School", type="school", region="E12000001")
    body = api(analyst, "/api/v1/organisations", type="hospital", region="E12000001").json()
    assert [o["name"] for o in body["items"]] == ["North Trust"]
    assert body["items"][0]["region_name"] == "North East"


def test_organisations_search_by_name_or_exact_identifier(api, doer_lead, school, other_school):
    assert [
        o["name"] for o in api(doer_lead, "/api/v1/organisations", q="river").json()["items"]
    ] == ["Riverside Academy"]
    assert [
        o["name"] for o in api(doer_lead, "/api/v1/organisations", q="URN100001").json()["items"]
    ] == ["Moorside Primary School"]


def test_an_unknown_filter_value_gets_a_problem_naming_the_field(api, analyst):
    response = api(analyst, "/api/v1/organisations", type="spaceship")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422
    assert problem["errors"][0]["field"] == "type"


def test_a_missing_organisation_is_a_404_problem(api, analyst):
    response = api(analyst, "/api/v1/organisations/999999")
    assert response.status_code == 404
    assert response.json()["title"] == "Not Found"


def test_a_doer_sees_only_their_own_organisations_people(
    api, doer_lead, school, other_school, centre_officer
):
    stranger = person_with_role(Role.DOER_MEMBER, organisation=other_school, full_name="Sam")
    colleague = person_with_role(Role.DOER_MEMBER, organisation=school, full_name="Cara")
    names = {p["full_name"] for p in api(doer_lead, "/api/v1/people", limit=100).json()["items"]}
    assert {"Cara", "Hannah Head", "Omar Officer"} <= names
    assert "Sam" not in names
    assert api(doer_lead, f"/api/v1/people/{stranger.pk}").status_code == 404
    assert api(doer_lead, f"/api/v1/people/{colleague.pk}").status_code == 200


def test_centre_staff_see_everyone(api, centre_officer, doer_lead, other_school):
    stranger = person_with_role(Role.DOER_MEMBER, organisation=other_school, full_name="Sam")
    assert api(centre_officer, f"/api/v1/people/{stranger.pk}").status_code == 200


def test_units_list_children_of_a_parent(api, doer_member):
    from tests.factories import CentreUnitFactory

    top = CentreUnitFactory(name="Department", kind="department")
    CentreUnitFactory(name="Schools Directorate", kind="directorate", parent=top)
    CentreUnitFactory(name="Unrelated", kind="unit")
    body = api(doer_member, "/api/v1/units", parent=top.pk).json()
    assert [u["name"] for u in body["items"]] == ["Schools Directorate"]


def test_the_openapi_document_describes_the_api(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Inside Out API"
    assert "/api/v1/organisations" in schema["paths"]
    assert "TokenAuth" in schema["components"]["securitySchemes"]


def test_a_browser_session_can_read_the_api(client, doer_lead):
    client.force_login(doer_lead)
    assert client.get("/api/v1/me").json()["email"] == doer_lead.email
