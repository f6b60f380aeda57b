"""The demo's year of pulses as a story, read from the files in `demo/` beside this module.

How each unit is seen (units.toml): School Funding climbs as it cuts its forms; Digital and Data
slides after bringing in a two-step sign-in and a monthly data collection; Teacher Development
is loved and Estates is not. What the doers wrote (answers.toml), and what the centre played
back when each pulse closed (playbacks.toml).
"""

from pathlib import Path

from insideout.web.datafiles import read_toml

FOLDER = Path(__file__).with_name("demo")
ANY = "any"  # in `from`: every kind of organisation

_units = read_toml(FOLDER / "units.toml")
# unit -> (NPS in each quarter, {organisation type: how much warmer (+) or cooler it feels},
#          how often a doer it serves has dealt with it, relative to the unit's neighbours)
UNITS: dict[str, tuple[tuple[int, ...], dict[str, int], int]] = {
    name: (tuple(unit["nps"]), unit["warmth"], unit["contact"])
    for name, unit in _units["unit"].items()
}
IMPROVING: str = _units["improving"]
FALLING: str = _units["falling"]
# Of the doers asked, the share who answer by the close, by kind of organisation.
RESPONSE_RATES: dict[str, float] = _units["response_rates"]

_answers = read_toml(FOLDER / "answers.toml")


def _weights(entry: dict) -> tuple[float, ...] | None:
    """How often an answer is written in each quarter; None where it holds steady."""
    trend = entry.get("trend")
    if trend is None:
        return None
    return tuple(_answers["trends"][trend] if isinstance(trend, str) else trend)


# "What one thing would help you most?": (category, who writes it, text, weight by quarter)
NEEDS: list[tuple[str, tuple[str, ...], str, tuple[float, ...] | None]] = [
    (need["category"], tuple(need["from"]), need["text"], _weights(need))
    for need in _answers["one_thing"]
]
# "What should the centre stop doing?": (who writes it, text, weight by quarter)
STOPS: list[tuple[tuple[str, ...], str, tuple[float, ...] | None]] = [
    (tuple(stop["from"]), stop["text"], _weights(stop)) for stop in _answers["stop"]
]
# What the centre played back when each closed pulse closed, oldest first, as lines of text:
# {respondents} and {rate} filled in from the pulse's own figures.
PLAYBACKS: list[tuple[str, ...]] = [
    tuple(playback["text"].removesuffix("\n").split("\n"))
    for playback in read_toml(FOLDER / "playbacks.toml")["playback"]
]
