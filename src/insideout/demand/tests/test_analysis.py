"""The analysts' questions over the snapshot agree with the same sums done by hand."""

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from insideout.demand import analysis, snapshot
from insideout.demand.models import Contact
from insideout.demand.tasks import ensure_fresh


@pytest.fixture
def contacts(make_contacts):
    """Four weeks of contacts, of two services, some failure demand, most resolved."""
    made = []
    for i in range(56):
        kind, cause = (
            ("failure", ["progress_chasing", "complaint"][i % 2]) if i % 3 == 0 else ("value", "")
        )
        made += make_contacts(
            1,
            service="bins" if i % 4 else "potholes",
            start=datetime(2025, 1, 6, 10, tzinfo=UTC) + timedelta(hours=12 * i),
            demand_type=kind,
            failure_cause=cause,
            place=["Leeds", "York"][i % 2],
            channel=["phone", "web"][i % 2],
            resolved_at=datetime(2025, 1, 6, 10, tzinfo=UTC) + timedelta(hours=12 * i, days=i % 9)
            if i % 5
            else None,
            what_matters="knowing when" if i < 12 else "",
        )
    snapshot.refresh()
    return Contact.objects.filter(pk__in=[c.pk for c in made])


def test_weekly_volume_counts_value_and_failure_by_monday(contacts):
    rows = analysis.weekly_volume(analysis.Filters())
    expected = Counter()
    for c in contacts:
        monday = c.received_at.date() - timedelta(days=c.received_at.weekday())
        expected[(monday, c.demand_type)] += 1
    assert [r[0] for r in rows] == [date(2025, 1, 6) + timedelta(weeks=w) for w in range(4)]
    for week, value, failure, unclassified in rows:
        assert (value, failure, unclassified) == (
            expected[(week, "value")],
            expected[(week, "failure")],
            expected[(week, "")],
        )


def test_weeks_without_contacts_are_zeros_not_gaps(make_contacts):
    make_contacts(1, start=datetime(2025, 1, 6, 12, tzinfo=UTC), demand_type="value")
    make_contacts(1, start=datetime(2025, 1, 27, 12, tzinfo=UTC), demand_type="value")
    snapshot.refresh()
    rows = analysis.weekly_volume(analysis.Filters())
    assert [(r[1], r[2]) for r in rows] == [(1, 0), (0, 0), (0, 0), (1, 0)]


def test_failure_share_by_place_matches_the_database(contacts):
    rows = {place: (n, f) for place, n, f in analysis.failure_share(analysis.Filters(), "place")}
    for place in ("Leeds", "York"):
        mine = contacts.filter(place=place)
        assert rows[place] == (mine.count(), mine.filter(demand_type="failure").count())


def test_filters_narrow_every_question(contacts, services):
    only = analysis.Filters(
        service_ids=(services["potholes"].pk,),
        channels=("phone",),
        start=date(2025, 1, 13),
        end=date(2025, 1, 26),
    )
    rows = analysis.weekly_volume(only)
    london = ZoneInfo("Europe/London")
    expected = contacts.filter(
        service=services["potholes"],
        channel="phone",
        received_at__gte=datetime(2025, 1, 13, tzinfo=london),
        received_at__lt=datetime(2025, 1, 27, tzinfo=london),
    )
    assert 0 < expected.count() < contacts.filter(service=services["potholes"]).count()
    assert sum(r[1] + r[2] + r[3] for r in rows) == expected.count()


def test_the_pareto_counts_each_cause_of_failure(contacts):
    causes = dict(analysis.failure_causes(analysis.Filters()))
    failures = contacts.filter(demand_type="failure")
    assert causes == dict(Counter(failures.values_list("failure_cause", flat=True)))


def test_end_to_end_percentiles_are_those_of_every_resolved_contact(contacts):
    found = analysis.end_to_end(analysis.Filters())
    resolved = contacts.filter(resolved_at__isnull=False).order_by("resolved_at", "pk")
    days = [(c.resolved_at - c.received_at).total_seconds() / 86400 for c in resolved]
    assert found.resolved == len(days)
    for p in (50, 85, 95):
        assert found.percentiles[p] == pytest.approx(np.percentile(days, p))
    assert [d for _, d in found.latest] == pytest.approx(days)


def test_what_matters_lists_only_what_enough_citizens_said(contacts, make_contacts):
    assert analysis.what_matters(analysis.Filters()) == {}  # 12 said it, of two services
    make_contacts(10, what_matters="Knowing when ", demand_type="value")
    snapshot.refresh()
    found = analysis.what_matters(analysis.Filters())
    bins = [s for s, phrases in found.items() for p, n in phrases if p == "knowing when"]
    assert len(bins) == 1


def test_a_stale_snapshot_is_refreshed_for_a_small_department(contacts, make_contacts):
    assert not snapshot.is_stale()
    make_contacts(1, demand_type="value")
    assert snapshot.is_stale()
    assert ensure_fresh()
    assert snapshot.meta()["rows"] == contacts.count() + 1


def test_no_snapshot_means_no_rows_not_an_error(db):
    assert analysis.weekly_volume(analysis.Filters()) == []
    assert analysis.end_to_end(analysis.Filters()).resolved == 0
