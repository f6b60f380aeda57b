"""Linked tables: no sum or difference of what is shown isolates a group under k.

The max-flow check is compared with brute force: every group of cells, tested for lying in the
span of the shown figures by exact Gaussian elimination.
"""

from fractions import Fraction
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from insideout.disclosure.linked import (
    ALL,
    combine_shown,
    figure_counts,
    pins_a_small_group,
    publish_linked,
)


def indicator(key, atoms):
    row, column = key
    return [
        Fraction(int((row is ALL or row == r) and (column is ALL or column == c))) for r, c in atoms
    ]


def in_span(vectors, target) -> bool:
    """Whether target is a rational combination of vectors (exact elimination)."""
    rows = [list(v) for v in vectors]
    basis: list[tuple[int, list[Fraction]]] = []
    for row in rows:
        for pivot, b in basis:
            if row[pivot]:
                factor = row[pivot] / b[pivot]
                row = [x - factor * y for x, y in zip(row, b, strict=True)]
        lead = next((i for i, x in enumerate(row) if x), None)
        if lead is not None:
            basis.append((lead, row))
    t = list(target)
    for pivot, b in basis:
        if t[pivot]:
            factor = t[pivot] / b[pivot]
            t = [x - factor * y for x, y in zip(t, b, strict=True)]
    return not any(t)


def brute_force_pins(counts, shown, k) -> bool:
    atoms = [key for key, n in counts.items() if n > 0]
    vectors = [indicator(key, atoms) for key in shown]
    for size in range(1, min(len(atoms), k - 1) + 1):
        for group in combinations(range(len(atoms)), size):
            n = sum(counts[atoms[i]] for i in group)
            if 1 <= n < k:
                target = [Fraction(int(i in group)) for i in range(len(atoms))]
                if in_span(vectors, target):
                    return True
    return False


grids = st.builds(
    lambda rows, columns, values: {
        (r, c): values[i * columns + j]
        for i, r in enumerate("ABC"[:rows])
        for j, c in enumerate("xyz"[:columns])
    },
    st.integers(1, 3),
    st.integers(1, 3),
    st.lists(st.integers(0, 7) | st.just(0), min_size=9, max_size=9),
)


@settings(max_examples=300, deadline=None)
@given(grids, st.sampled_from([2, 3, 5]), st.data())
def test_the_max_flow_check_finds_exactly_the_groups_brute_force_finds(counts, k, data):
    figures = sorted(figure_counts(counts), key=repr)
    shown = data.draw(st.sets(st.sampled_from(figures)))
    assert pins_a_small_group(counts, shown, k) == brute_force_pins(counts, shown, k)


@settings(max_examples=300, deadline=None)
@given(grids, st.sampled_from([2, 3, 5]))
def test_what_is_published_never_pins_a_group_under_k(counts, k):
    figures = figure_counts(counts)
    shown = publish_linked(counts, k).shown
    assert not brute_force_pins(counts, shown, k)
    total = figures[ALL, ALL]
    for key in shown:
        assert figures.get(key, 0) == 0 or figures[key] >= k, "only groups of k or more"
    if total >= k:
        assert (ALL, ALL) in shown
    elif total > 0:
        assert shown == frozenset()


def test_a_kind_of_organisation_all_in_one_region_cannot_unmask_the_rest_of_that_region():
    """Police forces are all in London: London minus police forces would be 2 schools."""
    counts = {("police", "London"): 10, ("school", "London"): 2, ("school", "North"): 20}
    shown = publish_linked(counts, k=5)
    assert shown.shows("police") and shown.shows()
    assert not shown.shows(column="London"), "London - police = the 2 London schools"
    assert not brute_force_pins(counts, shown.shown, 5)


def test_three_groups_two_shown_give_the_third_by_subtraction_so_one_more_is_hidden():
    counts = {("a", "r"): 10, ("b", "r"): 6, ("c", "r"): 2}
    shown = publish_linked(counts, k=5)
    assert shown.shows("a") and not shown.shows("b") and not shown.shows("c")
    assert pins_a_small_group(counts, {(ALL, ALL), ("a", ALL), ("b", ALL)}, 5)


def test_a_cell_is_shown_only_when_its_row_and_column_stay_safe():
    counts = {("a", "x"): 8, ("a", "y"): 7, ("b", "x"): 9, ("b", "y"): 6}
    shown = publish_linked(counts, k=5)
    assert shown.shown == {(ALL, ALL), ("a", ALL), ("b", ALL), (ALL, "x"), (ALL, "y")} | {
        ("a", "x"),
        ("a", "y"),
        ("b", "x"),
        ("b", "y"),
    }


def test_a_small_total_shows_nothing_and_an_empty_one_shows_zeros():
    assert publish_linked({("a", "x"): 3, ("b", "y"): 1}, 5).shown == frozenset()
    empty = publish_linked({("a", "x"): 0}, 5)
    assert empty.shows() and empty.shows("a", "x")


def test_cells_need_a_row_and_a_column_and_whole_counts():
    with pytest.raises(ValueError, match="None means 'all'"):
        publish_linked({(None, "x"): 3}, 5)
    with pytest.raises(ValueError, match="0 or more"):
        publish_linked({("a", "x"): -1}, 5)
    with pytest.raises(ValueError, match="threshold"):
        publish_linked({("a", "x"): 3}, 0)


def test_combined_figures_add_only_what_is_shown():
    assert combine_shown([(True, 3), (False, 100), (True, 4)], 0) == (7, 2)
    assert combine_shown([], 0) == (0, 0)
