from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insideout.demand.models import Contact, Service
from insideout.themes import sources


@pytest.mark.django_db
def test_a_quarters_contacts_are_read_from_its_first_day_and_no_further_back():
    service = Service.objects.create(code="BINS", name="Missed bins")
    for when, text in [
        (datetime(2026, 6, 30, 23, 59, tzinfo=UTC), "The bin was missed again"),
        (datetime(2026, 7, 1, 0, 0, tzinfo=UTC), "Nobody came for the recycling"),
        (datetime(2026, 9, 2, 10, 0, tzinfo=UTC), "The lorry blocked the road"),
    ]:
        Contact.objects.create(service=service, channel="web", text=text, received_at=when)
    with CaptureQueriesContext(connection) as queries:
        read = sources.read("contacts", {"since": "2026-07-01"})
    assert [(t.text, t.said_on) for t in read] == [
        ("Nobody came for the recycling", date(2026, 7, 1)),
        ("The lorry blocked the road", date(2026, 9, 2)),
    ]
    # The database leaves out what came before: a department's millions are not all read.
    assert "received_at" in queries.captured_queries[-1]["sql"].split("WHERE")[1]
