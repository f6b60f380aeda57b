"""What Inside Out's commands share: a `--help` that keeps its paragraphs and shows examples, and
the shape of a command that imports a file."""

import textwrap
from argparse import RawDescriptionHelpFormatter
from collections.abc import Callable
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter


class ExampleHelpFormatter(DjangoHelpFormatter, RawDescriptionHelpFormatter):
    """The command's own options first (as Django does), its description and examples as written."""


class TeachingCommand(BaseCommand):
    """A command whose `--help` ends with examples; the first line of `help` is its summary."""

    examples = ""

    def create_parser(self, prog_name: str, subcommand: str, **kwargs):
        # Show the name people type (`create-token`), not the management command's own.
        subcommand = subcommand.replace("_", "-")
        kwargs.setdefault("formatter_class", ExampleHelpFormatter)
        if self.examples:
            kwargs.setdefault(
                "epilog",
                "Examples:\n" + textwrap.indent(textwrap.dedent(self.examples).strip("\n"), "  "),
            )
        return super().create_parser(prog_name, subcommand, **kwargs)


class FileImportCommand(TeachingCommand):
    """A command that imports one file all or nothing: `FILE [--map COLUMN=FIELD]... [--dry-run]`.

    A subclass names its file (`file_help`) and reads the file with `read_file`, then lets
    `refuse_unless_ok` print the check's notes and problems, stopping the command if any.
    """

    file_help = "the file to import"

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help=self.file_help)
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

    def read_file(
        self, file: str, column_map: list[str], parse_column_map: Callable[[list[str]], dict]
    ) -> tuple[Path, bytes, dict[str, str]]:
        """The file's path, its bytes and the column map, or a CommandError saying what is wrong."""
        path = Path(file)
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        try:
            return path, content, parse_column_map(column_map)
        except ValueError as error:
            raise CommandError(str(error)) from None

    def refuse_unless_ok(self, path: Path, check) -> None:
        """Print the check's notes; if it found problems, print each and stop."""
        for note in check.notes:
            self.stdout.write(f"Note: {note}")
        if not check.ok:
            for problem in check.problem_dicts():
                self.stderr.write(problem["text"])
            raise CommandError(
                f"{path.name} was refused: {check.problem_count:,} "
                f"problem{'s' if check.problem_count != 1 else ''}. Nothing was imported."
            )
