from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from insideout.vocabulary import Role


def section_of(url: str) -> str:
    """The first part of a path, so every page in a section lights up its menu item."""
    return "/" + url.strip("/").split("/")[0] + "/"


def active_item(path: str, urls: list[str]) -> str | None:
    """The one menu item a page belongs to: the longest that starts its path, else its section."""
    direct = [url for url in urls if path == url or (url != "/" and path.startswith(url))]
    if direct:
        return max(direct, key=len)
    return next((url for url in urls if url != "/" and path.startswith(section_of(url))), None)


def navigation(request: HttpRequest) -> dict:
    """The service navigation a person sees: only the places their roles let them go."""
    user = request.user
    items: list[tuple[str, str]] = [("Home", reverse("home:start"))]
    if user.is_authenticated:
        if user.is_centre_staff:
            items.append(("Pulses", reverse("pulses:list")))
            items.append(("Scorecard", reverse("scorecard:league")))
            items.append(("Themes", reverse("themes:list")))
            if user.analyses_demand:
                items.append(("Demand", reverse("demand:volume")))
        else:
            items.append(("Your pulses", reverse("pulses:mine")))
        items.append(("Asks", reverse("asks:mine")))
        if user.is_centre_staff:
            items.append(("Burdens", reverse("burdens:ledger")))
            items.append(("Priorities", reverse("priorities:list")))
        elif user.doer_organisation_ids:
            items.append(("Your burden", reverse("burdens:calendar")))
        if user.opens_cases or user.lead_organisation_ids:
            items.append(("Cases", reverse("cases:mine")))
        if user.is_provider:
            items.append(("Pulls", reverse("cases:queue")))
            items.append(("Your services", reverse("catalogue:yours")))
        items.append(("Catalogue", reverse("catalogue:browse")))
        if user.sees_unmet_needs:
            items.append(("Unmet needs", reverse("cases:unmet_needs")))
        items.append(("Directory", reverse("directory:organisations")))
        if user.is_admin:
            items.append(("Import", reverse("directory:import_upload")))
            if settings.EMAIL_OUTBOX_PAGE:
                items.append(("Outbox", reverse("outbox:list")))
        items.append(("Your account", reverse("accounts:account")))
    current = active_item(request.path, [url for _, url in items])
    nav = [{"label": label, "url": url, "active": url == current} for label, url in items]
    roles_label = ""
    if user.is_authenticated:
        roles_label = ", ".join(sorted({Role(r).label for r in user.roles}))
    return {
        "navigation": nav,
        "department_name": settings.DEPARTMENT_NAME,
        "user_roles_label": roles_label,
    }
