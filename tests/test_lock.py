"""Reproducible installs: every pin in pyproject.toml is in the lock files setup.sh installs from
(run `make lock` after changing a dependency), each with its hashes."""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
LOCKS = {
    "base": [],
    "themes": ["themes"],
    "test": ["test"],
    "test-themes": ["test", "themes"],
}


def pins(requirements: list[str]) -> dict[str, str]:
    found = {}
    for requirement in requirements:
        name, version = re.match(
            r"([A-Za-z0-9_.\-]+)(?:\[[^]]*\])?==([^;\s]+)", requirement
        ).groups()
        found[re.sub(r"[-_.]+", "-", name).lower()] = version
    return found


def locked(variant: str) -> dict[str, str]:
    text = (ROOT / "requirements" / f"lock-{variant}.txt").read_text()
    assert "--hash=sha256:" in text
    return {
        re.sub(r"[-_.]+", "-", name).lower(): version
        for name, version in re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+) \\$", text, flags=re.M)
    }


@pytest.mark.parametrize("variant", sorted(LOCKS))
def test_each_lock_pins_what_pyproject_asks_for(variant):
    wanted = pins(PROJECT["dependencies"])
    for extra in LOCKS[variant]:
        wanted |= pins(PROJECT["optional-dependencies"][extra])
    have = locked(variant)
    differ = {
        name: (version, have.get(name))
        for name, version in wanted.items()
        if have.get(name, "").split("+")[0] != version
    }
    assert differ == {}, "pyproject.toml changed: run `make lock`"


def test_every_extra_is_in_a_lock():
    assert set(PROJECT["optional-dependencies"]) <= {e for extras in LOCKS.values() for e in extras}
