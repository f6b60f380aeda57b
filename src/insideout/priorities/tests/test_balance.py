"""The four quadrants of mandate and demand: plain numbers."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from insideout.priorities import balance
from insideout.priorities.balance import ALIGNED, DEMAND_ONLY, MANDATE_ONLY, NEITHER


def test_each_priority_falls_in_the_quadrant_its_weight_and_demand_put_it_in():
    line = balance.cuts([40, 30, 20, 10], [50, 2, 40, 3], k=5)
    assert line.mandate == 25
    assert line.demand == 24  # the average of 50, 2, 40 and 3
    assert balance.quadrant(40, 50, line) == ALIGNED
    assert balance.quadrant(30, 2, line) == MANDATE_ONLY
    assert balance.quadrant(20, 40, line) == DEMAND_ONLY
    assert balance.quadrant(10, 3, line) == NEITHER


def test_a_need_no_priority_owns_has_no_mandate_however_many_ask():
    line = balance.cuts([10, 10], [5, 5], k=5)
    assert balance.quadrant(0, 500, line) == DEMAND_ONLY
    assert balance.quadrant(0, 1, line) == NEITHER


def test_demand_is_never_fewer_doers_than_the_anonymity_threshold():
    line = balance.cuts([10, 10], [1, 2], k=5)
    assert line.demand == 5
    assert balance.quadrant(10, 4, line) == MANDATE_ONLY


def test_a_count_too_small_to_show_counts_as_no_demand():
    line = balance.cuts([10, 10], [None, 20], k=5)
    assert line.demand == 10
    assert balance.quadrant(10, None, line) == MANDATE_ONLY


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    priorities=st.lists(
        st.tuples(st.integers(1, 100), st.integers(0, 1000)), min_size=1, max_size=12
    ),
    k=st.integers(1, 20),
)
def test_the_heaviest_priority_always_has_mandate_and_the_most_asked_for_demand_if_above_k(
    priorities, k
):
    weights = [w for w, _ in priorities]
    doers = [d for _, d in priorities]
    line = balance.cuts(weights, doers, k)
    heaviest = max(weights)
    assert balance.quadrant(heaviest, doers[weights.index(heaviest)], line) in (
        ALIGNED,
        MANDATE_ONLY,
    )
    most = max(doers)
    if most >= k:
        assert balance.quadrant(weights[doers.index(most)], most, line) in (ALIGNED, DEMAND_ONLY)
