from insideout.directory.import_fields import DEFAULTS, FIELDS
from insideout.directory.imports import check_file, finish_batch, parse_column_map, start_batch
from insideout.web.commands import FileImportCommand


class Command(FileImportCommand):
    help = f"""Import organisations from a CSV or XLSX register, or check it with --dry-run.

Every row is checked before anything is written.

Columns read without a map: {", ".join(FIELDS)}.
external_id and name are required; type is {DEFAULTS["type"]} where not given.

A file with any problem is refused whole: every problem is listed with its row and
column, and nothing is imported. Importing a file again updates the organisations
already there (matched on external_id) and never duplicates them."""
    examples = """
        insideout import-orgs schools.csv
        insideout import-orgs register.xlsx --dry-run
        insideout import-orgs edubase.csv --map URN=external_id --map EstablishmentName=name
    """
    file_help = "the register: a .csv (UTF-8) or .xlsx file"

    def handle(self, *args, file: str, column_map: list[str], dry_run: bool, **options):
        path, content, mapping = self.read_file(file, column_map, parse_column_map)
        if dry_run:
            check = check_file(content, path.name, mapping)
        else:
            batch, check = start_batch(content, path.name, mapping)
        self.refuse_unless_ok(path, check)
        if dry_run:
            self.stdout.write(
                f"{path.name} is ready to import: {check.row_count:,} "
                f"organisations, {check.new_count:,} new and "
                f"{check.existing_count:,} already in the directory. "
                "Nothing was written (--dry-run)."
            )
            return
        result = finish_batch(batch, check)
        assert result is not None  # the check passed: refuse_unless_ok let it through
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {path.name}: {check.row_count:,} organisations, {result.created:,} new, "
                f"{result.updated:,} updated, {result.unchanged:,} unchanged."
            )
        )
