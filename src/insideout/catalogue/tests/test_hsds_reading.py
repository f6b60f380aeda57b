"""An HSDS value read into the column that keeps it."""

from datetime import UTC, datetime, timedelta, timezone

from django.db import models

from insideout.catalogue.hsds.reading import column_value


def test_a_date_and_time_without_an_offset_is_read_as_utc():
    read = column_value(models.DateTimeField(), "2026-03-15T10:30:45")
    assert read == datetime(2026, 3, 15, 10, 30, 45, tzinfo=UTC)


def test_a_date_and_time_keeps_its_offset():
    read = column_value(models.DateTimeField(), "2026-03-15T10:30:45+01:00")
    assert read == datetime(2026, 3, 15, 10, 30, 45, tzinfo=timezone(timedelta(hours=1)))
