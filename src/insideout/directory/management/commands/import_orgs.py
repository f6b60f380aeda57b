from argparse import RawDescriptionHelpFormatter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter

from insideout.directory.import_fields import DEFAULTS, FIELDS
from insideout.directory.imports import check_file, finish_batch, parse_column_map, start_batch

EPILOG = f"""\
Columns read without a map: {", ".join(FIELDS)}.
external_id and name are required; type is {DEFAULTS["type"]} where not given.

A file with any problem is refused whole: every problem is listed with its row and
column, and nothing is imported. Importing a file again updates the organisations
already there (matched on external_id) and never duplicates them.

Examples:
  insideout import-orgs schools.csv
  insideout import-orgs register.xlsx --dry-run
  insideout import-orgs edubase.csv --map URN=external_id --map EstablishmentName=name
"""


class HelpFormatter(DjangoHelpFormatter, RawDescriptionHelpFormatter):
    """Django's option order, with the examples laid out as written."""


class Command(BaseCommand):
    help = (
        "Import organisations from a CSV or XLSX register, or check it with --dry-run.\n\n"
        "Every row is checked before anything is written."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs.update(formatter_class=HelpFormatter, epilog=EPILOG)
        return super().create_parser(prog_name, "import-orgs", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("file", help="the register: a .csv (UTF-8) or .xlsx file")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="COLUMN=FIELD",
            dest="column_map",
            help="read FIELD from the file's COLUMN; give --map once for each column",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and say what would change, writing nothing",
        )

    def handle(self, *args, file: str, column_map: list[str], dry_run: bool, **options):
        path = Path(file)
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        try:
            mapping = parse_column_map(column_map)
        except ValueError as error:
            raise CommandError(str(error)) from None

        if dry_run:
            check = check_file(content, path.name, mapping)
        else:
            batch, check = start_batch(content, path.name, mapping)
        for note in check.notes:
            self.stdout.write(f"Note: {note}")
        if not check.ok:
            for problem in check.problem_dicts():
                self.stderr.write(problem["text"])
            raise CommandError(
                f"{path.name} was refused: {check.problem_count:,} "
                f"problem{'s' if check.problem_count != 1 else ''}. "
                "Nothing was imported."
            )
        if dry_run:
            self.stdout.write(
                f"{path.name} is ready to import: {check.row_count:,} "
                f"organisations, {check.new_count:,} new and "
                f"{check.existing_count:,} already in the directory. "
                "Nothing was written (--dry-run)."
            )
            return
        result = finish_batch(batch, check)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {path.name}: {check.row_count:,} organisations, {result.created:,} new, "
                f"{result.updated:,} updated, {result.unchanged:,} unchanged."
            )
        )
