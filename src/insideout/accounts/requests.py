"""The request a signed-in view receives: its `user` is a `User`, never `AnonymousUser`.

Pages behind `login_required` (or a role guard) and API operations behind the API's sign-in
(`insideout.api.auth`, which sets `request.user`) take it in place of `HttpRequest`, so the type
checker knows who is asking, as django-stubs advises."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from .models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User


class AuthenticatedHtmxRequest(AuthenticatedHttpRequest):
    """The same, for a page htmx polls: django-htmx's middleware says so in `htmx`."""

    htmx: HtmxDetails
