"""The short list for a need: which services suit it, best first, each with why.

A pure core over plain values. `ServiceIndex` holds the catalogue as arrays, built once; a
query is then a handful of vector operations, whatever the size of the catalogue.

A service is suggested only if the person may use it (active; their age in its range; not only
for a group they are not in), it reaches them (its area covers their place, it is there, near,
or online) and it fits the need (it helps with the need's category, or its words fit the
need's words well). Among those, the score weighs the category, the words, the place and the
capacity to take someone on now; the reasons say each of these in plain words.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from uuid import UUID

import numpy as np

from insideout.language.similarity import TextIndex
from insideout.vocabulary import SocialNeed

from .models import CapacityStatus
from .places import CENTRES, ENGLAND, NEARBY_KM, codes_covering, place_name, region_of
from .taxonomies import Eligibility

WEIGHTS = {"category": 0.40, "words": 0.25, "place": 0.20, "capacity": 0.15}
WORDS_ALONE = 0.25  # how well the words must fit for a service of another category to count
CAPACITY_FACTOR = {
    CapacityStatus.CAPACITY: 1.0,
    CapacityStatus.ASSESSMENT: 0.7,
    CapacityStatus.WAITLIST: 0.5,
    "": 0.4,  # unknown: the provider has not said
    CapacityStatus.NO_CAPACITY: 0.0,
}
STATUSES = list(CAPACITY_FACTOR)


@dataclass(frozen=True)
class ServiceFacts:
    """What matching needs to know about one service, as plain values."""

    id: UUID
    name: str
    text: str  # its name, description and eligibility, for the text fit
    categories: frozenset[str]
    area_codes: frozenset[str] = frozenset()  # GSS codes its areas name
    places: tuple[str, ...] = ()  # local authorities it is in
    points: tuple[tuple[float, float], ...] = ()  # where it is (latitude, longitude)
    online: bool = False
    minimum_age: float | None = None
    maximum_age: float | None = None
    only_for: frozenset[str] = frozenset()  # eligibility codes; empty means everyone
    capacity_status: str = ""
    wait_weeks: int | None = None
    places_free: float | None = None
    active: bool = True


@dataclass(frozen=True)
class NeedFacts:
    """The need to match: its category and words, and what the case says of the person."""

    category: str
    text: str
    local_authority: str = ""
    ages: tuple[int, int] | None = None  # the youngest and oldest the person (or group) may be
    circumstances: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Suggestion:
    service_id: object
    name: str
    score: float
    reasons: tuple[str, ...]


@dataclass
class ServiceIndex:
    """The catalogue as arrays, for matching many needs against it quickly."""

    facts: list[ServiceFacts]
    text: TextIndex = field(init=False)

    def __post_init__(self) -> None:
        n = len(self.facts)
        self.text = TextIndex([f.text for f in self.facts])
        self.active = np.array([f.active for f in self.facts], dtype=bool)
        self.online = np.array([f.online for f in self.facts], dtype=bool)
        self.minimum = np.array([_or_nan(f.minimum_age) for f in self.facts], dtype=float)
        self.maximum = np.array([_or_nan(f.maximum_age) for f in self.facts], dtype=float)
        self.status = np.array([STATUSES.index(_status(f)) for f in self.facts], dtype=np.int8)
        self.capacity = np.array([CAPACITY_FACTOR[STATUSES[s]] for s in self.status])
        self.restricted = np.array([bool(f.only_for) for f in self.facts], dtype=bool)
        self.by_category = _masks(
            n, ((c, i) for i, f in enumerate(self.facts) for c in f.categories)
        )
        self.by_area = _masks(n, ((c, i) for i, f in enumerate(self.facts) for c in f.area_codes))
        self.by_place = _masks(n, ((p, i) for i, f in enumerate(self.facts) for p in f.places))
        self.by_group = _masks(n, ((g, i) for i, f in enumerate(self.facts) for g in f.only_for))
        owners = [i for i, f in enumerate(self.facts) for _ in f.points]
        points = [p for f in self.facts for p in f.points]
        self.point_owner = np.array(owners, dtype=np.int64)
        self.point_lat = np.radians(np.array([p[0] for p in points], dtype=float))
        self.point_lon = np.radians(np.array([p[1] for p in points], dtype=float))
        self.point_cos = np.cos(self.point_lat)
        # Each service's only point, where it has one: most have, and then no reduction is needed.
        self.single_point = len(owners) == len(set(owners))

        self.position = {f.id: i for i, f in enumerate(self.facts)}

    def __len__(self) -> int:
        return len(self.facts)

    def update(self, changed: list[ServiceFacts]) -> bool:
        """Patch services whose words and places are unchanged (their capacity, status, ages,
        categories or eligibility changed); False if any needs the index built again."""
        for new in changed:
            i = self.position.get(new.id)
            if i is None:
                return False
            old = self.facts[i]
            if (new.text, new.points) != (old.text, old.points):
                return False
        for new in changed:
            i = self.position[new.id]
            old = self.facts[i]
            self.facts[i] = new
            self.active[i], self.online[i] = new.active, new.online
            self.minimum[i], self.maximum[i] = _or_nan(new.minimum_age), _or_nan(new.maximum_age)
            self.status[i] = STATUSES.index(_status(new))
            self.capacity[i] = CAPACITY_FACTOR[_status(new)]
            self.restricted[i] = bool(new.only_for)
            for masks, before, after in (
                (self.by_category, old.categories, new.categories),
                (self.by_area, old.area_codes, new.area_codes),
                (self.by_place, set(old.places), set(new.places)),
                (self.by_group, old.only_for, new.only_for),
            ):
                for key in before:
                    masks[key][i] = False
                for key in after:
                    masks.setdefault(key, np.zeros(len(self.facts), dtype=bool))[i] = True
        return True

    def distances_km(self, centre: tuple[float, float]) -> np.ndarray:
        """Each service's nearest point to the centre, in km (infinite where it has none).

        Flat-earth (equirectangular) distances: within 1% of the great circle at the 25 km
        that matter here, and a few times quicker over 50,000 points."""
        nearest = np.full(len(self.facts), np.inf)
        if len(self.point_owner):
            lat, lon = np.radians(centre[0]), np.radians(centre[1])
            east = (self.point_lon - lon) * self.point_cos
            north = self.point_lat - lat
            distance = 6371.0 * np.sqrt(east * east + north * north)
            if self.single_point:
                nearest[self.point_owner] = distance
            else:
                np.minimum.at(nearest, self.point_owner, distance)
        return nearest


def _or_nan(value: float | None) -> float:
    return np.nan if value is None else float(value)


def _status(facts: ServiceFacts) -> str:
    return facts.capacity_status if facts.capacity_status in CAPACITY_FACTOR else ""


def _masks(n: int, pairs: Iterable[tuple[str, int]]) -> dict[str, np.ndarray]:
    masks: dict[str, np.ndarray] = {}
    for key, index in pairs:
        masks.setdefault(key, np.zeros(n, dtype=bool))[index] = True
    return masks


def _any(index: ServiceIndex, masks: dict[str, np.ndarray], keys: Iterable[str]) -> np.ndarray:
    found = np.zeros(len(index), dtype=bool)
    for key in keys:
        if key in masks:
            found |= masks[key]
    return found


def short_list(index: ServiceIndex, need: NeedFacts, limit: int = 5) -> list[Suggestion]:
    """The services that suit the need, best first, at most `limit`, each saying why."""
    if not len(index):
        return []
    eligible = index.active.copy()
    if need.ages is not None:
        youngest, oldest = need.ages
        eligible &= ~(index.minimum > oldest) & ~(index.maximum < youngest)
    eligible &= ~index.restricted | _any(index, index.by_group, need.circumstances)
    covered = _any(index, index.by_area, codes_covering(need.local_authority))
    here = _any(index, index.by_place, [need.local_authority])
    centre = CENTRES.get(need.local_authority)
    distance = index.distances_km(centre) if centre else np.full(len(index), np.inf)
    near = distance <= NEARBY_KM
    everywhere = np.ones(len(index), dtype=bool)
    reaches = (covered | here | near | index.online) if need.local_authority else everywhere
    in_category = index.by_category.get(need.category, np.zeros(len(index), dtype=bool))
    words = index.text.similarities(need.text)
    fits = in_category | (words >= WORDS_ALONE)
    chosen = np.flatnonzero(eligible & reaches & fits)
    if not len(chosen):
        return []
    place = np.where(covered | here, 1.0, np.where(near, 1.0 - 0.5 * distance / NEARBY_KM, 0.0))
    place = np.where(index.online & ~(covered | here | near), 0.8, place)
    score = (
        WEIGHTS["category"] * in_category
        + WEIGHTS["words"] * np.clip(words, 0.0, 1.0)
        + WEIGHTS["place"] * (place if need.local_authority else 1.0)
        + WEIGHTS["capacity"] * index.capacity
    )
    if len(chosen) > limit:  # the best `limit` first, without sorting them all
        chosen = chosen[np.argpartition(-score[chosen], limit - 1)[:limit]]
    ranked = chosen[np.argsort(-score[chosen], kind="stable")]
    return [
        Suggestion(
            service_id=index.facts[i].id,
            name=index.facts[i].name,
            score=round(float(score[i]), 3),
            reasons=tuple(
                _reasons(
                    index.facts[i],
                    need,
                    bool(in_category[i]),
                    index.text.shared_words(need.text, i),
                    float(distance[i]),
                    bool(here[i]),
                )
            ),
        )
        for i in ranked
    ]


def _reasons(
    facts: ServiceFacts,
    need: NeedFacts,
    in_category: bool,
    shared: Sequence[str],
    distance: float,
    here: bool,
) -> list[str]:
    reasons = []
    if in_category:
        reasons.append(f"Helps with {SocialNeed(need.category).label.lower()}")
    if shared:
        reasons.append("Its description shares your words: " + ", ".join(shared))
    reasons.append(_where(facts, need, distance, here))
    who = _who(facts, need)
    if who:
        reasons.append(who)
    reasons.append(_room(facts))
    return [reason for reason in reasons if reason]


def _where(facts: ServiceFacts, need: NeedFacts, distance: float, here: bool) -> str:
    place = need.local_authority
    if not place:
        return ""
    if here or place in facts.area_codes:
        return f"Serves {place_name(place)}"
    region = region_of(place)
    if region and region in facts.area_codes:
        return f"Covers {place_name(region)}"
    if ENGLAND in facts.area_codes:
        return "Covers all of England"
    if distance <= NEARBY_KM:
        return f"About {max(1, round(distance))} km away"
    return "Online or by phone" if facts.online else ""


def _who(facts: ServiceFacts, need: NeedFacts) -> str:
    if facts.only_for:
        groups = sorted(facts.only_for & need.circumstances) or sorted(facts.only_for)
        return "For " + " and ".join(Eligibility(g).label.lower() for g in groups)
    low, high = facts.minimum_age, facts.maximum_age
    if low is not None and high is not None:
        return f"For ages {low:.0f} to {high:.0f}"
    if low is not None:
        return f"For ages {low:.0f} and over"
    if high is not None:
        return f"For ages up to {high:.0f}"
    return ""


def _room(facts: ServiceFacts) -> str:
    status = _status(facts)
    if status == CapacityStatus.CAPACITY:
        if facts.places_free:
            return f"Can take people on now ({facts.places_free:.0f} places this week)"
        return "Can take people on now"
    if status == CapacityStatus.WAITLIST:
        if facts.wait_weeks:
            return f"Waiting list: about {facts.wait_weeks} weeks"
        return "Waiting list"
    if status == CapacityStatus.ASSESSMENT:
        return "Needs an assessment before it can take someone on"
    if status == CapacityStatus.NO_CAPACITY:
        return "No capacity now: a pull may be declined for lack of room"
    return "Its provider has not said how much room it has"
