"""The ledger's background work: each task is a thin wrapper around the rule it runs."""

from django_tasks import task

from .disclosure import roll_up_closed
from .notices import ask_for_reports


@task()
def request_reports() -> int:
    """After each due date, ask the doers it landed on, once, what it really took."""
    return ask_for_reports()


@task()
def sum_closed_quarters() -> int:
    """Sum the reports of each quarter whose reporting window has closed, once."""
    return roll_up_closed()
