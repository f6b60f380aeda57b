"""Inside Out settings: one module, read from the environment, safe defaults for a laptop.

Every variable is listed in `.env.example`. A variable that is set but malformed stops start-up
with a message that names it, rather than being silently ignored.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("INSIDEOUT_VAR_DIR", PROJECT_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def local_secret_key() -> str:
    """A key kept in var/ for local use, so no secret is ever committed to the repository."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", False)

# The address people reach the service at: used in e-mailed links, and it decides whether
# cookies are marked Secure. Production must be https; plain http is allowed only on loopback.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
_site = urlsplit(SITE_URL)
if _site.scheme not in {"http", "https"} or not _site.hostname:
    raise ImproperlyConfigured(f"SITE_URL must be an http(s) address, not {SITE_URL!r}")
SITE_IS_HTTPS = _site.scheme == "https"
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
if not SITE_IS_HTTPS and _site.hostname not in _LOOPBACK and not env_bool("ALLOW_HTTP", False):
    raise ImproperlyConfigured(
        f"SITE_URL {SITE_URL!r} is plain http on a public host. Use https, "
        "or set ALLOW_HTTP=true if a proxy in front terminates TLS on a private network."
    )

# Signed links (personal pulse links, sessions) must verify on every host and after restarts,
# so a real deployment names its key; only a laptop may keep one in var/.
if SITE_IS_HTTPS and not env_str("SECRET_KEY"):
    raise ImproperlyConfigured(
        f"SECRET_KEY must be set when SITE_URL is https ({SITE_URL}): the same key on every "
        "host, kept secret. Make one with: python -c 'import secrets; "
        "print(secrets.token_urlsafe(50))'"
    )
SECRET_KEY = env_str("SECRET_KEY") or local_secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [_site.hostname, "127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL])

INSTALLED_APPS = [
    "insideout.accounts",
    "insideout.directory",
    "insideout.outbox",
    "insideout.disclosure",
    "insideout.pulses",
    "insideout.scorecard",
    "insideout.asks",
    "insideout.catalogue",
    "insideout.cases",
    "insideout.demand",
    "insideout.burdens",
    "insideout.priorities",
    "insideout.themes",
    "insideout.web",
    "insideout.home",
    "insideout.api",
    "insideout",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "insideout.web.request_log.log_requests",  # first: times and logs everything below
    "django.middleware.security.SecurityMiddleware",
    "insideout.web.health.answer_health_checks",  # /healthz needs none of what follows
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "insideout.web.csp.ContentSecurityPolicyMiddleware",  # django-csp's, built once
    "django_htmx.middleware.HtmxMiddleware",
    "insideout.web.middleware.refuse_nul_characters",
    "insideout.web.middleware.bound_api_bodies",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out sign-in into its page
]

ROOT_URLCONF = "insideout.urls"
WSGI_APPLICATION = "insideout.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "insideout.web.context_processors.navigation",
            ],
        },
    },
]
FORM_RENDERER = "insideout.web.forms.GovukFormRenderer"

# SQLite is the embedded default so the demo runs anywhere; production names PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'insideout.sqlite3'}"),
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the task worker read and write the same file side by side.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Connections persist (CONN_MAX_AGE) here too: opening one and running its PRAGMAs on every
    # request cost more than everything else /healthz does.
    if DATABASES["default"]["NAME"] != ":memory:":
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "home:start"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SIGN_IN_LINK_MINUTES = env_int("SIGN_IN_LINK_MINUTES", 30)
# Sign-in e-mails (links, or "use your password"): per e-mail address from one client address,
# and per client address in all; the owner's successful sign-in resets theirs.
SIGN_IN_LINKS_PER_HOUR = env_int("SIGN_IN_LINKS_PER_HOUR", 5)
SIGN_IN_REQUESTS_PER_CLIENT_PER_HOUR = env_int("SIGN_IN_REQUESTS_PER_CLIENT_PER_HOUR", 30)
# How many proxies (TLS terminators, load balancers) stand in front: the client's address is
# read that many hops from the right of X-Forwarded-For. 0: REMOTE_ADDR is the client.
PROXY_COUNT = env_int("PROXY_COUNT", 0)

# Password guessing (django-axes): after SIGN_IN_FAILURE_LIMIT wrong passwords for one account,
# or from one client address, sign-in is refused for the cool-off; every lockout is kept for
# admins (the "Sign-in lockouts" page).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("SIGN_IN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SIGN_IN_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "insideout.accounts.lockouts.lockout_page"
AXES_CLIENT_IP_CALLABLE = "insideout.web.addresses.client_address"
AXES_USERNAME_CALLABLE = "insideout.accounts.lockouts.username_of"
AXES_VERBOSE = False

# API pages: ninja's own LimitOffsetPagination is bounded as the kit's (web/limits.py) is.
NINJA_PAGINATION_MAX_LIMIT = 500

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", "Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Uploaded registers are read into memory once; 50,000 rows of a national register is ~10 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("UPLOAD_MAX_MB", 50) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE

# Sessions and cookies: Secure whenever the site is served over https.
SESSION_COOKIE_SECURE = SITE_IS_HTTPS
CSRF_COOKIE_SECURE = SITE_IS_HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_HOURS", 12) * 3600
SECURE_SSL_REDIRECT = SITE_IS_HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if SITE_IS_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SITE_IS_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SITE_IS_HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# E-mail: SMTP when EMAIL_HOST is set; otherwise counted in the worker's terminal. Every message
# is kept in the outbox table; the outbox page that shows them is on by default only where no
# real mail server is configured (the demo, development), since it shows sign-in links.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "insideout.outbox.backends.OutboxNoticeBackend"  # a count in the terminal, not bodies
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Inside Out <no-reply@insideout.localhost>")
EMAIL_OUTBOX_PAGE = env_bool("EMAIL_OUTBOX_PAGE", not EMAIL_HOST)

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    # The secret in a sign-in or personal pulse link never reaches a log (docs/privacy.md).
    "filters": {"redact_secrets": {"()": "insideout.web.redaction.RedactSecrets"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.request": {"filters": ["redact_secrets"]},
        "django.server": {
            "filters": ["redact_secrets"],
            "handlers": ["console"],
            "propagate": False,
        },
    },
}

DEPARTMENT_NAME = env_str("DEPARTMENT_NAME", "Inside Out")

# Demand analysis. Citizens' words are always scrubbed of personal data; the original is kept
# only if the department chooses, and deleted by `insideout tick` after DEMAND_RAW_TEXT_DAYS.
DEMAND_KEEP_RAW_TEXT = env_bool("DEMAND_KEEP_RAW_TEXT", False)
DEMAND_RAW_TEXT_DAYS = env_int("DEMAND_RAW_TEXT_DAYS", 30)
# The columnar snapshot (Parquet) the analysts' views read with DuckDB.
DEMAND_SNAPSHOT_DIR = Path(env_str("DEMAND_SNAPSHOT_DIR", str(VAR_DIR / "demand")))

# --- Running in a department (docs/deploying.md). Each part is off until its variables are set.

# Staff sign in through the department's identity provider over OpenID Connect (Microsoft Entra
# ID and others): on when OIDC_ISSUER is set. People are matched to the directory by verified
# e-mail address; nobody is created. Endpoints and keys come from the issuer's discovery document.
OIDC_ISSUER = env_str("OIDC_ISSUER").rstrip("/")
OIDC_ENABLED = bool(OIDC_ISSUER)
OIDC_RP_CLIENT_ID = env_str("OIDC_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET")
if OIDC_ENABLED and not (OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET):
    raise ImproperlyConfigured(
        "OIDC_ISSUER is set, so OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be too: the "
        "application's id and secret as the identity provider registered it."
    )
OIDC_RP_SCOPES = env_str("OIDC_SCOPES", "openid email profile")
OIDC_RP_SIGN_ALGO = env_str("OIDC_SIGN_ALGO", "RS256")
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False  # never: the directory says who may come in
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:department_callback"
OIDC_BUTTON_TEXT = env_str("OIDC_BUTTON_TEXT", "Sign in with your department account")
# Optional: the provider's groups give centre roles, "group=role" or "group=role@unit name",
# separated by semicolons. A mapped role is given while the person is in the group, and ended
# when they leave it; roles the mapping does not name are left as admins set them.
OIDC_GROUPS_CLAIM = env_str("OIDC_GROUPS_CLAIM", "groups")


def env_group_roles(name: str) -> list[tuple[str, str, str]]:
    from insideout.vocabulary import CENTRE_ROLES, UNIT_ROLES

    mapping = []
    for entry in filter(None, (part.strip() for part in env_str(name).split(";"))):
        group, _, given = entry.partition("=")
        role, _, unit = given.partition("@")
        group, role, unit = group.strip(), role.strip(), unit.strip()
        if not group or role not in CENTRE_ROLES or (role in UNIT_ROLES) != bool(unit):
            raise ImproperlyConfigured(
                f"{name}: {entry!r} should be GROUP=ROLE or GROUP=ROLE@UNIT NAME, ROLE one of "
                f"{', '.join(sorted(CENTRE_ROLES))}; centre leads and officers name their unit."
            )
        mapping.append((group, role, unit))
    return mapping


OIDC_GROUP_ROLES = env_group_roles("OIDC_GROUP_ROLES")
# Once staff sign in through the provider, passwords can be switched off: the password page
# then points to the department sign-in, and no password is accepted anywhere (the admin too).
STAFF_PASSWORDS = env_bool("STAFF_PASSWORDS", True)
if not STAFF_PASSWORDS:
    AUTHENTICATION_BACKENDS = [
        "insideout.accounts.department.PasswordsSwitchedOff",
        *AUTHENTICATION_BACKENDS,
    ]

# E-mail through GOV.UK Notify instead of SMTP: on when NOTIFY_API_KEY is set. Each kind of
# message may have its own Notify template ("kind=template id", comma-separated); every other
# message goes through the `default` template, which must show ((subject)) and ((body)).
NOTIFY_API_KEY = env_str("NOTIFY_API_KEY")
NOTIFY_BASE_URL = env_str("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
NOTIFY_TEMPLATES = dict(
    item.split("=", 1) for item in env_list("NOTIFY_TEMPLATES", []) if "=" in item
)
if NOTIFY_API_KEY and (len(NOTIFY_API_KEY) < 74 or "default" not in NOTIFY_TEMPLATES):
    raise ImproperlyConfigured(
        "NOTIFY_API_KEY is set, so it must be a whole Notify API key (name-service id-secret) and "
        "NOTIFY_TEMPLATES must name a `default` template, e.g. "
        "NOTIFY_TEMPLATES=default=<template id>,sign_in_link=<template id>"
    )
# Notify calls back with each delivery receipt, bearing this token (set it in Notify too).
NOTIFY_CALLBACK_TOKEN = env_str("NOTIFY_CALLBACK_TOKEN")
# Notify allows 3,000 messages a minute per service; the worker keeps under this.
NOTIFY_MESSAGES_PER_MINUTE = env_int("NOTIFY_MESSAGES_PER_MINUTE", 2400)

# Logs: `json` writes one JSON object a line (one line per request with its request id, for a
# log collector); `text` (the default) writes plain lines.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}")
if LOG_FORMAT == "json":
    LOGGING["formatters"] = {"json": {"()": "insideout.web.logs.JsonFormatter"}}
    LOGGING["handlers"]["console"]["formatter"] = "json"
# Prometheus metrics at /metrics, for a scraper that sends `Authorization: Bearer METRICS_TOKEN`;
# with no token set, /metrics does not exist.
METRICS_TOKEN = env_str("METRICS_TOKEN")
