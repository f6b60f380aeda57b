"""View guards: sign-in first, then the role. Object-level checks live in each app's access.py."""

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
        if not request.user.is_admin:
            raise PermissionDenied("Only admins can do this.")
        return view(request, *args, **kwargs)

    return guarded


def centre_staff_required(view: View) -> View:
    @login_required
    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_centre_staff:
            raise PermissionDenied("Only centre staff can see this.")
        return view(request, *args, **kwargs)

    return guarded
