"""Every page passes axe-core (WCAG 2.2 AA and best practice) for the people who can see it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from insideout.vocabulary import Role
from tests.browser.axe import assert_accessible
from tests.browser.conftest import sign_in_by_cookie
from tests.pages import ANONYMOUS, PAGES, Page

pytestmark = pytest.mark.browser

DATA_TYPES = {
    "application/json",
    "text/csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def viewers(page: Page) -> list[str]:
    """Someone signed out, if they may see the page, and one signed-in person who may: a doer
    lead or an admin where either may, since between them they meet every variant of the layout."""
    if page.signed_in_redirects:
        return [ANONYMOUS]
    preferred = [Role.DOER_LEAD, Role.ADMIN, *Role.values]
    signed_in = [role for role in preferred if role in page.allowed][:1]
    return [role for role in [ANONYMOUS] if role in page.allowed] + signed_in


def page_views() -> list:
    return [
        pytest.param(page, None if role == ANONYMOUS else role, id=f"{page.id}-{role}")
        for page in PAGES
        for role in viewers(page)
    ]


@pytest.mark.parametrize(("site_page", "role"), page_views())
def test_page_is_accessible(page, sign_in, world, site_page, role, person_in_role):
    if person_in_role is not None:
        sign_in(person_in_role)
    url = reverse(site_page.url_name, args=site_page.args(world))
    answer = page.request.get(url, max_redirects=0)
    assert answer.status == 200
    if not answer.headers["content-type"].startswith("text/html"):
        # Data (JSON, CSV, a spreadsheet) rather than a page: no markup for axe to check.
        assert answer.headers["content-type"].split(";")[0] in DATA_TYPES
        return
    page.goto(url)
    assert_accessible(page)


def test_sign_in_form_with_errors_is_accessible(page):
    page.goto(reverse("accounts:sign_in"))
    page.get_by_role("button", name="Send me a link").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)


def test_password_sign_in_with_errors_is_accessible(page, centre_officer):
    page.goto(reverse("accounts:password_sign_in"))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Enter your password")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("E-mail address").fill(centre_officer.email)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Enter a correct e-mail address and password")).to_be_visible()
    assert_accessible(page)


def test_organisation_search_with_no_results_is_accessible(page, sign_in, doer_lead):
    sign_in(doer_lead)
    page.goto(reverse("directory:organisations") + "?q=no+such+place&region=E12000001")
    expect(page.get_by_text("No organisations match")).to_be_visible()
    assert_accessible(page)


def test_used_sign_in_link_page_is_accessible(page):
    response = page.goto(reverse("accounts:sign_in_link", args=["not-a-real-token"]))
    assert response.status == 410
    assert_accessible(page)


def test_account_page_with_a_new_token_is_accessible(page, sign_in, centre_officer):
    sign_in(centre_officer)
    page.goto(reverse("accounts:account"))
    page.get_by_role("button", name="Make a token").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What is the token for?").fill("weekly export")
    page.get_by_role("button", name="Make a token").click()
    expect(page.get_by_text("Your new token")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/admin/", "/admin/directory/organisation/"])
def test_django_admin_is_accessible(new_context, admin_user, live_server, school, path):
    # axe copies @imported stylesheets into <style> elements, which the CSP refuses on pages
    # that @import (the admin's forms); harmless, but noise in the browser's console.
    context = new_context(bypass_csp=True)
    sign_in_by_cookie(context, admin_user, live_server.url)
    page = context.new_page()
    assert page.goto(path).status == 200
    assert_accessible(page)
