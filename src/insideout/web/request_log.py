"""Every request timed, counted and (with LOG_FORMAT=json) logged as one line: method, path with
any secret in it blanked, status, duration, the person's id and the request's id. The request id
goes on to the tasks the request queues, so the worker's lines carry it too."""

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django_tasks.signals import task_enqueued, task_finished, task_started
from prometheus_client import Counter, Histogram

from .logs import new_request_id, request_id
from .redaction import redact

logger = logging.getLogger("insideout.requests")

REQUESTS = Counter(
    "insideout_http_requests",
    "Requests answered, by route, method and status class.",
    ["route", "method", "status"],
)
LATENCY = Histogram(
    "insideout_http_request_duration_seconds",
    "How long requests took to answer, by route.",
    ["route"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


def route_of(request: HttpRequest) -> str:
    """The URL pattern's name, never the path itself: paths carry ids and secrets."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "healthz" if request.path_info == "/healthz" else "unrouted"
    return match.view_name or match.route or "unnamed"


def log_requests(get_response: Callable[[HttpRequest], HttpResponse]):
    def middleware(request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        rid = new_request_id(request.headers.get("X-Request-ID", ""))
        # For views to read; django-stubs's HttpRequest declares no attributes a middleware adds.
        request.request_id = rid  # type: ignore[attr-defined]
        reset = request_id.set(rid)
        try:
            response = get_response(request)
            duration = time.perf_counter() - started
            response["X-Request-ID"] = rid
            route = route_of(request)
            REQUESTS.labels(route, request.method, f"{response.status_code // 100}xx").inc()
            LATENCY.labels(route).observe(duration)
            if settings.LOG_FORMAT == "json":
                user = getattr(request, "user", None)
                logger.info(
                    "%s %s %s",
                    request.method,
                    redact(request.path),
                    response.status_code,
                    extra={
                        "method": request.method,
                        "path": redact(request.path),
                        "status": response.status_code,
                        "duration_ms": round(duration * 1000, 1),
                        "user_id": user.pk if user is not None and user.is_authenticated else None,
                    },
                )
            return response
        finally:
            request_id.reset(reset)

    return middleware


def remember_origin(sender, task_result, **kwargs) -> None:
    """A task queued while answering a request keeps that request's id for the worker."""
    from .models import TaskOrigin

    rid = request_id.get()
    if not rid or not getattr(sender, "supports_get_result", False):
        return  # run at once in this process (tests, the immediate backend): the id is set
    try:
        TaskOrigin.objects.create(task_id=str(task_result.id), request_id=rid)
    except DatabaseError:
        logger.warning("Could not keep request %s's id for task %s", rid, task_result.id)


def take_origin(sender, task_result, **kwargs) -> None:
    """In the worker: the task's lines carry the id of the request that queued it."""
    from .models import TaskOrigin

    if not getattr(sender, "supports_get_result", False):
        return
    origin = TaskOrigin.objects.filter(task_id=str(task_result.id)).first()
    if origin is not None:
        request_id.set(origin.request_id)


def forget_origin(sender, task_result, **kwargs) -> None:
    from .models import TaskOrigin

    if not getattr(sender, "supports_get_result", False):
        return
    TaskOrigin.objects.filter(task_id=str(task_result.id)).delete()
    request_id.set("")


def connect_task_signals() -> None:
    task_enqueued.connect(remember_origin, dispatch_uid="insideout.request_id.enqueued")
    task_started.connect(take_origin, dispatch_uid="insideout.request_id.started")
    task_finished.connect(forget_origin, dispatch_uid="insideout.request_id.finished")
