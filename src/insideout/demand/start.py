"""Demand on a person's start page: the analysts' charts and queue, a team's own services."""

from django.urls import reverse

from insideout.accounts.models import User
from insideout.web.start import StartItem, StartSection

from .models import Contact, Service


def sections(user: User) -> list[StartSection]:
    found = []
    if user.analyses_demand:
        waiting = Contact.objects.filter(classified_by=Contact.ClassifiedBy.MODEL).count()
        found.append(
            StartSection(
                "Citizens' demand",
                [
                    StartItem(
                        "Value and failure demand",
                        reverse("demand:volume"),
                        "weekly volume on statistical process control charts",
                    ),
                    StartItem(
                        "Where failure demand comes from",
                        reverse("demand:failure"),
                        "failure share by service, channel and place; its causes",
                    ),
                    StartItem(
                        "End-to-end time",
                        reverse("demand:capability"),
                        "how long citizens wait, and what the service is capable of",
                    ),
                    StartItem(
                        "Review the classifier's guesses",
                        reverse("demand:review"),
                        "least certain first: each label improves the next model",
                        waiting,
                    ),
                    StartItem(
                        "Import contacts",
                        reverse("demand:import_upload"),
                        "from a spreadsheet or an Open311 export",
                    ),
                ],
                order=60,
            )
        )
    elif user.is_centre_staff and user.centre_unit_ids:
        services = Service.objects.filter(unit_id__in=user.centre_unit_ids)
        found.append(
            StartSection(
                "What citizens say of your services",
                [
                    StartItem(
                        service.name,
                        reverse("demand:service", args=[service.pk]),
                        "was it put right? and the requests still open",
                    )
                    for service in services
                ],
                order=60,
            )
        )
    return found
