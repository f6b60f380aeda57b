"""The partner's and the provider's journeys through the pages and the API."""

import pytest
from django.urls import reverse

from insideout.cases.models import Case, Need, Pull
from tests.factories import service_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(provider_organisation):
    return service_for(
        provider_organisation,
        name="Tenancy rescue",
        description="Help with rent arrears, eviction notices and talking to landlords.",
    )


def test_from_a_persons_words_to_a_pulled_service_through_the_pages(
    client, frontline_partner, provider, service
):
    client.force_login(frontline_partner)
    response = client.post(
        reverse("cases:new"),
        {
            "reference": "JB-2207",
            "kind": "family",
            "people": "3",
            "local_authority": "E08000035",
            "age_band": "adult",
            "what_matters": "My kids staying at their school",
            "consent": "on",
        },
    )
    case = Case.objects.get()
    assert response["Location"] == case.get_absolute_url()
    response = client.post(
        reverse("cases:add_need", args=[case.pk]),
        {"category": "housing", "text": "Behind on rent, eviction notice"},
    )
    need = Need.objects.get()
    assert response["Location"] == need.get_absolute_url()
    short_list = client.get(need.get_absolute_url()).content.decode()
    assert "Tenancy rescue" in short_list and "Serves Leeds" in short_list
    assert "Its description shares your words:" in short_list
    response = client.post(
        reverse("cases:pull_service", args=[case.pk, need.pk, service.pk]),
        {"note_for_provider": "Two months behind; notice served last week."},
    )
    pull = Pull.objects.get()
    assert response["Location"] == pull.get_absolute_url()

    client.force_login(provider)
    assert "Tenancy rescue" in client.get(reverse("cases:queue")).content.decode()
    client.post(reverse("cases:pull_act", args=[pull.pk, "accept"]))
    client.post(
        reverse("cases:pull_act", args=[pull.pk, "complete"]), {"note": "Payment plan agreed"}
    )
    client.force_login(frontline_partner)
    client.post(
        reverse("cases:pull_act", args=[pull.pk, "record_outcome"]),
        {"verdict": "yes", "note": "We are staying"},
    )
    pull.refresh_from_db()
    assert (pull.status, pull.helped, pull.helped_words) == ("completed", "yes", "We are staying")


def test_a_pull_without_consent_is_refused_on_the_page_with_the_reason(
    client, frontline_partner, service
):
    client.force_login(frontline_partner)
    client.post(
        reverse("cases:new"),
        {"reference": "AB", "kind": "person", "people": "1", "local_authority": "E08000035"},
    )
    case = Case.objects.get()
    client.post(reverse("cases:add_need", args=[case.pk]), {"category": "housing", "text": "x"})
    need = Need.objects.get()
    page = client.post(
        reverse("cases:pull_service", args=[case.pk, need.pk, service.pk]),
        {"note_for_provider": "x"},
    ).content.decode()
    assert "Record their consent" in page and not Pull.objects.exists()


def test_the_same_journey_over_the_api(client, frontline_partner, provider, service):
    client.force_login(frontline_partner)
    case = client.post(
        "/api/v1/cases",
        {"reference": "KM-0412", "local_authority": "E08000035", "consent": True},
        content_type="application/json",
    ).json()
    need = client.post(
        f"/api/v1/cases/{case['id']}/needs",
        {"category": "housing", "text": "Eviction notice"},
        content_type="application/json",
    ).json()
    suggestions = client.get(f"/api/v1/cases/{case['id']}/needs/{need['id']}/suggestions").json()
    assert suggestions[0]["service_id"] == str(service.pk)
    pull = client.post(
        "/api/v1/pulls",
        {"need_id": need["id"], "service_id": str(service.pk), "note_for_provider": "Notice"},
        content_type="application/json",
    ).json()
    assert pull["status"] == "requested" and pull["available_actions"] == ["cancel"]
    client.force_login(provider)
    move = client.post(
        f"/api/v1/pulls/{pull['id']}/transitions",
        {"action": "complete", "note": "Done"},
        content_type="application/json",
    )
    assert move.status_code == 409
    accepted = client.post(
        f"/api/v1/pulls/{pull['id']}/transitions",
        {"action": "accept"},
        content_type="application/json",
    ).json()
    assert accepted["status"] == "accepted"
    assert "note_for_provider" in accepted and "what_matters" not in accepted
    missing = client.post(
        f"/api/v1/pulls/{pull['id']}/transitions",
        {"action": "complete"},
        content_type="application/json",
    )
    assert missing.status_code == 400 and missing.json()["errors"][0]["field"] == "note"


def test_a_pull_refused_for_want_of_consent_names_the_field_in_the_api(
    client, frontline_partner, service
):
    client.force_login(frontline_partner)
    case = client.post(
        "/api/v1/cases",
        {"reference": "KM", "local_authority": "E08000035"},
        content_type="application/json",
    ).json()
    need = client.post(
        f"/api/v1/cases/{case['id']}/needs",
        {"category": "housing", "text": "Arrears"},
        content_type="application/json",
    ).json()
    answer = client.post(
        "/api/v1/pulls",
        {"need_id": need["id"], "service_id": str(service.pk), "note_for_provider": "x"},
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == "consent"
