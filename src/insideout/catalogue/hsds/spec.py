"""How each HSDS 3 object maps onto the catalogue's tables, read from the official schemas.

For every object ("kind") the schema's properties fall into four sorts, found by name:
- columns: a property stored in the model's column of the same name;
- links: a `<parent>_id` property that is the model's foreign key to the object it belongs to
  (in nested JSON implied by where the object sits; in HSDS's tabular form written out);
- nested: an array of other objects (`phones`), each linking back by a foreign key named
  for this kind (`Phone.service`), or, for `attributes` and `metadata`, by owner;
- embedded: one other object (`organization`), named by this model's foreign key.
A test checks that every property of every schema is one of these, so nothing is dropped.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db import models

from .. import models as catalogue

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "hsds_schema"
VERSION = "3.0"

# Kind name -> (model, schema folder, the file its objects are exported to).
TABLES: dict[str, tuple[type[models.Model], str, str]] = {
    "taxonomy": (catalogue.Taxonomy, "3.0", "taxonomies.json"),
    "taxonomy_term": (catalogue.TaxonomyTerm, "3.0", "taxonomy_terms.json"),
    "unit": (catalogue.CapacityUnit, "3.1-dev", "units.json"),
    "organization": (catalogue.Provider, "3.0", "organizations.json"),
    "program": (catalogue.Programme, "3.0", "programs.json"),
    "organization_identifier": (
        catalogue.OrganisationIdentifier,
        "3.0",
        "organization_identifiers.json",
    ),
    "location": (catalogue.Location, "3.0", "locations.json"),
    "address": (catalogue.Address, "3.0", "addresses.json"),
    "accessibility": (catalogue.Accessibility, "3.0", "accessibility.json"),
    "service": (catalogue.Service, "3.0", "services.json"),
    "service_at_location": (catalogue.ServiceAtLocation, "3.0", "service_at_locations.json"),
    "contact": (catalogue.Contact, "3.0", "contacts.json"),
    "phone": (catalogue.Phone, "3.0", "phones.json"),
    "language": (catalogue.Language, "3.0", "languages.json"),
    "schedule": (catalogue.Schedule, "3.0", "schedules.json"),
    "service_area": (catalogue.ServiceArea, "3.0", "service_areas.json"),
    "cost_option": (catalogue.CostOption, "3.0", "cost_options.json"),
    "required_document": (catalogue.RequiredDocument, "3.0", "required_documents.json"),
    "funding": (catalogue.Funding, "3.0", "funding.json"),
    "service_capacity": (catalogue.ServiceCapacity, "3.1-dev", "service_capacities.json"),
    "attribute": (catalogue.Attribute, "3.0", "attributes.json"),
    "metadata": (catalogue.ChangeRecord, "3.0", "metadata.json"),
}
# Owned by the object they sit in, found by (owner_type, owner_id), not by a foreign key.
OWNED = {"attributes": "attribute", "metadata": "metadata"}
# Properties beyond each object's own schema: the compiled schemas that the API reference
# answers with add an organisation's `services` and a service-at-location's `service`; and as
# HSDS 3.0 has no capacity, services carry 3.1's `capacities` (3.0 allows extra properties).
ADDITIONS: dict[str, list[tuple[str, str, bool]]] = {  # kind -> (key, kind there, is a list)
    "organization": [("services", "service", True)],
    "service_at_location": [("service", "service", False)],
    "service": [("capacities", "service_capacity", True)],
}
# Big objects with a life of their own: never deleted because an import no longer nests them.
INDEPENDENT = {"taxonomy", "taxonomy_term", "unit", "organization", "location", "service"}


@dataclass(frozen=True)
class Nested:
    key: str  # the JSON property: "phones"
    kind: str  # what is nested there: "phone"
    link: str  # the nested model's foreign key back to this one ("service"), or "" if owned


@dataclass(frozen=True)
class Embedded:
    key: str  # "organization"
    kind: str  # "organization"
    link: str  # this model's foreign key that names it: "organization"


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[models.Model]
    file: str
    properties: tuple[str, ...]  # every property the schema names, in its order
    columns: tuple[str, ...]
    links: tuple[str, ...]  # foreign keys' names; the property is `<link>_id`
    nested: tuple[Nested, ...]
    embedded: tuple[Embedded, ...]

    @property
    def link_fields(self) -> dict[str, type[models.Model]]:
        """Each link's name and the model it points at."""
        targets = {link: self.model._meta.get_field(link).related_model for link in self.links}
        return {link: target for link, target in targets.items() if isinstance(target, type)}


@cache
def schema(kind: str) -> dict:
    """The kind's official schema (read once; treat it as read-only)."""
    _, folder, _ = TABLES[kind]
    return json.loads((SCHEMA_DIR / folder / f"{kind}.json").read_text())


def _referenced_kind(prop: dict) -> str | None:
    ref = prop.get("$ref") or prop.get("items", {}).get("$ref")
    return ref.removesuffix(".json") if ref else None


def _build(name: str) -> Kind:
    model, _, file = TABLES[name]
    fields = {f.attname: f for f in model._meta.concrete_fields}
    columns, links, nested, embedded = [], [], [], []
    properties = schema(name)["properties"]
    for prop, spec in properties.items():
        target = _referenced_kind(spec)
        if prop in OWNED:
            nested.append(Nested(prop, OWNED[prop], ""))
        elif target and spec.get("type") == "array":
            nested.append(Nested(prop, target, name))
        elif target:
            link = model._meta.get_field(prop).name
            embedded.append(Embedded(prop, target, link))
        elif prop in fields and isinstance(fields[prop], models.ForeignKey):
            links.append(fields[prop].name)
        elif prop in fields:
            columns.append(prop)
        else:
            raise LookupError(f"HSDS {name}.{prop} has no column in {model.__name__}")
    for key, target, is_list in ADDITIONS.get(name, []):
        if is_list:
            nested.append(Nested(key, target, name))
        else:
            embedded.append(Embedded(key, target, model._meta.get_field(key).name))
    return Kind(
        name=name,
        model=model,
        file=file,
        properties=tuple(properties) + tuple(key for key, _, _ in ADDITIONS.get(name, [])),
        columns=tuple(columns),
        links=tuple(links),
        nested=tuple(nested),
        embedded=tuple(embedded),
    )


@cache
def kinds() -> dict[str, Kind]:
    return {name: _build(name) for name in TABLES}


def kind(name: str) -> Kind:
    return kinds()[name]
