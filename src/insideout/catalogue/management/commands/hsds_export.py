import time
from pathlib import Path

from django.core.management.base import CommandError

from insideout.catalogue.hsds.exporting import export_hsds
from insideout.catalogue.hsds.shapes import InvalidExport
from insideout.web.commands import TeachingCommand


class Command(TeachingCommand):
    help = """Export the capability catalogue as Open Referral HSDS 3 JSON files into DIR.

Writes services.json (a list of fully nested services, as an HSDS API's /services/{id} gives
each) and one file per other kind of object in HSDS's tabular shape (organizations.json,
locations.json, phones.json, ...). Every object is checked against the official HSDS 3.0
schema as it is written; --no-check skips that for speed."""
    examples = """
        insideout hsds-export var/hsds
        insideout hsds-export /tmp/catalogue --no-check
    """

    def add_arguments(self, parser) -> None:
        parser.add_argument("dir", help="the folder to write to (made if missing)")
        parser.add_argument(
            "--no-check",
            action="store_true",
            help="do not check each object against the official schema",
        )

    def handle(self, *args, dir: str, no_check: bool, **options) -> None:
        started = time.perf_counter()
        try:
            written = export_hsds(Path(dir), check=not no_check)
        except InvalidExport as invalid:
            raise CommandError(
                f"An object breaks the HSDS schema, so the export stopped: {invalid}"
            ) from None
        except OSError as error:
            raise CommandError(f"Cannot write to {dir}: {error.strerror}.") from None
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Wrote {written['services.json']:,} services and "
            f"{sum(written.values()) - written['services.json']:,} other objects to {dir} "
            f"in {seconds:.1f} s{'' if no_check else ', each checked against HSDS 3.0'}."
        )
