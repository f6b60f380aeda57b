"""Checking HSDS JSON against the official schemas (python-jsonschema, Draft 7, formats on).

`problems` checks a whole nested object, as an import must. `Shallow` checks one object's own
properties only (nested objects just need to be objects): an export builds each object once and
checks it once, which proves the nested whole valid at a fraction of the cost.
"""

import copy
import json
from dataclasses import dataclass
from functools import cache

from jsonschema import Draft7Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

from .spec import ADDITIONS, SCHEMA_DIR, TABLES, schema


@dataclass(frozen=True)
class Problem:
    """Where a problem is, as a JSON path (`$.contents[2].phones[0].number`), and what it is."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@cache
def _registry(folder: str) -> Registry:
    resources = [
        (path.name, Resource.from_contents(json.loads(path.read_text()), DRAFT7))
        for path in (SCHEMA_DIR / folder).glob("*.json")
    ]
    if folder != "3.0":  # the draft's files fall back on 3.0's for what they do not redefine
        names = {name for name, _ in resources}
        resources += [
            (path.name, Resource.from_contents(json.loads(path.read_text()), DRAFT7))
            for path in (SCHEMA_DIR / "3.0").glob("*.json")
            if path.name not in names
        ]
    return Registry().with_resources(resources)


@cache
def full_validator(kind: str) -> Draft7Validator:
    _, folder, _ = TABLES[kind]
    return Draft7Validator(
        {"$ref": f"{kind}.json"}, registry=_registry(folder), format_checker=FormatChecker()
    )


def problems(kind: str, document, at: str = "$") -> list[Problem]:
    """Every way the document breaks the kind's official schema, each with its path."""
    found = [
        Problem(at + error.json_path.removeprefix("$"), error.message)
        for error in full_validator(kind).iter_errors(document)
    ]
    if isinstance(document, dict):
        for key, target, is_list in ADDITIONS.get(kind, []):
            value = document.get(key)
            if value is None:
                continue
            if not is_list:
                found += problems(target, value, f"{at}.{key}")
            elif not isinstance(value, list):
                found.append(Problem(f"{at}.{key}", f"{value!r} is not of type 'array'"))
            else:
                for index, item in enumerate(value):
                    found += problems(target, item, f"{at}.{key}[{index}]")
    return sorted(found, key=lambda problem: problem.path)


def _shallow_schema(kind: str) -> dict:
    own = copy.deepcopy(schema(kind))
    for prop in own["properties"].values():
        if "$ref" in prop:
            prop.pop("$ref")
            prop["type"] = "object"
        elif "$ref" in prop.get("items", {}):
            prop["items"] = {"type": "object"}
    for key, _, is_list in ADDITIONS.get(kind, []):
        own["properties"][key] = (
            {"type": "array", "items": {"type": "object"}} if is_list else {"type": "object"}
        )
    return own


@cache
def shallow_validator(kind: str) -> Draft7Validator:
    return Draft7Validator(_shallow_schema(kind), format_checker=FormatChecker())


def shallow_problems(kind: str, document: dict) -> list[str]:
    return [
        f"{error.json_path}: {error.message}"
        for error in shallow_validator(kind).iter_errors(document)
    ]


@dataclass(frozen=True)
class _Rule:
    types: tuple[type, ...]
    format: str | None
    enum: tuple | None
    items_are_objects: bool


_TYPES = {"string": (str,), "number": (int, float), "array": (list,), "object": (dict,)}


@cache
def _rules(kind: str) -> tuple[frozenset[str], dict[str, _Rule]]:
    own = _shallow_schema(kind)
    rules = {}
    for prop, spec in own["properties"].items():
        rules[prop] = _Rule(
            types=_TYPES[spec["type"]],
            format=spec.get("format"),
            enum=tuple(spec["enum"]) if "enum" in spec else None,
            items_are_objects=spec.get("items", {}).get("type") == "object",
        )
    return frozenset(own.get("required", [])), rules


_FORMATS = FormatChecker()


def shallow_valid(kind: str, document) -> bool:
    """Whether the document passes the kind's shallow schema: the same answer as the official
    schema's validator gives (a test holds them to it), checked directly, for exports of
    hundreds of thousands of objects. The official schemas use only `type`, `enum`, `format`,
    `required` and `items`, which are checked here with jsonschema's own format checker."""
    if not isinstance(document, dict):
        return False
    required, rules = _rules(kind)
    if not required <= document.keys():
        return False
    for key, value in document.items():
        rule = rules.get(key)
        if rule is None:
            continue  # HSDS allows properties it does not name
        if not isinstance(value, rule.types) or isinstance(value, bool):
            return False
        if rule.enum is not None and value not in rule.enum:
            return False
        if rule.format and not _FORMATS.conforms(value, rule.format):
            return False
        if (
            rule.items_are_objects
            and isinstance(value, list)
            and not all(isinstance(item, dict) for item in value)
        ):
            return False
    return True
