"""Who hears of a change to an ask: the doers who share it hear of every change; the owning
unit hears of what is routed to it and of what the doers say back."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from insideout.directory.models import Membership
from insideout.outbox.services import queue_email
from insideout.vocabulary import UNIT_ROLES

from .models import Ask, AskEvent, Status

UNIT_HEARS_OF = {
    AskEvent.Kind.RAISED,
    AskEvent.Kind.ROUTED,
    AskEvent.Kind.PASSED_ON,
    AskEvent.Kind.CONFIRMED,
    AskEvent.Kind.FOLLOWED_UP,
    AskEvent.Kind.REOPENED,
    AskEvent.Kind.JOINED,
    AskEvent.Kind.WITHDRAWN,
}
DOERS_HEAR_OF = set(AskEvent.Kind.values) - {AskEvent.Kind.JOINED, AskEvent.Kind.RAISED}


def unit_addresses(unit) -> set[str]:
    people = Membership.objects.filter(
        centre_unit=unit, role__in=UNIT_ROLES, person__is_active=True
    ).values_list("person__email", flat=True)
    return set(people) | ({unit.email} if unit.email else set())


def notify_change(event_id: int) -> int:
    """Queue the e-mails one change calls for; returns how many."""
    event = AskEvent.objects.select_related("ask", "ask__unit", "actor").get(pk=event_id)
    ask = event.ask
    actor_email = event.actor.email if event.actor else ""
    recipients: dict[str, str] = {}
    if event.kind in DOERS_HEAR_OF:
        for email in ask.supporters.values_list("person__email", flat=True):
            recipients[email] = "doer"
    if event.kind in UNIT_HEARS_OF and ask.unit is not None:
        for email in unit_addresses(ask.unit):
            recipients.setdefault(email, "unit")
    recipients.pop(actor_email, None)
    url = settings.SITE_URL + ask.get_absolute_url()
    for email, audience in sorted(recipients.items()):
        body = render_to_string(
            "asks/email/change.txt", {"event": event, "ask": ask, "url": url, "audience": audience}
        )
        queue_email(email, f"{ask.reference} {event.get_kind_display().lower()}: {ask.title}", body)
    return len(recipients)


FOLLOW_UP_AFTER = timedelta(weeks=6)


def send_follow_ups(now=None) -> int:
    """Some weeks after delivery, ask once more "Did it help?" of the doers whose organisation
    has not answered yet."""
    now = now or timezone.now()
    due = Ask.objects.filter(
        status__in=[Status.DELIVERED, Status.CONFIRMED],
        delivered_at__lte=now - FOLLOW_UP_AFTER,
        follow_up_sent_at__isnull=True,
    )
    sent = 0
    for ask in due:
        assert ask.delivered_at is not None  # the query asked for delivered asks
        with transaction.atomic():
            body = render_to_string(
                "asks/email/follow_up.txt",
                {"ask": ask, "url": settings.SITE_URL + ask.get_absolute_url()},
            )
            answered = ask.helped_answers.filter(delivered_at=ask.delivered_at).values(
                "organisation_id"
            )
            waiting = ask.supporters.exclude(organisation_id__in=answered)
            for email in waiting.values_list("person__email", flat=True):
                queue_email(email, f"Did it help? {ask.reference}: {ask.title}", body)
            Ask.objects.filter(pk=ask.pk).update(follow_up_sent_at=now)
        sent += 1
    return sent
