"""A pulse's 'what one thing would help' answer becomes an ask in one click, by the doer or by
centre staff, keeping only the link the pulse's anonymity allows."""

import re

import pytest
from django.utils import timezone

from insideout.asks.models import Ask
from insideout.pulses import disclosure
from insideout.pulses import services as pulse_services
from insideout.pulses.disclosure import comment_handle
from insideout.pulses.models import Answer, Invitation, Pulse, Question, Response
from tests.conftest import make_pulse


def from_answer(answer: Answer) -> str:
    """The page a comment's "Make it an ask" form posts to: by a sealed handle, never an id."""
    return f"/asks/from-answer/{comment_handle(answer)}/"


def need_answer(pulse: Pulse, organisation, text: str, invitation=None) -> Answer:
    response = Response.objects.create(
        pulse=pulse,
        invitation=invitation,
        organisation=None if pulse.is_anonymous else organisation,
        organisation_type=organisation.type,
        region=organisation.region,
        submitted_on=timezone.localdate(),
    )
    return Answer.objects.create(
        response=response,
        question=Question.objects.get(code="one_thing"),
        category="training",
        text=text,
    )


@pytest.fixture
def attributed(centre_lead, unit, school):
    pulse = make_pulse(centre_lead, unit, "Spring pulse", anonymity=Pulse.Anonymity.ATTRIBUTED)
    pulse.audience_organisations.set([school])
    return pulse


@pytest.fixture
def anonymous(centre_lead, unit, school):
    pulse = make_pulse(
        centre_lead,
        unit,
        "Summer pulse",
        min_group_size=3,
        min_text_group_size=3,
        status=Pulse.Status.CLOSED,
    )
    pulse.audience_organisations.set([school])
    return pulse


def test_staff_make_an_attributed_answer_an_ask_linked_to_it(
    client, centre_lead, attributed, school, doer_lead
):
    pulse_services.launch(attributed)
    invitation = Invitation.objects.get(pulse=attributed, person=doer_lead)
    answer = need_answer(attributed, school, "Training on the new phonics scheme", invitation)
    client.force_login(centre_lead)
    page = client.get(from_answer(answer)).content.decode()
    assert "Training on the new phonics scheme" in page and school.name in page
    first = client.post(from_answer(answer))
    ask = Ask.objects.get()
    assert first["Location"] == f"/asks/{ask.pk}/"
    assert (ask.organisation, ask.source_answer, ask.source_pulse, ask.on_behalf) == (
        school,
        answer,
        attributed,
        True,
    )
    assert ask.supporters.filter(person=doer_lead).exists()
    again = client.post(from_answer(answer))
    assert Ask.objects.count() == 1 and again["Location"] == f"/asks/{ask.pk}/"
    assert ask.reference in client.get(from_answer(answer)).content.decode()


def test_staff_who_cannot_see_the_new_ask_go_back_to_the_results(
    client, centre_officer, attributed, school
):
    answer = need_answer(attributed, school, "Fewer data returns")
    client.force_login(centre_officer)
    done = client.post(from_answer(answer))
    assert done["Location"] == f"/scorecard/pulses/{attributed.pk}/"  # in triage, for leads
    assert Ask.objects.get().unit is None


def test_an_anonymous_answer_becomes_an_ask_without_a_link_to_it(
    client, centre_lead, anonymous, school, other_school
):
    answers = [
        need_answer(anonymous, org, text)
        for org, text in (
            (school, "Fewer data returns"),
            (other_school, "Money for trips"),
            (school, "Time to plan"),
        )
    ]
    client.force_login(centre_lead)
    client.post(from_answer(answers[0]))
    ask = Ask.objects.get()
    assert (ask.organisation, ask.source_answer, ask.source_pulse) == (None, None, anonymous)
    assert ask.detail == "Fewer data returns"
    client.post(from_answer(answers[0]))
    assert Ask.objects.count() == 1


def test_an_anonymous_answer_under_the_comment_threshold_stays_hidden(
    client, centre_lead, anonymous, school
):
    answer = need_answer(anonymous, school, "Fewer data returns")
    client.force_login(centre_lead)
    assert client.get(from_answer(answer)).status_code == 404
    assert client.post(from_answer(answer)).status_code == 404
    assert not Ask.objects.exists()


def test_an_answer_cannot_be_reached_by_its_id_nor_by_a_forged_handle(
    client, centre_lead, anonymous, school, other_school
):
    answers = [need_answer(anonymous, org, "Fewer data returns") for org in (school,) * 3]
    client.force_login(centre_lead)
    assert client.get(f"/asks/from-answer/{answers[0].pk}/").status_code == 404
    handle = comment_handle(answers[0])
    forged = handle[:-2] + ("AA" if not handle.endswith("AA") else "BB")
    assert client.post(f"/asks/from-answer/{forged}/").status_code == 404
    assert not Ask.objects.exists()


def test_doers_cannot_make_asks_of_answers(client, doer_lead, attributed, school):
    answer = need_answer(attributed, school, "Fewer data returns")
    client.force_login(doer_lead)
    assert client.post(from_answer(answer)).status_code == 403


def answer_with_ask(client, pulse, person, text: str):
    pulse_services.launch(pulse)
    link = Invitation.objects.get(pulse=pulse, person=person).get_absolute_url()
    need = Question.objects.get(code="one_thing").pk
    page = client.get(link + "questions/").content.decode()
    assert "Also send this to the centre as an ask" in page
    return client.post(
        link + "questions/",
        {f"q{need}": text, f"q{need}_category": "money", f"q{need}_ask": "on"},
        follow=True,
    )


@pytest.mark.parametrize("anonymity", [Pulse.Anonymity.ATTRIBUTED, Pulse.Anonymity.ANONYMOUS])
def test_a_doer_sends_their_need_as_an_ask_while_answering(
    client, centre_lead, unit, school, doer_lead, anonymity
):
    pulse = make_pulse(centre_lead, unit, "Spring pulse", anonymity=anonymity)
    pulse.audience_organisations.set([school])
    done = answer_with_ask(client, pulse, doer_lead, "Money for a reading scheme")
    ask = Ask.objects.get()
    assert ask.reference in done.content.decode()
    assert (ask.raised_by, ask.organisation, ask.on_behalf) == (doer_lead, school, False)
    assert ask.source_pulse == pulse and ask.detail == "Money for a reading scheme"
    answer = Answer.objects.get(question__code="one_thing")
    assert ask.source_answer == (None if anonymity == Pulse.Anonymity.ANONYMOUS else answer)


def test_an_unticked_need_stays_in_the_pulse(client, centre_lead, unit, school, doer_lead):
    pulse = make_pulse(centre_lead, unit, "Spring pulse")
    pulse.audience_organisations.set([school])
    pulse_services.launch(pulse)
    link = Invitation.objects.get(pulse=pulse, person=doer_lead).get_absolute_url()
    need = Question.objects.get(code="one_thing").pk
    client.post(link + "questions/", {f"q{need}": "Time", f"q{need}_category": "other"})
    assert Answer.objects.filter(text="Time").exists() and not Ask.objects.exists()


def test_the_results_page_offers_to_make_each_need_an_ask_by_a_handle_new_on_each_page(
    client, centre_lead, anonymous, school
):
    answers = [need_answer(anonymous, school, f"Need number {n}") for n in range(3)]
    client.force_login(centre_lead)
    pages = [client.get(f"/scorecard/pulses/{anonymous.pk}/").content.decode() for _ in (1, 2)]
    handles = [set(re.findall(r'action="/asks/from-answer/([^/"]+)/"', page)) for page in pages]
    assert len(handles[0]) == len(handles[1]) == 3
    assert not handles[0] & handles[1], "the same comment is never offered twice the same way"
    for answer in answers:
        assert f"/asks/from-answer/{answer.pk}/" not in pages[0]
    opened = {disclosure.answer_for_handle(h) for h in handles[0]}
    assert opened == set(answers)
