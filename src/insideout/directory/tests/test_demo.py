"""The demo department: big and true-looking enough for every page to have something to show."""

import re

import pytest
from django.apps import apps

from insideout.accounts.models import User
from insideout.demo import DemoRefused, build_demo, wipe
from insideout.directory.demo import DEMO_PASSWORD
from insideout.directory.models import CentreUnit, Membership, Organisation
from insideout.directory.places import LOCAL_AUTHORITIES, REGIONS
from insideout.vocabulary import ORGANISATION_ROLES, Role

T = Organisation.Type
EXTERNAL_ID_SHAPES = {
    T.SCHOOL: r"\d{6}",  # URN
    T.GP_PRACTICE: r"[A-P]8\d{4}",  # ODS practice code
    T.HOSPITAL: r"R[A-Z0-9]{2}",  # ODS trust code
    T.POLICE_FORCE: r"[a-z]+(-[a-z]+)*",  # data.police.uk force id
    T.LOCAL_AUTHORITY: r"E\d{8}",  # ONS GSS code
    T.CHARITY: r"\d{6,7}",  # Charity Commission number
    T.BUSINESS: r"\d{8}",  # Companies House number
    T.OTHER: r"1000\d{4}",  # UK provider reference number of a college
}


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """One demo department, built once for the read-only checks of a class."""
    with django_db_blocker.unblock():
        result = build_demo()
    yield result
    with django_db_blocker.unblock():
        wipe()


class TestTheDemoDepartment:
    """Read-only checks of one demo department; the tests below build their own."""

    def test_demo_department_has_a_dozen_units_in_directorates(self, demo, db):
        department = CentreUnit.objects.get(kind=CentreUnit.Kind.DEPARTMENT)
        units = CentreUnit.objects.filter(kind=CentreUnit.Kind.UNIT)
        assert 10 <= units.count() <= 14
        assert CentreUnit.objects.filter(parent=department, kind="directorate").count() >= 4
        for unit in units:
            assert unit.parent.parent == department
            assert unit.purpose and unit.email.endswith(".example.gov.uk")
            assert not unit.children.exists()

    def test_demo_has_over_600_organisations_of_many_types_in_every_region(self, demo, db):
        organisations = Organisation.objects.all()
        assert organisations.count() >= 600
        assert len(set(organisations.values_list("type", flat=True))) >= 6
        # The catalogue's national charities provide services everywhere and belong to no region.
        national = organisations.filter(region="")
        assert set(national.values_list("type", flat=True)) == {T.CHARITY}
        assert national.count() < 10
        regional = organisations.exclude(region="")
        assert set(regional.values_list("region", flat=True)) == set(REGIONS)
        for region, local_authority, size in regional.values_list(
            "region", "local_authority", "size"
        ):
            assert LOCAL_AUTHORITIES[local_authority][1] == region
            assert size > 0

    def test_demo_organisations_carry_identifiers_shaped_like_their_registers(self, demo, db):
        for kind, external_id, sector in Organisation.objects.values_list(
            "type", "external_id", "sector"
        ):
            assert re.fullmatch(EXTERNAL_ID_SHAPES[kind], external_id), (kind, external_id)
            expected = {T.CHARITY: "voluntary", T.BUSINESS: "private"}.get(kind, "public")
            assert sector == expected
        councils = Organisation.objects.filter(type=T.LOCAL_AUTHORITY)
        assert all(c.external_id == c.local_authority for c in councils)

    def test_every_demo_organisation_has_a_doer_lead_and_most_have_members(self, demo, db):
        doers = Organisation.objects.exclude(region="")
        assert not doers.exclude(memberships__role=Role.DOER_LEAD).exists()
        national = Organisation.objects.filter(region="")
        assert not national.exclude(memberships__role=Role.PROVIDER).exists()
        with_members = Organisation.objects.filter(memberships__role=Role.DOER_MEMBER).distinct()
        assert with_members.count() > 0.7 * Organisation.objects.count()
        partners_in = set(
            Organisation.objects.filter(memberships__role=Role.FRONTLINE_PARTNER).values_list(
                "type", flat=True
            )
        )
        assert partners_in == {T.LOCAL_AUTHORITY, T.CHARITY}

    def test_demo_has_people_in_every_role(self, demo, db):
        assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)
        for unit in CentreUnit.objects.filter(kind=CentreUnit.Kind.UNIT):
            roles = list(unit.memberships.values_list("role", flat=True))
            assert roles.count(Role.CENTRE_LEAD) == 1
            assert 2 <= roles.count(Role.CENTRE_OFFICER) <= 4
        admins = User.objects.filter(memberships__role=Role.ADMIN)
        assert admins.count() == 2 and all(a.is_superuser and a.is_staff for a in admins)
        assert User.objects.filter(memberships__role=Role.ANALYST).count() == 3

    def test_demo_staff_have_the_demo_password_and_doers_sign_in_by_link(self, demo, db):
        doers = User.objects.filter(memberships__role__in=ORGANISATION_ROLES)
        assert not any(doer.has_usable_password() for doer in doers)
        staff = User.objects.exclude(memberships__role__in=ORGANISATION_ROLES)
        assert len({person.password for person in staff}) == 1  # hashed once, shared
        assert staff.first().check_password(DEMO_PASSWORD)

    def test_demo_e_mail_addresses_are_unique_and_never_real(self, demo, db):
        emails = list(User.objects.values_list("email", flat=True))
        assert len(emails) == len(set(emails))
        shape = r"[a-z.0-9]+@[a-z0-9.-]+\.example\.(org|gov\.uk)"
        assert all(re.fullmatch(shape, email) for email in emails)

    def test_demo_names_one_person_to_sign_in_as_for_each_role(self, demo, db):
        sign_ins = demo["sign_ins"]
        assert [s["role"] for s in sign_ins] == list(Role.values)
        for sign_in in sign_ins:
            person = User.objects.get(email=sign_in["email"])
            assert person.has_role(sign_in["role"])
            staff = sign_in["role"] not in ORGANISATION_ROLES
            assert sign_in["password"] == (DEMO_PASSWORD if staff else None)


def _snapshot() -> tuple[list, list, list]:
    return (
        list(
            Organisation.objects.order_by("pk").values_list(
                "external_id", "name", "type", "local_authority", "size"
            )
        ),
        list(User.objects.order_by("pk").values_list("email", "full_name", "job_title")),
        list(
            Membership.objects.order_by("pk").values_list(
                "person__email", "role", "centre_unit__name", "organisation__external_id"
            )
        ),
    )


def test_rebuilding_with_a_seed_gives_the_same_department_without_duplicates(db):
    build_demo(seed=11)
    first = _snapshot()
    build_demo(seed=11)
    assert _snapshot() == first
    build_demo(seed=12)
    assert _snapshot() != first


def test_rebuilding_keeps_the_reference_data_that_migrations_put_in(db):
    before = {
        model: set(model._base_manager.values_list("pk", flat=True))
        for model in apps.get_models()
        if model._base_manager.exists()
    }
    assert before  # content types at least; standard questions and the like where apps add them
    build_demo()
    build_demo()
    for model, pks in before.items():
        assert pks <= set(model._base_manager.values_list("pk", flat=True)), model


def test_demo_will_not_replace_data_it_did_not_make(school, admin_user):
    with pytest.raises(DemoRefused, match="--reset"):
        build_demo()
    assert list(Organisation.objects.all()) == [school]


def test_demo_with_reset_replaces_whatever_the_database_held(school):
    build_demo(reset=True)
    assert not Organisation.objects.filter(name="Moorside Primary School").exists()
    assert Organisation.objects.count() >= 600
