"""Who hears of a change to a pull: the provider's staff hear of a new or withdrawn pull; the
case's partners hear of each answer. E-mails carry the pull's number, the service and its state,
and a link: never the person's details, which stay behind the sign-in."""

from django.conf import settings
from django.template.loader import render_to_string

from insideout.directory.models import Membership
from insideout.outbox.services import queue_email
from insideout.vocabulary import Role

from .models import CaseEvent

PROVIDER_HEARS_OF = {CaseEvent.Kind.PULLED, CaseEvent.Kind.CANCELLED}
PARTNERS_HEAR_OF = {
    CaseEvent.Kind.ACCEPTED,
    CaseEvent.Kind.DECLINED,
    CaseEvent.Kind.NO_CAPACITY,
    CaseEvent.Kind.WAITLISTED,
    CaseEvent.Kind.STARTED,
    CaseEvent.Kind.COMPLETED,
}


def notify_change(event_id: int) -> int:
    """Queue the e-mails one change calls for; returns how many."""
    event = CaseEvent.objects.select_related("pull", "pull__service", "actor").get(pk=event_id)
    pull = event.pull
    if pull is None:
        return 0
    recipients: set[str] = set()
    if event.kind in PROVIDER_HEARS_OF:
        recipients |= set(
            Membership.objects.filter(
                organisation_id=pull.provider_id, role=Role.PROVIDER, person__is_active=True
            ).values_list("person__email", flat=True)
        )
    if event.kind in PARTNERS_HEAR_OF:
        recipients |= set(pull.case.partners.filter(is_active=True).values_list("email", flat=True))
    recipients.discard(event.actor.email if event.actor else "")
    url = settings.SITE_URL + pull.get_absolute_url()
    for email in sorted(recipients):
        body = render_to_string(
            "cases/email/pull_change.txt", {"event": event, "pull": pull, "url": url}
        )
        subject = f"{pull.reference} {event.get_kind_display().lower()}: {pull.service.name}"
        queue_email(email, subject, body)
    return len(recipients)
