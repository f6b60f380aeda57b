"""Tables as downloads: CSV and XLSX from the same headers and rows, safe to open in Excel."""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from openpyxl import Workbook

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def defused(value):
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe (OWASP)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def table_download(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence], fmt: str
) -> HttpResponse:
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}")
    response = HttpResponse(content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        writer.writerows([defused(v) for v in row] for row in rows)
        response.write("\ufeff" + buffer.getvalue())  # the BOM tells Excel it is UTF-8
        return response
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(filename[:31])
    sheet.append(list(headers))
    for row in rows:
        sheet.append([defused(v) for v in row])
    workbook.save(response)
    return response
