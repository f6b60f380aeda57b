"""Pages about the services themselves: importing their contacts, each service as its team sees
it (what citizens say of it), its changes, and the Open311 keys admins give out."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from insideout.accounts.requests import AuthenticatedHtmxRequest, AuthenticatedHttpRequest
from insideout.web.decorators import admin_required, refuse_unless

from .forms import ImportForm, KeyForm
from .import_fields import GUIDE
from .imports import check_file, start_import
from .models import Contact, DemandImport, Open311Key, Service, ServiceChange
from .services import verdicts_by
from .tasks import queue_import
from .views import DEMAND_PAGES, analysts_only


@analysts_only
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload contacts; they are checked at once and nothing is imported until confirmed."""
    form = ImportForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        batch, _ = start_import(
            upload.read(), upload.name, form.cleaned_data["column_map"], uploaded_by=request.user
        )
        return redirect("demand:import_batch", batch_id=batch.pk)
    recent = DemandImport.objects.defer("content").select_related("uploaded_by")[:10]
    return render(
        request,
        "demand/import_upload.html",
        {
            "form": form,
            "guide": GUIDE,
            "batches": recent,
            "demand_pages": DEMAND_PAGES,
        },
    )


@analysts_only
def import_batch(request: AuthenticatedHtmxRequest, batch_id: int) -> HttpResponse:
    """One upload: its problems, or a preview to confirm, or how the import went."""
    batch = get_object_or_404(DemandImport.objects.defer("content"), pk=batch_id)
    if request.method == "POST":
        queue_import(batch)
        return redirect("demand:import_batch", batch_id=batch.pk)
    if request.htmx:
        if batch.status == DemandImport.Status.QUEUED:
            return HttpResponse(status=204)
        return HttpResponseClientRefresh()
    check = None
    if batch.status == DemandImport.Status.CHECKED:
        batch = DemandImport.objects.get(pk=batch.pk)
        check = check_file(batch.content, batch.filename, batch.column_map)
    return render(
        request,
        "demand/import_batch.html",
        {
            "batch": batch,
            "check": check,
            "demand_pages": DEMAND_PAGES,
            "unchanged": batch.row_count - batch.created_count - batch.updated_count,
        },
    )


@login_required
def service_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The services citizens contact: every one for analysts, a team's own for its staff."""
    user = request.user
    found = Service.objects.select_related("unit").annotate(
        open=Count("contacts", filter=Q(contacts__resolved_at__isnull=True))
    )
    if not user.analyses_demand:
        refuse_unless(user.is_centre_staff, "Only centre staff can see the services.")
        found = found.filter(unit_id__in=user.centre_unit_ids)
    return render(
        request,
        "demand/services.html",
        {
            "service_list": found,
            "demand_pages": DEMAND_PAGES if user.analyses_demand else [],
        },
    )


@login_required
def service(request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
    """A service as its team sees it: what citizens say of it, and the requests still open."""
    found = get_object_or_404(Service.objects.select_related("unit"), pk=service_id)
    refuse_unless(
        request.user.hears_from_citizens(found.unit_id),
        "Only the service's team and analysts can see what citizens say of it.",
    )
    if request.method == "POST":
        refuse_unless(request.user.analyses_demand, "Only analysts record changes to a service.")
        changed_on, description = (
            request.POST.get("changed_on", ""),
            request.POST.get("description", "").strip(),
        )
        try:
            day = datetime.fromisoformat(changed_on).date()
        except ValueError:
            day = None
        if day and description:
            ServiceChange.objects.create(
                service=found, changed_on=day, description=description[:300]
            )
            messages.success(request, "Change recorded: its charts can recalculate from it.")
        else:
            messages.error(request, "Give the date of the change and what changed.")
        return redirect("demand:service", service_id=found.pk)
    services = Service.objects.filter(pk=found.pk)
    open_requests = found.contacts.filter(resolved_at__isnull=True).order_by("received_at")
    not_put_right = Contact.objects.filter(service=found, classified_by="citizen").order_by(
        "-received_at"
    )
    return render(
        request,
        "demand/service.html",
        {
            "service": found,
            "verdicts": verdicts_by("service", services),
            "by_place": verdicts_by("place", services),
            "open_requests": open_requests[:20],
            "open_count": open_requests.count(),
            "not_put_right": not_put_right[:10],
            "changes": found.changes.all(),
            "can_record_changes": request.user.analyses_demand,
            "demand_pages": DEMAND_PAGES if request.user.analyses_demand else [],
        },
    )


@admin_required
def open311_keys(request: HttpRequest) -> HttpResponse:
    """The api_keys Open311 clients post requests with; each shown once, when made."""
    form = KeyForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        _, new_key = Open311Key.issue(form.cleaned_data["name"])
        form = KeyForm()
    return render(
        request,
        "demand/open311_keys.html",
        {
            "form": form,
            "new_key": new_key,
            "keys": Open311Key.objects.all(),
        },
    )


@require_POST
@admin_required
def revoke_key(request: HttpRequest, key_id: int) -> HttpResponse:
    key = get_object_or_404(Open311Key, pk=key_id, revoked_at=None)
    key.revoked_at = timezone.now()
    key.save(update_fields=["revoked_at"])
    messages.success(request, f"The key for {key.name} no longer works.")
    return redirect("demand:open311_keys")
