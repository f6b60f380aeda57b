import os
import subprocess
import sys

import pytest
from django.db import OperationalError, connection, connections
from django.test.utils import CaptureQueriesContext


def test_healthz_reports_the_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_one_select_not_a_health_check_and_then_a_select(client, db, monkeypatch):
    checks, database = [], connections["default"]
    monkeypatch.setattr(database, "health_check_enabled", True)
    monkeypatch.setattr(database, "is_usable", lambda: checks.append("checked") or True)
    monkeypatch.setattr(database, "health_check_done", False)  # as each request starts
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/healthz").status_code == 200
    assert checks == []
    assert [query["sql"] for query in captured.captured_queries] == ["SELECT 1"]


def test_healthz_skips_the_page_machinery_but_keeps_the_security_headers(client, db):
    response = client.get("/healthz", headers={"host": "10.0.0.12"})  # a balancer's address
    assert response.json() == {"status": "ok", "database": "ok"}
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies and "Content-Security-Policy" not in response
    assert client.post("/healthz").status_code == 405


def test_healthz_replaces_a_connection_the_database_dropped(client, db, monkeypatch):
    database = connections["default"]
    cursor, closed = database.cursor, []

    def dropped_once(*args, **kwargs):
        if not closed:
            raise OperationalError("server closed the connection unexpectedly")
        return cursor(*args, **kwargs)

    monkeypatch.setattr(database, "cursor", dropped_once)
    monkeypatch.setattr(database, "close", lambda: closed.append("closed"))
    response = client.get("/healthz")
    assert closed == ["closed"]
    assert response.json() == {"status": "ok", "database": "ok"}


def test_pages_carry_a_content_security_policy(client, db):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self' 'nonce-" in policy
    assert "frame-ancestors 'none'" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()


def test_pages_refuse_to_be_framed_and_sniffed(client, db):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def settings_with(**env) -> subprocess.CompletedProcess:
    code = (
        "import insideout.settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "SECRET_KEY": "x" * 50, **env},
        timeout=60,
    )


def test_cookies_are_secure_when_served_over_https():
    result = settings_with(SITE_URL="https://insideout.example.gov.uk")
    assert result.stdout.split() == ["True", "True", "31536000"]


def test_plain_http_on_a_public_host_stops_start_up():
    result = settings_with(SITE_URL="http://insideout.example.gov.uk")
    assert result.returncode != 0
    assert "SITE_URL" in result.stderr


@pytest.mark.parametrize(("name", "value"), [("DEBUG", "maybe"), ("CONN_MAX_AGE", "ten")])
def test_a_malformed_setting_stops_start_up_naming_it(name, value):
    result = settings_with(**{name: value})
    assert result.returncode != 0
    assert name in result.stderr
