"""Serving Inside Out: gunicorn for the pages, the task worker and the ticker that queues periodic
work, started and stopped as one."""

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from io import TextIOBase

from django.db import connections
from gunicorn.glogging import Logger

from insideout.web.redaction import RedactSecrets

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
GRACE_SECONDS = 15
TICK_MINUTES = 10


def site_address(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def port_in_use(host: str, port: int) -> bool:
    """Whether something already listens where we would, so we can say so before starting."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror:
        return False  # an unknown host: gunicorn will say so itself
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn does
        try:
            probe.bind(address)
        except OSError:
            return True
    return False


QUIET_PATHS = ("/static/", "/favicon.ico")


class RedactingLogger(Logger):
    """gunicorn's logger, with the secret in a sign-in or personal pulse link blanked in every
    line it writes: the access log's request line, path and referer, and its errors."""

    redact = RedactSecrets()  # one filter, so a reload's second setup() adds none twice

    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.access_log, self.error_log):
            log.addFilter(self.redact)

    def access(self, resp, req, environ, request_time) -> None:
        """Pages only: a line for each stylesheet, script, font and icon drowns them out."""
        if not environ.get("PATH_INFO", "").startswith(QUIET_PATHS):
            super().access(resp, req, environ, request_time)


@dataclass
class ServerPlan:
    host: str
    port: int
    workers: int
    with_worker: bool = True

    @property
    def address(self) -> str:
        return site_address(self.host, self.port)

    def commands(self) -> dict[str, list[str]]:
        """The child processes, named as the messages call them."""
        bind = self.address.removeprefix("http://")
        commands = {
            "web server": [
                sys.executable,
                "-m",
                "gunicorn",
                "insideout.wsgi:application",
                "--bind",
                bind,
                "--workers",
                str(self.workers),
                "--worker-class",
                "sync",
                "--access-logfile",
                "-",
                "--logger-class",
                "insideout.serving.RedactingLogger",
                "--graceful-timeout",
                str(GRACE_SECONDS - 5),
                "--no-control-socket",  # one shared path per user: two servers would clash on it
            ]
        }
        if self.with_worker:
            commands["task worker"] = [
                sys.executable,
                "-m",
                "insideout",
                "db_worker",
                "--no-reload",
                "--no-startup-delay",
            ]
            # The queue has no clock: this child queues the work that falls due with time.
            commands["ticker"] = [
                sys.executable,
                "-m",
                "insideout",
                "tick",
                "--every",
                str(TICK_MINUTES),
            ]
        return commands

    def environment(self) -> dict[str, str]:
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="insideout.settings", PYTHONUNBUFFERED="1")
        if "SITE_URL" not in os.environ and self.host in LOOPBACK:
            env["SITE_URL"] = self.address  # so e-mailed links point at this port
        return env


def run(plan: ServerPlan, out: TextIOBase) -> str | None:
    """Run the children until a stop signal (returns None) or until one exits (returns its name).

    The children get their own process group, so Ctrl-C reaches only this process, which then
    stops each child once and in an orderly way.
    """
    stop: list[int] = []
    previous = {
        sig: signal.signal(sig, lambda signum, frame: stop.append(signum)) for sig in STOP_SIGNALS
    }
    children: dict[str, subprocess.Popen] = {}
    connections.close_all()  # the children open their own; this process only watches them
    try:
        env = plan.environment()
        for name, command in plan.commands().items():
            children[name] = subprocess.Popen(command, env=env, process_group=0)  # noqa: S603
        pids = " and ".join(f"a {name} (pid {child.pid})" for name, child in children.items())
        out.write(f"Serving {plan.address} with {pids}. Press Ctrl-C to stop.\n")
        out.flush()
        while not stop:
            exited = next((n for n, child in children.items() if child.poll() is not None), None)
            if exited:
                return exited
            time.sleep(0.2)
        return None
    finally:
        _stop_all(children)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _stop_all(children: dict[str, subprocess.Popen]) -> None:
    for child in children.values():
        if child.poll() is None:
            child.terminate()
    deadline = time.monotonic() + GRACE_SECONDS
    for child in children.values():
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
