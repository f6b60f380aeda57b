"""Priorities for the tests, and the department's leadership."""

import pytest

from insideout.directory.models import CentreUnit
from insideout.priorities.models import Priority
from insideout.vocabulary import Role
from tests.factories import CentreUnitFactory, person_with_role


@pytest.fixture
def permanent_secretary(db):
    department = CentreUnitFactory(name="The Department", kind=CentreUnit.Kind.DEPARTMENT)
    return person_with_role(
        Role.CENTRE_LEAD, centre_unit=department, full_name="Pat Permanent-Secretary"
    )


@pytest.fixture
def make_priority(unit):
    def make(**fields) -> Priority:
        defaults = {
            "title": "Every child reads well by age 11",
            "statement": "Phonics, reading for pleasure and libraries in every primary school.",
            "owner_unit": unit,
            "weight": 30,
            "categories": ["training"],
        }
        return Priority.objects.create(**{**defaults, **fields})

    return make
