"""The official HSDS examples, read from ../shared beside the checkout (as CI has it)."""

import json
from pathlib import Path

from django.conf import settings

REFERENCE = Path(settings.PROJECT_DIR).parent / "shared" / "reference" / "hsds"


def example(name: str, version: str = "3.0"):
    return json.loads((REFERENCE / version / "examples" / name).read_text())


def canonical(value):
    """The same JSON with every list in id order, so two documents compare by content."""
    if isinstance(value, dict):
        return {key: canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [canonical(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    return value
