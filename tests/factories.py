"""Factories for tests: a person in each role, organisations and units that look like real ones."""

import factory
from django.contrib.auth.hashers import make_password

from insideout.accounts.models import User
from insideout.directory.models import CentreUnit, Membership, Organisation
from insideout.vocabulary import Role

STAFF_PASSWORD = "correct horse battery staple"
_STAFF_PASSWORD_HASH = None


def staff_password_hash() -> str:
    """Hashing is slow on purpose; tests hash the shared staff password once."""
    global _STAFF_PASSWORD_HASH
    if _STAFF_PASSWORD_HASH is None:
        _STAFF_PASSWORD_HASH = make_password(STAFF_PASSWORD)
    return _STAFF_PASSWORD_HASH


class CentreUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CentreUnit

    name = factory.Sequence(lambda n: f"Unit {n}")
    kind = CentreUnit.Kind.UNIT


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    # Above the fixed URN10000x ids the fixtures use, so the two never collide.
    external_id = factory.Sequence(lambda n: f"URN{500000 + n}")
    name = factory.Sequence(lambda n: f"Hillside Primary School {n}")
    type = Organisation.Type.SCHOOL
    sector = Organisation.Sector.PUBLIC
    region = "E12000007"
    local_authority = "E09000030"
    size = 42


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = "!unusable"  # doers sign in by e-mailed link


class StaffFactory(PersonFactory):
    password = factory.LazyFunction(staff_password_hash)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    role = Role.DOER_MEMBER


def person_with_role(
    role: str,
    *,
    organisation: Organisation | None = None,
    centre_unit: CentreUnit | None = None,
    **fields,
) -> User:
    """A person holding one role, in the unit or organisation that role needs."""
    from insideout.directory.models import ORGANISATION_ROLES, UNIT_ROLES

    person_factory = PersonFactory if role in ORGANISATION_ROLES else StaffFactory
    person = person_factory(**fields)
    if role in UNIT_ROLES:
        centre_unit = centre_unit or CentreUnitFactory()
    if role in ORGANISATION_ROLES:
        organisation = organisation or OrganisationFactory()
    Membership.objects.create(
        person=person, role=role, centre_unit=centre_unit, organisation=organisation
    )
    if role == Role.ADMIN:
        User.objects.filter(pk=person.pk).update(is_staff=True, is_superuser=True)
        person.refresh_from_db()
    return person


def raised_ago(ask, delta):
    """Move an ask's raising, and its service level's clock, back in time by `delta`."""
    from django.utils import timezone

    from insideout.asks.service_levels import start_clock

    ask.raised_at = timezone.now() - delta
    start_clock(ask, ask.raised_at)
    ask.save(update_fields=["raised_at", "clock_started_at", "acknowledge_due_at", "decide_due_at"])
    return ask


# The capability catalogue and cases: a service a provider runs, and a case a partner works on.


def service_for(
    organisation: Organisation,
    name: str = "Tenancy rescue",
    categories=("housing",),
    area: str = "E08000035",
    **fields,
):
    """An active service in the catalogue, run by the directory organisation, serving an area
    (Leeds unless said), that can take people on now."""
    from insideout.catalogue.models import Provider, Service
    from insideout.catalogue.services import classify, serve_areas

    provider = Provider.objects.filter(directory_organisation=organisation).first()
    if provider is None:
        provider = Provider.objects.create(
            name=organisation.name,
            description=f"{organisation.name} runs services.",
            directory_organisation=organisation,
        )
    defaults = {
        "description": f"{name}: help for people in Leeds.",
        "capacity_status": "capacity",
    }
    service = Service.objects.create(organization=provider, name=name, **{**defaults, **fields})
    classify(service, categories)
    serve_areas(service, [area])
    return service


def case_for(partner: User, consent: bool = True, **fields):
    """A case a frontline partner opened, in Leeds, with the person's consent recorded."""
    from insideout.cases.services import open_case, record_consent

    defaults = {"reference": "JB-2207", "local_authority": "E08000035", "age_band": "adult"}
    case = open_case(partner, **{**defaults, **fields})
    if consent:
        record_consent(case, partner, given=True)
    return case
