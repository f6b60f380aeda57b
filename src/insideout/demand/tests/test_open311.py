"""The Open311 GeoReport v2 front door, as the spec (../shared/reference/open311/) defines it."""

import json
import xml.etree.ElementTree as ET

import pytest

from insideout.demand.models import Contact, Open311Key, Service
from insideout.outbox.models import OutboxMessage

from .conftest import REFERENCE

SCHEMAS = REFERENCE / "open311/schema"


@pytest.fixture
def key(db):
    return Open311Key.issue("Test client", raw="demo")[1]


def post(client, key, fmt="json", **fields):
    data = {"api_key": key, "service_code": "BINS", "address_string": "1 High Street", **fields}
    return client.post(f"/open311/v2/requests.{fmt}", data)


def check_against_schema(instance, name):
    """The fields, types and required ones of the spec's JSON Schema (draft 4, by hand)."""
    schema = json.loads((SCHEMAS / f"{name}.json").read_text())
    for field in schema["required"]:
        assert field in instance, field
    for field, value in instance.items():
        spec = schema["properties"].get(field)
        assert spec is not None, f"{field} is not a GeoReport v2 field"
        kinds = [spec] if "type" in spec else spec["anyOf"]
        python = {"string": str, "number": (int, float), "boolean": bool, "null": type(None)}
        assert any(isinstance(value, python[k["type"]]) for k in kinds), (field, value)
        for k in kinds:
            if "enum" in k:
                assert value in k["enum"], (field, value)


def test_services_list_every_service_at_the_front_door_in_json_and_xml(client, services):
    answer = client.get("/open311/v2/services.json")
    assert answer["Content-Type"] == "application/json; charset=utf-8"
    listed = answer.json()
    assert {s["service_code"] for s in listed} == {"BINS", "POT"}  # benefits are not offered
    for service in listed:
        check_against_schema(service, "service")
    xml = client.get("/open311/v2/services.xml")
    assert xml["Content-Type"] == "text/xml; charset=utf-8"
    assert xml.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    root = ET.fromstring(xml.content)  # noqa: S314 (our own response)
    assert root.tag == "services"
    assert {s.findtext("service_code") for s in root.findall("service")} == {"BINS", "POT"}
    assert root.find("service/metadata").text == "false"


def test_a_service_definition_names_its_code(client, services):
    assert client.get("/open311/v2/services/BINS.json").json() == {
        "service_code": "BINS",
        "attributes": [],
    }
    missing = client.get("/open311/v2/services/NOPE.json")
    assert missing.status_code == 404
    assert missing.json()[0]["code"] == 404


def test_posting_a_request_makes_a_contact_and_returns_its_id(client, services, key):
    answer = post(
        client,
        key,
        description="Bins missed again, call 07911 123456",
        email="jo@example.com",
        first_name="Jo",
        lat="53.8",
        long="-1.55",
    )
    assert answer.status_code == 200
    [made] = answer.json()
    assert set(made) <= {"service_request_id", "token", "service_notice", "account_id"}
    assert made["service_notice"] == services["bins"].service_notice
    contact = Contact.objects.get(pk=int(made["service_request_id"]))
    assert (contact.channel, contact.lat, contact.address) == ("open311", 53.8, "1 High Street")
    assert "07911" not in contact.text
    assert contact.requester.email == "jo@example.com"
    assert "/report/" in OutboxMessage.objects.get().body  # the private link to follow it


@pytest.mark.parametrize(
    ("fields", "status", "words"),
    [
        ({"api_key": "wrong"}, 403, "api_key"),
        ({"api_key": ""}, 403, "api_key"),
        ({"service_code": ""}, 400, "service_code"),
        ({"service_code": "NOPE"}, 404, "NOPE"),
        ({"service_code": "BEN"}, 404, "BEN"),  # not offered at the front door
        ({"address_string": ""}, 400, "location"),
        ({"address_string": "", "lat": "53.8"}, 400, "together"),
        ({"lat": "north", "long": "1"}, 400, "lat"),
        ({"description": "x" * 4001}, 400, "4,000"),
        ({"email": "not an address"}, 400, "email"),
    ],
)
def test_bad_requests_get_the_specs_error_format(client, services, key, fields, status, words):
    answer = post(client, key, **{"api_key": key, **fields})
    assert answer.status_code == status
    [problem] = answer.json()
    assert problem["code"] == status and words in problem["description"]
    assert Contact.objects.count() == 0


def test_errors_come_in_xml_too(client, services):
    answer = post(client, "wrong", fmt="xml")
    assert answer.status_code == 403
    root = ET.fromstring(answer.content)  # noqa: S314 (our own response)
    assert root.tag == "errors" and root.findtext("error/code") == "403"


def test_a_revoked_key_no_longer_works(client, services, key):
    Open311Key.objects.update(revoked_at="2025-01-01T00:00Z")
    assert post(client, key).status_code == 403


def test_requests_are_listed_with_the_specs_fields_and_filters(client, services, key):
    first = post(client, key, description="one").json()[0]["service_request_id"]
    second = post(client, key, service_code="POT", description="two").json()[0][
        "service_request_id"
    ]
    Contact.objects.create(
        service=services["bins"], channel="phone", text="private", received_at="2025-01-01T00:00Z"
    )
    listed = client.get("/open311/v2/requests.json").json()
    assert {r["service_request_id"] for r in listed} == {first, second}  # never phone calls
    for request in listed:
        check_against_schema(request, "request")
        assert request["requested_datetime"][-6] in "+-"  # always with a zone
    codes = client.get("/open311/v2/requests.json?service_code=POT").json()
    assert [r["service_request_id"] for r in codes] == [second]
    by_id = client.get(f"/open311/v2/requests.json?service_request_id={first}&service_code=POT")
    assert [r["service_request_id"] for r in by_id.json()] == [first]  # ids override the rest
    Contact.objects.filter(pk=int(first)).update(resolved_at="2030-01-01T00:00Z")
    closed = client.get("/open311/v2/requests.json?status=closed").json()
    assert [(r["service_request_id"], r["status"]) for r in closed] == [(first, "closed")]
    assert client.get("/open311/v2/requests.json?status=lost").status_code == 400
    assert client.get("/open311/v2/requests.json?start_date=yesterday").status_code == 400
    assert (
        client.get(
            "/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&"
            "end_date=2020-12-31T00:00:00Z"
        ).status_code
        == 400
    )  # over 90 days


def test_one_request_is_a_list_holding_it_at_either_spelling(client, services, key):
    made = post(client, key, description="one").json()[0]["service_request_id"]
    for path in (f"/open311/v2/requests/{made}.json", f"/open311/v2/request/{made}.json"):
        [one] = client.get(path).json()
        assert one["service_request_id"] == made and one["status"] == "open"
    xml = ET.fromstring(client.get(f"/open311/v2/requests/{made}.xml").content)  # noqa: S314 (our own response)
    assert xml.tag == "service_requests" and xml.findtext("request/status") == "open"
    assert client.get("/open311/v2/requests/999999.json").status_code == 404


def test_the_discovery_document_points_at_the_endpoint(client, services):
    found = client.get("/open311/discovery.json").json()
    [endpoint] = found["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2")
    assert {"changeset", "contact", "key_service"} <= set(found)


def test_bostons_real_requests_post_through_the_front_door(client, db, key):
    path = REFERENCE / "demand/boston-open311/data/illegal-parking/responses--0-1000--aa.json"
    requests = json.loads(path.read_text())[:150]
    for code, name in {(r["service_code"], r["service_name"]) for r in requests}:
        Service.objects.create(code=code, name=name)
    for request in requests:
        fields = {
            "api_key": key,
            "service_code": request["service_code"],
            "description": request.get("description") or "",
        }
        if request.get("lat") is not None:
            fields.update(lat=request["lat"], long=request["long"])
        else:
            fields["address_string"] = request.get("address") or "Boston"
        answer = client.post("/open311/v2/requests.json", fields)
        assert answer.status_code == 200, (answer.json(), request)
    listed = client.get("/open311/v2/requests.json").json()
    assert len(listed) == len(requests)
    for request in listed:
        check_against_schema(request, "request")
