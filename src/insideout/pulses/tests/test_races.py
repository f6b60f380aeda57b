"""Answers at the same moment, over the API, each from its own thread and transaction: the same
invitation answered twice at once, and answers racing the pulse's close. An answer is recorded
exactly once or not at all, and none lands after the close (an anonymous pulse's results appear
at its close: a figure that moved after it would tell the late answer)."""

import pytest
from django.core.exceptions import ValidationError

from insideout.pulses import services
from insideout.pulses.bank import ensure_standard_questions
from insideout.pulses.models import Invitation, Pulse, Question, Response, UnitScoreRollup
from tests.races import at_once, bearer

pytestmark = [pytest.mark.concurrency, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pulse(make_pulse, doers):
    ensure_standard_questions(Question)  # a transactional test starts with the rows flushed
    pulse = make_pulse(anonymity=Pulse.Anonymity.ATTRIBUTED)
    services.launch(pulse)
    return pulse


def answer_of(score: int, units) -> dict:
    return {"unit_scores": {"recommend": [{"unit_id": units[0].pk, "score": score}]}}


def one_score(score: int, unit) -> services.Submission:
    """A submission as the service takes it: one unit rated, nothing else said."""
    recommend = Question.objects.get(code="recommend")
    return services.Submission(
        units_dealt_with=[unit.pk],
        unit_scores={(recommend.pk, unit.pk): score},
        agreements={},
        needs={},
        texts={},
    )


def rated(pulse) -> int:
    return sum(
        r.promoters + r.passives + r.detractors for r in UnitScoreRollup.objects.filter(pulse=pulse)
    )


def test_one_invitation_answered_four_times_at_once_is_recorded_once(pulse, doers, units):
    invitation = Invitation.objects.get(pulse=pulse, person=doers[0])
    path, headers = f"/invitations/{invitation.pk}/response", bearer(doers[0])
    statuses = at_once([(path, answer_of(score, units), headers) for score in (10, 9, 3, 0)])
    assert sorted(statuses) == [200, 200, 200, 201]
    assert Response.objects.filter(pulse=pulse).count() == 1
    assert rated(pulse) == 1


class CountAtTheClose:
    """Stands in for the playback task, which the close queues once it has committed: counts the
    responses the pulse holds at that moment."""

    def __init__(self, pulse):
        self.pulse, self.counted = pulse, []

    def enqueue(self, pulse_id: int) -> None:
        self.counted.append(Response.objects.filter(pulse_id=pulse_id).count())


def test_answers_racing_the_close_land_before_it_or_are_refused(
    pulse, doers, units, centre_lead, monkeypatch
):
    at_the_close = CountAtTheClose(pulse)
    monkeypatch.setattr(services, "send_playback", at_the_close)
    invitations = {i.person_id: i for i in Invitation.objects.filter(pulse=pulse)}
    answers = [
        (f"/invitations/{invitations[doer.pk].pk}/response", answer_of(8, units), bearer(doer))
        for doer in doers[:8]
    ]
    close = (f"/pulses/{pulse.pk}/close", {"playback": "Thank you."}, bearer(centre_lead))
    statuses = at_once([*answers, close])
    assert 500 not in statuses and statuses.count(200) == 1  # the close
    recorded = Response.objects.filter(pulse=pulse).count()
    assert at_the_close.counted == [recorded], "an answer was recorded after the close"
    assert statuses.count(201) == recorded == rated(pulse)
    assert statuses.count(400) == len(answers) - recorded
    assert Invitation.objects.filter(pulse=pulse, submitted_at__isnull=False).count() == recorded


def test_an_answer_read_before_the_close_and_sent_after_it_is_refused(pulse, doers, units):
    invitation = Invitation.objects.select_related("pulse", "organisation").get(
        pulse=pulse, person=doers[0]
    )
    invitation.pulse.ordered_questions()  # read while open, as the answer page does
    services.close(Pulse.objects.get(pk=pulse.pk), "Thank you.")
    submission = one_score(7, units[0])
    with pytest.raises(ValidationError, match="closed"):
        services.submit(invitation, submission)
    assert not Response.objects.filter(pulse=pulse).exists()
    assert not Invitation.objects.filter(pulse=pulse, submitted_at__isnull=False).exists()


def test_an_invitation_whose_pulse_was_read_as_a_draft_is_answered_once_it_is_open(
    make_pulse, doers, units
):
    ensure_standard_questions(Question)
    pulse = make_pulse(anonymity=Pulse.Anonymity.ATTRIBUTED)
    services.launch(pulse)  # launches the row; this instance still reads "draft"
    invitation = pulse.invitations.get(person=doers[0])
    assert invitation.pulse.status == Pulse.Status.DRAFT
    submission = one_score(9, units[0])
    assert services.submit(invitation, submission) is not None
    assert services.submit(invitation, submission) is None
    assert Response.objects.filter(pulse=pulse).count() == 1
