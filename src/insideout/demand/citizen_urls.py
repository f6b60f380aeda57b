"""The citizens' pages (no account) and the Open311 GeoReport v2 endpoint, mounted apart from
the analysts' pages: /report/ and /open311/."""

from django.urls import include, path, re_path

from . import citizens, open311

FORMAT = r"(?P<fmt>json|xml)"

open311_patterns = (
    [
        re_path(rf"^discovery\.{FORMAT}$", open311.discovery, name="discovery"),
        re_path(rf"^v2/services\.{FORMAT}$", open311.services, name="services"),
        re_path(
            rf"^v2/services/(?P<code>[^/]+)\.{FORMAT}$", open311.service_definition, name="service"
        ),
        re_path(rf"^v2/requests\.{FORMAT}$", open311.requests, name="requests"),
        # The Swagger files name it /request/{id}; the spec /requests/{id}: both answer.
        re_path(
            rf"^v2/requests?/(?P<request_id>[^/]+)\.{FORMAT}$", open311.one_request, name="request"
        ),
    ],
    "open311",
)
citizen_patterns = (
    [
        path("", citizens.report, name="report"),
        path("<str:token>/", citizens.status, name="status"),
    ],
    "citizens",
)
urlpatterns = [
    path("open311/", include(open311_patterns)),
    path("report/", include(citizen_patterns)),
]
