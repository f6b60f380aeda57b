"""The catalogue on a person's start page: for providers, their services and how current their
capacity is; for everyone, the catalogue to look in."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from insideout.accounts.models import User
from insideout.web.start import StartItem, StartSection

from .models import Service
from .services import services_kept_by

STALE_AFTER = timedelta(weeks=4)


def sections(user: User) -> list[StartSection]:
    found = []
    if user.is_provider:
        kept = services_kept_by(user)
        stale = kept.filter(last_modified__lt=timezone.now() - STALE_AFTER).count()
        found.append(
            StartSection(
                "Your services",
                [
                    StartItem(
                        "Your services and their capacity",
                        reverse("catalogue:yours"),
                        "keep what you can take on current, so partners pull what you can give",
                        kept.count(),
                        tag=f"{stale} not updated for 4 weeks" if stale else "",
                        tag_colour="yellow",
                    )
                ],
                order=12,
            )
        )
    found.append(
        StartSection(
            "The capability catalogue",
            [
                StartItem(
                    "Find a service",
                    reverse("catalogue:browse"),
                    "by need, place, eligibility and whether it can take people on",
                    Service.objects.filter(status=Service.Status.ACTIVE).count(),
                )
            ],
            order=70,
        )
    )
    return found
