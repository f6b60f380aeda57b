"""The usefulness scorecard: each unit judged by the doers it serves, from the pulses' rollups.

Every figure passes through the anonymity rules in `insideout.disclosure.suppression`: a group of
fewer than k respondents is never shown, under any filter, and a filtered group is shown only
if what is left of the whole is also empty or at least k, so neither can be found by
subtraction.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Max, Min, Q, QuerySet, Sum

from insideout.directory.models import CentreUnit, Organisation
from insideout.directory.places import REGIONS
from insideout.disclosure.suppression import Cell, can_show, suppress_breakdown
from insideout.pulses.disclosure import Segment, segment_is_safe
from insideout.pulses.models import (
    AgreementRollup,
    Answer,
    Pulse,
    Question,
    Response,
    UnitScoreRollup,
)
from insideout.pulses.nps import (
    AgreementResult,
    LeagueRow,
    NpsCounts,
    NpsResult,
    agreement_summary,
    nps_with_interval,
    rank_units,
)
from insideout.vocabulary import NeedCategory

LEAGUE_MINIMUM_RESPONDENTS = 10
LEAGUE_WINDOW_PULSES = 2
SEGMENT_FIELDS = {"type": "organisation_type", "region": "region"}


def scored_pulses() -> list[Pulse]:
    """Pulses that have been launched, oldest first: the scorecard's time axis."""
    return list(Pulse.objects.exclude(status=Pulse.Status.DRAFT).order_by("opens_on", "pk"))


def window(pulses: list[Pulse], size: int = LEAGUE_WINDOW_PULSES) -> list[Pulse]:
    return pulses[-size:]


def counts_by(
    pulses: list[Pulse],
    keys: list[str],
    segment: Segment = Segment(),
    units: list[int] | None = None,
) -> dict[tuple, NpsCounts]:
    """Promoters, passives and detractors summed over pulses, grouped by the given fields."""
    rows = UnitScoreRollup.objects.filter(segment.as_q(), pulse__in=pulses)
    if units is not None:
        rows = rows.filter(unit_id__in=units)
    grouped = rows.values(*keys).annotate(
        p=Sum("promoters"), m=Sum("passives"), d=Sum("detractors")
    )
    return {tuple(row[k] for k in keys): NpsCounts(row["p"], row["m"], row["d"]) for row in grouped}


def safe_result(counts: NpsCounts | None, whole: NpsCounts | None, k: int) -> NpsResult | None:
    """The NPS of a group, or None where the group, or the rest of the whole, is under k."""
    if counts is None or not can_show(counts.n, k):
        return None
    if whole is not None:
        rest = whole.n - counts.n
        if 0 < rest < k:
            return None
    return nps_with_interval(counts)


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
    """Units ranked by NPS over the window; units under the minimum are listed, not ranked."""
    k = threshold_for(pulses)
    units = {u.pk: u for u in CentreUnit.objects.filter(pulses__in=pulses).distinct()}
    counts = counts_by(pulses, ["unit_id"], segment)
    whole = counts_by(pulses, ["unit_id"]) if not segment.is_whole else {}
    rows = []
    for unit_id in units:
        c = counts.get((unit_id,), NpsCounts())
        if safe_result(c, whole.get((unit_id,)), k) is None:
            c = NpsCounts()  # too few to show at all: listed without figures
        rows.append((str(unit_id), c))
    table = rank_units(rows, minimum=max(minimum, k))
    return sorted(
        (LeagueEntry(units[int(r.key)], r) for r in table),
        key=lambda e: (
            e.row.position is None,
            e.row.position or 0,
            e.unit.name if e.row.position is None else "",
        ),
    )


@dataclass(frozen=True)
class TrendPoint:
    pulse: Pulse
    result: NpsResult | None
    respondents_shown: int | None


def unit_trend(
    unit: CentreUnit, pulses: list[Pulse], segment: Segment = Segment()
) -> list[TrendPoint]:
    counts = counts_by(pulses, ["pulse_id"], segment, units=[unit.pk])
    whole = counts_by(pulses, ["pulse_id"], units=[unit.pk]) if not segment.is_whole else {}
    points = []
    for pulse in pulses:
        c = counts.get((pulse.pk,))
        result = safe_result(c, whole.get((pulse.pk,)), pulse.min_group_size)
        points.append(TrendPoint(pulse, result, c.n if result else None))
    return points


@dataclass(frozen=True)
class BreakdownRow:
    label: str
    result: NpsResult | None  # None when hidden to protect anonymity

    @property
    def suppressed(self) -> bool:
        return self.result is None


def unit_breakdown(unit: CentreUnit, pulses: list[Pulse], by: str) -> list[BreakdownRow]:
    """The unit's NPS by kind of organisation or by region, small groups suppressed."""
    field = SEGMENT_FIELDS[by]
    counts = counts_by(pulses, [field], units=[unit.pk])
    labels = dict(Organisation.Type.choices) if by == "type" else REGIONS
    cells = [
        Cell(key=labels.get(key[0], key[0] or "Not known"), n=c.n, value=c)
        for key, c in counts.items()
    ]
    shown = suppress_breakdown(cells, threshold_for(pulses), total_shown=True)
    return [
        BreakdownRow(str(cell.key), None if cell.suppressed else nps_with_interval(cell.value))
        for cell in sorted(shown, key=lambda c: str(c.key))
    ]


def agreement(
    pulses: list[Pulse], unit: CentreUnit | None = None, segment: Segment = Segment()
) -> list[tuple[Question, AgreementResult | None]]:
    """Each agreement question's result, among all respondents or those who rated a unit."""
    rows = AgreementRollup.objects.filter(segment.as_q(), pulse__in=pulses)
    rows = rows.filter(unit=unit) if unit else rows.filter(unit__isnull=True)
    levels: dict[int, dict[int, int]] = defaultdict(dict)
    for row in rows.values("question_id", "level").annotate(n=Sum("count")):
        levels[row["question_id"]][row["level"]] = row["n"]
    whole: dict[int, int] = {}
    if not segment.is_whole:
        everyone = AgreementRollup.objects.filter(pulse__in=pulses, unit=unit)
        whole = dict(
            everyone.values_list("question_id")
            .annotate(n=Sum("count"))
            .values_list("question_id", "n")
        )
    k = threshold_for(pulses)
    results = []
    for question in Question.objects.filter(pk__in=levels).order_by("pk"):
        summary = agreement_summary(levels[question.pk])
        rest = whole.get(question.pk, 0) - summary.n if summary and whole else 0
        safe = summary is not None and can_show(summary.n, k) and not 0 < rest < k
        results.append((question, summary if safe else None))
    return results


def segment_answers(pulse: Pulse, segment: Segment = Segment()) -> QuerySet[Answer]:
    """The answers of a pulse's responses from a segment.

    Answers know their pulse only through their response, so the search is also bounded by
    the first and last response's ids: the databases can then read just that stretch of the
    index on answers' responses, in order, rather than every answer of every pulse.
    """
    responses = Response.objects.filter(segment.as_q(), pulse=pulse)
    span = (
        responses.values("pulse")
        .annotate(first=Min("pk"), last=Max("pk"))
        .order_by()
        .values_list("first", "last")
    )
    return Answer.objects.filter(
        response__in=responses.values("pk"), response__pk__range=next(iter(span), (0, 0))
    )


TEXT_KINDS = [Question.Kind.NEED, Question.Kind.FREE_TEXT]
TextCounts = dict[tuple[int, str, str], tuple[int, int]]


def text_answer_counts(pulse: Pulse, segment: Segment = Segment()) -> TextCounts:
    """(question, kind, category) -> (answers, answers with some text), for free-text
    questions: what both the needs table and the comments draw on, in one query."""
    rows = (
        segment_answers(pulse, segment)
        .filter(question__kind__in=TEXT_KINDS)
        .values_list("question_id", "question__kind", "category")
        .annotate(n=Count("pk"), written=Count("pk", filter=~Q(text="")))
        .order_by()
    )
    return {
        (question, kind, category): (n, written) for question, kind, category, n, written in rows
    }


def need_categories(
    pulse: Pulse, segment: Segment = Segment(), counts: TextCounts | None = None
) -> list[tuple[str, int]] | None:
    """How many doers named each kind of help they need most; None under the threshold."""
    if not segment_is_safe(pulse, segment, pulse.min_group_size):
        return None
    by_category: dict[str, int] = defaultdict(int)
    for (_, kind, category), (n, _) in (counts or text_answer_counts(pulse, segment)).items():
        if kind == Question.Kind.NEED:
            by_category[category] += n
    return [(label, by_category[value]) for value, label in NeedCategory.choices]


COMMENTS_SHOWN = 30  # of each question's on a pulse's page; the rest are a page at a time
COMMENTS_PER_PAGE = 50


@dataclass(frozen=True)
class Comment:
    text: str
    category: str
    organisation: str
    answer_id: int = 0  # for centre staff to make an ask of a need


@dataclass(frozen=True)
class CommentGroup:
    """One question's free-text answers: those shown, and how many there are in all."""

    question: Question
    comments: list[Comment]
    total: int


def answers_to(pulse: Pulse, question: Question, segment: Segment = Segment()) -> QuerySet[Answer]:
    """A free-text question's answers from a segment, in the order they came in."""
    # The question is matched as an expression so that no database takes the index on it
    # instead, reading that question's answers in every pulse and sorting them all for one
    # page (SQLite, with no statistics until ANALYZE runs, otherwise would).
    return (
        segment_answers(pulse, segment)
        .alias(question_number=F("question_id") + 0)
        .filter(question_number=question.pk)
        .exclude(text="")
        .select_related("response__organisation")
        .order_by("response_id", "pk")
    )


def as_comments(pulse: Pulse, answers) -> list[Comment]:
    """Anonymous pulses never say who wrote what; attributed ones name the organisation."""
    return [
        Comment(
            text=answer.text,
            category=NeedCategory(answer.category).label if answer.category else "",
            organisation=(
                answer.response.organisation.name
                if answer.response.organisation and not pulse.is_anonymous
                else ""
            ),
            answer_id=answer.pk,
        )
        for answer in answers
    ]


def comments(
    pulse: Pulse,
    segment: Segment = Segment(),
    limit: int | None = None,
    counts: TextCounts | None = None,
) -> list[CommentGroup] | None:
    """Free-text answers by question (the first `limit` of each), shown only where the group
    is at least the comment threshold."""
    if not segment_is_safe(pulse, segment, pulse.min_text_group_size):
        return None
    totals: dict[int, int] = defaultdict(int)
    for (question_id, _, _), (_, written) in (counts or text_answer_counts(pulse, segment)).items():
        totals[question_id] += written
    groups = []
    for question in Question.objects.filter(pk__in=[q for q, n in totals.items() if n]).order_by(
        "pk"
    ):
        answers = answers_to(pulse, question, segment)
        groups.append(
            CommentGroup(
                question,
                as_comments(pulse, answers[:limit] if limit else answers),
                totals[question.pk],
            )
        )
    return groups


def comment_page(
    pulse: Pulse, question: Question, segment: Segment, number
) -> tuple[Page, list[Comment]] | None:
    """One page of a question's free-text answers, under the same threshold as `comments`."""
    if not segment_is_safe(pulse, segment, pulse.min_text_group_size):
        return None
    page = Paginator(answers_to(pulse, question, segment), COMMENTS_PER_PAGE).get_page(number)
    return page, as_comments(pulse, page.object_list)
