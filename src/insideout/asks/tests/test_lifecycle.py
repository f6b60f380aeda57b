import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from insideout.asks import service_levels, services
from insideout.asks.lifecycle import TransitionRefused, available_actions, perform
from insideout.asks.models import Ask, AskEvent, Status, Supporter, TriageRule
from insideout.asks.notifications import send_follow_ups
from insideout.asks.service_levels import flag_breaches
from insideout.vocabulary import Role
from tests.factories import person_with_role


@pytest.fixture
def ask(doer_lead, unit):
    return services.raise_ask(
        by=doer_lead,
        organisation=doer_lead.memberships.get().organisation,
        title="Funding for a new roof",
        category="money",
        suggested_unit=unit,
    )


def next_week():
    return timezone.localdate() + datetime.timedelta(days=7)


def test_an_ask_goes_from_the_doers_words_to_the_doers_verdict(ask, centre_officer, doer_lead):
    perform(ask, "acknowledge", centre_officer)
    perform(ask, "commit", centre_officer, commitment="Emergency capital grant", due_on=next_week())
    perform(ask, "deliver", centre_officer, note="Grant of £40,000 paid")
    ask = perform(ask, "confirm", doer_lead, verdict="yes", note="Roof fixed before winter")
    assert ask.status == Status.CONFIRMED and ask.helped == "yes"
    kinds = list(ask.events.values_list("kind", flat=True))
    assert kinds == ["raised", "acknowledged", "committed", "delivered", "confirmed"]
    assert all(e.actor_id for e in ask.events.all())


def test_a_change_out_of_order_is_refused_with_a_reason(ask, centre_officer):
    with pytest.raises(TransitionRefused, match="cannot be changed that way"):
        perform(ask, "deliver", centre_officer, note="Done")
    assert Ask.objects.get(pk=ask.pk).status == Status.RAISED
    assert ask.events.count() == 1


def test_only_the_owning_unit_can_act(ask, other_unit, doer_member):
    outsider = person_with_role(Role.CENTRE_OFFICER, centre_unit=other_unit)
    with pytest.raises(PermissionDenied):
        perform(ask, "acknowledge", outsider)
    with pytest.raises(PermissionDenied):
        perform(ask, "acknowledge", doer_member)


def test_declining_needs_a_reason_the_doer_can_read(
    ask, centre_officer, django_capture_on_commit_callbacks
):
    with pytest.raises(TransitionRefused):
        perform(ask, "decline", centre_officer, note=" ")
    with django_capture_on_commit_callbacks(execute=True):
        perform(ask, "decline", centre_officer, note="Roofs are funded by the council")
    assert "Roofs are funded by the council" in mail.outbox[-1].body


def test_a_commitment_says_what_and_by_when(ask, centre_officer):
    with pytest.raises(TransitionRefused) as error:
        perform(ask, "commit", centre_officer, commitment="We will look", due_on=None)
    assert "due_on" in error.value.message_dict


def test_passing_on_keeps_every_hop_in_the_trail(ask, centre_officer, other_unit):
    perform(ask, "acknowledge", centre_officer)
    with pytest.raises(TransitionRefused):
        perform(ask, "route", centre_officer, unit=other_unit)  # no note
    ask = perform(ask, "route", centre_officer, unit=other_unit, note="Estates own roofs")
    assert ask.unit == other_unit and ask.status == Status.RAISED
    hop = ask.events.get(kind="routed")
    assert (hop.from_unit, hop.to_unit, hop.note) == (
        centre_officer.memberships.get().centre_unit,
        other_unit,
        "Estates own roofs",
    )


def test_triage_rules_route_new_asks(doer_lead, unit, other_unit, school):
    TriageRule.objects.create(position=1, unit=other_unit, keywords="roof, boiler")
    TriageRule.objects.create(position=2, unit=unit, category="money")
    roof = services.raise_ask(
        by=doer_lead, organisation=school, title="Our boiler broke", category="money"
    )
    cash = services.raise_ask(
        by=doer_lead, organisation=school, title="Cash for trips", category="money"
    )
    other = services.raise_ask(
        by=doer_lead, organisation=school, title="Guidance on SEND", category="knowledge"
    )
    assert (roof.unit, cash.unit, other.unit) == (other_unit, unit, None)


def test_partly_sends_the_ask_back_to_the_unit_with_what_is_missing(ask, centre_officer, doer_lead):
    perform(ask, "commit", centre_officer, commitment="Grant", due_on=next_week())
    perform(ask, "deliver", centre_officer, note="Paid")
    with pytest.raises(TransitionRefused):
        perform(ask, "confirm", doer_lead, verdict="partly")
    ask = perform(ask, "confirm", doer_lead, verdict="partly", note="Only half the roof")
    assert ask.status == Status.REOPENED
    assert ask.helped == "partly"
    assert "acknowledge" in available_actions(centre_officer, ask)


def test_follow_ups_are_sent_weeks_after_delivery_once(
    ask, centre_officer, django_capture_on_commit_callbacks
):
    perform(ask, "commit", centre_officer, commitment="Grant", due_on=next_week())
    perform(ask, "deliver", centre_officer, note="Paid")
    later = timezone.now() + datetime.timedelta(weeks=7)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_follow_ups(later) == 1
        assert send_follow_ups(later) == 0
    assert mail.outbox[-1].subject.startswith("Did it help?")


def test_service_level_breaches_are_flagged_once(ask, django_capture_on_commit_callbacks):
    later = timezone.now() + datetime.timedelta(days=7)  # past 2 working days, even at Easter
    with django_capture_on_commit_callbacks(execute=True):
        assert flag_breaches(later) == 1
        assert flag_breaches(later) == 0
    assert ask.events.filter(kind=AskEvent.Kind.SLA_BREACHED).count() == 1
    assert service_levels.breaches(Ask.objects.all(), later)[0].what == "acknowledge"


def test_me_too_and_merge_keep_everyone(ask, centre_officer, other_school):
    other_head = person_with_role(Role.DOER_LEAD, organisation=other_school)
    assert services.join(ask, other_head) is True
    assert services.join(ask, other_head) is False
    duplicate = services.raise_ask(
        by=other_head,
        organisation=other_school,
        title="Money for roof repairs",
        category="money",
        suggested_unit=ask.unit,
    )
    third = person_with_role(Role.DOER_MEMBER, organisation=other_school)
    services.join(duplicate, third)
    perform(duplicate, "merge", centre_officer, into=ask)
    assert set(Supporter.objects.filter(ask=ask).values_list("person_id", flat=True)) == {
        ask.raised_by_id,
        other_head.pk,
        third.pk,
    }
    assert Ask.objects.get(pk=duplicate.pk).status == Status.MERGED


def test_everyone_who_joined_hears_of_the_outcome(
    ask, centre_officer, other_school, django_capture_on_commit_callbacks
):
    other_head = person_with_role(Role.DOER_LEAD, organisation=other_school)
    services.join(ask, other_head)
    with django_capture_on_commit_callbacks(execute=True):
        perform(ask, "decline", centre_officer, note="Not ours to fund")
    told = {m.to[0] for m in mail.outbox}
    assert {ask.raised_by.email, other_head.email} <= told


def test_the_unit_hears_of_what_is_routed_to_it(
    doer_lead, school, unit, centre_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.raise_ask(
            by=doer_lead,
            organisation=school,
            title="Training on the new curriculum",
            category="training",
            suggested_unit=unit,
        )
    assert centre_officer.email in {m.to[0] for m in mail.outbox}


def test_a_doer_cannot_raise_for_another_organisation(doer_lead, other_school):
    with pytest.raises(PermissionDenied):
        services.raise_ask(by=doer_lead, organisation=other_school, title="x", category="money")


def test_centre_staff_can_log_an_ask_for_a_doer(centre_officer, school, doer_lead):
    ask = services.raise_ask(
        by=centre_officer,
        organisation=school,
        title="Phone call: boiler",
        category="infrastructure",
    )
    assert ask.on_behalf
    assert Supporter.objects.get(ask=ask).person == doer_lead


def test_what_each_person_sees(
    ask, doer_member, other_school, centre_officer, centre_lead, other_unit
):
    stranger = person_with_role(Role.DOER_LEAD, organisation=other_school)
    outsider = person_with_role(Role.CENTRE_OFFICER, centre_unit=other_unit)
    assert ask in services.asks_visible_to(doer_member)
    assert ask not in services.asks_visible_to(stranger)
    assert ask in services.asks_visible_to(centre_officer)
    assert ask not in services.asks_visible_to(outsider)


def test_unit_stats_show_what_a_unit_did(ask, centre_officer, doer_lead, unit):
    perform(ask, "acknowledge", centre_officer)
    perform(ask, "commit", centre_officer, commitment="Grant", due_on=next_week())
    perform(ask, "deliver", centre_officer, note="Paid")
    perform(ask, "confirm", doer_lead, verdict="yes")
    stats = services.unit_ask_stats(unit)
    assert (
        stats.received,
        stats.acknowledged_in_time,
        stats.delivered,
        stats.confirmed_helpful,
    ) == (1, 1, 1, 1)
    assert stats.median_days_to_delivery == 0.0
