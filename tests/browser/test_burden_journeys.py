"""The burden ledger's and the priorities' journeys in real Chromium, each page checked by axe
on the way, the doer's on a phone."""

import datetime
from decimal import Decimal

import pytest
from django.urls import get_resolver
from django.utils import timezone
from playwright.sync_api import expect

from insideout.burdens import services
from insideout.burdens.models import Report, Requirement, State
from insideout.priorities.models import Priority
from insideout.vocabulary import Role
from tests.browser.axe import assert_accessible
from tests.factories import OrganisationFactory, person_with_role

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True, scope="module")
def _every_view_imported():
    """The live server's first request imports every app's views, which on a busy machine can
    take longer than a page may: import them here, before the journeys are timed."""
    assert get_resolver().url_patterns


SIDEWAYS = "() => document.documentElement.scrollWidth - window.innerWidth"


def requirement(unit, **fields) -> Requirement:
    today = timezone.localdate()
    defaults = {
        "title": "School census return",
        "kind": "return",
        "owner_unit": unit,
        "frequency": "monthly",
        "first_due_on": today - datetime.timedelta(days=10),
        "starts_on": today - datetime.timedelta(days=40),
        "estimated_hours": Decimal("2"),
        "state": State.ACTIVE,
        "audience_types": ["school"],
    }
    return Requirement.objects.create(**{**defaults, **fields})


def fill_date(page, legend: str, day: datetime.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_a_doer_says_on_a_phone_what_a_return_really_took(page, sign_in, doer_lead, unit):
    census = requirement(unit)
    sign_in(doer_lead)
    page.set_viewport_size(PHONE)
    page.goto("/burdens/calendar/")  # "Reports to make" on the start page leads here
    expect(page.get_by_role("heading", name="Your burden calendar")).to_be_visible()
    assert_accessible(page)
    assert page.evaluate(SIDEWAYS) <= 0
    page.get_by_role("link", name="School census return").first.click()
    expect(page.get_by_text("The centre estimates it takes 2 hours each time")).to_be_visible()
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("How many hours did it take your organisation?").fill("5.5")
    page.get_by_label("Not useful at all").check()
    page.get_by_label("Anything to add? (optional)").fill("The same numbers as the census")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("your report on School census return is in")).to_be_visible()
    assert_accessible(page)
    report = Report.objects.get()
    assert (report.requirement, report.hours, report.usefulness) == (census, Decimal("5.5"), 1)
    page.set_viewport_size({"width": 1280, "height": 800})


def test_a_unit_proposes_a_requirement_and_a_reviewer_outside_it_approves_it(
    page, sign_in, centre_officer, unit, other_unit
):
    for _ in range(3):
        OrganisationFactory(type="school")
    today = timezone.localdate()
    sign_in(centre_officer)
    page.goto("/burdens/")
    assert_accessible(page)
    page.get_by_role("button", name="Propose a requirement").click()
    page.get_by_role("button", name="Propose it").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What is it called?").fill("Termly attendance snapshot")
    page.get_by_label("Return", exact=True).check()
    page.get_by_label("Termly").check()
    fill_date(page, "First due date", today + datetime.timedelta(days=30))
    fill_date(page, "Starts on", today)
    page.get_by_label("Hours each doer spends on each occurrence").fill("3")
    page.get_by_role("group", name="Which kinds of organisation does it land on?").get_by_label(
        "School"
    ).check()
    page.get_by_role("button", name="Propose it").click()
    expect(page.get_by_role("heading", name="Assess its burden")).to_be_visible()
    expect(page.get_by_text("27 a year")).to_be_visible()  # 3 terms, 3 hours, 3 schools
    assert_accessible(page)
    page.get_by_role("button", name="Send it to scrutiny").click()
    expect(page.get_by_text("is in the scrutiny queue")).to_be_visible()
    assert_accessible(page)

    reviewer = person_with_role(Role.CENTRE_LEAD, centre_unit=other_unit)
    sign_in(reviewer)
    page.goto("/burdens/scrutiny/")
    assert_accessible(page)
    page.get_by_role("link", name="Decide on Termly attendance snapshot").click()
    page.get_by_label("Approve: it goes into force").check()
    page.get_by_label("Your reason").fill("Light, and the attendance data is needed termly")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Nothing is waiting for scrutiny")).to_be_visible()
    assert Requirement.objects.get(title="Termly attendance snapshot").state == State.ACTIVE


def test_a_doers_proposal_to_retire_a_return_is_answered_in_public(
    page, sign_in, doer_lead, centre_lead, unit, new_context, live_server
):
    census = requirement(unit)
    sign_in(doer_lead)
    page.goto(census.get_absolute_url())
    assert_accessible(page)
    page.get_by_role("link", name="Propose to retire or simplify it").click()
    page.get_by_label("Retire it").check()
    page.get_by_label("Why?").fill("The same figures are in the school census")
    page.get_by_role("button", name="Send the proposal").click()
    expect(page.get_by_text("the owning unit will decide")).to_be_visible()

    sign_in(centre_lead)
    page.goto("/burdens/proposals/")
    assert_accessible(page)
    page.get_by_role(
        "link", name="Decide on the proposal to retire it: School census return"
    ).click()
    page.get_by_label("Accept it").check()
    page.get_by_label("Your reason").fill("We will read the census instead")
    page.get_by_role("button", name="Publish the decision").click()
    expect(page.get_by_text("the decision and its reason are now public")).to_be_visible()

    public = new_context().new_page()
    public.goto(live_server.url + "/you-said-we-did/")
    expect(public.get_by_text("We will read the census instead")).to_be_visible()
    assert_accessible(public)
    census.refresh_from_db()
    assert census.state == State.RETIRED


def test_leadership_sets_a_priority_weighs_it_and_sees_mandate_beside_demand(
    page, sign_in, admin_user, unit
):
    sign_in(admin_user)
    page.goto("/priorities/")
    page.get_by_role("button", name="Add a priority").click()
    page.get_by_label("The priority, in a line").fill("Every child reads well by 11")
    page.get_by_label("What it will achieve, and for whom").fill("Phonics in every school")
    page.get_by_label("Which unit owns it?").select_option(label=unit.name)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Every child reads well by 11")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Add a measure").click()
    page.get_by_label("What is measured").fill("Pupils reading well at 11")
    page.get_by_label("Higher is better").check()
    page.get_by_label("Target (optional)").fill("90")
    page.get_by_role("button", name="Add it").click()
    for month, value in ((9, "72"), (10, "74")):
        fill_date(page, "For the period starting", datetime.date(2026, month, 1))
        page.get_by_label("Value").fill(value)
        page.get_by_role("button", name="Record it").click()
        expect(page.get_by_text("The value is recorded")).to_be_visible()
    assert_accessible(page)
    page.goto("/priorities/weights/")
    page.get_by_label("Every child reads well by 11").fill("40")
    page.get_by_role("button", name="Set the weights").click()
    expect(page.get_by_text("The weights are set")).to_be_visible()
    assert Priority.objects.get().weight == 40
    page.goto("/priorities/balance/")
    expect(page.get_by_role("heading", name="Mandate without demand")).to_be_visible()
    assert_accessible(page)
    page.goto("/priorities/overview/")
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert page.evaluate(SIDEWAYS) <= 0
    page.set_viewport_size({"width": 1280, "height": 800})


def test_the_ledger_shows_a_requirements_reports_only_once_enough_organisations_report(
    page, sign_in, doer_lead, unit
):
    long_ago = timezone.localdate() - datetime.timedelta(days=600)
    census = requirement(unit, first_due_on=long_ago, starts_on=long_ago)
    schools = [OrganisationFactory(type="school") for _ in range(5)]
    quarters = services.schedule.quarters_up_to(
        services.schedule.Quarter.of(timezone.localdate()).previous(2), 2
    )
    for due_on in census.due_dates(quarters[0].start, quarters[-1].end):
        for school in schools:
            Report.objects.create(
                requirement=census,
                organisation=school,
                organisation_type="school",
                due_on=due_on,
                hours=6,
                estimated_hours=2,
                usefulness=2,
                reported_by=doer_lead,
            )
    sign_in(doer_lead)
    page.goto(census.get_absolute_url())
    expect(page.get_by_text("3.0 times the estimate")).to_be_visible()
    assert_accessible(page)
