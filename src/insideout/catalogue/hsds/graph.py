"""Catalogue rows loaded for publishing: each table read once, indexed by who nests where.

Rows are kept as HSDS will publish their values (ids as strings, dates in UTC with
milliseconds, whole numbers as integers, empty text as None), converted once on loading.
`Graph.everything()` reads every table straight from the database cursor (an export of the whole
catalogue); `Graph.around(kind, ids)` reads only what the given objects nest and embed, level
by level (an API answer). Either way the number of queries depends on the number of tables,
never on the number of objects.
"""

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from functools import cache
from uuid import UUID

from django.db import connection, models

from .spec import OWNED, Kind, kind, kinds

CHUNK = 900  # under SQLite's limit on query parameters
OWNED_KINDS = frozenset(OWNED.values())


def published(value):
    """A value as HSDS JSON has it; None for a value to leave out."""
    if value is None or value == "":
        return None
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime):
        return moment(value)
    return value


def moment(value: datetime) -> str:
    """A date and time as HSDS wants it: UTC, milliseconds, Z."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@cache
def _link_columns(spec: Kind) -> tuple[tuple[str, str], ...]:
    return tuple((link, f"{link}_id") for link in spec.links)


def _chunks(ids: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _columns(spec: Kind) -> list[models.Field]:
    return list(spec.model._meta.concrete_fields)


def _dashed(value) -> str | None:
    """A UUID as SQLite stores it (32 hex digits) or PostgreSQL returns it, with dashes."""
    if value is None:
        return None
    if isinstance(value, UUID):
        return str(value)
    h = value.replace("-", "")
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def _number(value):
    if value is None:
        return None
    value = float(value)
    return int(value) if value.is_integer() else value


def _when(value):
    if value is None:
        return None
    return moment(value if isinstance(value, datetime) else datetime.fromisoformat(value))


def _json(value):
    if value is None or value == "{}":
        return {}
    return json.loads(value) if isinstance(value, str | bytes) else value


def _converter(field: models.Field) -> Callable | None:
    """How to publish one column's raw database values; None for text, kept as it is (the
    shapes leave out empty text)."""
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    if isinstance(target, models.UUIDField):
        return _dashed
    if isinstance(field, models.DateTimeField):
        return _when
    if isinstance(field, models.FloatField):
        return _number
    if isinstance(field, models.JSONField):
        return _json
    return None


class Graph:
    def __init__(self) -> None:
        self.rows: dict[str, dict[str, dict]] = defaultdict(dict)
        # (child kind, link, parent id) -> child ids; for owned kinds the link is the owner type.
        self.children: dict[tuple[str, str, str], list[str]] = defaultdict(list)

    def _index(self, name: str, spec: Kind, row: dict) -> None:
        table = self.rows[name]
        object_id = row["id"]
        if object_id in table:
            return
        table[object_id] = row
        if name in OWNED_KINDS:
            self.children[name, row["owner_type"], row["owner_id"]].append(object_id)
        for link, column in _link_columns(spec):
            parent_id = row[column]
            if parent_id is not None:
                self.children[name, link, parent_id].append(object_id)

    def add(self, name: str, rows: Iterable[dict]) -> None:
        """Rows as Django's `values()` gives them."""
        spec = kind(name)
        for row in rows:
            extra = row.get("extra") or {}
            published_row = {key: published(value) for key, value in row.items()}
            published_row["extra"] = extra
            self._index(name, spec, published_row)

    def nested_ids(self, child: str, link: str, parent_id: str) -> list[str]:
        return self.children.get((child, link, parent_id), [])

    @classmethod
    def everything(cls) -> "Graph":
        """Every table, read through the cursor with one conversion per column."""
        graph = cls()
        quote = connection.ops.quote_name
        for name, spec in kinds().items():
            fields = _columns(spec)
            convert = [_converter(f) for f in fields]
            names = [f.attname for f in fields]
            sql = (
                f"SELECT {', '.join(quote(f.column) for f in fields)} "  # noqa: S608
                f"FROM {quote(spec.model._meta.db_table)} ORDER BY {quote('id')}"
            )
            with connection.cursor() as cursor:
                cursor.execute(sql)
                while batch := cursor.fetchmany(20000):
                    # Column by column: one map per column, not a call per value and row.
                    columns = [
                        column if change is None else list(map(change, column))
                        for change, column in zip(convert, zip(*batch, strict=True), strict=True)
                    ]
                    for values in zip(*columns, strict=True):
                        graph._index(name, spec, dict(zip(names, values, strict=True)))
        return graph

    @classmethod
    def around(cls, name: str, ids: Iterable) -> "Graph":
        """The objects and what their full nesting shows, in a query per table and level."""
        graph = cls()
        graph._load(name, [str(i) for i in ids], frozenset())
        return graph

    def _fetch(self, name: str, ids: list[str]) -> None:
        spec = kind(name)
        missing = sorted(set(ids) - self.rows[name].keys())
        for chunk in _chunks(missing):
            rows = spec.model._default_manager.filter(pk__in=chunk).order_by("pk")
            self.add(name, rows.values(*(f.attname for f in _columns(spec))))

    def _load(self, name: str, ids: list[str], path: frozenset[str]) -> None:
        """Load the objects, then what they embed and nest, leaving out any kind already on the
        way down (as the nesting itself does: a service's organisation lists no services)."""
        spec = kind(name)
        self._fetch(name, ids)
        ids = [i for i in dict.fromkeys(ids) if i in self.rows[name]]
        if not ids:
            return
        below = path | {name}
        for embedded in spec.embedded:
            if embedded.kind in below:
                continue
            targets = {self.rows[name][i][f"{embedded.link}_id"] for i in ids} - {None}
            self._load(embedded.kind, sorted(targets), below)
        for nested in spec.nested:
            if nested.kind in below:
                continue
            child = kind(nested.kind)
            found: list[str] = []
            for chunk in _chunks(ids):
                if nested.link:
                    below_chunk = child.model._default_manager.filter(
                        **{f"{nested.link}_id__in": chunk}
                    )
                else:
                    below_chunk = child.model._default_manager.filter(
                        owner_type=name, owner_id__in=chunk
                    )
                rows = list(
                    below_chunk.order_by("pk").values(*(f.attname for f in _columns(child)))
                )
                self.add(nested.kind, rows)
                found += [str(row["id"]) for row in rows]
            self._load(nested.kind, found, below)

    def load_embedded(self, name: str, ids: list, path: frozenset[str] = frozenset()) -> None:
        """The objects and their one-to-one embedded objects only, as list endpoints show."""
        spec = kind(name)
        ids = [str(i) for i in ids]
        self._fetch(name, ids)
        below = path | {name}
        for embedded in spec.embedded:
            if embedded.kind in below:
                continue
            targets = {
                self.rows[name][i][f"{embedded.link}_id"] for i in ids if i in self.rows[name]
            } - {None}
            if targets:
                self.load_embedded(embedded.kind, sorted(targets), below)
