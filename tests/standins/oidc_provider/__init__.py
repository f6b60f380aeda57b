"""A real OpenID Connect provider for the sign-in tests: django-oauth-toolkit's, as a Django
project of its own served from its own process (this package's __init__ is its settings).

Its people are personas, read from personas.json in STANDIN_DIR: each has an e-mail
address, whether the provider has verified it, groups, and optionally a quirk, for the ways a
provider's answer can be wrong: "expired" (an ID token already past its expiry) or
"other_audience" (an ID token made for another service). The provider's own sign-in page is
/login/?as=USERNAME, which signs that persona in at once.

Run: python -m tests.standins.oidc_provider PORT DIRECTORY; it says "identity provider ready"
once it serves.
"""

import json
import os
from pathlib import Path

ISSUER = os.environ.get("STANDIN_ISSUER", "http://127.0.0.1:9/o")
DIRECTORY = Path(os.environ.get("STANDIN_DIR", "/nonexistent"))
CLIENT_ID = "insideout-tests"
CLIENT_SECRET = "a-secret-only-the-tests-know"  # noqa: S105
REDIRECT_URI = "http://testserver/sign-in/department/callback/"

# Django settings of the provider.
SECRET_KEY = "standin-provider-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
USE_TZ = True
ROOT_URLCONF = "tests.standins.oidc_provider.urls"
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oauth2_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DIRECTORY / "provider.db")}
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "/login/"
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}]
OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_ISS_ENDPOINT": ISSUER,
    "OIDC_RSA_PRIVATE_KEY": "",  # made in __main__, before Django reads it
    "OAUTH2_VALIDATOR_CLASS": "tests.standins.oidc_provider.urls.PersonaValidator",
    "SCOPES": {"openid": "Who you are", "email": "Your e-mail", "profile": "Your name"},
    "PKCE_REQUIRED": True,
}


def personas() -> dict:
    return json.loads((DIRECTORY / "personas.json").read_text())
