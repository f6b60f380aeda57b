"""How API clients prove who they are: a bearer token, or the browser's signed-in session."""

from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer

from insideout.accounts.models import ApiToken, User


class TokenAuth(HttpBearer):
    openapi_description = "A token from the account page, or from `insideout create-token`."

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = ApiToken.authenticate(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The browser session, with Django's CSRF check on anything that changes data."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None


api_auth = [TokenAuth(), SessionAuth(csrf=True)]
