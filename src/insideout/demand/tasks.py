"""Background work for demand: imports, the classifier, the snapshot and forgetting raw text."""

from django.utils import timezone
from django_tasks import task

from insideout.directory.imports import stopped

from . import services, snapshot
from .classifier import NotEnoughLabels
from .imports import finish_import
from .models import DemandImport


@task()
def refresh_snapshot() -> int:
    """Rewrite the Parquet snapshot the analysts' views read."""
    return snapshot.refresh()["rows"]


def ensure_fresh() -> bool:
    """Refresh a stale snapshot now if the department is small, else queue it; True if fresh."""
    if not snapshot.is_stale():
        return True
    if snapshot.small_enough_to_refresh_now():
        snapshot.refresh()
        return True
    refresh_snapshot.enqueue()
    return False


@task()
def run_import(batch_id: int) -> None:
    """Apply a confirmed import, then let the classifier and the snapshot catch up."""
    batch = DemandImport.objects.get(pk=batch_id)
    if batch.status != DemandImport.Status.QUEUED:
        return
    try:
        finish_import(batch)
    except Exception as error:
        DemandImport.objects.filter(pk=batch_id).update(
            status=DemandImport.Status.FAILED, errors=stopped(error), finished_at=timezone.now()
        )
        raise
    classify_and_refresh.enqueue()


def queue_import(batch: DemandImport) -> bool:
    """Queue a checked batch for import, once however often it is confirmed."""
    queued = DemandImport.objects.filter(pk=batch.pk, status=DemandImport.Status.CHECKED).update(
        status=DemandImport.Status.QUEUED
    )
    if queued:
        run_import.enqueue(batch.pk)
    return bool(queued)


@task()
def classify_and_refresh() -> int:
    """Let the current model classify what rules did not, then rewrite the snapshot."""
    done = services.classify_with_model()
    snapshot.refresh()
    return done


@task()
def retrain() -> int:
    """Train a new model on every label so far, reclassify with it, rewrite the snapshot."""
    try:
        model = services.train_model()
    except NotEnoughLabels:
        return 0
    done = services.classify_with_model(model)
    snapshot.refresh()
    return done


@task()
def demand_upkeep() -> None:
    """The periodic work: forget raw text past its time, learn from new labels, keep the
    snapshot up to date."""
    services.forget_raw_text()
    if services.labels_since_model():
        retrain.call()
    elif snapshot.is_stale():
        snapshot.refresh()
