"""Prometheus metrics at /metrics: request rates and latencies (counted by the web kit as each
request is answered), and figures read from the database at each scrape: the task queue's depth
and age, e-mails failed or waiting to be tried again, open pulses' response rates, and asks past
their service levels. Counts only: nothing names a person, and no breakdown is given that the
pages would suppress.

Refused (404) unless METRICS_TOKEN is set, and then to any caller without that bearer token.
Under gunicorn with several workers, set PROMETHEUS_MULTIPROC_DIR so the request figures of every
worker are added up (docs/deploying.md, "Monitoring")."""

import hmac
import os

from django.conf import settings
from django.db.models import Count, Min, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks_db.models import DBTaskResult
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from insideout.asks.models import Ask
from insideout.asks.service_levels import missed
from insideout.outbox.models import OutboxMessage
from insideout.pulses.models import Invitation, Pulse


class ServiceFigures:
    """Figures read from the database when Prometheus scrapes."""

    def collect(self):
        now = timezone.now()
        yield from self.task_queue(now)
        yield from self.email()
        yield from self.pulses()
        yield from self.asks(now)

    def task_queue(self, now):
        ready = DBTaskResult.objects.filter(status="READY")
        waiting = ready.aggregate(count=Count("pk"), oldest=Min("enqueued_at"))
        depth = GaugeMetricFamily("insideout_task_queue_depth", "Tasks waiting for the worker.")
        depth.add_metric([], waiting["count"])
        age = GaugeMetricFamily(
            "insideout_task_queue_oldest_age_seconds",
            "How long the oldest waiting task has waited (0 when none waits).",
        )
        oldest = waiting["oldest"]
        age.add_metric([], (now - oldest).total_seconds() if oldest else 0)
        failed = GaugeMetricFamily("insideout_tasks_failed", "Tasks that failed, all time.")
        failed.add_metric([], DBTaskResult.objects.filter(status="FAILED").count())
        return [depth, age, failed]

    def email(self):
        counts = OutboxMessage.objects.aggregate(
            failed=Count("pk", filter=Q(status=OutboxMessage.Status.FAILED)),
            retrying=Count(
                "pk",
                filter=Q(status=OutboxMessage.Status.QUEUED, next_attempt_at__isnull=False),
            ),
            queued=Count("pk", filter=Q(status=OutboxMessage.Status.QUEUED)),
        )
        family = GaugeMetricFamily(
            "insideout_email_messages",
            "E-mails by state: failed for good, waiting to be tried again, queued in all.",
            labels=["state"],
        )
        for state, count in counts.items():
            family.add_metric([state], count)
        return [family]

    def pulses(self):
        rows = (
            Invitation.objects.filter(pulse__status=Pulse.Status.OPEN)
            .values("pulse_id")
            .annotate(
                invited=Count("pk"), answered=Count("pk", filter=Q(submitted_at__isnull=False))
            )
            .order_by("pulse_id")
        )
        invited = GaugeMetricFamily(
            "insideout_pulse_invited", "People invited to each open pulse.", labels=["pulse"]
        )
        answered = GaugeMetricFamily(
            "insideout_pulse_answered",
            "Invitations answered, for each open pulse.",
            labels=["pulse"],
        )
        rate = GaugeMetricFamily(
            "insideout_pulse_response_rate",
            "Share of invitations answered (0 to 1), for each open pulse.",
            labels=["pulse"],
        )
        for row in rows:
            pulse = str(row["pulse_id"])
            invited.add_metric([pulse], row["invited"])
            answered.add_metric([pulse], row["answered"])
            rate.add_metric([pulse], row["answered"] / row["invited"] if row["invited"] else 0)
        return [invited, answered, rate]

    def asks(self, now):
        counts = Ask.objects.aggregate(
            **{target: Count("pk", filter=rule) for target, rule in missed(now).items()}
        )
        family = GaugeMetricFamily(
            "insideout_asks_past_service_level",
            "Asks past a service level now, by the target they missed.",
            labels=["target"],
        )
        for target, count in counts.items():
            family.add_metric([target], count)
        return [family]


def registry() -> CollectorRegistry:
    """Request figures (every worker's, where gunicorn runs several) and the service's."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        combined = CollectorRegistry()
        MultiProcessCollector(combined)
    else:
        combined = CollectorRegistry(auto_describe=True)
        combined.register(_ProcessFigures())
    combined.register(ServiceFigures())
    return combined


class _ProcessFigures:
    """This process's own figures (the default registry), when one process serves."""

    def collect(self):
        yield from REGISTRY.collect()


def bearer_matches(request: HttpRequest, token: str) -> bool:
    given = request.headers.get("Authorization", "")
    return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


@never_cache
@require_GET
def scrape(request: HttpRequest) -> HttpResponse:
    """The metrics, in Prometheus's text format, for a scraper that bears METRICS_TOKEN."""
    if not settings.METRICS_TOKEN:
        raise Http404("Metrics are off: set METRICS_TOKEN to turn them on.")
    if not bearer_matches(request, settings.METRICS_TOKEN):
        response = HttpResponse(
            "A bearer token is needed.\n", status=401, content_type="text/plain"
        )
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    return HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)
