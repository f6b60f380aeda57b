import sys

from django.core.management import call_command
from django.core.management.base import CommandError

from insideout import upgrades
from insideout.web.commands import TeachingCommand


class Command(TeachingCommand):
    help = """After installing a release: check the settings, migrate, collect the static files.

Run it after installing a new release, before starting the new version's web servers. It checks
the settings first (Django's deployment checks and Inside Out's own) and changes nothing while
one is wrong; then applies the database migrations; then collects the static files again. With
--check it only says what it would do, and exits with status 1 when there is something to do,
so a deployment script can stop and ask. Back up first (`insideout backup DIR`): it names the
migrations that cannot be undone. docs/deploying.md gives the order for an upgrade without
downtime behind a load balancer."""
    examples = """
        insideout upgrade --check            say what an upgrade would change, change nothing
        insideout upgrade                    check the settings, migrate, collect static files
    """

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Say what would change and change nothing; exit 1 if anything would.",
        )

    def handle(self, *args, check: bool, **options) -> None:
        plan = upgrades.plan()
        for line in upgrades.describe(plan):
            self.stdout.write(line)
        if check:
            if not plan.nothing_to_do:
                sys.exit(1)
            return
        if plan.errors:
            raise CommandError("Nothing was changed: fix the settings above, then run it again.")
        if plan.migrations:
            call_command("migrate", interactive=False, verbosity=0)
            self.stdout.write(f"Applied {upgrades.migrations_count(len(plan.migrations))}.")
        if plan.static_stale:
            call_command("collectstatic", interactive=False, verbosity=0)
            self.stdout.write("Collected the static files.")
        left = upgrades.plan()
        if left.migrations or left.static_stale:
            raise CommandError("The upgrade did not finish: run `insideout upgrade --check`.")
        self.stdout.write(self.style.SUCCESS("Up to date."))
