"""Keyboard only: the skip link, forms, the error summary, and focus that can always be seen."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import STAFF_PASSWORD

pytestmark = pytest.mark.browser

# What has focus, and whether it shows: an outline that is not transparent, or GOV.UK's
# yellow-and-black box shadow.
FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
        && style.outlineColor !== 'rgba(0, 0, 0, 0)';
    return {
        element: el === document.body ? 'body' : el.outerHTML.slice(0, 120),
        id: el.id, classes: el.className,
        visible: outline || style.boxShadow !== 'none',
    };
}"""


def focused(page: Page) -> dict:
    return page.evaluate(FOCUSED)


def tab_to(page: Page, element_id: str, limit: int = 40) -> None:
    """Press Tab until the element has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page)["id"] == element_id:
            return
    raise AssertionError(f"#{element_id} not reached in {limit} presses of Tab")


def test_skip_link_comes_first_and_moves_focus_to_the_main_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    first = focused(page)
    assert "govuk-skip-link" in first["classes"]
    assert first["visible"]
    expect(page.get_by_role("link", name="Skip to main content")).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main-content"


@pytest.mark.parametrize("path", ["/sign-in/", "/directory/organisations/"])
def test_every_control_shows_where_the_focus_is(page, sign_in, doer_lead, path):
    sign_in(doer_lead)
    page.goto(path)
    seen = []
    for _ in range(80):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["element"] == "body" or (seen and now == seen[0]):
            break
        seen.append(now)
    assert len(seen) > 5
    assert [f["element"] for f in seen if not f["visible"]] == []


def test_staff_sign_in_with_the_keyboard_alone(page, centre_officer):
    page.goto("/sign-in/password/")
    tab_to(page, "id_username")
    page.keyboard.type(centre_officer.email)
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_password"
    page.keyboard.type(STAFF_PASSWORD)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Sign in")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text(f"Signed in as {centre_officer.full_name}")).to_be_visible()


def test_doer_asks_for_a_link_with_the_keyboard_alone(page, doer_member):
    page.goto("/sign-in/")
    tab_to(page, "id_email")
    page.keyboard.type(doer_member.email)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()


def test_error_summary_takes_focus_and_its_links_lead_to_the_fields(page):
    page.goto("/sign-in/")
    page.get_by_role("button", name="Send me a link").press("Enter")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    page.keyboard.press("Tab")
    error_link = summary.get_by_role("link", name="Enter your work e-mail address")
    expect(error_link).to_be_focused()
    page.keyboard.press("Enter")
    email = page.get_by_label("Work e-mail address")
    expect(email).to_be_focused()
    expect(email).to_have_attribute("aria-describedby", "id_email_helptext id_email-error")
