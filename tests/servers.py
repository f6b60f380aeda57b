"""For tests that start a real server in a process of its own: the environment of an
installation of its own, a free port to give it, and waiting until it answers."""

import os
import socket
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

# The test run's own settings, never those of the installation a test starts.
TEST_RUN_SETTINGS = {
    "DATABASE_URL",
    "DEBUG",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests; a deployment refuses it
    "EMAIL_HOST",
    "PYTHONPATH",
    "SITE_URL",
    "STATIC_ROOT",
}


def installation_environment(var_dir: Path, **settings: str) -> dict[str, str]:
    """This process's environment as an installation in `var_dir` has it: its own SQLite
    database, secret key and static files there, and none of the test run's settings."""
    env = {key: value for key, value in os.environ.items() if key not in TEST_RUN_SETTINGS}
    env.update(INSIDEOUT_VAR_DIR=str(var_dir), SECRET_KEY="only-for-this-test-" + "x" * 40)
    env.update(settings)
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url: str) -> bool:
    """True once the URL answers 200; False while nothing listens or it answers otherwise."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (our own loopback)
            return response.status == 200
    except OSError:
        return False


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"Gave up after {seconds} s waiting for {what}")
        time.sleep(0.2)
