"""NPS, its adjusted-Wald interval and agreement summaries, on plain values."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from insideout.pulses.nps import (
    AgreementResult,
    NpsCounts,
    agreement_summary,
    nps_with_interval,
    score_group,
)

counts = st.builds(
    NpsCounts,
    st.integers(0, 2_000),
    st.integers(0, 2_000),
    st.integers(0, 2_000),
)
nonempty_counts = counts.filter(lambda c: c.n > 0)
scores = st.lists(st.integers(0, 10), max_size=60)


@pytest.mark.parametrize(
    ("score", "group"),
    [
        (0, "detractor"),
        (6, "detractor"),
        (7, "passive"),
        (8, "passive"),
        (9, "promoter"),
        (10, "promoter"),
    ],
)
def test_answers_fall_into_the_standard_nps_groups(score, group):
    assert score_group(score) == group


@pytest.mark.parametrize("score", [-1, 11, 9.5, "9", True, None])
def test_an_answer_outside_0_to_10_is_refused(score):
    with pytest.raises(ValueError, match="0 to 10"):
        NpsCounts.from_scores([9, score])


def test_counts_come_from_scores():
    assert NpsCounts.from_scores([10, 9, 8, 7, 6, 0, 9]) == NpsCounts(3, 2, 2)
    assert NpsCounts.from_scores([]).n == 0


def test_negative_counts_are_refused():
    with pytest.raises(ValueError, match="detractors"):
        NpsCounts(1, 2, -1)


@given(scores, scores)
def test_counts_add_up_across_segments(first, second):
    combined = NpsCounts.from_scores(first) + NpsCounts.from_scores(second)
    assert combined == NpsCounts.from_scores(first + second)
    assert combined.n == len(first) + len(second)


def test_known_nps_and_adjusted_wald_interval():
    result = nps_with_interval(NpsCounts(promoters=10, passives=5, detractors=5))
    assert result.nps == 25.0
    assert (result.n, result.promoters, result.passives, result.detractors) == (20, 50, 25, 25)
    # By hand: n' = 23, p' = 10.75/23, d' = 5.75/23, centre = 5/23,
    # variance = (16.5/23 - (5/23)^2) / 23, margin = 1.959964 * sqrt(variance).
    centre = 5 / 23
    margin = 1.959963984540054 * math.sqrt((16.5 / 23 - centre**2) / 23)
    assert result.low == pytest.approx(100 * (centre - margin))
    assert result.high == pytest.approx(100 * (centre + margin))
    assert result.low == pytest.approx(-11.716, abs=1e-3)
    assert result.high == pytest.approx(55.194, abs=1e-3)


def test_nobody_answering_gives_no_score():
    assert nps_with_interval(NpsCounts()) is None


def test_a_handful_of_promoters_scores_100_but_the_interval_stays_wide():
    result = nps_with_interval(NpsCounts(promoters=5))
    assert result.nps == 100.0
    assert result.high == 100.0
    assert result.low == pytest.approx(17.49, abs=0.01)


def test_a_single_answer_leaves_its_own_score_outside_the_interval():
    # The one case where the adjusted interval misses the plain score: n = 1 at 95%.
    promoter = nps_with_interval(NpsCounts(promoters=1))
    assert promoter.nps == 100.0
    assert promoter.high == pytest.approx(98.50, abs=0.01) and promoter.high < 100
    detractor = nps_with_interval(NpsCounts(detractors=1))
    assert detractor.low == pytest.approx(-promoter.high)


def test_a_higher_confidence_gives_a_wider_interval():
    counts = NpsCounts(12, 6, 4)
    ninety, ninety_five, ninety_nine = (nps_with_interval(counts, c) for c in (0.90, 0.95, 0.99))
    assert ninety_nine.low < ninety_five.low < ninety.low
    assert ninety.high < ninety_five.high < ninety_nine.high
    assert ninety.confidence == 0.90


@pytest.mark.parametrize("confidence", [0, 1, 95, -0.5])
def test_a_confidence_outside_0_to_1_is_refused(confidence):
    with pytest.raises(ValueError, match="confidence"):
        nps_with_interval(NpsCounts(1, 1, 1), confidence)


@given(nonempty_counts, st.sampled_from([0.8, 0.9, 0.95, 0.99]))
def test_score_and_bounds_always_lie_within_minus_100_and_100(counts, confidence):
    result = nps_with_interval(counts, confidence)
    assert -100 <= result.low <= result.high <= 100
    assert -100 <= result.nps <= 100
    assert result.promoters + result.passives + result.detractors == pytest.approx(100)
    assert result.nps == pytest.approx(result.promoters - result.detractors)


def test_the_interval_holds_the_plain_score_from_two_answers_up_exhaustively():
    for n in range(2, 61):
        for promoters in range(n + 1):
            for detractors in range(n + 1 - promoters):
                result = nps_with_interval(
                    NpsCounts(promoters, n - promoters - detractors, detractors)
                )
                assert result.low <= result.nps <= result.high, (promoters, detractors, n)


@given(nonempty_counts.filter(lambda c: c.n >= 2))
def test_the_interval_holds_the_plain_score_from_two_answers_up(counts):
    result = nps_with_interval(counts)
    assert result.low <= result.nps <= result.high


@given(nonempty_counts.filter(lambda c: c.n <= 500), st.integers(1, 20))
def test_the_interval_narrows_as_the_same_mix_of_answers_grows(counts, factor):
    def scaled(m):
        return NpsCounts(counts.promoters * m, counts.passives * m, counts.detractors * m)

    smaller, larger = nps_with_interval(scaled(factor)), nps_with_interval(scaled(factor + 1))
    assert larger.nps == pytest.approx(smaller.nps)
    assert larger.high - larger.low <= smaller.high - smaller.low + 1e-9


def test_agreement_summary_of_a_five_point_question():
    result = agreement_summary({1: 1, 2: 1, 3: 2, 4: 3, 5: 3})
    assert result == AgreementResult(n=10, agree=60.0, neutral=20.0, disagree=20.0, mean=3.6)


def test_agreement_levels_nobody_chose_may_be_left_out():
    result = agreement_summary({5: 4})
    assert (result.n, result.agree, result.disagree, result.mean) == (4, 100.0, 0.0, 5.0)


def test_agreement_with_no_answers_gives_no_summary():
    assert agreement_summary({}) is None
    assert agreement_summary({1: 0, 5: 0}) is None


@pytest.mark.parametrize("bad", [{0: 1}, {6: 1}, {3: -1}, {3: 1.5}])
def test_agreement_refuses_levels_outside_1_to_5_and_bad_counts(bad):
    with pytest.raises(ValueError):
        agreement_summary(bad)


@given(st.dictionaries(st.integers(1, 5), st.integers(0, 1_000), min_size=1))
def test_agreement_shares_add_to_100_and_mean_stays_on_the_scale(counts_by_level):
    result = agreement_summary(counts_by_level)
    if sum(counts_by_level.values()) == 0:
        assert result is None
        return
    assert result.agree + result.neutral + result.disagree == pytest.approx(100)
    assert 1 <= result.mean <= 5
