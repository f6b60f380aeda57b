#!/usr/bin/env python3
"""Copy GOV.UK Frontend, htmx and axe-core from node_modules into Inside Out's static files.

GOV.UK Frontend's compiled CSS names the GDS Transport font, which only GOV.UK services may use,
so the font faces are dropped and the font stack is rewritten to the system's. The crown and
GOV.UK images are not copied.
"""

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
VENDOR = ROOT / "src" / "insideout" / "web" / "static" / "vendor"
SYSTEM_FONTS = 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif'


def system_font_css(css: str) -> str:
    css = re.sub(r"@font-face\{font-family:GDS Transport;[^}]*\}", "", css)
    css = css.replace("font-family:GDS Transport,arial,sans-serif", f"font-family:{SYSTEM_FONTS}")
    css = css.replace("font-family:GDS Transport", f"font-family:{SYSTEM_FONTS}")
    css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css)
    if "GDS Transport" in css:
        raise SystemExit("GDS Transport is still named in the CSS: update copy_frontend.py")
    return css


def main() -> None:
    govuk = NODE / "govuk-frontend" / "dist" / "govuk"
    if not govuk.exists():
        sys.exit("node_modules/govuk-frontend is missing: run `npm ci` first.")
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    (VENDOR / "govuk-frontend").mkdir(parents=True)
    (VENDOR / "htmx").mkdir()
    css = (govuk / "govuk-frontend.min.css").read_text()
    (VENDOR / "govuk-frontend" / "govuk-frontend.min.css").write_text(system_font_css(css))
    js = (govuk / "govuk-frontend.min.js").read_text()
    js = re.sub(r"//# sourceMappingURL=\S+", "", js)
    (VENDOR / "govuk-frontend" / "govuk-frontend.min.js").write_text(js)
    htmx = (NODE / "htmx.org" / "dist" / "htmx.min.js").read_text()
    (VENDOR / "htmx" / "htmx.min.js").write_text(htmx)
    print(f"Copied GOV.UK Frontend and htmx into {VENDOR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
