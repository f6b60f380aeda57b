"""One structured line per request, with no secret in it, and the request's id carried on to the
tasks it queues."""

import json
import logging

import pytest
from django.core.management import call_command

from insideout.outbox.tasks import retry_email
from insideout.web.logs import JsonFormatter, request_id
from insideout.web.models import TaskOrigin

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def request_lines(caplog) -> list[dict]:
    formatter = JsonFormatter()
    return [
        json.loads(formatter.format(record))
        for record in caplog.records
        if record.name == "insideout.requests"
    ]


@pytest.fixture
def json_logs(settings, caplog):
    settings.LOG_FORMAT = "json"
    caplog.set_level(logging.INFO, logger="insideout.requests")
    return caplog


@pytest.mark.django_db
def test_each_request_is_one_json_line_and_a_sign_in_links_secret_never_in_it(client, json_logs):
    response = client.get("/sign-in/link/a-secret-sign-in-token/")
    [line] = request_lines(json_logs)
    assert line["method"] == "GET"
    assert line["path"] == "/sign-in/link/[hidden]/"
    assert "a-secret-sign-in-token" not in json.dumps(line)
    assert line["status"] == response.status_code == 410
    assert line["duration_ms"] >= 0
    assert line["user_id"] is None
    assert line["request_id"] == response["X-Request-ID"]


@pytest.mark.django_db
def test_the_line_names_who_was_signed_in_by_their_id(client, json_logs, admin_user):
    client.force_login(admin_user)
    client.get("/")
    [line] = request_lines(json_logs)
    assert line["user_id"] == admin_user.pk
    assert line["status"] == 200


@pytest.mark.django_db
def test_a_request_id_the_proxy_gave_is_kept_and_a_strange_one_replaced(client, json_logs):
    kept = client.get("/healthz", headers={"X-Request-ID": "lb-7f3a9c21e0"})
    replaced = client.get("/healthz", headers={"X-Request-ID": "<script>"})
    assert kept["X-Request-ID"] == "lb-7f3a9c21e0"
    assert replaced["X-Request-ID"] != "<script>" and len(replaced["X-Request-ID"]) == 32
    assert [line["request_id"] for line in request_lines(json_logs)] == [
        "lb-7f3a9c21e0",
        replaced["X-Request-ID"],
    ]


@pytest.mark.django_db
def test_text_logs_write_no_request_lines(client, settings, caplog):
    settings.LOG_FORMAT = "text"
    caplog.set_level(logging.INFO, logger="insideout.requests")
    client.get("/healthz")
    assert request_lines(caplog) == []


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_a_queued_task_under_the_request_id_that_queued_it(settings, caplog):
    settings.TASKS = DATABASE_QUEUE
    settings.LOG_FORMAT = "json"
    token = request_id.set("req-from-the-web-1")
    try:
        queued = retry_email.enqueue()
    finally:
        request_id.reset(token)
    assert TaskOrigin.objects.get(task_id=str(queued.id)).request_id == "req-from-the-web-1"

    caplog.set_level(logging.INFO, logger="django_tasks")
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=1)

    formatter = JsonFormatter()
    finished = [
        json.loads(formatter.format(record))
        for record in caplog.records
        if record.name == "django_tasks" and "SUCCESSFUL" in record.getMessage()
    ]
    assert [line["request_id"] for line in finished] == ["req-from-the-web-1"]
    assert not TaskOrigin.objects.exists()  # kept only until the task has run
    assert request_id.get() == ""
