from django_tasks import task

from .emails import send_pending_invitations, send_playback_emails, send_reminders
from .models import Pulse


@task()
def send_invitations(pulse_id: int) -> int:
    """E-mail each doer invited to a pulse their personal link (once each)."""
    return send_pending_invitations(Pulse.objects.get(pk=pulse_id))


@task()
def send_due_reminders() -> int:
    """Remind doers who have not answered an open pulse, on each pulse's schedule."""
    return send_reminders()


@task()
def send_playback(pulse_id: int) -> int:
    """Tell everyone invited to a closed pulse what the doers said and what happens next."""
    return send_playback_emails(Pulse.objects.get(pk=pulse_id))
