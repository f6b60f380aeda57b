from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import task

from .models import OutboxMessage


@task()
def deliver_email(message_id: int) -> str:
    """Send one queued message over the configured e-mail backend and record the outcome."""
    message = OutboxMessage.objects.get(pk=message_id)
    if message.status == OutboxMessage.Status.SENT:
        return message.status
    try:
        EmailMessage(
            message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.to]
        ).send()
    except OSError as error:  # SMTP and socket failures; the task result records the retry
        message.status = OutboxMessage.Status.FAILED
        message.error = str(error)
        message.save(update_fields=["status", "error"])
        raise
    message.status = OutboxMessage.Status.SENT
    message.sent_at = timezone.now()
    message.error = ""
    message.save(update_fields=["status", "sent_at", "error"])
    return message.status
