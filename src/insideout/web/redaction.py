"""Secrets that travel in links (a sign-in link, a doer's personal pulse link) kept out of every
place they would otherwise rest: access logs, the application's own logs, stored e-mails.

Each app that puts a secret in a path says so once, in its AppConfig.ready():
`secret_path("/sign-in/link/", "sign-in link")`: the path segment after that prefix is the
secret. `redact(text)` then blanks it anywhere in a line of text, and `links_in(text)` finds
whole links carrying one (for the outbox, which seals them before a message is stored).
"""

import logging
import re
from dataclasses import dataclass

HIDDEN = "[hidden]"


@dataclass(frozen=True)
class SecretPath:
    prefix: str
    label: str

    @property
    def in_path(self) -> re.Pattern:
        return re.compile(rf"({re.escape(self.prefix)})[^/?#\s\"']+")

    @property
    def in_link(self) -> re.Pattern:
        return re.compile(rf"https?://[^\s/\"'<>]+{re.escape(self.prefix)}[^\s\"'<>]+")


SECRET_PATHS: dict[str, SecretPath] = {}


def secret_path(prefix: str, label: str) -> None:
    """Declare that the path segment after `prefix` is a secret, called `label` in messages."""
    SECRET_PATHS[prefix] = SecretPath(prefix, label)


def redact(text: str) -> str:
    """The text with every secret path segment replaced by [hidden]."""
    for secret in SECRET_PATHS.values():
        text = secret.in_path.sub(rf"\g<1>{HIDDEN}", text)
    return text


def links_in(text: str) -> list[tuple[re.Match, str]]:
    """Every whole link in the text that carries a secret, with what kind of link it is."""
    found = [
        (match, secret.label)
        for secret in SECRET_PATHS.values()
        for match in secret.in_link.finditer(text)
    ]
    return sorted(found, key=lambda pair: pair[0].start())


class RedactSecrets(logging.Filter):
    """A logging filter for every handler: a record's message never carries a secret."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True
