"""The demo's year of asks, read from the files in `demo/` beside this module.

Each need carries the words a unit would use to commit to it, to report it done, or to decline
it, so the demo's trail reads as people wrote it (needs.toml). Each unit has its character
(units.toml): Teacher Development is loved but slow to deliver (courses start next term),
Primary Care Support is quick, Estates and Infrastructure is slow and declines much, School
Funding gets better over the year and Digital and Data worse, as the pulses tell it. The triage
rules that route new asks are in triage_rules.csv; what people write along the way, words.toml.
"""

from pathlib import Path
from typing import NamedTuple

from insideout.web.datafiles import read_csv, read_toml

FOLDER = Path(__file__).with_name("demo")


class Need(NamedTuple):
    types: tuple[str, ...]  # the kinds of organisation that raise it
    unit: str  # the unit that owns it
    category: str
    urgency: str
    shared: bool  # widely felt: many doers say "me too"
    title: str
    detail: str
    commitment: str
    delivery: str
    decline: str


class Profile(NamedTuple):
    """How a unit answers, at the start of the year and (where it drifts) at its end."""

    ack_hours: tuple[float, float]  # median office hours to acknowledge
    decline: tuple[float, float]  # share of decided asks declined
    decide_days: float  # median days from acknowledging to deciding
    deliver_days: float  # median days from committing to delivering
    helped: tuple[float, float]  # share of confirmations that say "yes" (the rest partly/no)
    stall: float = 0.05  # share of asks left undecided for months


def _drifting(value: float | list[float]) -> tuple[float, float]:
    """[start, end] of the year, or one number for both."""
    return (value[0], value[1]) if isinstance(value, list) else (value, value)


NEEDS: list[Need] = [
    Need(
        types=tuple(need["raised_by"]),
        unit=need["unit"],
        category=need["category"],
        urgency=need["urgency"],
        shared=need["widely_felt"],
        title=need["title"],
        detail=need["detail"],
        commitment=need["commitment"],
        delivery=need["delivery"],
        decline=need["decline"],
    )
    for need in read_toml(FOLDER / "needs.toml")["need"]
]

_units = read_toml(FOLDER / "units.toml")
PROFILES: dict[str, Profile] = {
    name: Profile(
        ack_hours=_drifting(unit["acknowledge_hours"]),
        decline=_drifting(unit["decline_share"]),
        decide_days=unit["decide_days"],
        deliver_days=unit["deliver_days"],
        helped=_drifting(unit["helped_share"]),
        stall=unit["stall_share"],
    )
    for name, unit in _units["unit"].items()
}
LOVED_BUT_SLOW: str = _units["loved_but_slow"]

# (position, unit, category, organisation type, keywords, active): how new asks are routed.
TRIAGE_RULES: list[tuple[int, str, str, str, str, bool]] = [
    (
        int(rule["position"]),
        rule["unit"],
        rule["category"],
        rule["organisation_type"],
        rule["keywords"],
        rule["active"] == "yes",
    )
    for rule in read_csv(FOLDER / "triage_rules.csv")
]

_words = read_toml(FOLDER / "words.toml")
# Confirmations and follow-ups, by verdict: what a doer writes back (sometimes nothing).
HELPED_COMMENTS: dict[str, list[str]] = _words["helped_comments"]
PASS_ON_NOTES: list[str] = _words["pass_on_notes"]
REOPEN_NOTES: list[str] = _words["reopen_notes"]
