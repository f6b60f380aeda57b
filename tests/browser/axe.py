"""Run axe-core in a page and fail with every violation spelled out, so it is easy to fix."""

from pathlib import Path

from playwright.sync_api import Page

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.2 AA, and axe's best practices (landmarks, headings, unique labels).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page: Page) -> list[dict]:
    if not AXE_JS.exists():
        raise AssertionError(f"{AXE_JS} is missing: run `npm ci` in the project root")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated by Playwright rather than added as a <script>, which the site's
        # Content-Security-Policy rightly refuses.
        page.evaluate(AXE_JS.read_text())
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return results["violations"]


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
