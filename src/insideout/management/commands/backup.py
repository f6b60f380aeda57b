from pathlib import Path

from django.core.management.base import CommandError

from insideout import backups
from insideout.web.commands import TeachingCommand


class Command(TeachingCommand):
    help = """Back the whole database up into a folder: one file and a manifest.

On PostgreSQL the file is pg_dump's custom format (pg_dump must be installed, of the server's
version); on SQLite it is a copy made with SQLite's online backup API. Both are safe while
Inside Out runs. manifest.json beside it says which Inside Out made it, its migrations, and
how many rows each table had, so `insideout restore` can check it found every row. Schedule
it daily (docs/deploying.md) and copy the folder off the machine."""
    examples = """
        insideout backup /var/backups/insideout/2026-12-01
        insideout backup "/var/backups/insideout/$(date +%F-%H%M)"   from cron or a timer
    """

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", help="A new (or empty) folder to write the backup to.")

    def handle(self, *args, directory: str, **options) -> None:
        try:
            manifest = backups.backup(Path(directory))
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Backed up {rows:,} rows in {len(manifest['counts'])} tables to {directory} "
            f"({manifest['engine']}, Inside Out {manifest['inside_out_version']})."
        )
