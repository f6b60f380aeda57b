"""Service levels: how fast the centre promised to answer each kind of ask, which open asks
are past it, and telling their units once."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from insideout.outbox.services import queue_email
from insideout.vocabulary import NeedCategory

from .models import AWAITING_ACKNOWLEDGEMENT, OPEN_STATUSES, Ask, AskEvent, ServiceLevel, Status
from .notifications import unit_addresses


@dataclass(frozen=True)
class Breach:
    ask: Ask
    what: str  # "acknowledge" or "decide"
    due: object


def breaches(asks: QuerySet[Ask], now=None) -> list[Breach]:
    """Open asks past their service level: not acknowledged, or not decided, in time."""
    now = now or timezone.now()
    levels = {}
    found = []
    for ask in asks.filter(status__in=OPEN_STATUSES).exclude(status=Status.COMMITTED):
        level = levels.get(ask.category)
        if level is None:  # once per category: setdefault would query for every ask
            level = levels[ask.category] = ask.service_level()
        if ask.status in AWAITING_ACKNOWLEDGEMENT and ask.acknowledge_by(level) < now:
            found.append(Breach(ask, "acknowledge", ask.acknowledge_by(level)))
        elif ask.decide_by(level) < now:
            found.append(Breach(ask, "decide", ask.decide_by(level)))
    return found


def late_asks(asks: QuerySet[Ask], now=None) -> QuerySet[Ask]:
    """The asks `services.breaches` would list, as one database query, to count whole queues."""
    now = now or timezone.now()
    levels = {level.category: level for level in ServiceLevel.objects.all()}
    late = Q(pk__in=[])
    for category in NeedCategory.values:
        level = levels.get(category) or ServiceLevel(category=category)
        late |= Q(category=category) & (
            Q(
                status__in=AWAITING_ACKNOWLEDGEMENT,
                raised_at__lt=now - timedelta(days=level.days_to_acknowledge),
            )
            | Q(raised_at__lt=now - timedelta(days=level.days_to_decide))
        )
    return asks.filter(status__in=OPEN_STATUSES).exclude(status=Status.COMMITTED).filter(late)


def breach_note(breach: Breach) -> str:
    word = "acknowledged" if breach.what == "acknowledge" else "decided"
    return f"Not {word} by {timezone.localtime(breach.due):%d %B %Y %H:%M}."


def flag_breaches(now=None) -> int:
    """Tell each unit, once per ask and target, about asks past their service level."""
    found = breaches(Ask.objects.filter(unit__isnull=False).select_related("unit"), now)
    told = set(
        AskEvent.objects.filter(
            kind=AskEvent.Kind.SLA_BREACHED, ask__in=[b.ask.pk for b in found]
        ).values_list("ask_id", "missed_target", "target_due_at")
    )
    flagged = 0
    for breach in found:
        if (breach.ask.pk, breach.what, breach.due) in told:
            continue
        note = breach_note(breach)
        with transaction.atomic():
            AskEvent.objects.create(
                ask=breach.ask,
                kind=AskEvent.Kind.SLA_BREACHED,
                note=note,
                missed_target=breach.what,
                target_due_at=breach.due,
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
