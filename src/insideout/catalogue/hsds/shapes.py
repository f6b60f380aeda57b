"""The three shapes HSDS publishes an object in, built from a loaded `Graph`:

- full: fully nested, as `/services/{id}` and an export's `services.json` give it: every nested
  and embedded object, except that no kind appears inside itself (a service's organisation lists
  no services; an organisation's services do not repeat the organisation);
- listed: its own properties and its one-to-one embedded objects, as list endpoints give it;
- tabular: its own properties with the `<parent>_id` links written out, as HSDS's tabular form
  and an export's one-file-per-object files give it.

Empty values are left out, as the official examples do. With `check`, each distinct object is
checked once against its schema (its own properties), so a published whole is known valid.
"""

import json
from dataclasses import dataclass
from functools import cache

from .graph import Graph, published
from .spec import kind, kinds, schema
from .validation import shallow_problems, shallow_valid

__all__ = ["InvalidExport", "Shapes", "published"]


class InvalidExport(Exception):
    """An object the catalogue would publish breaks the official schema."""


@dataclass(frozen=True)
class Plan:
    """What building one kind's documents takes, worked out once."""

    columns: tuple[str, ...]
    links: tuple[str, ...]  # `<parent>_id` properties
    nested: tuple[tuple[str, str, str], ...]  # (key, kind, how its children are found)
    embedded: tuple[tuple[str, str, str], ...]  # (key, kind, this row's column naming it)
    required_embedded: frozenset[str]
    reaches: frozenset[str]  # every kind that can appear inside this one


@cache
def plan(name: str) -> Plan:
    spec = kind(name)
    return Plan(
        columns=spec.columns,
        links=tuple(f"{link}_id" for link in spec.links),
        nested=tuple((n.key, n.kind, n.link or name) for n in spec.nested),
        embedded=tuple((e.key, e.kind, f"{e.link}_id") for e in spec.embedded),
        required_embedded=frozenset(
            e.key for e in spec.embedded if e.key in schema(name).get("required", [])
        ),
        reaches=_reaches(name),
    )


@cache
def _reaches(name: str) -> frozenset[str]:
    found: set[str] = set()
    todo = [name]
    while todo:
        spec = kinds()[todo.pop()]
        for target in [n.kind for n in spec.nested] + [e.kind for e in spec.embedded]:
            if target not in found:
                found.add(target)
                todo.append(target)
    return frozenset(found)


ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


@cache
def _step_down(path: frozenset[str], name: str) -> tuple[frozenset[str], frozenset[str]]:
    """The path below this object, and the part of the path that can change what it holds."""
    return path | {name}, path & plan(name).reaches


class Shapes:
    def __init__(self, graph: Graph, check: bool = False) -> None:
        self.graph = graph
        self.check = check
        self._full: dict[tuple, str] = {}
        self._listed: dict[tuple, dict] = {}

    def _checked(self, name: str, document: dict) -> dict:
        if self.check and not shallow_valid(name, document):
            found = shallow_problems(name, document)
            raise InvalidExport(f"{name} {document.get('id')}: " + "; ".join(found))
        return document

    @staticmethod
    def _own(row: dict, columns: tuple[str, ...]) -> dict:
        """The row's own properties that have a value (empty text is no value)."""
        return {c: row[c] for c in columns if row[c] is not None and row[c] != ""}

    @staticmethod
    def _extra(row: dict, document: dict) -> dict:
        for key, value in (row.get("extra") or {}).items():
            document.setdefault(key, value)
        return document

    def full(self, name: str, object_id, path: frozenset[str] = frozenset()) -> dict:
        """The object fully nested, as a dict (built from its JSON text)."""
        return json.loads(self.full_json(name, object_id, path))

    def full_json(self, name: str, object_id, path: frozenset[str] = frozenset()) -> str:
        """The object fully nested, as JSON text. Each distinct object (with what it may nest
        below it) is written, and checked, once: an organisation embedded in each of its
        hundred services is encoded once and its text reused."""
        object_id = str(object_id)
        steps, (below, relevant) = plan(name), _step_down(path, name)
        key = (name, object_id, relevant)
        found = self._full.get(key)
        if found is not None:
            return found
        row = self.graph.rows[name][object_id]
        document = self._own(row, steps.columns)
        shape = dict(document)  # what is checked: arrays of objects, objects, as placeholders
        parts: list[str] = []
        for prop, child, link in steps.nested:
            if child not in below:
                ids = self.graph.children.get((child, link, object_id))
                if ids:
                    texts = [self.full_json(child, i, below) for i in ids]
                    parts.append(f'"{prop}":[{",".join(texts)}]')
                    shape[prop] = [{}] * len(ids)
        for prop, target, column in steps.embedded:
            target_id = row[column]
            if target not in below and target_id in self.graph.rows[target]:
                parts.append(f'"{prop}":{self.full_json(target, target_id, below)}')
                shape[prop] = {}
        for extra, value in (row.get("extra") or {}).items():
            if extra not in shape:
                document[extra] = shape[extra] = value
        self._checked(name, shape | {"id": object_id})
        head = ENCODE(document)
        if parts:
            head = head[:-1] + ("," if len(head) > 2 else "") + ",".join(parts) + "}"
        self._full[key] = head
        return head

    def listed(self, name: str, object_id, path: frozenset[str] = frozenset()) -> dict:
        """Own properties and one-to-one objects, in list form too; no arrays."""
        object_id = str(object_id)
        key = (name, object_id, path)
        if key in self._listed:
            return self._listed[key]
        steps, row = plan(name), self.graph.rows[name][object_id]
        document = self._own(row, steps.columns)
        for prop, target, column in steps.embedded:
            target_id = row[column]
            if target not in path and target_id in self.graph.rows[target]:
                document[prop] = self.listed(target, target_id, path | {name})
        self._listed[key] = self._checked(name, self._extra(row, document))
        return self._listed[key]

    def tabular(self, name: str, object_id) -> dict:
        """Own properties with the links to parents written out, nothing nested; an embedded
        object the schema requires (a capacity's unit) comes along, listed."""
        steps, row = plan(name), self.graph.rows[name][str(object_id)]
        document = self._own(row, steps.columns)
        for link in steps.links:
            if row[link] is not None:
                document[link] = row[link]
        for prop, target, column in steps.embedded:
            if prop in steps.required_embedded and row[column] in self.graph.rows[target]:
                document[prop] = self.listed(target, row[column], frozenset({name}))
        for key, value in (row.get("extra") or {}).items():
            if not isinstance(value, list | dict):
                document.setdefault(key, value)
        return self._checked(name, document)
