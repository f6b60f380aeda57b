"""When a requirement falls due and the hours it imposes: plain dates and numbers."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from insideout.burdens import budget, schedule
from insideout.burdens.schedule import Imposition, Quarter


def test_a_monthly_return_due_on_the_31st_falls_on_each_months_last_day_when_shorter():
    dates = schedule.due_dates("monthly", date(2026, 1, 31), date(2026, 1, 1), date(2026, 4, 30))
    assert dates == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]


def test_a_one_off_falls_due_once():
    assert schedule.due_dates("one_off", date(2026, 5, 1), date(2020, 1, 1), date(2030, 1, 1)) == [
        date(2026, 5, 1)
    ]


def test_termly_means_three_times_a_year():
    dates = schedule.due_dates("termly", date(2026, 1, 15), date(2026, 1, 1), date(2026, 12, 31))
    assert dates == [date(2026, 1, 15), date(2026, 5, 15), date(2026, 9, 15)]


def test_nothing_falls_due_before_it_starts_or_after_it_ends():
    dates = schedule.due_dates(
        "weekly",
        date(2026, 1, 5),
        date(2026, 1, 1),
        date(2026, 3, 1),
        starts_on=date(2026, 1, 20),
        ends_on=date(2026, 2, 10),
    )
    assert dates == [date(2026, 1, 26), date(2026, 2, 2), date(2026, 2, 9)]


def test_unknown_frequency_is_refused():
    with pytest.raises(ValueError, match="Unknown frequency"):
        schedule.due_dates("fortnightly", date(2026, 1, 1), date(2026, 1, 1), date(2026, 2, 1))


def test_hours_a_year_are_frequency_times_hours_times_doers():
    assert schedule.annual_hours("monthly", 2.5, 10) == 300
    assert schedule.annual_hours("termly", 4, 3) == 36
    assert schedule.annual_hours("one_off", 6, 2) == 12


def test_quarters_know_their_days_and_neighbours():
    q = Quarter.of(date(2026, 11, 3))
    assert (q.label, q.start, q.end) == ("2026 Q4", date(2026, 10, 1), date(2026, 12, 31))
    assert q.previous() == Quarter(2026, 3)
    assert q.previous(4) == Quarter(2025, 4)
    assert q.previous(-1) == Quarter(2027, 1)
    assert schedule.quarters_up_to(Quarter(2026, 2), 3) == [
        Quarter(2025, 4),
        Quarter(2026, 1),
        Quarter(2026, 2),
    ]


def test_the_estimate_in_force_is_the_last_change_made_by_then():
    changes = [(date(2026, 3, 1), 4.0), (date(2026, 6, 1), 1.0)]
    assert schedule.estimate_on(date(2026, 2, 1), 6.0, changes) == 6.0
    assert schedule.estimate_on(date(2026, 3, 1), 6.0, changes) == 4.0
    assert schedule.estimate_on(date(2026, 9, 1), 6.0, changes) == 1.0


def test_a_simplification_lowers_the_hours_of_the_quarters_after_it():
    imposition = Imposition(
        "monthly",
        date(2026, 1, 10),
        doers=10,
        first_estimate=3.0,
        changes=((date(2026, 4, 1), 1.0),),
    )
    quarters = [Quarter(2026, 1), Quarter(2026, 2)]
    assert schedule.hours_by_quarter([imposition], quarters) == [90.0, 30.0]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    frequency=st.sampled_from(list(schedule.PER_YEAR)),
    first=st.dates(date(2024, 1, 1), date(2027, 12, 31)),
    ends_after=st.integers(0, 900),
    doers=st.integers(0, 50),
    hours=st.floats(0.1, 40),
)
def test_quarterly_hours_add_up_to_the_hours_over_the_whole_span(
    frequency, first, ends_after, doers, hours
):
    imposition = Imposition(
        frequency, first, doers, hours, ends_on=first + timedelta(days=ends_after)
    )
    quarters = schedule.quarters_up_to(Quarter(2028, 4), 20)
    by_quarter = schedule.hours_by_quarter([imposition], quarters)
    whole = schedule.hours_in(imposition, quarters[0].start, quarters[-1].end)
    assert sum(by_quarter) == pytest.approx(whole)


def test_retiring_saves_all_its_hours_and_simplifying_the_difference():
    assert budget.hours_saved("monthly", 10, 3.0, None) == 360
    assert budget.hours_saved("monthly", 10, 3.0, 1.0) == 240
    with pytest.raises(ValueError):
        budget.hours_saved("monthly", 10, 3.0, 4.0)


def test_one_in_two_out_needs_twice_the_hours_taken_out():
    check = budget.check(100, [120, 50], 2.0)
    assert (check.needed, check.pledged, check.shortfall, check.balanced) == (200, 170, 30, False)
    assert check.net_change == -70
    assert budget.check(100, [200], 2.0).balanced


def test_no_rule_or_a_statutory_exemption_needs_no_offsets():
    assert budget.check(100, [], None).balanced
    assert budget.check(100, [], 2.0, statutory=True).balanced
    assert not budget.check(100, [], 2.0, statutory=True, exempts_statutory=False).balanced
