"""/healthz answered ahead of the middleware that pages need.

A load balancer asks every few seconds and needs none of what a page does: sessions, CSRF, who
is signed in, messages, a content security policy for HTML, lock-outs. Placed just after
SecurityMiddleware (which still adds its headers), this answers /healthz at a fraction of a
page's cost; every other request goes through the whole stack as before. Like most health
checks it answers whatever Host the balancer sends (often an IP address, not in ALLOWED_HOSTS).
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import get_resolver

from .views import healthz

PATH = "/healthz"


def answer_health_checks(get_response: Callable[[HttpRequest], HttpResponse]):
    # Every app's URLs are loaded now, when the server starts, as /healthz no longer loads them:
    # an app that cannot be routed stops the server starting rather than passing its checks.
    get_resolver().url_patterns  # noqa: B018

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.path_info == PATH:
            return healthz(request)
        return get_response(request)

    return middleware
