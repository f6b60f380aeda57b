"""The demo department's capability catalogue: a few hundred services run by its charities,
councils and NHS trusts and by four national helplines, with a provider in each to answer pulls.

The story it sets up: in Leeds, housing services are full (no capacity) and the family rooms
have a long wait, so homeless families' needs go unmet there; in Manchester, talking therapies
have a waiting list. The services come from `demo_services.toml`."""

import random
import re
import secrets
import tomllib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import connection, models
from django.utils import timezone

from insideout.accounts.models import User
from insideout.directory.models import Membership, Organisation
from insideout.vocabulary import Role

from . import models as m
from .capacity import PLACES_A_WEEK, status_for, wait_text
from .places import CENTRES, ENGLAND, GSS_URI, place_name, region_of
from .services import places_unit
from .taxonomies import (
    ELIGIBILITY_LINK,
    NAMESPACE,
    NEED_LINK,
    eligibility_term_id,
    ensure_taxonomies,
    need_term_id,
)

DATA = tomllib.loads((Path(__file__).with_name("demo_services.toml")).read_text())
LEEDS, MANCHESTER = "E08000035", "E08000003"
NATIONAL = [
    ("Shelter", "263710"),
    ("StepChange Debt Charity", "1016630"),
    ("Samaritans", "219432"),
    ("Carers UK", "246329"),
    ("Veterans' Gateway partnership", "1121228"),
]
T = Organisation.Type
STREETS = ["High Street", "Station Road", "Church Lane", "Market Street", "Victoria Road"]


@dataclass
class DemoCatalogue:
    services: list[m.Service]
    provider_of: dict[uuid.UUID, int]  # service id -> the directory organisation that runs it
    providers: dict[int, User]  # directory organisation id -> its provider's staff member
    organisations: list[Organisation] = field(default_factory=list)

    story_provider: int | None = None  # runs Leeds's (full) housing services

    def sign_ins(self) -> list[tuple[str, User, str]]:
        """The demo's provider to sign in as: the one that runs Leeds's housing services."""
        chosen = self.story_provider or next(iter(self.providers))
        return [(Role.PROVIDER, self.providers[chosen], Organisation.objects.get(pk=chosen).name)]


def _phone_number(rng: random.Random) -> str:
    return f"0{rng.randint(113, 199)} {rng.randint(100, 999)} {rng.randint(0, 9999):04}"


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def clear() -> None:
    """A rebuild starts from an empty catalogue."""
    with connection.cursor() as cursor:
        for model in (
            m.Attribute,
            m.ChangeRecord,
            m.ServiceCapacity,
            m.Phone,
            m.Contact,
            m.Language,
            m.Schedule,
            m.ServiceArea,
            m.CostOption,
            m.RequiredDocument,
            m.Funding,
            m.ServiceAtLocation,
            m.Address,
            m.Accessibility,
            m.Service,
            m.Location,
            m.Programme,
            m.OrganisationIdentifier,
            m.Provider,
            m.TaxonomyTerm,
            m.Taxonomy,
        ):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608


def _runs(template: dict, organisation: Organisation, national: bool, regional: bool) -> bool:
    for rule in template["runs_if"]:
        if rule == "national" and national:
            return True
        if rule == "region" and regional:
            return True
        if rule == organisation.type:
            return True
        if rule not in ("national", "region") and rule in organisation.name:
            return True
    return False


def _national(rng: random.Random) -> list[Organisation]:
    made = Organisation.objects.bulk_create(
        Organisation(
            external_id=number,
            name=name,
            type=T.CHARITY,
            sector=Organisation.Sector.VOLUNTARY,
            region="",
        )
        for name, number in NATIONAL
    )
    return list(made)


def populate(rng: random.Random, built: dict) -> DemoCatalogue:
    directory = built["directory"]
    clear()
    ensure_taxonomies()
    places_unit()
    now = timezone.now()
    national = _national(rng)
    candidates = [
        o
        for o in directory.organisations
        if o.type in (T.CHARITY, T.LOCAL_AUTHORITY, T.HOSPITAL) and o.local_authority in CENTRES
    ]
    regional_ids = {o.pk for o in candidates if "Women's Aid" in o.name}
    rows = _Rows(rng, now)
    for organisation in [*candidates, *national]:
        is_national = organisation in national
        templates = [
            t
            for t in DATA["service"]
            if _runs(t, organisation, is_national, organisation.pk in regional_ids)
        ]
        if not templates:
            continue
        limit = 5 if organisation.type == T.LOCAL_AUTHORITY else 3
        chosen = templates if is_national else rng.sample(templates, min(limit, len(templates)))
        if organisation.type == T.LOCAL_AUTHORITY:  # every council gives housing advice
            chosen = [t for t in templates if t["category"] == "housing"] + [
                t for t in chosen if t["category"] != "housing"
            ][: limit - 1]
        if is_national:
            chosen = [t for t in chosen if rng.random() < 0.5] or chosen[:1]
        rows.provider(organisation, directory, chosen, is_national)
    rows.save()
    return DemoCatalogue(
        services=rows.services,
        provider_of=rows.provider_of,
        providers=rows.staff,
        organisations=national,
        story_provider=rows.story_provider,
    )


class _Rows:
    """The catalogue's rows, gathered in memory and inserted a table at a time."""

    def __init__(self, rng: random.Random, now) -> None:
        self.rng, self.now = rng, now
        self.providers: list[m.Provider] = []
        self.identifiers: list[m.OrganisationIdentifier] = []
        self.services: list[m.Service] = []
        self.locations: list[m.Location] = []
        self.addresses: list[m.Address] = []
        self.at_locations: list[m.ServiceAtLocation] = []
        self.phones: list[m.Phone] = []
        self.areas: list[m.ServiceArea] = []
        self.attributes: list[m.Attribute] = []
        self.capacities: list[m.ServiceCapacity] = []
        self.users: list[User] = []
        self.memberships: list[Membership] = []
        self.provider_of: dict[uuid.UUID, int] = {}
        self.staff: dict[int, User] = {}
        self.story_provider: int | None = None

    def provider(self, organisation: Organisation, directory, templates, national: bool) -> None:
        rng = self.rng
        provider = m.Provider(
            id=_uuid(rng),
            name=organisation.name,
            description=f"{organisation.name} runs services that frontline partners can pull.",
            directory_organisation=organisation,
        )
        self.providers.append(provider)
        self.identifiers.append(
            m.OrganisationIdentifier(
                id=_uuid(rng),
                organization=provider,
                identifier_type="charity_number" if organisation.type == T.CHARITY else "gss",
                identifier=organisation.external_id,
            )
        )
        people = directory.organisation_people.get(organisation.pk) or []
        slug = re.sub(r"[^a-z]", "", organisation.name.lower())[:20]
        domain = people[0].email.split("@")[1] if people else f"{slug}.example.org"
        first = rng.choice(DATA["staff_first_names"])
        last = rng.choice(DATA["staff_last_names"])
        person = User(
            email=f"{first}.{last}.services@{domain}".lower().replace("'", ""),
            full_name=f"{first} {last}",
            job_title="Service coordinator",
            password=UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30),
        )
        self.users.append(person)
        self.memberships.append(
            Membership(person=person, role=Role.PROVIDER, organisation=organisation)
        )
        self.staff[organisation.pk] = person
        place = organisation.local_authority or ENGLAND
        for template in templates:
            self.service(provider, organisation, template, place, national)

    def service(self, provider, organisation, template: dict, place: str, national: bool) -> None:
        rng = self.rng
        town = place_name(place).split(",")[0]
        service_id = _uuid(rng)
        modified = self.now - timedelta(days=rng.randint(0, 60))
        service = m.Service(
            id=service_id,
            organization=provider,
            name=template["name"].format(place=town),
            description=template["description"],
            minimum_age=template.get("minimum_age"),
            maximum_age=template.get("maximum_age"),
            application_process="A frontline partner pulls it for you in Inside Out, or call us.",
            email=f"help@{re.sub(r'[^a-z]', '', provider.name.lower())[:20]}.example.org",
            last_modified=modified,
        )
        if place == LEEDS and template["category"] == "housing":
            self.story_provider = organisation.pk
        places, weeks, assessment = self._room(template, place)
        service.capacity_status = status_for(places, weeks, assessment)
        service.wait_weeks, service.wait_time = weeks, wait_text(weeks)
        self.services.append(service)
        self.provider_of[service.id] = organisation.pk
        reach = "online" if national else template["reach"]
        code = {"online": ENGLAND, "region": region_of(place) or ENGLAND}.get(reach, place)
        self.areas.append(
            m.ServiceArea(
                id=_uuid(rng),
                service=service,
                name=place_name(code),
                uri=GSS_URI + code,
                gss_code=code,
            )
        )
        self._where(service, place, online=reach == "online")
        for link_type, term in [(NEED_LINK, need_term_id(template["category"]))] + [
            (ELIGIBILITY_LINK, eligibility_term_id(e)) for e in template.get("eligibility", [])
        ]:
            self.attributes.append(
                m.Attribute(
                    id=uuid.uuid5(NAMESPACE, f"{service.id}:{term}"),
                    owner_type="service",
                    owner_id=service.id,
                    link_id=service.id,
                    link_entity="service",
                    link_type=link_type,
                    taxonomy_term_id=term,
                )
            )
        if places is not None:
            self.capacities.append(
                m.ServiceCapacity(
                    id=_uuid(rng),
                    service=service,
                    unit_id=PLACES_A_WEEK,
                    available=places,
                    maximum=max(places, rng.randint(4, 30)),
                    description="How many people can start this week.",
                    updated=modified,
                )
            )

    def _room(self, template: dict, place: str) -> tuple[int | None, int | None, bool]:
        """Places free this week, the wait in weeks, and whether an assessment comes first."""
        rng, category = self.rng, template["category"]
        if place == LEEDS and category == "housing":
            return 0, None, False  # full: the story's unmet need
        if place == MANCHESTER and category == "mental_health":
            return 0, rng.randint(8, 14), False
        draw = rng.random()
        if draw < 0.6:
            return rng.randint(1, 25), None, False
        if draw < 0.8:
            return 0, rng.randint(2, 10), False
        if draw < 0.88:
            return 0, None, False
        if draw < 0.94:
            return rng.randint(1, 6), None, True
        return None, None, False

    def _where(self, service: m.Service, place: str, online: bool) -> None:
        rng = self.rng
        if online:
            location = m.Location(
                id=_uuid(rng),
                location_type=m.Location.Type.VIRTUAL,
                name="By phone and online",
                organization=service.organization,
            )
        else:
            latitude, longitude = CENTRES.get(place, CENTRES["E12000007"])
            location = m.Location(
                id=_uuid(rng),
                location_type=m.Location.Type.PHYSICAL,
                name=f"{service.organization.name}, {rng.choice(['Hub', 'Centre', 'Office'])}",
                organization=service.organization,
                latitude=round(latitude + rng.uniform(-0.04, 0.04), 5),
                longitude=round(longitude + rng.uniform(-0.06, 0.06), 5),
                local_authority=place,
            )
            self.addresses.append(
                m.Address(
                    id=_uuid(rng),
                    location=location,
                    address_1=f"{rng.randint(1, 180)} {rng.choice(STREETS)}",
                    city=place_name(place).split(",")[0],
                    state_province="England",
                    postal_code=rng.choice(["LS", "M", "S", "B", "NE", "BS", "L"])
                    + f"{rng.randint(1, 20)} {rng.randint(1, 9)}AB",
                    country="GB",
                    address_type=m.Location.Type.PHYSICAL,
                )
            )
        self.locations.append(location)
        self.at_locations.append(
            m.ServiceAtLocation(id=_uuid(rng), service=service, location=location)
        )
        self.phones.append(
            m.Phone(
                id=_uuid(rng),
                service=service,
                number=_phone_number(rng),
                type="voice",
            )
        )

    def save(self) -> None:
        User.objects.bulk_create(self.users)
        Membership.objects.bulk_create(self.memberships)
        tables: list[tuple[type[models.Model], Sequence[models.Model]]] = [
            (m.Provider, self.providers),
            (m.OrganisationIdentifier, self.identifiers),
            (m.Service, self.services),
            (m.Location, self.locations),
            (m.Address, self.addresses),
            (m.ServiceAtLocation, self.at_locations),
            (m.Phone, self.phones),
            (m.ServiceArea, self.areas),
            (m.Attribute, self.attributes),
            (m.ServiceCapacity, self.capacities),
        ]
        for model, rows in tables:
            model._default_manager.bulk_create(rows, batch_size=500)
