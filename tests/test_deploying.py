"""docs/deploying.md's systemd units: the commands they run start and serve here, as the guide
installs them (after `insideout upgrade`), and the unit files pass `systemd-analyze verify`."""

import configparser
import json
import re
import shlex
import shutil
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.servers import answers, free_port, installation_environment, wait_for

ROOT = Path(__file__).resolve().parents[1]
UNITS = ROOT / "deploy" / "systemd"
BIN = Path(sys.executable).parent
INSTALLED = "/opt/insideout/.venv/bin/"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd's keys are case-sensitive
    parser.read(UNITS / name)
    return parser


def command(name: str, **replace: str) -> list[str]:
    """The unit's ExecStart as this checkout runs it: its own virtual environment, and the
    guide's paths and port replaced by the test's."""
    line = unit(name)["Service"]["ExecStart"].replace(INSTALLED, f"{BIN}/").replace("%%", "%")
    for old, new in replace.items():
        line = line.replace(old, new)
    return shlex.split(line)


@pytest.fixture
def installed(tmp_path):
    """A fresh install as the guide leaves it: settings in the environment, `insideout upgrade`
    run (database migrated, static files collected)."""
    env = installation_environment(tmp_path, DJANGO_SETTINGS_MODULE="insideout.settings")
    upgrade = subprocess.run(
        [BIN / "insideout", "upgrade"], env=env, capture_output=True, text=True, timeout=300
    )
    assert upgrade.returncode == 0, upgrade.stdout + upgrade.stderr
    assert "Up to date." in upgrade.stdout
    return env


def test_the_units_commands_serve_work_and_back_up(installed, tmp_path):
    port = free_port()
    web = subprocess.Popen(
        command("insideout-web.service", **{"127.0.0.1:8000": f"127.0.0.1:{port}"}),
        env=installed,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    worker = subprocess.Popen(command("insideout-worker.service"), env=installed)
    try:
        healthz = f"http://127.0.0.1:{port}/healthz"
        wait_for(lambda: answers(healthz) or web.poll() is not None, 60, "/healthz")
        assert web.poll() is None, "the web server exited"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/sign-in/") as page:  # noqa: S310
            assert b"Sign in" in page.read()

        tick = subprocess.run(
            command("insideout-tick.service"), env=installed, capture_output=True, text=True
        )
        assert tick.returncode == 0, tick.stderr
        assert "queued insideout.asks.tasks.check_service_levels" in tick.stdout + tick.stderr

        backups = tmp_path / "backups"
        backup = subprocess.run(
            command("insideout-backup.service", **{"/var/backups/insideout": str(backups)}),
            env=installed,
            capture_output=True,
            text=True,
        )
        assert backup.returncode == 0, backup.stderr
        (folder,) = backups.iterdir()
        assert json.loads((folder / "manifest.json").read_text())["counts"]

        assert worker.poll() is None, "the worker exited"
        stop_seconds = int(unit("insideout-web.service")["Service"]["TimeoutStopSec"])
        for process in (web, worker):
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=stop_seconds) == 0
    finally:
        for process in (web, worker):
            if process.poll() is None:
                process.kill()


def test_every_unit_file_is_one_systemd_accepts(tmp_path):
    """`systemd-analyze verify` on each unit, with its programs at this checkout's paths."""
    names = sorted(p.name for p in UNITS.iterdir())
    assert {"insideout-web.service", "insideout-worker.service", "insideout-tick.timer"} <= set(
        names
    )
    for name in names:
        text = (UNITS / name).read_text().replace(INSTALLED, f"{BIN}/")
        (tmp_path / name).write_text(text)
        sections = unit(name).sections()
        assert "Unit" in sections and ("Service" in sections or "Timer" in sections), name
    analyze = shutil.which("systemd-analyze")
    if analyze:  # Debian has it; elsewhere the sections above are what is checked
        verified = subprocess.run(
            [analyze, "verify", "--man=no", *(str(tmp_path / n) for n in names)],
            capture_output=True,
            text=True,
        )
        problems = [
            line
            for line in verified.stderr.splitlines()
            if "EnvironmentFile" not in line and "User" not in line
        ]
        assert problems == [], verified.stderr


def test_every_setting_read_from_the_environment_is_in_env_example():
    read = set(
        re.findall(
            r"env_(?:str|bool|int|list|group_roles)\(\s*\"([A-Z_]+)\"",
            (ROOT / "src" / "insideout" / "settings.py").read_text(),
        )
    )
    listed = set(re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert read and sorted(read - listed) == []
