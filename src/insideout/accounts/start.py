"""Signing in on an admin's start page: accounts and addresses stopped for password guessing."""

from django.urls import reverse

from insideout.web.start import StartItem, StartSection

from .lockouts import current_lockouts
from .models import User


def sections(user: User) -> list[StartSection]:
    if not user.is_admin:
        return []
    stopped = current_lockouts().count()
    return [
        StartSection(
            "Signing in",
            [
                StartItem(
                    "Sign-in lockouts",
                    reverse("accounts:lockouts"),
                    "stopped after wrong passwords" if stopped else "nobody is stopped now",
                    stopped,
                    tag="Stopped" if stopped else "",
                    tag_colour="red" if stopped else "",
                )
            ],
            order=96,
        )
    ]
