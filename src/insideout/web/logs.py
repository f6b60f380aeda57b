"""Structured logs: each line one JSON object, carrying the id of the request (or task) it
belongs to, so a log collector can follow one request through the web server and the worker."""

import json
import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime

from .redaction import redact

request_id: ContextVar[str] = ContextVar("request_id", default="")

# An id a proxy in front already gave the request is kept if it looks like one.
GIVEN_ID = re.compile(r"^[A-Za-z0-9._\-]{8,64}$")

# What LogRecord carries anyway; anything else on a record was passed in `extra`.
STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


def new_request_id(given: str = "") -> str:
    """The proxy's id for the request when it sent a sensible one, otherwise a new one."""
    return given if GIVEN_ID.match(given or "") else uuid.uuid4().hex


class StampedRecords:
    """A log record factory wrapped so each record carries the request id."""

    def __init__(self, make_record: Callable[..., logging.LogRecord]) -> None:
        self.make_record = make_record

    def __call__(self, *args, **kwargs) -> logging.LogRecord:
        record = self.make_record(*args, **kwargs)
        if current := request_id.get():
            record.request_id = current
        return record


def stamp_request_ids() -> None:
    """Each log record made while a request (or a task it queued) runs carries its id, read when
    the record is made: formatting may come later, on another thread."""
    make_record = logging.getLogRecordFactory()
    if not isinstance(make_record, StampedRecords):
        logging.setLogRecordFactory(StampedRecords(make_record))


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, request id, and any `extra`."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        line.update({key: value for key, value in vars(record).items() if key not in STANDARD})
        if record.exc_info:
            line["error"] = redact(self.formatException(record.exc_info))
        return json.dumps(line, default=str)
