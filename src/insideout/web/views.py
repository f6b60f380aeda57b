import logging

from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For operators and load balancers: 200 when the database answers, 503 when it does not."""
    try:
        select_one()
    except DatabaseError:
        # The detail (host names, users, versions) is for the operator's log, not the world.
        logger.exception("Health check: the database did not answer")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def select_one() -> None:
    """`SELECT 1`, which is itself the check Django runs on a persistent connection before a
    request's first query (CONN_HEALTH_CHECKS): that one is skipped rather than doubled, and a
    connection the database has dropped is replaced once, as Django's check would replace it."""
    # Django 4.1+ has this attribute; django-stubs 5.2 does not declare it.
    connection.health_check_done = True  # type: ignore[attr-defined]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")
