"""GOV.UK Notify's delivery receipts, called back by Notify with the bearer token set in both
Notify and NOTIFY_CALLBACK_TOKEN. Nobody else may call it: people's API tokens are refused."""

import hmac

from django.conf import settings
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.security import HttpBearer

from insideout.web import limits

from . import notify


class NotifyCallbackToken(HttpBearer):
    openapi_description = "The callback token set for delivery receipts in GOV.UK Notify."

    def authenticate(self, request: HttpRequest, token: str) -> bool | None:
        expected = settings.NOTIFY_CALLBACK_TOKEN
        if expected and hmac.compare_digest(token.encode(), expected.encode()):
            return True
        return None


router = Router(tags=["e-mail"], auth=NotifyCallbackToken())


class DeliveryReceipt(Schema):
    """Notify's delivery receipt, as it posts it."""

    id: limits.Code
    reference: limits.Line | None = None
    to: limits.Line = ""
    status: limits.Code
    created_at: limits.Code | None = None
    completed_at: limits.Code | None = None
    sent_at: limits.Code | None = None
    notification_type: limits.Code = "email"


class Recorded(Schema):
    id: int
    delivery: str


@router.post(
    "/notify/receipts",
    response={200: Recorded},
    summary="Record a GOV.UK Notify delivery receipt (Notify calls this)",
)
def delivery_receipt(request: HttpRequest, receipt: DeliveryReceipt):
    """Delivered, or not (permanent, temporary or technical failure: the message is then
    Failed, and admins see it on the "E-mails not sent" page)."""
    message = notify.record_receipt(receipt.dict())
    if message is None:
        raise Http404("No e-mail of this service has that Notify id.")
    return Status(200, Recorded(id=message.pk, delivery=message.delivery))
