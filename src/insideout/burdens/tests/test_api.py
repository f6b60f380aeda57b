"""The ledger over the API: the same rules as the pages, refusals naming the field."""

import datetime
import json

import pytest
from django.utils import timezone

from insideout.accounts.models import ApiToken
from insideout.burdens.models import Requirement, State
from insideout.vocabulary import Role
from tests.factories import OrganisationFactory, person_with_role


def call(client, person, method, path, body=None):
    _, raw = ApiToken.issue(person, "test")
    response = client.generic(
        method,
        f"/api/v1{path}",
        json.dumps(body) if body is not None else "",
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    return response.status_code, response.json() if response.content else None


@pytest.fixture
def reviewer(other_unit):
    return person_with_role(Role.CENTRE_LEAD, centre_unit=other_unit)


def test_a_proposal_goes_through_scrutiny_over_the_api(
    client, centre_officer, reviewer, unit, make_requirement, admin_user
):
    for _ in range(4):
        OrganisationFactory(type="gp_practice")
    old = make_requirement(title="Monthly practice template", audience_types=["gp_practice"])
    today = timezone.localdate()
    status, _ = call(
        client, admin_user, "POST", "/burden-budget", {"ratio": "1", "applies_from": str(today)}
    )
    assert status == 201
    status, made = call(
        client,
        centre_officer,
        "POST",
        "/requirements",
        {
            "title": "Monthly referrals return",
            "kind": "return",
            "owner_unit_id": unit.pk,
            "frequency": "monthly",
            "first_due_on": str(today + datetime.timedelta(days=30)),
            "estimated_hours": "1.5",
            "starts_on": str(today),
            "audience_types": ["gp_practice"],
        },
    )
    assert status == 201 and made["state"] == "proposed"
    path = f"/requirements/{made['id']}"
    status, short = call(client, centre_officer, "POST", f"{path}/assessment", {"offsets": []})
    assert status == 400
    assert short["errors"][0]["field"] == "offsets"
    status, assessed = call(
        client,
        centre_officer,
        "POST",
        f"{path}/assessment",
        {"offsets": [{"requirement_id": old.pk, "action": "retire"}]},
    )
    assert status == 201
    assert (assessed["hours_per_year"], assessed["net_change"]) == ("72.0", -24.0)
    status, _ = call(
        client, centre_officer, "POST", f"{path}/decision", {"decision": "approve", "reason": "ok"}
    )
    assert status == 403
    status, decided = call(
        client, reviewer, "POST", f"{path}/decision", {"decision": "approve", "reason": "Paid for"}
    )
    assert status == 200 and decided["state"] == "active"
    old.refresh_from_db()
    assert old.state == State.RETIRED
    status, events = call(client, centre_officer, "GET", f"{path}/events")
    assert [e["kind"] for e in events] == ["proposed", "assessed", "approved"]


def test_a_doer_reports_over_the_api_and_a_wrong_date_names_the_field(
    client, doer_lead, make_requirement
):
    census = make_requirement(first_due_on=timezone.localdate() - datetime.timedelta(days=5))
    due = str(timezone.localdate() - datetime.timedelta(days=5))
    path = f"/requirements/{census.pk}/reports"
    status, report = call(
        client, doer_lead, "POST", path, {"due_on": due, "hours": "4", "usefulness": 3}
    )
    assert status == 201 and float(report["estimated_hours"]) == 2
    status, refused = call(
        client, doer_lead, "POST", path, {"due_on": due, "hours": "4", "usefulness": 3}
    )
    assert status == 400 and refused["errors"][0]["field"] == "due_on"
    status, calendar = call(client, doer_lead, "GET", "/burden-calendar")
    assert any(d["requirement_id"] == census.pk and d["reported"] for d in calendar)


def test_the_ledger_api_shows_no_doers_figures_where_too_few_reported(
    client, doer_lead, make_requirement, school
):
    make_requirement()
    status, ledger = call(client, doer_lead, "GET", "/burden-ledger?by=doer_type")
    assert status == 200
    assert ledger["rows"][0]["label"] == "School"
    assert ledger["rows"][0]["reported"] is None and ledger["rows"][0]["reports"] is None


def test_a_doer_does_not_see_a_proposal_over_the_api(client, doer_lead, make_requirement):
    proposal = make_requirement(state=State.PROPOSED)
    status, _ = call(client, doer_lead, "GET", f"/requirements/{proposal.pk}")
    assert status == 404
    status, found = call(client, doer_lead, "GET", "/requirements")
    assert proposal.pk not in [r["id"] for r in found["items"]]
    assert Requirement.objects.count() == 1
