"""Your own API tokens over the API: which still work, and revoking one you no longer need."""

from django.shortcuts import get_object_or_404
from ninja import ModelSchema, Router, Status

from insideout.web.limits import Id

from .models import ApiToken
from .requests import AuthenticatedHttpRequest

router = Router(tags=["accounts"])


class TokenOut(ModelSchema):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "hint", "created_at", "last_used_at"]


@router.get("/tokens", response=list[TokenOut], summary="Your API tokens that still work")
def list_tokens(request: AuthenticatedHttpRequest):
    return request.user.api_tokens.filter(revoked_at__isnull=True)


@router.delete("/tokens/{token_id}", response={204: None}, summary="Revoke one of your tokens")
def revoke_token(request: AuthenticatedHttpRequest, token_id: Id):
    """The token stops working at once; another person's token is not found."""
    get_object_or_404(request.user.api_tokens, pk=token_id, revoked_at__isnull=True).revoke()
    return Status(204, None)
