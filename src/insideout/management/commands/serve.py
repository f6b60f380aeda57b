from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from insideout import serving, upgrades
from insideout.web.commands import TeachingCommand


class Command(TeachingCommand):
    help = """Serve Inside Out, with the worker that sends its e-mails and runs its imports.

Serves whatever database DATABASE_URL names (by default var/insideout.sqlite3) with gunicorn
on 127.0.0.1, and runs beside it the task queue's worker and `insideout tick --every 10`,
which queues the periodic work (reminders, service-level checks, follow-ups). Ctrl-C stops
all three. To serve other machines, put a TLS proxy in front and set SITE_URL and
ALLOWED_HOSTS (see .env.example)."""
    examples = """
        insideout serve                      http://127.0.0.1:8000
        insideout serve --port 8123 --workers 4
        insideout serve --no-worker          when `insideout worker` and `tick` run elsewhere
    """

    def add_arguments(self, parser) -> None:
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on (8000).")
        parser.add_argument(
            "--host",
            default="127.0.0.1",
            help="Address to listen on (127.0.0.1: this machine only).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=2,
            help="Web worker processes (2). Each serves one request at a time.",
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not run the task worker or the ticker here.",
        )

    def handle(self, *args, port: int, host: str, workers: int, no_worker: bool, **options) -> None:
        if not 0 < port < 65536:
            raise CommandError(f"--port must be between 1 and 65535, not {port}.")
        if workers < 1:
            raise CommandError("--workers must be at least 1.")
        pending = upgrades.unapplied_migrations()
        if pending:
            raise CommandError(
                f"The database {settings.DATABASES['default']['NAME']} is not set up "
                f"({pending} migrations to apply). Run `insideout migrate` first, "
                "or `insideout demo` to build the demo department."
            )
        if serving.port_in_use(host, port):
            raise CommandError(
                f"Something is already using port {port} on {host}. Stop it, or choose "
                f"another port: insideout serve --port {port + 1}"
            )
        if upgrades.static_files_stale():  # first run, or an upgrade changed them
            self.stdout.write("Bringing the static files up to date...")
            call_command("collectstatic", interactive=False, verbosity=0)
        plan = serving.ServerPlan(host=host, port=port, workers=workers, with_worker=not no_worker)
        exited = serving.run(plan, self.stdout)
        if exited:
            raise CommandError(
                f"The {exited} stopped unexpectedly, so Inside Out has stopped. "
                "Its messages above say why."
            )
        self.stdout.write("Stopped.")
