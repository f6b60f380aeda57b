"""Finding 8 of issue 8, in the logs: no token of a sign-in or personal pulse link reaches the
web server's access log or the application's own logs; and the sealing that keeps such links
(and comments' handles) opaque."""

import io
import logging
from datetime import timedelta
from types import SimpleNamespace

from gunicorn.config import Config

from insideout.serving import RedactingLogger
from insideout.web.redaction import links_in, redact
from insideout.web.sealing import seal, unseal

TOKEN = "Mq3x.9fKzzQ_secret-part"


def test_a_secret_in_a_path_is_blanked_and_the_rest_of_the_line_kept():
    line = f'"GET /pulses/answer/{TOKEN}/questions/?x=1 HTTP/1.1" 200 "/sign-in/link/{TOKEN}/"'
    assert redact(line) == (
        '"GET /pulses/answer/[hidden]/questions/?x=1 HTTP/1.1" 200 "/sign-in/link/[hidden]/"'
    )
    assert redact("GET /scorecard/pulses/12/") == "GET /scorecard/pulses/12/"


def test_whole_links_carrying_a_secret_are_found_with_their_kind():
    body = f"Answer at http://127.0.0.1:8000/pulses/answer/{TOKEN}/ or sign in: https://x.org/sign-in/link/{TOKEN}/"
    assert [(m.group(0).split("/")[3], label) for m, label in links_in(body)] == [
        ("pulses", "personal pulse link"),
        ("sign-in", "sign-in link"),
    ]


def test_the_web_servers_access_log_never_carries_a_token():
    config = Config()
    config.set("accesslog", "-")
    logger = RedactingLogger(config)
    out = io.StringIO()
    for handler in logger.access_log.handlers:
        handler.setStream(out)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/pulses/answer/{TOKEN}/questions/",
        "PATH_INFO": f"/pulses/answer/{TOKEN}/questions/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"http://127.0.0.1/sign-in/link/{TOKEN}/",
        "REMOTE_ADDR": "127.0.0.1",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    logger.access(response, request, environ, timedelta(milliseconds=3))
    written = out.getvalue()
    assert "/pulses/answer/[hidden]/questions/" in written
    assert TOKEN not in written


def test_the_applications_logs_never_carry_a_token(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(f"/pulses/answer/{TOKEN}/").status_code == 404
    assert caplog.records, "a refused personal link is logged"
    assert all(TOKEN not in record.getMessage() for record in caplog.records)


def test_a_sealed_value_opens_only_for_its_purpose_and_never_twice_the_same():
    first, second = seal("42", "comment"), seal("42", "comment")
    assert first != second and "42" not in first
    assert unseal(first, "comment") == unseal(second, "comment") == "42"
    assert unseal(first, "another purpose") is None
    assert unseal(first[:-1] + ("A" if first[-1] != "A" else "B"), "comment") is None
    assert unseal("not a token", "comment") is None
