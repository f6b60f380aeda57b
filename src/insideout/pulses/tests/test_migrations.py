"""Answers given before anonymity held at rest are brought under its rules by the migrations:
random ids, no dates, coarse segments, rollups counted by respondent (pulses 0004 to 0006)."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from insideout.pulses.bank import ensure_standard_questions

BEFORE = [("pulses", "0003_answer_question_response_index")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_old_anonymous_answers_lose_their_order_their_dates_and_their_lone_segments():
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    old = migrate(BEFORE)
    Pulse, Question = old.get_model("pulses", "Pulse"), old.get_model("pulses", "Question")
    Organisation = old.get_model("directory", "Organisation")
    User = old.get_model("accounts", "User")
    Invitation, Response = (
        old.get_model("pulses", "Invitation"),
        old.get_model("pulses", "Response"),
    )
    Answer, UnitScoreRollup = (
        old.get_model("pulses", "Answer"),
        old.get_model("pulses", "UnitScoreRollup"),
    )
    CentreUnit = old.get_model("directory", "CentreUnit")
    ensure_standard_questions(Question)  # as migration 0002 did; an earlier test may have flushed
    today = timezone.localdate()
    unit = CentreUnit.objects.create(name="School Funding", kind="unit")
    recommend = Question.objects.get(code="recommend")
    again = Question.objects.create(code="again", kind="unit_nps", text="Again {unit}?")
    pulse = Pulse.objects.create(
        title="Old pulse", opens_on=today, closes_on=today, status="closed", anonymity="anonymous"
    )
    for position, question in enumerate((recommend, again)):
        pulse.pulse_questions.create(question=question, position=position)
    kinds = [("school", "E12000007")] * 6 + [("police_force", "E12000007")]
    for n, (kind, region) in enumerate(kinds):
        organisation = Organisation.objects.create(
            external_id=f"OLD{n}", name=f"Old {n}", type=kind, region=region
        )
        person = User.objects.create(email=f"old{n}@example.org", full_name=f"Old {n}")
        Invitation.objects.create(
            pulse=pulse,
            person=person,
            organisation=organisation,
            submitted_at=timezone.make_aware(datetime.datetime.combine(today, datetime.time(9, n))),
        )
        response = Response.objects.create(
            pulse=pulse, organisation_type=kind, region=region, submitted_on=today
        )
        for question in (recommend, again):
            Answer.objects.create(response=response, question=question, unit=unit, score=10)
    UnitScoreRollup.objects.create(
        pulse=pulse, unit=unit, organisation_type="school", region="E12000007", promoters=12
    )
    old_ids = set(Response.objects.values_list("pk", flat=True))

    new = migrate(leaves)
    Response = new.get_model("pulses", "Response")
    responses = Response.objects.filter(pulse_id=pulse.pk)
    assert not old_ids & set(responses.values_list("pk", flat=True))
    assert not responses.filter(submitted_on__isnull=False).exists()
    segments = sorted(responses.values_list("organisation_type", "region"))
    assert segments == [("", "")] * 7, "a lone police force takes the schools' segment with it"
    Answer = new.get_model("pulses", "Answer")
    assert Answer.objects.filter(pulse_id=pulse.pk).count() == 14
    assert min(Answer.objects.values_list("pk", flat=True)) > 2**32
    rollups = new.get_model("pulses", "UnitScoreRollup").objects.filter(pulse_id=pulse.pk)
    assert [(r.organisation_type, r.region, r.promoters) for r in rollups] == [("", "", 7)]
    invitations = new.get_model("pulses", "Invitation").objects.filter(pulse_id=pulse.pk)
    assert set(invitations.values_list("submitted_at", flat=True)) == {today}
