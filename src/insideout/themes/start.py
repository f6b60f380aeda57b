"""Themes on a person's start page: for centre staff, the latest themed sets."""

from django.urls import reverse

from insideout.accounts.models import User
from insideout.web.start import StartItem, StartSection

from .models import TextSet


def sections(user: User) -> list[StartSection]:
    if not user.is_centre_staff:
        return []
    items = [
        StartItem(
            text_set.name,
            text_set.get_absolute_url(),
            f"{text_set.get_source_display()}: {text_set.get_status_display().lower()}",
        )
        for text_set in TextSet.objects.all()[:4]
    ]
    if user.shapes_themes:
        items.append(
            StartItem("Theme free text", reverse("themes:new"), "group comments into themes")
        )
    items.append(
        StartItem(
            "How good are the themes?",
            reverse("themes:evaluation"),
            "agreement with human labels, against a baseline",
        )
    )
    return [
        StartSection(
            "Themes in what people wrote",
            items,
            order=40,
            more_url=reverse("themes:list"),
            more_text="Every themed set of texts",
        )
    ]
