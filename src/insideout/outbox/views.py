from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from insideout.web.decorators import admin_required
from insideout.web.pagination import paginate

from .models import OutboxMessage
from .services import failed_messages


def outbox_page_enabled() -> None:
    if not settings.EMAIL_OUTBOX_PAGE:
        raise Http404("The outbox is shown only where no mail server is configured.")


@admin_required
def message_list(request: HttpRequest) -> HttpResponse:
    """Every e-mail the service sent, newest first, so a demo user can follow sign-in links."""
    outbox_page_enabled()
    messages = OutboxMessage.objects.all()
    to = request.GET.get("to", "").strip()
    if to:
        messages = messages.filter(to__icontains=to)
    return render(
        request, "outbox/list.html", {"to": to, **paginate(request, messages, per_page=50)}
    )


@admin_required
def message_detail(request: HttpRequest, message_id: int) -> HttpResponse:
    outbox_page_enabled()
    message = get_object_or_404(OutboxMessage, pk=message_id)
    return render(
        request, "outbox/detail.html", {"message": message, "links": message.links_for_admin()}
    )


@admin_required
def failed(request: HttpRequest) -> HttpResponse:
    """E-mails that could not be sent, and those waiting to be tried again, for admins on any
    installation. Bodies are not shown: they may hold sign-in links."""
    return render(
        request,
        "outbox/failed.html",
        paginate(request, failed_messages().order_by("-created_at", "-pk"), per_page=50),
    )
