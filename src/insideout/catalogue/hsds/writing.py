"""Writing what was read: every object upserted on its id, in one statement per table.

An object given again replaces its HSDS properties (one left out is emptied) and keeps the
catalogue's own columns. What an object's array used to nest but no longer does is let go:
details are deleted, and objects with a life of their own (services, locations, organisations)
are only unlinked.
"""

from collections import defaultdict
from uuid import UUID

from django.db import connection, models

from .reading import Reading
from .spec import INDEPENDENT, TABLES, kind, kinds

CHUNK = 900


def upsert(model: type[models.Model], rows: list[dict]) -> None:
    """Insert the rows, or update those whose id exists: INSERT ... ON CONFLICT DO UPDATE, which
    PostgreSQL and SQLite both speak, sent with executemany."""
    if not rows:
        return
    quote = connection.ops.quote_name
    fields = list(model._meta.concrete_fields)
    columns = ", ".join(quote(f.column) for f in fields)
    updates = ", ".join(
        f"{quote(f.column)} = excluded.{quote(f.column)}" for f in fields if not f.primary_key
    )
    key = quote(model._meta.pk.column)
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(fields))}) "
        f"ON CONFLICT ({key}) DO UPDATE SET {updates}"
    )
    params = [tuple(f.get_db_prep_save(row[f.attname], connection) for f in fields) for row in rows]
    with connection.cursor() as cursor:
        for start in range(0, len(params), 5000):
            cursor.executemany(sql, params[start : start + 5000])


def _existing(model: type[models.Model], ids: list[UUID]) -> dict[UUID, dict]:
    attnames = [f.attname for f in model._meta.concrete_fields]
    found: dict[UUID, dict] = {}
    for start in range(0, len(ids), CHUNK):
        for row in model._default_manager.filter(pk__in=ids[start : start + CHUNK]).values(
            *attnames
        ):
            found[row["id"]] = row
    return found


def nesting_links(child: str) -> set[str]:
    """The foreign keys through which a kind sits nested in others."""
    return {
        nested.link
        for spec in kinds().values()
        for nested in spec.nested
        if nested.kind == child and nested.link
    }


def apply(reading: Reading) -> dict[str, dict[str, int]]:
    """Write every object read; returns, per kind, how many were added and updated."""
    counts: dict[str, dict[str, int]] = {}
    for name in TABLES:  # parents before children, though the checks wait for the commit
        rows = reading.rows.get(name)
        if not rows:
            continue
        spec = kind(name)
        fields = {f.attname: f for f in spec.model._meta.concrete_fields}
        existing = _existing(spec.model, list(rows))
        final = []
        for object_id, values in rows.items():
            row = existing.get(object_id)
            if row is None:
                row = {attname: f.get_default() for attname, f in fields.items()}
                row["id"] = object_id
            else:
                row.update({column: fields[column].get_default() for column in spec.columns})
                row["extra"] = {}
            row.update(values)
            final.append(row)
        upsert(spec.model, final)
        counts[name] = {"added": len(rows) - len(existing), "updated": len(existing)}
    _let_go(reading)
    return counts


def _let_go(reading: Reading) -> None:
    """Delete or unlink what an imported array no longer holds."""
    orphans: dict[str, set[str]] = defaultdict(set)
    for (parent_kind, parent_id, key), ids in reading.given.items():
        nested = next(n for n in kind(parent_kind).nested if n.key == key)
        child = kind(nested.kind)
        if nested.link:
            stale = child.model._default_manager.filter(**{f"{nested.link}_id": parent_id})
        else:
            stale = child.model._default_manager.filter(owner_type=parent_kind, owner_id=parent_id)
        stale = stale.exclude(pk__in=list(ids))
        parents = nesting_links(nested.kind)
        if nested.kind in INDEPENDENT:
            stale.update(**{f"{nested.link}_id": None})
        elif len(parents) > 1:
            stale.update(**{f"{nested.link}_id": None})
            orphans[nested.kind] = parents
        else:
            stale.delete()
    for name, parents in orphans.items():
        kind(name).model._default_manager.filter(
            **{f"{link}_id": None for link in parents}
        ).delete()
