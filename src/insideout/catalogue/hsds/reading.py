"""Reading HSDS JSON into rows: each object once, however often and wherever it is nested.

An object nested in several places (the same phone under a service, its location and a contact)
becomes one row linked to each, as HSDS's tabular form has it. The same object given twice with
different values, a link to an object that exists nowhere, or a value the schema allows but a
column cannot hold (a date and time that is not one) is a problem, named by its JSON path.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC
from uuid import UUID

from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from insideout.web.columns import own_field

from .spec import TABLES, kind
from .validation import Problem

KINDS_IN = ("service", "organization", "service_at_location")


def guess_kind(document: dict) -> str:
    """Which HSDS object a document is: a service unless it looks like another."""
    if "services" in document or "organization_identifiers" in document or "programs" in document:
        return "organization"
    if "status" not in document and "name" in document and "description" in document:
        return "organization"
    if "name" not in document and ("location" in document or "service" in document):
        return "service_at_location"
    return "service"


def documents(data, kind_name: str | None = None) -> tuple[list[tuple[str, object, str]], str]:
    """The objects a file holds, each with its kind and path: one object, a list of them, or a
    page as HSDS APIs answer (`{"contents": [...]}`). Returns them and a problem, if any."""
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        items = [(item, f"$.contents[{i}]") for i, item in enumerate(data["contents"])]
    elif isinstance(data, list):
        items = [(item, f"$[{i}]") for i, item in enumerate(data)]
    elif isinstance(data, dict):
        items = [(data, "$")]
    else:
        return [], "The file must hold an HSDS object, a list of them, or a page of them."
    found = []
    for item, path in items:
        name = kind_name or (guess_kind(item) if isinstance(item, dict) else "service")
        found.append((name, item, path))
    return found, ""


def column_value(model_field: models.Field, value):
    """A JSON value as the column stores it; ValueError for one it cannot hold."""
    if isinstance(model_field, models.UUIDField | models.ForeignKey):
        return UUID(str(value))
    if isinstance(model_field, models.DateTimeField):
        moment = parse_datetime(str(value))
        if moment is None:
            raise ValueError("is not a date and time, such as 2026-03-15T10:30:45.123Z")
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment, UTC)
    if isinstance(model_field, models.FloatField):
        return float(value)
    return value


@dataclass
class Reading:
    """What a file holds, as rows by kind and id, with where each was first seen."""

    rows: dict[str, dict[UUID, dict]] = field(default_factory=lambda: defaultdict(dict))
    where: dict[tuple[str, UUID], str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    roots: list[tuple[str, UUID]] = field(default_factory=list)
    # (parent kind, parent id, nested key) -> the ids given there: what is not, goes.
    given: dict[tuple[str, UUID, str], set[UUID]] = field(default_factory=dict)

    def read(self, name: str, document: dict, path: str) -> None:
        object_id = self._object(name, document, path, {})
        if object_id is not None:
            self.roots.append((name, object_id))

    def _object(self, name: str, document: dict, path: str, links: dict) -> UUID:
        spec = kind(name)
        object_id = UUID(document["id"])
        values = dict(links)
        for prop in spec.columns:
            if prop in document:
                try:
                    values[prop] = column_value(own_field(spec.model, prop), document[prop])
                except ValueError as wrong:
                    self.problems.append(Problem(f"{path}.{prop}", str(wrong)))
        for link in spec.links:
            if f"{link}_id" in document:
                values[f"{link}_id"] = UUID(document[f"{link}_id"])
        extra = {key: value for key, value in document.items() if key not in spec.properties}
        if extra:
            values["extra"] = extra
        self._merge(name, object_id, values, path)
        below = {n.key: n for n in spec.nested}
        for key, nested in below.items():
            if key not in document:
                continue
            child_links: dict[str, object] = (
                {f"{nested.link}_id": object_id}
                if nested.link
                else {"owner_type": name, "owner_id": object_id}
            )
            ids = set()
            for index, child in enumerate(document[key]):
                child_id = self._object(nested.kind, child, f"{path}.{key}[{index}]", child_links)
                ids.add(child_id)
            self.given[name, object_id, key] = ids
        for embedded in spec.embedded:
            if embedded.key in document:
                target = self._object(
                    embedded.kind, document[embedded.key], f"{path}.{embedded.key}", {}
                )
                self._merge(name, object_id, {f"{embedded.link}_id": target}, path)
        return object_id

    def _merge(self, name: str, object_id: UUID, values: dict, path: str) -> None:
        known = self.rows[name].get(object_id)
        if known is None:
            self.rows[name][object_id] = values
            self.where[name, object_id] = path
            return
        for key, value in values.items():
            if key in known and known[key] != value:
                first = self.where[name, object_id]
                if key.endswith("_id") or key == "owner_id":
                    message = (
                        f"this {name} ({object_id}) is also at {first}, under another "
                        f"{key.removesuffix('_id')}: HSDS ids are unique, so it can have one"
                    )
                else:
                    message = f"this {name} ({object_id}) is also at {first} with another {key}"
                self.problems.append(Problem(path, message))
            else:
                known[key] = value

    def missing_links(self) -> list[Problem]:
        """Links to objects neither in the file nor already in the catalogue."""
        kind_of = {model: name for name, (model, _, _) in TABLES.items()}
        found = []
        for name, rows in list(self.rows.items()):
            for link, target_model in kind(name).link_fields.items():
                wanted = {
                    row[f"{link}_id"]: object_id
                    for object_id, row in rows.items()
                    if row.get(f"{link}_id") is not None
                }
                unknown = sorted(set(wanted) - set(self.rows.get(kind_of[target_model], {})))
                for start in range(0, len(unknown), 900):
                    chunk = unknown[start : start + 900]
                    held = set(
                        target_model._default_manager.filter(pk__in=chunk).values_list(
                            "pk", flat=True
                        )
                    )
                    for target in chunk:
                        if target not in held:
                            where = self.where[name, wanted[target]]
                            found.append(
                                Problem(
                                    f"{where}.{link}_id",
                                    f"refers to {target}, which is neither in the file nor in "
                                    "the catalogue",
                                )
                            )
        return found
