"""The short list for a need, tested on plain values: who is suggested, in what order, and why."""

import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from insideout.catalogue.matching import NeedFacts, ServiceFacts, ServiceIndex, short_list
from insideout.language.similarity import TextIndex

LEEDS, SHEFFIELD, YORKSHIRE, PLYMOUTH = "E08000035", "E08000019", "E12000003", "E06000026"
LEEDS_CENTRE = (53.800, -1.549)


def service(name: str, **facts) -> ServiceFacts:
    defaults = {
        "id": uuid.uuid4(),
        "name": name,
        "text": name,
        "categories": frozenset({"housing"}),
        "area_codes": frozenset({LEEDS}),
        "capacity_status": "capacity",
    }
    return ServiceFacts(**{**defaults, **facts})


def need(**facts) -> NeedFacts:
    defaults = {"category": "housing", "text": "", "local_authority": LEEDS}
    return NeedFacts(**{**defaults, **facts})


def names(services, the_need, limit=5) -> list[str]:
    return [s.name for s in short_list(ServiceIndex(services), the_need, limit)]


def test_a_service_for_the_need_in_the_persons_place_is_suggested_with_its_reasons():
    [suggestion] = short_list(
        ServiceIndex([service("Leeds Housing Advice", places_free=4)]), need()
    )
    assert suggestion.reasons == (
        "Helps with housing and homelessness",
        "Serves Leeds",
        "Can take people on now (4 places this week)",
    )


def test_services_of_another_category_or_place_are_left_out():
    services = [
        service("Debt advice", categories=frozenset({"money"})),
        service("Plymouth housing", area_codes=frozenset({PLYMOUTH})),
        service("Leeds housing"),
    ]
    assert names(services, need()) == ["Leeds housing"]


def test_a_service_whose_words_fit_well_is_suggested_from_another_category():
    services = [
        service(
            "Eviction defence",
            text="Eviction defence: help with eviction notices and rent arrears",
            categories=frozenset({"legal"}),
        )
    ]
    found = short_list(ServiceIndex(services), need(text="eviction notice, rent arrears"))
    assert [s.name for s in found] == ["Eviction defence"]
    assert "Its description shares your words: eviction, rent, arrears" in found[0].reasons


def test_capacity_now_ranks_above_a_waiting_list_and_no_capacity_ranks_last():
    services = [
        service("Full", capacity_status="no-capacity"),
        service("Waiting", capacity_status="waitlist", wait_weeks=3),
        service("Open", capacity_status="capacity"),
    ]
    assert names(services, need()) == ["Open", "Waiting", "Full"]
    waiting = short_list(ServiceIndex(services), need())[1]
    assert "Waiting list: about 3 weeks" in waiting.reasons


def test_age_and_eligibility_decide_who_may_use_a_service():
    services = [
        service("Young people's housing", minimum_age=16, maximum_age=25),
        service("Carers' housing", only_for=frozenset({"carers"})),
        service("Anyone's housing"),
    ]
    assert names(services, need(ages=(40, 64))) == ["Anyone's housing"]
    assert set(names(services, need(ages=(16, 24)))) == {
        "Young people's housing",
        "Anyone's housing",
    }
    carer = short_list(
        ServiceIndex(services), need(ages=(40, 64), circumstances=frozenset({"carers"}))
    )
    assert {s.name for s in carer} == {"Carers' housing", "Anyone's housing"}
    assert "For carers" in next(s for s in carer if s.name == "Carers' housing").reasons


def test_regional_national_nearby_and_online_services_reach_the_person():
    services = [
        service("Yorkshire-wide", area_codes=frozenset({YORKSHIRE})),
        service("National", area_codes=frozenset({"E92000001"})),
        service("Near", area_codes=frozenset(), points=((53.80, -1.60),)),
        service("Far", area_codes=frozenset(), points=((50.37, -4.14),)),
        service("Online", area_codes=frozenset(), online=True),
        service("Sheffield only", area_codes=frozenset({SHEFFIELD})),
    ]
    found = {s.name: s.reasons for s in short_list(ServiceIndex(services), need(), limit=10)}
    assert set(found) == {"Yorkshire-wide", "National", "Near", "Online"}
    assert "Covers Yorkshire and The Humber" in found["Yorkshire-wide"]
    assert "Covers all of England" in found["National"]
    assert "About 3 km away" in found["Near"]
    assert "Online or by phone" in found["Online"]


def test_closed_services_are_never_suggested():
    assert names([service("Closed", active=False)], need()) == []


def test_an_empty_catalogue_suggests_nothing():
    assert short_list(ServiceIndex([]), need()) == []


def test_the_text_index_compares_a_query_with_every_text_and_names_the_shared_words():
    index = TextIndex(["Food parcels and a community larder", "Debt and money advice"])
    scores = index.similarities("I need food for my children")
    assert scores[0] > 0 and scores[1] == 0
    assert index.shared_words("I need food for my children", 0) == ["food"]


CATEGORIES = ["housing", "money", "food"]
PLACES = [LEEDS, SHEFFIELD, PLYMOUTH, YORKSHIRE]
STATUSES = ["capacity", "waitlist", "no-capacity", "additional-assessment-required", ""]
services_strategy = st.lists(
    st.builds(
        service,
        name=st.text(alphabet="abcdefgh ", min_size=1, max_size=12),
        categories=st.frozensets(st.sampled_from(CATEGORIES), min_size=1),
        area_codes=st.frozensets(st.sampled_from(PLACES)),
        capacity_status=st.sampled_from(STATUSES),
        minimum_age=st.none() | st.integers(0, 70),
        only_for=st.frozensets(st.sampled_from(["carers", "veterans"]), max_size=1),
        active=st.booleans(),
    ),
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(services=services_strategy, category=st.sampled_from(CATEGORIES), age=st.integers(0, 90))
def test_every_suggestion_may_be_used_reaches_the_person_and_comes_best_first(
    services, category, age
):
    the_need = need(category=category, ages=(age, age))
    found = short_list(ServiceIndex(services), the_need, limit=10)
    by_id = {s.id: s for s in services}
    assert len(found) <= 10
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    for suggestion in found:
        facts = by_id[suggestion.service_id]
        assert facts.active and not facts.only_for
        assert facts.minimum_age is None or facts.minimum_age <= age
        assert facts.area_codes & {LEEDS, YORKSHIRE}
        assert category in facts.categories


def test_a_change_of_capacity_is_patched_into_the_index_and_a_change_of_words_is_not():
    from dataclasses import replace

    open_one = service("Open", capacity_status="capacity")
    full_one = service("Full", capacity_status="no-capacity")
    index = ServiceIndex([open_one, full_one])
    assert index.update([replace(full_one, capacity_status="capacity", places_free=9)])
    assert index.update([replace(open_one, capacity_status="no-capacity")])
    assert names([], need()) == [] and [s.name for s in short_list(index, need())] == [
        "Full",
        "Open",
    ]
    assert "Can take people on now (9 places this week)" in short_list(index, need())[0].reasons
    assert not index.update([replace(open_one, text="Something else entirely")])
    assert index.update([replace(open_one, categories=frozenset({"money"}))])
    assert [s.name for s in short_list(index, need())] == ["Full"]
