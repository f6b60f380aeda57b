"""View guards: sign-in first, then the role, as the User model answers it. Object-level checks
live with each app's rules."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]


def admin_required(view: View) -> View:
    @login_required
    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        # login_required let only signed-in people through; saying so tells the type checker too.
        if not (request.user.is_authenticated and request.user.is_admin):
            raise PermissionDenied("Only admins can do this.")
        return view(request, *args, **kwargs)

    return guarded


def centre_staff_required(view: View) -> View:
    @login_required
    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not (request.user.is_authenticated and request.user.is_centre_staff):
            raise PermissionDenied("Only centre staff can see this.")
        return view(request, *args, **kwargs)

    return guarded


def refuse_unless(allowed: bool, why: str) -> None:
    """Stop with 403 and the reason, in a page or the API alike."""
    if not allowed:
        raise PermissionDenied(why)
