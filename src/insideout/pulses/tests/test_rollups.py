"""Rebuilding rollups from answers gives exactly what counting each response as it came did."""

from insideout.pulses import services
from insideout.pulses.models import AgreementRollup, Invitation, Question, UnitScoreRollup
from insideout.pulses.rollups import rebuild_rollups


def rollup_rows(pulse) -> tuple[list, list]:
    units = sorted(
        UnitScoreRollup.objects.filter(pulse=pulse).values_list(
            "unit_id", "organisation_type", "region", "promoters", "passives", "detractors"
        )
    )
    agreements = sorted(
        AgreementRollup.objects.filter(pulse=pulse).values_list(
            "question_id", "unit_id", "organisation_type", "region", "level", "count"
        ),
        key=lambda row: tuple(-1 if v is None else v for v in row),
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


def test_rebuilding_rollups_gives_the_rows_each_submission_added(
    make_pulse, doers, units, question
):
    again = Question.objects.create(
        code="recommend-again", kind=Question.Kind.UNIT_NPS, text="Would you go back to {unit}?"
    )
    pulse = make_pulse()
    pulse.pulse_questions.create(question=again, position=9)
    answer_all(pulse, doers, units, question, again)
    counted = rollup_rows(pulse)
    assert counted[0] and counted[1]
    assert any(row[1] is not None for row in counted[1]), "agreement by unit is covered"

    assert rebuild_rollups(pulse) == (len(counted[0]), len(counted[1]))
    assert rollup_rows(pulse) == counted


def test_rebuilding_touches_only_the_pulse_it_is_given(make_pulse, doers, units, question):
    first, second = make_pulse(title="First"), make_pulse(title="Second")
    for pulse in (first, second):
        answer_all(pulse, doers, units, question, question["recommend"])
    before = rollup_rows(second)
    UnitScoreRollup.objects.filter(pulse=first).update(promoters=999)
    rebuild_rollups(first)
    assert rollup_rows(second) == before
    assert not UnitScoreRollup.objects.filter(promoters=999).exists()
