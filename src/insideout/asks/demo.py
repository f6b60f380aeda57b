"""The demo department's year of asks: raised by doers everywhere, routed, decided, delivered.

About two thousand asks over the last twelve months, each lived through the life cycle by
`demo_story` at its unit's pace, with the doers who said "me too", a few duplicates merged,
the triage rules that routed them and the standard service levels. The demo's sign-in doers
have asks at every stage, and the demo's own unit a queue to work through.
"""

import importlib
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import connection
from django.utils import timezone

from insideout.accounts.models import User
from insideout.directory.demo import DemoDirectory
from insideout.directory.models import CentreUnit, Membership, Organisation
from insideout.vocabulary import Role
from insideout.web.columns import column

from . import demo_data as data
from .demo_data import NEEDS
from .demo_story import NEVER, Cast, Story, office_hours
from .models import Ask, AskEvent, HelpedAnswer, ServiceLevel, Status, Supporter, TriageRule
from .services import active_rules, route_for

ASKS = 2000
YEAR = timedelta(days=365)
# Asks follow the school and budget year: busy in autumn and spring, quiet in August.
MONTH_WEIGHTS = {
    1: 1.2,
    2: 1.1,
    3: 1.3,
    4: 0.8,
    5: 1.0,
    6: 1.0,
    7: 0.8,
    8: 0.35,
    9: 1.4,
    10: 1.3,
    11: 1.1,
    12: 0.6,
}
# Asks a year from each organisation of a kind, relative to a school.
TYPE_WEIGHTS = {
    "school": 1.0,
    "gp_practice": 1.0,
    "hospital": 4.0,
    "police_force": 3.0,
    "local_authority": 4.0,
    "charity": 1.3,
    "business": 0.9,
    "other": 1.5,
}
PERSONAL_TOUCHES = [
    "",
    "",
    "It is getting worse each term.",
    "Other leaders near us say the same.",
    "We raised this last year by e-mail and heard nothing back.",
    "Happy to talk it through: ring the office any morning.",
]


@dataclass
class DemoAsks:
    asks: int
    loved_but_slow: CentreUnit
    sign_in_asks: list[Ask]


def standard_service_levels() -> dict[str, ServiceLevel]:
    """The levels the migration sets, put back if a test or a flush removed them."""
    migration = importlib.import_module("insideout.asks.migrations.0002_service_levels")
    for category, (acknowledge, decide) in migration.DEFAULT_LEVELS.items():
        ServiceLevel.objects.get_or_create(
            category=category,
            defaults={"days_to_acknowledge": acknowledge, "days_to_decide": decide},
        )
    return {level.category: level for level in ServiceLevel.objects.all()}


class _Department:
    """The directory, seen from the asks: who raises, who answers, who triages."""

    def __init__(self, directory: DemoDirectory, rng: random.Random, now: datetime) -> None:
        self.directory, self.rng, self.now = directory, rng, now
        self.units = {unit.name: unit for unit in directory.units}
        partners = {p.pk for p in directory.people[Role.FRONTLINE_PARTNER]}
        self.doers = {
            org.pk: [p for p in directory.organisation_people[org.pk] if p.pk not in partners]
            for org in directory.organisations
        }
        self.by_type: dict[str, list[Organisation]] = {}
        for organisation in directory.organisations:
            self.by_type.setdefault(organisation.type, []).append(organisation)
        directors = dict(
            Membership.objects.filter(
                role=Role.CENTRE_LEAD,
                centre_unit__in=directory.directorates,
            ).values_list("centre_unit_id", "person_id")
        )
        people = {p.pk: p for p in directory.people[Role.CENTRE_LEAD]}
        self.triagers = {
            unit.pk: people[directors[unit.parent_id]]
            for unit in directory.units
            if unit.parent_id is not None
        }
        self.needs = {kind: [n for n in NEEDS if kind in n.types] for kind in self.by_type}
        self.levels = standard_service_levels()
        self.rules = active_rules()  # read once, for every ask the demo routes
        self.routes: dict[tuple, CentreUnit | None] = {}

    def owner(self, need: data.Need, organisation: Organisation) -> CentreUnit:
        unit = self.units[need.unit]
        if organisation.type in self.directory.serves[unit.pk]:
            return unit
        return self.directory.units_serving(organisation)[0]

    def route(self, ask: Ask, organisation: Organisation) -> CentreUnit | None:
        """What the triage rules make of an ask; the same words from the same place, once."""
        key = (ask.title, ask.detail, ask.category, organisation.type, organisation.region)
        if key not in self.routes:
            self.routes[key] = route_for(ask, self.rules)
        return self.routes[key]

    def other_unit(self, organisation: Organisation, owner: CentreUnit) -> CentreUnit:
        choices = [u for u in self.directory.units_serving(organisation) if u != owner]
        return self.rng.choice(choices or [owner])

    def officers(self, unit: CentreUnit) -> list[User]:
        staff = self.directory.unit_staff[unit.pk]
        return staff[1:] or staff

    def a_moment_in_the_year(self) -> datetime:
        rng = self.rng
        while True:
            at = timezone.localtime(self.now - timedelta(days=rng.uniform(0, 365)))
            weekend = 0.2 if at.weekday() >= 5 else 1
            if rng.random() < weekend * MONTH_WEIGHTS[at.month] / 1.4:
                break
        hour = min(22.9, max(6.5, rng.gauss(13, 3.5)))
        local = timezone.localtime(at)
        return min(
            self.now,
            local.replace(
                hour=int(hour), minute=int(hour % 1 * 60), second=rng.randint(0, 59)
            ).astimezone(UTC),
        )

    def story(
        self,
        organisation: Organisation,
        need: data.Need,
        at: datetime,
        *,
        raiser: User | None = None,
        routing: str = "",
        script: dict | None = None,
    ) -> Story:
        """A new ask from the organisation, raised at `at`, lived up to now."""
        rng = self.rng
        owner = self.owner(need, organisation)
        lead = self.directory.organisation_people[organisation.pk][0]
        on_behalf = raiser is None and rng.random() < 0.04
        if raiser is None:
            raiser = (
                rng.choice(self.officers(owner))
                if on_behalf
                else rng.choice(self.doers[organisation.pk])
            )
        touch = rng.choice(PERSONAL_TOUCHES)
        ask = Ask(
            title=need.title,
            detail=f"{need.detail} {touch}".strip(),
            category=need.category,
            urgency=need.urgency,
            organisation=organisation,
            raised_by=raiser,
            on_behalf=on_behalf,
            public=rng.random() < 0.25,
            raised_at=at,
        )
        routing = routing or rng.choices(["suggested", "mistaken", "rules"], [55, 5, 40])[0]
        raised_to: CentreUnit | None
        if routing == "suggested":
            ask.suggested_unit = raised_to = first = owner
        elif routing == "mistaken":
            ask.suggested_unit = raised_to = first = self.other_unit(organisation, owner)
        else:  # as `raise_ask` routes an ask with no unit suggested
            raised_to = self.route(ask, organisation)
            first = raised_to or (
                self.other_unit(organisation, owner) if rng.random() < 0.1 else owner
            )
        story = Story(ask, need, data.PROFILES[owner.name], self.now, self.now - YEAR)
        story.support(lead if on_behalf else raiser, organisation, at)
        cast = Cast(
            doer=lead if on_behalf else raiser,
            officers=self.officers(owner),
            triager=self.triagers[first.pk],
            wrong_officers=self.officers(first),
        )
        story.tell(rng, cast, raised_to, first, owner, script)
        return story

    def random_story(self) -> Story:
        rng = self.rng
        kinds = list(self.by_type)
        kind = rng.choices(kinds, [TYPE_WEIGHTS[k] * len(self.by_type[k]) for k in kinds])[0]
        organisation = rng.choice(self.by_type[kind])
        need = rng.choices(self.needs[kind], [3 if n.shared else 1 for n in self.needs[kind]])[0]
        return self.story(organisation, need, self.a_moment_in_the_year())

    def me_too(self, story: Story) -> None:
        """Other doers who share the need join while the ask is open."""
        rng = self.rng
        if story.need.shared:
            count = rng.randint(10, 40) if rng.random() < 0.2 else rng.randint(0, 6)
        else:
            count = rng.choice([0, 0, 0, 0, 1, 1, 2, 3])
        start, end = story.ask.raised_at, story.open_until()
        if count == 0 or end <= start + timedelta(hours=2):
            return
        kinds = [k for k in story.need.types if k in self.by_type]
        moments = sorted(start + (end - start) * rng.uniform(0.02, 1) for _ in range(count))
        for at in moments:
            organisation = rng.choice(self.by_type[rng.choice(kinds)])
            story.join(rng.choice(self.doers[organisation.pk]), organisation, at)

    def duplicate(self, original: Story) -> Story | None:
        """Another doer raises the same need; the owning unit merges it into the first."""
        rng = self.rng
        owner, end = original.ask.unit, original.open_until()
        start = original.ask.raised_at + timedelta(days=1)
        if owner is None or end - start < timedelta(days=10):
            return None
        kind = rng.choice([k for k in original.need.types if k in self.by_type])
        organisation = rng.choice(self.by_type[kind])
        if organisation == original.ask.organisation:
            return None
        raised = start + (end - start - timedelta(days=8)) * rng.random()
        copy = self.story(
            organisation,
            original.need,
            raised,
            routing="suggested",
            script={"ack_hours": NEVER, "direct": False},
        )
        merged = office_hours(rng, raised + timedelta(days=rng.uniform(0.5, 5)))
        if copy.ask.unit != owner or merged >= end or merged > self.now:
            return None
        officer = rng.choice(self.officers(owner))
        copy.ask.merged_into = original.ask
        copy.record(AskEvent.Kind.MERGED, merged, officer, status=Status.MERGED)
        note = original.mark(AskEvent.Kind.MERGED, merged, officer)
        original.merges.append((note, copy))
        for person, theirs, _ in copy.supporters.values():
            original.support(person, theirs, merged)
        return copy


def _scripted(department: _Department, directory: DemoDirectory) -> list[Story]:
    """The sign-in doers' asks at every stage, and a queue for the sign-in staff's unit."""
    now, rng = department.now, department.rng
    sign_ins = {role: person for role, person, _ in directory.sign_ins()}
    lead, member = sign_ins[Role.DOER_LEAD], sign_ins[Role.DOER_MEMBER]
    school = next(
        o for o in directory.organisations if directory.organisation_people[o.pk][0] == lead
    )
    need = {n.title: n for n in NEEDS}
    ago = lambda days: now - timedelta(days=days)  # noqa: E731
    # (raiser, need, days ago, script): from just raised to long since confirmed
    stages: list[tuple[User, str, float, dict]] = [
        (member, "Speech and language training for our TAs", 0.8, {"ack_hours": NEVER}),
        (
            lead,
            "Pay the free school meals supplement on time",
            4,
            {"ack_hours": 6, "decide_days": NEVER},
        ),
        (
            lead,
            "One funding return a term instead of three",
            20,
            {"ack_hours": 5, "decide_days": 4, "decline": False, "deliver_days": NEVER},
        ),
        (
            member,
            "Funded mentor time for early career teachers",
            62,
            {"ack_hours": 8, "decide_days": 7, "decline": False, "deliver_days": 48, "helped": ""},
        ),
        (
            lead,
            "Repair the roof over two classrooms",
            200,
            {
                "ack_hours": 20,
                "decide_days": 12,
                "decline": False,
                "deliver_days": 40,
                "helped": "yes",
                "confirm_days": 3,
            },
        ),
        (
            lead,
            "Faster broadband for the school",
            95,
            {
                "ack_hours": 4,
                "decide_days": 5,
                "decline": False,
                "deliver_days": 30,
                "helped": "partly",
                "confirm_days": 2,
                "again": {"direct": False, "ack_hours": NEVER},
            },
        ),
        (
            lead,
            "Help with our energy bill",
            75,
            {"ack_hours": 30, "decide_days": 9, "decline": True, "reopen": False},
        ),
    ]
    stories = []
    for raiser, title, days, script in stages:
        story = department.story(
            school,
            need[title],
            ago(days),
            raiser=raiser,
            routing="suggested",
            script={"direct": False, "withdraw_days": NEVER, **script},
        )
        story.ask.public = title.startswith("Repair")
        stories.append(story)
    # The School Funding queue: new asks from other schools, one of them overdue.
    others = [o for o in department.by_type["school"] if o != school]
    for days in (0.2, 0.6, 1.1, 3.5):
        title = rng.choice([n.title for n in NEEDS if n.unit == "School Funding"])
        stories.append(
            department.story(
                rng.choice(others),
                need[title],
                ago(days),
                routing="suggested",
                script={"ack_hours": NEVER, "direct": False},
            )
        )
    # The triage queue: asks no rule matches, waiting for a centre lead to route them.
    for days, title in [
        (0.3, "A year's notice of curriculum and exam changes"),
        (2.5, "Speech and language training for our TAs"),
    ]:
        stories.append(
            department.story(
                rng.choice(others),
                need[title],
                ago(days),
                routing="rules",
                script={"triage_hours": NEVER},
            )
        )
    return stories


def populate(rng: random.Random, built: dict) -> DemoAsks:
    """A year of asks across the demo department's units, drawing only on `rng`."""
    directory: DemoDirectory = built["directory"]
    now = timezone.now().replace(microsecond=0)
    _triage_rules(directory, now)
    department = _Department(directory, rng, now)
    stories = [department.random_story() for _ in range(ASKS)]
    scripted = _scripted(department, directory)
    stories += scripted
    for story in stories:
        department.me_too(story)
    shared = [s for s in stories if s.need.shared and s not in scripted]
    stories += [
        copy
        for original in rng.sample(shared, min(30, len(shared)))
        if (copy := department.duplicate(original)) is not None
    ]
    _sign_in_member_joins(department, directory, stories)
    for story in stories:
        level = department.levels[story.ask.category]
        story.missed_service_levels(level.days_to_acknowledge, level.days_to_decide, rng)
    for story in stories:
        story.supporters_answer()
    _save(stories)
    return DemoAsks(
        asks=len(stories),
        loved_but_slow=department.units[data.LOVED_BUT_SLOW],
        sign_in_asks=[s.ask for s in scripted[:7]],
    )


def _sign_in_member_joins(
    department: _Department, directory: DemoDirectory, stories: list[Story]
) -> None:
    """The sign-in member says "me too" to a widely shared ask from another school."""
    member = next(p for role, p, _ in directory.sign_ins() if role == Role.DOER_MEMBER)
    school = next(
        o for o in directory.organisations if member in directory.organisation_people[o.pk]
    )
    for story in stories:
        ask = story.ask
        if (
            story.need.shared
            and ask.organisation is not None
            and ask.organisation.type == "school"
            and ask.is_open
            and ask.organisation != school
            and story.open_until() == department.now
            and ask.raised_at < department.now - timedelta(days=10)
        ):
            story.join(member, school, department.now - timedelta(days=3))
            return


def _triage_rules(directory: DemoDirectory, now: datetime) -> None:
    units = {unit.name: unit for unit in directory.units}
    admin = directory.people[Role.ADMIN][0]
    TriageRule.objects.bulk_create(
        [
            TriageRule(
                position=position,
                unit=units[unit],
                category=category,
                organisation_type=kind,
                keywords=keywords,
                is_active=active,
                created_by=admin,
            )
            for position, unit, category, kind, keywords, active in data.TRIAGE_RULES
        ]
    )
    TriageRule.objects.update(created_at=now - YEAR - timedelta(days=30))


def _save(stories: list[Story]) -> None:
    """Insert the asks in the order they were raised, then their trails and supporters."""
    stories.sort(key=lambda s: s.ask.raised_at)
    merged = [(s.ask, s.ask.merged_into) for s in stories if s.ask.merged_into is not None]
    for ask, _ in merged:
        ask.merged_into = None
    Ask.objects.bulk_create([s.ask for s in stories], batch_size=500)
    for ask, into in merged:
        ask.merged_into = into
    Ask.objects.bulk_update([ask for ask, _ in merged], ["merged_into"])
    for story in stories:
        for event, copy in story.merges:
            event.note = f"{copy.ask.reference} merged in, with its supporters."
    when = connection.ops.adapt_datetimefield_value
    events = sorted(((e, s.ask) for s in stories for e in s.events), key=lambda pair: pair[0].at)
    _insert(
        AskEvent,
        [
            "ask",
            "kind",
            "actor",
            "from_status",
            "to_status",
            "from_unit",
            "to_unit",
            "note",
            "missed_target",
            "target_due_at",
            "at",
        ],
        [
            (
                ask.pk,
                e.kind,
                e.actor and e.actor.pk,
                e.from_status,
                e.to_status,
                e.from_unit and e.from_unit.pk,
                e.to_unit and e.to_unit.pk,
                e.note,
                e.missed_target,
                e.target_due_at and when(e.target_due_at),
                when(e.at),
            )
            for e, ask in events
        ],
    )
    _insert(
        HelpedAnswer,
        ["ask", "person", "organisation", "delivered_at", "verdict", "comment", "at"],
        [
            (s.ask.pk, person.pk, organisation.pk, when(delivered), verdict, comment, when(at))
            for s in stories
            for person, organisation, delivered, verdict, comment, at in s.helped_answers
        ],
    )
    _insert(
        Supporter,
        ["ask", "person", "organisation", "joined_at"],
        [
            (s.ask.pk, person.pk, organisation and organisation.pk, when(at))
            for s in stories
            for person, organisation, at in s.supporters.values()
        ],
    )
    with connection.cursor() as cursor:  # as if saved by the last change, not by the demo
        cursor.executemany(
            f"UPDATE {Ask._meta.db_table} SET updated_at = %s WHERE id = %s",  # noqa: S608
            [(when(max(e.at for e in s.events)), s.ask.pk) for s in stories],
        )


def _insert(model, fields: list[str], rows: list[tuple]) -> None:
    """Insert plain rows in one statement, without Django preparing each value again."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column(model, name)) for name in fields)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(fields))})",
            rows,
        )
