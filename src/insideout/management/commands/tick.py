import signal
import threading

from django.core.management.base import CommandError
from django.utils import timezone
from django_tasks.base import Task

from insideout.asks.tasks import ask_if_fixed, check_service_levels
from insideout.burdens.tasks import request_reports, sum_closed_quarters
from insideout.demand.tasks import demand_upkeep
from insideout.outbox.tasks import retry_email
from insideout.pulses.tasks import send_due_reminders
from insideout.web.commands import TeachingCommand

# The work that falls due with time rather than with what someone does, for the worker to run.
PERIODIC_TASKS: list[Task] = [
    send_due_reminders,
    check_service_levels,
    ask_if_fixed,
    retry_email,
    demand_upkeep,
    request_reports,
    sum_closed_quarters,
]


class Command(TeachingCommand):
    help = """Queue the periodic work: pulse reminders, service-level checks, follow-ups, retries.

The task queue runs work when it is queued, and nothing queues work that falls due with time:
reminders to doers who have not answered a pulse, flags on asks past their service level,
the follow-up some weeks after delivery, e-mails to try again, and asking doers, once, what
a return or inspection that fell due really took them, and demand's upkeep (citizens' raw
words forgotten after their retention period, a new classifier after new labels, the charts'
snapshot brought up to date). `tick` queues each of them
once for the worker (`insideout worker`); each is safe to run as often as you like. Run it from
cron every ten minutes, or let it repeat with --every. `insideout serve` runs `tick --every 10`
for you."""
    examples = """
        insideout tick                       queue the periodic work once, then stop
        */10 * * * * insideout tick          the line for a crontab
        insideout tick --every 10            queue it every ten minutes until stopped
    """

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--every",
            type=float,
            metavar="MINUTES",
            help="Repeat every MINUTES minutes until stopped (Ctrl-C or "
            "SIGTERM); without it, queue the work once.",
        )

    def handle(self, *args, every: float | None, **options) -> None:
        if every is None:
            self.tick()
            return
        if every <= 0:
            raise CommandError(f"--every must be a number of minutes above 0, not {every:g}.")
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda signum, frame: stop.set())
        self.stdout.write(f"Queueing the periodic work every {every:g} minutes. Ctrl-C stops.")
        while not stop.is_set():
            self.tick()
            stop.wait(every * 60)
        self.stdout.write("Stopped.")

    def tick(self) -> None:
        """Queue each periodic task once and say so."""
        for periodic in PERIODIC_TASKS:
            result = periodic.enqueue()
            self.stdout.write(
                f"{timezone.localtime():%Y-%m-%d %H:%M:%S} queued "
                f"{periodic.module_path} ({result.status.lower()})"
            )
        self.stdout.flush()
