"""Whole journeys through the site, as people take them, in real headless Chromium."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from insideout.accounts.models import User
from insideout.directory.models import CentreUnit, Organisation
from tests.factories import STAFF_PASSWORD, CentreUnitFactory, OrganisationFactory

pytestmark = pytest.mark.browser

LONDON, NORTH_EAST = "E12000007", "E12000001"


def sign_in_with_password(page: Page, person: User) -> None:
    page.goto("/sign-in/password/")
    page.get_by_label("E-mail address").fill(person.email)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text(f"Signed in as {person.full_name}")).to_be_visible()


def sign_in_link_in(body: str) -> str:
    """The path of the sign-in link in an e-mail, to open on the test server."""
    match = re.search(r"https?://\S+/sign-in/link/\S+/", body)
    assert match, f"no sign-in link in:\n{body}"
    return urlsplit(match.group()).path


def test_doer_signs_in_with_a_link_sent_by_email(page, live_server, mailoutbox, doer_lead):
    page.goto("/")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Work e-mail address").fill(doer_lead.email.upper())
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()

    assert [message.to for message in mailoutbox] == [[doer_lead.email]]
    link = sign_in_link_in(mailoutbox[0].body)
    page.goto(link)
    expect(page.get_by_role("heading", name="Continue signing in")).to_be_visible()
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_text(f"Signed in as {doer_lead.full_name}")).to_be_visible()

    page.context.clear_cookies()
    assert page.goto(link).status == 410
    expect(page.get_by_role("heading", name="This link no longer works")).to_be_visible()
    expect(page.get_by_text("Signed in as")).to_have_count(0)


def test_centre_staff_sign_in_and_browse_from_unit_to_person(
    page, unit, centre_lead, centre_officer
):
    department = CentreUnitFactory(name="Department for Doing", kind=CentreUnit.Kind.DEPARTMENT)
    directorate = CentreUnitFactory(
        name="Schools Directorate", parent=department, kind=CentreUnit.Kind.DIRECTORATE
    )
    CentreUnit.objects.filter(pk=unit.pk).update(parent=directorate)

    sign_in_with_password(page, centre_lead)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Directory").click()
    page.get_by_role("main").get_by_role("link", name="Centre units", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Centre units")
    tree = page.get_by_role("main")
    for name in ("Department for Doing", "Schools Directorate", "School Funding Unit"):
        expect(tree.get_by_role("link", name=name)).to_be_visible()

    tree.get_by_role("link", name="School Funding Unit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("School Funding Unit")
    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb")
    expect(breadcrumbs.get_by_role("link")).to_have_text(
        ["Centre units", "Department for Doing", "Schools Directorate"]
    )

    page.get_by_role("link", name="Omar Officer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Omar Officer")
    expect(page.get_by_role("link", name=centre_officer.email)).to_be_visible()
    expect(page.get_by_role("link", name="School Funding Unit")).to_be_visible()


def test_search_organisations_by_name_and_region_across_pages(page, sign_in, doer_lead):
    for n in range(30):
        OrganisationFactory(name=f"Oakfield School {n:02}", region=LONDON)
    for n in range(3):
        OrganisationFactory(name=f"Oakfield Academy {n}", region=NORTH_EAST)
    OrganisationFactory(name="Elm Tree School", region=LONDON)
    sign_in(doer_lead)

    page.goto("/directory/organisations/")
    page.get_by_label("Name or identifier").fill("oakfield")
    page.get_by_label("Region").select_option(label="London")
    page.get_by_role("button", name="Search").click()
    results = page.get_by_role("main").get_by_role("table").locator("tbody tr")
    expect(results).to_have_count(25)
    expect(results.first).to_contain_text("Oakfield School 00")

    page.get_by_role("link", name="Next page").click()
    expect(results).to_have_count(5)
    expect(results.last).to_contain_text("Oakfield School 29")
    expect(results.filter(has_text="London")).to_have_count(5)
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"q": ["oakfield"], "region": [LONDON], "page": ["2"]}
    expect(page.get_by_label("Name or identifier")).to_have_value("oakfield")

    page.get_by_role("link", name="Previous page").click()
    expect(results).to_have_count(25)
    page.get_by_role("link", name="Oakfield School 03").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Oakfield School 03")


def test_sign_in_and_search_work_without_javascript(new_context, centre_officer):
    Organisation.objects.bulk_create(
        [
            Organisation(external_id="URN200001", name="Birchwood Primary", region=LONDON),
            Organisation(external_id="URN200002", name="Ashgrove College", region=LONDON),
        ]
    )
    page = new_context(java_script_enabled=False).new_page()
    sign_in_with_password(page, centre_officer)

    page.goto("/directory/organisations/")
    page.get_by_label("Name or identifier").fill("birch")
    page.get_by_role("button", name="Search").click()
    results = page.get_by_role("main").get_by_role("table").locator("tbody tr")
    expect(results).to_have_count(1)
    expect(results).to_contain_text("Birchwood Primary")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()
