"""Reading and cleaning a contacts file a column at a time, with Arrow, for a million rows.

The rules stay the row-by-row cleaners of import_fields.py: each column is first checked in bulk
for the common, well-formed case (a trimmed text of the right length, an ISO or British date, a
plain number), and only what that fast test cannot vouch for goes through the cleaner itself,
each distinct value once. The answers are the same as the cleaner's for every value (tests
check it on generated cells); a bad cell's message is the cleaner's own, asked for only when
the problem is listed.
"""

import codecs
import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, timedelta

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from insideout.directory.import_fields import CellProblem
from insideout.directory.spreadsheets import DELIMITERS, SPREADSHEET_SIGNATURES, Table

from .import_fields import Coordinate, Text, When, local_zone

# The characters str.strip() removes (str.isspace()), so a bulk trim trims the same.
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# The forms read in bulk, ISO 8601 and British, as the cleaner reads them too.
FORMS = (
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
)
PLAIN_NUMBER = r"^[+-]?(?:\d+\.?\d*|\.\d+)$"
SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods")


@dataclass
class Cells:
    """A file's header and its data as columns of text, with each row's number in the file."""

    header: list[str]
    header_row: int
    columns: list[pa.Array]
    numbers: np.ndarray
    notes: list[str] = field(default_factory=list)

    def column(self, position: int) -> pa.Array:
        if position < len(self.columns):
            return self.columns[position]
        return pa.array([""] * len(self.numbers), pa.string())


@dataclass
class Cleaned:
    """A column's clean values, which rows are bad, and the cleaner's words for a bad row."""

    values: pa.Array
    bad: np.ndarray
    message: Callable[[int], str]


def arrow_csv(content: bytes, filename: str = "") -> Cells | None:
    """A CSV read by Arrow, where it is plain: none for a spreadsheet, or a CSV with blank
    lines (skipped, yet counted in row numbers) or ragged rows, which the careful reader
    (directory/spreadsheets.py) reads and names the row of any problem."""
    if content.startswith(SPREADSHEET_SIGNATURES) or filename.lower().endswith(SPREADSHEETS):
        return None
    notes = []
    body = content[3:] if content.startswith(codecs.BOM_UTF8) else content
    if b"\x00" in body or body[:1] in (b"\n", b"\r") or b"\n\n" in body or b"\n\r\n" in body:
        return None
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        try:
            body = body.decode("cp1252").encode("utf-8")
        except UnicodeDecodeError:
            return None
        notes.append(
            "The file is not UTF-8, so we read it as Windows-1252, as older Excel "
            "saves CSV. Check that names with accents look right in the preview."
        )
    first_line = body.split(b"\n", 1)[0].decode("utf-8")
    delimiter = max(DELIMITERS, key=first_line.count)
    try:
        header = next(csv.reader([first_line], delimiter=delimiter))
    except (csv.Error, StopIteration):
        return None
    if not "".join(header).strip():
        return None
    names = [f"c{n}" for n in range(len(header))]
    try:
        table = pcsv.read_csv(
            io.BytesIO(body),
            read_options=pcsv.ReadOptions(column_names=names, skip_rows=1, block_size=1 << 24),
            parse_options=pcsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pcsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    columns = [table.column(n).combine_chunks() for n in range(len(names))]
    numbers = np.arange(2, table.num_rows + 2)
    blank = _blank_rows(columns, table.num_rows)
    if blank.any():
        keep = pa.array(~blank)
        columns = [column.filter(keep) for column in columns]
        numbers = numbers[~blank]
    return Cells([cell.strip() for cell in header], 1, columns, numbers, notes)


def _blank_rows(columns: list[pa.Array], rows: int) -> np.ndarray:
    width = np.zeros(rows, dtype=np.int64)
    for column in columns:
        width += pc.utf8_length(strip(column)).to_numpy(zero_copy_only=False)
    return width == 0


def from_table(table: Table) -> Cells:
    """The rows of a table (a spreadsheet, an Open311 file, an odd CSV) as columns; cells
    beyond the header are never read, so they are not kept."""
    width = len(table.header)
    values: list[list[str]] = [[] for _ in range(width)]
    numbers = []
    for number, cells in table.rows:
        numbers.append(number)
        cells = cells[:width] + [""] * (width - len(cells))
        for column, cell in zip(values, cells, strict=True):
            column.append(cell)
    columns = [pa.array(column, pa.string()) for column in values]
    return Cells(
        table.header, table.header_row, columns, np.array(numbers, dtype=np.int64), table.notes
    )


def strip(cells: pa.Array) -> pa.Array:
    """Each cell without the whitespace str.strip() removes."""
    return pc.utf8_trim(cells, WHITESPACE)


def _problem_message(clean: Callable[[str], object], raw: pa.Array) -> Callable[[int], str]:
    def message(row: int) -> str:
        try:
            clean(raw[row].as_py())
        except CellProblem as problem:
            return str(problem)
        raise AssertionError("The bulk check and the cleaner disagree.")  # pragma: no cover

    return message


def clean_text(raw: pa.Array, clean: Text) -> Cleaned:
    """Trimmed text; a row is bad if it is longer than the cleaner keeps."""
    trimmed = strip(raw)
    bad = pc.greater(pc.utf8_length(trimmed), clean.longest).to_numpy(zero_copy_only=False)
    return Cleaned(trimmed, bad, _problem_message(clean, raw))


def clean_each_value(raw: pa.Array, clean: Callable[[str], object], kind: pa.DataType) -> Cleaned:
    """For columns of few distinct values (channels, services, places): the cleaner asked once
    per distinct value."""
    distinct = pc.unique(raw)
    answers, refused = [], []
    for position, value in enumerate(distinct.to_pylist()):
        try:
            answers.append(clean(value))
        except CellProblem:
            answers.append(None)
            refused.append(position)
    where = pc.index_in(raw, distinct)
    values = pc.take(pa.array(answers, kind), where)
    bad = np.isin(where.to_numpy(zero_copy_only=False), refused)
    return Cleaned(values, bad, _problem_message(clean, raw))


def clean_when(raw: pa.Array, clean: When) -> Cleaned:
    """Dates and times in the usual forms parsed in bulk (each checked by writing it back the
    same, so only real dates pass), local time made UTC hour by hour; the rest (zones,
    fractions of seconds, 3/4/2025) by the cleaner."""
    trimmed = strip(raw)
    naive = pa.nulls(len(raw), pa.timestamp("us"))
    for form in FORMS:
        missing = naive.is_null()
        if not pc.any(missing).as_py():
            break
        parsed = pc.strptime(pc.if_else(missing, trimmed, ""), form, "us", error_is_null=True)
        same = pc.equal(pc.strftime(pc.cast(parsed, pa.timestamp("s"), safe=False), form), trimmed)
        real = pc.fill_null(pc.and_(same, pc.greater_equal(pc.year(parsed), 1)), False)
        naive = pc.if_else(real, parsed, naive)
    values = _local_to_utc(naive)
    empty = pc.equal(trimmed, "").to_numpy(zero_copy_only=False)
    missed = values.is_null().to_numpy(zero_copy_only=False) & ~empty
    bad = empty.copy() if clean.required else np.zeros(len(raw), dtype=bool)
    if missed.any():
        rows = np.flatnonzero(missed)
        slow = clean_each_value(raw.take(pa.array(rows)), clean, pa.timestamp("us", tz="UTC"))
        values = pc.replace_with_mask(values, pa.array(missed), slow.values)
        bad[rows[slow.bad]] = True
    return Cleaned(values, bad, _problem_message(clean, raw))


def _local_to_utc(naive: pa.Array) -> pa.Array:
    """Naive local times as UTC, as the cleaner makes them (Python's rule: the earlier of two
    readings of an hour the clocks go back over). Each day's offset is asked once; the few days
    on which the clocks change go row by row."""
    zone = local_zone()
    days = pc.floor_temporal(naive, unit="day")
    distinct = pc.unique(days)
    offsets: list[timedelta | None] = []
    for day in distinct.to_pylist():
        if day is None:
            offsets.append(None)
            continue
        start = day.replace(tzinfo=zone).utcoffset()
        end = (day + timedelta(days=1, microseconds=-1)).replace(tzinfo=zone).utcoffset()
        offsets.append(start if start == end else None)
    offset = pc.take(pa.array(offsets, pa.duration("us")), pc.index_in(days, distinct))
    utc = pc.cast(pc.subtract(naive, offset), pa.timestamp("us", tz="UTC"))
    changing = pc.and_(offset.is_null(), naive.is_valid()).to_numpy(zero_copy_only=False)
    if changing.any():
        rows = np.flatnonzero(changing)
        exact = [
            value.replace(tzinfo=zone).astimezone(UTC)
            for value in naive.take(pa.array(rows)).to_pylist()
        ]
        utc = pc.replace_with_mask(
            utc, pa.array(changing), pa.array(exact, pa.timestamp("us", tz="UTC"))
        )
    return utc


def clean_number(raw: pa.Array, clean: Coordinate) -> Cleaned:
    """Plain numbers parsed in bulk and checked against their range; the rest by the cleaner."""
    low, high = clean.lowest, clean.highest
    trimmed = strip(raw)
    plain = pc.match_substring_regex(trimmed, PLAIN_NUMBER)
    numbers = pc.cast(pc.if_else(plain, trimmed, "0"), pa.float64())
    inside = pc.and_(pc.greater_equal(numbers, low), pc.less_equal(numbers, high))
    good = pc.and_(plain, inside)
    empty = pc.equal(trimmed, "")
    values = pc.if_else(good, numbers, pa.scalar(None, pa.float64()))
    rest = pc.invert(pc.or_(good, empty)).to_numpy(zero_copy_only=False)
    bad = np.zeros(len(raw), dtype=bool)
    if rest.any():
        rows = np.flatnonzero(rest)
        slow = clean_each_value(raw.take(pa.array(rows)), clean, pa.float64())
        values = pc.replace_with_mask(values, pa.array(rest), slow.values)
        bad[rows[slow.bad]] = True
    return Cleaned(values, bad, _problem_message(clean, raw))


def repeats(keys: pa.Array, numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which rows repeat a key (null keys repeat nothing) of an earlier row, and the number of
    the row each key is first on."""
    if not len(keys):
        return np.zeros(0, dtype=bool), numbers
    codes = pc.index_in(keys, pc.unique(keys).drop_null()).fill_null(-1)
    codes = codes.to_numpy(zero_copy_only=False)
    order = np.arange(len(codes))
    distinct, first = np.unique(codes, return_index=True)
    first_of = np.zeros(max(int(codes.max()), 0) + 1, dtype=np.int64)
    first_of[distinct[distinct >= 0]] = first[distinct >= 0]
    earlier = np.where(codes >= 0, first_of[np.maximum(codes, 0)], order)
    return (codes >= 0) & (earlier != order), numbers[earlier]
