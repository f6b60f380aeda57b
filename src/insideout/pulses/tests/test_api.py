import datetime
import json

import pytest
from django.utils import timezone

from insideout.accounts.models import ApiToken
from insideout.pulses.models import Invitation, Pulse, Response


@pytest.fixture
def call(client):
    def send(user, method, path, body=None):
        _, raw = ApiToken.issue(user, "test")
        return client.generic(
            method,
            path,
            json.dumps(body) if body is not None else "",
            content_type="application/json",
            headers={"Authorization": f"Bearer {raw}"},
        )

    return send


def pulse_body(units, **overrides):
    today = timezone.localdate()
    return {
        "title": "Autumn pulse",
        "cadence": "quarterly",
        "opens_on": str(today),
        "closes_on": str(today + datetime.timedelta(days=14)),
        "anonymity": "attributed",
        "unit_ids": [u.pk for u in units],
        "question_codes": ["recommend", "information", "one_thing"],
        **overrides,
    }


def test_a_lead_runs_a_pulse_through_the_api(call, centre_lead, units, doers):
    created = call(centre_lead, "POST", "/api/v1/pulses", pulse_body(units))
    assert created.status_code == 201
    pulse = created.json()
    assert pulse["status"] == "draft" and pulse["question_codes"][0] == "recommend"
    launched = call(centre_lead, "POST", f"/api/v1/pulses/{pulse['id']}/launch")
    assert launched.json()["status"] == "open"
    again = call(centre_lead, "POST", f"/api/v1/pulses/{pulse['id']}/launch")
    assert again.status_code == 409
    assert again["Content-Type"] == "application/problem+json"
    rates = call(centre_lead, "GET", f"/api/v1/pulses/{pulse['id']}/response-rates?by=type")
    assert {r["segment"]: r["invited"] for r in rates.json()} == {"school": 9, "gp_practice": 3}
    closed = call(
        centre_lead,
        "POST",
        f"/api/v1/pulses/{pulse['id']}/close",
        {"playback": "Thank you: we are cutting two returns."},
    )
    assert closed.json()["status"] == "closed"


def test_a_pulse_that_breaks_a_rule_is_refused_naming_the_field(call, centre_lead, units):
    today = timezone.localdate()
    response = call(
        centre_lead,
        "POST",
        "/api/v1/pulses",
        pulse_body(units, closes_on=str(today - datetime.timedelta(days=1)), min_group_size=2),
    )
    assert response.status_code == 400
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"closes_on", "min_group_size"}
    assert not Pulse.objects.exists()


def test_unknown_questions_are_refused(call, centre_lead, units):
    response = call(
        centre_lead,
        "POST",
        "/api/v1/pulses",
        pulse_body(units, question_codes=["recommend", "made-up"]),
    )
    assert response.status_code == 400
    assert "made-up" in response.json()["detail"]


def test_a_doer_answers_once_through_the_api(call, make_pulse, doers, units):
    from insideout.pulses import services

    pulse = make_pulse(anonymity=Pulse.Anonymity.ATTRIBUTED)
    services.launch(pulse)
    doer = doers[0]
    mine = call(doer, "GET", "/api/v1/invitations").json()
    assert [i["pulse"]["title"] for i in mine] == ["Autumn pulse"]
    invitation_id = mine[0]["id"]
    body = {
        "unit_scores": {"recommend": [{"unit_id": units[0].pk, "score": 9}]},
        "agreements": {"easier": 4},
        "needs": {"one_thing": ["training", "Training on the new safeguarding rules"]},
    }
    first = call(doer, "POST", f"/api/v1/invitations/{invitation_id}/response", body)
    second = call(doer, "POST", f"/api/v1/invitations/{invitation_id}/response", body)
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["recorded"] is False
    assert Response.objects.count() == 1
    answers = call(doer, "GET", f"/api/v1/invitations/{invitation_id}/response").json()
    assert {a["question"] for a in answers["answers"]} == {"recommend", "easier", "one_thing"}


def test_a_score_out_of_range_is_refused(call, make_pulse, doers, units):
    from insideout.pulses import services

    pulse = make_pulse()
    services.launch(pulse)
    invitation = Invitation.objects.get(pulse=pulse, person=doers[0])
    response = call(
        doers[0],
        "POST",
        f"/api/v1/invitations/{invitation.pk}/response",
        {"unit_scores": {"recommend": [{"unit_id": units[0].pk, "score": 11}]}},
    )
    assert response.status_code == 422
    assert not Response.objects.exists()


def test_nobody_answers_someone_elses_invitation(call, make_pulse, doers):
    from insideout.pulses import services

    pulse = make_pulse()
    services.launch(pulse)
    invitation = Invitation.objects.get(pulse=pulse, person=doers[0])
    response = call(doers[1], "POST", f"/api/v1/invitations/{invitation.pk}/response", {})
    assert response.status_code == 404


def test_scorecards_over_the_api_hide_small_groups(
    call, centre_officer, make_pulse, doers, units, question
):
    from insideout.pulses import services

    pulse = make_pulse()
    services.launch(pulse)
    for doer in doers[:3]:
        invitation = Invitation.objects.get(pulse=pulse, person=doer)
        services.submit(
            invitation,
            services.Submission(
                units_dealt_with=[units[0].pk],
                unit_scores={(question["recommend"].pk, units[0].pk): 10},
                agreements={},
                needs={},
                texts={},
            ),
        )
    services.close(pulse, "Thank you.")
    league = call(centre_officer, "GET", "/api/v1/scorecards/units").json()
    funding = next(row for row in league if row["unit"] == units[0].name)
    assert funding["nps"] is None and funding["respondents"] is None
    trend = call(centre_officer, "GET", f"/api/v1/scorecards/units/{units[0].pk}").json()
    assert trend[0]["nps"] is None
