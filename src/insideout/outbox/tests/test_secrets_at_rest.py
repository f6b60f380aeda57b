"""Finding 8 of issue 8: sign-in links and personal pulse links never rest in plain text in the
outbox. The e-mail handed to the mail server carries the link; the stored message never does:
sealed with the site's key until sent, then "[sign-in link, sent 1 Dec 09:14]"."""

import re

import pytest
from django.core import mail

from insideout.outbox.models import OutboxMessage
from insideout.pulses import services as pulse_services

LINK = re.compile(r"https?://\S+/(sign-in/link|pulses/answer)/\S+")


@pytest.fixture
def sign_in_by_email(client, django_capture_on_commit_callbacks):
    """Ask for a sign-in link as a doer would; the e-mail goes once the request commits."""

    def ask(email: str) -> OutboxMessage:
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/sign-in/", {"email": email})
        return OutboxMessage.objects.get(to=email)

    return ask


def test_a_sent_sign_in_email_keeps_no_link_and_the_sent_one_still_signs_in(
    client, doer_member, sign_in_by_email
):
    message = sign_in_by_email(doer_member.email)
    assert message.status == OutboxMessage.Status.SENT
    assert not LINK.search(message.body)
    assert re.search(r"\[sign-in link, sent \d+ \w+ \d\d:\d\d\]", message.body)
    link = LINK.search(mail.outbox[-1].body).group(0)
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert token not in str(OutboxMessage.objects.values_list().get(pk=message.pk))
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.post(f"/{path}").status_code == 302, "the link e-mailed still signs in"


def test_the_django_admin_never_shows_a_sign_in_link(
    client, doer_member, admin_user, sign_in_by_email
):
    message = sign_in_by_email(doer_member.email)
    token = LINK.search(mail.outbox[-1].body).group(0).rstrip("/").rsplit("/", 1)[-1]
    client.force_login(admin_user)
    page = client.get(f"/admin/outbox/outboxmessage/{message.pk}/change/").content.decode()
    assert page and token not in page


@pytest.mark.parametrize("page_on", [True, False])
def test_the_demo_outbox_shows_an_admin_the_link_and_a_real_installation_keeps_none(
    client, settings, doer_member, admin_user, page_on, sign_in_by_email
):
    settings.EMAIL_OUTBOX_PAGE = page_on
    message = sign_in_by_email(doer_member.email)
    link = LINK.search(mail.outbox[-1].body).group(0)
    assert bool(message.sealed_links) == page_on
    assert link not in str(message.sealed_links), "sealed, never as it is"
    if page_on:
        client.force_login(admin_user)
        page = client.get(f"/outbox/{message.pk}/").content.decode()
        assert link in page and "Follow the sign-in link" in page


def test_personal_pulse_links_are_not_kept_in_the_outbox(
    make_pulse, doers, django_capture_on_commit_callbacks
):
    pulse = make_pulse()
    with django_capture_on_commit_callbacks(execute=True):
        pulse_services.launch(pulse)
    invitations = OutboxMessage.objects.filter(subject__startswith="Two minutes")
    assert invitations.count() == len(doers)
    assert all(m.status == OutboxMessage.Status.SENT for m in invitations)
    assert not any(LINK.search(m.body) for m in invitations)
    assert all("[personal pulse link, sent" in m.body for m in invitations)
    assert all("/pulses/answer/" in sent.body for sent in mail.outbox)


def test_a_message_waiting_to_be_sent_holds_its_link_sealed():
    body = "Sign in: https://insideout.example/sign-in/link/abc123SECRET/ within 30 minutes."
    message = OutboxMessage(to="a@example.org", subject="Sign in")
    message.set_body(body)
    assert "abc123SECRET" not in message.body + str(message.sealed_links)
    assert "[sign-in link 1, not sent yet]" in message.body
    assert message.body_to_send() == body
