"""Centre staff signing in through the department's identity provider (OpenID Connect).

mozilla-django-oidc does the protocol: state, nonce and PKCE kept in the session, the code
exchanged for tokens, the ID token's signature checked against the provider's published keys.
Inside Out adds what a department needs: endpoints found from the issuer alone, the ID token's
issuer, audience and expiry checked, and people matched by a verified e-mail address to the
directory, never created. Every refusal is kept for admins (`DepartmentSignInRefusal`).
"""

import logging
from dataclasses import dataclass

import jwt
import requests
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.dispatch import Signal
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from .models import DepartmentSignInRefusal, User

logger = logging.getLogger(__name__)

# Sent when a person has signed in through the provider, with the provider's claims (the
# directory gives or ends the roles the provider's groups map to).
department_signed_in = Signal()

DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
_metadata: dict[str, dict] = {}


@dataclass
class Refused(Exception):
    """Why a department sign-in was refused: a `DepartmentSignInRefusal.Reason`, and detail."""

    reason: str
    detail: str = ""
    email: str = ""


def provider_metadata() -> dict:
    """The issuer's discovery document, fetched once per process."""
    issuer = settings.OIDC_ISSUER
    if issuer not in _metadata:
        response = requests.get(
            f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT
        )
        response.raise_for_status()
        metadata = response.json()
        if metadata.get("issuer", "").rstrip("/") != issuer:
            raise Refused("provider", f"the provider calls itself {metadata.get('issuer')!r}")
        _metadata[issuer] = metadata
    return _metadata[issuer]


def setting(name: str, *default):
    """mozilla-django-oidc's settings, with the provider's endpoints from its discovery."""
    if name in DISCOVERED:
        return provider_metadata()[DISCOVERED[name]]
    return import_from_settings(name, *default)


def email_is_verified(claims: dict) -> bool:
    """The provider vouches for the address: `email_verified`, or Entra ID's `xms_edov`."""
    return claims.get("email_verified") is True or claims.get("xms_edov") is True


class StartDepartmentSignIn(OIDCAuthenticationRequestView):
    """Send the person to the provider, with state, nonce and PKCE kept in their session."""

    get_settings = staticmethod(setting)


class DepartmentBackend(OIDCAuthenticationBackend):
    """Turns the provider's answer into a person in the directory, or refuses with a reason."""

    get_settings = staticmethod(setting)

    def _verify_jws(self, payload, key):
        alg = jwt.get_unverified_header(payload).get("alg")
        if alg != settings.OIDC_RP_SIGN_ALGO:
            raise Refused("token", f"the token is signed with {alg!r}")
        try:
            claims = jwt.decode(
                payload,
                key,
                algorithms=[alg],
                audience=settings.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_ISSUER,
                leeway=60,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError:
            raise Refused("token", "the provider's token had expired") from None
        except jwt.InvalidAudienceError:
            raise Refused("token", "the token was made for another service") from None
        except jwt.InvalidIssuerError:
            raise Refused("token", "the token came from another provider") from None
        except jwt.InvalidTokenError as error:
            raise Refused("token", f"the token is not valid: {error}") from None
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != settings.OIDC_RP_CLIENT_ID:
            raise Refused("token", "the token was made for another service")
        return claims

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims (Entra ID puts groups there) with the user info endpoint's."""
        info = super().get_userinfo(access_token, id_token, payload)
        if info.get("sub") != payload["sub"]:
            raise Refused("token", "the user info is about someone else")
        return {**payload, **info}

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        email = (claims.get("email") or "").strip()
        if not email:
            raise Refused("unverified", "the provider gave no e-mail address")
        if not email_is_verified(claims):
            raise Refused("unverified", "the provider has not verified the address", email)
        person = User.objects.filter(email__iexact=email).first()
        if person is None:
            raise Refused("unknown", "nobody in the directory has this address", email)
        if not person.is_active:
            raise Refused("closed", "this person's account is closed", email)
        department_signed_in.send(sender=User, user=person, claims=claims)
        return person

    def create_user(self, claims):
        raise PermissionDenied("Inside Out never creates people from a sign-in.")


def refuse(refused: Refused, client: str) -> DepartmentSignInRefusal:
    """Keep the refusal for admins, and log it."""
    logger.warning(
        "Department sign-in refused (%s): %s %s", refused.reason, refused.email, refused.detail
    )
    return DepartmentSignInRefusal.objects.create(
        reason=refused.reason,
        email=refused.email[:254],
        detail=refused.detail[:500],
        client_address=client,
    )


class PasswordsSwitchedOff:
    """With STAFF_PASSWORDS=false, first among the backends: no password is accepted anywhere."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password is not None:
            raise PermissionDenied("Passwords are switched off: sign in with your department.")
        return None

    def get_user(self, user_id):
        return None
