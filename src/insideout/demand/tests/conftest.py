"""Demand fixtures: three services, a snapshot directory of the test's own, contacts made fast."""

from datetime import UTC, datetime, timedelta

import pytest

from insideout.demand.models import Contact, Service

REFERENCE = __import__("pathlib").Path(__file__).resolve().parents[4].parent / "shared/reference"


@pytest.fixture
def services(db, unit):
    return {
        "bins": Service.objects.create(
            code="BINS",
            name="Missed bins",
            unit=unit,
            group="waste",
            expected_days=5,
            service_notice="We collect missed bins within 5 days.",
        ),
        "potholes": Service.objects.create(code="POT", name="Potholes", group="roads"),
        "benefits": Service.objects.create(code="BEN", name="Housing benefit", open311=False),
    }


@pytest.fixture
def make_contacts(services):
    """make_contacts(n, service="bins", demand_type="failure", ...) -> contacts, saved."""

    def make(n, service="bins", start=datetime(2025, 1, 6, 9, tzinfo=UTC), step_days=1.0, **fields):
        rows = [
            Contact(
                service=services[service],
                channel=fields.pop("channel", "phone")
                if i == n - 1
                else fields.get("channel", "phone"),
                received_at=start + timedelta(days=i * step_days),
                **{k: v for k, v in fields.items() if k != "channel"},
            )
            for i in range(n)
        ]
        return Contact.objects.bulk_create(rows)

    return make
