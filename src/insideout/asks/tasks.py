from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from insideout.outbox.services import queue_email

from .models import Ask, AskEvent, Status
from .notifications import notify_change, unit_addresses
from .services import breaches

FOLLOW_UP_AFTER = timedelta(weeks=6)


@task()
def send_change_notices(event_id: int) -> int:
    """E-mail the doers and the unit about one change to an ask."""
    return notify_change(event_id)


def flag_breaches(now=None) -> int:
    """Tell each unit, once per ask and target, about asks past their service level."""
    flagged = 0
    for breach in breaches(Ask.objects.filter(unit__isnull=False).select_related("unit"), now):
        note = (
            f"Not {'acknowledged' if breach.what == 'acknowledge' else 'decided'} by "
            f"{timezone.localtime(breach.due):%d %B %Y %H:%M}."
        )
        if breach.ask.events.filter(kind=AskEvent.Kind.SLA_BREACHED, note=note).exists():
            continue
        with transaction.atomic():
            AskEvent.objects.create(
                ask=breach.ask,
                kind=AskEvent.Kind.SLA_BREACHED,
                note=note,
                from_status=breach.ask.status,
                to_status=breach.ask.status,
            )
            body = render_to_string(
                "asks/email/breach.txt",
                {
                    "ask": breach.ask,
                    "note": note,
                    "url": settings.SITE_URL + breach.ask.get_absolute_url(),
                },
            )
            for email in sorted(unit_addresses(breach.ask.unit)):
                queue_email(email, f"Service level missed: {breach.ask.reference}", body)
        flagged += 1
    return flagged


def send_follow_ups(now=None) -> int:
    """Some weeks after delivery, ask the doers whether the need is really met."""
    now = now or timezone.now()
    due = Ask.objects.filter(
        status__in=[Status.DELIVERED, Status.CONFIRMED],
        delivered_at__lte=now - FOLLOW_UP_AFTER,
        fixed="",
        follow_up_sent_at__isnull=True,
    )
    sent = 0
    for ask in due:
        with transaction.atomic():
            body = render_to_string(
                "asks/email/follow_up.txt",
                {"ask": ask, "url": settings.SITE_URL + ask.get_absolute_url()},
            )
            for email in ask.supporters.values_list("person__email", flat=True):
                queue_email(email, f"Is it fixed? {ask.reference}: {ask.title}", body)
            Ask.objects.filter(pk=ask.pk).update(follow_up_sent_at=now)
        sent += 1
    return sent


@task()
def check_service_levels() -> int:
    """Flag asks past their service level to their units (run every few minutes)."""
    return flag_breaches()


@task()
def ask_if_fixed() -> int:
    """Send the 'is it fixed?' follow-up to doers whose ask was delivered weeks ago."""
    return send_follow_ups()
