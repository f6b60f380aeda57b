"""People and roles managed in the service: given, changed and ended, each change audited and
e-mailed; doer leads manage only their own organisation's colleagues."""

import pytest
from django.core.exceptions import PermissionDenied

from insideout.directory import roles
from insideout.directory.models import Membership, MembershipEvent
from insideout.vocabulary import Role


def test_an_admin_invites_a_doer_lead_who_is_emailed_and_recorded(
    client, admin_user, other_school, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/directory/people/invite/",
            {
                "full_name": "Priya Patel",
                "email": "priya@riverside.example.org",
                "role": Role.DOER_LEAD,
                "organisation": other_school.external_id,
            },
        )
    assert response.status_code == 302
    membership = Membership.objects.get(person__email="priya@riverside.example.org")
    assert (membership.role, membership.organisation) == (Role.DOER_LEAD, other_school)
    event = MembershipEvent.objects.get(person=membership.person)
    assert (event.kind, event.actor) == ("given", admin_user)
    assert [m.to for m in mailoutbox] == [["priya@riverside.example.org"]]
    assert "/sign-in/" in mailoutbox[0].body


def test_an_admin_gives_a_member_of_staff_a_unit(client, admin_user, unit):
    client.force_login(admin_user)
    client.post(
        "/directory/people/invite/",
        {
            "full_name": "Sam Staff",
            "email": "sam@centre.example.org",
            "role": Role.CENTRE_OFFICER,
            "centre_unit": unit.pk,
        },
    )
    assert Membership.objects.get(person__email="sam@centre.example.org").centre_unit == unit


def test_a_doer_lead_invites_a_colleague_to_their_own_organisation(client, doer_lead, school):
    client.force_login(doer_lead)
    page = client.get("/directory/people/invite/").content.decode()
    assert "Centre officer" not in page
    client.post(
        "/directory/people/invite/",
        {
            "full_name": "Nia New",
            "email": "nia@moorside.example.org",
            "role": Role.DOER_MEMBER,
            "organisation": school.pk,
        },
    )
    assert Membership.objects.get(person__email="nia@moorside.example.org").organisation == school


def test_a_doer_lead_cannot_give_roles_elsewhere(doer_lead, other_school):
    with pytest.raises(PermissionDenied):
        roles.give_role(
            doer_lead,
            email="x@example.org",
            full_name="X",
            role=Role.DOER_MEMBER,
            organisation=other_school,
        )
    with pytest.raises(PermissionDenied):
        roles.give_role(
            doer_lead,
            email="x@example.org",
            full_name="X",
            role=Role.ADMIN,
        )


def test_a_role_is_changed_then_ended_and_the_history_shows_both(
    client, admin_user, doer_member, mailoutbox, django_capture_on_commit_callbacks
):
    membership = doer_member.memberships.get()
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/directory/people/{doer_member.pk}/roles/",
            {"membership": membership.pk, "change": "1", f"m{membership.pk}-role": Role.DOER_LEAD},
        )
        client.post(
            f"/directory/people/{doer_member.pk}/roles/", {"membership": membership.pk, "end": "1"}
        )
    assert not doer_member.memberships.exists()
    page = client.get(f"/directory/people/{doer_member.pk}/roles/").content.decode()
    assert "Role changed" in page and "Role ended" in page
    assert len(mailoutbox) == 2 and "has ended your role" in mailoutbox[1].body


def test_a_doer_lead_ends_a_colleagues_last_role_and_still_sees_that_history(
    client, doer_lead, doer_member, other_school, admin_user, mailoutbox
):
    Membership.objects.create(person=doer_member, role=Role.DOER_LEAD, organisation=other_school)
    roles.end_role(admin_user, doer_member.memberships.get(organisation=other_school))
    membership = doer_member.memberships.get()
    client.force_login(doer_lead)

    ended = client.post(
        f"/directory/people/{doer_member.pk}/roles/", {"membership": membership.pk, "end": "1"}
    )

    assert not doer_member.memberships.exists()
    page = client.get(ended["Location"])
    assert page.status_code == 200
    text = page.content.decode()
    assert "Role ended" in text
    assert other_school.name not in text  # another organisation's history is not theirs to read


def test_a_doer_lead_is_offered_roles_only_of_people_they_may_manage(
    client, doer_lead, doer_member, centre_officer
):
    client.force_login(doer_lead)
    offered = "s roles, and see their history"
    assert offered in client.get(f"/directory/people/{doer_member.pk}/").content.decode()
    officer = client.get(f"/directory/people/{centre_officer.pk}/")
    assert officer.status_code != 200 or offered not in officer.content.decode()
    assert client.get(f"/directory/people/{centre_officer.pk}/roles/").status_code == 403


def test_roles_cannot_be_changed_in_the_django_admin_where_nothing_would_be_recorded(
    client, admin_user, doer_member
):
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    membership = doer_member.memberships.get()

    change = client.post(
        f"/admin/directory/membership/{membership.pk}/change/", {"role": Role.DOER_LEAD}
    )

    assert change.status_code == 403
    membership.refresh_from_db()
    assert membership.role == Role.DOER_MEMBER
    assert not MembershipEvent.objects.exists()
