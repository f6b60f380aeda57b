"""Rollups count respondents, not answers: as each response comes in (one upsert per table, a
handful of queries whatever the number of units), and rebuilt from the answers, alike."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from insideout.pulses import services
from insideout.pulses.models import AgreementRollup, Invitation, Question, UnitScoreRollup
from insideout.pulses.rollups import rebuild_rollups
from tests.factories import CentreUnitFactory


def rollup_rows(pulse) -> tuple[list, list]:
    units = sorted(
        UnitScoreRollup.objects.filter(pulse=pulse).values_list(
            "unit_id", "organisation_type", "region", "promoters", "passives", "detractors"
        )
    )
    agreements = sorted(
        AgreementRollup.objects.filter(pulse=pulse).values_list(
            "question_id", "organisation_type", "region", "level", "count"
        )
    )
    return units, agreements


def answer_all(pulse, doers, units, question, again) -> None:
    """Twelve varied responses: one, two or three units, none, agreement or not, twice-rated."""
    services.launch(pulse)
    for i, doer in enumerate(doers):
        invitation = Invitation.objects.get(pulse=pulse, person=doer)
        rated = units[: i % 4]
        scores = {
            (question["recommend"].pk, u.pk): (i * 3 + n * 5) % 11 for n, u in enumerate(rated)
        }
        if again != question["recommend"]:  # every unit rated again, on a second question
            scores |= {(again.pk, u.pk): (i + n + 4) % 11 for n, u in enumerate(rated)}
        agreements = (
            {}
            if i % 5 == 4
            else {question["information"].pk: i % 5 + 1, question["easier"].pk: (i * 2) % 5 + 1}
        )
        services.submit(
            invitation,
            services.Submission(
                units_dealt_with=[u.pk for u in rated],
                unit_scores=scores,
                agreements=agreements,
                needs={question["one_thing"].pk: ("training", f"Help {i}")},
                texts={question["stop"].pk: "Stop the returns" if i % 2 else ""},
            ),
        )


def second_unit_question(pulse) -> Question:
    again = Question.objects.create(
        code="recommend-again", kind=Question.Kind.UNIT_NPS, text="Would you go back to {unit}?"
    )
    pulse.pulse_questions.create(question=again, position=9)
    return again


def test_rebuilding_rollups_gives_the_rows_each_submission_added(
    make_pulse, doers, units, question
):
    pulse = make_pulse()
    again = second_unit_question(pulse)
    answer_all(pulse, doers, units, question, again)
    counted = rollup_rows(pulse)
    assert counted[0] and counted[1]
    assert rebuild_rollups(pulse) == (len(counted[0]), len(counted[1]))
    assert rollup_rows(pulse) == counted


def test_a_second_0_to_10_question_never_counts_a_doer_twice(make_pulse, doers, units, question):
    """Three doers rating a unit on two 0-10 questions are 3 respondents, not 6."""
    pulse = make_pulse()
    again = second_unit_question(pulse)
    services.launch(pulse)
    for doer in doers[:3]:
        services.submit(
            Invitation.objects.get(pulse=pulse, person=doer),
            services.Submission(
                units_dealt_with=[units[0].pk],
                unit_scores={
                    (question["recommend"].pk, units[0].pk): 10,
                    (again.pk, units[0].pk): 2,
                },
                agreements={},
                needs={},
                texts={},
            ),
        )
    rows = UnitScoreRollup.objects.filter(pulse=pulse, unit=units[0])
    assert sum(r.promoters + r.passives + r.detractors for r in rows) == 3
    assert sum(r.detractors for r in rows) == 0, "only the headline question is scored"


def test_rebuilding_touches_only_the_pulse_it_is_given(make_pulse, doers, units, question):
    first, second = make_pulse(title="First"), make_pulse(title="Second")
    for pulse in (first, second):
        answer_all(pulse, doers, units, question, question["recommend"])
    before = rollup_rows(second)
    UnitScoreRollup.objects.filter(pulse=first).update(promoters=999)
    rebuild_rollups(first)
    assert rollup_rows(second) == before
    assert not UnitScoreRollup.objects.filter(promoters=999).exists()


def test_a_response_costs_the_same_few_queries_whatever_the_number_of_units(
    make_pulse, doers, question
):
    """Rating 2 units or 20 costs the same statements: answers in one insert, each rollup
    table in one upsert."""
    costs = []
    for size, doer in ((2, doers[0]), (20, doers[1])):
        units = [CentreUnitFactory() for _ in range(size)]
        pulse = make_pulse(title=f"{size} units")
        pulse.units.set(units)
        services.launch(pulse)
        invitation = Invitation.objects.get(pulse=pulse, person=doer)
        submission = services.Submission(
            units_dealt_with=[u.pk for u in units],
            unit_scores={(question["recommend"].pk, u.pk): n % 11 for n, u in enumerate(units)},
            agreements={question["information"].pk: 4, question["easier"].pk: 2},
            needs={question["one_thing"].pk: ("money", "A budget we can plan on")},
            texts={question["stop"].pk: "The termly return"},
        )
        with CaptureQueriesContext(connection) as queries:
            services.submit(invitation, submission)
        costs.append(len(queries))
        assert UnitScoreRollup.objects.filter(pulse=pulse).count() == size
    assert costs[0] == costs[1] <= 12
