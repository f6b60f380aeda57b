"""Sending e-mail: a message is recorded in the request, then delivered by a background task."""

from django.db import transaction

from .models import OutboxMessage


def queue_email(to: str, subject: str, body: str) -> OutboxMessage:
    """Record a message and deliver it from the task queue once the current transaction commits."""
    from .tasks import deliver_email

    message = OutboxMessage.objects.create(to=to, subject=subject, body=body)
    transaction.on_commit(lambda: deliver_email.enqueue(message.pk))
    return message
