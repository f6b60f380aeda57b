"""The directory on a person's start page: for admins, imports and people; for everyone, the
directory at a glance."""

from django.urls import reverse

from insideout.accounts.models import User
from insideout.web.start import StartItem, StartSection

from .models import ImportBatch
from .services import directory_summary

IMPORT_TAGS: dict[str, tuple[str, str]] = {
    ImportBatch.Status.DONE: ("Imported", "green"),
    ImportBatch.Status.CHECKED: ("Waiting for you to confirm", "blue"),
    ImportBatch.Status.QUEUED: ("Importing", "yellow"),
    ImportBatch.Status.REFUSED: ("Refused", "red"),
    ImportBatch.Status.FAILED: ("Failed", "red"),
}


def sections(user: User) -> list[StartSection]:
    found = []
    if user.is_admin:
        batches = ImportBatch.objects.select_related("uploaded_by")[:3]
        found.append(
            StartSection(
                "Imports",
                [
                    StartItem(
                        batch.filename,
                        reverse("directory:import_batch", args=[batch.pk]),
                        f"{batch.row_count:,} rows, {batch.created_at:%-d %B %Y}",
                        tag=IMPORT_TAGS[batch.status][0],
                        tag_colour=IMPORT_TAGS[batch.status][1],
                    )
                    for batch in batches
                ]
                or [
                    StartItem(
                        "Import organisations",
                        reverse("directory:import_upload"),
                        "No register imported yet.",
                    )
                ],
                order=20,
                more_url=reverse("directory:import_upload"),
                more_text="Import a register of organisations",
            )
        )
    if user.is_admin or user.led_organisation_ids:
        found.append(
            StartSection(
                "People and roles",
                [
                    StartItem(
                        "Give someone a role",
                        reverse("directory:give_role"),
                        "Invite a doer lead or a member of staff, e-mailed and recorded"
                        if user.is_admin
                        else "Invite a colleague from your organisation",
                    )
                ],
                order=25 if user.is_admin else 70,
                more_url=reverse("directory:people"),
                more_text="Everyone in the directory" if user.is_admin else "Your colleagues",
            )
        )
    summary = directory_summary(user)
    found.append(
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
                    f"units the doers rate, in {summary['parts']:,} parts of the department",
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
    )
    return found
