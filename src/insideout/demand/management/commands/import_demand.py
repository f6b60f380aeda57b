from insideout.demand.import_fields import FIELDS, REQUIRED
from insideout.demand.imports import check_file, finish_import, parse_column_map, start_import
from insideout.demand.tasks import classify_and_refresh
from insideout.web.commands import FileImportCommand


class Command(FileImportCommand):
    help = f"""Import citizens' contacts from a CSV, XLSX or Open311 JSON file (--dry-run checks).

Columns read without a map: {", ".join(FIELDS)}.
{", ".join(REQUIRED)} are required. Services are named by their code or name.

A file with any problem is refused whole: every problem is listed with its row and column,
and nothing is imported. Importing a file again updates the contacts already there (matched
on external_id, or on date, service, channel and words where the file has no identifier) and
never duplicates them. Personal data is scrubbed from the text as it is read; the analysts'
rules classify what they can, and the classifier the rest, in the background.

An Open311 file is a JSON list of GeoReport v2 requests (as GET requests.json returns):
service_request_id, requested_datetime, service_code and description are read, and a closed
request's updated_datetime is when it was resolved."""
    examples = """
        insideout import-demand contacts.csv
        insideout import-demand contacts.xlsx --dry-run
        insideout import-demand calls.csv --map "Call ID=external_id" --map Opened=received_at
        insideout import-demand boston-requests.json
    """

    file_help = "the contacts: a .csv (UTF-8), .xlsx or .json file"

    def handle(self, *args, file: str, column_map: list[str], dry_run: bool, **options):
        path, content, mapping = self.read_file(file, column_map, parse_column_map)
        if dry_run:
            check = check_file(content, path.name, mapping)
        else:
            batch, check = start_import(content, path.name, mapping)
        self.refuse_unless_ok(path, check)
        summary = (
            f"{check.row_count:,} contacts, {check.new_count:,} new and "
            f"{check.existing_count:,} already here; personal data scrubbed from "
            f"{check.scrubbed_count:,}; {check.classified_count:,} classified by rules"
        )
        if dry_run:
            self.stdout.write(
                f"{path.name} is ready to import: {summary}. Nothing was written (--dry-run)."
            )
            return
        result = finish_import(batch, check)
        assert result is not None  # the check passed: refuse_unless_ok let it through
        classify_and_refresh.enqueue()
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {path.name}: {summary}. {result.created:,} new, "
                f"{result.updated:,} updated, {result.unchanged:,} unchanged."
            )
        )
