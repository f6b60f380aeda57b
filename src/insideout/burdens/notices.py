"""Who hears of what: the owning unit of a scrutiny decision, and the doers, once, that an
occurrence fell due and they can say what it really took."""

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from insideout.asks.notifications import unit_addresses
from insideout.directory.models import Membership
from insideout.outbox.services import queue_email
from insideout.vocabulary import DOER_ROLES

from . import audience
from .models import IMPOSING, DueNotice, Requirement
from .services import REPORTING_DAYS

# Occurrences that fell due in the last few days are announced; older ones are left alone, so
# a worker that was stopped for a while does not send a flood of stale requests.
ANNOUNCE_WITHIN_DAYS = 7


def tell_owner_unit(requirement: Requirement, decision: str, reason: str) -> int:
    """E-mail the owning unit a scrutiny decision on its proposal; returns how many."""
    addresses = sorted(unit_addresses(requirement.owner_unit))
    body = render_to_string(
        "burdens/email/decision.txt",
        {
            "requirement": requirement,
            "decision": decision,
            "reason": reason,
            "url": settings.SITE_URL + requirement.get_absolute_url(),
        },
    )
    subject = f"{requirement.reference} at scrutiny: {requirement.title}"
    for address in addresses:
        queue_email(address, subject, body)
    return len(addresses)


def ask_for_reports(today: date | None = None) -> int:
    """After each due date, ask the doers it landed on, once, what it really took: one e-mail
    per person listing everything newly due. Returns how many e-mails were queued."""
    today = today or timezone.localdate()
    since = today - timedelta(days=ANNOUNCE_WITHIN_DAYS)
    due: dict[int, list[tuple[Requirement, date]]] = defaultdict(list)  # person -> occurrences
    emails: dict[int, str] = {}
    requirements = Requirement.objects.filter(state__in=IMPOSING).select_related("owner_unit")
    for requirement in requirements:
        for due_on in requirement.due_dates(since, today):
            try:
                with transaction.atomic():
                    notice = DueNotice.objects.create(requirement=requirement, due_on=due_on)
            except IntegrityError:
                continue  # announced already
            people = list(
                Membership.objects.filter(
                    role__in=DOER_ROLES,
                    organisation__in=audience.audience_organisations(requirement),
                    person__is_active=True,
                )
                .values_list("person_id", "person__email")
                .distinct()
            )
            for person_id, email in people:
                due[person_id].append((requirement, due_on))
                emails[person_id] = email
            notice.recipients = len(people)
            notice.save(update_fields=["recipients"])
    url = settings.SITE_URL + reverse("burdens:calendar")
    for person_id, occurrences in due.items():
        body = render_to_string(
            "burdens/email/report_due.txt",
            {"occurrences": occurrences, "url": url, "days": REPORTING_DAYS},
        )
        queue_email(emails[person_id], "How long did it take? Tell the centre in a minute", body)
    return len(due)
