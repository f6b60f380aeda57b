"""The front door: what Inside Out is, and for a signed-in person, where to go next."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from insideout.directory.services import directory_summary


def start(request: HttpRequest) -> HttpResponse:
    context = {}
    if request.user.is_authenticated:
        context["summary"] = directory_summary(request.user)
    return render(request, "home/start.html", context)
