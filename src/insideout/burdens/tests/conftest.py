"""Requirements for the ledger's tests: made directly, in any state, with their audience."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from insideout.burdens.models import Requirement, State


@pytest.fixture
def make_requirement(unit, centre_lead):
    def make(**fields) -> Requirement:
        today = timezone.localdate()
        defaults = {
            "title": "School census return",
            "kind": "return",
            "owner_unit": unit,
            "frequency": "monthly",
            "first_due_on": today - datetime.timedelta(days=800),
            "estimated_hours": Decimal("2"),
            "starts_on": today - datetime.timedelta(days=800),
            "state": State.ACTIVE,
            "audience_types": ["school"],
            "created_by": centre_lead,
        }
        return Requirement.objects.create(**{**defaults, **fields})

    return make
