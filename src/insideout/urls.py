from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from insideout.api import views as api_views
from insideout.api.hsds import hsds_api
from insideout.api.urls import api
from insideout.asks import views as asks_views
from insideout.burdens import public as burdens_public
from insideout.metrics import scrape as metrics_scrape

# Errors in the service's own layout, with a way on (templates in web/templates/web/errors/).
handler400 = "insideout.web.error_pages.bad_request"
handler403 = "insideout.web.error_pages.permission_denied"
handler404 = "insideout.web.error_pages.page_not_found"
handler500 = "insideout.web.error_pages.server_error"

admin.site.site_header = "Inside Out administration"
admin.site.site_title = "Inside Out admin"

urlpatterns = [
    # Browsers ask for /favicon.ico whatever the page says; send them to the icon.
    path("favicon.ico", RedirectView.as_view(url="/static/web/favicon.svg", permanent=True)),
    path("", include("insideout.home.urls")),
    path("", include("insideout.web.urls")),
    path("api/", api_views.docs, name="api_docs"),
    path("", include("insideout.accounts.urls")),
    path("directory/", include("insideout.directory.urls")),
    path("outbox/", include("insideout.outbox.urls")),
    path("pulses/", include("insideout.pulses.urls")),
    path("scorecard/", include("insideout.scorecard.urls")),
    path("asks/", include("insideout.asks.urls")),
    path("catalogue/", include("insideout.catalogue.urls")),
    path("cases/", include("insideout.cases.urls")),
    path("demand/", include("insideout.demand.urls")),
    path("", include("insideout.demand.citizen_urls")),
    path("themes/", include("insideout.themes.urls")),
    path("burdens/", include("insideout.burdens.urls")),
    path("priorities/", include("insideout.priorities.urls")),
    # Each capability adds its part of the public record here, e.g. burdens retired.
    path(
        "you-said-we-did/",
        asks_views.you_said_we_did,
        {"sections": [burdens_public.section]},
        name="you_said_we_did",
    ),
    path("api/v1/", api.urls),
    path("hsds/", hsds_api.urls),
    path("admin/", admin.site.urls),
    # Not a page: Prometheus scrapes it with METRICS_TOKEN (insideout/metrics.py, tests there).
    path("metrics", metrics_scrape),
]
