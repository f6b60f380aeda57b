import json
from pathlib import Path

from django.core.management.base import CommandError

from insideout.language import embeddings
from insideout.themes.standalone import FileProblem, as_csv, read_framework, read_rows, theme_rows
from insideout.web.commands import TeachingCommand


class Command(TeachingCommand):
    help = (
        "Group the free text in a CSV file into themes, with labels and key phrases.\n\n"
        "Prints JSON: `themes` (id, label, key_phrases, size) and `assignments` (id, theme,\n"
        "confidence), one assignment per row in the file's order; a row's id is its --id\n"
        "column, or its row number (from 1). With --framework, texts are assigned to the\n"
        "framework's themes, and texts that fit none are grouped as candidate themes after\n"
        "them. Works offline; without the 'themes' extra it uses TF-IDF and says so."
    )
    # It reads a file and prints; it needs no database, so no checks of the site either.
    requires_system_checks: list[str] = []
    examples = """
        insideout themes comments.csv --text comment
        insideout themes comments.csv --text comment --id response_id --themes 8
        insideout themes comments.csv --text comment --framework framework.json --format csv
    """

    def add_arguments(self, parser):
        parser.add_argument("file", help="a CSV file (UTF-8) with a header row")
        parser.add_argument("--text", required=True, metavar="COLUMN", help="the text column")
        parser.add_argument("--id", metavar="COLUMN", help="a column that names each row")
        parser.add_argument(
            "--themes",
            type=int,
            metavar="N",
            help="how many themes (default: chosen from the text)",
        )
        parser.add_argument(
            "--framework",
            metavar="FILE.json",
            help='pinned themes: [{"name": ..., "description": ..., "examples": [...]}, ...]',
        )
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument(
            "--sentiment", action="store_true", help="add each row's sentiment to its assignment"
        )

    def handle(self, *args, file, text, id, themes, framework, format, sentiment, **options):
        if themes is not None and themes < 1:
            raise CommandError("--themes must be 1 or more")
        try:
            rows = read_rows(Path(file), text, id)
            pinned = read_framework(Path(framework)) if framework else None
        except FileProblem as problem:
            raise CommandError(str(problem)) from None
        note = embeddings.engine_note()
        if note:
            self.stderr.write(note)
        result = theme_rows(rows, themes, pinned, sentiment)
        if format == "csv":
            self.stdout.write(as_csv(result), ending="")
        else:
            self.stdout.write(json.dumps(result, indent=2))
