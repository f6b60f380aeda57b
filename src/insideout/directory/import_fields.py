"""How each column of a register becomes an Organisation field, and the words when it cannot."""

import re
from collections.abc import Callable
from functools import lru_cache

from .models import Organisation
from .places import GSS_CODE, LOCAL_AUTHORITY_ENTITIES, region_code

FIELDS = ("external_id", "name", "type", "sector", "region", "local_authority", "size")
REQUIRED = ("external_id", "name")
# What a new organisation gets for a column the file does not have.
DEFAULTS = {
    "type": Organisation.Type.OTHER.value,
    "sector": "",
    "region": "",
    "local_authority": "",
    "size": None,
}
MAX_SIZE = 2_147_483_647
# What each column holds, for the people preparing a file.
GUIDE = [
    (
        "external_id",
        True,
        "The organisation's identifier in the register, such as a URN, "
        "ODS code or charity number. Importing again matches on it.",
    ),
    ("name", True, "The organisation's name."),
    (
        "type",
        False,
        "One of: "
        + ", ".join(label for _, label in Organisation.Type.choices)
        + ". Other if left blank.",
    ),
    (
        "sector",
        False,
        "One of: " + ", ".join(label for _, label in Organisation.Sector.choices) + ".",
    ),
    ("region", False, "An English region, by name (London) or ONS code (E12000007)."),
    ("local_authority", False, "The local authority's ONS code, such as E08000035."),
    ("size", False, "The head count, a whole number such as 1,234."),
]
WHOLE_NUMBER = re.compile(r"^-?\d+(?:\.0*)?$")


def _choice_key(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


class CellProblem(ValueError):
    """A cell's value is not acceptable; the message follows the cell's row and column."""


def _shown(raw: str) -> str:
    raw = raw.strip()
    return f"‘{raw[:40]}…’" if len(raw) > 40 else f"‘{raw}’"


class Required:
    """Text every organisation must have, trimmed."""

    def __init__(self, what: str, longest: int) -> None:
        self.what, self.longest = what, longest

    def __call__(self, raw: str) -> str:
        value = raw.strip()
        if not value:
            raise CellProblem(f"the {self.what} is missing. Every organisation needs one.")
        if len(value) > self.longest:
            raise CellProblem(
                f"the {self.what} is {len(value)} characters long; the most we "
                f"keep is {self.longest}."
            )
        return value


class Choice:
    """One of a model's choices, by its value or its label, in any case or spacing."""

    def __init__(self, what: str, choices: list[tuple[str, str]], blank: str) -> None:
        self.what, self.blank = what, blank
        self.labels = ", ".join(label for _, label in choices)
        self.lookup = {
            key: value
            for value, label in choices
            for text in (value, label)
            for key in (text, _choice_key(text))
        }
        self.lookup[""] = blank

    def __call__(self, raw: str) -> str:
        value = self.lookup.get(raw)
        if value is None:
            value = self.lookup.get(_choice_key(raw))
        if value is None:
            raise CellProblem(
                f"{_shown(raw)} is not a {self.what} we know. Use one of: {self.labels}."
            )
        return value


@lru_cache(maxsize=256)
def _region(raw: str) -> str:
    if not raw.strip():
        return ""
    code = region_code(raw)
    if code is None:
        raise CellProblem(
            f"{_shown(raw)} is not an English region. Use its name, such as "
            "London, or its ONS code, such as E12000007."
        )
    return code


def _local_authority(raw: str) -> str:
    code = raw.strip().upper()
    if code and not GSS_CODE.match(code):
        raise CellProblem(
            f"{_shown(raw)} is not a local authority code. Use the authority's "
            "9-character ONS code, such as E08000035 for Leeds."
        )
    if code and code[:3] not in LOCAL_AUTHORITY_ENTITIES:
        raise CellProblem(
            f"{_shown(raw)} is not a local authority: ONS codes of local authorities start "
            f"{', '.join(sorted(LOCAL_AUTHORITY_ENTITIES))}, such as E08000035 for Leeds."
        )
    return code


def _size(raw: str) -> int | None:
    if raw.isdigit():
        size = int(raw)
    else:
        text = raw.strip().replace(",", "").replace(" ", "")
        if not text:
            return None
        if not WHOLE_NUMBER.match(text):
            raise CellProblem(
                f"{_shown(raw)} is not a whole number. Write the head count in "
                "figures, such as 1,234."
            )
        size = int(text.split(".")[0])
    if size < 0:
        raise CellProblem(f"{_shown(raw)} is below zero. A head count is 0 or more.")
    if size > MAX_SIZE:
        raise CellProblem(f"{_shown(raw)} is too large to be a head count.")
    return size


# What makes each column's text a value, or says (CellProblem) why it cannot.
CLEANERS: dict[str, Callable[[str], object]] = {
    "external_id": Required("identifier", 64),
    "name": Required("name", 255),
    "type": Choice("type", Organisation.Type.choices, Organisation.Type.OTHER.value),
    "sector": Choice("sector", Organisation.Sector.choices, ""),
    "region": _region,
    "local_authority": _local_authority,
    "size": _size,
}
