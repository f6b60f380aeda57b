"""Importing contacts from a CSV, an Excel workbook or a GeoReport v2 (Open311) JSON export.

The same rules as the organisation import (directory/imports.py): every row is checked first
and a file with any problem is refused whole, each problem named by row and column; a good file
is upserted on the contacts' external identifier, so importing it again changes nothing twice.
Free text is scrubbed of personal data as it is read; the analysts' rules classify what they
can; the rest waits for the classifier, which runs in the background. The checking goes a
column at a time (import_columns.py), so a million rows take seconds, not minutes.
"""

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from insideout.directory import imports as directory_imports
from insideout.directory.imports import MAX_PROBLEMS, PREVIEW_ROWS, FileCheck
from insideout.directory.models import Organisation
from insideout.directory.spreadsheets import Table, UnreadableFile, read_table

from . import import_columns as bulk
from .import_fields import FIELDS, REQUIRED, cleaners
from .import_writing import COLUMNS, ImportResult, apply_import, existing_count
from .models import Contact, DemandImport, Service
from .rules import RuleBook, Verdict, load_rulebook
from .scrubbing import scrub_column

__all__ = ["ImportResult", "apply_import", "check_file", "parse_column_map"]
MISSING_ADVICE = (
    "every contact needs. Name the columns so, or map your own columns to them, such as "
    "Opened=received_at."
)
GEOREPORT_COLUMNS = [
    "service_request_id",
    "requested_datetime",
    "resolved_datetime",
    "channel",
    "service_code",
    "description",
    "status_notes",
    "address",
    "lat",
    "long",
]
GEOREPORT_MAP = {
    "service_request_id": "external_id",
    "requested_datetime": "received_at",
    "resolved_datetime": "resolved_at",
    "service_code": "service",
    "description": "text",
}
# The fields whose cleaner is asked once per distinct value, and what they become.
KINDS = {
    "channel": pa.string(),
    "service": pa.int64(),
    "organisation": pa.int64(),
    "demand_type": pa.string(),
    "failure_cause": pa.string(),
    "received_at": pa.timestamp("us", tz="UTC"),
    "resolved_at": pa.timestamp("us", tz="UTC"),
    "lat": pa.float64(),
    "long": pa.float64(),
}
NULLABLE = ("organisation", "resolved_at", "lat", "long")


@dataclass
class ContactCheck(FileCheck):
    """A contacts file checked; `table` is ready for the database (COLUMNS, one row per
    contact) and `numbers` says which row of the file each came from."""

    table: pa.Table | None = None
    numbers: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    scrubbed_count: int = 0
    classified_count: int = 0

    @property
    def row_count(self) -> int:
        return self.table.num_rows if self.table is not None else 0

    @property
    def preview(self) -> list[tuple[int, dict]]:
        if self.table is None:
            return []
        names = dict(Service.objects.values_list("pk", "name"))
        shown = []
        rows = self.table.slice(0, PREVIEW_ROWS).to_pylist()
        for number, values in zip(self.numbers[:PREVIEW_ROWS].tolist(), rows, strict=True):
            values["service"] = names.get(values["service_id"], "")
            values["channel"] = Contact.Channel(values["channel"]).label
            shown.append((number, values))
        return shown


def parse_column_map(lines: Iterable[str]) -> dict[str, str]:
    """`column=field` pairs (lines or --map) as {file column: field}; ValueError if unclear."""
    return directory_imports.parse_column_map(lines, FIELDS, example="Opened=received_at")


def georeport_table(content: bytes) -> Table:
    """A GeoReport v2 `requests` JSON array as a table, with when each closed request closed."""
    try:
        requests = json.loads(content)
    except (ValueError, UnicodeDecodeError) as error:
        raise UnreadableFile(f"This is not a JSON file we can read: {error}.") from None
    if not isinstance(requests, list) or not all(isinstance(r, dict) for r in requests):
        raise UnreadableFile(
            "An Open311 file must be a JSON list of requests, as GeoReport v2 "
            "GET requests.json returns."
        )

    def cell(value) -> str:
        return "" if value is None else str(value)

    def rows() -> Iterator[tuple[int, list[str]]]:
        for number, request in enumerate(requests, start=1):
            closed = request.get("status") == "closed"
            yield (
                number,
                [
                    cell(request.get("service_request_id")),
                    cell(request.get("requested_datetime")),
                    cell(request.get("updated_datetime")) if closed else "",
                    "open311",
                    cell(request.get("service_code")),
                    cell(request.get("description")),
                    cell(request.get("status_notes")),
                    cell(request.get("address")),
                    cell(request.get("lat")),
                    cell(request.get("long")),
                ],
            )

    return Table(header=GEOREPORT_COLUMNS, header_row=0, rows=rows())


def _read(content: bytes, filename: str, column_map: dict[str, str]):
    if filename.lower().endswith(".json") or content.lstrip()[:1] == b"[":
        cells = bulk.from_table(georeport_table(content))
        return cells, {**GEOREPORT_MAP, **column_map}, "request"
    cells = bulk.arrow_csv(content, filename) or bulk.from_table(read_table(content, filename))
    return cells, column_map, "row"


def check_file(
    content: bytes,
    filename: str = "",
    column_map: dict | None = None,
    rulebook: RuleBook | None = None,
) -> ContactCheck:
    """Read, check, scrub and classify (by rule) every row of a contacts file; writes nothing."""
    check = ContactCheck(filename=filename)
    try:
        cells, column_map, unit = _read(bytes(content), filename, column_map or {})
    except UnreadableFile as error:
        check.add_problem(error.row, "", error.message)
        return check
    check.notes.extend(cells.notes)
    positions = directory_imports.column_positions(
        cells.header, cells.header_row, column_map, check, FIELDS, REQUIRED, MISSING_ADVICE
    )
    if "external_id" not in positions:
        check.notes.append(
            "The file has no identifier column, so each contact is known by its "
            "date, service, channel and words: importing it again adds nothing."
        )
    if not check.ok:
        return check
    check.fields = [name for name in FIELDS if name in positions]
    check.rows_read = len(cells.numbers)
    values = _clean(cells, positions, check, unit)
    if not check.ok:
        return check
    if not check.rows_read:
        check.add_problem(None, "", "The file has a header row but no contacts under it.")
        return check
    rulebook = load_rulebook() if rulebook is None else rulebook
    check.table = _contacts(values, positions, check, rulebook)
    check.numbers = cells.numbers
    check.existing_count = existing_count(check.table.column("external_id"))
    return check


def _clean(cells: bulk.Cells, positions: dict[str, int], check: ContactCheck, unit: str):
    """Every column cleaned, and every problem counted (the first MAX_PROBLEMS listed, in the
    file's order); returns each field's values, with external_id always filled in."""
    services = {}
    for pk, code, name in Service.objects.values_list("pk", "code", "name"):
        services[name.casefold()] = pk
        services[code.casefold()] = pk
    organisations = (
        {
            external_id.casefold(): pk
            for pk, external_id in Organisation.objects.values_list("pk", "external_id")
        }
        if "organisation" in positions
        else {}
    )
    clean = cleaners(services, organisations)
    rows = len(cells.numbers)
    found: dict[str, bulk.Cleaned] = {}
    for name in FIELDS:
        if name not in positions:
            continue
        raw = cells.column(positions[name])
        if name in ("received_at", "resolved_at"):
            found[name] = bulk.clean_when(raw, clean[name])
        elif name in ("lat", "long"):
            found[name] = bulk.clean_number(raw, clean[name])
        elif name in KINDS:
            found[name] = bulk.clean_each_value(raw, clean[name], KINDS[name])
        else:
            found[name] = bulk.clean_text(raw, clean[name])
    values = {name: cleaned.values for name, cleaned in found.items()}
    for name in FIELDS:
        if name not in values:
            kind = KINDS.get(name, pa.string())
            blank = pa.nulls(rows, kind)
            values[name] = blank if name in NULLABLE else blank.fill_null("")
    cell_bad = np.zeros(rows, dtype=bool)
    for cleaned in found.values():
        cell_bad |= cleaned.bad
    given = pc.if_else(pc.equal(values["external_id"], ""), None, values["external_id"])
    if "external_id" in found:
        given = pc.if_else(pa.array(found["external_id"].bad), None, given)
    repeated, first = bulk.repeats(given, cells.numbers)
    received, resolved = values["received_at"], values["resolved_at"]
    early = pc.fill_null(pc.less(resolved, received), False).to_numpy(zero_copy_only=False)
    early &= ~cell_bad & ~repeated
    without = given.is_null().to_numpy(zero_copy_only=False)
    made_up = _made_up_ids(values, without & ~(cell_bad | repeated | early))
    same, same_first = bulk.repeats(made_up, cells.numbers)
    values["external_id"] = pc.coalesce(given, made_up, values["external_id"])

    def repeated_id(row: int) -> str:
        return (
            f"‘{given[row].as_py()}’ is also on {unit} {first[row]}. Each contact can appear "
            "only once."
        )

    def resolved_early(row: int) -> str:
        return "it was put right before it came in. Check both dates."

    def same_contact(row: int) -> str:
        return (
            f"this contact is the same as on {unit} {same_first[row]}: same date, service, "
            "channel and words. Each contact can appear only once."
        )

    # In each row, its cells' problems in the order of FIELDS, then the row's own.
    everything: list[tuple[np.ndarray, str | None, Callable[[int], str]]] = [
        (found[name].bad, name, found[name].message) for name in FIELDS if name in found
    ]
    everything += [
        (repeated, "external_id", repeated_id),
        (early, "resolved_at", resolved_early),
        (same, None, same_contact),
    ]
    header = cells.header
    bad_rows = np.zeros(rows, dtype=bool)
    total = 0
    for mask, _, _ in everything:
        bad_rows |= mask
        total += int(mask.sum())
    for row in np.flatnonzero(bad_rows):
        if len(check.problems) >= MAX_PROBLEMS:
            break
        for mask, field_name, message in everything:
            if mask[row]:
                column = header[positions[field_name]] if field_name else ""
                check.add_problem(int(cells.numbers[row]), column, message(int(row)))
    check.problem_count = total
    return values


def _made_up_ids(values: dict, wanted: np.ndarray) -> pa.Array:
    """An identifier from what the row says, for rows without one of their own: the same as
    ever, so files imported before match."""
    at = np.flatnonzero(wanted)
    if not len(at):
        return pa.nulls(len(wanted), pa.string())
    take = pa.array(at)
    stamps = pc.replace_substring_regex(
        pc.strftime(values["received_at"].take(take), "%Y-%m-%d %H:%M:%S"), r"\.0{6}$", ""
    )
    keys = pc.binary_join_element_wise(
        pc.binary_join_element_wise(stamps, "+00:00", ""),
        pc.cast(values["service"].take(take), pa.string()),
        values["channel"].take(take),
        values["text"].take(take),
        values["place"].take(take),
        "\x1f",
    )
    made = [
        "row-" + hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:24]
        for key in keys.to_pylist()
    ]
    return pc.replace_with_mask(
        pa.nulls(len(wanted), pa.string()), pa.array(wanted), pa.array(made)
    )


def _contacts(values: dict, positions: dict, check: ContactCheck, rulebook: RuleBook) -> pa.Table:
    """The clean rows as the database will hold them: scrubbed, and classified by the file or
    the analysts' rules."""
    raw, raw_matters = values["text"], values["what_matters"]
    text = scrub_column(raw) if "text" in positions else raw
    matters = scrub_column(raw_matters) if "what_matters" in positions else raw_matters
    text_changed = pc.not_equal(text, raw).to_numpy(zero_copy_only=False)
    changed = text_changed | pc.not_equal(matters, raw_matters).to_numpy(zero_copy_only=False)
    check.scrubbed_count = int(changed.sum())
    imported = np.zeros(len(text), dtype=bool)
    if "demand_type" in positions:
        imported = pc.not_equal(values["demand_type"], "").to_numpy(zero_copy_only=False)
    services = values["service"].to_numpy(zero_copy_only=False)
    chosen, drivers = rulebook.classify_column(services, text, ~imported)
    by_rule = chosen >= 0
    check.classified_count = int(by_rule.sum())
    verdicts: list[Verdict | None] = [verdict for _, _, verdict in rulebook.rules] or [None]
    ruled = pa.array(by_rule)
    at = pa.array(np.maximum(chosen, 0))

    def decided(name: str) -> pa.Array:
        rule_says = pc.take(pa.array([getattr(v, name, "") for v in verdicts], pa.string()), at)
        return pc.if_else(ruled, rule_says, values[name])

    classified_by = np.where(by_rule, "rule", np.where(imported, "imported", ""))
    keep_raw = settings.DEMAND_KEEP_RAW_TEXT
    columns = {
        "external_id": values["external_id"],
        "received_at": values["received_at"],
        "channel": values["channel"],
        "service_id": values["service"],
        "text": text,
        "what_matters": matters,
        "place": values["place"],
        "organisation_id": values["organisation"],
        "resolved_at": values["resolved_at"],
        "status_notes": values["status_notes"],
        "demand_type": decided("demand_type"),
        "failure_cause": decided("failure_cause"),
        "need": decided("need"),
        "address": values["address"],
        "lat": values["lat"],
        "long": values["long"],
        "raw_text": pc.if_else(pa.array(text_changed & keep_raw), raw, "")
        if keep_raw
        else pa.nulls(len(text), pa.string()).fill_null(""),
        "classified_by": pa.array(classified_by, pa.string()),
        "drivers": pc.if_else(ruled, drivers, "[]"),
    }
    return pa.table({name: columns[name] for name in COLUMNS})


def start_import(content: bytes, filename: str, column_map: dict, uploaded_by=None):
    """Keep an uploaded file with the result of checking it: checked, or refused with problems."""
    check = check_file(content, filename, column_map)
    batch = DemandImport.objects.create(
        uploaded_by=uploaded_by,
        filename=filename,
        content=content,
        column_map=column_map,
        status=DemandImport.Status.CHECKED if check.ok else DemandImport.Status.REFUSED,
        row_count=check.rows_read,
        errors=check.problem_dicts(),
    )
    return batch, check


def finish_import(batch: DemandImport, check: ContactCheck | None = None) -> ImportResult | None:
    """Apply a batch's file (checking it again unless just checked) and record the outcome."""
    check = check or check_file(batch.content, batch.filename, batch.column_map)
    batch.row_count = check.rows_read
    batch.finished_at = timezone.now()
    fields = ["status", "errors", "row_count", "finished_at"]
    if not check.ok:
        batch.status, batch.errors = DemandImport.Status.REFUSED, check.problem_dicts()
        batch.save(update_fields=fields)
        return None
    with transaction.atomic():
        result = apply_import(check)
        batch.status, batch.errors = DemandImport.Status.DONE, []
        batch.created_count, batch.updated_count = result.created, result.updated
        batch.save(update_fields=[*fields, "created_count", "updated_count"])
    return result
