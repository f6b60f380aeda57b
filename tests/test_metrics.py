"""Prometheus metrics: off until METRICS_TOKEN is set, then only for a scraper bearing it, and
counts only (nothing that names a person)."""

from datetime import timedelta

import pytest
from prometheus_client.parser import text_string_to_metric_families

from insideout.outbox.models import OutboxMessage
from tests.factories import raised_ago

TOKEN = "scrape-token-for-tests"


def scrape(client, token=TOKEN):
    return client.get("/metrics", headers={"Authorization": f"Bearer {token}"})


def samples(response) -> dict[tuple[str, tuple], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


@pytest.mark.django_db
def test_there_are_no_metrics_until_a_token_is_set(client, settings):
    settings.METRICS_TOKEN = ""
    assert scrape(client).status_code == 404


@pytest.mark.django_db
def test_the_public_cannot_read_the_metrics(client, settings, admin_user):
    settings.METRICS_TOKEN = TOKEN
    assert client.get("/metrics").status_code == 401
    assert scrape(client, token="a-guess").status_code == 401
    client.force_login(admin_user)  # signing in is not enough: the scraper's token is needed
    assert client.get("/metrics").status_code == 401


@pytest.mark.django_db
def test_metrics_count_requests_mail_failures_response_rates_and_late_asks(client, settings, world):
    settings.METRICS_TOKEN = TOKEN
    OutboxMessage.objects.create(to="a@example.org", subject="s", body="b", status="failed")
    raised_ago(world.ask, timedelta(days=30))  # long past its acknowledgement target
    invited = world.open_pulse.invitations.count()
    answered = world.open_pulse.invitations.filter(submitted_at__isnull=False).count()
    client.get("/healthz")

    response = scrape(client)

    assert response.status_code == 200
    found = samples(response)
    assert found[("insideout_email_messages", (("state", "failed"),))] == 1
    pulse = (("pulse", str(world.open_pulse.pk)),)
    assert found[("insideout_pulse_invited", pulse)] == invited > 0
    assert found[("insideout_pulse_answered", pulse)] == answered
    assert found[("insideout_pulse_response_rate", pulse)] == pytest.approx(answered / invited)
    assert found[("insideout_asks_past_service_level", (("target", "acknowledge"),))] >= 1
    assert found[("insideout_task_queue_depth", ())] == 0
    health = (("method", "GET"), ("route", "healthz"), ("status", "2xx"))
    assert found[("insideout_http_requests_total", health)] >= 1
    assert any(name == "insideout_http_request_duration_seconds_count" for name, _ in found)
    assert "@" not in response.content.decode()  # no e-mail address, no person
