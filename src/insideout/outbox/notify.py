"""Sending through GOV.UK Notify, instead of SMTP, when NOTIFY_API_KEY is set.

A message whose kind has its own Notify template (NOTIFY_TEMPLATES) is sent as that template
with the message's personalisation; any other message goes through the `default` template with
its subject and body as ((subject)) and ((body)). Notify's errors are sorted into those that
trying again can mend and those it cannot; its rate limit is kept to by the worker, which waits
rather than spend an attempt. Delivery receipts come back through `record_receipt`.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from .models import OutboxMessage

logger = logging.getLogger(__name__)

# Notify's statuses that mean the message will not arrive, and what admins are told.
UNDELIVERED = {
    "permanent-failure": "Notify: the address does not exist or its mail server refused it",
    "temporary-failure": "Notify: the inbox was full or unreachable for 72 hours",
    "technical-failure": "Notify: not sent because of a problem at Notify; ask them to try again",
}


class NotifyRefused(Exception):
    """Notify would not take the message; `permanent` when trying again cannot help."""

    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


class NotifyBusy(Exception):
    """Over Notify's rate limit (ours, or Notify said 429): wait, without spending an attempt."""


def client() -> NotificationsAPIClient:
    return NotificationsAPIClient(
        settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=settings.EMAIL_TIMEOUT
    )


def template_for(message: OutboxMessage) -> tuple[str, dict]:
    """The Notify template to send the message with, and the values it shows."""
    if message.kind and message.kind in settings.NOTIFY_TEMPLATES:
        return settings.NOTIFY_TEMPLATES[message.kind], message.personalisation_to_send()
    return settings.NOTIFY_TEMPLATES["default"], {
        "subject": message.subject,
        "body": message.body_to_send(),
    }


def sent_in_the_last_minute(now: datetime) -> int:
    return OutboxMessage.objects.filter(
        sent_at__gt=now - timedelta(minutes=1), notify_id__gt=""
    ).count()


def send(message: OutboxMessage) -> str:
    """Hand the message to Notify; returns Notify's id for it."""
    if sent_in_the_last_minute(timezone.now()) >= settings.NOTIFY_MESSAGES_PER_MINUTE:
        raise NotifyBusy("NOTIFY_MESSAGES_PER_MINUTE reached")
    template_id, values = template_for(message)
    try:
        answer = client().send_email_notification(
            email_address=message.to,
            template_id=template_id,
            personalisation=values,
            reference=f"outbox-{message.pk}",
        )
    except APIError as error:
        if error.status_code == 429:
            raise NotifyBusy(str(error)) from None
        # 400 (a bad address, a missing value) and 403 (a bad key) will not mend by waiting.
        permanent = error.status_code in {400, 403}
        raise NotifyRefused(f"Notify {error}", permanent=permanent) from None
    return answer["id"]


def record_receipt(receipt: dict) -> OutboxMessage | None:
    """Keep what a Notify delivery receipt says on its message; None for a message not ours."""
    message = OutboxMessage.objects.filter(notify_id=receipt["id"]).first()
    if message is None:
        return None
    status = receipt["status"]
    message.delivery = status
    fields = ["delivery"]
    if status == "delivered":
        message.delivered_at = parse_datetime(receipt.get("completed_at") or "") or timezone.now()
        fields.append("delivered_at")
    elif status in UNDELIVERED:
        message.status = OutboxMessage.Status.FAILED
        message.error = UNDELIVERED[status]
        fields += ["status", "error"]
        logger.error("E-mail %s to %s was not delivered: %s", message.pk, message.to, status)
    message.save(update_fields=fields)
    return message
