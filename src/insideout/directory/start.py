"""The directory on a person's start page."""

from django.urls import reverse

from insideout.accounts.models import User
from insideout.web.start import StartItem, StartSection

from .services import directory_summary


def sections(user: User) -> list[StartSection]:
    summary = directory_summary(user)
    return [
        StartSection(
            "The directory",
            [
                StartItem(
                    "Organisations",
                    reverse("directory:organisations"),
                    "doer organisations the centre serves",
                    summary["organisations"],
                ),
                StartItem(
                    "Centre units",
                    reverse("directory:units"),
                    "parts of the department",
                    summary["units"],
                ),
                StartItem(
                    "People",
                    reverse("directory:people"),
                    "people in the directory" if user.is_centre_staff else "people you can see",
                    summary["people"],
                ),
            ],
            order=90,
        )
    ]
