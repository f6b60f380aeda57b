"""Sending e-mail: a message is recorded in the request, then delivered by a background task
(delivery.py: retried with back-off, never given up on silently), and what failed is listed
for admins.
"""

from django.db import transaction
from django.db.models import Q

from .models import SUBJECT_LENGTH, OutboxMessage


def clean_subject(subject: str) -> str:
    """A subject on one line (a newline in a header is refused by mail libraries) that fits."""
    one_line = " ".join(subject.split())
    return one_line if len(one_line) <= SUBJECT_LENGTH else one_line[: SUBJECT_LENGTH - 1] + "…"


def queue_email(
    to: str, subject: str, body: str, *, kind: str = "", personalisation: dict | None = None
) -> OutboxMessage:
    """Record a message and deliver it from the task queue once the current transaction commits.

    `kind` and `personalisation` are for GOV.UK Notify: a kind with its own template there is
    sent as the template with these values, instead of the body (docs/deploying.md lists them).
    """
    from .tasks import deliver_email

    message = OutboxMessage(to=to, subject=clean_subject(subject), kind=kind)
    message.set_body(body)  # links carrying a secret are sealed, never stored as they are
    message.set_personalisation(personalisation or {})
    message.save()
    transaction.on_commit(lambda: deliver_email.enqueue(message.pk))
    return message


def failed_messages():
    """What admins should look at: messages that failed for good, and those being retried."""
    return OutboxMessage.objects.filter(
        Q(status=OutboxMessage.Status.FAILED)
        | Q(status=OutboxMessage.Status.QUEUED, next_attempt_at__isnull=False)
    ).defer("body")
