"""Delivering e-mail: one attempt at a time, each failure recorded on its message and tried
again after a growing pause (the tick queues retries that fall due); a message that cannot be
sent ends as Failed and is logged as an error. The task queue runs these (tasks.py)."""

import logging
import smtplib
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import F, Q
from django.utils import timezone

from . import notify
from .models import OutboxMessage

logger = logging.getLogger(__name__)

# Minutes to wait after the 1st, 2nd, ... failed attempt; after the last, the message has failed.
RETRY_MINUTES = (1, 5, 15, 60, 240)
MAX_ATTEMPTS = len(RETRY_MINUTES) + 1
# Over Notify's rate limit, a message waits this long without spending an attempt.
RATE_LIMIT_PAUSE = timedelta(minutes=1)
# An attempt that has said nothing for this long (its worker died) may be made again.
STALLED = timedelta(minutes=30)


def may_attempt(now: datetime) -> Q:
    """Queued messages no attempt is busy with: new ones, retries that are due, stalled ones."""
    return Q(status=OutboxMessage.Status.QUEUED) & (
        Q(next_attempt_at__isnull=False, next_attempt_at__lte=now)
        | Q(next_attempt_at__isnull=True, last_attempt_at__isnull=True)
        | Q(next_attempt_at__isnull=True, last_attempt_at__lt=now - STALLED)
    )


def due_for_retry(now: datetime | None = None) -> list[int]:
    """Messages whose retry is due, or whose delivery was queued long ago and never ran."""
    now = now or timezone.now()
    waiting = OutboxMessage.objects.filter(may_attempt(now)).exclude(
        last_attempt_at__isnull=True, created_at__gt=now - STALLED
    )
    return list(waiting.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:1000])


def deliver(message_id: int) -> str:
    """Make one attempt at sending a message, unless another attempt has it; record the outcome.

    Returns the message's status. Claiming the message with one UPDATE means two workers given
    the same message never both send it.
    """
    now = timezone.now()
    claimed = OutboxMessage.objects.filter(may_attempt(now), pk=message_id).update(
        attempts=F("attempts") + 1, last_attempt_at=now, next_attempt_at=None
    )
    message = OutboxMessage.objects.get(pk=message_id)
    if not claimed:
        return message.status
    try:
        if settings.NOTIFY_API_KEY:
            message.notify_id = notify.send(message)
        else:
            EmailMessage(
                message.subject, message.body_to_send(), settings.DEFAULT_FROM_EMAIL, [message.to]
            ).send()
    except notify.NotifyBusy as busy:
        wait_for_rate_limit(message, busy)
        return message.status
    except notify.NotifyRefused as error:
        record_failure(message, error, permanent=error.permanent)
        return message.status
    except (OSError, ValueError) as error:  # SMTP and sockets; bad headers and addresses
        record_failure(message, error, permanent=is_permanent(error))
        return message.status
    except Exception as error:
        record_failure(message, error, permanent=False)
        raise
    message.status = OutboxMessage.Status.SENT
    message.sent_at = timezone.now()
    message.error = ""
    message.forget_links(message.sent_at)
    message.forget_personalised_links(message.sent_at)
    message.save(
        update_fields=[
            "status",
            "sent_at",
            "error",
            "body",
            "sealed_links",
            "personalisation",
            "notify_id",
        ]
    )
    return message.status


def wait_for_rate_limit(message: OutboxMessage, busy: Exception) -> None:
    """Over the rate limit, the attempt is given back and the message waits a minute."""
    message.next_attempt_at = timezone.now() + RATE_LIMIT_PAUSE
    OutboxMessage.objects.filter(pk=message.pk).update(
        attempts=F("attempts") - 1, next_attempt_at=message.next_attempt_at
    )
    logger.info("E-mail %s waits for Notify's rate limit (%s)", message.pk, busy)


def is_permanent(error: Exception) -> bool:
    """Errors that trying again cannot mend: a malformed message, a refused recipient."""
    if isinstance(error, ValueError | smtplib.SMTPRecipientsRefused):
        return True
    return isinstance(error, smtplib.SMTPResponseException) and 500 <= error.smtp_code < 600


def record_failure(message: OutboxMessage, error: Exception, *, permanent: bool) -> None:
    """Keep why the attempt failed, then schedule the next attempt or give up, loudly."""
    message.error = f"{type(error).__name__}: {error}"[:2000]
    if permanent or message.attempts >= MAX_ATTEMPTS:
        message.status = OutboxMessage.Status.FAILED
        message.next_attempt_at = None
        logger.error(
            "E-mail %s to %s failed after %s attempts: %s",
            message.pk,
            message.to,
            message.attempts,
            message.error,
        )
    else:
        pause = timedelta(minutes=RETRY_MINUTES[message.attempts - 1])
        message.next_attempt_at = timezone.now() + pause
        logger.warning(
            "E-mail %s to %s failed (attempt %s), trying again at %s: %s",
            message.pk,
            message.to,
            message.attempts,
            message.next_attempt_at,
            message.error,
        )
    message.save(update_fields=["status", "error", "next_attempt_at"])
