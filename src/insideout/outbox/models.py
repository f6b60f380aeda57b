"""Every e-mail the service sends, kept as a delivery log (and in development, an outbox).

A link carrying a secret (a sign-in link, a personal pulse link) never rests in a stored body:
it is sealed with the site's key when the message is queued, put back only in the e-mail as it
is handed to the mail server, and then the body says "[sign-in link, sent 1 Dec 09:14]".
"""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from insideout.web.redaction import links_in
from insideout.web.sealing import seal, unseal

LINK_PURPOSE = "outbox.link"
SUBJECT_LENGTH = 255


class OutboxMessage(models.Model):
    """One e-mail. Queued until sent; a failed attempt is recorded in `error` and tried again at
    `next_attempt_at`; after the last attempt, or an error no retry can mend, it is Failed."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    to = models.EmailField()
    subject = models.CharField(max_length=SUBJECT_LENGTH)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True, help_text="Why the last attempt failed.")
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text="When a failed message is tried again."
    )
    kind = models.CharField(
        max_length=40,
        blank=True,
        help_text="What kind of message it is (sign_in_link, ...): GOV.UK Notify sends each kind "
        "with its own template, when one is set.",
    )
    personalisation = models.JSONField(
        default=dict,
        blank=True,
        help_text="The values a kind's Notify template shows; a link carrying a secret is sealed.",
    )
    notify_id = models.CharField(
        max_length=36, blank=True, db_index=True, help_text="Notify's id for the message."
    )
    delivery = models.CharField(
        max_length=20,
        blank=True,
        choices=[
            ("delivered", "Delivered"),
            ("permanent-failure", "Permanent failure"),
            ("temporary-failure", "Temporary failure"),
            ("technical-failure", "Technical failure"),
        ],
        help_text="What Notify's delivery receipt said.",
    )
    delivered_at = models.DateTimeField(null=True, blank=True)
    sealed_links = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="[kind of link, sealed link] for each secret link taken out of the body: "
        "kept until sent, and after only where the outbox page shows them to admins.",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["to", "-created_at"]),
            models.Index(fields=["status", "next_attempt_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"

    @property
    def is_retrying(self) -> bool:
        return self.status == self.Status.QUEUED and self.next_attempt_at is not None

    @staticmethod
    def _placeholder(number: int, label: str) -> str:
        return f"[{label} {number}, not sent yet]"

    def set_body(self, body: str) -> None:
        """Keep the body with each link that carries a secret taken out and sealed."""
        kept, sealed, last = [], [], 0
        for number, (match, label) in enumerate(links_in(body), start=1):
            kept += [body[last : match.start()], self._placeholder(number, label)]
            sealed.append([label, seal(match.group(0), LINK_PURPOSE)])
            last = match.end()
        self.body = "".join([*kept, body[last:]])
        self.sealed_links = sealed

    def body_to_send(self) -> str:
        """The body with its links put back: only for the e-mail handed to the mail server."""
        text = self.body
        for number, (label, token) in enumerate(self.sealed_links, start=1):
            text = text.replace(self._placeholder(number, label), unseal(token, LINK_PURPOSE) or "")
        return text

    def forget_links(self, sent_at: datetime) -> None:
        """Once sent, the body says when each link went; the sealed links themselves are kept
        only where the outbox page is on (a demo, development), for admins to follow."""
        when = timezone.localtime(sent_at).strftime("%-d %b %H:%M")
        for number, (label, _) in enumerate(self.sealed_links, start=1):
            self.body = self.body.replace(
                self._placeholder(number, label), f"[{label}, sent {when}]"
            )
        if not settings.EMAIL_OUTBOX_PAGE:
            self.sealed_links = []

    def set_personalisation(self, values: dict) -> None:
        """Keep a template's values, each one carrying a secret link sealed as in the body."""
        self.personalisation = {
            name: {"sealed": links[0][1], "value": seal(value, LINK_PURPOSE)}
            if isinstance(value, str) and (links := links_in(value))
            else value
            for name, value in values.items()
        }

    def personalisation_to_send(self) -> dict:
        """The values with their links opened: only for the request to Notify."""
        return {
            name: unseal(value["value"], LINK_PURPOSE) or ""
            if isinstance(value, dict) and "sealed" in value
            else value
            for name, value in self.personalisation.items()
        }

    def forget_personalised_links(self, sent_at: datetime) -> None:
        """Once sent, a sealed value says only when its link went (as forget_links does)."""
        when = timezone.localtime(sent_at).strftime("%-d %b %H:%M")
        if not settings.EMAIL_OUTBOX_PAGE:
            self.personalisation = {
                name: f"[{value['sealed']}, sent {when}]"
                if isinstance(value, dict) and "sealed" in value
                else value
                for name, value in self.personalisation.items()
            }

    def links_for_admin(self) -> list[tuple[str, str]]:
        """The message's links, opened for an admin on the outbox page (where it is on)."""
        opened = [(label, unseal(token, LINK_PURPOSE)) for label, token in self.sealed_links]
        return [(label, link) for label, link in opened if link]
