"""One error format for the whole API: RFC 9457 problem details, `application/problem+json`.

{"type": "about:blank", "title": "Not found", "status": 404,
 "detail": "No organisation with id 7.", "errors": [{"field": "...", "message": "..."}]}
"""

import logging
from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as RuleBroken
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from insideout.web.problems import FieldProblem, Problem

logger = logging.getLogger(__name__)


def problem(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    detail: str,
    errors: list[FieldProblem] | None = None,
) -> HttpResponse:
    body = Problem(
        title=HTTPStatus(status).phrase, status=status, detail=detail, errors=errors or []
    )
    response = api.create_response(request, body.model_dump(), status=status)
    response["Content-Type"] = "application/problem+json"
    return response


def field_name(loc: list) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload")]
    return ".".join(parts) or "request"


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            FieldProblem(field=field_name(e.get("loc", [])), message=e.get("msg", "is not valid"))
            for e in exc.errors
        ]
        return problem(api, request, 422, "The request has values that are not valid.", errors)

    @api.exception_handler(RuleBroken)
    def rule_broken(request: HttpRequest, exc: RuleBroken) -> HttpResponse:
        """A business rule refused the request: say which, and for which field."""
        if hasattr(exc, "error_dict"):
            errors = [
                FieldProblem(field="request" if field == "__all__" else field, message=message)
                for field, messages in exc.message_dict.items()
                for message in messages
            ]
            general = " ".join(exc.message_dict.get("__all__", []))
            return problem(api, request, 400, general or "The request breaks a rule.", errors)
        return problem(api, request, 400, " ".join(exc.messages))

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = problem(
            api, request, 401, "Send a valid API token as 'Authorization: Bearer <token>'."
        )
        response["WWW-Authenticate"] = 'Bearer realm="insideout"'
        return response

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return problem(api, request, 403, str(exc) or "You do not have permission to do that.")

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem(api, request, 404, str(exc) or "Not found.")

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem(api, request, exc.status_code, str(exc))

    # A last resort: inputs are bounded by type (web/limits.py), but an operation that forgot
    # must still answer 4xx, never 500, for a number or text the database cannot hold.
    @api.exception_handler(DataError)
    @api.exception_handler(OverflowError)
    def unstorable(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.warning("Refused a value the database cannot hold: %s %s", request.path, exc)
        return problem(
            api,
            request,
            400,
            "A value in the request cannot be stored or compared: numbers must be below 2^63 "
            "and text must not contain the NUL character.",
        )
