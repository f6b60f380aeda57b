"""The front-end files Inside Out cannot serve a page without, and whether they are here.

GOV.UK Frontend and htmx are vendored into web/static/vendor/ by scripts/copy_frontend.py (the
wheel's build runs it). Without them every page fails, so start-up refuses instead, naming the
command that fixes it.
"""

from pathlib import Path

from django.core import checks

VENDOR = Path(__file__).resolve().parent / "static" / "vendor"
REQUIRED = (
    "govuk-frontend/govuk-frontend.min.css",
    "govuk-frontend/govuk-frontend.min.js",
    "htmx/htmx.min.js",
)
FIX = (
    "In the source tree run `npm ci && python scripts/copy_frontend.py` (or `make setup`), "
    "then install again (`pip install .`); a wheel built by `pip wheel .` includes them."
)


def missing_assets() -> list[str]:
    return [name for name in REQUIRED if not (VENDOR / name).is_file()]


def missing_assets_message() -> str | None:
    missing = missing_assets()
    if not missing:
        return None
    return f"GOV.UK Frontend is not installed: {', '.join(missing)} missing from {VENDOR}. {FIX}"


@checks.register(checks.Tags.staticfiles)
def check_vendored_assets(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Every management command (serve, migrate, check) stops here when the files are missing."""
    message = missing_assets_message()
    return [checks.Error(message, id="insideout.E001")] if message else []
