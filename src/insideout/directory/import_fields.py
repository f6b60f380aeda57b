"""How each column of a register becomes an Organisation field, and the words when it cannot."""

import re

from .models import Organisation
from .places import GSS_CODE, region_code

FIELDS = ("external_id", "name", "type", "sector", "region", "local_authority", "size")
REQUIRED = ("external_id", "name")
# What a new organisation gets for a column the file does not have.
DEFAULTS = {"type": Organisation.Type.OTHER.value, "sector": "", "region": "",
            "local_authority": "", "size": None}
MAX_SIZE = 2_147_483_647


def _choice_key(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


def _choice_lookup(choices: list[tuple[str, str]]) -> dict[str, str]:
    return {_choice_key(text): value for value, label in choices for text in (value, label)}


TYPES = _choice_lookup(Organisation.Type.choices)
SECTORS = _choice_lookup(Organisation.Sector.choices)
WHOLE_NUMBER = re.compile(r"^-?\d+(?:\.0*)?$")


class CellProblem(ValueError):
    """A cell's value is not acceptable; the message follows the cell's row and column."""


def _shown(raw: str) -> str:
    raw = raw.strip()
    return f"‘{raw[:40]}…’" if len(raw) > 40 else f"‘{raw}’"


def _required(raw: str, what: str, longest: int) -> str:
    value = raw.strip()
    if not value:
        raise CellProblem(f"the {what} is missing. Every organisation needs one.")
    if len(value) > longest:
        raise CellProblem(f"the {what} is {len(value)} characters long; the most we keep is "
                          f"{longest}.")
    return value


def _choice(raw: str, lookup: dict[str, str], what: str, choices, blank: str | None) -> str:
    if not raw.strip() and blank is not None:
        return blank
    value = lookup.get(_choice_key(raw))
    if value is None:
        labels = ", ".join(label for _, label in choices)
        raise CellProblem(f"{_shown(raw)} is not a {what} we know. Use one of: {labels}.")
    return value


def _region(raw: str) -> str:
    if not raw.strip():
        return ""
    code = region_code(raw)
    if code is None:
        raise CellProblem(f"{_shown(raw)} is not an English region. Use its name, such as "
                          "London, or its ONS code, such as E12000007.")
    return code


def _local_authority(raw: str) -> str:
    code = raw.strip().upper()
    if code and not GSS_CODE.match(code):
        raise CellProblem(f"{_shown(raw)} is not a local authority code. Use the authority's "
                          "9-character ONS code, such as E08000035 for Leeds.")
    return code


def _size(raw: str) -> int | None:
    text = raw.strip().replace(",", "").replace(" ", "")
    if not text:
        return None
    if not WHOLE_NUMBER.match(text):
        raise CellProblem(f"{_shown(raw)} is not a whole number. Write the head count in "
                          "figures, such as 1,234.")
    size = int(text.split(".")[0])
    if size < 0:
        raise CellProblem(f"{_shown(raw)} is below zero. A head count is 0 or more.")
    if size > MAX_SIZE:
        raise CellProblem(f"{_shown(raw)} is too large to be a head count.")
    return size


CLEANERS = {
    "external_id": lambda raw: _required(raw, "identifier", 64),
    "name": lambda raw: _required(raw, "name", 255),
    "type": lambda raw: _choice(raw, TYPES, "type", Organisation.Type.choices,
                                DEFAULTS["type"]),
    "sector": lambda raw: _choice(raw, SECTORS, "sector", Organisation.Sector.choices, ""),
    "region": _region,
    "local_authority": _local_authority,
    "size": _size,
}
