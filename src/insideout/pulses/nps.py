"""Net Promoter Score with its uncertainty, agreement summaries and a fair league table.

Pure functions over plain counts, so pages, the API, exports and tasks compute every score the
same way. Scores and percentages are in percentage points (-100..100 for NPS).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from statistics import NormalDist

PROMOTER_MIN = 9
PASSIVE_MIN = 7
AGREEMENT_LEVELS = (1, 2, 3, 4, 5)


def score_group(score: int) -> str:
    """Say whether a 0-10 answer is from a "promoter" (9-10), "passive" (7-8) or "detractor"."""
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10:
        raise ValueError(f"An NPS answer must be a whole number from 0 to 10, not {score!r}")
    if score >= PROMOTER_MIN:
        return "promoter"
    if score >= PASSIVE_MIN:
        return "passive"
    return "detractor"


def _check_count(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a whole number of zero or more, not {value!r}")


@dataclass(frozen=True)
class NpsCounts:
    """How many promoters, passives and detractors answered; add them to combine groups."""

    promoters: int = 0
    passives: int = 0
    detractors: int = 0

    def __post_init__(self) -> None:
        _check_count("promoters", self.promoters)
        _check_count("passives", self.passives)
        _check_count("detractors", self.detractors)

    @property
    def n(self) -> int:
        return self.promoters + self.passives + self.detractors

    @classmethod
    def from_scores(cls, scores: Iterable[int]) -> NpsCounts:
        """Count 0-10 answers; any answer outside 0..10 raises ValueError."""
        tally = {"promoter": 0, "passive": 0, "detractor": 0}
        for score in scores:
            tally[score_group(score)] += 1
        return cls(tally["promoter"], tally["passive"], tally["detractor"])

    def __add__(self, other: NpsCounts) -> NpsCounts:
        if not isinstance(other, NpsCounts):
            return NotImplemented
        return NpsCounts(
            self.promoters + other.promoters,
            self.passives + other.passives,
            self.detractors + other.detractors,
        )


@dataclass(frozen=True)
class NpsResult:
    """An NPS with its confidence interval and the shares behind it, all in percentage points."""

    nps: float
    low: float
    high: float
    n: int
    promoters: float
    passives: float
    detractors: float
    confidence: float = 0.95


def z_for(confidence: float) -> float:
    """The two-sided normal critical value for a confidence level, e.g. 1.96 for 0.95."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence!r}")
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def nps_with_interval(counts: NpsCounts, confidence: float = 0.95) -> NpsResult | None:
    """The plain NPS with an adjusted-Wald interval (Sauro & Lewis, MeasuringU); None if n is 0.

    The interval adds three pseudo-answers (0.75 promoter, 1.5 passive, 0.75 detractor), which
    keeps it honest at small n: n' = n + 3, p' = (P + 0.75) / n', d' = (D + 0.75) / n',
    centre = p' - d', variance = (p' + d' - centre^2) / n', margin = z * sqrt(variance).
    Source: Sauro & Lewis, MeasuringU (https://measuringu.com/nps-confidence-intervals/ and
    /nps-three-confidence-intervals/), after Rocks (2016), The American Statistician 70(4).
    """
    z = z_for(confidence)
    n = counts.n
    if n == 0:
        return None
    adjusted_n = n + 3
    p = (counts.promoters + 0.75) / adjusted_n
    d = (counts.detractors + 0.75) / adjusted_n
    centre = p - d
    margin = z * math.sqrt((p + d - centre * centre) / adjusted_n)
    return NpsResult(
        nps=100 * (counts.promoters - counts.detractors) / n,
        low=max(-100.0, 100 * (centre - margin)),
        high=min(100.0, 100 * (centre + margin)),
        n=n,
        promoters=100 * counts.promoters / n,
        passives=100 * counts.passives / n,
        detractors=100 * counts.detractors / n,
        confidence=confidence,
    )


@dataclass(frozen=True)
class AgreementResult:
    """A five-point agreement question summarised; shares in percent, mean on the 1-5 scale."""

    n: int
    agree: float
    neutral: float
    disagree: float
    mean: float


def agreement_summary(counts_by_level: Mapping[int, int]) -> AgreementResult | None:
    """Summarise answers 1 (strongly disagree) to 5 (strongly agree); None when nobody answered."""
    for level, count in counts_by_level.items():
        if level not in AGREEMENT_LEVELS or isinstance(level, bool):
            raise ValueError(f"An agreement level must be 1 to 5, not {level!r}")
        _check_count(f"The count for level {level}", count)
    n = sum(counts_by_level.values())
    if n == 0:
        return None
    by_level = {level: counts_by_level.get(level, 0) for level in AGREEMENT_LEVELS}
    return AgreementResult(
        n=n,
        agree=100 * (by_level[4] + by_level[5]) / n,
        neutral=100 * by_level[3] / n,
        disagree=100 * (by_level[1] + by_level[2]) / n,
        mean=sum(level * c for level, c in by_level.items()) / n,
    )


def is_rankable(n: int, minimum: int) -> bool:
    """Whether a unit has enough answers (at least `minimum`, and at least one) for the league."""
    return n >= max(minimum, 1)


@dataclass(frozen=True)
class LeagueRow:
    """One unit in the league table; `position` is None when it has too few answers to rank."""

    position: int | None
    key: str
    result: NpsResult | None

    @property
    def ranked(self) -> bool:
        return self.position is not None


def rank_units(
    rows: Iterable[tuple[str, NpsCounts]], minimum: int, confidence: float = 0.95
) -> list[LeagueRow]:
    """A fair league table: ranked units by NPS, then lower bound, then key; the rest after.

    Units with fewer than `minimum` answers stay in the table unranked, alphabetically by key,
    so one glowing answer cannot put a unit on top. Equal NPS and equal lower bound share a
    position, and the next position skips ("1, 2, 2, 4").
    """
    ranked: list[tuple[str, NpsResult, NpsCounts]] = []
    unranked: list[tuple[str, NpsResult | None]] = []
    seen: set[str] = set()
    for key, counts in rows:
        if key in seen:
            raise ValueError(f"Unit {key!r} appears twice in the league table")
        seen.add(key)
        result = nps_with_interval(counts, confidence)
        if result is not None and is_rankable(counts.n, minimum):
            ranked.append((key, result, counts))
        else:
            unranked.append((key, result))

    def exact_nps(counts: NpsCounts) -> Fraction:
        # Compared exactly, so 1 of 3 and 2 of 6 tie however the floats round.
        return Fraction(counts.promoters - counts.detractors, counts.n)

    ranked.sort(key=lambda row: (-exact_nps(row[2]), -row[1].low, row[0]))
    table: list[LeagueRow] = []
    previous: tuple[Fraction, float] | None = None
    position = 0
    for index, (key, result, counts) in enumerate(ranked, start=1):
        standing = (exact_nps(counts), result.low)
        if standing != previous:
            position = index
            previous = standing
        table.append(LeagueRow(position, key, result))
    unranked.sort(key=lambda row: row[0])
    table.extend(LeagueRow(None, key, result) for key, result in unranked)
    return table
