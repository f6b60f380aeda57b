"""The habits that help the next person: every app has the same shape, the README stands alone,
`make check` runs every check, `make bench` runs every benchmark."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ROOT / "src" / "insideout"
SHAPE = [
    "models.py",
    "services.py",
    "forms.py",
    "views.py",
    "urls.py",
    "api.py",
    "tasks.py",
    "admin.py",
    "templates/{app}",
    "tests",
]
# What an app may go without, and why. Anything else missing is a gap to fill.
WITHOUT = {
    "scorecard": {
        "models.py": "it keeps nothing of its own: it reads the pulses' rollups and the asks",
        "services.py": "its rules are in scores.py",
        "tasks.py": "it has no background work",
        "admin.py": "it has no models",
    },
    "outbox": {
        "forms.py": "nobody fills anything in: it sends what other apps write",
        "api.py": "e-mails are not offered over the API",
    },
    "priorities": {
        "tasks.py": "it has no background work: its figures are read from the others' as they are",
    },
}


def make_dry_run(target: str) -> str:
    return subprocess.run(
        ["make", "-n", "-C", str(ROOT), target], capture_output=True, text=True, check=True
    ).stdout


def test_every_app_with_data_or_pages_has_the_same_shape():
    apps = [
        path.parent.name
        for path in sorted(APPS.glob("*/apps.py"))
        if (path.parent / "models.py").exists() or (path.parent / "views.py").exists()
    ]
    apps = [app for app in apps if app not in {"web", "home", "api"}]  # the kit and assembly
    assert {"directory", "pulses", "asks", "scorecard"} <= set(apps)
    for app in apps:
        for part in SHAPE:
            part = part.format(app=app)
            if part not in WITHOUT.get(app, {}):
                assert (APPS / app / part).exists(), f"{app} has no {part}"


def test_every_readme_link_points_inside_the_repository_or_to_the_web():
    readme = (ROOT / "README.md").read_text()
    links = re.findall(r"\]\(([^)\s]+)\)", readme)
    for link in links:
        if link.startswith(("https://", "http://", "#")):
            continue
        target = (ROOT / link.split("#")[0]).resolve()
        assert target.is_relative_to(ROOT), f"{link} is outside the repository"
        assert target.exists(), f"{link} does not exist"


def test_make_check_runs_the_format_check_the_house_contract_and_the_type_check():
    commands = make_dry_run("check")
    assert "ruff check src tests bench scripts" in commands
    assert "ruff format --check src tests bench scripts" in commands
    assert "lint-imports" in commands
    assert "bin/mypy" in commands
    assert "makemigrations --check" in commands


def test_make_bench_runs_every_benchmark():
    commands = make_dry_run("bench")
    benchmarks = [
        path.relative_to(ROOT).as_posix()
        for path in sorted((ROOT / "bench").glob("*.py"))
        if 'if __name__ == "__main__":' in path.read_text()
    ]
    assert "bench/pulse_responses_http.py" in benchmarks
    for benchmark in benchmarks:
        assert benchmark in commands, f"make bench does not run {benchmark}"
