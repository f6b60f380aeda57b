"""The terminal `insideout serve` and `demo` write to stays readable: pages in the access log
but no line per static file, and a count of e-mails with where to read them, not their bodies."""

import io
from datetime import timedelta
from types import SimpleNamespace

from django.core import mail
from gunicorn.config import Config

from insideout.outbox import backends
from insideout.serving import RedactingLogger


def logged(paths: list[str]) -> str:
    config = Config()
    config.set("accesslog", "-")
    logger = RedactingLogger(config)
    out = io.StringIO()
    for handler in logger.access_log.handlers:
        handler.setStream(out)
    for path in paths:
        environ = {
            "REQUEST_METHOD": "GET",
            "RAW_URI": path,
            "PATH_INFO": path,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
        }
        response = SimpleNamespace(status="200 OK", sent=10, headers=[])
        logger.access(response, SimpleNamespace(headers=[]), environ, timedelta(milliseconds=3))
    return out.getvalue()


def test_the_access_log_has_a_line_per_page_and_none_per_static_file():
    written = logged(["/static/web/insideout.css", "/favicon.ico", "/asks/", "/static/x.js"])
    assert len(written.splitlines()) == 1
    assert "GET /asks/" in written


def test_without_a_mail_server_the_terminal_counts_emails_and_names_the_outbox(settings):
    settings.EMAIL_BACKEND = "insideout.outbox.backends.OutboxNoticeBackend"
    settings.SITE_URL = "http://127.0.0.1:8123"
    settings.EMAIL_OUTBOX_PAGE = True
    out = io.StringIO()
    tally = backends.Tally(out)
    original, backends.TALLY = backends.TALLY, tally
    try:
        for n in range(3):
            mail.send_mail("Your link to sign in", f"secret body {n}", None, ["a@example.org"])
        tally.tell()  # what the timer does once the burst is over
        mail.send_mail("Two minutes: Spring pulse", "another body", None, ["b@example.org"])
        tally.tell()
    finally:
        backends.TALLY = original
        if tally.timer:
            tally.timer.cancel()
    assert out.getvalue().splitlines() == [
        "3 e-mails sent (3 so far): read them at http://127.0.0.1:8123/outbox/ (signed in as an "
        "admin)",
        "1 e-mail sent (4 so far): read them at http://127.0.0.1:8123/outbox/ (signed in as an "
        "admin)",
    ]
    assert "body" not in out.getvalue()
