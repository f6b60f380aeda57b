"""Mandate beside demand, from real asks, answers and requirements; and the leadership page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from insideout.asks.models import Supporter
from insideout.asks.services import raise_ask
from insideout.burdens.models import Requirement
from insideout.directory.models import Organisation
from insideout.priorities import bottom_up, services
from insideout.priorities.balance import ALIGNED, DEMAND_ONLY, MANDATE_ONLY, NEITHER
from insideout.priorities.kinds import kinds
from insideout.vocabulary import Role
from tests.factories import OrganisationFactory, person_with_role


def shared_ask(title: str, organisations: int, unit, category="training"):
    """An ask raised by one school and shared by others: `organisations` doers in all."""
    schools = [OrganisationFactory(type="school") for _ in range(organisations)]
    people = [person_with_role(Role.DOER_LEAD, organisation=s) for s in schools]
    ask = raise_ask(
        by=people[0], organisation=schools[0], title=title, category=category, suggested_unit=unit
    )
    for person, school in zip(people[1:], schools[1:], strict=True):
        Supporter.objects.create(ask=ask, person=person, organisation=school)
    return ask


@pytest.fixture
def four_priorities(make_priority, permanent_secretary, unit):
    reading = make_priority(title="Reading", weight=40)
    waits = make_priority(title="Shorter waits", weight=40, categories=["infrastructure"])
    paperwork = make_priority(title="Less paperwork", weight=10, categories=["fewer_burdens"])
    parks = make_priority(title="Parks", weight=10, categories=["money"])
    admin = permanent_secretary
    ask = kinds()["ask"]
    services.link(admin, reading, ask, shared_ask("Phonics training", 30, unit))
    services.link(admin, paperwork, ask, shared_ask("One funding return", 30, unit))
    services.link(admin, waits, ask, shared_ask("Theatre time", 2, unit))
    return reading, waits, paperwork, parks


def test_each_priority_is_placed_by_its_weight_and_how_many_doers_ask(four_priorities, unit):
    reading, waits, paperwork, parks = four_priorities
    shared_ask("Money for a new boiler", 40, unit, category="money")  # under no priority
    found = bottom_up.standings()
    placed = {s.priority.title: (s.quadrant, s.doers) for s in found.standings}
    assert placed == {
        "Reading": (ALIGNED, 30),
        "Shorter waits": (MANDATE_ONLY, None),  # 2 doers: too few to show
        "Less paperwork": (DEMAND_ONLY, 30),
        "Parks": (NEITHER, 0),
    }
    boiler = found.unowned[0]
    assert (boiler.ask.title, boiler.doers, boiler.quadrant) == (
        "Money for a new boiler",
        40,
        DEMAND_ONLY,
    )


def test_burden_imposed_in_a_priorities_name_is_counted_beside_it(
    four_priorities, permanent_secretary, unit
):
    reading = four_priorities[0]
    for _ in range(3):
        OrganisationFactory(type="school")
    today = timezone.localdate()
    census = Requirement.objects.create(
        title="Phonics check",
        kind="data_request",
        owner_unit=unit,
        frequency="annual",
        first_due_on=today + datetime.timedelta(days=20),
        starts_on=today,
        estimated_hours=3,
        state="active",
        audience_types=["school"],
    )
    services.link(permanent_secretary, reading, kinds()["requirement"], census)
    standing = next(s for s in bottom_up.standings().standings if s.priority == reading)
    assert standing.hours == 3 * Organisation.objects.filter(type="school").count()


def test_leadership_sees_the_turned_telescope_on_one_page(
    client, four_priorities, permanent_secretary
):
    client.force_login(permanent_secretary)
    page = client.get(reverse("priorities:overview")).content.decode()
    for words in ("How useful the doers find us", "Hours a year, estimated", "Mandate and demand"):
        assert words in page
    assert "Reading" in page and "Less paperwork" in page
    start = client.get(reverse("home:start")).content.decode()
    assert "Leadership overview" in start


def test_every_number_on_the_overview_links_to_its_detail(
    client, four_priorities, permanent_secretary
):
    import re

    client.force_login(permanent_secretary)
    page = client.get(reverse("priorities:overview")).content.decode()
    figures = re.findall(r'<(\w+) class="[^"]*insideout-figure__value"([^>]*)>([^<]*)<', page)
    shown = [(tag, attributes) for tag, attributes, value in figures if value.strip() != "–"]
    assert shown and all(tag == "a" and "href=" in attributes for tag, attributes in shown)
