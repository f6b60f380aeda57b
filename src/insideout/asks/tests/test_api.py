import datetime

import pytest
from django.utils import timezone

from insideout.api.urls import api as inside_out_api
from insideout.asks import services
from insideout.asks.lifecycle import perform
from insideout.asks.models import Ask, AskEvent, Status, TriageRule
from insideout.directory.models import Membership
from insideout.vocabulary import Role
from tests.factories import OrganisationFactory, person_with_role
from tests.races import at_once, bearer


@pytest.fixture
def api(client):
    """Call the API as a person: api(user, "post", "/asks", {...}) -> response."""

    def call(user, method, path, body=None, **params):
        url = f"/api/v1{path}"
        if method == "get":
            return client.get(url, params, headers=bearer(user))
        return client.post(url, body or {}, content_type="application/json", headers=bearer(user))

    return call


@pytest.fixture
def ask(doer_lead, school, unit):
    return services.raise_ask(
        by=doer_lead,
        organisation=school,
        title="Funding for a new roof",
        category="money",
        suggested_unit=unit,
    )


def next_month() -> str:
    return str(timezone.localdate() + datetime.timedelta(days=30))


def fields(problem) -> dict[str, str]:
    return {e["field"]: e["message"] for e in problem["errors"]}


def test_a_doer_raises_an_ask_for_their_organisation_and_triage_routes_it(
    api, doer_member, school, other_unit
):
    TriageRule.objects.create(unit=other_unit, keywords="phonics")
    response = api(
        doer_member,
        "post",
        "/asks",
        {
            "title": "Training on the new phonics scheme",
            "category": "training",
            "detail": "Two of our teachers are new to it.",
            "urgency": "high",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["organisation_id"], body["unit_id"], body["status"]) == (
        school.pk,
        other_unit.pk,
        "raised",
    )
    assert body["reference"] == f"ASK-{body['id']:06d}" and body["supporter_count"] == 1
    assert body["available_actions"] == ["withdraw"]
    assert Ask.objects.get(pk=body["id"]).events.get().kind == AskEvent.Kind.RAISED


def test_centre_staff_log_an_ask_for_a_doer_by_the_organisations_identifier(
    api, centre_officer, school, doer_lead
):
    response = api(
        centre_officer,
        "post",
        "/asks",
        {
            "title": "Phone call: the boiler has failed",
            "category": "infrastructure",
            "organisation": school.external_id,
        },
    )
    assert response.status_code == 201
    ask = Ask.objects.get(pk=response.json()["id"])
    assert ask.on_behalf and ask.supporters.get().person == doer_lead


@pytest.mark.parametrize(
    "organisation, message",
    [(None, "Give the identifier"), ("URN-NOPE", "No organisation has the identifier")],
)
def test_an_ask_without_a_known_organisation_is_refused_naming_the_field(
    api, centre_officer, organisation, message
):
    response = api(
        centre_officer,
        "post",
        "/asks",
        {
            "title": "Guidance on exclusions",
            "category": "knowledge",
            **({"organisation": organisation} if organisation else {}),
        },
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert fields(response.json())["organisation"].startswith(message)


def test_a_doer_cannot_raise_an_ask_for_another_organisation(api, doer_lead, other_school):
    response = api(
        doer_lead,
        "post",
        "/asks",
        {
            "title": "Money for a minibus",
            "category": "money",
            "organisation": other_school.external_id,
        },
    )
    assert response.status_code == 403
    assert not Ask.objects.exists()


def test_the_list_shows_only_what_the_caller_may_see_and_filters_it(
    api, ask, doer_member, other_school, unit, other_unit, centre_officer
):
    stranger = person_with_role(Role.DOER_LEAD, organisation=other_school)
    theirs = services.raise_ask(
        by=stranger,
        organisation=other_school,
        title="Guidance on SEND",
        category="knowledge",
        suggested_unit=other_unit,
    )
    perform(ask, "acknowledge", centre_officer)

    assert [a["id"] for a in api(doer_member, "get", "/asks").json()["items"]] == [ask.pk]
    assert [a["id"] for a in api(stranger, "get", "/asks").json()["items"]] == [theirs.pk]
    assert api(centre_officer, "get", "/asks", unit_id=other_unit.pk).json()["count"] == 0

    analyst = person_with_role(Role.ANALYST)
    listed = api(analyst, "get", "/asks").json()
    assert listed["count"] == 2 and listed["items"][0]["id"] == theirs.pk  # newest first
    for params, expected in [
        ({"status": "acknowledged"}, [ask.pk]),
        ({"category": "knowledge"}, [theirs.pk]),
        ({"unit_id": unit.pk}, [ask.pk]),
        ({"organisation_id": other_school.pk}, [theirs.pk]),
    ]:
        items = api(analyst, "get", "/asks", **params).json()["items"]
        assert [a["id"] for a in items] == expected, params
    assert api(analyst, "get", "/asks", status="lost").status_code == 422


def test_a_joined_ask_from_another_organisation_is_listed_once_with_its_supporters(
    api, ask, other_school
):
    stranger = person_with_role(Role.DOER_LEAD, organisation=other_school)
    services.join(ask, stranger)
    items = api(stranger, "get", "/asks").json()["items"]
    assert [(a["id"], a["supporter_count"]) for a in items] == [(ask.pk, 2)]


def test_an_ask_shows_each_person_what_they_may_do_next(
    api, ask, centre_officer, doer_lead, other_school
):
    officer_view = api(centre_officer, "get", f"/asks/{ask.pk}").json()
    assert officer_view["available_actions"] == [
        "route",
        "acknowledge",
        "commit",
        "decline",
        "merge",
    ]
    assert officer_view["acknowledge_by"] is not None
    assert api(doer_lead, "get", f"/asks/{ask.pk}").json()["available_actions"] == ["withdraw"]
    stranger = person_with_role(Role.DOER_LEAD, organisation=other_school)
    assert api(stranger, "get", f"/asks/{ask.pk}").status_code == 404


def test_the_life_cycle_runs_end_to_end_over_the_api_with_its_trail(
    api, ask, centre_officer, doer_lead
):
    steps = [
        (centre_officer, {"action": "acknowledge"}),
        (
            centre_officer,
            {"action": "commit", "commitment": "Emergency capital grant", "due_on": next_month()},
        ),
        (centre_officer, {"action": "deliver", "note": "Grant of £40,000 paid"}),
        (doer_lead, {"action": "confirm", "verdict": "yes", "note": "Fixed before winter"}),
    ]
    for person, step in steps:
        response = api(person, "post", f"/asks/{ask.pk}/transitions", step)
        assert response.status_code == 200, response.json()
    assert response.json()["status"] == "confirmed" and response.json()["helped"] == "yes"

    trail = api(doer_lead, "get", f"/asks/{ask.pk}/events").json()
    assert [e["kind"] for e in trail] == [
        "raised",
        "acknowledged",
        "committed",
        "delivered",
        "confirmed",
    ]
    assert trail[2]["actor_name"] == centre_officer.full_name
    assert (trail[3]["from_status"], trail[3]["to_status"]) == ("committed", "delivered")


def test_a_change_the_life_cycle_does_not_allow_now_is_a_409_conflict(api, ask, centre_officer):
    response = api(
        centre_officer, "post", f"/asks/{ask.pk}/transitions", {"action": "deliver", "note": "Done"}
    )
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    assert "cannot be changed that way" in response.json()["detail"]
    assert Ask.objects.get(pk=ask.pk).status == Status.RAISED and ask.events.count() == 1


@pytest.mark.parametrize(
    "step, field",
    [
        ({"action": "commit", "commitment": "A grant"}, "due_on"),
        ({"action": "commit", "due_on": "2020-01-01", "commitment": "A grant"}, "due_on"),
        ({"action": "decline"}, "note"),
        ({"action": "route"}, "unit_id"),
        ({"action": "merge"}, "into_id"),
    ],
)
def test_a_change_missing_what_it_needs_is_a_400_naming_the_field(
    api, ask, centre_officer, step, field
):
    response = api(centre_officer, "post", f"/asks/{ask.pk}/transitions", step)
    assert response.status_code == 400
    assert field in fields(response.json())
    assert ask.events.count() == 1


def test_an_unknown_change_is_refused_before_it_reaches_the_ask(api, ask, centre_officer):
    response = api(centre_officer, "post", f"/asks/{ask.pk}/transitions", {"action": "approve"})
    assert response.status_code == 422
    assert fields(response.json()).keys() == {"action"}


def test_a_doer_cannot_make_the_units_changes(api, ask, doer_lead, other_unit):
    response = api(doer_lead, "post", f"/asks/{ask.pk}/transitions", {"action": "acknowledge"})
    assert response.status_code == 403
    outsider = person_with_role(Role.CENTRE_OFFICER, centre_unit=other_unit)
    response = api(outsider, "post", f"/asks/{ask.pk}/transitions", {"action": "acknowledge"})
    assert response.status_code == 404  # another unit's ask is not theirs to see


def test_passing_an_ask_on_answers_with_it_though_the_unit_no_longer_sees_it(
    api, ask, centre_officer, other_unit
):
    response = api(
        centre_officer,
        "post",
        f"/asks/{ask.pk}/transitions",
        {"action": "route", "unit_id": other_unit.pk, "note": "Estates own roofs"},
    )
    assert response.status_code == 200
    assert response.json()["unit_id"] == other_unit.pk
    assert api(centre_officer, "get", f"/asks/{ask.pk}").status_code == 404


def test_merging_over_the_api_moves_the_supporters(api, ask, centre_officer, other_school, unit):
    stranger = person_with_role(Role.DOER_LEAD, organisation=other_school)
    duplicate = services.raise_ask(
        by=stranger,
        organisation=other_school,
        title="Roof repairs money",
        category="money",
        suggested_unit=unit,
    )
    response = api(
        centre_officer,
        "post",
        f"/asks/{duplicate.pk}/transitions",
        {"action": "merge", "into_id": ask.pk},
    )
    assert response.status_code == 200 and response.json()["merged_into_id"] == ask.pk
    assert api(centre_officer, "get", f"/asks/{ask.pk}").json()["supporter_count"] == 2


def test_me_too_joins_once_and_says_so(api, ask, other_school, centre_officer):
    stranger = person_with_role(Role.DOER_MEMBER, organisation=other_school)
    first = api(stranger, "post", f"/asks/{ask.pk}/supporters")
    assert first.status_code == 201 and first.json()["supporter_count"] == 2
    again = api(stranger, "post", f"/asks/{ask.pk}/supporters")
    assert again.status_code == 200 and again.json()["joined"] is False
    assert api(centre_officer, "post", f"/asks/{ask.pk}/supporters").status_code == 403
    assert ask.events.filter(kind=AskEvent.Kind.JOINED).count() == 1


def test_a_closed_ask_cannot_be_joined(api, ask, centre_officer, other_school):
    perform(ask, "decline", centre_officer, note="Roofs are the council's")
    stranger = person_with_role(Role.DOER_MEMBER, organisation=other_school)
    response = api(stranger, "post", f"/asks/{ask.pk}/supporters")
    assert response.status_code == 409 and "raise a new ask" in response.json()["detail"]


def test_doers_find_open_asks_to_join_without_learning_who_raised_them(
    api, ask, other_school, doer_lead
):
    stranger = person_with_role(Role.DOER_LEAD, organisation=other_school)
    found = api(stranger, "get", "/asks/similar", title="Money for our roof").json()
    assert [a["id"] for a in found] == [ask.pk]
    assert "organisation_id" not in found[0] and found[0]["supporter_count"] == 1
    assert api(doer_lead, "get", "/asks/similar", title="Money for our roof").json() == []


def test_centre_leads_add_triage_rules_that_route_new_asks(api, centre_lead, other_unit, doer_lead):
    response = api(
        centre_lead,
        "post",
        "/triage-rules",
        {"unit_id": other_unit.pk, "category": "infrastructure", "organisation_type": "school"},
    )
    assert response.status_code == 201
    assert [r["id"] for r in api(centre_lead, "get", "/triage-rules").json()] == [
        response.json()["id"]
    ]
    created = api(
        doer_lead,
        "post",
        "/asks",
        {"title": "Broadband in the new block", "category": "infrastructure"},
    ).json()
    assert created["unit_id"] == other_unit.pk


def test_a_triage_rule_needs_a_condition_and_a_real_unit(api, admin_user, unit):
    response = api(admin_user, "post", "/triage-rules", {"unit_id": unit.pk})
    assert response.status_code == 400 and "at least one condition" in response.json()["detail"]
    response = api(admin_user, "post", "/triage-rules", {"unit_id": 999999, "keywords": "x"})
    assert response.status_code == 400 and "unit_id" in fields(response.json())
    assert not TriageRule.objects.exists()


def test_the_openapi_document_describes_the_asks_api():
    paths = inside_out_api.get_openapi_schema()["paths"]
    conflict = paths["/api/v1/asks/{ask_id}/transitions"]["post"]["responses"][409]
    assert conflict["content"]["application/json"]["schema"]["$ref"].endswith("/Problem")
    assert {"/api/v1/asks", "/api/v1/asks/{ask_id}/supporters", "/api/v1/triage-rules"} <= set(
        paths
    )


def race(ask: Ask, contenders: list[tuple[dict, dict]]) -> list[tuple[str, int]]:
    """Post each (headers, step) to the ask from its own thread, all at once."""
    path = f"/asks/{ask.pk}/transitions"
    statuses = at_once([(path, step, headers) for headers, step in contenders])
    return [
        (step["action"], status) for (_, step), status in zip(contenders, statuses, strict=True)
    ]


@pytest.mark.django_db(transaction=True)
def test_people_deciding_an_ask_at_once_never_corrupt_it(
    centre_officer, centre_lead, doer_lead, school, unit
):
    """Commits and declines race: one wins, the rest are refused, and the trail holds one
    decision. PostgreSQL locks the row; SQLite serialises the writing transactions."""
    commit = {"action": "commit", "commitment": "Emergency capital grant", "due_on": next_month()}
    decline = {"action": "decline", "note": "Roofs are funded by the council"}
    officer, lead = bearer(centre_officer), bearer(centre_lead)
    for _ in range(3):
        ask = services.raise_ask(
            by=doer_lead,
            organisation=school,
            title="Funding for a new roof",
            category="money",
            suggested_unit=unit,
        )
        answers = race(
            ask, [(officer, commit), (lead, decline), (lead, commit), (officer, decline)]
        )
        assert sorted(status for _, status in answers) == [200, 409, 409, 409], answers
        winner = next(action for action, status in answers if status == 200)
        ask.refresh_from_db()
        assert ask.status == {"commit": Status.COMMITTED, "decline": Status.DECLINED}[winner]
        assert bool(ask.commitment) == (winner == "commit") != bool(ask.decline_reason)
        decisions = ask.events.exclude(kind=AskEvent.Kind.RAISED)
        assert [(e.kind, e.from_status) for e in decisions] == [
            ({"commit": "committed", "decline": "declined"}[winner], Status.RAISED)
        ]


def test_organisation_is_optional_only_for_a_doer_in_one_organisation(api, doer_lead, school):
    second = OrganisationFactory(name="Moorside Nursery")
    Membership.objects.create(person=doer_lead, role=Role.DOER_LEAD, organisation=second)
    response = api(
        doer_lead, "post", "/asks", {"title": "Money for a minibus", "category": "money"}
    )
    assert response.status_code == 400
    assert "more than one organisation" in fields(response.json())["organisation"]
    response = api(
        doer_lead,
        "post",
        "/asks",
        {"title": "Money for a minibus", "category": "money", "organisation": second.external_id},
    )
    assert response.status_code == 201 and response.json()["organisation_id"] == second.pk
