"""Demand over the API: contacts in, labels, rules, and each view's data as JSON."""

import json

import pytest

from insideout.accounts.models import ApiToken
from insideout.demand.models import Contact


@pytest.fixture
def api(client, analyst):
    _, raw = ApiToken.issue(analyst, "tests")

    def call(method, path, body=None):
        return client.generic(
            method,
            f"/api/v1{path}",
            json.dumps(body) if body else "",
            content_type="application/json",
            headers={"Authorization": f"Bearer {raw}"},
        )

    return call


def test_a_contact_posted_is_scrubbed_and_classified(api, services):
    from insideout.demand.models import ClassificationRule

    ClassificationRule.objects.create(
        keywords="chasing", demand_type="failure", failure_cause="progress_chasing"
    )
    answer = api(
        "POST",
        "/demand/contacts",
        {"service": "BINS", "channel": "phone", "text": "Chasing my bin, 07911 123456"},
    )
    assert answer.status_code == 201
    body = answer.json()
    assert "07911" not in body["text"]
    assert (body["demand_type"], body["classified_by"], body["drivers"]) == (
        "failure",
        "rule",
        ["Chasing"],
    )


def test_an_unknown_service_is_a_clear_400_naming_the_field(api, services):
    answer = api("POST", "/demand/contacts", {"service": "NOPE", "channel": "phone"})
    assert answer.status_code == 400
    assert answer["Content-Type"] == "application/problem+json"
    assert answer.json()["errors"][0]["field"] == "service"


def test_bulk_contacts_are_taken_once_per_identifier(api, services):
    batch = {
        "contacts": [
            {"service": "BINS", "channel": "web", "external_id": f"W{i}"} for i in range(3)
        ]
    }
    assert api("POST", "/demand/contacts/bulk", batch).json()["created"] == 3
    again = api("POST", "/demand/contacts/bulk", batch).json()
    assert (again["created"], again["already_here"]) == (0, 3)
    assert Contact.objects.count() == 3


def test_a_label_over_the_api_is_an_analysts_label(api, make_contacts):
    [contact] = make_contacts(1, text="x")
    answer = api(
        "PUT",
        f"/demand/contacts/{contact.pk}/label",
        {"demand_type": "failure", "failure_cause": "complaint"},
    )
    assert answer.json()["classified_by"] == "analyst"
    bad = api("PUT", f"/demand/contacts/{contact.pk}/label", {"demand_type": "failure"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "failure_cause"


def test_the_views_data_is_the_pages_data(api, make_contacts):
    make_contacts(14, demand_type="failure", failure_cause="complaint", step_days=7)
    volume = api("GET", "/demand/analysis/weekly-volume").json()
    assert [p["value"] for p in volume["failure"]["points"]] == [1.0] * 14
    assert volume["failure"]["groups"][0]["short_group_warning"] is False
    causes = api("GET", "/demand/analysis/failure-causes").json()
    assert causes == [{"cause": "complaint", "contacts": 14}]
    share = api("GET", "/demand/analysis/failure-share?by=channel").json()
    assert share[0]["key"] == "phone" and share[0]["share"] == 100.0
    assert api("GET", "/demand/analysis/failure-share?by=colour").status_code == 400


@pytest.mark.parametrize("code", ["", " ", "bins"])
def test_a_blank_or_strange_service_code_is_a_400_too(api, services, code):
    answer = api("POST", "/demand/contacts", {"service": code, "channel": "phone"})
    assert answer.status_code in (400, 422)
    assert answer["Content-Type"] == "application/problem+json"
