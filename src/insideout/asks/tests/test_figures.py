"""A unit's ask figures: counted in the database, every unit's median in one query."""

import datetime
import statistics

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from insideout.asks import services
from insideout.asks.models import Ask, Status
from tests.factories import CentreUnitFactory

# Days each unit took to deliver its asks: odd and even counts, ties, and a unit with none.
TOOK = {"Odd": [3, 1, 10, 2, 7], "Even": [4, 1, 9, 2], "Ties": [5, 5, 5], "One": [0.5], "None": []}


def test_every_units_median_days_to_delivery_comes_from_one_query(doer_lead, school):
    now = timezone.now()
    units = {name: CentreUnitFactory(name=name) for name in TOOK}
    for name, days in TOOK.items():
        for took in days:
            raised = now - datetime.timedelta(days=40)
            Ask.objects.create(
                title="Delivered",
                category="money",
                organisation=school,
                raised_by=doer_lead,
                unit=units[name],
                status=Status.DELIVERED,
                raised_at=raised,
                delivered_at=raised + datetime.timedelta(days=took),
            )
        services.raise_ask(
            by=doer_lead,
            organisation=school,
            title="Still open",
            category="money",
            suggested_unit=units[name],
        )

    ids = [unit.pk for unit in units.values()]
    with CaptureQueriesContext(connection) as captured:
        stats = services.ask_stats_by_unit(ids)
    assert len(captured.captured_queries) == 2
    for name, days in TOOK.items():
        expected = round(statistics.median(days), 1) if days else None
        assert stats[units[name].pk].median_days_to_delivery == expected, name
        assert stats[units[name].pk].received == len(days) + 1


@pytest.mark.parametrize("since_days, expected", [(None, 4.0), (20, 9.0)])
def test_the_median_counts_only_the_asks_in_the_window(doer_lead, school, since_days, expected):
    unit, now = CentreUnitFactory(), timezone.now()
    for raised_days_ago, took in ((60, 1), (50, 4), (10, 9)):
        raised = now - datetime.timedelta(days=raised_days_ago)
        Ask.objects.create(
            title="Delivered",
            category="money",
            organisation=school,
            raised_by=doer_lead,
            unit=unit,
            status=Status.DELIVERED,
            raised_at=raised,
            delivered_at=raised + datetime.timedelta(days=took),
        )
    since = now - datetime.timedelta(days=since_days) if since_days else None
    assert services.unit_ask_stats(unit, since).median_days_to_delivery == expected
