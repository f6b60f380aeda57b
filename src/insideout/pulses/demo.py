"""The demo department's pulses: a year of quarterly history with a story, the same for a seed.

Dates run back from the demo's reference date (today, unless `insideout demo --as-of` says
otherwise), so the latest pulse is open on that date (opened nine days before, closing eighteen
days after) and the three before it closed a quarter apart; everything else depends only on the
seed. Answers are made in bulk and the rollups rebuilt from them, as `services.submit` would
have counted them one at a time.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import connection, models
from django.utils import timezone

from insideout.directory.demo import DemoDirectory
from insideout.directory.models import CentreUnit, Organisation
from insideout.vocabulary import Role
from insideout.web.columns import column

from . import demo_data as data
from .bank import STANDARD_QUESTIONS, ensure_standard_questions
from .disclosure import segment_map
from .models import Answer, Invitation, Pulse, PulseQuestion, Question, Response, random_id
from .rollups import rebuild_rollups
from .services import audience_memberships

QUARTER = datetime.timedelta(weeks=13)
OPEN_DAYS = 27  # each pulse takes answers for four weeks
DAYS_SO_FAR = 9  # how long ago the latest pulse opened
REMINDER_DAYS = (7, 14)
# When respondents answer, in days after the invitation: most at once, the rest after a reminder.
ANSWER_DAYS = ((0, 2, 0.48), (3, 6, 0.20), (7, 9, 0.20), (14, 16, 0.12))
UNITS_RATED_WEIGHTS = (25, 35, 25, 15)  # how many units a respondent rates: 1, 2, 3 or 4
SEASONS = {
    12: "Winter",
    1: "Winter",
    2: "Winter",
    3: "Spring",
    4: "Spring",
    5: "Spring",
    6: "Summer",
    7: "Summer",
    8: "Summer",
    9: "Autumn",
    10: "Autumn",
    11: "Autumn",
}


@dataclass
class DemoPulses:
    """The four pulses, oldest first (the last still open), and the units whose score moves."""

    pulses: list[Pulse]
    improving: CentreUnit
    falling: CentreUnit

    @property
    def open_pulse(self) -> Pulse:
        return self.pulses[-1]


def pulse_title(opens_on: datetime.date) -> str:
    """A quarterly pulse is named for its season: "Autumn 2026 pulse", "Winter 2026–27 pulse"."""
    season, year = SEASONS[opens_on.month], opens_on.year
    if season == "Winter":
        first = year if opens_on.month == 12 else year - 1
        return f"Winter {first}–{(first + 1) % 100:02d} pulse"
    return f"{season} {year} pulse"


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _make_pulses(directory: DemoDirectory, questions: list[Question]) -> list[Pulse]:
    latest_opens = timezone.localdate() - datetime.timedelta(days=DAYS_SO_FAR)
    runner = directory.people[Role.CENTRE_LEAD][0]
    pulses = []
    for age in (3, 2, 1, 0):
        opens_on = latest_opens - age * QUARTER
        closes_on = opens_on + datetime.timedelta(days=OPEN_DAYS)
        launched_at = at(opens_on, 8, 55)
        pulse = Pulse.objects.create(
            title=pulse_title(opens_on),
            cadence=Pulse.Cadence.QUARTERLY,
            opens_on=opens_on,
            closes_on=closes_on,
            created_by=runner,
            launched_at=launched_at,
            anonymity=Pulse.Anonymity.ATTRIBUTED if age == 3 else Pulse.Anonymity.ANONYMOUS,
            status=Pulse.Status.OPEN if age == 0 else Pulse.Status.CLOSED,
            closed_at=None if age == 0 else at(closes_on, 17, 30),
            playback_sent_at=None if age == 0 else at(closes_on, 17, 40),
        )
        pulse.units.set(directory.units)
        PulseQuestion.objects.bulk_create(
            [PulseQuestion(pulse=pulse, question=q, position=i) for i, q in enumerate(questions)]
        )
        pulses.append(pulse)
    return pulses


def _weighted_sample(rng: random.Random, items: list, weights: list[float], k: int) -> list:
    """k distinct items, likelier the heavier (Efraimidis and Spirakis' keys)."""
    keyed = sorted(((rng.random() ** (1 / w), n) for n, w in enumerate(weights)), reverse=True)
    return [items[n] for _, n in keyed[:k]]


@dataclass(slots=True)
class _Invited:
    """One invitation as the demo decides it, inserted later as a plain row."""

    person: int
    organisation: Organisation
    sent_at: datetime.datetime
    reminders_sent: int = 0
    last_reminded_at: datetime.datetime | None = None
    submitted_at: datetime.datetime | None = None
    rated: tuple[int, ...] = ()  # the units a respondent rated


class _Quarter:
    """Who answered one pulse, which units they rated, and the scores they gave."""

    def __init__(
        self,
        rng: random.Random,
        index: int,
        pulse: Pulse,
        directory: DemoDirectory,
        units_by_name: dict[str, CentreUnit],
    ) -> None:
        self.rng, self.index, self.pulse = rng, index, pulse
        self.directory = directory
        self.story = {units_by_name[name].pk: story for name, story in data.UNITS.items()}
        self.moods: dict[int, list[tuple[float, int]]] = {}  # unit -> [(mood, respondent)]
        self.invited: list[_Invited] = []
        self.respondents: list[_Invited] = []

    def answer_day(self) -> int:
        low, high, _ = self.rng.choices(ANSWER_DAYS, [share for *_, share in ANSWER_DAYS])[0]
        return self.rng.randint(low, high)

    def consider(
        self,
        person: int,
        organisation: Organisation,
        disposition: float,
        propensity: float,
        forced: bool | None,
    ) -> None:
        """Decide whether and when this doer answers, and how they feel about each unit."""
        rate = data.RESPONSE_RATES[organisation.type] - (0.06 if self.index == 0 else 0)
        answers = self.rng.random() < rate + 0.25 * propensity
        day = self.answer_day()
        if forced is not None:
            answers, day = forced, min(day, 6)
        invited = _Invited(person, organisation, sent_at=at(self.pulse.opens_on, 9))
        self.invited.append(invited)
        last_day = DAYS_SO_FAR - 1 if self.pulse.status == Pulse.Status.OPEN else OPEN_DAYS
        answered = answers and day <= last_day
        reminders = [d for d in REMINDER_DAYS if d <= (day if answered else last_day)]
        invited.reminders_sent = len(reminders)
        if reminders:
            invited.last_reminded_at = invited.sent_at + datetime.timedelta(days=reminders[-1])
        if not answered:
            return
        invited.submitted_at = invited.sent_at + datetime.timedelta(
            days=day, minutes=self.rng.randint(5, 720)
        )
        serving = [
            u for u in self.directory.units if organisation.type in self.directory.serves[u.pk]
        ]
        k = min(len(serving), self.rng.choices((1, 2, 3, 4), UNITS_RATED_WEIGHTS)[0])
        rated = _weighted_sample(self.rng, serving, [self.story[u.pk][2] for u in serving], k)
        for unit in rated:
            warmth = self.story[unit.pk][1].get(organisation.type, 0)
            mood = 0.8 * disposition + warmth / 20 + self.rng.gauss(0, 0.6)
            self.moods.setdefault(unit.pk, []).append((mood, len(self.respondents)))
        invited.rated = tuple(u.pk for u in rated)
        self.respondents.append(invited)

    def scores(self) -> dict[tuple[int, int], int]:
        """Each rating, so that each unit's NPS lands near its story's figure for the quarter.

        The warmest respondents are the promoters and the coolest the detractors, so scores
        agree with how each doer feels and with their kind of organisation.
        """
        given: dict[tuple[int, int], int] = {}
        for unit_id, moods in self.moods.items():
            target = self.story[unit_id][0][self.index] + self.rng.uniform(-1.5, 1.5)
            passive_share = self.rng.uniform(0.24, 0.32)
            n = len(moods)
            promoters = round(n * (1 - passive_share + target / 100) / 2)
            detractors = min(n - promoters, round(n * (1 - passive_share - target / 100) / 2))
            for rank, (_, number) in enumerate(sorted(moods, reverse=True)):
                if rank < promoters:
                    score = 10 if self.rng.random() < 0.45 else 9
                elif rank >= n - detractors:
                    score = self.rng.choices(range(7), (2, 1, 2, 4, 6, 9, 10))[0]
                else:
                    score = 8 if self.rng.random() < 0.55 else 7
                given[(number, unit_id)] = score
        return given


def _choose(rng: random.Random, bank: list, kind: str, quarter: int, types_at: int) -> tuple:
    fits = [entry for entry in bank if kind in entry[types_at] or data.ANY in entry[types_at]]
    weights = [entry[-1][quarter] if entry[-1] else 1.0 for entry in fits]
    return rng.choices(fits, weights)[0]


def _answers(
    rng: random.Random, quarter: _Quarter, questions: dict[str, Question]
) -> list[list[tuple]]:
    """Each respondent's answers as (question, unit, score, category, text) rows."""
    scores = quarter.scores()
    made = []
    for number, invited in enumerate(quarter.respondents):
        kind = invited.organisation.type
        given = [scores[(number, unit_id)] for unit_id in invited.rated]
        answers: list[tuple[int, int | None, int | None, str, str]] = [
            (questions["recommend"].pk, unit_id, score, "", "")
            for unit_id, score in zip(invited.rated, given, strict=True)
        ]
        feeling = sum(given) / len(given) / 10
        for code, lift in (("information", 0.6), ("easier", 0.2)):
            if rng.random() < 0.95:
                level = max(1, min(5, round(lift + 4.2 * feeling + rng.gauss(0, 0.7))))
                answers.append((questions[code].pk, None, level, "", ""))
        if rng.random() < 0.78:
            category, _, text, _ = _choose(rng, data.NEEDS, kind, quarter.index, 1)
            answers.append((questions["one_thing"].pk, None, None, category, text))
        if rng.random() < 0.42:
            _, text, _ = _choose(rng, data.STOPS, kind, quarter.index, 0)
            answers.append((questions["stop"].pk, None, None, "", text))
        made.append(answers)
    return made


def _insert(model: type[models.Model], fields: list[str], rows: list[tuple]) -> None:
    """Insert plain rows in one batch, without making a model instance for each."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column(model, name)) for name in fields)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(fields))})",
            rows,
        )


def _record(pulse: Pulse, quarter: _Quarter, answers: list[list[tuple]]) -> None:
    """Insert the invitations, responses and answers of one pulse, then count them up, kept
    as `services.submit` keeps them (anonymous: no date, coarse segments, random ids)."""
    when = connection.ops.adapt_datetimefield_value
    day = connection.ops.adapt_datefield_value
    no_draft = Invitation._meta.get_field("draft").get_db_prep_save({}, connection)
    _insert(
        Invitation,
        [
            "pulse",
            "person",
            "organisation",
            "sent_at",
            "reminders_sent",
            "last_reminded_at",
            "submitted_at",
            "draft",
        ],
        [
            (
                pulse.pk,
                i.person,
                i.organisation.pk,
                when(i.sent_at),
                i.reminders_sent,
                when(i.last_reminded_at),
                day(timezone.localdate(i.submitted_at)) if i.submitted_at else None,
                no_draft,
            )
            for i in quarter.invited
        ],
    )
    anonymous = pulse.is_anonymous
    invitation_ids = (
        {}
        if anonymous
        else dict(Invitation.objects.filter(pulse=pulse).values_list("person_id", "pk"))
    )
    invited: dict[tuple[str, str], set[int]] = {}
    for i in quarter.invited:
        invited.setdefault((i.organisation.type, i.organisation.region), set()).add(
            i.organisation.pk
        )
    kept = segment_map({pair: len(orgs) for pair, orgs in invited.items()}, pulse.min_group_size)
    pulse.kept_segments = [[*pair, *segment] for pair, segment in sorted(kept.items())]
    pulse.save(update_fields=["kept_segments"])
    responses = Response.objects.bulk_create(
        [
            Response(
                pulse=pulse,
                organisation_type=kept[i.organisation.type, i.organisation.region][0]
                if anonymous
                else i.organisation.type,
                region=kept[i.organisation.type, i.organisation.region][1]
                if anonymous
                else i.organisation.region,
                submitted_on=None if anonymous else timezone.localdate(i.submitted_at),
                invitation_id=invitation_ids.get(i.person),
                organisation=None if anonymous else i.organisation,
            )
            for i in quarter.respondents
        ],
        batch_size=2000,
    )
    _insert(
        Answer,
        ["id", "pulse", "response", "question", "unit", "score", "category", "text"],
        [
            (random_id(), pulse.pk, response.pk, *answer)
            for response, given in zip(responses, answers, strict=True)
            for answer in given
        ],
    )
    rebuild_rollups(pulse)


def populate(rng: random.Random, built: dict) -> DemoPulses:
    """Four quarterly pulses to every doer, answered as the story in `demo_data` goes."""
    directory: DemoDirectory = built["directory"]
    ensure_standard_questions(Question)  # gone if the database was flushed since it migrated
    by_code = {q.code: q for q in Question.objects.filter(is_standard=True)}
    pulses = _make_pulses(directory, [by_code[code] for code, *_ in STANDARD_QUESTIONS])
    organisations = {o.pk: o for o in directory.organisations}
    units_by_name = {u.name: u for u in directory.units}
    invited: dict[int, int] = {}  # person -> organisation, the first, as `services.launch` does
    for person, organisation in audience_memberships(pulses[0]).values_list(
        "person_id", "organisation_id"
    ):
        invited.setdefault(person, organisation)
    sign_ins = {
        person.pk
        for role, person, _ in directory.sign_ins()
        if role in (Role.DOER_LEAD, Role.DOER_MEMBER)
    }
    dispositions = {person: rng.gauss(0, 1) for person in invited}
    propensities = {person: rng.uniform(-1, 1) for person in invited}

    for index, pulse in enumerate(pulses):
        quarter = _Quarter(rng, index, pulse, directory, units_by_name)
        for person, organisation_id in invited.items():
            # The doers the demo signs in as answered before, and have the latest still to do.
            forced = (pulse.status == Pulse.Status.CLOSED) if person in sign_ins else None
            quarter.consider(
                person,
                organisations[organisation_id],
                dispositions[person],
                propensities[person],
                forced,
            )
        _record(pulse, quarter, _answers(rng, quarter, by_code))
        if index < len(data.PLAYBACKS):
            pulse.playback = "\n".join(data.PLAYBACKS[index]).format(
                respondents=len(quarter.respondents),
                rate=100 * len(quarter.respondents) / len(quarter.invited),
            )
            pulse.save(update_fields=["playback"])
    return DemoPulses(
        pulses=pulses, improving=units_by_name[data.IMPROVING], falling=units_by_name[data.FALLING]
    )
