"""The catalogue's background work: thin wrappers around the rules they run."""

from pathlib import Path

from django_tasks import task

from .hsds.exporting import export_hsds


@task()
def publish_hsds_files(folder: str) -> dict[str, int]:
    """Write the whole catalogue as HSDS 3 JSON files (for a nightly open-data publication)."""
    return export_hsds(Path(folder))
