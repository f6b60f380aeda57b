"""Each role lands on what it should see first, not on directory counts."""

import datetime

import pytest
from django.utils import timezone

from insideout.asks import services
from insideout.asks.lifecycle import perform
from insideout.directory.models import ImportBatch
from insideout.pulses import services as pulse_services
from tests.factories import raised_ago


@pytest.fixture
def late_ask(doer_lead, school, unit):
    ask = services.raise_ask(
        by=doer_lead, organisation=school, title="Roof leaks", category="money", suggested_unit=unit
    )
    return raised_ago(ask, datetime.timedelta(days=30))


def start_page(client, person) -> str:
    client.force_login(person)
    return client.get("/").content.decode()


def test_a_doer_sees_pulses_waiting_and_asks_needing_an_answer(
    client, doer_lead, school, unit, centre_officer, make_pulse, late_ask
):
    pulse = make_pulse(title="Spring pulse")
    pulse.audience_organisations.set([school])
    pulse_services.launch(pulse)
    perform(
        late_ask,
        "commit",
        centre_officer,
        commitment="A grant",
        due_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    perform(late_ask, "deliver", centre_officer, note="Grant paid")
    page = start_page(client, doer_lead)
    assert "Pulses waiting for your answers" in page and "Spring pulse" in page
    assert "Your asks needing an answer" in page and "Did it help?" in page
    assert "What changed since your last visit" in page and "delivered" in page


def test_an_officer_sees_their_units_queue_and_what_is_late(client, centre_officer, late_ask):
    page = start_page(client, centre_officer)
    assert "Your unit&#x27;s queue" in page and "School Funding Unit" in page
    assert "1 late" in page


def test_a_lead_sees_their_units_score_and_the_triage_queue(client, centre_lead, late_ask):
    page = start_page(client, centre_lead)
    assert "Your unit&#x27;s score" in page and "Not enough answers yet" in page
    assert "The triage queue" in page


def test_an_analyst_sees_exports_and_what_is_new(client, analyst, late_ask):
    page = start_page(client, analyst)
    assert "Exports" in page and "/scorecard/export.csv" in page
    assert "What is new in asks" in page


def test_an_admin_sees_imports_first(client, admin_user):
    ImportBatch.objects.create(
        uploaded_by=admin_user,
        filename="schools.csv",
        content=b"",
        row_count=2344,
        status=ImportBatch.Status.DONE,
    )
    page = start_page(client, admin_user)
    assert page.index("Imports") < page.index("The directory")
    assert "2,344 rows" in page


def test_counts_have_thousands_separators(client, doer_lead):
    page = start_page(client, doer_lead)
    assert "The directory" in page
