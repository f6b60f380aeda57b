"""The usefulness league table: who is ranked, in what order, and how ties share a place."""

from fractions import Fraction
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from insideout.pulses.nps import NpsCounts, is_rankable, nps_with_interval, rank_units


def table(rows, minimum=10):
    return [(row.position, row.key) for row in rank_units(rows, minimum)]


def test_a_unit_needs_the_minimum_number_of_answers_to_be_ranked():
    assert is_rankable(10, 10)
    assert not is_rankable(9, 10)
    assert not is_rankable(0, 0)
    assert is_rankable(1, 0)


def test_one_glowing_answer_cannot_put_a_unit_on_top():
    rows = [
        ("Estates", NpsCounts(promoters=1)),
        ("School Funding", NpsCounts(promoters=6, passives=4, detractors=2)),
        ("Teacher Development", NpsCounts(promoters=3, passives=4, detractors=5)),
    ]
    assert table(rows) == [
        (1, "School Funding"),
        (2, "Teacher Development"),
        (None, "Estates"),
    ]
    estates = rank_units(rows, 10)[-1]
    assert not estates.ranked
    assert estates.result.nps == 100.0


def test_unranked_units_follow_alphabetically_whatever_their_score():
    rows = [
        ("Zeta", NpsCounts(promoters=3)),
        ("Alpha", NpsCounts(detractors=2)),
        ("Ranked", NpsCounts(detractors=10)),
        ("Silent", NpsCounts()),
    ]
    assert table(rows) == [(1, "Ranked"), (None, "Alpha"), (None, "Silent"), (None, "Zeta")]
    assert rank_units(rows, 10)[2].result is None


def test_equal_scores_are_split_by_the_lower_bound_of_the_interval():
    # Both score 50, but 40 answers pin it down better than 10.
    rows = [("Small", NpsCounts(5, 5, 0)), ("Large", NpsCounts(20, 20, 0))]
    assert table(rows) == [(1, "Large"), (2, "Small")]


def test_equal_scores_that_differ_only_in_float_rounding_still_compare_exactly():
    rows = [("Thirds", NpsCounts(10, 0, 5)), ("Sixths", NpsCounts(20, 0, 10))]
    nps = {key: nps_with_interval(counts).nps for key, counts in rows}
    assert nps["Thirds"] == pytest.approx(nps["Sixths"])
    assert table(rows) == [(1, "Sixths"), (2, "Thirds")]


def test_full_ties_share_a_position_and_the_next_one_is_skipped():
    same = NpsCounts(6, 3, 3)
    rows = [
        ("Delta", NpsCounts(2, 3, 7)),
        ("Charlie", same),
        ("Bravo", same),
        ("Alpha", NpsCounts(9, 3, 0)),
    ]
    assert table(rows) == [(1, "Alpha"), (2, "Bravo"), (2, "Charlie"), (4, "Delta")]


def test_a_unit_listed_twice_is_refused():
    with pytest.raises(ValueError, match="twice"):
        rank_units([("A", NpsCounts(1)), ("A", NpsCounts(2))], 1)


units = st.dictionaries(
    st.text("ABCDEFGH", min_size=1, max_size=3),
    st.builds(NpsCounts, st.integers(0, 15), st.integers(0, 15), st.integers(0, 15)),
    max_size=12,
)


@given(units, st.integers(0, 20), st.randoms(use_true_random=False))
def test_league_rules_hold_for_any_set_of_units(by_key, minimum, random):
    rows = list(by_key.items())
    league = rank_units(rows, minimum)
    assert sorted(row.key for row in league) == sorted(by_key)

    ranked = [row for row in league if row.ranked]
    unranked = [row for row in league if not row.ranked]
    assert league == ranked + unranked
    assert all(is_rankable(by_key[row.key].n, minimum) for row in ranked)
    assert not any(is_rankable(by_key[row.key].n, minimum) for row in unranked)
    assert [row.key for row in unranked] == sorted(row.key for row in unranked)

    def standing(row):
        counts = by_key[row.key]
        return Fraction(counts.promoters - counts.detractors, counts.n), row.result.low

    for index, (above, below) in enumerate(pairwise(ranked), start=2):
        assert standing(above) >= standing(below)
        if standing(above) == standing(below):
            assert above.key < below.key
            assert below.position == above.position
        else:
            assert below.position == index
    if ranked:
        assert ranked[0].position == 1

    random.shuffle(rows)
    assert rank_units(rows, minimum) == league
