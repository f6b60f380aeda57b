"""Centre staff sign in through the department's identity provider: a real OpenID Connect
provider (django-oauth-toolkit's, tests/standins/oidc_provider.py) run in its own process."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.test import Client

from insideout.accounts.models import DepartmentSignInRefusal, User
from insideout.directory.models import Membership, MembershipEvent
from insideout.vocabulary import Role

CALLBACK = "http://testserver"


def sign_in(client, provider, persona: str):
    """Start at Inside Out, sign in at the provider, come back: Inside Out's last answer."""
    start = client.get("/sign-in/department/")
    assert start.status_code == 302
    back = provider.sign_in(start["Location"], persona)
    assert back.startswith(f"{CALLBACK}/sign-in/department/callback/?")
    return client.get(back.removeprefix(CALLBACK)), back


def signed_in_as(client) -> int | None:
    value = client.session.get(SESSION_KEY)
    return int(value) if value else None


@pytest.mark.django_db
def test_a_member_of_staff_signs_in_with_their_department_account(
    client, department, centre_officer
):
    department.personas(officer={"email": "Officer@Centre.example.org"})
    centre_officer.email = "officer@centre.example.org"
    centre_officer.save()

    response, _ = sign_in(client, department, "officer")

    assert response.status_code == 302 and response["Location"] == "/"
    assert signed_in_as(client) == centre_officer.pk
    assert not DepartmentSignInRefusal.objects.exists()


@pytest.mark.django_db
def test_someone_not_in_the_directory_is_told_why_and_admins_see_the_attempt(
    client, department, admin_user
):
    department.personas(newcomer={"email": "new.starter@centre.example.org"})
    people = User.objects.count()

    response, _ = sign_in(client, department, "newcomer")

    assert response.status_code == 403
    assert b"not in Inside Out&#x27;s directory" in response.content
    assert signed_in_as(client) is None
    assert User.objects.count() == people  # nobody is created
    refusal = DepartmentSignInRefusal.objects.get()
    assert (refusal.reason, refusal.email) == ("unknown", "new.starter@centre.example.org")
    client.force_login(admin_user)
    page = client.get("/sign-in/department/refused/")
    assert b"new.starter@centre.example.org" in page.content
    assert b"Not in the directory" in page.content


@pytest.mark.django_db
def test_an_address_the_provider_has_not_verified_is_refused(client, department, centre_officer):
    department.personas(unverified={"email": centre_officer.email, "email_verified": False})

    response, _ = sign_in(client, department, "unverified")

    assert response.status_code == 403
    assert signed_in_as(client) is None
    assert DepartmentSignInRefusal.objects.get().reason == "unverified"


@pytest.mark.django_db
def test_an_expired_id_token_is_refused(client, department, centre_officer):
    department.personas(late={"email": centre_officer.email, "quirk": "expired"})

    response, _ = sign_in(client, department, "late")

    assert response.status_code == 400
    assert signed_in_as(client) is None
    refusal = DepartmentSignInRefusal.objects.get()
    assert (refusal.reason, refusal.detail) == ("token", "the provider's token had expired")


@pytest.mark.django_db
def test_an_id_token_made_for_another_service_is_refused(client, department, centre_officer):
    department.personas(elsewhere={"email": centre_officer.email, "quirk": "other_audience"})

    response, _ = sign_in(client, department, "elsewhere")

    assert response.status_code == 400
    assert signed_in_as(client) is None
    refusal = DepartmentSignInRefusal.objects.get()
    assert (refusal.reason, refusal.detail) == ("token", "the token was made for another service")


@pytest.mark.django_db
def test_a_replayed_answer_from_the_provider_signs_nobody_in(client, department, centre_officer):
    department.personas(officer={"email": centre_officer.email})
    response, back = sign_in(client, department, "officer")
    assert signed_in_as(client) == centre_officer.pk
    client.post("/sign-out/")

    again = client.get(back.removeprefix(CALLBACK))  # the same browser, its state spent
    stolen = Client().get(back.removeprefix(CALLBACK))  # another browser

    assert again.status_code == stolen.status_code == 400
    assert signed_in_as(client) is None
    assert [r.reason for r in DepartmentSignInRefusal.objects.all()] == ["state", "state"]


@pytest.mark.django_db
def test_the_providers_groups_give_and_end_the_roles_they_map_to(
    client, settings, department, centre_officer, unit
):
    settings.OIDC_GROUP_ROLES = [
        ("io-unit-leads", Role.CENTRE_LEAD, unit.name),
        ("io-analysts", Role.ANALYST, ""),
    ]
    department.personas(officer={"email": centre_officer.email, "groups": ["io-unit-leads"]})

    sign_in(client, department, "officer")

    roles = set(Membership.objects.filter(person=centre_officer).values_list("role", flat=True))
    assert roles == {Role.CENTRE_OFFICER, Role.CENTRE_LEAD}  # the officer's own role stays
    given = MembershipEvent.objects.get(person=centre_officer, kind="given")
    assert given.actor is None and given.centre_unit == unit

    client.post("/sign-out/")
    department.personas(officer={"email": centre_officer.email, "groups": []})
    sign_in(client, department, "officer")

    roles = set(Membership.objects.filter(person=centre_officer).values_list("role", flat=True))
    assert roles == {Role.CENTRE_OFFICER}
    assert MembershipEvent.objects.filter(person=centre_officer, kind="ended").count() == 1


@pytest.mark.django_db
def test_without_a_group_mapping_signing_in_gives_no_role(client, department, centre_officer):
    department.personas(officer={"email": centre_officer.email, "groups": ["io-admins"]})

    sign_in(client, department, "officer")

    assert list(centre_officer.memberships.values_list("role", flat=True)) == [Role.CENTRE_OFFICER]


@pytest.mark.django_db
def test_a_provider_that_does_not_answer_gets_a_clear_page(client, settings):
    settings.OIDC_ISSUER = "http://127.0.0.1:9/o"  # nothing listens there
    settings.OIDC_ENABLED = True

    response = client.get("/sign-in/department/")

    assert response.status_code == 502
    assert b"did not answer" in response.content
    assert DepartmentSignInRefusal.objects.get().reason == "provider"


@pytest.mark.django_db
def test_department_sign_in_is_off_until_an_issuer_is_set(client):
    page = client.get("/sign-in/")
    assert b"department account" not in page.content
    assert b"Department accounts are not used here" in client.get("/sign-in/department/").content


@pytest.mark.django_db
def test_staff_are_pointed_to_their_department_account_and_doers_keep_links(
    client, department, centre_officer, doer_member, django_capture_on_commit_callbacks
):
    page = client.get("/sign-in/")
    assert b"Sign in with your department account" in page.content

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/sign-in/", {"email": centre_officer.email})
        client.post("/sign-in/", {"email": doer_member.email})

    staff_mail, doer_mail = mail.outbox
    assert "department account" in staff_mail.subject
    assert "/sign-in/department/" in staff_mail.body
    assert "/sign-in/link/" in doer_mail.body


@pytest.mark.django_db
def test_with_passwords_switched_off_no_password_signs_anyone_in(client, settings, admin_user):
    settings.STAFF_PASSWORDS = False
    settings.AUTHENTICATION_BACKENDS = [
        "insideout.accounts.department.PasswordsSwitchedOff",
        *settings.AUTHENTICATION_BACKENDS,
    ]
    admin_user.set_password("a long correct password")
    admin_user.save()

    page = client.post(
        "/sign-in/password/", {"username": admin_user.email, "password": "a long correct password"}
    )
    admin = client.post(
        "/admin/login/", {"username": admin_user.email, "password": "a long correct password"}
    )

    assert b"Sign in with your department account" in page.content
    assert admin.status_code == 200  # the form again, with its error
    assert signed_in_as(client) is None
