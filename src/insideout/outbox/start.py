"""E-mail on an admin's start page: anything the mail server would not take."""

from django.urls import reverse

from insideout.web.start import StartItem, StartSection

from .services import failed_messages


def sections(user) -> list[StartSection]:
    """For admins only (`user` is an accounts User, which the outbox floor does not import)."""
    if not user.is_admin:
        return []
    waiting = failed_messages().count()
    return [
        StartSection(
            "E-mail",
            [
                StartItem(
                    "E-mails not sent",
                    reverse("outbox:failed"),
                    "failed, or waiting to be tried again" if waiting else "every e-mail was sent",
                    waiting,
                    tag="Needs a look" if waiting else "",
                    tag_colour="red" if waiting else "",
                )
            ],
            order=95,
        )
    ]
