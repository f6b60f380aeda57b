"""Fixtures shared by every test: one person per role, in a small department."""

import datetime

import pytest
from django.utils import timezone

from insideout.directory.models import Role
from insideout.pulses.models import Pulse, Question
from tests.factories import CentreUnitFactory, OrganisationFactory, person_with_role


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path_factory):
    """Tasks run at once, through the same code as the worker; e-mail stays in memory."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STATIC_ROOT = tmp_path_factory.getbasetemp() / "static"
    settings.STATIC_ROOT.mkdir(exist_ok=True)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _demand_snapshot_dir(settings, tmp_path):
    """Each test's own columnar snapshot for the demand charts, never the checkout's var/."""
    settings.DEMAND_SNAPSHOT_DIR = tmp_path / "demand-snapshot"


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, test in a file, as Inside Out runs: an in-memory database shared between
    threads refuses a second writer at once instead of waiting its turn."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(
            tmp_path_factory.mktemp("database") / "test.sqlite3"
        )


@pytest.fixture
def unit(db):
    return CentreUnitFactory(name="School Funding Unit")


@pytest.fixture
def other_unit(db):
    return CentreUnitFactory(name="Teacher Development Unit")


@pytest.fixture
def school(db):
    return OrganisationFactory(name="Moorside Primary School", external_id="URN100001")


@pytest.fixture
def other_school(db):
    return OrganisationFactory(name="Riverside Academy", external_id="URN100002")


@pytest.fixture
def admin_user(db):
    return person_with_role(Role.ADMIN, full_name="Ada Admin", email="admin@example.org")


@pytest.fixture
def centre_lead(unit):
    return person_with_role(
        Role.CENTRE_LEAD, centre_unit=unit, full_name="Lena Lead", email="lead@centre.example.org"
    )


@pytest.fixture
def centre_officer(unit):
    return person_with_role(
        Role.CENTRE_OFFICER,
        centre_unit=unit,
        full_name="Omar Officer",
        email="officer@centre.example.org",
    )


@pytest.fixture
def analyst(db):
    return person_with_role(
        Role.ANALYST, full_name="Ana Analyst", email="analyst@centre.example.org"
    )


@pytest.fixture
def doer_lead(school):
    return person_with_role(
        Role.DOER_LEAD,
        organisation=school,
        full_name="Hannah Head",
        email="head@moorside.example.org",
    )


@pytest.fixture
def doer_member(school):
    return person_with_role(
        Role.DOER_MEMBER,
        organisation=school,
        full_name="Tom Teacher",
        email="tom@moorside.example.org",
    )


@pytest.fixture
def frontline_partner(db):
    from tests.factories import OrganisationFactory as Org

    council = Org(name="Leeds City Council", external_id="E08000035", type="local_authority")
    return person_with_role(
        Role.FRONTLINE_PARTNER,
        organisation=council,
        full_name="Fiona Frontline",
        email="fiona@leeds.example.org",
    )


@pytest.fixture
def provider_organisation(db):
    return OrganisationFactory(
        name="Leeds Housing Advice", external_id="CH1100001", type="charity", sector="voluntary"
    )


@pytest.fixture
def provider(provider_organisation):
    """Staff of a charity that runs services: they answer pulls and keep capacity current."""
    return person_with_role(
        Role.PROVIDER,
        organisation=provider_organisation,
        full_name="Priya Provider",
        email="priya@leedshousing.example.org",
    )


ROLE_FIXTURES = {
    Role.ADMIN: "admin_user",
    Role.CENTRE_LEAD: "centre_lead",
    Role.CENTRE_OFFICER: "centre_officer",
    Role.ANALYST: "analyst",
    Role.DOER_LEAD: "doer_lead",
    Role.DOER_MEMBER: "doer_member",
    Role.FRONTLINE_PARTNER: "frontline_partner",
    Role.PROVIDER: "provider",
}


@pytest.fixture
def person_in_role(request):
    """Use with `@pytest.mark.parametrize("role", ...)`: the person for that role, or None."""
    role = request.getfixturevalue("role")
    fixture = ROLE_FIXTURES.get(role)
    return None if fixture is None else request.getfixturevalue(fixture)


# Pulses: a few units, twelve doers in three segments, and a pulse asking the standard questions.


@pytest.fixture
def units(db):
    return [
        CentreUnitFactory(name=name)
        for name in ("School Funding", "Teacher Development", "Estates and Infrastructure")
    ]


@pytest.fixture
def doers(db):
    """Twelve doers: six at schools in London, three at GP practices, three at schools up north."""
    people = []
    for i in range(6):
        org = OrganisationFactory(type="school", region="E12000007")
        people.append(person_with_role(Role.DOER_LEAD, organisation=org, full_name=f"Head {i}"))
    for i in range(3):
        org = OrganisationFactory(type="gp_practice", region="E12000007")
        people.append(person_with_role(Role.DOER_LEAD, organisation=org, full_name=f"GP {i}"))
    for i in range(3):
        org = OrganisationFactory(type="school", region="E12000001")
        people.append(
            person_with_role(Role.DOER_MEMBER, organisation=org, full_name=f"Teacher {i}")
        )
    return people


@pytest.fixture
def make_pulse(units, centre_lead):
    def make(**fields) -> Pulse:
        today = timezone.localdate()
        defaults = {
            "title": "Autumn pulse",
            "opens_on": today,
            "closes_on": today + datetime.timedelta(days=14),
            "created_by": centre_lead,
        }
        pulse = Pulse.objects.create(**{**defaults, **fields})
        pulse.units.set(units)
        for position, question in enumerate(Question.objects.filter(is_standard=True)):
            pulse.pulse_questions.create(question=question, position=position)
        return pulse

    return make


@pytest.fixture
def question():
    return {q.code: q for q in Question.objects.filter(is_standard=True)}
