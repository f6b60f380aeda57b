"""At 390 px wide, no page scrolls sideways, for every role that may see it: wide tables scroll
inside their own box, and everything else wraps or stacks.

One test per role, signed in once, visiting every page that role may see in one tab: a test
per page and role would build the world and a tab ~560 times."""

import pytest
from django.urls import reverse

from tests.browser.conftest import TIMEOUT_MS, sign_in_by_cookie
from tests.pages import ANONYMOUS, EVERYONE, PAGES, Page

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
# How much wider than the window the page is, and the innermost culprits outside a scrolling box.
# A phone zooms out to fit a wide page, which widens window.innerWidth with it: clientWidth is
# the layout viewport, which stays at the phone's width.
MEASURE = """() => {
    const width = document.documentElement.clientWidth;
    const page = document.documentElement.scrollWidth - width;
    const over = el => el.getBoundingClientRect().right > width + 1
                       && !el.closest('.insideout-table-scroll');
    const wide = [...document.querySelectorAll('body *')]
        .filter(el => over(el) && ![...el.children].some(over))
        .slice(0, 3)
        .map(el => `${el.tagName.toLowerCase()}.${el.className}`
                   + ` ${Math.round(el.getBoundingClientRect().right)}px`);
    return [page, wide];
}"""


def pages_for(role: str) -> list[Page]:
    return [
        page
        for page in PAGES
        if role in page.allowed and not (page.signed_in_redirects and role != ANONYMOUS)
    ]


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_no_page_scrolls_sideways_on_a_phone(
    browser, live_server, transactional_db, world, role, request
):
    from conftest import ROLE_FIXTURES

    phone = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True)
    phone.set_default_timeout(TIMEOUT_MS)
    if role != ANONYMOUS:
        sign_in_by_cookie(phone, request.getfixturevalue(ROLE_FIXTURES[role]), live_server.url)
    tab = phone.new_page()
    too_wide, visited = [], 0
    try:
        for site_page in pages_for(role):
            url = reverse(site_page.url_name, args=site_page.args(world))
            answer = tab.request.get(url, max_redirects=0)
            assert answer.status == 200, f"{url} as {role}: {answer.status}"
            if not answer.headers.get("content-type", "").startswith("text/html"):
                continue  # a download, not a page
            tab.goto(url)
            visited += 1
            overflow, culprits = tab.evaluate(MEASURE)
            if overflow > 0:
                too_wide.append(f"{url} is {overflow} px too wide: {culprits}")
    finally:
        phone.close()
    assert visited, f"no page to check for {role}"
    assert too_wide == [], f"as {role}, at 390 px:\n" + "\n".join(too_wide)
