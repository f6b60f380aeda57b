"""Importing organisations from a register (CSV or XLSX): check every row, then all or nothing.

A file with any problem is refused whole, each problem named by row and column as a clerk sees
them in a spreadsheet. A good file is upserted on the register's identifier, so importing the
same file again updates organisations and never duplicates them.
"""

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from .import_fields import CLEANERS, DEFAULTS, FIELDS, REQUIRED, CellProblem
from .models import ImportBatch, Organisation
from .spreadsheets import Table, UnreadableFile, read_table

MAX_PROBLEMS = 500
PREVIEW_ROWS = 10


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (row and column as the file names them) and what."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row and self.column:
            return f"Row {self.row}, column ‘{self.column}’: {self.message}"
        if self.row:
            return f"Row {self.row}: {self.message}"
        return self.message

    def as_dict(self) -> dict:
        return {**asdict(self), "text": str(self)}


def stopped(error: Exception) -> list[dict]:
    """The problems stored on an import that stopped part-way (in its one transaction, so
    nothing was imported)."""
    return [Problem(None, "", f"The import stopped and nothing was imported: {error}").as_dict()]


@dataclass
class FileCheck:
    """What checking a file found, whatever it imports: its problems (the first MAX_PROBLEMS
    kept, all counted) and how many of its rows exist already. Each kind of import adds its
    rows and says how many there are."""

    filename: str
    fields: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    rows_read: int = 0
    notes: list[str] = field(default_factory=list)
    existing_count: int = 0

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    @property
    def row_count(self) -> int:
        raise NotImplementedError

    @property
    def new_count(self) -> int:
        return self.row_count - self.existing_count

    def add_problem(self, row: int | None, column: str, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(row, column, message))

    def problem_dicts(self) -> list[dict]:
        """The problems as stored on the import, with a last line counting any not listed."""
        listed = [problem.as_dict() for problem in self.problems]
        unlisted = self.problem_count - len(self.problems)
        if unlisted:
            listed.append(
                Problem(
                    None,
                    "",
                    f"… and {unlisted:,} more problems not listed. "
                    "Correct those above and check the file again.",
                ).as_dict()
            )
        return listed


@dataclass
class ImportCheck(FileCheck):
    """An organisation register checked; `rows` are clean, in FIELDS order."""

    rows: list[tuple] = field(default_factory=list)
    row_numbers: list[int] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def preview(self) -> list[tuple[int, dict]]:
        """The first rows, numbered, as the fields of the organisations they would become."""
        return [
            (number, dict(zip(FIELDS, values, strict=True)))
            for number, values in zip(
                self.row_numbers[:PREVIEW_ROWS], self.rows[:PREVIEW_ROWS], strict=True
            )
        ]


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def parse_column_map(
    lines: Iterable[str], fields: Sequence[str] = FIELDS, example: str = "URN=external_id"
) -> dict[str, str]:
    """`column=field` pairs (lines or --map) as {file column: one of `fields`}; ValueError if
    unclear. Shared by every import (organisations, contacts), each with its own fields."""
    column_map: dict[str, str] = {}
    for line in lines:
        if not line.strip():
            continue
        column, equals, target = line.partition("=")
        column, target = column.strip(), target.strip().lower()
        if not equals or not column or not target:
            raise ValueError(
                f"‘{line.strip()}’ is not a column map. Write the column in your "
                f"file, an equals sign, then the field, such as {example}."
            )
        if target not in fields:
            raise ValueError(
                f"‘{target}’ is not a field we import. Map columns to one of: {', '.join(fields)}."
            )
        if target in column_map.values():
            raise ValueError(f"Two columns are mapped to {target}. Map only one.")
        column_map[column] = target
    return column_map


ORGANISATIONS_MISSING = (
    "every organisation needs. Name the columns external_id and name, or map your own columns "
    "to them, such as URN=external_id."
)


def column_positions(
    header: list[str],
    header_row: int,
    column_map: dict[str, str],
    check,
    fields: Sequence[str] = FIELDS,
    required: Sequence[str] = REQUIRED,
    missing_advice: str = ORGANISATIONS_MISSING,
) -> dict[str, int]:
    """Which position in the row feeds each field, from the header and the column map; problems
    and notes go to `check` (anything with add_problem and notes). Shared by every import."""
    by_name: dict[str, list[int]] = {}
    for position, name in enumerate(header):
        if name:
            by_name.setdefault(name.casefold(), []).append(position)
    sources = {column.casefold(): target for column, target in column_map.items()}
    listed = ", ".join(name for name in header[:30] if name)
    for column in column_map:
        if column.casefold() not in by_name:
            check.add_problem(
                None,
                column,
                f"The column map names ‘{column}’, but the file has "
                f"no column called that. Its columns are: {listed}.",
            )
    positions: dict[str, int] = {}
    ignored = []
    for key, found_at in by_name.items():
        name = header[found_at[0]]
        target = sources.get(key)
        if target is None and key in fields and key not in column_map.values():
            target = key
        if target is None:
            ignored.append(name)
            continue
        if len(found_at) > 1:
            check.add_problem(
                header_row, name, "this column appears twice in the header row. Keep one."
            )
        positions[target] = found_at[0]
    missing = [f for f in required if f not in positions]
    if missing:
        check.add_problem(
            None, "", f"The file has no column for {' or '.join(missing)}, which {missing_advice}"
        )
    if ignored:
        shown = ", ".join(f"‘{name}’" for name in ignored[:20])
        more = f" and {len(ignored) - 20} more" if len(ignored) > 20 else ""
        check.notes.append(f"These columns are not imported: {shown}{more}.")
    return positions


def check_file(
    content: bytes, filename: str = "", column_map: dict[str, str] | None = None
) -> ImportCheck:
    """Read and check every row of a register file; nothing is written."""
    check = ImportCheck(filename=filename)
    try:
        table = read_table(bytes(content), filename)
    except UnreadableFile as error:
        check.add_problem(error.row, "", error.message)
        return check
    check.notes.extend(table.notes)
    positions = column_positions(table.header, table.header_row, column_map or {}, check)
    if not check.ok:
        return check
    check.fields = [name for name in FIELDS if name in positions]
    try:
        first_row = _check_rows(table, positions, check)
    except UnreadableFile as error:  # a row the reader could not read, part-way through
        check.add_problem(error.row, "", error.message)
        return check
    if check.ok and not check.rows:
        check.add_problem(None, "", "The file has a header row but no organisations under it.")
    if check.ok:
        check.existing_count = len(existing_ids(first_row))
    return check


def _check_rows(table: Table, positions: dict[str, int], check: ImportCheck) -> dict[str, int]:
    """Clean every row into check.rows, noting each bad cell; the row each identifier is on."""
    columns = [
        (
            positions.get(name),
            CLEANERS[name],
            DEFAULTS.get(name),
            table.header[positions[name]] if name in positions else "",
        )
        for name in FIELDS
    ]
    first_row: dict[str, int] = {}
    for number, cells in table.rows:
        check.rows_read += 1
        values: list[object] = []
        for position, clean, default, column in columns:
            if position is None:
                values.append(default)
                continue
            try:
                value = clean(cells[position] if position < len(cells) else "")
            except CellProblem as problem:
                check.add_problem(number, column, str(problem))
                value = problem
            if not values and isinstance(value, str):  # the identifier: once per file
                if value in first_row:
                    check.add_problem(
                        number,
                        column,
                        f"‘{value}’ is also on row "
                        f"{first_row[value]}. Each organisation can appear only "
                        "once.",
                    )
                first_row.setdefault(value, number)
            values.append(value)
        if check.ok:
            check.rows.append(tuple(values))
            check.row_numbers.append(number)
    return first_row


def existing_ids(external_ids: Iterable[str]) -> set[str]:
    """Which of these identifiers are already in the directory."""
    wanted = list(external_ids)
    everyone = Organisation.objects.values_list("external_id", flat=True)
    if len(wanted) * 4 >= everyone.count():  # reading them all is quicker than asking in parts
        return set(everyone.iterator(chunk_size=10_000)).intersection(wanted)
    found: set[str] = set()
    step = connection.features.max_query_params or 10_000
    for start in range(0, len(wanted), step):
        found.update(everyone.filter(external_id__in=wanted[start : start + step]))
    return found


def apply_import(check: ImportCheck) -> ImportResult:
    """Create or update every organisation in a checked file, in one transaction."""
    if not check.ok:
        raise ValueError("A file with problems is never imported, not even in part.")
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Holds off other writers (SQLite's write lock does so already) so counts are exact.
            table = connection.ops.quote_name(Organisation._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
        before = Organisation.objects.count()
        changed = _upsert(check.rows, check.fields, now)
        created = Organisation.objects.count() - before
    return ImportResult(
        created=created, updated=changed - created, unchanged=check.row_count - changed
    )


def _upsert(rows: list[tuple], fields: list[str], now) -> int:
    """Insert new organisations and change existing ones only where a value differs."""
    quote = connection.ops.quote_name
    table = quote(Organisation._meta.db_table)
    names = ", ".join(quote(name) for name in FIELDS)
    updated = [quote(name) for name in fields if name != "external_id"]
    postgres = connection.vendor == "postgresql"
    differs = " OR ".join(
        f"{table}.{name} {'IS DISTINCT FROM' if postgres else 'IS NOT'} excluded.{name}"
        for name in updated
    )
    on_conflict = (
        f"ON CONFLICT ({quote('external_id')}) DO UPDATE SET "
        + ", ".join(f"{name} = excluded.{name}" for name in updated)
        + f", {quote('updated_at')} = excluded.{quote('updated_at')} WHERE {differs}"
    )
    into = f"INSERT INTO {table} ({names}, {quote('created_at')}, {quote('updated_at')})"
    with connection.cursor() as cursor:
        if not postgres:
            cursor.executemany(
                f"{into} VALUES ({', '.join(['%s'] * (len(FIELDS) + 2))}) {on_conflict}",
                [(*row, now, now) for row in rows],
            )
            return cursor.rowcount
        # COPY into a scratch table, then one statement: the fast path for a national register.
        cursor.execute("DROP TABLE IF EXISTS organisation_import")
        cursor.execute(
            "CREATE TEMP TABLE organisation_import (external_id text, name text, "
            "type text, sector text, region text, local_authority text, size integer)"
            " ON COMMIT DROP"
        )
        with cursor.copy(f"COPY organisation_import ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        # Only names from the model are formatted into the SQL; every value is a parameter.
        cursor.execute(
            f"{into} SELECT {names}, %s, %s FROM organisation_import "  # noqa: S608
            f"{on_conflict}",
            [now, now],
        )
        changed = cursor.rowcount
        cursor.execute("DROP TABLE organisation_import")
        return changed


def start_batch(
    content: bytes, filename: str, column_map: dict[str, str], uploaded_by=None
) -> tuple[ImportBatch, ImportCheck]:
    """Keep an uploaded file with the result of checking it: checked, or refused with problems."""
    check = check_file(content, filename, column_map)
    batch = ImportBatch(uploaded_by=uploaded_by, filename=filename, content=content)
    batch.column_map = column_map
    record_check(batch, check)
    batch.save()
    return batch, check


def record_check(batch: ImportBatch, check: ImportCheck) -> None:
    """Note on the (unsaved) batch what checking its file found: its problems, or its counts and
    first rows, so its page shows them without reading the file again."""
    batch.status = ImportBatch.Status.CHECKED if check.ok else ImportBatch.Status.REFUSED
    batch.row_count = check.rows_read
    batch.errors = check.problem_dicts()
    batch.new_count, batch.existing_count = check.new_count, check.existing_count
    batch.preview, batch.notes = check.preview, check.notes


def finish_batch(batch: ImportBatch, check: ImportCheck | None = None) -> ImportResult | None:
    """Apply a batch's file (checking it again unless just checked) and record the outcome."""
    check = check or check_file(batch.content, batch.filename, batch.column_map)
    batch.row_count = check.rows_read
    batch.finished_at = timezone.now()
    if not check.ok:
        batch.status, batch.errors = ImportBatch.Status.REFUSED, check.problem_dicts()
        batch.save(update_fields=["status", "errors", "row_count", "finished_at"])
        return None
    with transaction.atomic():
        result = apply_import(check)
        batch.status, batch.errors = ImportBatch.Status.DONE, []
        batch.created_count, batch.updated_count = result.created, result.updated
        batch.save(
            update_fields=[
                "status",
                "errors",
                "row_count",
                "finished_at",
                "created_count",
                "updated_count",
            ]
        )
    return result
