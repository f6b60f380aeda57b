"""The ledger on a person's start page: a doer's reports to make and what falls due; a centre
lead's net change in hours and the scrutiny queue; everyone's way into the ledger."""

from django.urls import reverse

from insideout.accounts.models import User
from insideout.directory.models import Organisation
from insideout.web.start import StartItem, StartSection

from . import doer_calendar, ledger, scrutiny
from .models import ChangeProposal


def doer_section(user: User) -> StartSection | None:
    organisations = list(Organisation.objects.filter(pk__in=user.doer_organisation_ids))
    if not organisations:
        return None
    due = sum(len(doer_calendar.reports_due(o)) for o in organisations)
    coming = sum(len(doer_calendar.upcoming(o, months=1)) for o in organisations)
    return StartSection(
        "What the centre asks of you",
        [
            StartItem(
                "Reports to make",
                reverse("burdens:calendar"),
                "say in a minute what each really took",
                due,
                tag="To do" if due else "",
                tag_colour="yellow",
            ),
            StartItem(
                "Your burden calendar",
                reverse("burdens:calendar"),
                "returns, inspections and requests due in the next month",
                coming,
            ),
            StartItem(
                "The burden ledger",
                reverse("burdens:ledger"),
                "every hour the centre takes from doers, and what doers say it really takes",
            ),
        ],
        order=20,
    )


def centre_section(user: User) -> StartSection:
    items = [
        StartItem(
            "The burden ledger",
            reverse("burdens:ledger"),
            "every requirement on doers, the hours it takes and what doers report",
        )
    ]
    if user.is_centre_lead:
        change = ledger.net_change(ledger.year_ago())
        sign = "+" if change.net > 0 else ""
        items.append(
            StartItem(
                "Net change in burden over 12 months",
                reverse("burdens:budget"),
                f"{sign}{change.net:,.0f} hours a year: {change.added:,.0f} added, "
                f"{change.removed:,.0f} taken away",
            )
        )
        waiting = [r for r in scrutiny.queue() if user.may_scrutinise(r.owner_unit_id)]
        items.append(
            StartItem(
                "Scrutiny queue",
                reverse("burdens:scrutiny"),
                "proposed requirements for you to approve, send back or reject",
                len(waiting),
                tag="Waiting" if waiting else "",
                tag_colour="yellow",
            )
        )
        proposals = ChangeProposal.objects.filter(status=ChangeProposal.Status.OPEN)
        if not user.is_admin:
            proposals = proposals.filter(requirement__owner_unit_id__in=user.led_unit_ids)
        items.append(
            StartItem(
                "Proposals to retire or simplify",
                reverse("burdens:proposals"),
                "from doers and staff, for your decision",
                proposals.count(),
            )
        )
    return StartSection("Burdens", items, order=40)


def sections(user: User) -> list[StartSection]:
    found = [doer_section(user)]
    if user.is_centre_staff:
        found.append(centre_section(user))
    return [section for section in found if section is not None]
