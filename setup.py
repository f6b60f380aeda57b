"""The build step that vendors GOV.UK Frontend into the package before it is built, so that
`pip install .` and `pip wheel .` always carry it (pyproject.toml holds everything else)."""

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
VENDORED = ROOT / "src/insideout/web/static/vendor/govuk-frontend/govuk-frontend.min.css"


class BuildWithFrontEnd(build_py):
    """Copy GOV.UK Frontend and htmx from node_modules (fetching them with npm if needed)."""

    def run(self) -> None:
        if not VENDORED.exists():
            if not (ROOT / "node_modules/govuk-frontend").exists():
                npm = shutil.which("npm")
                if npm is None:
                    sys.exit(
                        "Building Inside Out needs GOV.UK Frontend: install Node.js and npm, "
                        "or run `npm ci && python scripts/copy_frontend.py` where npm is."
                    )
                subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)  # noqa: S603
            subprocess.run([sys.executable, "scripts/copy_frontend.py"], cwd=ROOT, check=True)  # noqa: S603
        super().run()


setup(cmdclass={"build_py": BuildWithFrontEnd})
