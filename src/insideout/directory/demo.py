"""The demo department's directory: units, doer organisations and people, the same for a seed."""

import random
import re
import secrets
from dataclasses import dataclass
from functools import cache

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, make_password

from insideout.accounts.models import User
from insideout.vocabulary import Role

from . import demo_data as data
from .models import CentreUnit, Membership, Organisation
from .places import LOCAL_AUTHORITIES

DEMO_PASSWORD = "inside-out-demo"  # noqa: S105 (printed for every demo user to read)
DEPARTMENT_EMAIL = f"enquiries@{data.CENTRE_DOMAIN}"

T = Organisation.Type
S = Organisation.Sector
# The invented organisations; councils, police forces and NHS trusts are the real ones.
INVENTED_COUNTS = {T.SCHOOL: 310, T.GP_PRACTICE: 150, T.CHARITY: 75, T.BUSINESS: 55, T.OTHER: 14}
SECTORS = {
    T.SCHOOL: S.PUBLIC,
    T.GP_PRACTICE: S.PUBLIC,
    T.HOSPITAL: S.PUBLIC,
    T.POLICE_FORCE: S.PUBLIC,
    T.LOCAL_AUTHORITY: S.PUBLIC,
    T.OTHER: S.PUBLIC,
    T.CHARITY: S.VOLUNTARY,
    T.BUSINESS: S.PRIVATE,
}
OFFICER_TITLES = (
    "Policy Adviser",
    "Senior Policy Adviser",
    "Delivery Manager",
    "Engagement Officer",
    "Programme Officer",
    "Grants Officer",
)


@dataclass
class DemoDirectory:
    """What later apps' demo data builds on: the units, the organisations and who is where."""

    department: CentreUnit
    directorates: list[CentreUnit]
    units: list[CentreUnit]  # the leaf units that serve doers
    organisations: list[Organisation]
    people: dict[str, list[User]]  # role -> the people holding it, in the order they were made
    unit_staff: dict[int, list[User]]  # unit pk -> its lead, then its officers
    organisation_people: dict[int, list[User]]  # organisation pk -> its doer lead, then the rest
    serves: dict[int, tuple[str, ...]]  # unit pk -> the organisation types it serves

    def units_serving(self, organisation: Organisation) -> list[CentreUnit]:
        return [unit for unit in self.units if organisation.type in self.serves[unit.pk]]

    def secretary(self) -> User:
        """The department's own centre lead, who sets its priorities and budget in the demo."""
        found = (
            Membership.objects.filter(centre_unit=self.department, role=Role.CENTRE_LEAD)
            .select_related("person")
            .first()
        )
        if found is None:
            raise LookupError("The demo department has no centre lead.")
        return found.person

    def sign_ins(self) -> list[tuple[str, User, str]]:
        """One person for each role, with where they work, for the demo's sign-in table."""
        school = next(
            o
            for o in self.organisations
            if o.type == T.SCHOOL and len(self.organisation_people[o.pk]) > 1
        )
        school_lead, school_member = self.organisation_people[school.pk][:2]
        unit = self.units[0]
        partner = self.people[Role.FRONTLINE_PARTNER][0]
        partner_org = next(
            o for o in self.organisations if partner in self.organisation_people[o.pk]
        )
        return [
            (Role.ADMIN, self.people[Role.ADMIN][0], self.department.name),
            (Role.CENTRE_LEAD, self.unit_staff[unit.pk][0], unit.name),
            (Role.CENTRE_OFFICER, self.unit_staff[unit.pk][1], unit.name),
            (Role.ANALYST, self.people[Role.ANALYST][0], self.department.name),
            (Role.DOER_LEAD, school_lead, school.name),
            (Role.DOER_MEMBER, school_member, school.name),
            (Role.FRONTLINE_PARTNER, partner, partner_org.name),
        ]


class _People:
    """Collects people and their memberships, to be inserted in bulk."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.staff_password = _staff_password_hash()
        self.users: list[User] = []
        self.memberships: list[Membership] = []
        self.emails: set[str] = set()

    def add(
        self,
        role: str,
        job_title: str,
        domain: str,
        *,
        initial_only: bool = False,
        unit: CentreUnit | None = None,
        organisation: Organisation | None = None,
    ) -> User:
        first, last = self.rng.choice(data.FIRST_NAMES), self.rng.choice(data.LAST_NAMES)
        stem = (first[0] if initial_only else first) + "." + last
        stem = re.sub(r"[^a-z.]", "", stem.lower())
        email, n = f"{stem}@{domain}", 1
        while email in self.emails:
            n += 1
            email = f"{stem}{n}@{domain}"
        self.emails.add(email)
        staff = organisation is None
        user = User(
            email=email,
            full_name=f"{first} {last}",
            job_title=job_title,
            password=self.staff_password if staff else _unusable_password(),
            is_staff=role == Role.ADMIN,
            is_superuser=role == Role.ADMIN,
        )
        self.users.append(user)
        self.memberships.append(
            Membership(person=user, role=role, centre_unit=unit, organisation=organisation)
        )
        return user


@cache
def _staff_password_hash() -> str:
    """Hashing is slow on purpose, so every staff member shares one hash of the demo password."""
    return make_password(DEMO_PASSWORD)


def _unusable_password() -> str:
    """What set_unusable_password() stores, without its slower random string."""
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower().replace("'", "")))


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, int(value)))


def _invented(rng: random.Random, kind: str, area: str) -> tuple[str, str, int]:
    """A name, an external id and a head count for an invented organisation in an area."""
    _, short, places = data.AREAS[area]
    place, saint = rng.choice(places), rng.choice(data.SAINTS)
    feature, surname = rng.choice(data.FEATURES), rng.choice(data.LAST_NAMES)
    if kind == T.SCHOOL:
        name, size = rng.choice(
            [
                (f"{place} Primary School", rng.randint(18, 65)),
                (f"{place} Community Primary School", rng.randint(18, 65)),
                (f"{place} Infant School", rng.randint(12, 35)),
                (f"St {saint}'s CofE Primary School, {place}", rng.randint(15, 50)),
                (f"St {saint}'s Catholic Primary School, {place}", rng.randint(15, 50)),
                (f"{feature} Primary Academy, {place}", rng.randint(20, 70)),
                (f"{place} High School", rng.randint(70, 210)),
                (f"{place} Academy", rng.randint(70, 210)),
                (f"St {saint}'s Catholic High School, {place}", rng.randint(70, 180)),
                (f"{feature} Special School, {short}", rng.randint(30, 110)),
            ]
        )
        return name, str(rng.randint(100000, 149999)), size
    if kind == T.GP_PRACTICE:
        region = LOCAL_AUTHORITIES[area][1]
        prefix = rng.choice(data.GP_CODE_PREFIXES[region])
        name = rng.choice(
            [
                f"{place} Medical Centre",
                f"{place} Surgery",
                f"{feature} Surgery",
                f"{place} Health Centre",
                f"{place} Family Practice",
                f"The {feature} Practice, {place}",
                f"{place} Group Practice",
                f"{rng.choice(data.STREETS)} Medical Practice, {place}",
            ]
        )
        code = f"{prefix}{rng.randint(1, 7)}{rng.randint(1, 999):03d}"
        return name, code, _clamp(rng.lognormvariate(3.0, 0.45), 6, 90)
    if kind == T.CHARITY:
        name = rng.choice(
            [
                f"{short} Foodbank",
                f"{place} Community Larder",
                f"{short} Young Carers",
                f"{short} Refugee Welcome",
                f"{short} Women's Aid",
                f"{place} Youth Project",
                f"{short} Carers Centre",
                f"{place} Community Association",
                f"{short} Homeless Project",
                f"{short} Debt Advice Service",
                f"Friends of {place} Park",
                f"{place} Men's Shed",
                f"{short} Mental Health Network",
            ]
        )
        return (
            name,
            str(rng.randint(1000000, 1210000)),
            _clamp(rng.lognormvariate(2.3, 1.1), 1, 900),
        )
    if kind == T.BUSINESS:
        name = rng.choice(
            [
                f"{surname} & Sons Builders Ltd",
                f"{place} Precision Engineering Ltd",
                f"{feature} Bakery Ltd",
                f"{short} Home Care Ltd",
                f"{surname} Haulage Ltd",
                f"{place} Print Works Ltd",
                f"{feature} Digital Ltd",
                f"{surname} Electrical Contractors Ltd",
                f"{feature} Day Nursery Ltd",
                f"{surname} Joinery Ltd",
                f"{place} Brewing Company Ltd",
                f"{feature} Software Ltd",
            ]
        )
        return (
            name,
            f"{rng.randint(1000000, 14999999):08d}",
            _clamp(rng.lognormvariate(2.2, 1.0), 1, 249),
        )
    # OTHER: further education colleges, identified by their UK provider reference number.
    county = area.startswith("E10")
    name = f"{place} College" if county else rng.choice([f"{short} College", f"{place} College"])
    return name, f"1000{rng.randint(1000, 9999)}", rng.randint(300, 1800)


def _organisations(rng: random.Random) -> list[tuple[Organisation, str]]:
    """Every organisation with the e-mail domain its people use."""
    drafts: list[tuple[Organisation.Type, str, str, str, int]] = []  # type, area, name, id, size
    for code, (council, _, _) in data.AREAS.items():
        low, high = {"E10": (5000, 12000), "E08": (4000, 12000), "E09": (2000, 5000)}.get(
            code[:3], (1800, 6000)
        )
        drafts.append((T.LOCAL_AUTHORITY, code, council, code, rng.randint(low, high)))
    for force_id, name, area, size in data.POLICE_FORCES:
        drafts.append((T.POLICE_FORCE, area, name, force_id, size))
    for code, name, area in data.NHS_TRUSTS:
        size = rng.randint(4000, 17000) if "Hospital" in name else rng.randint(2500, 8000)
        drafts.append((T.HOSPITAL, area, name, code, size))
    used_ids = {draft[3] for draft in drafts}
    used_names = {draft[2] for draft in drafts}
    areas = list(data.AREAS)
    weights = [len(data.AREAS[code][2]) for code in areas]  # more places listed, more people
    for kind, count in INVENTED_COUNTS.items():
        for _ in range(count):
            area = rng.choices(areas, weights)[0]
            name, external_id, size = _invented(rng, kind, area)
            while name in used_names or external_id in used_ids:
                name, external_id, size = _invented(rng, kind, area)
            used_names.add(name)
            used_ids.add(external_id)
            drafts.append((kind, area, name, external_id, size))

    organisations, domains = [], set()
    for kind, area, name, external_id, size in drafts:
        public_body = kind in {T.LOCAL_AUTHORITY, T.POLICE_FORCE}
        stem = _slug(data.AREAS[area][1] if kind == T.LOCAL_AUTHORITY else name)
        stem = "-".join(
            w
            for w in stem.split("-")
            if w not in {"the", "school", "ltd", "nhs", "trust", "foundation", "of"}
        )
        suffix = "example.gov.uk" if public_body else "example.org"
        domain, n = f"{stem}.{suffix}", 1
        while domain in domains:
            n += 1
            domain = f"{stem}-{n}.{suffix}"
        domains.add(domain)
        organisations.append(
            (
                Organisation(
                    external_id=external_id,
                    name=name,
                    type=kind,
                    sector=SECTORS[kind],
                    region=LOCAL_AUTHORITIES[area][1],
                    local_authority=area,
                    size=size,
                ),
                domain,
            )
        )
    return organisations


def _centre(rng: random.Random, people: _People):
    """The department, its directorates and units, and the staff in each."""
    name, short = data.DEPARTMENT
    domain = data.CENTRE_DOMAIN
    department = CentreUnit.objects.create(
        name=name,
        short_name=short,
        kind=CentreUnit.Kind.DEPARTMENT,
        email=DEPARTMENT_EMAIL,
        purpose="Serves the schools, hospitals, forces, councils, charities and firms that do "
        "the work, and is judged by how useful they find it.",
    )
    people.add(Role.CENTRE_LEAD, "Permanent Secretary", domain, unit=department)
    directorates = CentreUnit.objects.bulk_create(
        [
            CentreUnit(
                name=title,
                kind=CentreUnit.Kind.DIRECTORATE,
                parent=department,
                email=f"{_slug(title)}@{domain}",
            )
            for title, _ in data.DIRECTORATES
        ]
    )
    units, serves = [], {}
    for directorate, (title, unit_specs) in zip(directorates, data.DIRECTORATES, strict=True):
        people.add(
            Role.CENTRE_LEAD,
            f"Director, {title.removesuffix(' Directorate')}",
            domain,
            unit=directorate,
        )
        for unit_name, purpose, types in unit_specs:
            unit = CentreUnit(
                name=unit_name,
                kind=CentreUnit.Kind.UNIT,
                parent=directorate,
                purpose=purpose,
                email=f"{_slug(unit_name)}@{domain}",
            )
            units.append((unit, types))
    CentreUnit.objects.bulk_create([unit for unit, _ in units])
    unit_staff = {}
    for unit, types in units:
        serves[unit.pk] = types
        staff = [people.add(Role.CENTRE_LEAD, f"Head of {unit.name}", domain, unit=unit)]
        for _ in range(rng.randint(2, 4)):
            staff.append(
                people.add(Role.CENTRE_OFFICER, rng.choice(OFFICER_TITLES), domain, unit=unit)
            )
        unit_staff[unit.pk] = staff
    for title in ("Service Owner", "Directory Administrator"):
        people.add(Role.ADMIN, title, domain)
    for title in ("Head of Performance Analysis", "Data Analyst", "Service Designer"):
        people.add(Role.ANALYST, title, domain)
    return department, directorates, [unit for unit, _ in units], unit_staff, serves


def _doers(
    rng: random.Random, people: _People, organisations: list[tuple[Organisation, str]]
) -> dict[int, list[User]]:
    """A lead in every organisation, members in most, frontline partners in councils, charities."""
    by_organisation = {}
    for organisation, domain in organisations:
        kind = organisation.type
        lead_title, member_titles = data.JOB_TITLES[kind]
        if organisation.external_id == "metropolitan":
            lead_title = "Commissioner"
        initial_only = rng.random() < 0.5  # each organisation has its own e-mail style
        staff = [
            people.add(
                Role.DOER_LEAD,
                lead_title,
                domain,
                initial_only=initial_only,
                organisation=organisation,
            )
        ]
        large = kind in {T.HOSPITAL, T.POLICE_FORCE, T.LOCAL_AUTHORITY}
        members = rng.randint(2, 3) if large else (rng.randint(1, 3) if rng.random() < 0.85 else 0)
        for title in rng.sample(member_titles, members):
            staff.append(
                people.add(
                    Role.DOER_MEMBER,
                    title,
                    domain,
                    initial_only=initial_only,
                    organisation=organisation,
                )
            )
        partners_by_kind: dict[str, int] = {
            T.LOCAL_AUTHORITY: rng.randint(2, 4),
            T.CHARITY: rng.choice([0, 1, 1, 2]),
        }
        partners = partners_by_kind.get(kind, 0)
        for _ in range(partners):
            staff.append(
                people.add(
                    Role.FRONTLINE_PARTNER,
                    rng.choice(data.FRONTLINE_TITLES[kind]),
                    domain,
                    initial_only=initial_only,
                    organisation=organisation,
                )
            )
        by_organisation[id(organisation)] = staff
    return by_organisation


def populate(rng: random.Random) -> DemoDirectory:
    """Build the demo department's directory into an empty database, drawing only on `rng`."""
    people = _People(rng)
    department, directorates, units, unit_staff, serves = _centre(rng, people)
    organisations = _organisations(rng)
    doers = _doers(rng, people, organisations)
    Organisation.objects.bulk_create([organisation for organisation, _ in organisations])
    User.objects.bulk_create(people.users)
    Membership.objects.bulk_create(people.memberships)

    by_role: dict[str, list[User]] = {role: [] for role in Role.values}
    for membership in people.memberships:
        by_role[membership.role].append(membership.person)
    return DemoDirectory(
        department=department,
        directorates=directorates,
        units=units,
        organisations=[organisation for organisation, _ in organisations],
        people=by_role,
        unit_staff=unit_staff,
        organisation_people={org.pk: doers[id(org)] for org, _ in organisations},
        serves=serves,
    )
