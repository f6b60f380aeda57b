"""The asks' background work: each task is a thin wrapper around the rule it runs."""

from django_tasks import task

from .notifications import notify_change, send_follow_ups
from .service_levels import flag_breaches


@task()
def send_change_notices(event_id: int) -> int:
    """E-mail the doers and the unit about one change to an ask."""
    return notify_change(event_id)


@task()
def check_service_levels() -> int:
    """Flag asks past their service level to their units (run every few minutes)."""
    return flag_breaches()


@task()
def ask_if_fixed() -> int:
    """Send the 'is it fixed?' follow-up to doers whose ask was delivered weeks ago."""
    return send_follow_ups()
