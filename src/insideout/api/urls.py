"""The REST API: each app's router, mounted under /api/v1/ with one auth scheme and error format."""

from ninja import NinjaAPI

from insideout.accounts.api import router as accounts_router
from insideout.asks.api import router as asks_router
from insideout.directory.api import router as directory_router
from insideout.pulses.api import router as pulses_router
from insideout.scorecard.api import router as scorecard_router

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
