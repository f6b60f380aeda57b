"""The front door: what Inside Out is, and for a signed-in person, their start page: what each
part of the service has waiting for them."""

from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from insideout.accounts import start as accounts_start
from insideout.asks import start as asks_start
from insideout.burdens import start as burdens_start
from insideout.cases import start as cases_start
from insideout.catalogue import start as catalogue_start
from insideout.demand import start as demand_start
from insideout.directory import start as directory_start
from insideout.outbox import start as outbox_start
from insideout.priorities import start as priorities_start
from insideout.pulses import start as pulses_start
from insideout.scorecard import start as scorecard_start
from insideout.themes import start as themes_start
from insideout.web.start import StartSection

from .apps import PREVIOUS_VISIT

# Each app's `sections(user)`; a new capability adds its own here.
START_PAGES = [
    scorecard_start.sections,
    asks_start.sections,
    pulses_start.sections,
    cases_start.sections,
    catalogue_start.sections,
    directory_start.sections,
    demand_start.sections,
    themes_start.sections,
    outbox_start.sections,
    burdens_start.sections,
    priorities_start.sections,
    accounts_start.sections,
]


def sections_for(user) -> list[StartSection]:
    found = [section for sections in START_PAGES for section in sections(user) if section.items]
    return sorted(found, key=lambda section: section.order)


def start(request: HttpRequest) -> HttpResponse:
    context = {}
    if request.user.is_authenticated:
        # What changed is told since the visit before this sign-in (home/apps.py keeps it).
        previous = request.session.get(PREVIOUS_VISIT)
        request.user.previous_visit_at = datetime.fromisoformat(previous) if previous else None
        context["sections"] = sections_for(request.user)
    return render(request, "home/start.html", context)
