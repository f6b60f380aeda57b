"""Run axe-core in a page and fail with every violation spelled out, so it is easy to fix."""

from functools import cache
from pathlib import Path

from playwright.sync_api import Page

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA, and axe's best practices (landmarks, headings, unique labels).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# GOV.UK puts the back link before <main>, outside any landmark, so that the skip link skips it:
# the `region` best practice is checked everywhere but there.
RUN_AXE = """async tags => {
    const all = await axe.run(document, {
        runOnly: {type: 'tag', values: tags}, rules: {region: {enabled: false}},
    });
    const region = await axe.run({exclude: [['.govuk-back-link']]}, {
        runOnly: {type: 'rule', values: ['region']},
    });
    return [...all.violations, ...region.violations];
}"""


@cache
def axe_source() -> str:
    if not AXE_JS.exists():
        raise AssertionError(f"{AXE_JS} is missing: run `npm ci` in the project root")
    return AXE_JS.read_text()


def axe_violations(page: Page) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated by Playwright rather than added as a <script>, which the site's
        # Content-Security-Policy rightly refuses.
        page.evaluate(axe_source())
    return page.evaluate(RUN_AXE, TAGS)


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  - {' '.join(map(str, node['target']))}")
            lines.append(f"    {node['html']}")
            if node.get("failureSummary"):
                lines.extend(f"    {line}" for line in node["failureSummary"].splitlines())
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Zero axe violations on the page as it is now."""
    violations = axe_violations(page)
    assert violations == [], (
        f"{page.url} has {len(violations)} accessibility problem(s):\n{describe(violations)}"
    )
