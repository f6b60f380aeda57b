"""E-mail through GOV.UK Notify: a template per kind of message, its values instead of a
rendered body, delivery receipts kept on each message, Notify's rate limit respected, and
Notify being down met with retries, against a local stand-in of Notify's HTTP API."""

from datetime import timedelta

import pytest
from django.utils import timezone

from insideout.accounts.services import send_sign_in_email
from insideout.outbox.models import OutboxMessage
from insideout.outbox.services import queue_email
from insideout.outbox.tasks import deliver_email

from .conftest import DEFAULT, SIGN_IN_LINK

RECEIPTS = "/api/v1/notify/receipts"


def send(message: OutboxMessage) -> OutboxMessage:
    deliver_email.call(message.pk)
    message.refresh_from_db()
    return message


CALLBACK_TOKEN = "a-callback-token-set-in-notify"


def post_receipt(client, receipt: dict, token=CALLBACK_TOKEN):
    return client.post(
        RECEIPTS,
        receipt,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


@pytest.mark.django_db
def test_a_sign_in_link_goes_through_its_own_template_with_its_values(
    notify, settings, doer_member, django_capture_on_commit_callbacks
):
    settings.EMAIL_OUTBOX_PAGE = False  # as on a real installation
    with django_capture_on_commit_callbacks(execute=True):
        assert send_sign_in_email(doer_member.email, "192.0.2.1") == "link"

    [sent] = notify.sent
    assert sent["template_id"] == SIGN_IN_LINK
    assert sent["email_address"] == doer_member.email
    values = sent["personalisation"]
    assert values["name"] == doer_member.get_short_name()
    assert values["minutes"] == "30"
    assert "/sign-in/link/" in values["link"] and values["link"] in sent["content"]
    message = OutboxMessage.objects.get()
    assert (message.status, message.notify_id, message.kind) == ("sent", sent["id"], "sign_in_link")
    # The link signs its holder in: what is kept says only when it went.
    assert values["link"] not in str(message.personalisation)
    assert message.personalisation["link"].startswith("[sign-in link, sent ")


@pytest.mark.django_db
def test_a_kind_without_its_own_template_goes_through_the_default_one(notify):
    message = send(queue_email("lead@school.example.org", "ASK-12 committed", "We will fund it."))

    [sent] = notify.sent
    assert sent["template_id"] == DEFAULT
    assert sent["personalisation"] == {"subject": "ASK-12 committed", "body": "We will fund it."}
    assert message.status == "sent"


@pytest.mark.django_db
def test_delivery_receipts_are_kept_on_the_message(client, notify, admin_user):
    delivered = send(queue_email("a@school.example.org", "Delivered", "Hello"))
    bounced = send(queue_email("b@school.example.org", "Bounced", "Hello"))
    first, second = notify.sent

    assert post_receipt(client, notify.receipt(first, "delivered")).status_code == 200
    assert post_receipt(client, notify.receipt(second, "permanent-failure")).status_code == 200

    delivered.refresh_from_db()
    bounced.refresh_from_db()
    assert (delivered.status, delivered.delivery) == ("sent", "delivered")
    assert delivered.delivered_at is not None
    assert (bounced.status, bounced.delivery) == ("failed", "permanent-failure")
    client.force_login(admin_user)
    failed_page = client.get("/outbox/failed/")
    assert b"b@school.example.org" in failed_page.content
    assert b"address does not exist" in failed_page.content


@pytest.mark.django_db
def test_only_notify_may_post_receipts(client, notify):
    send(queue_email("a@school.example.org", "Hello", "Hello"))
    receipt = notify.receipt(notify.sent[0], "permanent-failure")

    assert post_receipt(client, receipt, token="a-guess").status_code == 401
    assert client.post(RECEIPTS, receipt, content_type="application/json").status_code == 401
    assert OutboxMessage.objects.get().delivery == ""
    unknown = {**receipt, "id": "00000000-0000-4000-8000-000000000000"}
    assert post_receipt(client, unknown).status_code == 404


@pytest.mark.django_db
def test_with_notify_down_a_message_is_tried_again_later(notify):
    notify.mode = "down"
    message = send(queue_email("a@school.example.org", "Hello", "Hello"))

    assert message.status == "queued" and message.attempts == 1
    assert message.next_attempt_at > timezone.now()
    assert "503" in message.error

    notify.mode = "up"
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert send(message).status == "sent"


@pytest.mark.django_db
def test_an_address_notify_refuses_fails_at_once(notify):
    message = send(queue_email("someone@school.invalid", "Hello", "Hello"))

    assert message.status == "failed" and message.attempts == 1
    assert "Not a valid email address" in message.error


@pytest.mark.django_db
def test_over_notifys_rate_limit_a_message_waits_without_spending_an_attempt(notify):
    notify.mode = "rate_limited"
    message = send(queue_email("a@school.example.org", "Hello", "Hello"))

    assert (message.status, message.attempts) == ("queued", 0)
    assert timedelta(seconds=30) < message.next_attempt_at - timezone.now() <= timedelta(minutes=1)


@pytest.mark.django_db
def test_the_worker_keeps_under_the_rate_limit_it_is_given(notify, settings):
    settings.NOTIFY_MESSAGES_PER_MINUTE = 1
    first = send(queue_email("a@school.example.org", "One", "Hello"))
    second = send(queue_email("b@school.example.org", "Two", "Hello"))

    assert [sent["personalisation"]["subject"] for sent in notify.sent] == ["One"]
    assert first.status == "sent"
    assert (second.status, second.attempts) == ("queued", 0)
