"""The usefulness scorecard: each unit judged by the doers it serves.

Every figure comes from `insideout.pulses.disclosure`, which alone decides what may be shown
(base cells, their sums over closed pulses, comments by one dimension). This module ranks the
units, shapes the figures for the pages, the API and the exports, and pages through comments.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator

from insideout.directory.models import CentreUnit
from insideout.pulses import disclosure
from insideout.pulses.disclosure import Comment, Segment
from insideout.pulses.models import Pulse, Question
from insideout.pulses.nps import (
    AgreementResult,
    LeagueRow,
    NpsCounts,
    NpsResult,
    nps_with_interval,
    rank_units,
)

__all__ = ["Comment", "Segment"]

LEAGUE_MINIMUM_RESPONDENTS = 10
LEAGUE_WINDOW_PULSES = 2


def scored_pulses() -> list[Pulse]:
    """Pulses that have been launched, oldest first: the scorecard's time axis."""
    return list(Pulse.objects.exclude(status=Pulse.Status.DRAFT).order_by("opens_on", "pk"))


def window(pulses: list[Pulse], size: int = LEAGUE_WINDOW_PULSES) -> list[Pulse]:
    """The league's pulses: the last few that have closed (an open pulse's figures still move,
    so it never enters a figure summed over pulses)."""
    return [p for p in pulses if p.status == Pulse.Status.CLOSED][-size:]


def threshold_for(pulses: list[Pulse]) -> int:
    """The strictest threshold of the pulses a figure draws on."""
    return max((p.min_group_size for p in pulses), default=5)


@dataclass(frozen=True)
class LeagueEntry:
    unit: CentreUnit
    row: LeagueRow
    asks: object = None  # the unit's asks.services.UnitAskStats, where the page shows them


def league_table(
    pulses: list[Pulse], segment: Segment = Segment(), minimum: int = LEAGUE_MINIMUM_RESPONDENTS
) -> list[LeagueEntry]:
    """Units ranked by NPS over the pulses; units with too few to rank, or whose figures may not
    be shown, are listed after, unranked."""
    units = {u.pk: u for u in CentreUnit.objects.filter(pulses__in=pulses).distinct()}
    counts = disclosure.unit_counts(pulses, units, segment)
    rows = [(str(unit_id), counts.get(unit_id) or NpsCounts()) for unit_id in units]
    table = rank_units(rows, minimum=max(minimum, threshold_for(pulses)))
    return sorted(
        (LeagueEntry(units[int(r.key)], r) for r in table),
        key=lambda e: (
            e.row.position is None,
            e.row.position or 0,
            e.unit.name if e.row.position is None else "",
        ),
    )


def centre_nps(pulses: list[Pulse]) -> list[tuple[Pulse, NpsResult | None]]:
    """Every unit's shown figures together, pulse by pulse: how useful the whole centre is."""
    points = []
    for pulse in pulses:
        counts = disclosure.unit_counts([pulse], pulse.units.values_list("pk", flat=True))
        shown = [c for c in counts.values() if c is not None]
        points.append((pulse, nps_with_interval(sum(shown, NpsCounts())) if shown else None))
    return points


@dataclass(frozen=True)
class TrendPoint:
    pulse: Pulse
    result: NpsResult | None
    respondents_shown: int | None
    published: bool = True  # False while an anonymous pulse is open


def unit_trend(
    unit: CentreUnit, pulses: list[Pulse], segment: Segment = Segment()
) -> list[TrendPoint]:
    points = []
    for cell in disclosure.unit_trend(unit.pk, pulses, segment):
        result = nps_with_interval(cell.counts) if cell.counts is not None else None
        points.append(TrendPoint(cell.pulse, result, result.n if result else None, cell.published))
    return points


@dataclass(frozen=True)
class BreakdownRow:
    label: str
    result: NpsResult | None  # None when hidden to protect anonymity

    @property
    def suppressed(self) -> bool:
        return self.result is None


def unit_breakdown(unit: CentreUnit, pulses: list[Pulse], by: str) -> list[BreakdownRow]:
    """The unit's NPS by kind of organisation (by="type") or by region, small groups hidden."""
    return [
        BreakdownRow(label, nps_with_interval(counts) if counts is not None else None)
        for label, counts in disclosure.unit_breakdown(unit.pk, pulses, by)
        if counts is None or counts.n
    ]


def agreement(
    pulses: list[Pulse], segment: Segment = Segment()
) -> list[tuple[Question, AgreementResult | None]]:
    """Each agreement question's result among the respondents of the segment."""
    return disclosure.agreement(pulses, segment)


def need_categories(pulse: Pulse, segment: Segment = Segment()) -> list[tuple[str, int]] | None:
    """How many doers named each kind of help they need most; None where not shown."""
    return disclosure.needs(pulse, segment)


COMMENTS_SHOWN = 30  # of each question's on a pulse's page; the rest are a page at a time
COMMENTS_PER_PAGE = 50


@dataclass(frozen=True)
class CommentGroup:
    """One question's free-text answers: those shown, and how many there are in all."""

    question: Question
    comments: list[Comment]
    total: int


def comments(
    pulse: Pulse, segment: Segment = Segment(), limit: int | None = None
) -> list[CommentGroup] | None:
    """Free-text answers by question (the first `limit` of each), where they may be shown."""
    totals = disclosure.comment_totals(pulse, segment)
    if totals is None:
        return None
    groups = []
    for question in Question.objects.filter(pk__in=[q for q, n in totals.items() if n]).order_by(
        "pk"
    ):
        answers = disclosure.comment_answers(pulse, question, segment)
        shown = disclosure.as_comments(pulse, answers[:limit] if limit else answers)
        groups.append(CommentGroup(question, shown, totals[question.pk]))
    return groups


def comment_page(
    pulse: Pulse, question: Question, segment: Segment, number
) -> tuple[Page, list[Comment]] | None:
    """One page of a question's free-text answers, under the same rule as `comments`."""
    if not disclosure.comments_shown(pulse, segment):
        return None
    answers = disclosure.comment_answers(pulse, question, segment)
    page = Paginator(answers, COMMENTS_PER_PAGE).get_page(number)
    return page, disclosure.as_comments(pulse, page.object_list)
