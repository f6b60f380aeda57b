"""What may be published from pulse answers: the one module that decides, for every page, export,
chart, API response and task. Nothing else computes a figure from the doers' answers.

The rules (k is the pulse's `min_group_size`, k_text its `min_text_group_size`):

- Base cells. Every figure is built from base cells: one pulse x one set of respondents (those
  who rated a unit, for its score; everyone who answered, for agreement) x one segment
  (everyone, a kind of organisation, a region, or both). A base cell is shown only as
  `insideout.disclosure.linked` allows: at least k respondents (people, each counted once,
  never answers), and no sum or difference of the shown cells of its table isolating a group
  of fewer than k.
- Sums. A figure over several pulses (the league, a breakdown) is the sum of the shown base
  cells only, so subtracting two published figures gives shown cells or nothing. A pulse
  enters such sums only once it has closed, when its cells no longer change.
- An anonymous pulse publishes nothing from its answers until it has closed, only how many
  answered: figures that move with each answer would tell each answer to someone who read
  them before and after.
- Comments and the kinds of help named: for groups of at least k_text respondents, by one
  dimension at most (kind of organisation: lists cut two ways would intersect by their
  words), the groups chosen as one breakdown with secondary suppression. A comment carries
  no stable identifier: a handle sealed afresh on each page turns a need into an ask.
- Response rates of anonymous pulses say "fewer than k" for small groups, and hide the next
  smallest group too.
- At rest, a response keeps its kind of organisation and region only where at least k invited
  organisations share what it keeps (`segment_map`).
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from django.db.models import Count, QuerySet

from insideout.directory.models import Organisation
from insideout.directory.places import REGIONS
from insideout.disclosure.linked import ALL, combine_shown, publish_linked
from insideout.disclosure.suppression import Cell, can_show, shown_groups, suppress_breakdown
from insideout.vocabulary import NeedCategory
from insideout.web.sealing import seal, unseal

from .models import AgreementRollup, Answer, Invitation, Pulse, Question, Response, UnitScoreRollup
from .nps import AgreementResult, NpsCounts, agreement_summary

NOT_KEPT = "Not recorded"
Pair = tuple[str, str]


class Addable(Protocol):
    def __add__(self, other: Any, /) -> Any: ...


V = TypeVar("V", bound=Addable)  # what a table counts: NpsCounts, a Counter...


@dataclass(frozen=True)
class Segment:
    """A filter on the doers: one kind of organisation and/or one region (blank: all)."""

    organisation_type: str = ""
    region: str = ""

    @property
    def is_whole(self) -> bool:
        return not self.organisation_type and not self.region

    @property
    def key(self) -> tuple[str | None, str | None]:
        """The base cell it reads in a table of kinds by regions."""
        return (self.organisation_type or ALL, self.region or ALL)

    @property
    def label(self) -> str:
        parts = [type_label(self.organisation_type)] if self.organisation_type else []
        parts += [region_label(self.region)] if self.region else []
        return ", ".join(parts) or "All doers"


def type_label(value: str) -> str:
    return dict(Organisation.Type.choices).get(value, value) or NOT_KEPT


def region_label(value: str) -> str:
    return REGIONS.get(value, value) or NOT_KEPT


# At rest: what a response keeps of who gave it.


def segment_map(invited: Mapping[Pair, int], k: int) -> dict[Pair, Pair]:
    """What responses from each (kind, region) of invited organisation keep: the pair where at
    least k invited organisations share it, else the kind alone, else nothing; a class that
    ends up with fewer than k (1 to k-1) is merged into "nothing", which, while it holds fewer
    than k itself, takes in the smallest other class."""
    kept = {pair: pair if n >= k else (pair[0], "") for pair, n in invited.items()}

    def sizes() -> Counter:
        size: Counter = Counter()
        for pair, n in invited.items():
            size[kept[pair]] += n
        return size

    too_few = {kind for kind, n in sizes().items() if kind[1] == "" and 0 < n < k}
    kept = {pair: ("", "") if kind in too_few else kind for pair, kind in kept.items()}
    while 0 < sizes().get(("", ""), 0) < k:
        others = sorted((n, kind) for kind, n in sizes().items() if kind != ("", "") and n)
        if not others:
            break  # fewer than k invited in all: nothing is kept, which is all that can be done
        smallest = others[0][1]
        kept = {pair: ("", "") if kind == smallest else kind for pair, kind in kept.items()}
    return kept


def kept_segments(pulse: Pulse) -> list[list[str]]:
    """The pulse's segment map from its invitations, as [kind, region, kept kind, kept region]
    rows (stored on the pulse when it is launched)."""
    invited = (
        Invitation.objects.filter(pulse=pulse)
        .values_list("organisation__type", "organisation__region")
        .annotate(n=Count("organisation", distinct=True))
        .order_by()
    )
    mapping = segment_map({(t, r or ""): n for t, r, n in invited}, pulse.min_group_size)
    return [[*pair, *kept] for pair, kept in sorted(mapping.items())]


def recorded_segment(pulse: Pulse, organisation: Organisation) -> Pair:
    """The kind and region a response from this organisation keeps (blank: not kept)."""
    rows = pulse.kept_segments or kept_segments(pulse)
    mapping = {(t, r): (kt, kr) for t, r, kt, kr in rows}
    return mapping.get((organisation.type, organisation.region or ""), ("", ""))


# Base cells and their sums.


Key = tuple[str | None, str | None]  # (kind, region); None for all, "" for "not recorded"


def _shown_sum(
    table: Mapping[Pair, V], sizes: Mapping[Pair, int], k: int, key: Key, zero: V
) -> V | None:
    """The base cell of one table for a (kind, region) key, or None where it may not be shown."""
    if not publish_linked(sizes, k).shows(*key):
        return None
    kind, region = key
    return sum(
        (value for (t, r), value in table.items() if kind in (ALL, t) and region in (ALL, r)),
        zero,
    )


def usable(pulses: Iterable[Pulse]) -> list[Pulse]:
    """The pulses a figure may draw on: one pulse if its results are out; several, only the
    closed ones."""
    pulses = list(pulses)
    if len(pulses) == 1:
        return [p for p in pulses if p.results_published]
    return [p for p in pulses if p.status == Pulse.Status.CLOSED]


def _nps_tables(pulses: list[Pulse], units: Iterable[int] | None = None) -> dict:
    rows = UnitScoreRollup.objects.filter(pulse__in=[p.pk for p in pulses])
    if units is not None:
        rows = rows.filter(unit_id__in=list(units))
    tables: dict[tuple[int, int], dict[Pair, NpsCounts]] = defaultdict(dict)
    for pulse_id, unit_id, kind, region, p, m, d in rows.values_list(
        "pulse_id", "unit_id", "organisation_type", "region", "promoters", "passives", "detractors"
    ):
        tables[pulse_id, unit_id][kind, region] = NpsCounts(p, m, d)
    return tables


def _nps_cell(tables: dict, pulse: Pulse, unit_id: int, key: Key) -> NpsCounts | None:
    table = tables.get((pulse.pk, unit_id), {})
    sizes = {pair: counts.n for pair, counts in table.items()}
    return _shown_sum(table, sizes, pulse.min_group_size, key, NpsCounts())


def unit_counts(
    pulses: Iterable[Pulse], unit_ids: Iterable[int], segment: Segment = Segment()
) -> dict[int, NpsCounts | None]:
    """Each unit's promoters, passives and detractors over the usable pulses: the sum of its
    shown base cells (zero where nobody rated it), None where none may be shown."""
    used, unit_ids = usable(pulses), list(unit_ids)
    tables = _nps_tables(used, unit_ids)
    counts: dict[int, NpsCounts | None] = {}
    for unit_id in unit_ids:
        cells = [_nps_cell(tables, pulse, unit_id, segment.key) for pulse in used]
        total, parts = combine_shown(((c is not None, c) for c in cells), NpsCounts())
        counts[unit_id] = total if parts else None
    return counts


@dataclass(frozen=True)
class TrendCell:
    pulse: Pulse
    counts: NpsCounts | None  # None: too few, or not published yet
    published: bool  # False while an anonymous pulse is open


def unit_trend(unit_id: int, pulses: list[Pulse], segment: Segment = Segment()) -> list[TrendCell]:
    """A unit's base cell for the segment in each pulse."""
    tables = _nps_tables([p for p in pulses if p.results_published], [unit_id])
    return [
        TrendCell(
            pulse,
            _nps_cell(tables, pulse, unit_id, segment.key) if pulse.results_published else None,
            pulse.results_published,
        )
        for pulse in pulses
    ]


def unit_breakdown(
    unit_id: int, pulses: list[Pulse], by: str
) -> list[tuple[str, NpsCounts | None]]:
    """A unit's figures by kind of organisation (by="type") or region over the usable pulses,
    each the sum of its shown base cells; sorted by label."""
    used = usable(pulses)
    tables = _nps_tables(used, [unit_id])
    index = 0 if by == "type" else 1
    rows = []
    # "Not recorded" is no group anyone can filter for: it has no row of its own.
    for value in {pair[index] for table in tables.values() for pair in table} - {""}:
        key: Key = (value, ALL) if by == "type" else (ALL, value)
        cells = [_nps_cell(tables, pulse, unit_id, key) for pulse in used]
        total, parts = combine_shown(((c is not None, c) for c in cells), NpsCounts())
        label = type_label(value) if by == "type" else region_label(value)
        rows.append((label, total if parts else None))
    return sorted(rows, key=lambda row: row[0])


def respondents(pulses: Iterable[Pulse]) -> dict[int, dict[Pair, int]]:
    """How many responded to each pulse, by recorded kind and region: the tables for figures
    about everyone who answered."""
    tables: dict[int, dict[Pair, int]] = defaultdict(dict)
    rows = (
        Response.objects.filter(pulse__in=[p.pk for p in pulses])
        .values_list("pulse_id", "organisation_type", "region")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for pulse_id, kind, region, n in rows:
        tables[pulse_id][kind, region] = n
    return tables


def agreement(
    pulses: Iterable[Pulse], segment: Segment = Segment()
) -> list[tuple[Question, AgreementResult | None]]:
    """Each agreement question over the usable pulses: the sum of the shown base cells that
    at least k answered; None where there are none."""
    used = usable(pulses)
    sizes = respondents(used)
    levels: dict[tuple[int, int], dict[Pair, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for pulse_id, question_id, kind, region, level, n in AgreementRollup.objects.filter(
        pulse__in=[p.pk for p in used]
    ).values_list("pulse_id", "question_id", "organisation_type", "region", "level", "count"):
        levels[pulse_id, question_id][kind, region][level] += n
    results = []
    for question in Question.objects.filter(pk__in={q for _, q in levels}).order_by("pk"):
        cells = []
        for pulse in used:
            table = levels.get((pulse.pk, question.pk), {})
            cell = _shown_sum(table, sizes[pulse.pk], pulse.min_group_size, segment.key, Counter())
            if cell is not None and can_show(sum(cell.values()), pulse.min_group_size):
                cells.append(cell)
        total, parts = combine_shown(((True, c) for c in cells), Counter())
        results.append((question, agreement_summary(total) if parts else None))
    return results


# Words: comments and the kinds of help named.


def comments_shown(pulse: Pulse, segment: Segment = Segment()) -> bool:
    """Whether the pulse's comments and kinds of help may be shown for the segment."""
    if not pulse.results_published or segment.region:
        return False
    by_type: Counter = Counter()
    for (kind, _), n in respondents([pulse])[pulse.pk].items():
        by_type[kind] += n
    if not can_show(sum(by_type.values()), pulse.min_text_group_size):
        return False
    return not segment.organisation_type or segment.organisation_type in shown_groups(
        by_type, pulse.min_text_group_size
    )


def _text_answers(pulse: Pulse, segment: Segment) -> QuerySet[Answer]:
    answers = Answer.objects.filter(pulse=pulse)
    if segment.organisation_type:
        answers = answers.filter(response__organisation_type=segment.organisation_type)
    return answers


def needs(pulse: Pulse, segment: Segment = Segment()) -> list[tuple[str, int]] | None:
    """How many doers named each kind of help they need most; None where not shown."""
    if not comments_shown(pulse, segment):
        return None
    counts = dict(
        _text_answers(pulse, segment)
        .filter(question__kind=Question.Kind.NEED)
        .exclude(category="")
        .values_list("category")
        .annotate(n=Count("response", distinct=True))
        .order_by()
    )
    return [(label, counts.get(value, 0)) for value, label in NeedCategory.choices]


def comment_totals(pulse: Pulse, segment: Segment = Segment()) -> dict[int, int] | None:
    """How many written answers each free-text question has; None where not shown."""
    if not comments_shown(pulse, segment):
        return None
    return dict(
        _text_answers(pulse, segment)
        .filter(question__kind__in=[Question.Kind.NEED, Question.Kind.FREE_TEXT])
        .exclude(text="")
        .values_list("question_id")
        .annotate(n=Count("pk"))
        .order_by()
    )


def comment_answers(pulse: Pulse, question: Question, segment: Segment) -> QuerySet[Answer]:
    """A free-text question's written answers from a segment (check `comments_shown` first),
    in the order of their random ids: no order of arrival to read anything from."""
    return (
        _text_answers(pulse, segment)
        .filter(question=question)
        .exclude(text="")
        .select_related("response__organisation")
        .order_by("pk")
    )


@dataclass(frozen=True)
class Comment:
    text: str
    category: str
    organisation: str  # attributed pulses only
    handle: str = ""  # sealed afresh on each page: lets centre staff make an ask of a need


HANDLE_PURPOSE = "pulses.comment"


def as_comments(pulse: Pulse, answers: Iterable[Answer]) -> list[Comment]:
    """Comments as a page shows them: anonymous ones name nobody and carry no stable id."""
    return [
        Comment(
            text=answer.text,
            category=NeedCategory(answer.category).label if answer.category else "",
            organisation=(
                answer.response.organisation.name
                if answer.response.organisation and not pulse.is_anonymous
                else ""
            ),
            handle=comment_handle(answer) if answer.category else "",
        )
        for answer in answers
    ]


def comment_handle(answer: Answer) -> str:
    """A handle for one need, sealed afresh each time: two lists showing the same comment give
    it two unrelated handles."""
    return seal(str(answer.pk), HANDLE_PURPOSE)


def answer_for_handle(handle: str) -> Answer | None:
    """The need a comment's handle stands for, if an anonymous pulse's comments may still be
    shown (an attributed pulse's answers are its authors' anyway)."""
    opened = unseal(handle, HANDLE_PURPOSE)
    if not opened or not opened.isdigit():
        return None
    answer = (
        Answer.objects.select_related(
            "question",
            "pulse",
            "response__pulse",
            "response__organisation",
            "response__invitation__person",
        )
        .filter(pk=int(opened), question__kind=Question.Kind.NEED)
        .first()
    )
    if answer is None or (answer.pulse.is_anonymous and not comments_shown(answer.pulse)):
        return None
    return answer


# How many answered.


@dataclass(frozen=True)
class Rate:
    """Invited and answered in one group, as it may be shown."""

    segment: str
    label: str
    invited: int
    responded: int | None  # None: withheld, as fewer than `threshold` or to protect another
    threshold: int = 0

    @property
    def rate(self) -> float | None:
        if self.responded is None:
            return None
        return 100 * self.responded / self.invited if self.invited else 0.0


def shown_rates(pulse: Pulse, rates: Iterable) -> list[Rate]:
    """A breakdown of response counts (`services.response_rates`) as it may be shown: for an
    anonymous pulse, groups of 1 to k-1 say "fewer than k", and so does the next smallest."""
    rates = list(rates)
    k = pulse.min_group_size
    if not pulse.is_anonymous:
        return [Rate(r.segment, r.label, r.invited, r.responded, k) for r in rates]
    shown = suppress_breakdown([Cell(r.segment, r.responded) for r in rates], k)
    return [
        Rate(r.segment, r.label, r.invited, None if cell.suppressed else r.responded, k)
        for r, cell in zip(rates, shown, strict=True)
    ]


def shown_rate(pulse: Pulse, rate) -> Rate:
    """A pulse's overall response count as it may be shown ("fewer than k", anonymous)."""
    withheld = pulse.is_anonymous and 0 < rate.responded < pulse.min_group_size
    responded = None if withheld else rate.responded
    return Rate(rate.segment, rate.label, rate.invited, responded, pulse.min_group_size)
