"""Setting the mandate, weighing it, measuring it, and linking what belongs to it."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from insideout.asks.services import raise_ask
from insideout.priorities import services
from insideout.priorities.kinds import kinds
from insideout.priorities.models import Link, OutcomeMeasure, Priority


def test_only_leadership_sets_priorities_and_weighs_them(
    permanent_secretary, centre_lead, make_priority, unit
):
    priority = Priority(title="Safer streets", statement="Fewer burglaries", owner_unit=unit)
    with pytest.raises(PermissionDenied):
        services.save_priority(centre_lead, priority)
    services.save_priority(permanent_secretary, priority)
    reading = make_priority()
    with pytest.raises(PermissionDenied):
        services.set_weights(centre_lead, {reading.pk: 50})
    assert services.set_weights(permanent_secretary, {reading.pk: 50, priority.pk: 10}) == 1
    reading.refresh_from_db()
    assert (reading.weight, reading.weight_set_by) == (50, permanent_secretary)
    with pytest.raises(ValidationError):
        services.set_weights(permanent_secretary, {reading.pk: 0})


def test_the_owning_unit_records_its_measures_values_and_a_second_value_replaces_the_first(
    make_priority, centre_officer, doer_lead
):
    reading = make_priority()
    measure = services.save_measure(
        centre_officer,
        OutcomeMeasure(
            priority=reading,
            name="Pupils reading at the expected standard",
            unit_label="per cent",
            direction="higher",
            target=Decimal("90"),
        ),
    )
    month = datetime.date(2026, 9, 1)
    services.record_point(centre_officer, measure, month, Decimal("71"))
    services.record_point(centre_officer, measure, month, Decimal("72.5"))
    assert list(measure.points.values_list("value", flat=True)) == [Decimal("72.5")]
    with pytest.raises(PermissionDenied):
        services.record_point(doer_lead, measure, month, Decimal("99"))


def test_suggestions_come_from_shared_words_and_the_kind_of_help(
    make_priority, doer_lead, school, unit
):
    reading = make_priority()
    phonics = raise_ask(
        by=doer_lead,
        organisation=school,
        title="Training on phonics and reading",
        category="training",
        suggested_unit=unit,
    )
    boiler = raise_ask(
        by=doer_lead,
        organisation=school,
        title="Money for a new boiler",
        category="money",
        suggested_unit=unit,
    )
    suggested = [s.obj for s in services.suggestions(reading) if s.kind.key == "ask"]
    assert suggested == [phonics]
    assert boiler not in suggested
    ranked = services.priorities_for(kinds()["ask"], phonics)
    assert ranked[0][0] == reading


def test_a_suggestion_is_linked_by_its_handle_once(
    make_priority, centre_officer, doer_lead, school, unit
):
    reading = make_priority()
    raise_ask(
        by=doer_lead,
        organisation=school,
        title="Phonics training for reading",
        category="training",
        suggested_unit=unit,
    )
    suggestion = services.suggestions(reading)[0]
    kind, obj = services.target_from(suggestion.handle)
    services.link(centre_officer, reading, kind, obj, Link.How.SUGGESTED)
    assert reading.links.get().target == obj
    with pytest.raises(ValidationError, match="already linked"):
        services.link(centre_officer, reading, kind, obj)
    assert services.suggestions(reading) == []


def test_only_centre_staff_link(make_priority, doer_lead, school, unit):
    reading = make_priority()
    ask = raise_ask(
        by=doer_lead, organisation=school, title="Phonics", category="training", suggested_unit=unit
    )
    with pytest.raises(PermissionDenied):
        services.link(doer_lead, reading, kinds()["ask"], ask)


def test_the_priority_page_links_an_ask_by_its_reference(
    client, make_priority, centre_officer, doer_lead, school, unit
):
    reading = make_priority()
    ask = raise_ask(
        by=doer_lead,
        organisation=school,
        title="Library books",
        category="money",
        suggested_unit=unit,
    )
    client.force_login(centre_officer)
    client.post(
        reverse("priorities:link", args=[reading.pk]), {"kind": "ask", "reference": ask.reference}
    )
    assert reading.links.get().target == ask
    page = client.get(reading.get_absolute_url()).content.decode()
    assert "Library books" in page
    client.force_login(doer_lead)
    assert "Library books" not in client.get(reading.get_absolute_url()).content.decode()


def test_a_service_is_suggested_by_its_words_and_linked_by_hand(make_priority, centre_officer):
    from tests.factories import OrganisationFactory, service_for

    reading = make_priority()
    charity = OrganisationFactory(type="charity")
    tutoring = service_for(
        charity,
        name="Reading recovery",
        categories=("education",),
        description="Phonics and reading for pleasure with volunteers in primary schools.",
    )
    debt = service_for(charity, name="Debt advice", categories=("money",))

    suggested = [s.obj for s in services.suggestions(reading) if s.kind.key == "service"]
    assert tutoring in suggested and debt not in suggested
    services.link(centre_officer, reading, kinds()["service"], tutoring)
    assert reading.links.get().target == tutoring
