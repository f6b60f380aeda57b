"""Signing in by e-mailed link: issuing links, rate-limiting them, and redeeming them once."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from insideout.outbox.services import queue_email

from .models import SignInRequest, SignInToken, User, hash_secret


def safe_next_url(candidate: str) -> str:
    """Only a path on this site may follow a sign-in, never another site's address."""
    if (
        candidate
        and url_has_allowed_host_and_scheme(candidate, allowed_hosts=None, require_https=False)
        and candidate.startswith("/")
    ):
        return candidate
    return ""


def request_sign_in(email: str, client: str) -> bool:
    """Note a request for a sign-in e-mail; the caller then queues `tasks.send_sign_in_email`,
    which looks the address up, so the page takes the same time whoever it belongs to. False if
    this client address has asked too often this hour (that says nothing of who has an
    account)."""
    an_hour_ago = timezone.now() - timedelta(hours=1)
    asked = SignInRequest.objects.filter(client_address=client, created_at__gte=an_hour_ago)
    if asked.count() >= settings.SIGN_IN_REQUESTS_PER_CLIENT_PER_HOUR:
        return False
    SignInRequest.objects.create(email_digest=SignInRequest.digest_of(email), client_address=client)
    return True


def send_sign_in_email(email: str, client: str, next_url: str = "") -> str:
    """E-mail a sign-in link if the address belongs to an active person; says what it did.

    Centre staff are reminded to use their department account (where the service uses one) or
    their password instead of getting a link. At most SIGN_IN_LINKS_PER_HOUR e-mails go to one
    address for requests from one client address, so a stranger elsewhere cannot spend a doer's
    links; the owner's sign-in resets the count. Each kind of e-mail carries its values for a
    GOV.UK Notify template (docs/deploying.md).
    """
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        return "nobody"
    an_hour_ago = timezone.now() - timedelta(hours=1)
    asked = SignInRequest.objects.filter(
        email_digest=SignInRequest.digest_of(email),
        client_address=client,
        created_at__gte=an_hour_ago,
    ).count()
    if asked > settings.SIGN_IN_LINKS_PER_HOUR:
        return "limited"
    if user.signs_in_with_department:
        url = settings.SITE_URL + reverse("accounts:department_sign_in")
        body = render_to_string(
            "accounts/email/use_department_account.txt", {"user": user, "url": url}
        )
        queue_email(
            user.email,
            "Sign in to Inside Out with your department account",
            body,
            kind="use_department_account",
            personalisation={"name": user.get_short_name(), "link": url},
        )
        return "department"
    if user.has_usable_password() and settings.STAFF_PASSWORDS:
        url = settings.SITE_URL + reverse("accounts:password_sign_in")
        body = render_to_string("accounts/email/use_password.txt", {"user": user, "url": url})
        queue_email(
            user.email,
            "Sign in to Inside Out with your password",
            body,
            kind="use_password",
            personalisation={"name": user.get_short_name(), "link": url},
        )
        return "password"
    _, raw = SignInToken.issue(user, next_url=safe_next_url(next_url))
    url = settings.SITE_URL + reverse("accounts:sign_in_link", args=[raw])
    body = render_to_string(
        "accounts/email/sign_in_link.txt",
        {"user": user, "url": url, "minutes": settings.SIGN_IN_LINK_MINUTES},
    )
    queue_email(
        user.email,
        "Your link to sign in to Inside Out",
        body,
        kind="sign_in_link",
        personalisation={
            "name": user.get_short_name(),
            "link": url,
            "minutes": str(settings.SIGN_IN_LINK_MINUTES),
        },
    )
    return "link"


def signed_in(user: User) -> None:
    """The owner is in: the sign-in e-mails asked for them stop counting against the limit."""
    SignInRequest.objects.filter(email_digest=SignInRequest.digest_of(user.email)).delete()


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
