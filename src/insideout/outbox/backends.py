"""Where no mail server is set up (the demo, development): the terminal says how many e-mails
went and where to read them, instead of printing every body; each is kept in the outbox."""

import sys
import threading

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend

# A burst of e-mails (a pulse's invitations) is told in one line once it has been quiet this long.
QUIET_SECONDS = 2.0


class Tally:
    """E-mails sent since the last line, told once the burst is over."""

    def __init__(self, stream=None) -> None:
        self.stream = stream
        self.lock = threading.Lock()
        self.pending = self.total = 0
        self.timer: threading.Timer | None = None

    def add(self, count: int) -> None:
        with self.lock:
            self.pending += count
            self.total += count
            if self.timer is None:
                self.timer = threading.Timer(QUIET_SECONDS, self.tell)
                self.timer.daemon = True
                self.timer.start()

    def tell(self) -> None:
        with self.lock:
            sent, self.pending, self.timer = self.pending, 0, None
        if sent:
            (self.stream or sys.stdout).write(line(sent, self.total))
            (self.stream or sys.stdout).flush()


def line(sent: int, total: int) -> str:
    where = (
        f"read them at {settings.SITE_URL}/outbox/ (signed in as an admin)"
        if settings.EMAIL_OUTBOX_PAGE
        else "they are kept in the outbox table"
    )
    return f"{sent:,} e-mail{'s' if sent != 1 else ''} sent ({total:,} so far): {where}\n"


TALLY = Tally()


class OutboxNoticeBackend(BaseEmailBackend):
    """Sends nothing anywhere: counts the messages for the terminal."""

    def send_messages(self, email_messages) -> int:
        count = len(list(email_messages))
        if count:
            TALLY.add(count)
        return count
