from django.contrib import admin
from django.urls import include, path

from insideout.api import views as api_views
from insideout.api.urls import api
from insideout.asks import views as asks_views

admin.site.site_header = "Inside Out administration"
admin.site.site_title = "Inside Out admin"

urlpatterns = [
    path("", include("insideout.home.urls")),
    path("", include("insideout.web.urls")),
    path("api/", api_views.docs, name="api_docs"),
    path("", include("insideout.accounts.urls")),
    path("directory/", include("insideout.directory.urls")),
    path("outbox/", include("insideout.outbox.urls")),
    path("pulses/", include("insideout.pulses.urls")),
    path("scorecard/", include("insideout.scorecard.urls")),
    path("asks/", include("insideout.asks.urls")),
    path("you-said-we-did/", asks_views.you_said_we_did, name="you_said_we_did"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
