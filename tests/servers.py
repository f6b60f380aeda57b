"""For tests that start a real server in a process of its own: a free port to give it, and
waiting until it answers."""

import socket
import time
import urllib.request
from collections.abc import Callable


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
