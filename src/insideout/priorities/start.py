"""Priorities on a person's start page: leadership's overview and the balance of mandate and
demand; the priorities for everyone else."""

from django.urls import reverse

from insideout.accounts.models import User
from insideout.web.start import StartItem, StartSection

from .models import Priority


def sections(user: User) -> list[StartSection]:
    count = Priority.objects.filter(is_active=True).count()
    items = [
        StartItem(
            "The department's priorities",
            reverse("priorities:list"),
            "the minister's mandate and its outcome measures",
            count,
        )
    ]
    if user.is_centre_staff:
        items.insert(
            0,
            StartItem(
                "Mandate and demand",
                reverse("priorities:balance"),
                "where the priorities and the doers' needs agree, and where they pull apart",
            ),
        )
    if user.is_leadership:
        items.insert(
            0,
            StartItem(
                "Leadership overview",
                reverse("priorities:overview"),
                "how useful the doers find the centre, what it delivered, the hours it takes "
                "from them, and the balance of mandate and demand",
            ),
        )
    heading = "Leadership" if user.is_leadership else "Priorities"
    return [StartSection(heading, items, order=10 if user.is_leadership else 60)]
