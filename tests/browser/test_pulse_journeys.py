"""A pulse end to end: a centre lead runs it, a doer answers on a phone, the scorecard shows it."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from insideout.pulses.bank import ensure_standard_questions
from insideout.pulses.models import Pulse, Question, Response
from insideout.vocabulary import Role
from tests.factories import OrganisationFactory, person_with_role

pytestmark = pytest.mark.browser


def test_a_lead_runs_a_pulse_and_a_doer_answers_it_on_a_phone(
    page, new_context, sign_in, mailoutbox, centre_lead, unit, doer_lead
):
    ensure_standard_questions(Question)
    sign_in(centre_lead)
    page.goto("/pulses/new/")
    page.get_by_label("Title").fill("Spring term pulse")
    page.get_by_label("Termly").check()
    today = timezone.localdate()
    for legend, day in (("Opens on", today), ("Closes on", today + datetime.timedelta(days=14))):
        date_input = page.get_by_role("group", name=legend)
        for part, value in (("Day", day.day), ("Month", day.month), ("Year", day.year)):
            date_input.get_by_label(part).fill(str(value))
    page.get_by_label("Anonymous").check()
    page.get_by_role("button", name="Save draft").click()
    page.get_by_role("link", name="Check and launch").click()
    expect(page.get_by_text("1 doer in")).to_be_visible()
    page.get_by_role("button", name=re.compile("Launch and send 1 invitation")).click()
    expect(page.get_by_text("Pulse launched")).to_be_visible()

    invitation = next(m for m in mailoutbox if m.to == [doer_lead.email])
    link = urlsplit(re.search(r"https?://\S+/pulses/answer/\S+/", invitation.body).group()).path

    phone = new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    doer = phone.new_page()
    doer.goto(link)
    doer.get_by_label(unit.name).check()
    doer.get_by_role("button", name="Continue").click()
    scale = doer.get_by_role("group", name=re.compile(f"recommend {unit.name}"))
    scale.get_by_label("9").check()
    doer.get_by_role("group", name="The centre makes it easier for me to do my job").get_by_label(
        "Agree", exact=True
    ).check()
    doer.get_by_label("What one thing would help you most").fill("A single data return a year")
    doer.get_by_label("Fewer burdens").check()
    doer.get_by_role("button", name="Save and come back later").click()
    expect(doer.get_by_role("heading", name="Your answers are saved")).to_be_visible()

    doer.goto(link + "questions/")
    expect(doer.get_by_label("What one thing would help you most")).to_have_value(
        "A single data return a year"
    )
    doer.get_by_role("button", name="Send my answers").click()
    expect(doer.get_by_role("heading", name="Thank you")).to_be_visible()
    assert Response.objects.filter(pulse__title="Spring term pulse").count() == 1

    page.goto(f"/pulses/{Pulse.objects.get().pk}/")
    # An anonymous pulse never says that 1 doer answered: a group that small is "fewer than 5".
    expect(page.get_by_text("Fewer than 5 of 1 doers have answered")).to_be_visible()


def test_the_scorecard_hides_a_unit_heard_from_by_too_few(page, sign_in, centre_officer, unit):
    ensure_standard_questions(Question)
    today = timezone.localdate()
    pulse = Pulse.objects.create(
        title="Winter pulse", opens_on=today, closes_on=today + datetime.timedelta(days=7)
    )
    pulse.units.set([unit])
    pulse.pulse_questions.create(question=Question.objects.get(code="recommend"))
    from insideout.pulses import services

    for i in range(3):
        person_with_role(Role.DOER_LEAD, organisation=OrganisationFactory(), full_name=f"Head {i}")
    services.launch(pulse)
    for invitation in pulse.invitations.all():
        services.submit(
            invitation,
            services.Submission(
                units_dealt_with=[unit.pk],
                unit_scores={(Question.objects.get(code="recommend").pk, unit.pk): 10},
                agreements={},
                needs={},
                texts={},
            ),
        )
    Pulse.objects.filter(pk=pulse.pk).update(status=Pulse.Status.CLOSED)  # the league's pulses
    sign_in(centre_officer)
    page.goto("/scorecard/")
    row = page.get_by_role("row", name=re.compile(unit.name)).first
    expect(row).to_contain_text("Not enough responses to rank")
    expect(page.locator("table").first).not_to_contain_text("+100")
