"""GOV.UK's look without its brand: no GDS Transport font and no crown (they are GOV.UK's alone)."""

import pytest

pytestmark = pytest.mark.browser

BRAND = """() => ({
    fonts: [...document.styleSheets].flatMap(sheet => [...sheet.cssRules])
        .filter(rule => rule instanceof CSSFontFaceRule).map(rule => rule.cssText),
    bodyFont: getComputedStyle(document.querySelector('main p, main .govuk-body')).fontFamily,
    headingFont: getComputedStyle(document.querySelector('h1')).fontFamily,
    crowns: document.querySelectorAll(
        '.govuk-header__logotype, .govuk-logo-dot, [class*="crown"], [href*="gov.uk"]').length,
})"""


@pytest.mark.parametrize("path", ["/", "/sign-in/", "/directory/organisations/"])
def test_pages_use_system_fonts_and_no_crown(page, sign_in, doer_lead, path):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    if path.startswith("/directory/"):
        sign_in(doer_lead)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    brand = page.evaluate(BRAND)

    assert [url for url in requested if "/assets/" in url or "crown" in url] == []
    assert brand["fonts"] == []
    assert "GDS Transport" not in brand["bodyFont"]
    assert "GDS Transport" not in brand["headingFont"]
    assert "system-ui" in brand["bodyFont"]
    assert brand["crowns"] == 0
