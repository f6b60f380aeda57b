"""Signing in's background work: a thin wrapper around the rule it runs."""

from django_tasks import task

from . import services


@task()
def send_sign_in_email(email: str, client: str, next_url: str = "") -> str:
    """Look the address up and e-mail a sign-in link (or a password reminder), within limits."""
    return services.send_sign_in_email(email, client, next_url)
