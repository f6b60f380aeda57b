"""Asks on a person's start page: a doer's asks needing an answer and what changed; a unit's
queue and what is late; the triage queue for leads; what is new for analysts."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from insideout.accounts.models import User
from insideout.directory.models import CentreUnit
from insideout.web.start import StartItem, StartSection

from .models import OPEN_STATUSES, Ask, AskEvent, HelpedAnswer, Status
from .queues import queue_summaries, triage_summary
from .services import asks_visible_to


def sections(user: User) -> list[StartSection]:
    since = user.previous_visit_at  # set by the start page, when known
    if user.is_centre_staff:
        return staff_sections(user, since)
    if user.organisation_ids:
        return doer_sections(user, since)
    return []


def doer_sections(user: User, since) -> list[StartSection]:
    mine = asks_visible_to(user)
    answered = HelpedAnswer.objects.filter(organisation_id__in=user.organisation_ids).values(
        "ask_id"
    )
    to_answer = (
        mine.filter(status__in=[Status.DELIVERED, Status.CONFIRMED])
        .exclude(pk__in=answered)
        .order_by("-delivered_at")[:5]
    )
    since = since or timezone.now() - timedelta(days=14)
    changes = (
        AskEvent.objects.filter(ask__in=mine.values("pk"), at__gt=since)
        .exclude(actor=user)
        .exclude(kind__in=[AskEvent.Kind.SLA_BREACHED, AskEvent.Kind.JOINED])
        .select_related("ask")
        .order_by("-at")[:5]
    )
    return [
        StartSection(
            "Your asks needing an answer",
            [
                StartItem(
                    ask.title,
                    ask.get_absolute_url(),
                    f"{ask.reference}: delivered on {ask.delivered_at:%-d %B}. Did it help?",
                    tag="Your answer needed",
                    tag_colour="yellow",
                )
                for ask in to_answer
            ],
            order=20,
        ),
        StartSection(
            "What changed since your last visit",
            [
                StartItem(
                    event.ask.title,
                    event.ask.get_absolute_url(),
                    f"{event.ask.reference}: {event.get_kind_display().lower()} on "
                    f"{timezone.localtime(event.at):%-d %B}.",
                    tag=event.ask.get_status_display(),
                    tag_colour="green"
                    if event.ask.status in (Status.DELIVERED, Status.CONFIRMED)
                    else "blue",
                )
                for event in changes
            ],
            order=30,
            more_url=reverse("asks:mine"),
            more_text="All your asks",
        ),
        StartSection(
            "Tell the centre what you need",
            [StartItem("Raise an ask", reverse("asks:new"), "It takes two minutes.")],
            order=60,
        ),
    ]


def staff_sections(user: User, since) -> list[StartSection]:
    found = []
    if user.centre_unit_ids:
        units = list(CentreUnit.objects.filter(pk__in=user.centre_unit_ids).order_by("name"))
        found.append(
            StartSection(
                "Your unit's queue" if len(units) == 1 else "Your units' queues",
                [
                    StartItem(
                        unit.name,
                        reverse("asks:queue", args=[unit.pk]) + ("?show=late" if q.late else ""),
                        f"{q.open:,} open, {q.awaiting:,} not yet acknowledged.",
                        count=q.open,
                        tag=f"{q.late:,} late" if q.late else "None late",
                        tag_colour="red" if q.late else "green",
                    )
                    for unit, q in zip(units, queue_summaries(units), strict=True)
                ],
                order=10,
            )
        )
    if user.is_centre_lead:
        triage = triage_summary()
        found.append(
            StartSection(
                "The triage queue",
                [
                    StartItem(
                        "Asks no rule routed",
                        reverse("asks:triage"),
                        "Route each to the unit that should own it.",
                        count=triage.open,
                        tag=f"{triage.late:,} late" if triage.late else "",
                        tag_colour="red",
                    )
                ],
                order=15,
            )
        )
    if user.sees_everything:
        week = timezone.now() - timedelta(days=7)
        open_asks = Ask.objects.filter(status__in=OPEN_STATUSES)
        found.append(
            StartSection(
                "What is new in asks",
                [
                    StartItem(
                        "Asks raised in the last 7 days",
                        reverse("asks:mine"),
                        f"{open_asks.count():,} asks are open across the centre.",
                        count=Ask.objects.filter(raised_at__gte=since or week).count(),
                    ),
                ],
                order=35,
            )
        )
    return found
