"""How each column of a contacts file becomes a Contact field, and the words when it cannot."""

import re
from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings

from insideout.directory.import_fields import CellProblem

from .models import Contact

FIELDS = (
    "external_id",
    "received_at",
    "channel",
    "service",
    "text",
    "what_matters",
    "place",
    "organisation",
    "resolved_at",
    "status_notes",
    "demand_type",
    "failure_cause",
    "need",
    "address",
    "lat",
    "long",
)
REQUIRED = ("received_at", "channel", "service")
CLASSIFICATION = ("demand_type", "failure_cause", "need")
GUIDE = [
    (
        "external_id",
        False,
        "The contact's identifier in your system. Importing again matches "
        "on it; without one, each contact is known by its date, service and words.",
    ),
    ("received_at", True, "When it came in: 2025-03-14 09:30, 14/03/2025 09:30 or 14/03/2025."),
    ("channel", True, "Phone, e-mail, web, face to face, letter or Open311."),
    ("service", True, "The service's code or name, as on the services page."),
    ("text", False, "What the citizen said. Personal data is removed as it is read."),
    ("what_matters", False, "What matters to them, in their words."),
    ("place", False, "Where: a ward, neighbourhood or local authority."),
    (
        "organisation",
        False,
        "The identifier (such as a URN or ODS code) of the organisation "
        "that handled it, from the directory.",
    ),
    ("resolved_at", False, "When it was put right; blank if still open."),
    ("status_notes", False, "Why it is in its state, such as ‘Duplicate of 1234’."),
    ("demand_type", False, "Value or failure, where someone has already classified it."),
    (
        "failure_cause",
        False,
        "For failure demand: progress chasing, not done right first time, "
        "lack of information, complaint, sent to the wrong place or other.",
    ),
    ("need", False, "What the citizen needed, in a few words."),
    ("address", False, "The address the contact is about."),
    ("lat", False, "Latitude (WGS84)."),
    ("long", False, "Longitude (WGS84)."),
]
CHANNEL_WORDS = {
    "telephone": "phone",
    "tel": "phone",
    "call": "phone",
    "e-mail": "email",
    "mail": "email",
    "online": "web",
    "web form": "web",
    "website": "web",
    "webform": "web",
    "in person": "face_to_face",
    "f2f": "face_to_face",
    "face-to-face": "face_to_face",
    "counter": "face_to_face",
    "post": "letter",
    "open 311": "open311",
}
UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


def _key(text: str) -> str:
    return " ".join(text.strip().lower().replace("_", " ").split())


def _shown(raw: str) -> str:
    raw = raw.strip()
    return f"‘{raw[:40]}…’" if len(raw) > 40 else f"‘{raw}’"


class Text:
    """Optional text, trimmed, no longer than `longest`."""

    def __init__(self, what: str, longest: int) -> None:
        self.what, self.longest = what, longest

    def __call__(self, raw: str) -> str:
        value = raw.strip()
        if len(value) > self.longest:
            raise CellProblem(
                f"the {self.what} is {len(value):,} characters long; the most we keep is "
                f"{self.longest:,}."
            )
        return value


class Choice:
    """One of a model's choices, by value, label or a common synonym, in any case."""

    def __init__(self, what: str, choices, words: dict | None = None, blank: bool = True):
        self.what, self.blank = what, blank
        self.labels = ", ".join(label for _, label in choices)
        self.lookup = {_key(text): value for value, label in choices for text in (value, label)}
        self.lookup.update({_key(k): v for k, v in (words or {}).items()})

    def __call__(self, raw: str) -> str:
        key = _key(raw)
        if not key:
            if self.blank:
                return ""
            raise CellProblem(f"the {self.what} is missing. Use one of: {self.labels}.")
        value = self.lookup.get(key)
        if value is None:
            raise CellProblem(
                f"{_shown(raw)} is not a {self.what} we know. Use one of: {self.labels}."
            )
        return value


@lru_cache(maxsize=1)
def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


class When:
    """A date and time, in ISO 8601 or as British spreadsheets write it; local time if no zone."""

    def __init__(self, what: str, required: bool) -> None:
        self.what, self.required = what, required

    def __call__(self, raw: str) -> datetime | None:
        text = raw.strip()
        if not text:
            if self.required:
                raise CellProblem(f"the {self.what} is missing. Every contact needs one.")
            return None
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            match = UK_DATE.match(text)
            if not match:
                raise CellProblem(
                    f"{_shown(raw)} is not a date and time we can read. Write it as "
                    "2025-03-14 09:30 or 14/03/2025 09:30."
                ) from None
            day, month, year, hour, minute, second = match.groups()
            try:
                value = datetime(
                    int(year),
                    int(month),
                    int(day),
                    int(hour or 0),
                    int(minute or 0),
                    int(second or 0),
                )
            except ValueError:
                raise CellProblem(f"{_shown(raw)} is not a real date.") from None
        if value.tzinfo is None:
            value = value.replace(tzinfo=local_zone())
        return value.astimezone(UTC)


class Coordinate:
    """A latitude or longitude: a number within its range, or blank."""

    def __init__(self, what: str, lowest: float, highest: float) -> None:
        self.what, self.lowest, self.highest = what, lowest, highest

    def __call__(self, raw: str) -> float | None:
        text = raw.strip()
        if not text:
            return None
        try:
            value = float(text)
        except ValueError:
            raise CellProblem(
                f"{_shown(raw)} is not a {self.what}: write it as a number."
            ) from None
        if not self.lowest <= value <= self.highest:
            raise CellProblem(
                f"{_shown(raw)} is not a {self.what}: it must be from {self.lowest:g} to "
                f"{self.highest:g}."
            )
        return value


class Lookup:
    """A name or code that must already exist (a service, an organisation), by its key."""

    def __init__(self, what: str, known: dict[str, int], hint: str, required: bool) -> None:
        self.what, self.known, self.hint, self.required = what, known, hint, required

    def __call__(self, raw: str) -> int | None:
        key = raw.strip().casefold()
        if not key:
            if self.required:
                raise CellProblem(f"the {self.what} is missing. {self.hint}")
            return None
        found = self.known.get(key)
        if found is None:
            raise CellProblem(f"{_shown(raw)} is not a {self.what} we know. {self.hint}")
        return found


def cleaners(services: dict[str, int], organisations: dict[str, int]) -> dict:
    """Each field's cleaner, given the services and organisations a file may name."""
    service_names = ", ".join(sorted({k for k in services})[:12])
    return {
        "external_id": Text("identifier", 100),
        "received_at": When("date and time it came in", required=True),
        "channel": Choice("channel", Contact.Channel.choices, CHANNEL_WORDS, blank=False),
        "service": Lookup(
            "service", services, f"Use a service's code or name: {service_names}.", required=True
        ),
        "text": Text("text", 10_000),
        "what_matters": Text("what matters", 500),
        "place": Text("place", 100),
        "organisation": Lookup(
            "organisation",
            organisations,
            "Use the identifier of an organisation in the directory, such as its URN.",
            required=False,
        ),
        "resolved_at": When("date and time it was put right", required=False),
        "status_notes": Text("status notes", 500),
        "demand_type": Choice(
            "demand type", Contact.DemandType.choices, {"v": "value", "f": "failure"}
        ),
        "failure_cause": Choice("failure cause", Contact.FailureCause.choices),
        "need": Text("need", 80),
        "address": Text("address", 300),
        "lat": Coordinate("latitude", -90, 90),
        "long": Coordinate("longitude", -180, 180),
    }
