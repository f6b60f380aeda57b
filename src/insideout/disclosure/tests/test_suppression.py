"""Small-group suppression in one-way breakdowns, and the thresholds themselves."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from insideout.disclosure.suppression import (
    DEFAULT_K,
    DEFAULT_K_TEXT,
    Cell,
    ShownCell,
    can_show,
    shown_groups,
    suppress_breakdown,
)
from insideout.pulses.nps import NpsCounts


def hidden_keys(shown):
    return {cell.key for cell in shown if cell.suppressed}


def test_groups_of_fewer_than_k_cannot_be_shown():
    assert (DEFAULT_K, DEFAULT_K_TEXT) == (5, 10)
    assert not can_show(4)
    assert can_show(5)
    assert not can_show(0)
    assert can_show(3, k=3)


@pytest.mark.parametrize("k", [0, -5, 2.5, True])
def test_a_threshold_below_one_or_not_whole_is_refused(k):
    with pytest.raises(ValueError, match="threshold"):
        can_show(10, k)
    with pytest.raises(ValueError, match="threshold"):
        suppress_breakdown([Cell("North", 10)], k)


def test_a_region_with_3_respondents_is_hidden_and_so_is_the_next_smallest_region():
    cells = [Cell("North", 3), Cell("South", 8), Cell("East", 12), Cell("West", 20)]
    shown = suppress_breakdown(cells, k=5)
    assert hidden_keys(shown) == {"North", "South"}
    assert [cell.key for cell in shown] == ["North", "South", "East", "West"]


def test_two_small_regions_that_together_reach_k_protect_each_other():
    cells = [Cell("North", 2), Cell("South", 4), Cell("East", 12), Cell("West", 20)]
    assert hidden_keys(suppress_breakdown(cells, k=5)) == {"North", "South"}


def test_equal_sized_neighbours_are_chosen_by_key():
    cells = [Cell("South", 8), Cell("North", 3), Cell("East", 8), Cell("West", 8)]
    assert hidden_keys(suppress_breakdown(cells, k=5)) == {"North", "East"}


def test_hidden_groups_withhold_their_count_and_their_results():
    north = NpsCounts(2, 1, 0)
    south = NpsCounts(9, 3, 3)
    shown = suppress_breakdown(
        [Cell("North", 3, north), Cell("South", 15, south), Cell("East", 12, "x")], k=5
    )
    assert shown[0] == ShownCell("North", None, None, suppressed=True)
    assert shown[1] == ShownCell("South", 15, south, suppressed=False)
    assert shown[2] == ShownCell("East", None, None, suppressed=True)


def test_groups_with_no_respondents_are_shown_as_zero():
    shown = suppress_breakdown([Cell("North", 0), Cell("South", 8), Cell("East", 6)], k=5)
    assert shown[0] == ShownCell("North", 0, None, suppressed=False)
    assert hidden_keys(shown) == set()


def test_a_breakdown_of_fewer_than_k_people_shows_nothing_not_even_zeros():
    shown = suppress_breakdown([Cell("North", 0), Cell("South", 3), Cell("East", 1)], k=5)
    assert hidden_keys(shown) == {"North", "South", "East"}


def test_without_a_published_total_only_small_groups_are_hidden():
    cells = [Cell("North", 3), Cell("South", 8), Cell("East", 12)]
    assert hidden_keys(suppress_breakdown(cells, k=5, total_shown=False)) == {"North"}


def test_an_empty_breakdown_shows_nothing():
    assert suppress_breakdown([], k=5) == []


def test_a_group_listed_twice_or_with_a_negative_count_is_refused():
    with pytest.raises(ValueError, match="twice"):
        suppress_breakdown([Cell("North", 6), Cell("North", 7)], k=5)
    with pytest.raises(ValueError, match="0 or more"):
        Cell("North", -1)


breakdowns = st.dictionaries(
    st.text("ABCDEFGHIJ", min_size=1, max_size=2),
    st.one_of(st.integers(0, 12), st.integers(0, 200)),
    max_size=15,
).map(lambda sizes: [Cell(key, n) for key, n in sizes.items()])
thresholds = st.integers(1, 15)


@settings(deadline=None)  # pure and fast; a busy machine must not fail it
@given(breakdowns, thresholds)
def test_no_shown_group_has_between_1_and_k_minus_1_people(cells, k):
    for cell in suppress_breakdown(cells, k):
        assert cell.suppressed or cell.n == 0 or cell.n >= k


@settings(deadline=None)  # pure and fast; a busy machine must not fail it
@given(breakdowns, thresholds)
def test_total_minus_the_shown_groups_never_reveals_a_group_under_k(cells, k):
    shown = suppress_breakdown(cells, k)
    total = sum(cell.n for cell in cells)
    hidden_total = sum(c.n for c, s in zip(cells, shown, strict=True) if s.suppressed)
    if can_show(total, k) or total == 0:
        assert hidden_total == 0 or hidden_total >= k
    else:
        assert all(s.suppressed for s in shown)


@settings(deadline=None)  # pure and fast; a busy machine must not fail it
@given(breakdowns, thresholds)
def test_groups_are_hidden_only_when_a_small_group_needs_it(cells, k):
    small = sum(cell.n for cell in cells if 0 < cell.n < k)
    shown = suppress_breakdown(cells, k)
    if small == 0:
        assert not any(cell.suppressed for cell in shown)
    if small >= k:
        assert hidden_keys(shown) == {cell.key for cell in cells if 0 < cell.n < k}


@settings(deadline=None)  # pure and fast; a busy machine must not fail it
@given(breakdowns, thresholds)
def test_secondary_suppression_takes_the_smallest_shown_group(cells, k):
    shown = suppress_breakdown(cells, k)
    extra = [c for c, s in zip(cells, shown, strict=True) if s.suppressed and c.n >= k]
    kept = [c for c, s in zip(cells, shown, strict=True) if not s.suppressed and c.n > 0]
    assert len(extra) <= 1  # one group of k or more always protects the small ones
    for hidden in extra:
        assert all((hidden.n, hidden.key) < (other.n, other.key) for other in kept)


@settings(deadline=None)  # pure and fast; a busy machine must not fail it
@given(breakdowns, thresholds, st.booleans(), st.randoms(use_true_random=False))
def test_the_same_breakdown_in_any_order_hides_the_same_groups(cells, k, total_shown, random):
    first = suppress_breakdown(cells, k, total_shown)
    assert suppress_breakdown(list(cells), k, total_shown) == first
    shuffled = list(cells)
    random.shuffle(shuffled)
    assert hidden_keys(suppress_breakdown(shuffled, k, total_shown)) == hidden_keys(first)


@settings(deadline=None)  # pure and fast; a busy machine must not fail it
@given(breakdowns, thresholds)
def test_shown_groups_keep_their_count_and_payload(cells, k):
    for cell, shown in zip(cells, suppress_breakdown(cells, k), strict=True):
        assert shown.key == cell.key
        if not shown.suppressed:
            assert (shown.n, shown.value) == (cell.n, cell.value)
        else:
            assert (shown.n, shown.value) == (None, None)


def test_shown_groups_names_the_groups_a_breakdown_may_show():
    # 3 GPs hidden, and police forces too (equal to schools, first by name), else 23 - 20 = 3.
    assert shown_groups({"police": 10, "schools": 10, "gps": 3}, 10) == {"schools"}
    assert shown_groups({"police": 12, "schools": 9, "gps": 3}, 10) == {"police"}
    assert shown_groups({"police": 4}, 10) == set()
