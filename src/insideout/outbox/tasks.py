from django_tasks import task

from . import delivery


@task()
def deliver_email(message_id: int) -> str:
    """Send one queued message over the configured e-mail backend and record the outcome."""
    return delivery.deliver(message_id)


@task()
def retry_email() -> int:
    """Queue again each message whose retry is due, or whose delivery never ran (the tick)."""
    due = delivery.due_for_retry()
    for message_id in due:
        deliver_email.enqueue(message_id)
    return len(due)
