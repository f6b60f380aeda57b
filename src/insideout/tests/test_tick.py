"""`insideout tick`: the periodic work queued once (cron) or on a loop (beside `serve`)."""

import datetime
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from insideout.asks import services
from insideout.asks.lifecycle import perform
from insideout.asks.models import Ask, AskEvent
from insideout.pulses import services as pulse_services
from insideout.pulses.models import Invitation, Pulse
from insideout.serving import ServerPlan
from tests.conftest import make_pulse
from tests.factories import raised_ago

INSIDEOUT = str(Path(sys.executable).parent / "insideout")


def test_tick_runs_each_periodic_task_once(
    doer_lead, school, unit, centre_officer, admin_user, django_capture_on_commit_callbacks
):
    late = services.raise_ask(
        by=doer_lead,
        organisation=school,
        title="Roof leaks",
        category="infrastructure",
        suggested_unit=unit,
    )
    raised_ago(late, datetime.timedelta(days=7))  # past 2 working days, whatever the weekday
    delivered = services.raise_ask(
        by=doer_lead,
        organisation=school,
        title="Training",
        category="training",
        suggested_unit=unit,
    )
    perform(
        delivered,
        "commit",
        centre_officer,
        commitment="A course",
        due_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    perform(delivered, "deliver", centre_officer, note="Course run")
    Ask.objects.filter(pk=delivered.pk).update(
        delivered_at=timezone.now() - datetime.timedelta(weeks=7)
    )
    pulse = make_pulse(admin_user, unit, "Spring pulse")
    pulse.audience_organisations.set([school])
    pulse_services.launch(pulse)
    Invitation.objects.filter(pulse=pulse).update(
        sent_at=timezone.now() - datetime.timedelta(days=8)
    )
    mail.outbox.clear()

    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("tick", stdout=out)

    printed = out.getvalue()
    for path in (
        "insideout.pulses.tasks.send_due_reminders",
        "insideout.asks.tasks.check_service_levels",
        "insideout.asks.tasks.ask_if_fixed",
    ):
        assert f"queued {path} (successful)" in printed
    assert late.events.filter(kind=AskEvent.Kind.SLA_BREACHED).count() == 1
    assert Ask.objects.get(pk=delivered.pk).follow_up_sent_at is not None
    assert Invitation.objects.get(pulse=pulse, person=doer_lead).reminders_sent == 1
    assert Pulse.objects.get(pk=pulse.pk).status == Pulse.Status.OPEN
    subjects = {m.subject for m in mail.outbox}
    assert any(s.startswith("Service level missed") for s in subjects)
    assert any(s.startswith("Did it help?") for s in subjects)
    assert any(s.startswith("Reminder: ") for s in subjects)


def test_tick_refuses_a_period_that_is_not_a_number_of_minutes(db):
    with pytest.raises(CommandError, match="above 0"):
        call_command("tick", every=0)


def test_serve_runs_the_ticker_beside_the_worker_unless_told_not_to():
    with_worker = ServerPlan(host="127.0.0.1", port=8000, workers=1).commands()
    assert list(with_worker) == ["web server", "task worker", "ticker"]
    assert with_worker["ticker"][-4:] == ["insideout", "tick", "--every", "10"]
    assert list(
        ServerPlan(host="127.0.0.1", port=8000, workers=1, with_worker=False).commands()
    ) == ["web server"]


def test_tick_every_repeats_until_sigterm_then_stops_cleanly(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG"}}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'tick.sqlite3'}",
        INSIDEOUT_VAR_DIR=str(tmp_path),
        SECRET_KEY="only-for-this-test-" + "x" * 40,
        PYTHONUNBUFFERED="1",
    )
    subprocess.run([INSIDEOUT, "migrate", "-v", "0"], env=env, timeout=180, check=True)
    ticker = subprocess.Popen(
        [INSIDEOUT, "tick", "--every", "0.01"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    tick = "queued insideout.asks.tasks.check_service_levels (ready)"
    seen: list[str] = []
    try:
        # Wait for the second tick itself, however slow the machine, rather than a fixed time.
        deadline = time.monotonic() + 120
        while sum(tick in line for line in seen) < 2 and time.monotonic() < deadline:
            line = ticker.stdout.readline()
            if not line:
                break  # it exited: the assertions below say how
            seen.append(line)
        ticker.send_signal(signal.SIGTERM)
        rest, _ = ticker.communicate(timeout=30)
    finally:
        if ticker.poll() is None:
            ticker.kill()
    output = "".join(seen) + rest
    assert ticker.returncode == 0, output
    assert output.count(tick) >= 2, output
    assert output.rstrip().endswith("Stopped.")
