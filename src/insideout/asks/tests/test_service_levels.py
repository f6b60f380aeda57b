"""Service levels in working days in England and Wales, restarted on reopening, and a committed
ask late past the date promised; one rule for a page, a queue and the task that flags them."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from insideout.asks import service_levels, services
from insideout.asks.lifecycle import perform
from insideout.asks.models import Ask, AskEvent, ServiceLevel
from insideout.asks.service_levels import add_working_days, is_working_day, late_asks
from tests.factories import raised_ago

LONDON = ZoneInfo("Europe/London")


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def test_a_working_day_is_a_weekday_that_is_not_a_bank_holiday():
    assert is_working_day(datetime.date(2026, 12, 24))
    assert not is_working_day(datetime.date(2026, 12, 25))  # Christmas Day
    assert not is_working_day(datetime.date(2026, 12, 28))  # Boxing Day, observed on Monday
    assert not is_working_day(datetime.date(2026, 12, 26))  # a Saturday
    assert not is_working_day(datetime.date(2027, 3, 29))  # Easter Monday


def test_two_working_days_skip_the_weekend_and_christmas():
    # Raised on Thursday 24 December 2026 at 10:00: 25, 26, 27 and 28 are not working days.
    assert add_working_days(at(2026, 12, 24, 10, 0), 2) == at(2026, 12, 30, 10, 0)
    # Raised on a Friday: due the Tuesday after, at the same time.
    assert add_working_days(at(2026, 11, 6, 15, 30), 2) == at(2026, 11, 10, 15, 30)


def test_raised_on_a_weekend_the_clock_starts_on_monday_morning():
    assert add_working_days(at(2026, 11, 7, 20, 0), 2) == at(2026, 11, 11, 0, 0)


@settings(max_examples=200, deadline=None)
@given(
    start=st.datetimes(
        min_value=datetime.datetime(2026, 1, 1), max_value=datetime.datetime(2028, 12, 31)
    ),
    days=st.integers(min_value=1, max_value=30),
)
def test_the_due_day_is_exactly_so_many_working_days_on(start, days):
    start = start.replace(tzinfo=LONDON)
    due = timezone.localtime(add_working_days(start, days), LONDON)
    assert is_working_day(due.date())
    first = start.date()
    while not is_working_day(first):  # a weekend or a bank holiday counts from the next
        first += datetime.timedelta(days=1)
    between = [first + datetime.timedelta(days=n) for n in range(1, (due.date() - first).days + 1)]
    assert sum(is_working_day(day) for day in between) == days


@pytest.fixture
def ask(doer_lead, school, unit):
    return services.raise_ask(
        by=doer_lead, organisation=school, title="Roof leaks", category="money", suggested_unit=unit
    )


def test_an_ask_knows_its_due_dates_from_when_it_was_raised(ask):
    level = ask.service_level()
    assert ask.acknowledge_due_at == add_working_days(ask.raised_at, level.days_to_acknowledge)
    assert ask.decide_due_at == add_working_days(ask.raised_at, level.days_to_decide)


def test_a_reopened_ask_gets_its_service_level_afresh(ask, centre_officer, doer_lead):
    raised_ago(ask, datetime.timedelta(days=40))
    perform(ask, "commit", centre_officer, commitment="Grant", due_on=timezone.localdate())
    perform(ask, "deliver", centre_officer, note="Paid")
    ask = perform(ask, "reopen", doer_lead, note="Only half the roof")
    assert not late_asks(Ask.objects.filter(pk=ask.pk)).exists()
    assert ask.acknowledge_due_at > timezone.now()
    later = timezone.now() + datetime.timedelta(days=7)
    assert service_levels.late_targets(ask, later) == {"acknowledge"}


def test_a_committed_ask_is_late_once_its_deliver_by_date_has_passed(ask, centre_officer):
    perform(ask, "commit", centre_officer, commitment="Grant", due_on=timezone.localdate())
    assert not late_asks(Ask.objects.filter(pk=ask.pk)).exists()
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    [breach] = service_levels.breaches(Ask.objects.filter(pk=ask.pk), tomorrow)
    assert breach.what == "deliver"
    assert "Not delivered by" in service_levels.breach_note(breach)


def test_a_missed_delivery_date_is_flagged_to_the_unit_once(
    ask, centre_officer, django_capture_on_commit_callbacks, mailoutbox
):
    perform(ask, "commit", centre_officer, commitment="Grant", due_on=timezone.localdate())
    later = timezone.now() + datetime.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        assert service_levels.flag_breaches(later) == 1
        assert service_levels.flag_breaches(later) == 0
    event = ask.events.get(kind=AskEvent.Kind.SLA_BREACHED)
    assert event.missed_target == "deliver"
    assert any(m.subject == f"Service level missed: {ask.reference}" for m in mailoutbox)


def test_the_page_the_queue_and_the_task_agree_on_what_is_late(ask, centre_officer, client, unit):
    raised_ago(ask, datetime.timedelta(days=20))
    client.force_login(centre_officer)
    page = client.get(f"/asks/{ask.pk}/").content.decode()
    assert "Late" in page
    queue = client.get(f"/asks/units/{unit.pk}/").content.decode()
    assert "1 late" in queue
    assert [b.ask.pk for b in service_levels.breaches(Ask.objects.all())] == [ask.pk]


def test_changing_a_level_moves_the_due_dates_of_asks_not_yet_decided(
    ask, doer_lead, school, unit, centre_officer, admin_client
):
    committed = services.raise_ask(
        by=doer_lead, organisation=school, title="Boiler", category="money", suggested_unit=unit
    )
    promised = timezone.localdate() + datetime.timedelta(days=30)
    perform(committed, "commit", centre_officer, commitment="Grant", due_on=promised)
    other = services.raise_ask(
        by=doer_lead, organisation=school, title="Course", category="training", suggested_unit=unit
    )
    before = (other.acknowledge_due_at, other.decide_due_at)

    level, _ = ServiceLevel.objects.get_or_create(category="money")
    response = admin_client.post(
        f"/admin/asks/servicelevel/{level.pk}/change/",
        {"category": "money", "days_to_acknowledge": 1, "days_to_decide": 3},
        follow=True,
    )

    assert "Due dates moved on 1 open ask." in response.content.decode()
    ask.refresh_from_db()
    assert ask.acknowledge_due_at == add_working_days(ask.clock_started_at, 1)
    assert ask.decide_due_at == add_working_days(ask.clock_started_at, 3)
    committed.refresh_from_db()
    assert committed.due_on == promised
    other.refresh_from_db()
    assert (other.acknowledge_due_at, other.decide_due_at) == before


def test_deleting_a_level_puts_its_asks_back_on_the_default(ask, admin_client):
    level, _ = ServiceLevel.objects.get_or_create(category="money")
    level.days_to_decide = 20
    level.save()
    service_levels.apply_level(level)
    ask.refresh_from_db()
    assert ask.decide_due_at == add_working_days(ask.clock_started_at, 20)

    admin_client.post(f"/admin/asks/servicelevel/{level.pk}/delete/", {"post": "yes"})

    ask.refresh_from_db()
    default = ServiceLevel(category="money")
    assert ask.decide_due_at == add_working_days(ask.clock_started_at, default.days_to_decide)
