"""The demo's year of asks: enough history, recorded as the life cycle records it, for the queues,
the trails and the scorecard to tell a true story."""

import datetime
import statistics

import pytest
from django.db.models import Count, F, Max, Min
from django.utils import timezone

from insideout.asks import service_levels, services
from insideout.asks.demo_data import LOVED_BUT_SLOW
from insideout.asks.lifecycle import available_actions, perform
from insideout.asks.models import (
    AWAITING_ACKNOWLEDGEMENT,
    OPEN_STATUSES,
    Ask,
    AskEvent,
    Status,
    Supporter,
    TriageRule,
)
from insideout.demo import build_demo, wipe
from insideout.directory.models import CentreUnit
from insideout.vocabulary import Role

Kind = AskEvent.Kind
# The trail's events that `perform` makes, and the action that makes each.
ACTION_OF = {
    Kind.ROUTED: "route",
    Kind.ACKNOWLEDGED: "acknowledge",
    Kind.COMMITTED: "commit",
    Kind.DECLINED: "decline",
    Kind.DELIVERED: "deliver",
    Kind.CONFIRMED: "confirm",
    Kind.REOPENED: "reopen",
    Kind.WITHDRAWN: "withdraw",
    Kind.MERGED: "merge",
}


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """One demo department, built once for the read-only checks of a class."""
    with django_db_blocker.unblock():
        result = build_demo()
    yield result
    with django_db_blocker.unblock():
        wipe()


def sign_in(demo: dict, role: str):
    from insideout.accounts.models import User

    return User.objects.get(email=next(s["email"] for s in demo["sign_ins"] if s["role"] == role))


def replay(ask: Ask, into: Ask) -> list[tuple]:
    """Make the ask's trail again through `perform` itself, on a fresh copy, and return what
    the life cycle recorded: any step it refuses, or anyone not allowed, fails here."""
    events = list(ask.events.select_related("actor"))
    raised = events[0]
    copy = Ask.objects.create(
        title=ask.title,
        category=ask.category,
        raised_by=ask.raised_by,
        organisation=ask.organisation,
        unit=raised.to_unit,
        on_behalf=ask.on_behalf,
        raised_at=ask.raised_at,
    )
    copy.events.create(
        kind=Kind.RAISED, actor=raised.actor, to_status=Status.RAISED, to_unit=raised.to_unit
    )
    for event in events[1:]:
        if event.kind == Kind.JOINED:
            assert services.join(copy, event.actor)
        elif event.kind in ACTION_OF and (
            event.from_status != event.to_status or event.kind == Kind.ROUTED
        ):
            verdict = "yes" if event.to_status != Status.REOPENED else "no"
            copy = perform(
                copy,
                ACTION_OF[event.kind],
                event.actor,
                note=event.note,
                unit=event.to_unit,
                commitment="As the demo said",
                due_on=timezone.localdate() + datetime.timedelta(days=30),
                verdict=verdict,
                into=mergeable_into(copy) if event.kind == Kind.MERGED else into,
            )
    return [
        (e.kind, e.actor_id, e.from_status, e.to_status, e.from_unit_id, e.to_unit_id)
        for e in copy.events.all()
    ]


def mergeable_into(ask: Ask) -> Ask | None:
    """An open ask of the same unit: merging needs the right to act on both asks."""
    return Ask.objects.filter(status=Status.RAISED, unit=ask.unit).exclude(pk=ask.pk).first()


def last(events: list[AskEvent], *kinds: str):
    return next((e.at for e in reversed(events) if e.kind in kinds), None)


def recorded(ask: Ask) -> list[tuple]:
    return [
        (e.kind, e.actor_id, e.from_status, e.to_status, e.from_unit_id, e.to_unit_id)
        for e in ask.events.exclude(kind=Kind.SLA_BREACHED)
        if not (e.kind == Kind.MERGED and e.from_status == e.to_status)
    ]


@pytest.mark.django_db
class TestTheDemoAsks:
    def test_a_year_of_asks_from_every_kind_of_doer_to_every_unit(self, demo):
        assert 1500 <= Ask.objects.count() <= 2500
        span = Ask.objects.aggregate(first=Min("raised_at"), last=Max("raised_at"))
        assert span["last"] - span["first"] > datetime.timedelta(days=350)
        assert span["last"] <= timezone.now()
        kinds = set(Ask.objects.values_list("organisation__type", flat=True))
        assert {
            "school",
            "gp_practice",
            "hospital",
            "police_force",
            "local_authority",
            "charity",
            "business",
        } <= kinds
        per_unit = dict(Ask.objects.values_list("unit__name").annotate(n=Count("pk")))
        assert all(
            per_unit.get(unit.name, 0) >= 40
            for unit in CentreUnit.objects.filter(kind=CentreUnit.Kind.UNIT)
        )
        assert Ask.objects.values("title").distinct().count() >= 75
        assert Ask.objects.filter(public=True).count() > 300
        assert Ask.objects.filter(on_behalf=True).exists()

    def test_every_stage_of_the_life_cycle_is_there(self, demo):
        statuses = dict(Ask.objects.values_list("status").annotate(n=Count("pk")))
        assert set(statuses) == set(Status.values)
        # "Partly" and "no" send an ask back, so only "yes" leaves it confirmed.
        assert statuses[Status.CONFIRMED] > 200 and statuses[Status.DECLINED] > 200
        kinds = set(AskEvent.objects.values_list("kind", flat=True))
        # `perform` records passing on as routed; "Is it fixed?" is now the one "Did it help?".
        assert kinds == set(Kind.values) - {
            Kind.PASSED_ON,
            Kind.FOLLOWED_UP,
        }  # `perform` records passing on
        # as routed, with the units it went from and to
        assert AskEvent.objects.filter(kind=Kind.ROUTED).exclude(from_unit=None).count() > 50
        assert Ask.objects.filter(unit=None, status=Status.RAISED).exists()  # the triage queue

    def test_each_trail_is_what_the_life_cycle_itself_would_record(self, demo):
        into = Ask.objects.filter(status=Status.RAISED).exclude(unit=None).first()
        sample = {ask.pk: ask for ask in Ask.objects.order_by("pk")[::50]}
        for kind in [
            Kind.REOPENED,
            Kind.FOLLOWED_UP,
            Kind.WITHDRAWN,
            Kind.MERGED,
            Kind.ROUTED,
            Kind.CONFIRMED,
            Kind.DECLINED,
        ]:
            sample.update(
                (ask.pk, ask)
                for ask in Ask.objects.filter(events__kind=kind).distinct().order_by("pk")[:12]
            )
        for ask in sample.values():
            assert replay(ask, into) == recorded(ask), ask.reference

    def test_timestamps_agree_with_the_trail(self, demo):
        now = timezone.now()
        for ask in Ask.objects.prefetch_related("events"):
            events = list(ask.events.all())
            assert events[0].kind == Kind.RAISED and events[0].at == ask.raised_at
            assert all(a.at <= b.at for a, b in zip(events, events[1:], strict=False))
            assert events[-1].at <= now and ask.updated_at == events[-1].at
            changes = [e for e in events if e.from_status != e.to_status]
            assert changes[-1].to_status == ask.status

            assert ask.decided_at == last(events, Kind.COMMITTED, Kind.DECLINED)
            assert ask.delivered_at == last(events, Kind.DELIVERED)
            assert ask.confirmed_at == last(events, Kind.CONFIRMED)
            if ask.status in AWAITING_ACKNOWLEDGEMENT:
                assert ask.acknowledged_at is None
            elif ask.status not in (Status.WITHDRAWN, Status.MERGED):
                assert ask.acknowledged_at is not None
            if ask.status == Status.COMMITTED:
                assert ask.commitment and ask.due_on
            if ask.status == Status.DECLINED:
                assert (changes[-1].kind, changes[-1].note) == (Kind.DECLINED, ask.decline_reason)

    def test_service_levels_missed_are_flagged_once_each_as_the_task_does(self, demo):
        flags = AskEvent.objects.filter(kind=Kind.SLA_BREACHED).select_related("ask")
        late = flags.filter(note__startswith="Not acknowledged").values("ask").distinct()
        assert 0.1 < late.count() / Ask.objects.count() < 0.7
        for flag in flags:
            assert flag.actor_id is None and flag.note.startswith(
                ("Not acknowledged by", "Not committed or declined by", "Not delivered by")
            )
            assert flag.at > flag.ask.raised_at + datetime.timedelta(days=2)
        per_ask = flags.values("ask", "note").annotate(n=Count("pk"))
        assert max(row["n"] for row in per_ask) == 1

    def test_missed_delivery_dates_are_past_breaches_too(self, demo):
        missed = AskEvent.objects.filter(kind=Kind.SLA_BREACHED, missed_target="deliver")
        assert missed.count() > 5
        for flag in missed.select_related("ask")[:50]:
            assert flag.note.startswith("Not delivered by")
            assert flag.at >= flag.target_due_at

    def test_organisations_that_said_me_too_answer_did_it_help_as_well(self, demo):
        from insideout.asks.models import HelpedAnswer

        by_supporters = HelpedAnswer.objects.exclude(organisation=F("ask__organisation"))
        assert by_supporters.count() > 20
        for answer in by_supporters.select_related("ask")[:50]:
            assert answer.ask.supporters.filter(organisation=answer.organisation).exists()
            assert answer.at > answer.delivered_at

    def test_doers_say_me_too_and_some_needs_are_shared_widely(self, demo):
        counts = list(
            Supporter.objects.values("ask").annotate(n=Count("pk")).values_list("n", flat=True)
        )
        assert len(counts) == Ask.objects.count()  # the raiser supports each one
        assert sum(1 for n in counts if n >= 10) >= 30 and max(counts) <= 60
        joins = set(AskEvent.objects.filter(kind=Kind.JOINED).values_list("ask", "actor", "at"))
        merges = set(AskEvent.objects.filter(kind=Kind.MERGED).values_list("ask", "at"))
        raised = dict(Ask.objects.values_list("pk", "raised_at"))
        supporters = set(Supporter.objects.values_list("ask", "person", "joined_at"))
        assert joins <= supporters
        for ask, _, at in supporters - joins:  # the raiser, or moved by a merge
            assert at == raised[ask] or (ask, at) in merges

    def test_merged_asks_point_at_an_ask_that_has_their_supporters(self, demo):
        merged = Ask.objects.filter(status=Status.MERGED).select_related("merged_into")
        assert merged.count() >= 10
        for ask in merged:
            into = ask.merged_into
            assert into is not None and into.merged_into_id is None
            assert set(ask.supporters.values_list("person", flat=True)) <= set(
                into.supporters.values_list("person", flat=True)
            )
            assert into.events.filter(kind=Kind.MERGED, note__startswith=ask.reference).exists()

    def test_the_sign_in_doers_have_asks_at_every_stage(self, demo):
        lead, member = sign_in(demo, Role.DOER_LEAD), sign_in(demo, Role.DOER_MEMBER)
        theirs = services.asks_visible_to(lead)
        assert {
            Status.RAISED,
            Status.ACKNOWLEDGED,
            Status.COMMITTED,
            Status.DELIVERED,
            Status.CONFIRMED,
            Status.DECLINED,
            Status.REOPENED,
        } <= set(theirs.values_list("status", flat=True))
        assert any(
            "confirm" in available_actions(member, ask)
            for ask in theirs.filter(status=Status.DELIVERED)
        )
        assert theirs.filter(status=Status.COMMITTED, due_on__gt=timezone.localdate()).exists()
        joined = services.asks_visible_to(member).exclude(organisation__in=member.organisation_ids)
        assert joined.filter(status__in=OPEN_STATUSES).exists()

    def test_the_sign_in_staffs_unit_has_a_queue_to_work_through(self, demo):
        officer = sign_in(demo, Role.CENTRE_OFFICER)
        unit = CentreUnit.objects.get(pk=min(officer.centre_unit_ids))
        queue = Ask.objects.filter(unit=unit, status__in=OPEN_STATUSES)
        assert queue.filter(status__in=AWAITING_ACKNOWLEDGEMENT).count() >= 4
        assert queue.filter(status=Status.ACKNOWLEDGED).exists()
        assert queue.filter(status=Status.COMMITTED).count() >= 5
        assert service_levels.breaches(queue)
        ask = queue.filter(status=Status.RAISED).first()
        assert perform(ask, "acknowledge", officer).status == Status.ACKNOWLEDGED

    def test_units_differ_and_one_is_loved_but_slow_to_deliver(self, demo):
        stats = services.ask_stats_by_unit(
            list(CentreUnit.objects.filter(kind=CentreUnit.Kind.UNIT).values_list("pk", flat=True))
        )
        names = dict(CentreUnit.objects.values_list("pk", "name"))
        by_name = {names[pk]: s for pk, s in stats.items()}
        helped = {n: s.confirmed_helpful / s.confirmed for n, s in by_name.items()}
        slowness = {n: s.median_days_to_delivery for n, s in by_name.items()}
        loved = by_name[LOVED_BUT_SLOW]
        assert helped[LOVED_BUT_SLOW] >= sorted(helped.values())[-3]  # among the most helpful
        assert slowness[LOVED_BUT_SLOW] > statistics.median(slowness.values()) + 20
        assert loved.declined < loved.committed / 4
        in_time = [s.acknowledged_in_time_pct for s in by_name.values()]
        assert max(in_time) - min(in_time) > 30
        assert max(helped.values()) - min(helped.values()) > 0.3

    def test_triage_rules_route_the_asks_they_match(self, demo):
        assert TriageRule.objects.filter(is_active=True).count() >= 5
        for ask in (
            Ask.objects.filter(suggested_unit=None)
            .select_related("organisation")
            .order_by("?")[:100]
        ):
            raised = ask.events.get(kind=Kind.RAISED)
            assert services.route_for(ask) == raised.to_unit

    def test_the_demo_builds_in_well_under_a_minute(self, demo):
        assert demo["seconds"] < 40
