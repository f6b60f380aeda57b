"""Reading an uploaded CSV or spreadsheet into rows of text, numbered as a spreadsheet shows."""

import csv
import datetime
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from python_calamine import CalamineError, CalamineWorkbook

# Zip (xlsx, xlsm, ods) and OLE2 (xls) files start with these bytes, whatever their name says.
SPREADSHEET_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
DELIMITERS = (",", ";", "\t")


class UnreadableFile(ValueError):
    """The file is not a CSV or spreadsheet we can read; the message says what to do, and `row`
    which row stopped the reading, where one did."""

    def __init__(self, message: str, row: int | None = None) -> None:
        super().__init__(message)
        self.message, self.row = message, row

    def __str__(self) -> str:
        return f"Row {self.row}: {self.message}" if self.row else self.message


@dataclass
class Table:
    """The header row and the data rows of a file, each row with its spreadsheet row number."""

    header: list[str]
    header_row: int
    rows: Iterator[tuple[int, list[str]]]
    notes: list[str] = field(default_factory=list)


def read_table(content: bytes, filename: str = "") -> Table:
    """The first sheet of an Excel file, or a CSV in UTF-8 (or Excel's Windows-1252)."""
    if not content.strip():
        raise UnreadableFile("The file is empty.")
    notes: list[str] = []
    if content.startswith(SPREADSHEET_SIGNATURES):
        lines = _spreadsheet_rows(content)
    elif filename.lower().endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        raise UnreadableFile(
            "The file is named as a spreadsheet but is not one. "
            "Save it from Excel as .xlsx or as CSV UTF-8, then upload it again."
        )
    else:
        lines, notes = _csv_rows(content)
    numbered = ((number, row) for number, row in enumerate(lines, start=1))
    for number, row in numbered:
        if "".join(row).strip():
            header = [cell.strip() for cell in row]
            data = ((n, r) for n, r in numbered if "".join(r).strip())
            return Table(header=header, header_row=number, rows=data, notes=notes)
    raise UnreadableFile("The file has no header row: every row is blank.")


def _csv_rows(content: bytes) -> tuple[Iterator[list[str]], list[str]]:
    notes = []
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError:
            raise UnreadableFile(
                "We could not read the text of this file. Save it from Excel as "
                "‘CSV UTF-8 (comma delimited)’ or as .xlsx, then upload it again."
            ) from None
        notes.append(
            "The file is not UTF-8, so we read it as Windows-1252, as older Excel "
            "saves CSV. Check that names with accents look right in the preview."
        )
    if "\x00" in text:
        raise UnreadableFile("This is not a CSV or Excel file. Upload a .csv or .xlsx file.")
    first_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)
    return _csv_records(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)), notes


def _csv_records(reader) -> Iterator[list[str]]:
    """The reader's rows; a row it cannot read stops the file with a message naming the row."""
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            limit = csv.field_size_limit()
            reason = (
                f"it has a cell longer than {limit:,} characters, more than any register "
                "holds (often a quotation mark that is never closed)"
                if "field larger than field limit" in str(error)
                else f"the reader said: {error}"
            )
            raise UnreadableFile(
                f"This row could not be read: {reason}. Correct it, then upload the file again.",
                row=number + 1,
            ) from None
        number += 1
        yield row


def _spreadsheet_rows(content: bytes) -> Iterator[list[str]]:
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        # Not skipping the empty area keeps row numbers as the spreadsheet shows them.
        cells = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except (CalamineError, ValueError, OSError) as error:
        raise UnreadableFile(
            "We could not open this spreadsheet. Save it from Excel as .xlsx or as "
            f"CSV UTF-8, then upload it again. (The reader said: {error})"
        ) from None
    return ([_cell_text(value) for value in row] for row in cells)


def _cell_text(value: object) -> str:
    """A cell as the text a person sees: 100001, not 100001.0."""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return "" if value is None else str(value)
