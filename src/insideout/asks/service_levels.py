"""Service levels: how fast the centre promised to answer each kind of ask, counted in working
days in England and Wales; which asks are late; and telling their units once.

Each ask keeps its own due dates, set when its clock starts (when it is raised, and again when
it is reopened), so one rule, `late`, answers for a single ask, a page and a whole queue alike.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache, lru_cache
from typing import TYPE_CHECKING, TypedDict

import holidays
from django.conf import settings
from django.db import transaction
from django.db.models import Case, CharField, Q, QuerySet, Value, When
from django.template.loader import render_to_string
from django.utils import timezone

from insideout.outbox.services import queue_email

from .models import AWAITING_ACKNOWLEDGEMENT, Ask, AskEvent, ServiceLevel, Status
from .notifications import unit_addresses

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class MissedTarget(TypedDict):
    missed_target: str


UNDECIDED = [*AWAITING_ACKNOWLEDGEMENT, Status.ACKNOWLEDGED]


@cache
def bank_holidays() -> holidays.HolidayBase:
    """England and Wales share their bank holidays; the package keeps them up to date."""
    return holidays.country_holidays("GB", subdiv="ENG")


@lru_cache(maxsize=4096)  # a service clock asks about the same few hundred days again and again
def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays()


def add_working_days(start: datetime, days: int) -> datetime:
    """`days` working days after `start`, at the same time of day. A start on a weekend or bank
    holiday counts from the beginning of the next working day."""
    local = timezone.localtime(start)
    day, at = local.date(), local.time()
    if not is_working_day(day):
        while not is_working_day(day):
            day += timedelta(days=1)
        at = time(0, 0)
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        counted += is_working_day(day)
    return timezone.make_aware(datetime.combine(day, at))


def start_clock(ask: Ask, at: datetime, level: ServiceLevel | None = None) -> None:
    """Set the ask's due dates from `at`: on raising, and afresh when it is reopened."""
    level = level or ask.service_level()
    ask.clock_started_at = at
    ask.acknowledge_due_at = add_working_days(at, level.days_to_acknowledge)
    ask.decide_due_at = add_working_days(at, level.days_to_decide)


def apply_level(level: ServiceLevel) -> int:
    """When a category's level changes, move the due dates of its asks not yet decided to what
    the level now says, counted from when each clock started; returns how many moved. Promised
    delivery dates, and breaches already recorded, stay as they were."""
    waiting = Ask.objects.filter(
        category=level.category, status__in=UNDECIDED, clock_started_at__isnull=False
    ).only("pk", "clock_started_at", "acknowledge_due_at", "decide_due_at")
    moved = []
    for ask in waiting:
        assert ask.clock_started_at is not None  # the query asked for started clocks
        start_clock(ask, ask.clock_started_at, level)
        moved.append(ask)
    Ask.objects.bulk_update(moved, ["acknowledge_due_at", "decide_due_at"], batch_size=500)
    return len(moved)


def end_of(day: date) -> datetime:
    """A 'deliver by' date is met until the day is over."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time(0, 0)))


def missed(now: datetime) -> dict[str, Q]:
    """The rule, once: for each target, the asks that have missed it at `now`."""
    return {
        "acknowledge": Q(status__in=AWAITING_ACKNOWLEDGEMENT, acknowledge_due_at__lt=now),
        "decide": Q(status__in=UNDECIDED, decide_due_at__lt=now),
        "deliver": Q(status=Status.COMMITTED, due_on__lt=timezone.localdate(now)),
    }


def late_asks(asks: QuerySet[Ask], now=None) -> QuerySet[Ask]:
    """Asks past a service level at `now`, as one query: counts whole queues, filters pages."""
    targets = missed(now or timezone.now())
    late = Q(pk__in=[])
    for rule in targets.values():
        late |= rule
    return asks.filter(late)


def with_missed_target(
    asks: QuerySet[Ask], now=None
) -> "QuerySet[WithAnnotations[Ask, MissedTarget]]":
    """Each late ask with `missed_target`, the first target it missed, by the same rule."""
    targets = missed(now or timezone.now())
    return late_asks(asks, now).annotate(
        missed_target=Case(
            *[When(rule, then=Value(name)) for name, rule in targets.items()],
            output_field=CharField(),
        )
    )


@dataclass(frozen=True)
class Breach:
    ask: Ask
    what: str  # "acknowledge", "decide" or "deliver"
    due: datetime


def due_for(ask: Ask, what: str) -> datetime | None:
    if what == "acknowledge":
        return ask.acknowledge_due_at
    if what == "decide":
        return ask.decide_due_at
    return end_of(ask.due_on) if ask.due_on else None


def breaches(asks: QuerySet[Ask], now=None) -> list[Breach]:
    """The late asks with the target each missed and when it was due (a target is missed only
    once it has a due date)."""
    return [
        Breach(ask, ask.missed_target, due)
        for ask in with_missed_target(asks, now)
        if (due := due_for(ask, ask.missed_target)) is not None
    ]


def late_targets(ask: Ask, now=None) -> set[str]:
    """The targets one ask has missed, for its own page."""
    found = with_missed_target(Ask.objects.filter(pk=ask.pk), now).first()
    return {found.missed_target} if found else set()


WORDS = {"acknowledge": "acknowledged", "decide": "committed or declined", "deliver": "delivered"}


def breach_note(breach: Breach) -> str:
    when = timezone.localtime(breach.due)
    if breach.what == "deliver":
        return f"Not delivered by {when - timedelta(days=1):%d %B %Y}, the date promised."
    return f"Not {WORDS[breach.what]} by {when:%d %B %Y %H:%M}."


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
