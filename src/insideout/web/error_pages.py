"""The pages people see when something goes wrong: in the service's layout, with a way on.

urls.py names these as Django's handler400, handler403, handler404 and handler500.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page(request: HttpRequest, template: str, context: dict, status: int) -> HttpResponse:
    """The page in the layout; without the signed-in person and menu when the request was
    refused before they were known (a bad Host header, say)."""
    if hasattr(request, "user"):
        return render(request, template, context, status=status)
    body = loader.get_template(template).render(
        {**context, "department_name": settings.DEPARTMENT_NAME}
    )
    return HttpResponse(body, status=status)


def bad_request(request: HttpRequest, exception: object = None) -> HttpResponse:
    why = exception if isinstance(exception, str) else ""
    return page(request, "web/errors/400.html", {"why": why}, status=400)


def permission_denied(request: HttpRequest, exception: object = None) -> HttpResponse:
    """Says why, when the rule that refused gave a reason ("Only admins can do this.")."""
    why = str(exception) if exception else ""
    return page(request, "web/errors/403.html", {"why": why}, status=403)


def page_not_found(request: HttpRequest, exception: object = None) -> HttpResponse:
    return page(request, "web/errors/404.html", {}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request's context: the database may be what failed, so nothing
    here may need it (no signed-in person, no menu)."""
    body = loader.get_template("web/errors/500.html").render(
        {"department_name": settings.DEPARTMENT_NAME}
    )
    return HttpResponseServerError(body)
