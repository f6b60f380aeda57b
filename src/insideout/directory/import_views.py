"""Pages for importing a register: upload and check, confirm, then follow the background import."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django_htmx.http import HttpResponseClientRefresh

from insideout.accounts.requests import AuthenticatedHtmxRequest
from insideout.web.decorators import admin_required

from .import_fields import GUIDE
from .import_forms import ImportUploadForm
from .imports import check_file, record_check, start_batch
from .models import ImportBatch
from .tasks import queue_import


@admin_required
def upload(request: HttpRequest) -> HttpResponse:
    """Upload a register; it is checked at once and nothing is imported until confirmed."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        batch, _ = start_batch(
            upload.read(), upload.name, form.cleaned_data["column_map"], uploaded_by=request.user
        )
        return redirect("directory:import_batch", batch_id=batch.pk)
    recent = ImportBatch.objects.defer("content").select_related("uploaded_by")[:10]
    return render(
        request, "directory/import_upload.html", {"form": form, "guide": GUIDE, "batches": recent}
    )


@admin_required
def batch(request: AuthenticatedHtmxRequest, batch_id: int) -> HttpResponse:
    """One upload: its problems, or a preview to confirm, or how the import went."""
    batch = get_object_or_404(ImportBatch.objects.defer("content"), pk=batch_id)
    if request.method == "POST":
        queue_import(batch)
        return redirect("directory:import_batch", batch_id=batch.pk)
    if request.htmx:
        # Polled while importing: nothing to swap until it ends, then the whole page reloads.
        if batch.status == ImportBatch.Status.QUEUED:
            return HttpResponse(status=204)
        return HttpResponseClientRefresh()
    if batch.status == ImportBatch.Status.CHECKED and batch.row_count and not batch.preview:
        # Checked before batches kept what checking found: check once more, and keep it.
        record_check(batch, check_file(batch.content, batch.filename, batch.column_map))
        batch.save()
    unchanged = batch.row_count - batch.created_count - batch.updated_count
    return render(
        request,
        "directory/import_batch.html",
        {"batch": batch, "preview": batch.preview_organisations(), "unchanged": unchanged},
    )
