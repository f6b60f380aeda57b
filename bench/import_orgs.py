"""How long a national register takes to import: `.venv/bin/python bench/import_orgs.py`.

Uses a throwaway database: a temporary SQLite file, or, when DATABASE_URL names PostgreSQL, a
scratch database `insideout_bench` beside it, created and dropped here. Times check + apply for
a first import, a re-import with a tenth of the rows changed, and the same register as XLSX.
"""

import argparse
import csv
import io
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from harness import drop_postgres, scratch_postgres

CEILING_S = 20.0
SCRATCH_DB = "insideout_bench"
SEED = 20261123

PLACES = [
    "Moorside",
    "Riverside",
    "Hillside",
    "Oakwood",
    "St Mary's",
    "St John's",
    "Holy Trinity",
    "Ashfield",
    "Greenbank",
    "Westfield",
    "Kingsway",
    "Beacon",
    "Meadowbrook",
    "Castle",
    "Park View",
    "Elmhurst",
    "Brookfield",
    "Fairfield",
    "Highgate",
    "Northgate",
]
KINDS = [
    ("school", "Primary School", 60),
    ("School", "Academy", 15),
    ("gp_practice", "Medical Centre", 12),
    ("GP practice", "Surgery", 5),
    ("hospital", "Community Hospital", 2),
    ("charity", "Community Trust", 4),
    ("Business", "Training Ltd", 2),
]
SECTORS = {
    "school": "public",
    "School": "Public",
    "gp_practice": "public",
    "GP practice": "Public",
    "hospital": "public",
    "charity": "Voluntary and community",
    "Business": "private",
}
REGIONS = [
    "E12000001",
    "North West",
    "E12000003",
    "East Midlands",
    "E12000005",
    "East of England",
    "London",
    "E12000008",
    "South West",
]
HEADER = ["external_id", "name", "type", "sector", "region", "local_authority", "size"]


def register(rows: int, changed_every: int = 0) -> list[list[str]]:
    """A deterministic national register; with changed_every, every nth name is different."""
    rng = random.Random(SEED)
    weights = [k[2] for k in KINDS]
    lines = []
    for i in range(rows):
        type_value, kind, _ = rng.choices(KINDS, weights)[0]
        name = f"{rng.choice(PLACES)} {kind} {i // len(PLACES) + 1}"
        if changed_every and i % changed_every == 0:
            name += " (renamed)"
        size = rng.randint(8, 3_000)
        lines.append(
            [
                f"{100000 + i}",
                name,
                type_value,
                SECTORS[type_value],
                rng.choice(REGIONS),
                f"E0{rng.choice('6789')}{rng.randint(0, 999999):06d}",
                f"{size:,}" if size > 999 and i % 3 else str(size),
            ]
        )
    return lines


def as_csv(lines: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(lines)
    return out.getvalue().encode("utf-8")


def as_xlsx(lines: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Register")
    sheet.append(HEADER)
    for line in lines:
        sheet.append([int(line[0]), *line[1:6], int(line[6].replace(",", ""))])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def timed(label: str, content: bytes, filename: str, rows: int) -> float:
    from insideout.directory.imports import apply_import, check_file

    started, cpu = time.perf_counter(), time.process_time()
    check = check_file(content, filename)
    checked = time.perf_counter()
    if not check.ok:
        sys.exit(f"The benchmark register was refused: {check.problems[:3]}")
    result = apply_import(check)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"{label}: {seconds:.2f} s for {rows:,} rows ({rows / seconds:,.0f} rows/s; "
        f"check {checked - started:.2f} s, apply {seconds - (checked - started):.2f} s; "
        f"{cpu:.2f} s of this process's CPU) "
        f"— {CEILING_S / seconds:.1f}x under the {CEILING_S:.0f} s ceiling. "
        f"{result.created:,} new, {result.updated:,} updated, {result.unchanged:,} unchanged."
    )
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()

    given = os.environ.get("DATABASE_URL", "")
    postgres = given.startswith(("postgres://", "postgresql://"))
    workdir = tempfile.TemporaryDirectory()
    os.environ["DATABASE_URL"] = (
        scratch_postgres(given, SCRATCH_DB)
        if postgres
        else f"sqlite:///{Path(workdir.name) / 'bench.db'}"
    )
    os.environ.setdefault("INSIDEOUT_VAR_DIR", workdir.name)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "insideout.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from insideout.directory.models import Organisation

    try:
        call_command("migrate", verbosity=0)
        print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
        first = register(args.rows)
        csv_first, csv_again = as_csv(first), as_csv(register(args.rows, changed_every=10))
        xlsx = as_xlsx(first)
        print(
            f"Register: {args.rows:,} rows, CSV {len(csv_first) / 1e6:.1f} MB, "
            f"XLSX {len(xlsx) / 1e6:.1f} MB"
        )
        timed("first import (CSV)", csv_first, "register.csv", args.rows)
        timed("re-import, a tenth changed (CSV)", csv_again, "register.csv", args.rows)
        timed("re-import, back as before (XLSX)", xlsx, "register.xlsx", args.rows)
        Organisation.objects.all().delete()
        timed("first import (XLSX)", xlsx, "register.xlsx", args.rows)
        assert Organisation.objects.count() == args.rows
    finally:
        connection.close()
        if postgres:
            drop_postgres(given, SCRATCH_DB)
        workdir.cleanup()


if __name__ == "__main__":
    main()
