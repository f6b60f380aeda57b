"""Cases on a person's start page: a partner's cases and pulls with news, a provider's new pulls,
the centre's unmet needs."""

from django.urls import reverse

from insideout.accounts.models import User
from insideout.web.start import StartItem, StartSection

from .models import OPEN_PULLS, PullStatus
from .services import cases_visible_to, provider_queue, pulls_visible_to
from .unmet import quarters, unmet_table


def sections(user: User) -> list[StartSection]:
    found = []
    if user.opens_cases or user.lead_organisation_ids:
        cases = cases_visible_to(user)
        theirs = pulls_visible_to(user).filter(case__in=cases.values("pk"))
        to_say = theirs.filter(status=PullStatus.COMPLETED, helped="").count()
        items = [
            StartItem(
                "Your cases",
                reverse("cases:mine"),
                "what matters to each person, their needs and the services pulled",
                cases.filter(closed_at__isnull=True).count(),
            ),
            StartItem(
                "Pulls waiting for a provider",
                reverse("cases:mine"),
                "sent and not yet answered",
                theirs.filter(status=PullStatus.REQUESTED).count(),
            ),
        ]
        if to_say:
            items.append(
                StartItem(
                    "Say whether it helped",
                    reverse("cases:mine"),
                    "pulls done, waiting for the person's verdict",
                    to_say,
                    tag="To do",
                    tag_colour="yellow",
                )
            )
        if user.opens_cases:
            items.append(
                StartItem("Open a case", reverse("cases:new"), "for a person, family or group")
            )
        found.append(StartSection("Your cases", items, order=10))
    if user.is_provider:
        queue = provider_queue(user)
        new = queue.filter(status=PullStatus.REQUESTED).count()
        found.append(
            StartSection(
                "Pulls to your services",
                [
                    StartItem(
                        "New pulls",
                        reverse("cases:queue"),
                        "frontline partners asking your services to help someone",
                        new,
                        tag="New" if new else "",
                        tag_colour="blue",
                    ),
                    StartItem(
                        "Open pulls",
                        reverse("cases:queue"),
                        "accepted, on the waiting list or started",
                        queue.filter(status__in=OPEN_PULLS).count(),
                    ),
                ],
                order=11,
            )
        )
    if user.sees_unmet_needs:
        latest = quarters()
        text = "what people needed and could not get, by kind, region and quarter"
        count = None
        if latest:
            total = unmet_table(latest[0]).total
            count = total.cases if total.shown else None
            text = f"{latest[0].label}: {text}"
        found.append(
            StartSection(
                "Unmet needs",
                [StartItem("Unmet needs", reverse("cases:unmet_needs"), text, count)],
                order=40,
            )
        )
    return found
