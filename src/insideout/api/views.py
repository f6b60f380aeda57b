from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .urls import api


def docs(request: HttpRequest) -> HttpResponse:
    """A readable guide to the API, drawn from the same OpenAPI document machines read."""
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
    return render(request, "api/docs.html", {"operations": operations, "schema": schema})
