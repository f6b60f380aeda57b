"""The REST API: each app's router, mounted under /api/v1/ with one auth scheme and error format."""

from ninja import NinjaAPI

from insideout.accounts.api import router as accounts_router
from insideout.asks.api import router as asks_router
from insideout.burdens.api import router as burdens_router
from insideout.cases.api import router as cases_router
from insideout.catalogue.api import router as catalogue_router
from insideout.demand.api import router as demand_router
from insideout.directory.api import router as directory_router
from insideout.outbox.api import router as outbox_router
from insideout.priorities.api import router as priorities_router
from insideout.pulses.api import router as pulses_router
from insideout.scorecard.api import router as scorecard_router
from insideout.themes.api import router as themes_router

from .auth import api_auth
from .errors import install_error_handlers

api = NinjaAPI(
    title="Inside Out API",
    version="1",
    description=(
        "Inside Out's REST API. Authenticate with `Authorization: Bearer <token>`. "
        "Lists are paginated with `limit` and `offset`. Errors are RFC 9457 problem details."
    ),
    auth=api_auth,
    docs_url=None,
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("/", accounts_router)
api.add_router("/", directory_router)
api.add_router("/", pulses_router)
api.add_router("/", scorecard_router)
api.add_router("/", asks_router)
api.add_router("/", catalogue_router)
api.add_router("/", cases_router)
api.add_router("/", demand_router)
api.add_router("/", burdens_router)
api.add_router("/", priorities_router)
api.add_router("/", themes_router)
api.add_router("/", outbox_router)
