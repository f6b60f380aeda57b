import datetime

import pytest
from django.utils import timezone

from insideout.directory.models import Role
from insideout.pulses.models import Pulse, Question
from tests.factories import CentreUnitFactory, OrganisationFactory, person_with_role


@pytest.fixture
def units(db):
    return [CentreUnitFactory(name=name) for name in
            ("School Funding", "Teacher Development", "Estates and Infrastructure")]


@pytest.fixture
def doers(db):
    """Twelve doers: six at schools in London, three at GP practices, three at schools up north."""
    people = []
    for i in range(6):
        org = OrganisationFactory(type="school", region="E12000007")
        people.append(person_with_role(Role.DOER_LEAD, organisation=org, full_name=f"Head {i}"))
    for i in range(3):
        org = OrganisationFactory(type="gp_practice", region="E12000007")
        people.append(person_with_role(Role.DOER_LEAD, organisation=org, full_name=f"GP {i}"))
    for i in range(3):
        org = OrganisationFactory(type="school", region="E12000001")
        people.append(person_with_role(Role.DOER_MEMBER, organisation=org,
                                       full_name=f"Teacher {i}"))
    return people


@pytest.fixture
def make_pulse(units, centre_lead):
    def make(**fields) -> Pulse:
        today = timezone.localdate()
        defaults = {"title": "Autumn pulse", "opens_on": today,
                    "closes_on": today + datetime.timedelta(days=14), "created_by": centre_lead}
        pulse = Pulse.objects.create(**{**defaults, **fields})
        pulse.units.set(units)
        for position, question in enumerate(Question.objects.filter(is_standard=True)):
            pulse.pulse_questions.create(question=question, position=position)
        return pulse

    return make


@pytest.fixture
def question():
    return {q.code: q for q in Question.objects.filter(is_standard=True)}
