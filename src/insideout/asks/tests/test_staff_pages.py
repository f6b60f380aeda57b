"""Centre staff's pages for asks: queues, triage and its rules, and the scorecard's ask figures."""

import datetime

import pytest
from django.utils import timezone

from insideout.asks import service_levels, services
from insideout.asks.lifecycle import perform
from insideout.asks.models import Ask, Status, TriageRule
from insideout.asks.queues import late_asks
from insideout.vocabulary import Role
from tests.factories import person_with_role, raised_ago


@pytest.fixture
def old_ask(doer_lead, school, unit):
    """Raised a fortnight ago and never acknowledged: late."""
    ask = services.raise_ask(
        by=doer_lead,
        organisation=school,
        title="Help with attendance data",
        category="knowledge",
        suggested_unit=unit,
    )
    return raised_ago(ask, datetime.timedelta(days=14))


@pytest.fixture
def new_ask(doer_member, school, unit):
    return services.raise_ask(
        by=doer_member,
        organisation=school,
        title="A new smartboard",
        category="infrastructure",
        suggested_unit=unit,
    )


def test_the_queue_shows_open_asks_oldest_first_with_late_tags(
    client, centre_officer, unit, old_ask, new_ask
):
    client.force_login(centre_officer)
    page = client.get(f"/asks/units/{unit.pk}/")
    rows = page.context["rows"]
    assert [r.ask for r in rows] == [old_ask, new_ask]
    assert (rows[0].late, rows[1].late) == ("acknowledge", "")
    body = page.content.decode()
    assert "1 late" in body and "Moorside Primary School" in body
    assert rows[0].ask.supporter_count == 1
    late_only = client.get(f"/asks/units/{unit.pk}/?status=late").context["rows"]
    assert [r.ask for r in late_only] == [old_ask]


def test_the_queue_is_for_the_units_staff(client, unit, other_unit, analyst, doer_lead):
    outsider = person_with_role(Role.CENTRE_OFFICER, centre_unit=other_unit)
    client.force_login(outsider)
    assert client.get(f"/asks/units/{unit.pk}/").status_code == 403
    client.force_login(analyst)
    assert client.get(f"/asks/units/{unit.pk}/").status_code == 200
    client.force_login(doer_lead)
    assert client.get(f"/asks/units/{unit.pk}/").status_code == 403


def test_staff_see_their_queues_with_counts(client, centre_lead, unit, old_ask, new_ask):
    client.force_login(centre_lead)
    home = client.get("/asks/")
    queue = next(q for q in home.context["queues"] if q.unit == unit)
    assert (queue.open, queue.awaiting, queue.late) == (2, 2, 1)
    assert "Triage" in home.content.decode()


def test_late_asks_counts_what_breaches_lists(old_ask, new_ask, centre_officer):
    perform(new_ask, "acknowledge", centre_officer)
    later = timezone.now() + datetime.timedelta(days=35)  # infrastructure: 20 working days
    listed = {b.ask.pk for b in service_levels.breaches(Ask.objects.all(), later)}
    assert set(late_asks(Ask.objects.all(), later).values_list("pk", flat=True)) == listed
    assert listed == {old_ask.pk, new_ask.pk}


def test_a_centre_lead_routes_an_ask_from_triage(
    client, centre_lead, doer_lead, school, other_unit
):
    stray = services.raise_ask(
        by=doer_lead, organisation=school, title="Something unusual", category="other"
    )
    client.force_login(centre_lead)
    page = client.get("/asks/triage/").content.decode()
    assert stray.title in page and f'id="id_{stray.pk}_route-unit"' in page
    done = client.post(
        f"/asks/{stray.pk}/route/", {"route-unit": other_unit.pk, "next": "/asks/triage/"}
    )
    assert done["Location"] == "/asks/triage/"
    assert Ask.objects.get(pk=stray.pk).unit == other_unit


def test_officers_do_not_triage(client, centre_officer):
    client.force_login(centre_officer)
    assert client.get("/asks/triage/").status_code == 403
    assert client.get("/asks/triage/rules/").status_code == 403


def test_a_centre_lead_adds_changes_and_switches_off_a_rule(
    client, centre_lead, unit, doer_lead, school
):
    client.force_login(centre_lead)
    empty = client.post("/asks/triage/rules/", {"position": 1, "unit": unit.pk, "is_active": "on"})
    assert "A rule needs at least one condition" in empty.content.decode()
    client.post(
        "/asks/triage/rules/",
        {"position": 1, "unit": unit.pk, "keywords": "boiler", "is_active": "on"},
    )
    rule = TriageRule.objects.get()
    assert rule.created_by == centre_lead
    routed = services.raise_ask(
        by=doer_lead, organisation=school, title="Our boiler", category="infrastructure"
    )
    assert routed.unit == unit
    client.post(
        "/asks/triage/rules/",
        {
            "rule": rule.pk,
            "position": 2,
            "unit": unit.pk,
            "keywords": "boiler, roof",
            "is_active": "on",
        },
    )
    assert TriageRule.objects.get().keyword_list == ["boiler", "roof"]
    client.post("/asks/triage/rules/", {"toggle": rule.pk})
    assert not TriageRule.objects.get().is_active
    assert "mentions boiler, roof" in client.get("/asks/triage/rules/").content.decode()


def test_the_unit_scorecard_shows_what_it_did_with_asks(
    client, centre_officer, unit, new_ask, doer_member
):
    perform(
        new_ask,
        "commit",
        centre_officer,
        commitment="A board",
        due_on=timezone.localdate() + datetime.timedelta(days=5),
    )
    perform(new_ask, "deliver", centre_officer, note="Installed")
    perform(new_ask, "confirm", doer_member, verdict="yes")
    client.force_login(centre_officer)
    page = client.get(f"/scorecard/units/{unit.pk}/")
    assert page.context["asks"].delivered == 1
    body = page.content.decode()
    assert "What School Funding Unit did with the doers’ asks" in body
    assert "Confirmed helpful" in body and "Median days to delivery" in body
    assert f"/asks/units/{unit.pk}/" in body


def test_a_unit_that_never_delivers_shows_on_the_league(client, centre_officer, unit, old_ask):
    from tests.conftest import make_pulse

    pulse = make_pulse(centre_officer, unit, "Autumn pulse")
    pulse.status = pulse.Status.CLOSED  # the league adds up closed pulses only
    pulse.save()
    client.force_login(centre_officer)
    league = client.get("/scorecard/")
    entry = next(e for e in league.context["table"] if e.unit == unit)
    assert (entry.asks.received, entry.asks.delivered) == (1, 0)
    assert "What each unit did with the doers’ asks" in league.content.decode()
    assert Ask.objects.get(pk=old_ask.pk).status == Status.RAISED


def test_the_queue_sorts_by_urgency_supporters_and_what_falls_due_first(
    client, centre_officer, unit, old_ask, new_ask, other_school
):
    Ask.objects.filter(pk=new_ask.pk).update(urgency="high")
    Ask.objects.filter(pk=old_ask.pk).update(urgency="low")
    services.join(new_ask, person_with_role(Role.DOER_LEAD, organisation=other_school))
    client.force_login(centre_officer)

    def order(sort: str) -> list[Ask]:
        return [r.ask for r in client.get(f"/asks/units/{unit.pk}/?sort={sort}").context["rows"]]

    assert order("") == [old_ask, new_ask]  # oldest first
    assert order("urgency") == [new_ask, old_ask]
    assert order("supporters") == [new_ask, old_ask]
    assert order("due") == [old_ask, new_ask]  # its acknowledgement fell due a week ago
