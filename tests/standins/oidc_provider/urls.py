"""The stand-in provider's pages: django-oauth-toolkit's, and a sign-in page that asks nothing."""

import time

from django.contrib.auth import get_user_model, login
from django.shortcuts import redirect
from django.urls import include, path
from oauth2_provider.oauth2_validators import OAuth2Validator

from . import personas


class PersonaValidator(OAuth2Validator):
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "groups": "profile"}

    def get_additional_claims(self, request):
        persona = personas()[request.user.username]
        return {
            "email": persona["email"],
            "email_verified": persona.get("email_verified", True),
            "name": persona.get("name", request.user.username),
            "groups": persona.get("groups", []),
        }

    def get_id_token_dictionary(self, token, token_handler, request):
        claims, expires = super().get_id_token_dictionary(token, token_handler, request)
        quirk = personas()[request.user.username].get("quirk")
        if quirk == "expired":
            claims["exp"] = int(time.time()) - 600
        elif quirk == "other_audience":
            claims["aud"] = "another-service"
        return claims, expires


def sign_in_as(request):
    """The provider's sign-in page, reduced to: you are who ?as= says."""
    user, _ = get_user_model().objects.get_or_create(username=request.GET["as"])
    login(request, user)
    return redirect(request.GET.get("next") or "/")


urlpatterns = [
    path("login/", sign_in_as),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
