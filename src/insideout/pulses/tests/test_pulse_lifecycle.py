import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from insideout.pulses import emails, services
from insideout.pulses.models import Invitation, Pulse, Response, UnitScoreRollup


def scores_for(units, question, *scores):
    return {(question.pk, unit.pk): score for unit, score in zip(units, scores, strict=False)}


def submission(units, question, *scores, need=("", ""), stop=""):
    return services.Submission(
        units_dealt_with=[u.pk for u in units[: len(scores)]],
        unit_scores=scores_for(units, question["recommend"], *scores),
        agreements={question["information"].pk: 4, question["easier"].pk: 2},
        needs={question["one_thing"].pk: need},
        texts={question["stop"].pk: stop},
    )


def test_launch_invites_each_doer_in_the_audience_once(
    make_pulse, doers, django_capture_on_commit_callbacks
):
    pulse = make_pulse(audience_types=["school"])
    with django_capture_on_commit_callbacks(execute=True):
        invited = services.launch(pulse)
    assert invited == 9
    assert len(mail.outbox) == 9
    assert all(m.subject == "Two minutes: Autumn pulse" for m in mail.outbox)
    assert Invitation.objects.filter(pulse=pulse, sent_at__isnull=False).count() == 9


def test_each_invitation_link_is_personal_and_unguessable(
    make_pulse, doers, django_capture_on_commit_callbacks
):
    pulse = make_pulse()
    with django_capture_on_commit_callbacks(execute=True):
        services.launch(pulse)
    invitation = Invitation.objects.filter(pulse=pulse).first()
    assert Invitation.from_token(invitation.token) == invitation
    assert Invitation.from_token(f"{invitation.pk}.forged") is None
    assert Invitation.from_token(str(invitation.pk)) is None
    assert invitation.token in mail.outbox[0].body or any(
        invitation.token in m.body for m in mail.outbox
    )


def test_a_pulse_cannot_be_launched_twice(make_pulse, doers):
    pulse = make_pulse()
    services.launch(pulse)
    with pytest.raises(ValidationError):
        services.launch(pulse)
    assert Invitation.objects.count() == 12


def test_submitting_twice_records_one_response(make_pulse, doers, units, question):
    pulse = make_pulse()
    services.launch(pulse)
    invitation = Invitation.objects.filter(pulse=pulse).first()
    assert services.submit(invitation, submission(units, question, 10, 6)) is not None
    assert services.submit(invitation, submission(units, question, 0, 0)) is None
    assert Response.objects.count() == 1
    totals = {r.unit_id: (r.promoters, r.detractors) for r in UnitScoreRollup.objects.all()}
    assert totals == {units[0].pk: (1, 0), units[1].pk: (0, 1)}


def test_an_anonymous_response_is_not_linked_to_the_person(make_pulse, doers, units, question):
    pulse = make_pulse(anonymity=Pulse.Anonymity.ANONYMOUS)
    services.launch(pulse)
    invitation = Invitation.objects.filter(pulse=pulse).first()
    response = services.submit(invitation, submission(units, question, 9))
    assert response.invitation is None
    assert response.organisation is None
    # Its kind and region only as far as k invited organisations share them (six London
    # schools are invited: enough), no date, and an id that is not a sequence.
    assert (response.organisation_type, response.region) == ("school", "E12000007")
    assert response.submitted_on is None
    assert response.pk > 2**32
    invitation.refresh_from_db()
    assert invitation.draft == {}
    assert invitation.submitted_at == timezone.localdate()


def test_an_attributed_response_keeps_who_answered(make_pulse, doers, units, question):
    pulse = make_pulse(anonymity=Pulse.Anonymity.ATTRIBUTED)
    services.launch(pulse)
    invitation = Invitation.objects.filter(pulse=pulse).first()
    response = services.submit(invitation, submission(units, question, 9))
    assert response.invitation == invitation
    assert response.organisation == invitation.organisation


def test_a_rated_unit_needs_a_score(make_pulse, doers, units, question):
    pulse = make_pulse()
    services.launch(pulse)
    invitation = Invitation.objects.filter(pulse=pulse).first()
    incomplete = submission(units, question, 9)
    incomplete.units_dealt_with.append(units[2].pk)
    with pytest.raises(ValidationError) as error:
        services.submit(invitation, incomplete)
    assert f"q{question['recommend'].pk}_u{units[2].pk}" in error.value.message_dict
    assert Response.objects.count() == 0


def test_no_answers_after_the_pulse_closes(make_pulse, doers, units, question):
    pulse = make_pulse()
    services.launch(pulse)
    services.close(pulse, "We heard you.")
    invitation = Invitation.objects.filter(pulse=pulse).first()
    with pytest.raises(ValidationError):
        services.submit(invitation, submission(units, question, 9))


def test_reminders_go_only_to_those_who_have_not_answered(
    make_pulse, doers, units, question, django_capture_on_commit_callbacks
):
    pulse = make_pulse(reminder_every_days=3, max_reminders=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.launch(pulse)
    answered = Invitation.objects.filter(pulse=pulse).first()
    services.submit(answered, submission(units, question, 9))
    mail.outbox.clear()
    now = timezone.now()
    assert emails.send_reminders(now + datetime.timedelta(days=1)) == 0
    assert emails.send_reminders(now + datetime.timedelta(days=3, minutes=1)) == 11
    assert answered.person.email not in {m.to[0] for m in mail.outbox}
    assert emails.send_reminders(now + datetime.timedelta(days=4)) == 0
    Invitation.objects.update(last_reminded_at=now - datetime.timedelta(days=3, minutes=1))
    assert emails.send_reminders(now) == 11
    Invitation.objects.update(last_reminded_at=now - datetime.timedelta(days=30))
    assert emails.send_reminders(now) == 0, "no more than max_reminders"


def test_closing_plays_back_to_everyone_invited(
    make_pulse, doers, django_capture_on_commit_callbacks
):
    pulse = make_pulse()
    services.launch(pulse)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.close(pulse, "You asked for less paperwork. We are cutting the termly return.")
    assert len(mail.outbox) == 12
    assert "cutting the termly return" in mail.outbox[0].body
    pulse.refresh_from_db()
    assert pulse.status == Pulse.Status.CLOSED and pulse.playback_sent_at is not None


def test_closing_needs_a_playback(make_pulse, doers):
    pulse = make_pulse()
    services.launch(pulse)
    with pytest.raises(ValidationError):
        services.close(pulse, "  ")


def test_response_rates_by_segment_are_live(make_pulse, doers, units, question):
    pulse = make_pulse()
    services.launch(pulse)
    for invitation in Invitation.objects.filter(pulse=pulse, organisation__type="gp_practice"):
        services.submit(invitation, submission(units, question, 8))
    rates = {
        r.segment: (r.invited, r.responded)
        for r in services.response_rates(pulse, "organisation__type")
    }
    assert rates == {"gp_practice": (3, 3), "school": (9, 0)}
    assert services.overall_rate(pulse).rate == 25.0
