"""The asks' journeys in real Chromium, each page checked by axe on the way."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from insideout.asks import services
from insideout.vocabulary import Role
from tests.browser.axe import assert_accessible
from tests.factories import person_with_role, raised_ago

pytestmark = pytest.mark.browser


def test_a_doer_raises_an_ask_on_a_phone_after_seeing_similar_ones(
    page, sign_in, doer_lead, other_school, unit
):
    other = person_with_role(Role.DOER_LEAD, organisation=other_school)
    services.raise_ask(
        by=other,
        organisation=other_school,
        title="Money for a new boiler",
        category="money",
        suggested_unit=unit,
    )
    sign_in(doer_lead)
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/asks/new/")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What do you need?").fill("Boiler money")
    page.get_by_label("Money").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Is it one of these?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="None of these: continue").click()
    page.get_by_label("Urgent: it stops us working now").check()
    assert_accessible(page)
    page.get_by_role("button", name="Raise the ask").click()
    expect(page.get_by_text("Ask raised")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 800})


def test_an_officer_acts_on_an_ask_and_sees_a_refusal_explained(
    page, sign_in, centre_officer, doer_lead, school, unit
):
    ask = services.raise_ask(
        by=doer_lead,
        organisation=school,
        title="Phonics training",
        category="training",
        suggested_unit=unit,
    )
    raised_ago(ask, datetime.timedelta(days=9))
    sign_in(centre_officer)
    page.goto(f"/asks/units/{unit.pk}/")
    expect(page.get_by_text("1 late")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Phonics training").click()
    assert_accessible(page)
    page.get_by_text("Commit to do something").click()
    page.get_by_label("What will the centre do?").fill("A course in March")
    page.get_by_role("button", name="Commit").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    due = timezone.localdate() + datetime.timedelta(days=30)
    by_when = page.get_by_role("group", name="By when?")
    for part, value in (("Day", due.day), ("Month", due.month), ("Year", due.year)):
        by_when.get_by_label(part).fill(str(value))
    page.get_by_role("button", name="Commit").click()
    expect(page.get_by_text(f"{ask.reference} committed.")).to_be_visible()


def test_triage_and_its_rules_are_accessible(page, sign_in, centre_lead, doer_lead, school):
    services.raise_ask(
        by=doer_lead, organisation=school, title="Something unusual", category="other"
    )
    sign_in(centre_lead)
    page.goto("/asks/triage/")
    assert_accessible(page)
    page.goto("/asks/triage/rules/")
    page.get_by_role("button", name="Add the rule").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
