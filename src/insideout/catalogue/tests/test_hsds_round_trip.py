"""The catalogue reads and writes Open Referral HSDS 3: the official examples go in and come
back out unchanged, every exported object passes the official schemas, and bad input is
refused with the path of each problem."""

import json
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from insideout.catalogue.hsds.graph import Graph
from insideout.catalogue.hsds.importing import import_hsds
from insideout.catalogue.hsds.shapes import Shapes
from insideout.catalogue.hsds.spec import kinds, schema
from insideout.catalogue.hsds.validation import problems
from insideout.catalogue.models import Phone, Service

from .hsds_examples import canonical, example

pytestmark = pytest.mark.django_db

SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"


def test_every_property_of_every_official_schema_has_a_home():
    for name, spec in kinds().items():
        placed = (
            set(spec.columns)
            | {f"{link}_id" for link in spec.links}
            | {n.key for n in spec.nested}
            | {e.key for e in spec.embedded}
        )
        assert set(schema(name)["properties"]) <= placed, name


@pytest.mark.parametrize(
    "file", ["service_full.json", "organization_full.json", "service_at_location_full.json"]
)
def test_the_official_full_examples_pass_the_official_schemas(file):
    kind = file.removesuffix("_full.json")
    assert problems(kind, example(file)) == []


def test_the_official_service_imports_and_exports_back_without_loss(tmp_path):
    outcome = import_hsds(example("service_full.json"))
    assert outcome.ok, outcome.problems
    call_command("hsds_export", str(tmp_path))
    services = json.loads((tmp_path / "services.json").read_text())
    assert [canonical(s) for s in services] == [canonical(example("service_full.json"))]


def test_an_object_nested_in_several_places_is_stored_once_and_linked_to_each():
    import_hsds(example("service_full.json"))
    phone = Phone.objects.get()
    assert phone.service_id and phone.location_id and phone.contact_id
    assert phone.organization_id and phone.service_at_location_id


@pytest.mark.parametrize(
    ("file", "kind"),
    [
        ("organization_full.json", "organization"),
        ("service_at_location_full.json", "service_at_location"),
    ],
)
def test_the_official_organisation_and_service_at_location_round_trip(file, kind):
    document = example(file)
    assert import_hsds(document).ok
    object_id = uuid.UUID(document["id"])
    graph = Graph.around(kind, [object_id])
    assert canonical(Shapes(graph, check=True).full(kind, object_id)) == canonical(document)


def test_importing_the_same_file_twice_updates_and_never_duplicates():
    import_hsds(example("service_full.json"))
    second = import_hsds(example("service_full.json"))
    assert second.counts["service"] == {"added": 0, "updated": 1}
    assert Service.objects.count() == 1 and Phone.objects.count() == 1


def test_a_page_of_services_as_an_hsds_api_answers_is_imported():
    outcome = import_hsds(example("service_list.json"))
    assert outcome.ok, outcome.problems
    service = Service.objects.get(pk=SERVICE_ID)
    assert service.organization.name == "Example Organization Inc."
    assert service.program.name == "Community Mental Health Support"


def test_invalid_input_is_refused_with_the_path_of_each_problem():
    document = example("service_full.json")
    document["status"] = "open"
    document["phones"][0].pop("number")
    document["service_at_locations"][0]["location"]["id"] = "not-a-uuid"
    outcome = import_hsds([document])
    assert not outcome.ok
    paths = {problem.path for problem in outcome.problems}
    assert paths == {"$[0].status", "$[0].phones[0]", "$[0].service_at_locations[0].location.id"}
    assert Service.objects.count() == 0


def test_the_same_object_given_twice_with_different_values_is_refused():
    document = example("service_full.json")
    document["phones"][0]["number"] = "0113 496 0000"
    outcome = import_hsds(document)
    assert not outcome.ok
    assert any("with another number" in p.message for p in outcome.problems)


def test_a_link_to_an_object_that_exists_nowhere_is_refused():
    outcome = import_hsds(
        {
            "id": SERVICE_ID,
            "name": "Advice",
            "status": "active",
            "organization_id": "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c611",
        }
    )
    assert [p.path for p in outcome.problems] == ["$.organization_id"]


def test_the_export_command_refuses_nothing_and_writes_a_file_per_kind(tmp_path):
    import_hsds(example("service_full.json"))
    call_command("hsds_export", str(tmp_path))
    for spec in kinds().values():
        assert (tmp_path / spec.file).exists()
    phones = json.loads((tmp_path / "phones.json").read_text())
    assert phones[0]["service_id"] == SERVICE_ID
    assert problems("phone", phones[0]) == []


def test_the_import_command_lists_problems_and_imports_nothing(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"id": SERVICE_ID, "name": "Advice"}))
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("hsds_import", str(bad))
    assert Service.objects.count() == 0


@pytest.mark.parametrize(
    "file", ["service_full.json", "organization_full.json", "service_at_location_full.json"]
)
def test_every_official_property_lands_in_a_column_not_in_the_extensions(file):
    assert import_hsds(example(file)).ok
    for spec in kinds().values():
        assert not spec.model.objects.exclude(extra={}).exists(), spec.name
