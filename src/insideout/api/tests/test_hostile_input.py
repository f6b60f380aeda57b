"""No input gives a server error: numbers past 64 bits, NUL characters and overlong text get a
4xx in the problem format, naming the field, on SQLite and PostgreSQL alike."""

import json

import pytest
from django.db import DataError
from django.test import RequestFactory

from insideout.accounts.models import ApiToken
from insideout.api.urls import api
from insideout.asks.forms import AskDetailsForm
from insideout.pulses import services as pulse_services
from insideout.pulses.models import Invitation
from insideout.web import limits
from tests.conftest import make_pulse

HUGE = "2020197363604225451044366837620932608"


@pytest.fixture
def invitation(admin_user, unit, school, doer_lead) -> Invitation:
    pulse = make_pulse(admin_user, unit, "Spring pulse")
    pulse.audience_organisations.set([school])
    pulse_services.launch(pulse)
    return Invitation.objects.get(pulse=pulse, person=doer_lead)


def bearer(user) -> dict[str, str]:
    _, raw = ApiToken.issue(user, "test")
    return {"Authorization": f"Bearer {raw}"}


def fields_named(response) -> set[str]:
    assert response["Content-Type"] == "application/problem+json", response.content
    return {error["field"] for error in response.json()["errors"]}


@pytest.mark.parametrize(
    ("path", "field"),
    [
        (f"/api/v1/asks?offset={HUGE}", "offset"),
        ("/api/v1/people?offset=36893488147419103233", "offset"),
        ("/api/v1/units?limit=36893488147419103233", "limit"),
        ("/api/v1/units?parent=15141282738765162420066619268089774080", "parent"),
        ("/api/v1/asks?unit_id=1e20", "unit_id"),
        (f"/api/v1/asks?organisation_id={HUGE}", "organisation_id"),
        (f"/api/v1/asks/{HUGE}", "ask_id"),
        (f"/api/v1/units/{HUGE}", "unit_id"),
        (f"/api/v1/scorecards/units/{HUGE}", "unit_id"),
    ],
)
def test_numbers_past_64_bits_are_refused_naming_the_field(client, admin_user, path, field):
    response = client.get(path, headers=bearer(admin_user))
    assert response.status_code == 422
    assert field in fields_named(response)


def test_a_pulse_for_units_past_64_bits_is_refused(client, admin_user, unit):
    body = {
        "title": "Summer pulse",
        "opens_on": "2026-06-01",
        "closes_on": "2026-06-14",
        "unit_ids": [2**70],
        "question_codes": ["recommend"],
    }
    response = client.post(
        "/api/v1/pulses", body, content_type="application/json", headers=bearer(admin_user)
    )
    assert response.status_code == 422
    assert "unit_ids.0" in fields_named(response)


def test_a_page_past_the_largest_is_refused(client, admin_user):
    response = client.get(f"/api/v1/asks?limit={limits.MAX_PAGE + 1}", headers=bearer(admin_user))
    assert response.status_code == 422
    assert "limit" in fields_named(response)


@pytest.mark.parametrize(
    "body",
    [
        {"title": "Money\x00 for a roof", "category": "money"},
        {"title": "Money for a roof", "category": "money", "detail": "It leaks\x00"},
    ],
)
def test_an_ask_with_a_nul_character_is_refused(client, doer_lead, body):
    response = client.post(
        "/api/v1/asks", body, content_type="application/json", headers=bearer(doer_lead)
    )
    assert response.status_code == 422
    assert fields_named(response) & {"title", "detail"}


@pytest.mark.parametrize(
    "path", ["/api/v1/people?q=a%00b", "/api/v1/units?q=%00", "/api/v1/organisations?q=%00"]
)
def test_a_search_with_a_nul_character_is_refused(client, admin_user, path):
    response = client.get(path, headers=bearer(admin_user))
    assert response.status_code == 400
    assert fields_named(response) == {"q"}


@pytest.mark.parametrize(
    "path",
    ["/directory/organisations/?q=%00", "/directory/people/?q=a%00", "/outbox/?to=%00"],
)
def test_a_page_with_a_nul_character_in_its_address_answers_400_in_the_layout(
    client, admin_user, path
):
    client.force_login(admin_user)
    response = client.get(path)
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-header" in page or "govuk-generic-header" in page
    assert "must not contain the NUL character" in page


def test_a_pulse_answer_with_a_nul_character_is_refused(client, invitation):
    response = client.post(
        f"/api/v1/invitations/{invitation.pk}/response",
        {"texts": {"stop_doing": "Less \x00 paperwork"}},
        content_type="application/json",
        headers=bearer(invitation.person),
    )
    assert response.status_code == 422
    assert "texts.stop_doing" in fields_named(response)


def test_the_api_and_the_form_share_one_limit_for_an_asks_detail(client, doer_lead):
    longest, too_long = "x" * limits.PARAGRAPH, "x" * (limits.PARAGRAPH + 1)

    def by_api(detail: str):
        return client.post(
            "/api/v1/asks",
            {"title": "Money for a roof", "category": "money", "detail": detail},
            content_type="application/json",
            headers=bearer(doer_lead),
        )

    def by_form(detail: str) -> AskDetailsForm:
        form = AskDetailsForm(
            {"title": "Money for a roof", "category": "money", "detail": detail, "urgency": "low"}
        )
        form.is_valid()
        return form

    assert by_api(longest).status_code == 201
    assert "detail" not in by_form(longest).errors
    refused = by_api(too_long)
    assert refused.status_code == 422
    assert fields_named(refused) == {"detail"}
    assert by_form(too_long).errors["detail"] == [
        f"Use {limits.PARAGRAPH} characters or fewer (you used {limits.PARAGRAPH + 1})"
    ]


def test_a_twenty_megabyte_pulse_answer_is_refused(client, invitation):
    response = client.post(
        f"/api/v1/invitations/{invitation.pk}/response",
        json.dumps({"texts": {"stop_doing": "x" * 20_000_000}}),
        content_type="application/json",
        headers=bearer(invitation.person),
    )
    assert response.status_code in (413, 422)
    assert response["Content-Type"] == "application/problem+json"


def walk(schema: dict, document: dict, path: str):
    """Every (path, schema) in a request schema, following $refs, anyOf and items."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    yield path, schema
    for option in schema.get("anyOf", []) + schema.get("allOf", []):
        yield from walk(option, document, path)
    for name, inner in schema.get("properties", {}).items():
        yield from walk(inner, document, f"{path}.{name}")
    if isinstance(schema.get("items"), dict):
        yield from walk(schema["items"], document, f"{path}[]")
    for inner in schema.get("prefixItems", []):
        yield from walk(inner, document, f"{path}[]")
    if isinstance(schema.get("additionalProperties"), dict):
        yield from walk(schema["additionalProperties"], document, f"{path}{{}}")
    if isinstance(schema.get("propertyNames"), dict):
        yield from walk(schema["propertyNames"], document, f"{path}{{key}}")


def unbounded_inputs() -> list[str]:
    document = api.get_openapi_schema()
    found = []
    for route, methods in document["paths"].items():
        for method, operation in methods.items():
            inputs = [
                (f"{p['in']} {p['name']}", p["schema"]) for p in operation.get("parameters", [])
            ]
            body = operation.get("requestBody", {}).get("content", {})
            inputs += [("body", media["schema"]) for media in body.values()]
            for where, schema in inputs:
                for path, part in walk(schema, document, where):
                    kind = part.get("type")
                    if kind == "integer" and "maximum" not in part:
                        found.append(f"{method.upper()} {route} {path}: integer without maximum")
                    if kind == "string" and not (
                        "maxLength" in part or "enum" in part or "format" in part
                    ):
                        found.append(f"{method.upper()} {route} {path}: text without maxLength")
    return found


def test_every_api_input_is_bounded_by_the_kits_limits():
    """New operations take their types from insideout.web.limits (Id, Line, Paragraph, ...)."""
    assert unbounded_inputs() == []


def test_a_value_the_database_cannot_hold_is_a_400_never_a_500(db):
    request = RequestFactory().get("/api/v1/anything")
    for error in (DataError("integer out of range"), OverflowError("too large")):
        response = api.on_exception(request, error)
        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("x" * (limits.MESSAGE + 1), "characters"),
        ("a\x00b", "NUL"),
        (2**64, "below 2^63"),
    ],
)
def test_any_operation_refuses_what_no_field_could_hold_even_where_it_declares_no_limit(
    client, doer_lead, value, message
):
    """Operations get the kit's widest limits for free: here, a field the schema does not
    even name, nested in a list."""
    body = {"title": "Money for a roof", "category": "money", "extra": [{"note": value}]}
    response = client.post(
        "/api/v1/asks", body, content_type="application/json", headers=bearer(doer_lead)
    )
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["field"] == "extra.0.note" and message in error["message"]
