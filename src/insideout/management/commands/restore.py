from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

from insideout import backups
from insideout.web.commands import TeachingCommand


class Command(TeachingCommand):
    help = """Restore a backup made by `insideout backup`, replacing everything in the database.

Checks first, touching nothing: that the backup was not made by a newer Inside Out (its
version and its migrations), that it is of this kind of database, and that its file is the
one the backup wrote. Then replaces the database (pg_restore in one transaction on
PostgreSQL), counts every table's rows against the manifest, and applies any migrations this
Inside Out has that the backup did not. Stop the service first (docs/deploying.md)."""
    examples = """
        insideout restore /var/backups/insideout/2026-12-01          asks you to confirm
        insideout restore /var/backups/insideout/2026-12-01 --yes    no question (scripts)
        insideout restore /var/backups/insideout/2026-12-01 --check  only check it could
    """

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", help="The folder `insideout backup` wrote.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing the database."
        )
        parser.add_argument(
            "--check", action="store_true", help="Only check the backup could be restored."
        )

    def handle(self, *args, directory: str, yes: bool, check: bool, **options) -> None:
        folder = Path(directory)
        try:
            manifest = backups.read_manifest(folder)
            backups.check_restorable(folder, manifest)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"{directory}: {rows:,} rows, made {manifest['created_at']} by Inside Out "
            f"{manifest['inside_out_version']}. It can be restored here."
        )
        if check:
            return
        if not yes and input("Replace everything in this database with it? [y/N] ") != "y":
            raise CommandError("Nothing was restored.")
        try:
            missing = backups.restore(folder)
        except backups.BackupError as error:
            raise CommandError(str(error)) from None
        if missing:
            detail = ", ".join(
                f"{t}: {want} rows, found {got}" for t, (want, got) in missing.items()
            )
            raise CommandError(f"The restore did not bring back every row: {detail}")
        self.stdout.write(f"Restored {rows:,} rows; every table has the rows it had.")
        call_command("migrate", interactive=False, verbosity=0)
