"""Doers' words about burdens, pointed at the requirement they are about."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from insideout.asks.services import raise_ask
from insideout.burdens import flags
from insideout.pulses.models import Answer, Pulse, Question, Response


@pytest.fixture
def census(make_requirement):
    return make_requirement(
        title="School census return",
        description="Pupil numbers, attendance and free school meals, every month.",
    )


@pytest.fixture
def burden_ask(doer_lead, school, unit):
    return raise_ask(
        by=doer_lead,
        organisation=school,
        title="Stop asking for the monthly census return",
        category="fewer_burdens",
        suggested_unit=unit,
    )


def pulse_with_stop_answers(creator, unit, respondents: int, text: str) -> list[Answer]:
    today = timezone.localdate()
    pulse = Pulse.objects.create(
        title="Spring pulse",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=7),
        created_by=creator,
        status=Pulse.Status.CLOSED,
    )
    stop = Question.objects.get(code="stop")
    answers = []
    for _ in range(respondents):
        response = Response.objects.create(
            pulse=pulse, organisation_type="school", region="E12000007", submitted_on=today
        )
        answers.append(Answer.objects.create(response=response, question=stop, text=text))
    return answers


def test_a_doer_points_their_fewer_burdens_ask_at_the_requirement(
    client, doer_lead, census, burden_ask
):
    client.force_login(doer_lead)
    page = client.get(census.get_absolute_url()).content.decode()
    assert "Point my ask at it" in page
    client.post(reverse("burdens:flag_ask", args=[census.pk]), {"ask": burden_ask.pk})
    assert census.flags.get().ask == burden_ask
    page = client.get(census.get_absolute_url()).content.decode()
    assert "Stop asking for the monthly census return" in page


def test_nobody_points_an_ask_they_cannot_see(census, burden_ask, other_school):
    from insideout.vocabulary import Role
    from tests.factories import person_with_role

    stranger = person_with_role(Role.DOER_LEAD, organisation=other_school)
    with pytest.raises(PermissionDenied):
        flags.flag_ask(stranger, census, burden_ask)


def test_the_centre_sees_unpointed_words_with_the_requirement_they_seem_to_be_about(
    client, centre_officer, census, burden_ask, centre_lead, unit
):
    pulse_with_stop_answers(centre_lead, unit, 10, "The monthly census return takes a day")
    found = flags.unflagged_signals()
    assert {s.source for s in found} == {"ask", "pulse answer"}
    assert all(s.suggestion == census for s in found)
    client.force_login(centre_officer)
    page = client.get(reverse("burdens:signals")).content.decode()
    assert "The monthly census return takes a day" in page


def test_answers_from_a_pulse_too_small_to_show_comments_are_not_listed(census, centre_lead, unit):
    pulse_with_stop_answers(centre_lead, unit, 9, "Stop the census return")
    assert [s for s in flags.unflagged_signals() if s.source == "pulse answer"] == []


def test_an_answer_is_pointed_by_a_handle_that_changes_on_every_page(
    census, centre_officer, centre_lead, unit
):
    answers = pulse_with_stop_answers(centre_lead, unit, 10, "Stop the census return")
    first, second = flags.handle_for(answers[0].pk), flags.handle_for(answers[0].pk)
    assert first != second
    flags.flag_answer(centre_officer, census, first)
    with pytest.raises(ValidationError, match="already points"):
        flags.flag_answer(centre_officer, census, second)
    with pytest.raises(ValidationError, match="no longer on offer"):
        flags.flag_answer(centre_officer, census, "forged")
