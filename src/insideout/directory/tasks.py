"""Background work for the directory: applying an import an admin has confirmed."""

from django.utils import timezone
from django_tasks import task

from .imports import finish_batch, stopped
from .models import ImportBatch


@task()
def run_import(batch_id: int) -> None:
    """Check a queued batch's file again and apply it; on failure, record why and import nothing."""
    batch = ImportBatch.objects.get(pk=batch_id)
    if batch.status != ImportBatch.Status.QUEUED:
        return  # already run, or never confirmed
    try:
        finish_batch(batch)
    except Exception as error:
        ImportBatch.objects.filter(pk=batch_id).update(
            status=ImportBatch.Status.FAILED, errors=stopped(error), finished_at=timezone.now()
        )
        raise


def queue_import(batch: ImportBatch) -> bool:
    """Queue a checked batch for import, once however often it is confirmed."""
    queued = ImportBatch.objects.filter(pk=batch.pk, status=ImportBatch.Status.CHECKED).update(
        status=ImportBatch.Status.QUEUED
    )
    if queued:
        run_import.enqueue(batch.pk)
    return bool(queued)
