"""Real requests at the same moment, each thread with its own database connection and its own
transaction: merges both ways, merge chains, joins racing a withdrawal, and decisions. On
PostgreSQL the rows are locked; on SQLite the writing transactions queue. Either way: no server
error, no cycle, no lost supporter, every change in the audit trail exactly once."""

import pytest

from insideout.asks import services
from insideout.asks.models import OPEN_STATUSES, Ask, AskEvent, Status, Supporter
from insideout.vocabulary import Role
from tests.factories import OrganisationFactory, person_with_role
from tests.races import at_once, bearer

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


def doer(n: int):
    school = OrganisationFactory(name=f"School {n}")
    return person_with_role(Role.DOER_LEAD, organisation=school, full_name=f"Head {n}"), school


def ask_with_supporters(unit, n: int, supporters: int = 2) -> Ask:
    """An ask raised by one doer and joined by others, each a different organisation."""
    raiser, school = doer(n * 100)
    ask = services.raise_ask(
        by=raiser, organisation=school, title=f"Need {n}", category="money", suggested_unit=unit
    )
    for k in range(1, supporters):
        assert services.join(ask, doer(n * 100 + k)[0])
    return ask


def supporters_of(ask: Ask) -> set[int]:
    return set(Supporter.objects.filter(ask=ask).values_list("person_id", flat=True))


def merge(ask: Ask, into: Ask, headers: dict) -> tuple[str, dict, dict]:
    return (f"/asks/{ask.pk}/transitions", {"action": "merge", "into_id": into.pk}, headers)


def test_merging_two_asks_into_each_other_at_once_merges_one_never_both(
    unit, centre_officer, centre_lead
):
    pairs = [
        (ask_with_supporters(unit, 2 * n), ask_with_supporters(unit, 2 * n + 1)) for n in range(6)
    ]
    before = {ask.pk: supporters_of(ask) for pair in pairs for ask in pair}
    officer, lead = bearer(centre_officer), bearer(centre_lead)

    statuses = at_once(
        [merge(a, b, officer) for a, b in pairs] + [merge(b, a, lead) for a, b in pairs]
    )

    assert sorted(statuses) == [200] * 6 + [400] * 6, statuses
    for a, b in pairs:
        a.refresh_from_db(), b.refresh_from_db()
        merged, kept = (a, b) if a.status == Status.MERGED else (b, a)
        assert merged.merged_into_id == kept.pk
        assert kept.status in OPEN_STATUSES and kept.merged_into_id is None  # no cycle
        assert supporters_of(kept) == before[a.pk] | before[b.pk]
        assert merged.events.filter(kind=AskEvent.Kind.MERGED).count() == 1
        assert kept.events.filter(kind=AskEvent.Kind.MERGED).count() == 1  # "merged in"


def test_a_chain_of_merges_at_once_loses_no_supporter_and_ends_at_an_open_ask(unit, centre_officer):
    x, y = ask_with_supporters(unit, 1, supporters=3), ask_with_supporters(unit, 2, supporters=3)
    into_x = [ask_with_supporters(unit, 10 + n, supporters=4) for n in range(10)]
    everyone = supporters_of(x) | supporters_of(y)
    for ask in into_x:
        everyone |= supporters_of(ask)
    headers = bearer(centre_officer)

    statuses = at_once([merge(x, y, headers)] + [merge(ask, x, headers) for ask in into_x])

    assert set(statuses) <= {200, 400}, statuses
    for ask in Ask.objects.all():
        end = ask
        while end.merged_into_id is not None:  # every chain ends at an open ask
            end = end.merged_into
        assert end.status in OPEN_STATUSES
        assert supporters_of(ask) <= supporters_of(end), f"{ask.reference} lost supporters"
    merged_into_x = [ask for ask in into_x if Ask.objects.get(pk=ask.pk).status == Status.MERGED]
    expected = supporters_of(y) | supporters_of(x)
    for ask in merged_into_x:
        expected |= supporters_of(ask)
    assert supporters_of(y) == expected
    # Refused merges left their asks open and untouched; only X merged into Y.
    assert statuses.count(200) == 1 + len(merged_into_x)
    for ask in into_x:
        ask.refresh_from_db()
        assert ask.status in OPEN_STATUSES or ask.merged_into_id == x.pk
        assert ask.events.filter(kind=AskEvent.Kind.MERGED).count() == (
            1 if ask.status == Status.MERGED else 0
        )
    assert x.events.filter(kind=AskEvent.Kind.MERGED).count() == 1 + len(merged_into_x)


def test_me_too_racing_a_withdrawal_never_records_a_supporter_after_it(unit):
    ask = ask_with_supporters(unit, 1, supporters=1)
    raiser = ask.raised_by
    joiners = [doer(1000 + n)[0] for n in range(12)]
    requests = [(f"/asks/{ask.pk}/supporters", {}, bearer(person)) for person in joiners]
    requests.insert(6, (f"/asks/{ask.pk}/transitions", {"action": "withdraw"}, bearer(raiser)))

    statuses = at_once(requests)

    assert set(statuses) <= {200, 201, 409}, statuses
    ask.refresh_from_db()
    assert ask.status == Status.WITHDRAWN
    withdrawn = ask.events.get(kind=AskEvent.Kind.WITHDRAWN)
    joins = ask.events.filter(kind=AskEvent.Kind.JOINED)
    assert all(join.pk < withdrawn.pk for join in joins)
    assert supporters_of(ask) == {raiser.pk} | {join.actor_id for join in joins}
    assert statuses.count(201) == joins.count()
    assert statuses.count(409) == len(joiners) - joins.count()


def test_the_same_doer_joining_twice_at_once_is_recorded_once(unit):
    ask = ask_with_supporters(unit, 1, supporters=1)
    joiner, _ = doer(2000)
    headers = bearer(joiner)

    statuses = at_once([(f"/asks/{ask.pk}/supporters", {}, headers)] * 6)

    assert sorted(statuses) == [200] * 5 + [201]
    assert ask.events.filter(kind=AskEvent.Kind.JOINED, actor=joiner).count() == 1
    assert Supporter.objects.filter(ask=ask, person=joiner).count() == 1
