"""The pages of signing in through the department's identity provider."""

from datetime import timedelta

import requests
from django.conf import settings
from django.contrib.auth import login
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from insideout.web.addresses import client_address
from insideout.web.decorators import admin_required
from insideout.web.pagination import paginate

from .department import DepartmentBackend, Refused, StartDepartmentSignIn, refuse
from .models import DepartmentSignInRefusal
from .services import safe_next_url

# What the person is told for each reason: what happened, and what to do next.
ADVICE = {
    "unknown": "Your department account is not in Inside Out's directory yet. Ask an admin "
    "of Inside Out to add you with this e-mail address, then try again.",
    "unverified": "Your department's sign-in service has not confirmed your e-mail address, so "
    "Inside Out cannot tell who you are. Ask your IT service desk to confirm it.",
    "closed": "Your Inside Out account has been closed. Ask an admin if you need it again.",
    "token": "Your department's sign-in service sent an answer Inside Out could not trust. "
    "Try again; if it keeps happening, tell your IT service desk.",
    "state": "This sign-in had already been used, or was started in another browser or "
    "window. Start again from the sign-in page.",
    "provider": "Your department's sign-in service did not let you in or did not answer. "
    "Try again in a few minutes.",
}


@require_GET
def department_sign_in(request: HttpRequest) -> HttpResponse:
    """Send the person to their department's sign-in service."""
    if request.user.is_authenticated:
        return redirect("home:start")
    if not settings.OIDC_ENABLED:
        return department_off(request)
    try:
        return StartDepartmentSignIn.as_view()(request)
    except (requests.RequestException, ValueError, KeyError, Refused) as error:
        refused = error if isinstance(error, Refused) else Refused("provider", str(error))
        return refused_page(request, refused)


@require_GET
def department_callback(request: HttpRequest) -> HttpResponse:
    """Where the provider sends the person back: check everything, then sign them in."""
    if request.user.is_authenticated:
        return redirect("home:start")
    if not settings.OIDC_ENABLED:
        return department_off(request)
    if error := request.GET.get("error"):
        detail = f"{error}: {request.GET.get('error_description', '')}"
        return refused_page(request, Refused("provider", detail))
    state, code = request.GET.get("state", ""), request.GET.get("code", "")
    if not state or not code:
        return redirect("accounts:sign_in")
    states = request.session.get("oidc_states", {})
    started = states.pop(state, None)
    if started is None:
        return refused_page(request, Refused("state", "the state is not this browser's"))
    request.session["oidc_states"] = states  # a state is good once: a replay finds nothing
    request.session.save()
    try:
        person = DepartmentBackend().authenticate(
            request, nonce=started["nonce"], code_verifier=started.get("code_verifier")
        )
    except Refused as refused:
        return refused_page(request, refused)
    except (requests.RequestException, SuspiciousOperation, ValueError, KeyError) as error:
        return refused_page(request, Refused("token", f"{type(error).__name__}: {error}"))
    if person is None:
        return refused_page(request, Refused("token", "the provider's answer was incomplete"))
    next_url = safe_next_url(request.session.get("oidc_login_next") or "")
    login(request, person, backend="django.contrib.auth.backends.ModelBackend")
    return redirect(next_url or "home:start")


def sign_in_choices() -> dict:
    """What the sign-in pages offer beside e-mailed links."""
    return {
        "department_sign_in": settings.OIDC_ENABLED,
        "department_button": settings.OIDC_BUTTON_TEXT,
        "staff_passwords": settings.STAFF_PASSWORDS,
    }


def department_off(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/department_off.html", sign_in_choices())


def refused_page(request: HttpRequest, refused: Refused) -> HttpResponse:
    refuse(refused, client_address(request))
    status = 403 if refused.reason in {"unknown", "unverified", "closed"} else 400
    if refused.reason == "provider":
        status = 502
    return render(
        request,
        "accounts/department_refused.html",
        {"advice": ADVICE[refused.reason], "email": refused.email, "reason": refused.reason},
        status=status,
    )


@admin_required
def department_refusals(request: HttpRequest) -> HttpResponse:
    """Admins see every refused department sign-in of the last 30 days, newest first."""
    since = timezone.now() - timedelta(days=30)
    refusals = DepartmentSignInRefusal.objects.filter(at__gte=since)
    return render(
        request,
        "accounts/department_refusals.html",
        {"enabled": settings.OIDC_ENABLED, **paginate(request, refusals, per_page=50)},
    )
