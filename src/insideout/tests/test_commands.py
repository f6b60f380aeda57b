"""The command line: `insideout demo`, `serve`, `createadmin`, `create-token` and `--help`."""

import io
import os
import re
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError

from insideout import cli, serving
from insideout.accounts.models import User
from insideout.cli import COMMANDS
from insideout.directory.models import Organisation
from insideout.vocabulary import Role
from tests.servers import answers, free_port, installation_environment, wait_for

INSIDEOUT = str(Path(sys.executable).parent / "insideout")
PASSPHRASE = "a long and sturdy passphrase"


def run_command(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_demo_no_serve_builds_the_department_and_prints_a_sign_in_for_each_role(db):
    printed = run_command("demo", "--no-serve")
    assert Organisation.objects.count() >= 600
    assert "http://127.0.0.1:8000/sign-in/password/" in printed
    for role in Role:
        assert f"  {role.label}: " in printed
        person = User.objects.filter(memberships__role=role).order_by("pk").first()
        assert person is not None
    admin = User.objects.filter(memberships__role=Role.ADMIN).order_by("pk").first()
    assert f"{admin.email}  (password inside-out-demo)" in printed
    assert "(an e-mailed link)" in printed


def test_demo_says_how_to_go_on_when_the_database_holds_other_data(school):
    with pytest.raises(CommandError, match="--reset"):
        run_command("demo", "--no-serve")
    assert Organisation.objects.count() == 1


def test_createadmin_makes_an_admin_who_signs_in_with_the_password(db, client, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    printed = run_command(
        "createadmin",
        "--email",
        "Ada.Lovelace@Example.gov.uk",
        "--name",
        "Ada Lovelace",
        "--password-stdin",
    )
    admin = User.objects.get(email="ada.lovelace@example.gov.uk")
    assert admin.is_admin and admin.is_staff and admin.full_name == "Ada Lovelace"
    assert "/sign-in/password/" in printed

    response = client.post(
        "/sign-in/password/", {"username": "ada.lovelace@example.gov.uk", "password": PASSPHRASE}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == admin.pk


def test_createadmin_again_sets_a_new_password_without_a_second_admin_role(db, monkeypatch):
    for passphrase in (PASSPHRASE, "another long passphrase"):
        monkeypatch.setattr(sys, "stdin", io.StringIO(passphrase + "\n"))
        run_command(
            "createadmin",
            "--email",
            "ada@example.gov.uk",
            "--name",
            "Ada Lovelace",
            "--password-stdin",
        )
    admin = User.objects.get(email="ada@example.gov.uk")
    assert admin.check_password("another long passphrase")
    assert admin.memberships.filter(role=Role.ADMIN).count() == 1


def test_createadmin_refuses_a_weak_password_and_saves_nothing(db, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("password\n"))
    with pytest.raises(CommandError, match="Choose another"):
        run_command(
            "createadmin", "--email", "ada@example.gov.uk", "--name", "Ada", "--password-stdin"
        )
    assert not User.objects.exists()


def test_create_token_prints_a_token_that_authenticates_the_api(client, analyst):
    printed = run_command("create_token", analyst.email, "--name", "weekly export")
    token = re.search(r"io_[\w-]+", printed).group()
    assert printed.count(token) == 2  # shown once, and once in the example

    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json()["email"] == analyst.email
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer io_wrong"}).status_code == 401


def test_create_token_for_an_unknown_address_says_what_to_do(db):
    with pytest.raises(CommandError, match="insideout createadmin"):
        run_command("create_token", "nobody@example.org", "--name", "export")


def test_serve_refuses_a_port_already_in_use(db):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert serving.port_in_use("127.0.0.1", port)
        with pytest.raises(CommandError, match=f"--port {port + 1}"):
            run_command("serve", "--port", str(port))


def test_insideout_help_lists_its_commands_and_each_command_shows_an_example():
    listing = subprocess.run(
        [INSIDEOUT, "--help"], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    own = {name for name, app in get_commands().items() if app.split(".")[0] == "insideout"} | {
        "db_worker"
    }
    assert own == set(COMMANDS.values()), "add each of Inside Out's commands to cli.COMMANDS"
    for name in COMMANDS:
        assert re.search(rf"^  {name} +\S", listing, re.MULTILINE), name
        assert re.search(rf"^insideout {name}\b", cli.__doc__, re.MULTILINE), name
    demo_help = subprocess.run(
        [INSIDEOUT, "demo", "--help"], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert "--no-serve" in demo_help and "Examples:\n  insideout demo" in demo_help


def test_serve_runs_the_site_the_task_worker_and_the_ticker_and_stops_them_on_sigterm(tmp_path):
    env = installation_environment(tmp_path)
    subprocess.run([INSIDEOUT, "migrate", "-v", "0"], env=env, timeout=180, check=True)
    port = free_port()
    server = subprocess.Popen(
        [INSIDEOUT, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []

    def read() -> None:
        for line in server.stdout:
            output.append(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    children: list[int] = []
    survivors: list[int] = []
    try:
        wait_for(lambda: answers(f"http://127.0.0.1:{port}/healthz"), 90, "/healthz")
        children = [int(pid) for pid in re.findall(r"\(pid (\d+)\)", "".join(output))]
        assert len(children) == 3  # the web server, the task worker and the ticker
        wait_for(
            lambda: "queued insideout.asks.tasks.check_service_levels" in "".join(output),
            60,
            "the ticker",
        )

        # An e-mail queued by the site is sent by the worker (with no mail server, the terminal
        # counts it and the outbox keeps it).
        subprocess.run(
            [
                INSIDEOUT,
                "shell",
                "-c",
                "from insideout.outbox.services import queue_email; "
                "queue_email('ada@example.org', 'Sent by the worker', 'Hello')",
            ],
            env=env,
            timeout=60,
            check=True,
        )
        wait_for(lambda: "1 e-mail sent (1 so far)" in "".join(output), 60, "the e-mail")

        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=40) == 0
    finally:
        if server.poll() is None:
            server.kill()
        for pid in children:
            try:
                os.kill(pid, signal.SIGKILL)
                survivors.append(pid)
            except ProcessLookupError:
                pass
    reader.join(timeout=5)
    assert not survivors, "children outlived `insideout serve`"
    assert "Stopped." in "".join(output)
