from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .forms import ApiTokenForm, PasswordSignInForm, SignInLinkForm
from .models import ApiToken
from .services import find_usable_token, redeem_sign_in_link, safe_next_url, send_sign_in_link


def sign_in(request: HttpRequest) -> HttpResponse:
    """Doers sign in with a link sent to their work e-mail: no password to remember."""
    if request.user.is_authenticated:
        return redirect("home:start")
    form = SignInLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        send_sign_in_link(form.cleaned_data["email"], request.GET.get("next", ""))
        request.session["sign_in_email"] = form.cleaned_data["email"]
        return redirect("accounts:check_email")
    return render(request, "accounts/sign_in.html", {"form": form})


def check_email(request: HttpRequest) -> HttpResponse:
    return render(
        request, "accounts/check_email.html", {"email": request.session.get("sign_in_email", "")}
    )


def sign_in_link(request: HttpRequest, token: str) -> HttpResponse:
    """Confirm before using the link: mail scanners that open links must not spend them."""
    if request.method == "POST":
        redeemed = redeem_sign_in_link(token)
        if redeemed is None:
            return render(request, "accounts/link_invalid.html", status=410)
        login(request, redeemed.user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(safe_next_url(redeemed.next_url) or "home:start")
    found = find_usable_token(token)
    if found is None:
        return render(request, "accounts/link_invalid.html", status=410)
    return render(request, "accounts/link_confirm.html", {"person": found.user})


class PasswordSignInView(LoginView):
    """Centre staff sign in with a password."""

    template_name = "accounts/password_sign_in.html"
    authentication_form = PasswordSignInForm
    redirect_authenticated_user = True


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect("home:start")


@login_required
def account(request: HttpRequest) -> HttpResponse:
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
def revoke_token(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(request.user.api_tokens, pk=token_id, revoked_at__isnull=True)
    token.revoke()
    messages.success(request, f"The token “{token.name}” no longer works.")
    return redirect("accounts:account")
