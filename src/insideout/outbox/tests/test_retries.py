"""E-mail never stalls silently: every failure is recorded on its message, tried again after a
growing pause, and shown to admins once it has failed for good."""

import smtplib
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from insideout.asks import services as asks
from insideout.outbox import delivery
from insideout.outbox.models import OutboxMessage
from insideout.outbox.tasks import deliver_email, retry_email

SRC = Path(__file__).resolve().parents[2]


class RefusingBackend(BaseEmailBackend):
    """A mail server that has gone away."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def mail_server_down(settings, db):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    return settings


def make_due(message: OutboxMessage) -> None:
    OutboxMessage.objects.filter(pk=message.pk).update(
        next_attempt_at=timezone.now() - timedelta(seconds=1)
    )


def test_an_ask_titled_with_a_newline_still_sends_every_notification(
    doer_lead, school, unit, centre_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        asks.raise_ask(
            by=doer_lead,
            organisation=school,
            title="Boiler broken\nBcc: everyone@example.org",
            category="money",
            suggested_unit=unit,
        )
    messages = OutboxMessage.objects.all()
    assert messages and {m.status for m in messages} == {OutboxMessage.Status.SENT}
    assert all("\n" not in m.subject and "Boiler broken Bcc:" in m.subject for m in messages)
    assert len(mail.outbox) == len(messages)


def test_plain_text_e_mails_are_not_html_escaped(
    doer_lead, school, unit, centre_officer, django_capture_on_commit_callbacks
):
    title = "Tom & Jerry's <boiler>"
    with django_capture_on_commit_callbacks(execute=True):
        asks.raise_ask(
            by=doer_lead, organisation=school, title=title, category="money", suggested_unit=unit
        )
    bodies = [m.body for m in mail.outbox]
    assert bodies and all(title in body for body in bodies), bodies
    assert not any("&amp;" in b or "&#x27;" in b or "&lt;" in b for b in bodies)


def test_every_plain_text_template_turns_escaping_off():
    """Django escapes for HTML by default; a .txt e-mail must say {% autoescape off %}."""
    templates = sorted(SRC.glob("*/templates/**/*.txt"))
    assert templates
    escaped = [
        str(t.relative_to(SRC))
        for t in templates
        if not t.read_text().lstrip().startswith("{% autoescape off %}")
    ]
    assert escaped == []


def test_a_failed_attempt_is_recorded_and_tried_again_after_a_pause(mail_server_down):
    message = OutboxMessage.objects.create(to="head@school.example.org", subject="Hi", body="x")

    deliver_email.enqueue(message.pk)

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.QUEUED
    assert message.attempts == 1 and message.is_retrying
    assert message.error == "SMTPServerDisconnected: Connection unexpectedly closed"
    wait = message.next_attempt_at - message.last_attempt_at
    assert timedelta(seconds=59) < wait < timedelta(seconds=61)
    assert delivery.due_for_retry() == []  # not yet

    mail_server_down.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_due(message)
    assert retry_email.enqueue().return_value == 1

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT and message.error == ""
    assert message.attempts == 2 and len(mail.outbox) == 1


def test_the_pause_grows_then_the_message_fails_for_good_loudly(mail_server_down, caplog):
    message = OutboxMessage.objects.create(to="head@school.example.org", subject="Hi", body="x")
    pauses = []
    for _ in range(delivery.MAX_ATTEMPTS):
        make_due(message)
        deliver_email.enqueue(message.pk)
        message.refresh_from_db()
        if message.next_attempt_at:
            pauses.append(
                round((message.next_attempt_at - message.last_attempt_at) / timedelta(minutes=1))
            )

    assert pauses == list(delivery.RETRY_MINUTES)
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == delivery.MAX_ATTEMPTS and message.next_attempt_at is None
    assert f"failed after {delivery.MAX_ATTEMPTS} attempts" in caplog.text
    make_due(message)
    assert delivery.due_for_retry() == []


def test_a_message_no_retry_can_mend_fails_at_once(db):
    # Written past queue_email, which keeps subjects on one line: a header no retry can mend.
    message = OutboxMessage.objects.create(to="a@school.example.org", subject="A\nB", body="x")
    deliver_email.enqueue(message.pk)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED and message.attempts == 1
    assert message.error


def test_a_message_is_sent_once_however_often_its_delivery_is_queued(db):
    message = OutboxMessage.objects.create(to="head@school.example.org", subject="Hi", body="x")
    for _ in range(3):
        deliver_email.enqueue(message.pk)
    assert len(mail.outbox) == 1
    assert OutboxMessage.objects.get(pk=message.pk).attempts == 1


def test_a_delivery_that_never_ran_is_queued_again_by_the_tick(db):
    lost = OutboxMessage.objects.create(to="a@school.example.org", subject="Old", body="x")
    fresh = OutboxMessage.objects.create(to="b@school.example.org", subject="New", body="x")
    OutboxMessage.objects.filter(pk=lost.pk).update(
        created_at=timezone.now() - delivery.STALLED - timedelta(minutes=1)
    )
    assert delivery.due_for_retry() == [lost.pk]
    retry_email.enqueue()
    assert [m.subject for m in mail.outbox] == ["Old"]
    assert OutboxMessage.objects.get(pk=fresh.pk).status == OutboxMessage.Status.QUEUED


def test_admins_see_what_was_not_sent_on_their_start_page_and_its_own_page(
    client, admin_user, mail_server_down
):
    message = OutboxMessage.objects.create(to="head@school.example.org", subject="Link", body="x")
    deliver_email.enqueue(message.pk)
    client.force_login(admin_user)

    start = client.get("/").content.decode()
    assert "E-mails not sent" in start and "/outbox/failed/" in start
    page = client.get("/outbox/failed/").content.decode()
    assert "head@school.example.org" in page and "Trying again" in page
    assert "SMTPServerDisconnected" in page


def test_the_outbox_section_is_for_admins_only(doer_lead, centre_lead):
    from insideout.outbox.start import sections

    assert sections(doer_lead) == [] and sections(centre_lead) == []
