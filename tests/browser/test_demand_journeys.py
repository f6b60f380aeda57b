"""Demand's journeys in real Chromium: the analyst's, and the citizen's; each page checked by axe
on the way, and at 390 px wide nothing scrolls sideways."""

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import expect

from insideout.demand import services as rules
from insideout.demand.models import Contact, Service
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.browser


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.fixture
def energy(unit):
    service = Service.objects.create(
        code="ENERGY-HELP", name="Help with energy bills", unit=unit, open311=True
    )
    start = datetime(2025, 1, 6, 10, tzinfo=UTC)
    Contact.objects.bulk_create(
        Contact(
            service=service,
            channel="phone",
            received_at=start + timedelta(days=i),
            text="Still waiting for my grant" if i % 3 else "How do I apply for help",
            demand_type="failure" if i % 3 else "value",
            failure_cause="progress_chasing" if i % 3 else "",
            place="Leeds",
            classified_by="model",
            confidence=0.5 + (i % 50) / 100,
            resolved_at=start + timedelta(days=i + 4),
        )
        for i in range(120)
    )
    return service


def test_an_analyst_reads_the_charts_and_teaches_the_classifier_on_a_phone(
    page, sign_in, analyst, energy
):
    sign_in(analyst)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/")
    page.get_by_role("link", name="Value and failure demand").click()
    expect(
        page.get_by_role("heading", name="Value and failure demand, week by week")
    ).to_be_visible()
    expect(page.locator("figure#failure-xmr svg")).to_be_visible()
    no_sideways_scroll(page)
    assert_accessible(page)
    page.get_by_label("Service", exact=True).select_option(label="Help with energy bills")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("figure#value-xmr")).to_be_visible()
    page.get_by_role("link", name="Failure demand", exact=True).click()
    expect(page.locator("figure#pareto svg")).to_be_visible()
    no_sideways_scroll(page)
    assert_accessible(page)
    page.get_by_role("link", name="Review queue").click()
    first = page.locator(".govuk-summary-card").first
    first.get_by_label("Failure demand", exact=True).check()
    first.get_by_label("If failure demand, what caused it?").select_option("progress_chasing")
    first.get_by_role("button", name="Save label").click()
    expect(page.get_by_text("The next model learns from it")).to_be_visible()
    no_sideways_scroll(page)
    assert_accessible(page)
    assert Contact.objects.filter(classified_by="analyst").count() == 1
    page.set_viewport_size({"width": 1280, "height": 800})


def test_a_citizen_reports_follows_and_says_it_was_not_put_right(page, energy):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/report/")
    page.get_by_role("button", name="Send the report").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What is it about?").select_option(label="Help with energy bills")
    page.get_by_label("Tell us what happened").fill("My grant has not arrived")
    page.get_by_role("button", name="Send the report").click()
    expect(page.get_by_role("heading", name="Your report")).to_be_visible()
    assert_accessible(page)
    no_sideways_scroll(page)
    contact = Contact.objects.get(channel="web")
    rules.resolve(contact, "Paid on Friday")
    page.reload()
    page.get_by_role("group", name="Was it put right?").get_by_label("No").check()
    page.get_by_role("group", name="Was what mattered to you met?").get_by_label("No").check()
    page.get_by_role("button", name="Send your answer").click()
    expect(page.get_by_text("You told us it was not put right")).to_be_visible()
    assert_accessible(page)
    assert Contact.objects.filter(classified_by="citizen", service=energy).count() == 1
    page.set_viewport_size({"width": 1280, "height": 800})
