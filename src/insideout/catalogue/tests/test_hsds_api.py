"""The HSDS API at /hsds/ answers as the HSDS 3.0 API reference says, so an HSDS client reads
this catalogue as it reads any other: the official example responses come back unchanged."""

import json
import uuid

import pytest
from django.utils import timezone

from insideout.catalogue.hsds.importing import import_hsds
from insideout.catalogue.hsds.validation import problems
from insideout.catalogue.models import Service
from insideout.catalogue.services import classify
from insideout.catalogue.taxonomies import need_term_id

from .hsds_examples import canonical, example

pytestmark = pytest.mark.django_db

SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"
ORGANISATION_ID = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"


@pytest.fixture
def official_example():
    assert import_hsds(example("service_full.json")).ok


def services(n: int, **fields) -> list[Service]:
    return [
        Service.objects.create(name=f"Advice service {i}", last_modified=timezone.now(), **fields)
        for i in range(n)
    ]


def test_the_root_says_which_hsds_it_speaks_and_where_its_openapi_document_is(client):
    about = client.get("/hsds/").json()
    assert about["version"] == "3.0"
    assert about["profile"].startswith("https://github.com/openreferral/specification")
    assert about["openapi_url"].endswith("/hsds/openapi.json")
    document = client.get("/hsds/openapi.json").json()
    assert {
        "/hsds/",
        "/hsds/services",
        "/hsds/services/{id}",
        "/hsds/organizations",
        "/hsds/organizations/{id}",
        "/hsds/service_at_locations",
        "/hsds/service_at_locations/{id}",
        "/hsds/taxonomies",
        "/hsds/taxonomies/{id}",
        "/hsds/taxonomy_terms",
        "/hsds/taxonomy_terms/{id}",
    } <= set(document["paths"])
    assert "service" in document["components"]["schemas"]


def test_a_service_comes_back_exactly_as_the_official_example(client, official_example):
    answer = client.get(f"/hsds/services/{SERVICE_ID}")
    assert answer.status_code == 200
    assert canonical(answer.json()) == canonical(example("service_full.json"))


def test_a_list_of_services_is_the_official_page_shape(client, official_example):
    page = client.get("/hsds/services?per_page=1").json()
    expected = example("service_list.json")
    assert page["contents"] == expected["contents"]
    assert page["total_items"] == 1 and page["size"] == 1 and page["empty"] is False
    assert problems("service", page["contents"][0]) == []


def test_pages_count_and_link_up(client):
    services(5)
    first = client.get("/hsds/services?per_page=2").json()
    last = client.get("/hsds/services?per_page=2&page=3").json()
    assert (first["total_items"], first["total_pages"], first["size"]) == (5, 3, 2)
    assert first["first_page"] and not first["last_page"]
    assert last["last_page"] and last["size"] == 1 and not last["first_page"]
    beyond = client.get(f"/hsds/services?page={10**30}").json()
    assert beyond["contents"] == [] and beyond["total_items"] == 5


def test_filters_add_up(client):
    helping, other = services(2)
    classify(helping, ["housing"])
    classify(other, ["housing"])
    Service.objects.filter(pk=other.pk).update(
        last_modified=timezone.now() - timezone.timedelta(days=30)
    )
    since = (timezone.now() - timezone.timedelta(days=1)).isoformat()
    answer = client.get(
        "/hsds/services",
        {"taxonomy_term_id": str(need_term_id("housing")), "modified_after": since},
    ).json()
    assert [s["id"] for s in answer["contents"]] == [str(helping.pk)]


def test_minimal_full_and_ndjson(client, official_example):
    minimal = client.get("/hsds/services?minimal=true").json()
    assert minimal["contents"] == [{"id": SERVICE_ID, "last_modified": "2023-03-15T10:30:45.123Z"}]
    full = client.get("/hsds/services?full=true").json()
    assert canonical(full["contents"][0]) == canonical(example("service_full.json"))
    streamed = client.get("/hsds/services?format=ndjson")
    assert streamed["Content-Type"] == "application/x-ndjson"
    lines = b"".join(streamed.streaming_content).decode().splitlines()
    assert [json.loads(line)["id"] for line in lines] == [SERVICE_ID]


def test_an_organisation_with_full_services_is_the_official_example(client):
    assert import_hsds(example("organization_full.json")).ok
    full = client.get(f"/hsds/organizations/{ORGANISATION_ID}?full_service=true").json()
    assert canonical(full) == canonical(example("organization_full.json"))
    brief = client.get(f"/hsds/organizations/{ORGANISATION_ID}").json()
    assert brief["services"][0]["id"] == SERVICE_ID
    assert "phones" not in brief["services"][0]
    listed = client.get("/hsds/organizations").json()
    assert listed["contents"] == example("organization_list.json")["contents"]


def test_a_service_at_a_location_is_the_official_example(client):
    document = example("service_at_location_full.json")
    assert import_hsds(document).ok
    answer = client.get(f"/hsds/service_at_locations/{document['id']}").json()
    assert canonical(answer) == canonical(document)
    listed = client.get("/hsds/service_at_locations").json()
    assert listed["contents"] == example("service_at_location_list.json")["contents"]


def test_services_at_locations_near_a_postcode(client, official_example):
    near = client.get("/hsds/service_at_locations?postcode=ABC1234&proximity=1000").json()
    assert near["total_items"] == 1
    elsewhere = client.get("/hsds/service_at_locations?postcode=ZZ9 9ZZ").json()
    assert elsewhere["total_items"] == 0


def test_taxonomies_and_terms_are_the_official_examples(client, official_example):
    assert (
        client.get("/hsds/taxonomies").json()["contents"]
        == example("taxonomy_list.json")["contents"]
    )
    terms = client.get("/hsds/taxonomy_terms").json()
    assert terms["contents"] == example("taxonomy_term_list.json")["contents"]
    term_id = example("taxonomy_term.json")["id"]
    assert client.get(f"/hsds/taxonomy_terms/{term_id}").json() == example("taxonomy_term.json")


@pytest.mark.parametrize(
    "path",
    [
        f"/hsds/services/{uuid.uuid4()}",
        "/hsds/services/not-an-id",
        f"/hsds/organizations/{uuid.uuid4()}",
        f"/hsds/taxonomy_terms/{uuid.uuid4()}",
    ],
)
def test_an_unknown_id_is_a_problem_not_a_server_error(client, path):
    answer = client.get(path)
    assert answer.status_code == 404
    assert answer["Content-Type"] == "application/problem+json"


def test_bad_parameters_are_named(client):
    answer = client.get("/hsds/services?per_page=0")
    assert answer.status_code == 400
    assert "per_page" in answer.json()["detail"]
    assert client.get("/hsds/services?modified_after=yesterday").status_code == 400
