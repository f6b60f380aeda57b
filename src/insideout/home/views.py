"""The front door: what Inside Out is, and for a signed-in person, their start page: what each
part of the service has waiting for them."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from insideout.directory import start as directory_start
from insideout.web.start import StartSection

# Each app's `sections(user)`; a new capability adds its own here.
START_PAGES = [directory_start.sections]


def sections_for(user) -> list[StartSection]:
    found = [section for sections in START_PAGES for section in sections(user) if section.items]
    return sorted(found, key=lambda section: section.order)


def start(request: HttpRequest) -> HttpResponse:
    context = {}
    if request.user.is_authenticated:
        context["sections"] = sections_for(request.user)
    return render(request, "home/start.html", context)
