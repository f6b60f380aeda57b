"""The export's quick schema check gives the official validator's answer, object by object."""

import uuid

from hypothesis import given, settings
from hypothesis import strategies as st

from insideout.catalogue.hsds.spec import TABLES
from insideout.catalogue.hsds.validation import _rules, shallow_valid, shallow_validator

KINDS = sorted(TABLES)
values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["", "x", "active", "physical", "email@example.com", "not an email"]),
    st.uuids().map(str),
    st.just(str(uuid.uuid4()).upper()),
    st.lists(st.one_of(st.just({}), st.integers()), max_size=2),
    st.just({}),
)


@st.composite
def documents(draw):
    kind = draw(st.sampled_from(KINDS))
    required, rules = _rules(kind)
    names = sorted(rules)
    chosen = draw(st.lists(st.sampled_from(names), max_size=6, unique=True))
    document = {name: draw(values) for name in chosen}
    for name in required:
        if draw(st.integers(0, 9)):
            document.setdefault(name, str(uuid.uuid4()) if name == "id" else "text")
    if draw(st.booleans()):
        document["an_extension"] = draw(values)
    return kind, document


@settings(max_examples=400, deadline=None)
@given(documents())
def test_the_quick_check_agrees_with_the_official_validator(found):
    kind, document = found
    assert shallow_valid(kind, document) == shallow_validator(kind).is_valid(document)
