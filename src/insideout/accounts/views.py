from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from insideout.web.addresses import client_address
from insideout.web.decorators import admin_required
from insideout.web.pagination import paginate

from .department_views import sign_in_choices
from .forms import ApiTokenForm, PasswordSignInForm, SignInLinkForm
from .lockouts import current_lockouts, lift, recent_failures
from .models import ApiToken
from .requests import AuthenticatedHttpRequest
from .services import find_usable_token, redeem_sign_in_link, request_sign_in, safe_next_url
from .tasks import send_sign_in_email


def sign_in(request: HttpRequest) -> HttpResponse:
    """Doers sign in with a link sent to their work e-mail: no password to remember."""
    if request.user.is_authenticated:
        return redirect("home:start")
    form = SignInLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        client = client_address(request)
        if not request_sign_in(email, client):
            return render(request, "accounts/too_many_requests.html", status=429)
        send_sign_in_email.enqueue(email, client, safe_next_url(request.GET.get("next", "")))
        request.session["sign_in_email"] = email
        return redirect("accounts:check_email")
    return render(request, "accounts/sign_in.html", {"form": form, **sign_in_choices()})


def check_email(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/check_email.html",
        {
            "email": request.session.get("sign_in_email", ""),
            "minutes": settings.SIGN_IN_LINK_MINUTES,
        },
    )


def sign_in_link(request: HttpRequest, token: str) -> HttpResponse:
    """Confirm before using the link: mail scanners that open links must not spend them."""
    if request.method == "POST":
        redeemed = redeem_sign_in_link(token)
        if redeemed is None:
            return link_invalid(request)
        login(request, redeemed.user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(safe_next_url(redeemed.next_url) or "home:start")
    found = find_usable_token(token)
    if found is None:
        return link_invalid(request)
    return render(request, "accounts/link_confirm.html", {"person": found.user})


def link_invalid(request: HttpRequest) -> HttpResponse:
    minutes = settings.SIGN_IN_LINK_MINUTES
    return render(request, "accounts/link_invalid.html", {"minutes": minutes}, status=410)


class PasswordSignInView(LoginView):
    """Centre staff sign in with a password."""

    template_name = "accounts/password_sign_in.html"
    authentication_form = PasswordSignInForm
    redirect_authenticated_user = True

    def dispatch(self, request, *args, **kwargs):
        if not settings.STAFF_PASSWORDS and not request.user.is_authenticated:
            # Switched off (STAFF_PASSWORDS=false): staff use their department account.
            return render(request, "accounts/passwords_off.html", sign_in_choices())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **sign_in_choices()}


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect("home:start")


@login_required
def account(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Your details, roles, and the API tokens you have made."""
    form = ApiTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _, new_token = ApiToken.issue(request.user, form.cleaned_data["name"])
        form = ApiTokenForm()
    tokens = request.user.api_tokens.filter(revoked_at__isnull=True)
    memberships = request.user.memberships.select_related("centre_unit", "organisation")
    return render(
        request,
        "accounts/account.html",
        {
            "form": form,
            "tokens": tokens,
            "new_token": new_token,
            "memberships": memberships,
        },
    )


@login_required
@require_POST
def revoke_token(request: AuthenticatedHttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(request.user.api_tokens, pk=token_id, revoked_at__isnull=True)
    token.revoke()
    messages.success(request, f"The token “{token.name}” no longer works.")
    return redirect("accounts:account")


@admin_required
def lockouts(request: HttpRequest) -> HttpResponse:
    """The audit of password guessing: who is stopped now, and every wrong password lately."""
    return render(
        request,
        "accounts/lockouts.html",
        {
            "current": current_lockouts(),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            **paginate(request, recent_failures(), per_page=50),
        },
    )


@admin_required
@require_POST
def lift_lockout(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = get_object_or_404(current_lockouts(), pk=attempt_id)
    lift(attempt)
    messages.success(
        request, f"{attempt.username or attempt.ip_address} can try a password again now."
    )
    return redirect("accounts:lockouts")
