"""Operating safely: errors in the service's layout, health checks that reveal nothing, and a
production start-up that refuses to run without its secret key."""

import os
import subprocess
import sys

import pytest
from django.db import DatabaseError, connection
from django.test import RequestFactory

from insideout.web import error_pages


def test_healthz_says_only_that_the_database_is_unavailable(client, db, monkeypatch, caplog):
    def broken_cursor(*args, **kwargs):
        raise DatabaseError('could not connect to server "db.internal" (10.0.0.7), user "io"')

    with monkeypatch.context() as patched:
        patched.setattr(connection, "cursor", broken_cursor)
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}
    assert "db.internal" in caplog.text  # the operator's log has the detail


def in_layout(page: str) -> bool:
    return "govuk-generic-header" in page and "govuk-footer" in page


def test_a_missing_page_is_in_the_services_layout_with_a_way_on(client, db):
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert in_layout(page) and "Page not found" in page
    assert 'href="/"' in page


def test_a_refused_page_says_why_in_the_services_layout(client, doer_lead):
    client.force_login(doer_lead)
    response = client.get("/directory/import/")
    page = response.content.decode()
    assert response.status_code == 403
    assert in_layout(page) and "You cannot see this page" in page
    assert "Only admins can do this." in page


def test_a_server_error_page_is_in_the_layout_and_needs_no_database(db, monkeypatch):
    def no_database(*args, **kwargs):
        raise DatabaseError("down")

    with monkeypatch.context() as patched:
        patched.setattr(connection, "cursor", no_database)
        response = error_pages.server_error(RequestFactory().get("/boom/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert in_layout(page) and "Sorry, there is a problem with the service" in page


def test_the_error_handlers_are_the_services():
    from insideout import urls

    assert urls.handler500 == "insideout.web.error_pages.server_error"
    assert urls.handler404 == "insideout.web.error_pages.page_not_found"
    assert urls.handler403 == "insideout.web.error_pages.permission_denied"


def start_up_with(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "SITE_URL"}}
    return subprocess.run(
        [sys.executable, "-c", "import insideout.settings as s; print(len(s.SECRET_KEY))"],
        capture_output=True,
        text=True,
        env={**clean, **env},
        timeout=60,
    )


def test_an_https_site_without_a_secret_key_refuses_to_start_saying_what_to_do():
    result = start_up_with(SITE_URL="https://insideout.example.gov.uk")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when SITE_URL is https" in result.stderr
    assert "secrets.token_urlsafe" in result.stderr


@pytest.mark.parametrize(
    "env",
    [
        {"SITE_URL": "https://insideout.example.gov.uk", "SECRET_KEY": "k" * 50},
        {"SITE_URL": "http://127.0.0.1:8000"},
    ],
)
def test_a_named_key_or_a_laptop_starts(env, tmp_path):
    result = start_up_with(INSIDEOUT_VAR_DIR=str(tmp_path), **env)
    assert result.returncode == 0, result.stderr


def test_a_bad_host_gets_the_400_page_even_before_anyone_is_known(client, db):
    response = client.get("/", headers={"host": "evil.example.com"})
    assert response.status_code == 400
    assert in_layout(response.content.decode())
