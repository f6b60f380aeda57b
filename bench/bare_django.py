"""A bare Django view doing `SELECT 1`, for `pulse_responses_http.py` to measure /healthz against.

No apps, no middleware, no templates: one URL and one view, on the database DATABASE_URL names,
with a persistent connection. Served by gunicorn with the same settings `insideout serve` uses:

    DATABASE_URL=sqlite:///var/x.db gunicorn --chdir bench bare_django:application
"""

import os

import dj_database_url
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.http import JsonResponse
from django.urls import path


def select_one(request):
    """What /healthz does, and nothing else."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok", "database": "ok"})


urlpatterns = [path("healthz", select_one)]

settings.configure(
    DEBUG=False,
    SECRET_KEY="bare-django-benchmark",  # noqa: S106 (signs nothing: no sessions, no forms)
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    DATABASES={"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)},
    INSTALLED_APPS=[],
    MIDDLEWARE=[],
    USE_TZ=True,
)
application = get_wsgi_application()
