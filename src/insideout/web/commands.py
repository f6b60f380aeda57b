"""What Inside Out's commands share: a `--help` that keeps its paragraphs and shows examples."""

import textwrap
from argparse import RawDescriptionHelpFormatter

from django.core.management.base import BaseCommand, DjangoHelpFormatter


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
