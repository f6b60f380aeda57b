"""The columnar snapshot the analysts' views read: every contact's analysable columns (no free
text but what matters) as one Parquet file, written with pyarrow, read with DuckDB.

A task rewrites it after an import, a batch of labels or a model run, and `tick` does whenever
the database has changed since. A small department's views refresh it on the spot; a large one's
show the snapshot they have, with its time, while the worker makes the next. Being plain Parquet,
the same file (or a directory of them) can be read by Spark, Trino or DuckDB on a cluster.
"""

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from django.conf import settings
from django.db.models import Max

from .models import Contact

SYNC_LIMIT = 50_000  # up to this many contacts, a view refreshes a stale snapshot itself
CHUNK = 100_000
ROW_GROUP = 1_000_000
SCHEMA = pa.schema(
    [
        ("id", pa.int64()),
        ("received_at", pa.timestamp("us", tz="UTC")),
        ("week", pa.date32()),
        ("service_id", pa.int32()),
        ("channel", pa.string()),
        ("place", pa.string()),
        ("demand_type", pa.string()),
        ("failure_cause", pa.string()),
        ("need", pa.string()),
        ("what_matters", pa.string()),
        ("resolved_at", pa.timestamp("us", tz="UTC")),
        ("days", pa.float64()),
    ]
)
SOURCE = (
    "pk",
    "received_at",
    "service_id",
    "channel",
    "place",
    "demand_type",
    "failure_cause",
    "need",
    "what_matters",
    "resolved_at",
)


def directory() -> Path:
    return Path(settings.DEMAND_SNAPSHOT_DIR)


def parquet_path() -> Path:
    return directory() / "contacts.parquet"


def _meta_path() -> Path:
    return directory() / "contacts.json"


def meta() -> dict:
    """When the snapshot was written, from data changed up to when, and how many contacts."""
    try:
        return json.loads(_meta_path().read_text())
    except (OSError, ValueError):
        return {}


def weeks(received: pa.Array) -> pa.Array:
    """The Monday of each contact's week, in the department's own time zone."""
    local = pc.cast(received, pa.timestamp("us", tz=settings.TIME_ZONE))
    return pc.cast(pc.local_timestamp(pc.floor_temporal(local, unit="week")), pa.date32())


def batch(columns: dict[str, list]) -> pa.RecordBatch:
    """Contacts' columns (as SOURCE names them) as one batch of the snapshot."""
    received = pa.array(columns["received_at"], pa.timestamp("us", tz="UTC"))
    resolved = pa.array(columns["resolved_at"], pa.timestamp("us", tz="UTC"))
    seconds = pc.divide(pc.cast(pc.subtract(resolved, received), pa.int64()), 86_400_000_000.0)
    return pa.RecordBatch.from_arrays(
        [
            pa.array(columns["pk"], pa.int64()),
            received,
            weeks(received),
            pa.array(columns["service_id"], pa.int32()),
            *(pa.array(columns[name], pa.string()) for name in SOURCE[3:9]),
            resolved,
            seconds,
        ],
        schema=SCHEMA,
    )


def write(batches, target: Path | None = None) -> int:
    """Write batches to the snapshot file, atomically: readers see the old file or the new."""
    target = target or parquet_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.with_suffix(".parquet.part")
    rows = 0
    with pq.ParquetWriter(scratch, SCHEMA, compression="zstd") as writer:
        for one in batches:
            writer.write_batch(one, row_group_size=ROW_GROUP)
            rows += one.num_rows
    os.replace(scratch, target)
    return rows


def _from_database():
    contacts = Contact.objects.order_by("received_at", "pk").values_list(*SOURCE)
    chunk: list[tuple] = []
    for row in contacts.iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield batch(dict(zip(SOURCE, map(list, zip(*chunk, strict=True)), strict=True)))
            chunk = []
    if chunk:
        yield batch(dict(zip(SOURCE, map(list, zip(*chunk, strict=True)), strict=True)))


def latest_change() -> datetime | None:
    return Contact.objects.aggregate(latest=Max("updated_at"))["latest"]


def refresh() -> dict:
    """Rewrite the snapshot from the database; returns what it recorded."""
    as_of = latest_change()
    rows = write(_from_database())
    recorded = {
        "rows": rows,
        "as_of": as_of.isoformat() if as_of else None,
        "written_at": datetime.now(UTC).isoformat(),
    }
    _meta_path().write_text(json.dumps(recorded))
    return recorded


def is_stale() -> bool:
    """Whether contacts changed after the snapshot was taken (or there is none)."""
    if not parquet_path().exists():
        return True
    recorded = meta().get("as_of")
    latest = latest_change()
    if latest is None:
        return recorded is not None
    return recorded is None or datetime.fromisoformat(recorded) < latest


def small_enough_to_refresh_now() -> bool:
    return not Contact.objects.order_by().values("pk")[SYNC_LIMIT : SYNC_LIMIT + 1].exists()


def written_at() -> datetime | None:
    written = meta().get("written_at")
    if not written:
        return None
    return datetime.fromisoformat(written).astimezone(ZoneInfo(settings.TIME_ZONE))


def touch(contacts) -> int:
    """Mark contacts changed (a label, a model run) so the next snapshot takes them in."""
    return contacts.update(updated_at=datetime.now(UTC))
