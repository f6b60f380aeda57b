"""The e-mails a pulse sends: each doer's personal link, reminders, and the play-back."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone

from insideout.outbox.services import queue_email

from .models import Invitation, Pulse


def invitation_email(invitation: Invitation, template: str, subject: str) -> None:
    body = render_to_string(
        f"pulses/email/{template}.txt",
        {
            "invitation": invitation,
            "pulse": invitation.pulse,
            "url": settings.SITE_URL + invitation.get_absolute_url(),
        },
    )
    queue_email(invitation.person.email, subject, body)


def send_pending_invitations(pulse: Pulse) -> int:
    pending = pulse.invitations.filter(sent_at__isnull=True).select_related("person", "pulse")
    sent = 0
    for invitation in pending:
        with transaction.atomic():
            invitation_email(invitation, "invitation", f"Two minutes: {pulse.title}")
            Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
        sent += 1
    return sent


def due_reminders(now=None) -> list[Invitation]:
    """Invitations not yet answered whose next reminder is due, in pulses still open."""
    now = now or timezone.now()
    due: list[Invitation] = []
    for pulse in Pulse.objects.filter(
        status=Pulse.Status.OPEN, closes_on__gte=timezone.localdate(now)
    ):
        cutoff = now - timedelta(days=pulse.reminder_every_days)
        due += (
            pulse.invitations.filter(
                submitted_at__isnull=True,
                sent_at__isnull=False,
                reminders_sent__lt=pulse.max_reminders,
            )
            .filter(
                Q(last_reminded_at__isnull=True, sent_at__lte=cutoff)
                | Q(last_reminded_at__lte=cutoff)
            )
            .select_related("pulse", "person")
        )
    return due


def send_reminders(now=None) -> int:
    now = now or timezone.now()
    sent = 0
    for invitation in due_reminders(now):
        with transaction.atomic():
            invitation_email(invitation, "reminder", f"Reminder: {invitation.pulse.title}")
            Invitation.objects.filter(pk=invitation.pk).update(
                reminders_sent=F("reminders_sent") + 1, last_reminded_at=now
            )
        sent += 1
    return sent


def send_playback_emails(pulse: Pulse) -> int:
    if pulse.playback_sent_at is not None:
        return 0
    sent = 0
    for invitation in pulse.invitations.select_related("person", "pulse"):
        invitation_email(invitation, "playback", f"What you told us: {pulse.title}")
        sent += 1
    Pulse.objects.filter(pk=pulse.pk).update(playback_sent_at=timezone.now())
    return sent
