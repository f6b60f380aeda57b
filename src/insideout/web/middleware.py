"""Middleware of the web kit: refusing what no page or API call should ever receive."""

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from .error_pages import bad_request
from .limits import MAX_INTEGER, MESSAGE, NUL_MESSAGE
from .problems import FieldProblem, Problem


def nul_in_query(request: HttpRequest) -> str | None:
    """The first query parameter (or the path) holding NUL, which PostgreSQL cannot compare."""
    if "\x00" in request.path:
        return "path"
    for name, values in request.GET.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            return name.replace("\x00", "\\u0000")
    return None


def refuse_nul_characters(get_response: Callable[[HttpRequest], HttpResponse]):
    """Answer 400, naming the parameter, for a NUL character in the address: a page as a page,
    the API in its problem format. (Form fields refuse NUL themselves; API fields by type.)"""

    def middleware(request: HttpRequest) -> HttpResponse:
        field = nul_in_query(request)
        if field is None:
            return get_response(request)
        message = f"{field} {NUL_MESSAGE}."
        if request.path.startswith("/api/"):
            body = Problem(
                title="Bad Request",
                status=400,
                detail=message,
                errors=[FieldProblem(field=field, message=NUL_MESSAGE)],
            )
            return JsonResponse(
                body.model_dump(), status=400, content_type="application/problem+json"
            )
        return bad_request(request, message)

    return middleware


def out_of_bounds(value: object, path: str = "") -> tuple[str, str] | None:
    """The first value in a JSON body no field could accept: text longer than the longest kind,
    text with NUL, a number past 64 bits. (field, message), or None."""
    if isinstance(value, str):
        if "\x00" in value:
            return path or "body", NUL_MESSAGE
        if len(value) > MESSAGE:
            return path or "body", f"must be at most {MESSAGE:,} characters"
    elif isinstance(value, bool):
        return None
    elif isinstance(value, int) and abs(value) > MAX_INTEGER:
        return path or "body", "must be a whole number below 2^63"
    elif isinstance(value, dict):
        for key, inner in value.items():
            found = out_of_bounds(key, f"{path}.{key}".lstrip(".")) if len(key) > MESSAGE else None
            found = found or out_of_bounds(inner, f"{path}.{key}".lstrip("."))
            if found:
                return found
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            if found := out_of_bounds(inner, f"{path}.{index}".lstrip(".")):
                return found
    return None


def bound_api_bodies(get_response: Callable[[HttpRequest], HttpResponse]):
    """Every API operation's JSON body within the kit's widest limits, whatever its own schema
    declares: 422 naming the field, before any view runs. Each field's own, narrower limit is
    its schema's (web/limits.py)."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/") and request.content_type == "application/json":
            try:
                body = json.loads(request.body or b"null")
            except (ValueError, UnicodeDecodeError):
                body = None  # the API says so itself, in its own words
            if found := out_of_bounds(body):
                field, message = found
                problem = Problem(
                    title="Unprocessable Content",
                    status=422,
                    detail="The request has values that are not valid.",
                    errors=[FieldProblem(field=field, message=message)],
                )
                return JsonResponse(
                    problem.model_dump(), status=422, content_type="application/problem+json"
                )
        return get_response(request)

    return middleware
