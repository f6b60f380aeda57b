"""Pulling capabilities in real Chromium, each page checked by axe on the way: a partner goes
from a person's words to a pulled service and its outcome; a provider answers a pull and keeps
its capacity current; the centre sees the unmet needs."""

import re

import pytest
from playwright.sync_api import expect

from insideout.cases import services
from insideout.cases.lifecycle import make_pull, perform
from insideout.cases.models import Pull
from insideout.cases.unmet import record_unmet
from tests.browser.axe import assert_accessible
from tests.factories import case_for, service_for

pytestmark = pytest.mark.browser


def test_a_partner_goes_from_a_persons_words_to_a_pulled_service_and_its_outcome(
    page, sign_in, frontline_partner, provider, provider_organisation
):
    service_for(
        provider_organisation,
        name="Tenancy rescue",
        description="Help with rent arrears, eviction notices and talking to landlords.",
    )
    sign_in(frontline_partner)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/cases/new/")
    page.get_by_role("button", name="Open the case").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your reference for them").fill("JB-2207")
    page.get_by_label("A family").check()
    page.get_by_label("How many people?").fill("3")
    page.get_by_label("Where do they live?").select_option(label="Leeds")
    page.get_by_label("What matters to them, in their own words").fill(
        "My kids staying at their school"
    )
    page.get_by_label("They agree to share").check()
    page.get_by_role("button", name="Open the case").click()
    expect(page.get_by_role("heading", name="JB-2207")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Add a need").click()
    page.get_by_label("What kind of help?").select_option(label="Housing and homelessness")
    page.get_by_label("What do they need?").fill("Behind on rent, eviction notice served")
    page.get_by_role("button", name="Add the need and find services").click()
    expect(page.get_by_role("heading", name="Services for this need")).to_be_visible()
    expect(page.get_by_text("Serves Leeds")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile(r"^Pull this service.*Tenancy rescue")).click()
    assert_accessible(page)
    page.get_by_role("button", name="Pull the service").click()
    expect(page.get_by_text("Sent", exact=True)).to_be_visible()
    assert_accessible(page)

    pull = Pull.objects.get()
    for action in ("accept", "start"):
        perform(pull, action, provider)
    perform(pull, "complete", provider, note="Payment plan agreed with the landlord")
    page.reload()
    # The only thing left to do, so its form is open already.
    page.get_by_label("Yes").check()
    page.get_by_label("Did it help? In their own words").fill("We are staying")
    page.get_by_role("button", name="Record whether it helped").click()
    expect(page.get_by_text("“We are staying”")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 800})


def test_a_provider_answers_a_pull_and_updates_capacity(
    page, sign_in, frontline_partner, provider, provider_organisation
):
    service = service_for(provider_organisation, name="Tenancy rescue")
    case = case_for(frontline_partner, what_matters="Staying near my mum")
    need = services.record_need(case, frontline_partner, category="housing", text="Arrears")
    pull = make_pull(need, service, frontline_partner, "Two months behind on rent")
    sign_in(provider)
    page.goto("/")
    page.get_by_role("link", name="New pulls").click()
    assert_accessible(page)
    page.get_by_role("link", name=f"{pull.reference}: Tenancy rescue").click()
    expect(page.get_by_text("Two months behind on rent")).to_be_visible()
    expect(page.get_by_text("Staying near my mum")).to_have_count(0)
    assert_accessible(page)
    page.locator("summary", has_text="Put on the waiting list").click()
    page.get_by_label("How long they may wait (optional)").fill("About three weeks")
    page.get_by_role("button", name="Put on the waiting list").click()
    expect(page.get_by_text("On the waiting list", exact=True)).to_be_visible()

    page.goto("/catalogue/yours/")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^Update capacity.*Tenancy rescue")).click()
    page.get_by_label("How many people can start this week?").fill("0")
    page.get_by_label("How long is the wait to start, in weeks?").fill("3")
    page.get_by_role("button", name="Save capacity").click()
    expect(page.get_by_text("Waiting list: about 3 weeks")).to_be_visible()
    assert_accessible(page)


def test_the_centre_sees_unmet_needs_that_name_nobody(page, sign_in, frontline_partner, analyst):
    for i in range(7):
        case = case_for(frontline_partner, reference=f"R{i}")
        need = services.record_need(
            case, frontline_partner, category="housing", text="Nowhere to stay"
        )
        record_unmet(need, frontline_partner)
    sign_in(analyst)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/cases/unmet-needs/")
    expect(page.get_by_role("table", name="Cases by kind of need and region")).to_be_visible()
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    page.set_viewport_size({"width": 1280, "height": 800})
