import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "insideout.settings")
application = get_wsgi_application()

# gunicorn runs no system checks: refuse to serve pages that could only fail.
from insideout.upgrades import static_problem  # noqa: E402 - needs the app registry loaded

if problem := static_problem():
    raise ImproperlyConfigured(problem)
