"""A provider keeps its services and capacity current, in pages and the API; everyone signed in
finds services by need, place, eligibility and availability."""

import pytest
from django.urls import reverse

from insideout.catalogue.models import ChangeRecord, Service, ServiceCapacity
from insideout.catalogue.services import Search, search_services
from insideout.vocabulary import Role
from tests.factories import OrganisationFactory, person_with_role, service_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(provider_organisation):
    return service_for(provider_organisation)


def test_a_provider_updates_capacity_and_the_change_is_dated_and_recorded(
    client, provider, service
):
    client.force_login(provider)
    url = reverse("catalogue:capacity", args=[service.pk])
    response = client.post(url, {"places": "0", "wait_weeks": "3"})
    assert response.status_code == 302
    service.refresh_from_db()
    assert (service.capacity_status, service.wait_weeks, service.wait_time) == (
        "waitlist",
        3,
        "About 3 weeks",
    )
    assert ServiceCapacity.objects.get(service=service).available == 0
    change = ChangeRecord.objects.get(owner_id=service.pk, field_name="wait_time")
    assert (change.replacement_value, change.updated_by) == ("3", "Leeds Housing Advice")


def test_capacity_must_be_a_number_of_places(client, provider, service):
    client.force_login(provider)
    response = client.post(reverse("catalogue:capacity", args=[service.pk]), {"places": "-2"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()


def test_only_the_services_own_provider_may_change_it(client, service):
    other = person_with_role(Role.PROVIDER, organisation=OrganisationFactory(type="charity"))
    client.force_login(other)
    assert client.get(reverse("catalogue:capacity", args=[service.pk])).status_code == 403
    answer = client.put(
        f"/api/v1/catalogue/services/{service.pk}/capacity",
        {"places": 4},
        content_type="application/json",
    )
    assert answer.status_code == 403


def test_a_provider_adds_a_service_with_what_it_helps_with_and_where(client, provider):
    client.force_login(provider)
    response = client.post(
        reverse("catalogue:new"),
        {
            "name": "Winter warmth grants",
            "description": "Small grants towards heating for families on low incomes.",
            "categories": ["money"],
            "area_codes": ["E12000003"],
            "eligibility": ["low_income"],
            "status": "active",
        },
    )
    service = Service.objects.get(name="Winter warmth grants")
    assert response["Location"] == reverse("catalogue:capacity", args=[service.pk])
    found = search_services(Search(need="money", place="E08000019", for_whom="low_income"))
    assert list(found) == [service]
    assert list(search_services(Search(need="money", place="E08000019", for_whom="carers"))) == []
    assert list(search_services(Search(need="money", place="E06000026"))) == []


def test_the_api_sets_capacity_and_names_a_wrong_field(client, provider, service):
    client.force_login(provider)
    url = f"/api/v1/catalogue/services/{service.pk}/capacity"
    answer = client.put(url, {"places": 5}, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["capacity_status"] == "capacity"
    assert answer.json()["places_free"] == 5
    wrong = client.put(url, {"places": -1}, content_type="application/json")
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["field"] == "places"


def test_finding_services_by_need_place_age_and_availability(
    client, doer_lead, provider_organisation
):
    youth = service_for(provider_organisation, name="Youth housing", minimum_age=16, maximum_age=25)
    full = service_for(provider_organisation, name="Full hostel", capacity_status="no-capacity")
    service_for(provider_organisation, name="Debt advice", categories=("money",))
    service_for(provider_organisation, name="Plymouth housing", area="E06000026")
    client.force_login(doer_lead)
    page = client.get(
        reverse("catalogue:browse"),
        {"need": "housing", "place": "E08000035", "age": "40"},
    ).content.decode()
    assert "Full hostel" in page
    assert "Youth housing" not in page and "Plymouth housing" not in page and "Debt" not in page
    now = client.get(
        "/api/v1/catalogue/services",
        {"need": "housing", "place": "E08000035", "availability": "now"},
    ).json()
    assert [s["name"] for s in now["items"]] == ["Youth housing"]
    assert youth.pk and full.pk


def test_the_short_list_sees_a_capacity_update_at_once(provider, provider_organisation):
    from insideout.catalogue.matching import NeedFacts
    from insideout.catalogue.services import update_capacity
    from insideout.catalogue.suggestions import suggest

    service = service_for(provider_organisation, capacity_status="no-capacity")
    need = NeedFacts("housing", "Eviction notice", "E08000035")
    assert "No capacity now" in " ".join(suggest(need)[0].reasons)
    update_capacity(service, provider, places=4)
    assert "Can take people on now (4 places this week)" in suggest(need)[0].reasons


def test_a_need_or_group_given_twice_is_recorded_once(provider, service):
    from insideout.catalogue.models import Attribute
    from insideout.catalogue.services import classify

    classify(service, ["housing", "housing"], ["disabled", "refugees", "refugees"])

    links = Attribute.objects.filter(owner_type="service", owner_id=service.pk)
    assert links.count() == 3
