"""XmR charts against the method's text (../shared/reference/spc/README.md), with plain values."""

import csv
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from insideout.spc import Settings, SpcError, assurance, average_moving_range, xmr
from insideout.spc.rules import label_points, shift_points, trend_directions, two_in_three_points

AE_ATTENDANCES = (
    Path(__file__).resolve().parents[4].parent
    / "shared/reference/demand/nhs-ae-attendances/ae_attendances.csv"
)


def days(n: int, start: date = date(2024, 1, 1)) -> list[date]:
    return [start + timedelta(days=i) for i in range(n)]


def chart(values, **options):
    return xmr(days(len(values)), values, Settings(**options))


def rules(values, **options) -> list:
    return [p.rule for p in chart(values, **options).points]


# The calculation


def test_mean_and_limits_are_the_mean_plus_or_minus_2_66_average_moving_ranges():
    result = chart([10, 12, 11, 13, 12])
    # moving ranges 2, 1, 2, 1: average 1.5
    assert result.groups[0].mean == pytest.approx(11.6)
    assert result.groups[0].average_moving_range == pytest.approx(1.5)
    assert result.points[0].upl == pytest.approx(11.6 + 2.66 * 1.5)
    assert result.points[0].lpl == pytest.approx(11.6 - 2.66 * 1.5)


def test_screening_drops_moving_ranges_of_3_267_averages_or_more_once():
    values = [10, 10, 11, 10, 11, 10, 30, 10, 11, 10]
    ranges = [0, 1, 1, 1, 1, 20, 20, 1, 1]
    unscreened = sum(ranges) / len(ranges)
    kept = [r for r in ranges if r < 3.267 * unscreened]
    assert average_moving_range(values, screen_outliers=False) == pytest.approx(unscreened)
    assert average_moving_range(values, screen_outliers=True) == pytest.approx(
        sum(kept) / len(kept)
    )
    assert kept == [0, 1, 1, 1, 1, 1, 1]


def test_screening_that_would_leave_only_zero_ranges_keeps_the_unscreened_average():
    values = [5] * 11 + [50]
    result = chart(values)
    assert result.groups[0].average_moving_range == pytest.approx(45 / 11)
    assert result.points[-1].rule == "outside_limits"
    # Eleven points below the mean are a shift, not points outside zero-width limits.
    assert {p.rule for p in result.points[:-1]} == {"shift"}


def test_screening_can_be_switched_off_to_match_the_excel_tools():
    values = [10, 11, 10, 11, 10, 40, 10, 11, 10, 11, 10, 11]
    on, off = chart(values), chart(values, screen_outliers=False)
    assert on.groups[0].upl < off.groups[0].upl


def test_all_equal_values_have_limits_on_the_mean_and_no_signal():
    result = chart([7] * 15)
    assert result.groups[0].lpl == result.groups[0].upl == 7
    assert {p.variation for p in result.points} == {"common_cause"}


def test_one_point_has_a_mean_but_no_limits():
    result = chart([3])
    assert result.points[0].mean == 3
    assert result.points[0].lpl is None and result.points[0].upl is None
    assert result.points[0].rule is None
    assert result.groups[0].short_group_warning


def test_no_points_make_an_empty_chart():
    result = xmr([], [])
    assert result.points == [] and result.groups == [] and result.variation is None


def test_points_are_put_in_date_order():
    result = xmr([date(2024, 1, 3), date(2024, 1, 1), date(2024, 1, 2)], [3, 1, 2])
    assert [p.value for p in result.points] == [1, 2, 3]


def test_a_fixed_baseline_uses_only_the_first_n_points():
    values = [10, 11] * 6 + [30, 31, 32]
    result = chart(values, fix_after=12)
    assert result.groups[0].mean == pytest.approx(10.5)
    assert [p.rule for p in result.points[12:]] == ["outside_limits"] * 3


def test_a_baseline_under_12_points_is_refused():
    with pytest.raises(SpcError, match="at least 12"):
        Settings(fix_after=5)


# The rules, one by one


def test_a_point_beyond_a_limit_is_outside_the_limits():
    values = [10, 11, 10, 12, 11, 10, 11, 30, 11, 10]
    assert rules(values)[7] == "outside_limits"


def test_a_point_on_a_limit_is_not_outside_it():
    labelled = label_points([0, 3], mean=0, limits=(-3, 3, -2, 2))
    assert labelled[1][0] != "outside_limits"


def test_seven_rising_points_are_a_trend_and_six_are_not():
    assert trend_directions([1, 2, 3, 4, 5, 6, 7], 7) == [1] * 7
    assert trend_directions([1, 2, 3, 4, 5, 6], 7) == [0] * 6
    assert trend_directions([7, 6, 5, 4, 3, 2, 1], 7) == [-1] * 7


def test_an_equal_value_breaks_a_trend():
    assert trend_directions([1, 2, 3, 3, 4, 5, 6], 7) == [0] * 7


def test_a_longer_trend_is_flagged_throughout():
    assert trend_directions([2, 1, 2, 3, 4, 5, 6, 7, 8, 3], 7) == [0] + [1] * 8 + [0]


def test_a_turning_point_between_two_trends_is_in_both():
    found = trend_directions([1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1], 7)
    assert found[6] == 2 and found[:6] == [1] * 6 and found[7:] == [-1] * 6


def test_seven_points_on_one_side_of_the_mean_are_a_shift():
    assert shift_points([1] * 7, 7) == [True] * 7
    assert shift_points([1] * 6 + [-1], 7) == [False] * 7
    assert shift_points([-1] + [1] * 8 + [-1], 7) == [False] + [True] * 8 + [False]


def test_a_point_on_the_mean_breaks_a_shift():
    assert shift_points([1, 1, 1, 0, 1, 1, 1, 1], 7) == [False] * 8


def test_two_of_three_near_a_limit_on_one_side_flags_only_the_near_points():
    sides = [1, 1, 1, 1, 1, 1, 1]
    assert two_in_three_points(sides, [0, 0, 1, 0, 1, 0, 0]) == [
        False,
        False,
        True,
        False,
        True,
        False,
        False,
    ]
    assert two_in_three_points(sides, [0, 0, 1, 1, 0, 0, 0])[2:4] == [True, True]


def test_two_near_points_with_the_third_across_the_mean_are_no_signal():
    assert two_in_three_points([1, -1, 1], [1, 0, 1]) == [False, False, False]


def test_two_near_points_three_apart_are_no_signal():
    assert two_in_three_points([1, 1, 1, 1], [1, 0, 0, 1]) == [False] * 4


def test_points_beyond_the_limits_do_not_count_as_near_them():
    # mean 0, limits +-3, near limits +-2: 2.5 is near, 4 is outside.
    labelled = label_points([2.5, 4, 1], mean=0, limits=(-3, 3, -2, 2))
    assert [rule for rule, _ in labelled] == [None, "outside_limits", None]


def test_a_point_breaking_several_rules_gets_the_first_in_precedence():
    # Seven rising points above the mean, the last beyond the upper limit.
    labelled = label_points([1, 2, 3, 4, 5, 6, 9], mean=0, limits=(-8, 8, -5, 5))
    assert [rule for rule, _ in labelled] == ["trend"] * 6 + ["outside_limits"]


def test_run_lengths_can_be_changed():
    values = [10, 11, 10, 12, 11, 10, 11, 10, 11, 10, 12, 11, 13, 14, 13, 14, 13, 14]
    assert "shift" in rules(values, shift_length=6)


# Improvement, concern and neutral


def test_a_high_signal_is_an_improvement_when_increase_is_better():
    values = [10, 11, 10, 12, 11, 10, 11, 30, 11, 10]
    assert chart(values, improvement="increase").points[7].variation == "improvement"
    assert chart(values, improvement="decrease").points[7].variation == "concern"
    assert chart(values, improvement="neutral").points[7].variation == "neutral_high"


def test_a_falling_trend_is_low_even_above_the_mean():
    values = [30, 0, 30, 0, 30, 0, 27, 26, 25, 24, 23, 22, 21]
    result = chart(values, improvement="decrease")
    trend = [p for p in result.points if p.rule == "trend"]
    assert len(trend) == 7 and all(p.value > p.mean for p in trend)
    assert {p.variation for p in trend} == {"improvement"}


def test_a_chart_variation_is_its_latest_point():
    values = [10, 11, 10, 12, 11, 10, 11, 10, 11, 30]
    assert chart(values, improvement="increase").variation == "improvement"


def test_an_unknown_improvement_direction_is_refused():
    with pytest.raises(SpcError, match="increase, decrease, neutral"):
        Settings(improvement="up")


# Targets and assurance


@pytest.mark.parametrize(
    ("improvement", "target", "expected"),
    [
        ("increase", 5, "consistent_pass"),
        ("increase", 50, "consistent_fail"),
        ("increase", 10, "inconsistent"),
        ("decrease", 5, "consistent_fail"),
        ("decrease", 50, "consistent_pass"),
        ("decrease", 10, "inconsistent"),
        ("neutral", 10, None),
        ("increase", None, None),
    ],
)
def test_assurance_compares_the_target_with_the_whole_band_of_limits(improvement, target, expected):
    assert assurance(target, improvement, lpl=8, upl=12) == expected


def test_a_target_on_a_limit_is_inconsistent():
    assert assurance(12, "increase", 8, 12) == "inconsistent"


def test_assurance_uses_each_groups_own_limits():
    values = [10, 11] * 8 + [50, 51] * 8
    result = chart(values, improvement="increase", target=30, rebase=(date(2024, 1, 17),))
    assert [g.assurance for g in result.groups] == ["consistent_fail", "consistent_pass"]
    assert result.assurance == "consistent_pass"


# Rebasing and short groups


def test_rebasing_recalculates_each_group_and_runs_never_cross_it():
    values = [10, 11] * 8 + [20, 21] * 8
    whole = chart(values)
    assert any(p.rule for p in whole.points)
    rebased = chart(values, rebase=(date(2024, 1, 17),))
    assert [g.mean for g in rebased.groups] == [10.5, 20.5]
    assert all(p.rule is None for p in rebased.points)
    assert rebased.groups[1].start == date(2024, 1, 17)


def test_a_rebase_date_between_points_starts_the_group_at_the_next_point():
    result = xmr(
        [date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)],
        [1, 2, 3],
        Settings(rebase=(date(2024, 1, 15),)),
    )
    assert [g.start for g in result.groups] == [date(2024, 1, 1), date(2024, 2, 1)]


def test_a_rebase_date_outside_the_series_is_refused():
    with pytest.raises(SpcError, match="outside the series"):
        chart([1, 2, 3], rebase=(date(2024, 1, 1),))
    with pytest.raises(SpcError, match="outside the series"):
        chart([1, 2, 3], rebase=(date(2025, 1, 1),))


def test_two_rebase_dates_with_no_point_between_them_are_refused():
    with pytest.raises(SpcError, match="no points"):
        xmr(
            [date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)],
            [1, 2, 3],
            Settings(rebase=(date(2024, 1, 10), date(2024, 1, 20))),
        )


def test_groups_of_fewer_than_12_points_carry_the_short_group_warning():
    result = chart(list(range(20)), rebase=(date(2024, 1, 13),))
    assert [g.size for g in result.groups] == [12, 8]
    assert [g.short_group_warning for g in result.groups] == [False, True]


# Bad input


def test_a_duplicate_date_is_refused():
    with pytest.raises(SpcError, match="appears twice"):
        xmr([date(2024, 1, 1)] * 2, [1, 2])


@pytest.mark.parametrize("value", [float("nan"), float("inf"), "3", None, True])
def test_a_value_that_is_not_a_finite_number_is_refused(value):
    with pytest.raises(SpcError, match="finite number"):
        xmr(days(2), [1, value])


# The JSON shape the command line prints


def test_as_dict_has_points_and_groups_with_the_documented_keys():
    result = chart([1, 2, 3], improvement="increase", target=2).as_dict()
    assert set(result) == {"points", "groups"}
    assert set(result["points"][0]) == {"date", "value", "mean", "lpl", "upl", "rule", "variation"}
    assert set(result["groups"][0]) == {
        "start",
        "end",
        "mean",
        "lpl",
        "upl",
        "short_group_warning",
        "assurance",
    }
    assert result["points"][0]["date"] == "2024-01-01"


# The reference data: England's monthly A&E attendances


def england_attendances() -> tuple[list[date], list[float]]:
    totals: dict[date, float] = defaultdict(float)
    with AE_ATTENDANCES.open() as source:
        for row in csv.DictReader(source):
            totals[date.fromisoformat(row["period"])] += float(row["attendances"])
    months = sorted(totals)
    return months, [totals[m] for m in months]


def test_england_ae_attendances_chart_is_internally_consistent():
    months, values = england_attendances()
    result = xmr(months, values, Settings(improvement="neutral"))
    assert len(result.points) == 36
    group = result.groups[0]
    assert group.mean == pytest.approx(sum(values) / len(values))
    assert group.upl - group.mean == pytest.approx(2.66 * group.average_moving_range)
    for point in result.points:
        beyond = point.value > group.upl or point.value < group.lpl
        assert (point.rule == "outside_limits") == beyond


# Properties: the run-based rules agree with a literal reading of the method's windows


def literal_trend(values, length):
    flagged = [False] * len(values)
    for end in range(length - 1, len(values)):
        window = values[end - length + 1 : end + 1]
        rising = all(b > a for a, b in zip(window, window[1:], strict=False))
        falling = all(b < a for a, b in zip(window, window[1:], strict=False))
        if rising or falling:
            for i in range(end - length + 1, end + 1):
                flagged[i] = True
    return flagged


def literal_shift(sides, length):
    flagged = [False] * len(sides)
    for end in range(length - 1, len(sides)):
        window = sides[end - length + 1 : end + 1]
        if window[0] != 0 and all(s == window[0] for s in window):
            for i in range(end - length + 1, end + 1):
                flagged[i] = True
    return flagged


series = st.lists(st.integers(min_value=0, max_value=6), min_size=0, max_size=40)


@settings(max_examples=300, deadline=None)
@given(series, st.integers(min_value=2, max_value=9))
def test_trend_runs_match_sliding_windows(values, length):
    assert [bool(d) for d in trend_directions(values, length)] == literal_trend(values, length)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([-1, 0, 1]), max_size=40), st.integers(min_value=2, max_value=9))
def test_shift_runs_match_sliding_windows(sides, length):
    assert shift_points(sides, length) == literal_shift(sides, length)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(min_value=-1e6, max_value=1e6), min_size=1, max_size=60))
def test_every_point_gets_one_label_and_limits_straddle_the_mean(values):
    result = xmr(days(len(values)), values, Settings(improvement="increase"))
    assert len(result.points) == len(values)
    for point in result.points:
        assert point.variation in {"improvement", "concern", "common_cause"}
        assert (point.rule is None) == (point.variation == "common_cause")
        if point.lpl is not None:
            assert point.lpl <= point.mean <= point.upl
