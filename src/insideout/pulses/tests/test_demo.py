"""The demo's year of pulses: enough history, told truthfully, for the scorecard to tell a story."""

from itertools import pairwise
from statistics import mean

import pytest

from insideout.demo import build_demo, wipe
from insideout.directory.models import CentreUnit, Membership
from insideout.pulses import demo_data
from insideout.pulses.models import Answer, Invitation, Pulse, Response
from insideout.pulses.rollups import rebuild_rollups
from insideout.pulses.services import DOER_ROLES, overall_rate, response_rates
from insideout.pulses.tests.test_rollups import rollup_rows
from insideout.scorecard import scores
from insideout.vocabulary import Role


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """One demo department, built once for the read-only checks of a class."""
    with django_db_blocker.unblock():
        result = build_demo()
    yield result
    with django_db_blocker.unblock():
        wipe()


def snapshot() -> tuple[list, list]:
    """Everything but the ids, which are drawn at random so that they say nothing of order."""

    def in_order(rows) -> list:
        return sorted(rows, key=lambda row: tuple((value is None, str(value)) for value in row))

    return (
        in_order(
            Response.objects.values_list(
                "pulse__title", "organisation_type", "region", "submitted_on", "organisation__name"
            )
        ),
        in_order(
            Answer.objects.values_list(
                "pulse__title", "question__code", "unit__name", "score", "category", "text"
            )
        ),
    )


def nps_over_time(name: str) -> list[float]:
    """The unit's NPS in each pulse published so far (the open anonymous one is not yet)."""
    unit = CentreUnit.objects.get(name=name)
    trend = scores.unit_trend(unit, scores.scored_pulses())
    assert not trend[-1].published
    return [point.result.nps for point in trend if point.published]


class TestTheDemoPulses:
    def test_four_quarterly_pulses_and_only_the_latest_is_open(self, demo, db):
        pulses = scores.scored_pulses()
        assert len(pulses) == 4
        *closed, latest = pulses
        assert latest.accepts_answers
        assert all(p.status == Pulse.Status.CLOSED and not p.accepts_answers for p in closed)
        assert all(p.playback.startswith("Thank you:") and p.playback_sent_at for p in closed)
        assert all(90 <= (b.opens_on - a.opens_on).days <= 92 for a, b in pairwise(pulses))
        assert len({p.title for p in pulses}) == 4

    def test_every_doer_is_invited_once_to_each_pulse(self, demo, db):
        doers = Membership.objects.filter(role__in=DOER_ROLES).values("person").distinct().count()
        for pulse in Pulse.objects.all():
            assert pulse.invitations.count() == doers
            assert not pulse.invitations.filter(sent_at__isnull=True).exists()

    def test_about_two_thirds_answer_and_it_varies_by_kind_of_organisation(self, demo, db):
        *closed, latest = scores.scored_pulses()
        for pulse in closed:
            assert 55 <= overall_rate(pulse).rate <= 70
            rates = [r.rate for r in response_rates(pulse, "organisation__type")]
            assert max(rates) - min(rates) > 10
            assert pulse.responses.count() == overall_rate(pulse).responded
        assert 35 <= overall_rate(latest).rate < overall_rate(closed[-1]).rate

    def test_anonymous_answers_are_not_linked_to_anyone(self, demo, db):
        for pulse in Pulse.objects.all():
            linked = pulse.responses.filter(invitation__isnull=False).count()
            named = pulse.responses.filter(organisation__isnull=False).count()
            if pulse.is_anonymous:
                assert linked == named == 0
            else:
                assert linked == named == pulse.responses.count()
        assert Pulse.objects.filter(anonymity=Pulse.Anonymity.ANONYMOUS).count() == 3

    def test_every_unit_has_a_scorecard_in_every_closed_pulse(self, demo, db):
        *closed, _ = scores.scored_pulses()
        for pulse in closed:
            table = scores.league_table([pulse])
            assert len(table) == 12
            assert all(entry.row.ranked for entry in table), pulse
            assert all(entry.row.result.n >= scores.LEAGUE_MINIMUM_RESPONDENTS for entry in table)

    def test_units_differ_and_the_loved_and_the_disliked_are_clear(self, demo, db):
        table = {
            e.unit.name: e.row.result.nps
            for e in scores.league_table(scores.window(scores.scored_pulses()))
        }
        assert table["Teacher Development"] > 30
        assert table["Estates and Infrastructure"] < -20
        assert max(table, key=table.get) == "Teacher Development"
        assert min(table, key=table.get) == "Estates and Infrastructure"

    def test_school_funding_improves_and_digital_and_data_slides_every_quarter(self, demo, db):
        rising, falling = nps_over_time(demo_data.IMPROVING), nps_over_time(demo_data.FALLING)
        assert all(a < b for a, b in pairwise(rising)), rising
        assert rising[-1] - rising[0] > 20  # over the three closed quarters
        assert all(a > b for a, b in pairwise(falling)), falling
        assert falling[0] - falling[-1] > 20

    def test_doers_who_rate_units_highly_agree_more_with_the_centre(self, demo, db):
        by_level: dict[int, list[float]] = {1: [], 2: [], 3: [], 4: [], 5: []}
        unit_scores: dict[int, list[int]] = {}
        for response, score in Answer.objects.filter(question__code="recommend").values_list(
            "response", "score"
        ):
            unit_scores.setdefault(response, []).append(score)
        for response, level in Answer.objects.filter(question__code="information").values_list(
            "response", "score"
        ):
            by_level[level].append(mean(unit_scores[response]))
        averages = [mean(by_level[level]) for level in (1, 2, 3, 4, 5)]
        assert all(a < b for a, b in pairwise(averages)), averages

    def test_doers_say_what_would_help_in_their_own_words(self, demo, db):
        needs = Answer.objects.filter(question__code="one_thing")
        assert not needs.filter(category="").exists()
        assert needs.values("text").distinct().count() >= 55
        assert Answer.objects.filter(question__code="stop").values("text").distinct().count() >= 25
        schools = set(
            needs.filter(response__organisation_type="school").values_list("text", flat=True)
        )
        assert not any("patients" in text for text in schools)

    def test_rollups_are_what_the_answers_add_up_to(self, demo, db):
        for pulse in Pulse.objects.all():
            before = rollup_rows(pulse)
            rebuild_rollups(pulse)
            assert rollup_rows(pulse) == before

    def test_the_sign_in_doers_have_the_open_pulse_still_to_answer(self, demo, client, db):
        latest = scores.scored_pulses()[-1]
        doers = [s for s in demo["sign_ins"] if s["role"] in (Role.DOER_LEAD, Role.DOER_MEMBER)]
        assert len(doers) == 2
        for doer in doers:
            invitations = Invitation.objects.filter(person__email=doer["email"])
            assert invitations.count() == 4
            waiting = invitations.get(pulse=latest)
            assert waiting.submitted_at is None and waiting.sent_at is not None
            assert invitations.exclude(pulse=latest).filter(submitted_at__isnull=True).count() == 0
            page = client.get(waiting.get_absolute_url())
            assert page.status_code == 200
            assert latest.title in page.content.decode()

    def test_the_same_seed_gives_the_same_year_of_pulses(self, demo, db):
        """Rebuilt inside the test's transaction, so the class's demo comes back after it."""
        first = snapshot()
        build_demo()
        assert snapshot() == first
        assert Pulse.objects.count() == 4
