"""Signing in by e-mailed link: issuing links, rate-limiting them, and redeeming them once."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from insideout.outbox.services import queue_email

from .models import SignInToken, User, hash_secret


def safe_next_url(candidate: str) -> str:
    """Only a path on this site may follow a sign-in, never another site's address."""
    if (
        candidate
        and url_has_allowed_host_and_scheme(candidate, allowed_hosts=None, require_https=False)
        and candidate.startswith("/")
    ):
        return candidate
    return ""


def send_sign_in_link(email: str, next_url: str = "") -> None:
    """E-mail a sign-in link if the address belongs to an active person.

    The caller shows the same page whatever happens, so nobody can learn who has an account.
    People with a password (centre staff) are reminded to use it instead of getting a link.
    """
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        return
    if user.has_usable_password():
        body = render_to_string(
            "accounts/email/use_password.txt",
            {
                "user": user,
                "url": settings.SITE_URL + reverse("accounts:password_sign_in"),
            },
        )
        queue_email(user.email, "Sign in to Inside Out with your password", body)
        return
    an_hour_ago = timezone.now() - timedelta(hours=1)
    if user.sign_in_tokens.filter(created_at__gte=an_hour_ago).count() >= (
        settings.SIGN_IN_LINKS_PER_HOUR
    ):
        return
    _, raw = SignInToken.issue(user, next_url=safe_next_url(next_url))
    body = render_to_string(
        "accounts/email/sign_in_link.txt",
        {
            "user": user,
            "url": settings.SITE_URL + reverse("accounts:sign_in_link", args=[raw]),
            "minutes": settings.SIGN_IN_LINK_MINUTES,
        },
    )
    queue_email(user.email, "Your link to sign in to Inside Out", body)


def find_usable_token(raw: str) -> SignInToken | None:
    return (
        SignInToken.objects.usable()
        .select_related("user")
        .filter(digest=hash_secret(raw), user__is_active=True)
        .first()
    )


@transaction.atomic
def redeem_sign_in_link(raw: str) -> SignInToken | None:
    """Use a link once: of two clicks racing for the same link, exactly one signs in."""
    token = find_usable_token(raw)
    if token is None:
        return None
    claimed = SignInToken.objects.usable().filter(pk=token.pk).update(used_at=timezone.now())
    if claimed != 1:
        return None
    # Any other links still out for this person stop working too.
    SignInToken.objects.usable().filter(user=token.user).update(used_at=timezone.now())
    return token
