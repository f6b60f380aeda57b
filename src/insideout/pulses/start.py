"""Pulses on a person's start page: what waits for a doer, what a lead has running."""

from django.urls import reverse
from django.utils import timezone

from insideout.accounts.models import User
from insideout.web.start import StartItem, StartSection

from .disclosure import shown_rate
from .models import Pulse
from .services import overall_rate


def sections(user: User) -> list[StartSection]:
    found = []
    waiting = [
        invitation
        for invitation in user.pulse_invitations.filter(
            submitted_at__isnull=True,
            pulse__status=Pulse.Status.OPEN,
            pulse__closes_on__gte=timezone.localdate(),
        ).select_related("pulse")
    ]
    if waiting:
        found.append(
            StartSection(
                "Pulses waiting for your answers",
                [
                    StartItem(
                        i.pulse.title,
                        i.get_absolute_url(),
                        f"Two minutes. Closes on {i.pulse.closes_on:%-d %B %Y}.",
                        tag="Saved, not sent" if i.draft else "Not started",
                        tag_colour="yellow",
                    )
                    for i in waiting
                ],
                order=10,
            )
        )
    if user.is_centre_lead:
        running = Pulse.objects.exclude(status=Pulse.Status.CLOSED).order_by("opens_on")[:5]
        items = []
        for pulse in running:
            if pulse.status == Pulse.Status.DRAFT:
                items.append(
                    StartItem(
                        pulse.title,
                        reverse("pulses:launch", args=[pulse.pk]),
                        "A draft: check who it asks, then launch it.",
                        tag="Draft",
                        tag_colour="grey",
                    )
                )
            else:
                rate = shown_rate(pulse, overall_rate(pulse))
                answered = (
                    f"{rate.responded:,} of {rate.invited:,} doers have answered ({rate.rate:.0f}%)"
                    if rate.responded is not None
                    else f"Fewer than {rate.threshold} of {rate.invited:,} doers have answered"
                )
                items.append(
                    StartItem(
                        pulse.title,
                        pulse.get_absolute_url(),
                        f"{answered}; closes {pulse.closes_on:%-d %B}.",
                        tag="Open",
                        tag_colour="green",
                    )
                )
        found.append(
            StartSection(
                "Pulses you run",
                items,
                order=40,
                more_url=reverse("pulses:list"),
                more_text="All pulses",
            )
        )
    return found
