from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from insideout.directory.services import directory_summary


def home(request: HttpRequest) -> HttpResponse:
    """The front door: what Inside Out is, and for a signed-in person, where to go next."""
    context = {}
    if request.user.is_authenticated:
        context["summary"] = directory_summary(request.user)
    return render(request, "web/home.html", context)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For operators and load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return JsonResponse({"status": "error", "database": str(error)}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")


def api_docs(request: HttpRequest) -> HttpResponse:
    """A readable guide to the API, drawn from the same OpenAPI document machines read."""
    from insideout.api.urls import api

    schema = api.get_openapi_schema()
    operations = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", ""),
            "description": op.get("description", ""),
        }
        for path, methods in schema["paths"].items()
        for method, op in methods.items()
    ]
    return render(request, "web/api_docs.html", {"operations": operations, "schema": schema})
