"""The cases' background work: thin wrappers around the rules they run."""

from django_tasks import task

from .notifications import notify_change


@task()
def send_pull_notices(event_id: int) -> int:
    """E-mail the provider or the partners about one change to a pull."""
    return notify_change(event_id)
