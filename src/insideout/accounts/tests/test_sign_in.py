import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from insideout.accounts.models import SignInToken
from insideout.outbox.models import OutboxMessage
from tests.factories import STAFF_PASSWORD

LINK = re.compile(r"http://127\.0\.0\.1:8000(/sign-in/link/[^/\s]+/)")


@pytest.fixture
def request_link(django_capture_on_commit_callbacks):
    """Ask for a link as a doer would, and return the path it e-mails (None if no e-mail)."""

    def ask(client, email: str, next_url: str = "") -> str | None:
        url = "/sign-in/" + (f"?next={next_url}" if next_url else "")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"email": email})
        return link_sent(response, email)

    return ask


def link_sent(response, email: str) -> str | None:
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/check-your-email/"
    sent = [m for m in mail.outbox if email.lower() in m.to]
    found = LINK.search(sent[-1].body) if sent else None
    return found.group(1) if found else None


def test_doer_signs_in_with_an_emailed_link(client, doer_lead, request_link):
    link = request_link(client, "HEAD@moorside.example.org")
    confirm = client.get(link)
    assert confirm.status_code == 200
    assert "Hannah Head" in confirm.content.decode()
    response = client.post(link)
    assert response.status_code == 302
    assert client.get("/").context["user"] == doer_lead


def test_the_outbox_keeps_the_message_but_not_its_link(client, doer_lead, request_link):
    link = request_link(client, doer_lead.email)
    message = OutboxMessage.objects.get(to=doer_lead.email)
    assert message.status == OutboxMessage.Status.SENT
    assert link not in message.body
    assert "[sign-in link, sent " in message.body


def test_a_link_works_only_once(client, doer_lead, request_link):
    link = request_link(client, doer_lead.email)
    client.post(link)
    client.post("/sign-out/")
    second = client.post(link)
    assert second.status_code == 410
    assert "This link no longer works" in second.content.decode()
    assert "_auth_user_id" not in client.session


def test_opening_the_link_does_not_spend_it(client, doer_lead, request_link):
    """Mail scanners open links; only pressing the button signs in."""
    link = request_link(client, doer_lead.email)
    client.get(link)
    client.get(link)
    assert client.post(link).status_code == 302


def test_an_expired_link_does_not_sign_in(client, doer_lead, request_link):
    link = request_link(client, doer_lead.email)
    SignInToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.post(link).status_code == 410
    assert "_auth_user_id" not in client.session


def test_only_a_digest_of_the_link_is_stored(client, doer_lead, request_link):
    link = request_link(client, doer_lead.email)
    raw = link.rstrip("/").rsplit("/", 1)[1]
    assert len(raw) >= 40
    token = SignInToken.objects.get()
    assert raw not in token.digest
    assert not SignInToken.objects.filter(digest=raw).exists()


def test_unknown_address_gets_the_same_page_and_no_mail(client, db, request_link):
    assert request_link(client, "nobody@example.org") is None
    assert mail.outbox == []


def test_staff_are_reminded_to_use_their_password(client, centre_officer, request_link):
    request_link(client, centre_officer.email)
    assert "password" in mail.outbox[0].subject
    assert not SignInToken.objects.exists()


def test_links_are_rate_limited(client, doer_lead, settings, request_link):
    settings.SIGN_IN_LINKS_PER_HOUR = 2
    for _ in range(4):
        request_link(client, doer_lead.email)
    assert SignInToken.objects.count() == 2


def test_signing_in_spends_every_other_link(client, doer_lead, request_link):
    first = request_link(client, doer_lead.email)
    second = request_link(client, doer_lead.email)
    client.post(second)
    client.post("/sign-out/")
    assert client.post(first).status_code == 410


def test_after_sign_in_the_doer_returns_to_where_they_were_going(client, doer_lead, request_link):
    link = request_link(client, doer_lead.email, next_url="/directory/people/")
    assert client.post(link)["Location"] == "/directory/people/"


def test_sign_in_never_redirects_to_another_site(client, doer_lead, request_link):
    link = request_link(client, doer_lead.email, next_url="https://evil.example.com/")
    assert client.post(link)["Location"] == "/"


def test_staff_sign_in_with_a_password(client, centre_lead):
    response = client.post(
        "/sign-in/password/", {"username": centre_lead.email, "password": STAFF_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200


def test_a_wrong_password_is_refused_with_a_clear_error(client, centre_lead):
    response = client.post(
        "/sign-in/password/", {"username": centre_lead.email, "password": "wrong"}
    )
    assert response.status_code == 200
    assert "Enter a correct e-mail address and password" in response.content.decode()
    assert "There is a problem" in response.content.decode()


def test_doers_cannot_sign_in_with_a_password(client, doer_lead):
    response = client.post("/sign-in/password/", {"username": doer_lead.email, "password": ""})
    assert "_auth_user_id" not in client.session
    assert "Enter your password" in response.content.decode()


def test_forms_refuse_posts_without_a_csrf_token(doer_lead):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/sign-in/", {"email": doer_lead.email}).status_code == 403
    assert mail.outbox == []


def test_sign_out_needs_a_post(client, doer_lead):
    client.force_login(doer_lead)
    assert client.get("/sign-out/").status_code == 405
    client.post("/sign-out/")
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("field", ["email", ""])
def test_sign_in_form_explains_a_bad_address(client, db, field):
    response = client.post("/sign-in/", {"email": "not-an-address" if field else ""})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert ("right format" if field else "Enter your work e-mail address") in body


def test_the_pages_and_the_email_say_how_long_a_link_works(
    client, doer_lead, request_link, settings
):
    settings.SIGN_IN_LINK_MINUTES = 20
    link = request_link(client, doer_lead.email)
    assert "for the next 20 minutes" in mail.outbox[-1].body
    assert "for 20 minutes" in client.get("/sign-in/check-your-email/").content.decode()
    SignInToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert "only for 20 minutes" in client.get(link).content.decode()
