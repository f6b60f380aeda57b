"""Writing checked contacts in one transaction, through a scratch table: PostgreSQL COPYs an
Arrow-written CSV into it, SQLite takes an executemany per large batch; then one UPDATE and one
INSERT, each a single statement inside the database. Contacts are matched on their external
identifier; an analyst's label is never overwritten."""

import io
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
from django.db import connection, transaction
from django.utils import timezone

from .import_fields import CLASSIFICATION
from .models import Contact

# What the database row holds, in order: the file's fields, then what the import works out.
COLUMNS = (
    "external_id",
    "received_at",
    "channel",
    "service_id",
    "text",
    "what_matters",
    "place",
    "organisation_id",
    "resolved_at",
    "status_notes",
    "demand_type",
    "failure_cause",
    "need",
    "address",
    "lat",
    "long",
    "raw_text",
    "classified_by",
    "drivers",
)
SQLITE_BATCH = 100_000
SCRATCH = "contact_import"


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def existing_count(external_ids: pa.Array) -> int:
    """How many of these identifiers are already here."""
    if not len(external_ids):
        return 0
    known = Contact.objects.filter(external_id__isnull=False).values_list("external_id", flat=True)
    if len(external_ids) * 4 >= known.count():  # reading them all is quicker than asking in parts
        with connection.cursor() as cursor:
            table = connection.ops.quote_name(Contact._meta.db_table)
            cursor.execute(f"SELECT external_id FROM {table} WHERE external_id IS NOT NULL")  # noqa: S608
            here = pa.array([row[0] for row in cursor.fetchall()], pa.string())
        return int(pc.sum(pc.is_in(external_ids, here)).as_py() or 0)
    step = min(connection.features.max_query_params or 10_000, 10_000)
    wanted = external_ids.to_pylist()
    return sum(
        known.filter(external_id__in=wanted[start : start + step]).count()
        for start in range(0, len(wanted), step)
    )


def apply_import(check) -> ImportResult:
    """Create or update every contact in a checked file, in one transaction: the rows go to a
    scratch table (COPY, or executemany), then one UPDATE changes the contacts already here
    where the file differs and one INSERT adds the rest."""
    if not check.ok:
        raise ValueError("A file with problems is never imported, not even in part.")
    now = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        table = connection.ops.quote_name(Contact._meta.db_table)
        if connection.vendor == "postgresql":
            # Holds off other writers (SQLite's write lock does so already) so counts are exact.
            cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
        _scratch(cursor, check.table)
        updated, created = _merge(cursor, check.fields, now)
        cursor.execute(f"DROP TABLE {SCRATCH}")
    return ImportResult(
        created=created, updated=updated, unchanged=check.row_count - created - updated
    )


def _scratch(cursor, rows: pa.Table) -> None:
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in COLUMNS)
    table = quote(Contact._meta.db_table)
    cursor.execute(f"DROP TABLE IF EXISTS {SCRATCH}")
    if connection.vendor == "postgresql":
        cursor.execute(
            f"CREATE TEMP TABLE {SCRATCH} ON COMMIT DROP AS "  # noqa: S608
            f"SELECT {names} FROM {table} WITH NO DATA"
        )
        _copy(cursor, rows, names)
    else:
        cursor.execute(f"CREATE TEMP TABLE {SCRATCH} AS SELECT {names} FROM {table} WHERE 0")  # noqa: S608
        _executemany(cursor, rows, names)
    cursor.execute(f"CREATE INDEX {SCRATCH}_id ON {SCRATCH} (external_id)")


def _copy(cursor, rows: pa.Table, names: str) -> None:
    """COPY from a CSV that Arrow writes: text quoted, NULL a bare empty field."""
    buffer = io.BytesIO()
    pcsv.write_csv(rows, buffer, pcsv.WriteOptions(include_header=False, quoting_style="all_valid"))
    with cursor.copy(f"COPY {SCRATCH} ({names}) FROM STDIN (FORMAT csv)") as copy:
        view = buffer.getbuffer()
        for start in range(0, len(view), 1 << 24):
            copy.write(view[start : start + (1 << 24)])


def _sqlite_text(stamps: pa.Array) -> pa.Array:
    """UTC timestamps as Django keeps them in SQLite: ‘2025-03-14 09:30:00’, with
    microseconds only when there are any."""
    written = pc.strftime(stamps, "%Y-%m-%d %H:%M:%S")
    return pc.replace_substring_regex(written, r"\.0{6}$", "")


def _executemany(cursor, rows: pa.Table, names: str) -> None:
    columns = []
    for name in COLUMNS:
        column = rows.column(name).combine_chunks()
        columns.append(_sqlite_text(column) if pa.types.is_timestamp(column.type) else column)
    sql = f"INSERT INTO {SCRATCH} ({names}) VALUES ({', '.join(['%s'] * len(COLUMNS))})"  # noqa: S608
    for start in range(0, rows.num_rows, SQLITE_BATCH):
        batch = [column.slice(start, SQLITE_BATCH).to_pylist() for column in columns]
        cursor.executemany(sql, list(zip(*batch, strict=True)))


def _merge(cursor, fields: list[str], now) -> tuple[int, int]:
    """Update the contacts already here where the file differs, then add the new ones; returns
    how many of each. Only names from the model are formatted into the SQL."""
    quote = connection.ops.quote_name
    table = quote(Contact._meta.db_table)
    postgres = connection.vendor == "postgresql"
    names = ", ".join(quote(c) for c in COLUMNS)
    given = {"service": "service_id", "organisation": "organisation_id"}
    updated = [
        given.get(f, f) for f in fields if f != "external_id" and f not in CLASSIFICATION
    ] + ["raw_text"]
    if "text" not in fields:
        updated.remove("raw_text")
    distinct = "IS DISTINCT FROM" if postgres else "IS NOT"
    # An analyst's label is never overwritten by a file or a rule.
    keep = f"{table}.{quote('classified_by')} = 'analyst'"
    classification = ["demand_type", "failure_cause", "need", "classified_by", "drivers"]
    new = f"{SCRATCH}.{{}}"
    sets = [f"{quote(c)} = {new.format(quote(c))}" for c in updated] + [
        f"{quote(c)} = CASE WHEN {keep} THEN {table}.{quote(c)} ELSE {new.format(quote(c))} END"
        for c in classification
    ]
    differs = " OR ".join(
        [f"{table}.{quote(c)} {distinct} {new.format(quote(c))}" for c in updated]
        + [
            f"(NOT {keep} AND {table}.{quote(c)} {distinct} {new.format(quote(c))})"
            for c in classification
        ]
    )
    stamp = now if postgres else connection.ops.adapt_datetimefield_value(now)
    cursor.execute(
        f"UPDATE {table} SET {', '.join(sets)}, {quote('updated_at')} = %s "  # noqa: S608
        f"FROM {SCRATCH} WHERE {table}.{quote('external_id')} = {SCRATCH}.external_id "
        f"AND ({differs})",
        [stamp],
    )
    changed = cursor.rowcount
    cursor.execute(
        f"INSERT INTO {table} ({names}, {quote('address_id')}, {quote('zipcode')}, "  # noqa: S608
        f"{quote('media_url')}, {quote('created_at')}, {quote('updated_at')}) "
        f"SELECT {names}, '', '', '', %s, %s FROM {SCRATCH} WHERE NOT EXISTS "
        f"(SELECT 1 FROM {table} WHERE {table}.{quote('external_id')} = {SCRATCH}.external_id)",
        [stamp, stamp],
    )
    return changed, cursor.rowcount
