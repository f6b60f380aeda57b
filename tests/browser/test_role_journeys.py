"""Each role's journey from their start page, on a desktop and on a 390 px phone: every step
keeps to the screen's width, and the key steps pass axe."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from insideout.asks import services as asks
from insideout.asks.lifecycle import perform
from insideout.asks.models import Ask, HelpedAnswer
from insideout.directory.models import Membership
from insideout.pulses import services as pulses
from insideout.pulses.bank import ensure_standard_questions
from insideout.pulses.models import Pulse, Question, Response
from insideout.vocabulary import Role
from tests.browser.axe import assert_accessible
from tests.factories import OrganisationFactory, person_with_role, raised_ago

pytestmark = pytest.mark.browser

SCREENS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=list(SCREENS))
def screen(request, page) -> str:
    page.set_viewport_size(SCREENS[request.param])
    yield request.param
    page.set_viewport_size({"width": 1280, "height": 720})  # the shared tab's usual size


def fits(page: Page, axe: bool = False) -> None:
    """The step keeps to the screen's width (what is wider scrolls in its own box)."""
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} is {overflow} px wider than the screen"
    if axe:
        assert_accessible(page)


def a_pulse(unit, lead, title: str, **fields) -> Pulse:
    ensure_standard_questions(Question)
    today = timezone.localdate()
    pulse = Pulse.objects.create(
        title=title,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=14),
        created_by=lead,
        **fields,
    )
    pulse.units.set([unit])
    for position, question in enumerate(Question.objects.filter(is_standard=True)):
        pulse.pulse_questions.create(question=question, position=position)
    return pulse


def open_form(page: Page, summary: str) -> None:
    """Open the action's details box, unless it is the one the page opened already."""
    box = page.locator("details", has=page.locator("summary", has_text=summary)).first
    if box.get_attribute("open") is None:
        box.locator("summary").click()


def delivered(ask: Ask, officer) -> Ask:
    perform(ask, "commit", officer, commitment="A grant", due_on=timezone.localdate())
    return perform(ask, "deliver", officer, note="The grant was paid in March.")


def test_a_doer_member_answers_a_pulse_and_says_whether_a_shared_ask_helped(
    page, screen, sign_in, doer_member, school, unit, centre_lead, centre_officer
):
    pulse = a_pulse(unit, centre_lead, "Spring pulse")
    pulse.audience_organisations.set([school])
    pulses.launch(pulse)
    raiser = person_with_role(Role.DOER_LEAD, organisation=OrganisationFactory())
    ask = asks.raise_ask(
        by=raiser,
        organisation=raiser.memberships.get().organisation,
        title="Money for a new boiler",
        category="money",
        suggested_unit=unit,
    )
    asks.join(ask, doer_member)
    delivered(ask, centre_officer)
    sign_in(doer_member)

    page.goto("/")
    expect(page.get_by_role("heading", name="Pulses waiting for your answers")).to_be_visible()
    fits(page, axe=True)
    page.get_by_role("link", name="Spring pulse").click()
    page.get_by_label(unit.name).check()
    page.get_by_role("button", name="Continue").click()
    scale = page.get_by_role("group", name=re.compile(f"recommend {unit.name}"))
    scale.get_by_label("9").check()
    rows = scale.evaluate(
        "group => new Set([...group.querySelectorAll('input[type=radio]')]"
        ".map(r => Math.round(r.getBoundingClientRect().top))).size"
    )
    assert rows <= 2, f"the 0 to 10 scale takes {rows} rows"  # not 11 stacked buttons
    fits(page, axe=True)
    page.get_by_label("What one thing would help you most").fill("One data return a year")
    page.get_by_label("Fewer burdens").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    fits(page)
    assert Response.objects.filter(pulse=pulse).count() == 1

    page.goto("/")
    page.get_by_role("link", name="Money for a new boiler").first.click()
    page.get_by_label("Yes, it did what we needed").check()
    fits(page, axe=True)
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_text("Yes: 1")).to_be_visible()
    fits(page)
    assert HelpedAnswer.objects.get().organisation == school


def test_a_doer_lead_raises_an_ask_says_it_partly_helped_and_invites_a_colleague(
    page, screen, sign_in, mailoutbox, doer_lead, school, unit, centre_officer
):
    sign_in(doer_lead)
    page.goto("/")
    page.get_by_role("link", name="Raise an ask").click()
    page.get_by_label("What do you need?").fill("Funded mentor time for new teachers")
    page.get_by_label("Training").check()
    fits(page, axe=True)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Urgent: it stops us working now").check()
    page.get_by_role("button", name="Raise the ask").click()
    expect(page.get_by_text("Ask raised")).to_be_visible()
    fits(page)

    ask = Ask.objects.get()
    ask.unit = unit
    ask.save(update_fields=["unit"])
    delivered(ask, centre_officer)
    page.goto("/")
    expect(page.get_by_text("Did it help?").first).to_be_visible()
    page.get_by_role("link", name="Funded mentor time for new teachers").first.click()
    page.get_by_label("Partly: something is still missing").check()
    page.get_by_role("button", name="Send my answer").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    fits(page, axe=True)
    page.get_by_label(re.compile("What is still missing")).fill("Only half the new teachers")
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_text("Partly: 1")).to_be_visible()
    fits(page)
    ask.refresh_from_db()
    assert ask.status == "reopened"

    page.goto("/")
    page.get_by_role("link", name="Give someone a role").first.click()
    page.get_by_label("Full name").fill("Nia New")
    page.get_by_label("E-mail address").fill("nia@moorside.example.org")
    page.get_by_label("Doer member").check()
    fits(page, axe=True)
    page.get_by_role("button", name="Give the role and e-mail them").click()
    expect(page.get_by_text("Nia New is now doer member at Moorside")).to_be_visible()
    fits(page)
    assert any(m.to == ["nia@moorside.example.org"] for m in mailoutbox)


def test_an_officer_works_the_queue_from_late_to_delivered(
    page, screen, sign_in, centre_officer, doer_lead, school, unit
):
    ask = asks.raise_ask(
        by=doer_lead,
        organisation=school,
        title="Phonics training",
        category="training",
        suggested_unit=unit,
    )
    raised_ago(ask, datetime.timedelta(days=20))
    sign_in(centre_officer)
    page.goto("/")
    expect(page.get_by_role("heading", name="Your unit's queue")).to_be_visible()
    fits(page)
    page.get_by_role("link", name=unit.name).first.click()
    expect(page.get_by_text("1 late")).to_be_visible()
    fits(page, axe=True)
    page.get_by_role("link", name="Phonics training").click()
    page.get_by_role("button", name="Acknowledge").click()
    expect(page.get_by_text(f"{ask.reference} acknowledged.")).to_be_visible()
    open_form(page, "Commit to do something")
    page.get_by_label("What will the centre do?").fill("A course in March")
    due = timezone.localdate() + datetime.timedelta(days=30)
    by_when = page.get_by_role("group", name="By when?")
    by_when.get_by_label("Day").fill(str(due.day))
    by_when.get_by_label("Month").fill(str(due.month))
    by_when.get_by_label("Year").fill(str(due.year))
    fits(page, axe=True)
    page.get_by_role("button", name="Commit").click()
    expect(page.get_by_text(f"{ask.reference} committed.")).to_be_visible()
    open_form(page, "Mark as delivered")
    page.get_by_label("What was done?").fill("A phonics course ran in March for ten schools.")
    page.get_by_role("button", name="Preview what the public will see").click()
    fits(page, axe=True)
    page.get_by_role("button", name="Publish and mark as delivered").click()
    expect(page.get_by_text(f"{ask.reference} marked as delivered.")).to_be_visible()
    fits(page)


def test_a_lead_edits_a_draft_pulse_checks_it_launches_and_closes_it_with_a_play_back(
    page, screen, sign_in, mailoutbox, centre_lead, unit, doer_lead, other_school
):
    person_with_role(Role.DOER_LEAD, organisation=other_school)  # in another region: not asked
    pulse = a_pulse(
        unit, centre_lead, "Autumn pulse", audience_types=["school"], audience_regions=["E12000007"]
    )
    other_school.region = "E12000001"
    other_school.save(update_fields=["region"])
    sign_in(centre_lead)
    page.goto("/")
    page.get_by_role("link", name="Autumn pulse").click()
    expect(page.get_by_text("1 doer in 1 organisation")).to_be_visible()
    page.get_by_role("link", name="Change the dates").click()
    expect(page.get_by_label("School", exact=True)).to_be_checked()
    expect(page.get_by_role("group", name="Opens on").get_by_label("Day")).to_have_value(
        str(pulse.opens_on.day)
    )
    page.get_by_label("Title").fill("Autumn term pulse")
    fits(page, axe=True)
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Changes saved.")).to_be_visible()
    page.get_by_role("link", name="Check and launch").click()
    expect(page.get_by_text("1 doer in 1 organisation")).to_be_visible()
    fits(page, axe=True)
    page.get_by_role("button", name="Launch and send 1 invitation").click()
    expect(page.get_by_text("Pulse launched")).to_be_visible()
    assert [m.to for m in mailoutbox] == [[doer_lead.email]]

    page.get_by_role("link", name="Close the pulse and play back results").click()
    expect(page.get_by_role("heading", name="Close the pulse and play back")).to_be_visible()
    assert page.get_by_role("textbox").first.input_value().strip()  # drafted from the results
    page.get_by_role("button", name="Preview the play-back").click()
    expect(page.get_by_role("heading", name=re.compile("will read"))).to_be_visible()
    fits(page, axe=True)
    page.get_by_role("button", name=re.compile("Close and send to 1 doer")).click()
    expect(page.get_by_text(re.compile("closed", re.IGNORECASE)).first).to_be_visible()
    fits(page)
    assert Pulse.objects.get(pk=pulse.pk).status == Pulse.Status.CLOSED


def test_an_analyst_finds_the_exports_on_their_start_page(page, screen, sign_in, analyst):
    sign_in(analyst)
    page.goto("/")
    expect(page.get_by_role("heading", name="Exports")).to_be_visible()
    fits(page, axe=True)
    export = page.get_by_role("link", name="Scorecard of every unit (CSV)")
    answer = page.request.get(export.get_attribute("href"))
    assert answer.status == 200
    assert answer.headers["content-type"].startswith("text/csv")


def test_an_admin_invites_a_doer_lead_and_changes_their_role(
    page, screen, sign_in, mailoutbox, admin_user, school
):
    sign_in(admin_user)
    page.goto("/")
    expect(page.get_by_role("heading", name="People and roles")).to_be_visible()
    fits(page)
    page.get_by_role("link", name="Give someone a role").first.click()
    page.get_by_label("Full name").fill("Dee Lead")
    page.get_by_label("E-mail address").fill("dee@moorside.example.org")
    page.get_by_label("Doer lead").check()
    page.get_by_label("Organisation (for doers and frontline partners)").fill(school.external_id)
    fits(page, axe=True)
    page.get_by_role("button", name="Give the role and e-mail them").click()
    expect(page.get_by_text("Dee Lead is now doer lead at Moorside Primary School")).to_be_visible()
    page.get_by_label("New role").select_option(label="Doer member")
    page.get_by_role("button", name=re.compile("Change the role")).click()
    expect(page.locator(".govuk-notification-banner__heading")).to_contain_text("Role changed")
    fits(page, axe=True)
    membership = Membership.objects.get(person__email="dee@moorside.example.org")
    assert membership.role == Role.DOER_MEMBER
    assert len([m for m in mailoutbox if m.to == ["dee@moorside.example.org"]]) == 2


def test_a_frontline_partner_starts_from_their_cases(page, screen, sign_in, frontline_partner):
    sign_in(frontline_partner)
    page.goto("/")
    expect(page.get_by_role("heading", name="Your cases")).to_be_visible()
    fits(page, axe=True)
    page.get_by_role("link", name="Open a case").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    fits(page, axe=True)
