import json
from pathlib import Path

from django.core.management.base import CommandError

from insideout.catalogue.hsds.importing import import_hsds
from insideout.catalogue.hsds.reading import KINDS_IN
from insideout.web.commands import TeachingCommand


class Command(TeachingCommand):
    help = """Import services from Open Referral HSDS 3 JSON into the capability catalogue.

FILE holds one fully nested service, a list of them, or a page of them as an HSDS API answers
(`{"total_items": ..., "contents": [...]}`); organisations and service-at-locations are read too
(say which with --kind if it is not clear). The whole file is checked against the official HSDS
3.0 schemas first: if anything is wrong, every problem is listed with its JSON path and nothing is
imported. Objects are matched on their HSDS ids, so importing a file again updates what it
imported before and never duplicates it."""
    examples = """
        insideout hsds-import services.json
        insideout hsds-import page.json --kind service
        curl 'https://example.org/hsds/services?full=true' > page.json
        insideout hsds-import page.json
    """

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="the HSDS JSON file")
        parser.add_argument(
            "--kind",
            choices=KINDS_IN,
            help="what the file's objects are (worked out from each object if not given)",
        )

    def handle(self, *args, file: str, kind: str | None, **options) -> None:
        try:
            data = json.loads(Path(file).read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{file} is not JSON: {error}.") from None
        outcome = import_hsds(data, kind)
        if not outcome.ok:
            for problem in outcome.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{file} was refused: {len(outcome.problems)} problem"
                f"{'s' if len(outcome.problems) != 1 else ''} (listed above). Nothing was imported."
            )
        lines = [
            f"  {name}: {n['added']} added, {n['updated']} updated"
            for name, n in outcome.counts.items()
        ]
        self.stdout.write(f"Imported {outcome.roots} object(s) from {file}:\n" + "\n".join(lines))
