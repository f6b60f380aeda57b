"""Signing in resists guessing: password lockouts by account and by address with a cool-off
and an audit, sign-in e-mails limited per client address, and a sign-in page whose work does
not depend on whether an address has an account."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from insideout.accounts.models import SignInRequest, SignInToken
from insideout.outbox.models import OutboxMessage
from tests.factories import STAFF_PASSWORD


def sign_in(client: Client, email: str, password: str):
    return client.post("/sign-in/password/", {"username": email, "password": password})


def from_address(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def test_forty_wrong_passwords_then_the_right_one_does_not_sign_in(centre_lead, settings):
    client = from_address("203.0.113.7")
    for n in range(40):
        sign_in(client, centre_lead.email, f"guess {n}")
    response = sign_in(client, centre_lead.email, STAFF_PASSWORD)
    assert response.status_code == 429
    assert "Sign-in stopped for a while" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_account_is_stopped_whichever_addresses_the_guesses_come_from(centre_lead, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(from_address(f"198.51.100.{n}"), centre_lead.email.upper(), "wrong")
    response = sign_in(from_address("192.0.2.99"), centre_lead.email, STAFF_PASSWORD)
    assert response.status_code == 429


def test_an_address_is_stopped_whichever_accounts_it_guesses(centre_lead, centre_officer, settings):
    guesser = from_address("203.0.113.9")
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(guesser, f"someone{n}@centre.example.org", "wrong")
    assert sign_in(guesser, centre_officer.email, STAFF_PASSWORD).status_code == 429
    assert (
        sign_in(from_address("192.0.2.1"), centre_officer.email, STAFF_PASSWORD).status_code == 302
    )


def test_after_the_cool_off_the_right_password_works_again(centre_lead, settings):
    client = from_address("203.0.113.7")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, centre_lead.email, "wrong")
    assert sign_in(client, centre_lead.email, STAFF_PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time
        - settings.AXES_COOLOFF_TIME
        - timedelta(minutes=1)
    )
    assert sign_in(client, centre_lead.email, STAFF_PASSWORD).status_code == 302


def test_admins_see_every_lockout_and_can_lift_one(client, admin_user, centre_lead, settings):
    guesser = from_address("203.0.113.7")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(guesser, centre_lead.email, "wrong")
    client.force_login(admin_user)

    start = client.get("/").content.decode()
    assert "Sign-in lockouts" in start
    page = client.get("/sign-in/lockouts/").content.decode()
    assert centre_lead.email in page and "203.0.113.7" in page and "Stopped" in page

    attempt = AccessAttempt.objects.get(username=centre_lead.email)
    assert client.post(f"/sign-in/lockouts/{attempt.pk}/lift/").status_code == 302
    assert sign_in(guesser, centre_lead.email, STAFF_PASSWORD).status_code == 302


def ask_for_link(client: Client, email: str):
    return client.post("/sign-in/", {"email": email})


def links_for(person) -> int:
    return OutboxMessage.objects.filter(to=person.email).count()


def test_a_stranger_cannot_spend_a_doers_links(doer_lead, settings):
    stranger = from_address("203.0.113.50")
    for _ in range(settings.SIGN_IN_LINKS_PER_HOUR + 3):
        assert ask_for_link(stranger, doer_lead.email).status_code == 302
    assert links_for(doer_lead) == settings.SIGN_IN_LINKS_PER_HOUR

    assert ask_for_link(from_address("192.0.2.10"), doer_lead.email).status_code == 302
    assert links_for(doer_lead) == settings.SIGN_IN_LINKS_PER_HOUR + 1


def test_the_owners_sign_in_resets_the_count_from_their_address(doer_lead, settings):
    office = from_address("192.0.2.10")
    for _ in range(settings.SIGN_IN_LINKS_PER_HOUR + 1):
        ask_for_link(office, doer_lead.email)
    assert SignInToken.objects.count() == settings.SIGN_IN_LINKS_PER_HOUR
    office.force_login(doer_lead)
    office.post("/sign-out/")

    ask_for_link(office, doer_lead.email)
    assert SignInToken.objects.count() == settings.SIGN_IN_LINKS_PER_HOUR + 1


def test_one_address_asking_for_many_accounts_is_told_to_wait(db, settings):
    settings.SIGN_IN_REQUESTS_PER_CLIENT_PER_HOUR = 3
    client = from_address("203.0.113.60")
    answers = [ask_for_link(client, f"p{n}@school.example.org").status_code for n in range(5)]
    assert answers == [302, 302, 302, 429, 429]
    assert SignInRequest.objects.filter(client_address="203.0.113.60").count() == 3
    assert ask_for_link(from_address("192.0.2.11"), "p9@school.example.org").status_code == 302


def test_staff_password_reminders_are_limited_too(centre_officer, settings):
    client = from_address("203.0.113.51")
    for _ in range(settings.SIGN_IN_LINKS_PER_HOUR + 4):
        ask_for_link(client, centre_officer.email)
    assert links_for(centre_officer) == settings.SIGN_IN_LINKS_PER_HOUR
    assert all("password" in m.subject for m in OutboxMessage.objects.all())


@pytest.fixture
def queued_tasks(settings):
    """Tasks wait in the database queue, as in production, instead of running in the request."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def statements(address: str) -> list[str]:
    client = from_address("192.0.2.77")
    client.get("/sign-in/")
    with CaptureQueriesContext(connection) as queries:
        assert ask_for_link(client, address).status_code == 302
    return [
        re.sub(r"\d+", "N", q["sql"].split(" WHERE ")[0].split(" VALUES ")[0])
        for q in queries.captured_queries
    ]


def test_the_sign_in_page_does_the_same_work_for_known_and_unknown_addresses(
    doer_lead, centre_officer, queued_tasks
):
    unknown = statements("nobody@nowhere.example.org")
    assert statements(doer_lead.email) == unknown
    assert statements(centre_officer.email) == unknown
    assert mail.outbox == [] and not SignInToken.objects.exists()
