"""Every e-mail is kept, then delivered from the task queue once its transaction commits."""

import pytest
from django.core import mail
from django.db import transaction

from insideout.outbox.models import OutboxMessage
from insideout.outbox.services import queue_email


@pytest.mark.django_db(transaction=True)
def test_a_queued_message_is_sent_once_its_transaction_commits():
    with transaction.atomic():
        message = queue_email("head@school.example.org", "Your link", "Follow it.")
        assert mail.outbox == [], "nothing leaves before the transaction commits"
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT and message.sent_at is not None
    assert [(m.to, m.subject) for m in mail.outbox] == [(["head@school.example.org"], "Your link")]


@pytest.mark.django_db(transaction=True)
def test_a_message_in_a_transaction_that_fails_is_never_sent():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_email("head@school.example.org", "Your link", "Follow it.")
        raise RuntimeError("the change that wanted the e-mail failed")
    assert mail.outbox == [] and not OutboxMessage.objects.exists()
