"""Password guessing, refused: django-axes counts wrong passwords per account and per client
address and locks either out for a cool-off. This module is what Inside Out adds: one spelling
of an account name, and the lockouts listed (and lifted) for admins."""

from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog
from axes.utils import reset
from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def username_of(request: HttpRequest, credentials: dict | None) -> str:
    """The e-mail address typed, as one account: "Ada@X.org " and "ada@x.org" count together."""
    typed = (credentials or {}).get("username") or request.POST.get("username") or ""
    return typed.strip().lower()


def lockout_page(request: HttpRequest, response=None, credentials=None) -> HttpResponse:
    """What a locked-out person sees (axes calls it): how long to wait, and what else to do."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "accounts/locked_out.html",
        {"limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
        status=429,
    )


def current_lockouts() -> QuerySet[AccessAttempt]:
    """Accounts and addresses refused now: as many failures as the limit, within the cool-off."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")


def recent_failures(days: int = 30) -> QuerySet[AccessFailureLog]:
    """The audit: every wrong password of the last month, and which of them locked someone out."""
    since = timezone.now() - timedelta(days=days)
    return AccessFailureLog.objects.filter(attempt_time__gte=since).order_by("-attempt_time")


def lift(attempt: AccessAttempt) -> int:
    """An admin lets an account (or an address) try again before the cool-off ends."""
    return reset(username=attempt.username, ip=attempt.ip_address, ip_or_username=True)
