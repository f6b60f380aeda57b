"""The bottom-up signal beside each priority: how many doers ask for things under it, how
useful doers find the unit that owns it, the hours of burden imposed in its name; and the
needs no priority owns. Counts drawn from pulse answers pass the anonymity threshold."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import CharField, Count, Exists, OuterRef, Sum
from django.db.models.functions import Cast

from insideout.asks.models import Ask, Supporter
from insideout.burdens import ledger
from insideout.cases.models import UnmetNeed
from insideout.disclosure.suppression import DEFAULT_K, Cell, can_show, suppress_breakdown
from insideout.pulses.models import Answer
from insideout.pulses.nps import NpsResult
from insideout.scorecard import scores
from insideout.vocabulary import NeedCategory, SocialNeed

from . import balance
from .kinds import kinds, shown_need_answers
from .models import Link, Priority

K = DEFAULT_K


@dataclass
class Standing:
    """One priority, top-down and bottom-up."""

    priority: Priority
    share: float  # its weight as a share of all the priorities' weight, in per cent
    doers: int | None  # doers asking for things under it; None when too few to show
    asks: int
    answers: int | None  # pulse answers; None when too few to show
    unmet: int | None  # people with unmet needs linked to it; None when too few to show
    others: dict[str, int]  # other kinds linked (unmet needs, services), by kind label
    usefulness: NpsResult | None  # the owning unit's NPS over the recent pulses, if shown
    hours: float  # hours a year imposed by requirements in its name, as estimated
    hours_reported: float | None
    quadrant: str = ""


@dataclass(frozen=True)
class UnownedNeed:
    """An ask under no priority, and how many doers share it."""

    ask: Ask
    doers: int
    quadrant: str


@dataclass
class Balance:
    standings: list[Standing]
    unowned: list[UnownedNeed]
    unowned_answers: list[tuple[str, int | None]]  # (kind of help, answers; None: too few)
    unowned_unmet: list[tuple[str, int | None]]  # (kind of need, people; None: too few)
    cuts: balance.Cuts

    def in_quadrant(self, key: str) -> dict:
        return {
            "priorities": [s for s in self.standings if s.quadrant == key],
            "needs": [n for n in self.unowned if n.quadrant == key],
        }


def _linked_ids(kind_key: str) -> dict[int, list[str]]:
    """priority id -> the ids of its linked objects of one kind (as links keep them: text)."""
    kind = kinds()[kind_key]
    found: dict[int, list[str]] = defaultdict(list)
    for priority_id, target_id in Link.objects.filter(target_type=kind.content_type).values_list(
        "priority_id", "target_id"
    ):
        found[priority_id].append(target_id)
    return found


def ask_doers(ask_ids: list[str]) -> int:
    """Doer organisations sharing any of the asks (an ask from an anonymous answer counts one)."""
    organisations = (
        Supporter.objects.filter(ask_id__in=ask_ids, organisation__isnull=False)
        .values("organisation_id")
        .distinct()
        .count()
    )
    unattributed = Ask.objects.filter(pk__in=ask_ids, organisation__isnull=True).count()
    return organisations + unattributed


def unit_usefulness() -> dict[int, NpsResult]:
    """Each unit's NPS over the league's recent pulses, where it may be shown."""
    table = scores.league_table(scores.window(scores.scored_pulses()))
    return {e.unit.pk: e.row.result for e in table if e.row.ranked and e.row.result is not None}


def standings() -> Balance:
    priorities = list(Priority.objects.filter(is_active=True).select_related("owner_unit"))
    asks, answers = _linked_ids("ask"), _linked_ids("answer")
    requirements = _linked_ids("requirement")
    nps = unit_usefulness()
    ledger_rows = ledger.by_requirement(ledger.requirements_in()).rows
    rows = {str(r.requirement.pk): r for r in ledger_rows if r.requirement is not None}
    answer_counts = {
        priority_id: Answer.objects.filter(pk__in=ids).values("response_id").distinct().count()
        for priority_id, ids in answers.items()
    }
    unmet_ids = _linked_ids("unmet_need")
    unmet_counts = {
        priority_id: UnmetNeed.objects.filter(pk__in=ids).aggregate(n=Sum("people"))["n"] or 0
        for priority_id, ids in unmet_ids.items()
    }
    raw_doers = [
        ask_doers(asks.get(p.pk, [])) + answer_counts.get(p.pk, 0) + unmet_counts.get(p.pk, 0)
        for p in priorities
    ]
    shown = suppress_breakdown(
        [Cell(p.pk, n) for p, n in zip(priorities, raw_doers, strict=True)], K, total_shown=False
    )
    shown_answers = {
        c.key: c.n
        for c in suppress_breakdown(
            [Cell(p.pk, answer_counts.get(p.pk, 0)) for p in priorities], K, total_shown=False
        )
    }
    other_kinds = [
        k for k in kinds().values() if k.key not in ("ask", "answer", "requirement", "unmet_need")
    ]
    total_weight = sum(p.weight for p in priorities) or 1
    found = []
    for priority, cell in zip(priorities, shown, strict=True):
        linked_rows = [rows[i] for i in requirements.get(priority.pk, []) if i in rows]
        reported = ledger.total_of(linked_rows, "").reported if linked_rows else None
        found.append(
            Standing(
                priority=priority,
                share=100 * priority.weight / total_weight,
                doers=cell.n,
                asks=len(asks.get(priority.pk, [])),
                answers=shown_answers[priority.pk],
                unmet=shown_count(unmet_counts.get(priority.pk, 0)),
                others={
                    k.plural: priority.links.filter(target_type=k.content_type).count()
                    for k in other_kinds
                },
                usefulness=nps.get(priority.owner_unit_id),
                hours=sum(r.estimated for r in linked_rows),
                hours_reported=reported,
            )
        )
    line = balance.cuts([p.weight for p in priorities], [s.doers for s in found], K)
    for standing in found:
        standing.quadrant = balance.quadrant(standing.priority.weight, standing.doers, line)
    unowned = [UnownedNeed(ask, n, balance.quadrant(0, n, line)) for ask, n in unowned_asks()]
    return Balance(found, unowned, unowned_answer_counts(), unowned_unmet_counts(), line)


def shown_count(n: int) -> int | None:
    return n if n == 0 or can_show(n, K) else None


def unowned_unmet_counts() -> list[tuple[str, int | None]]:
    """People with unmet needs under no priority, by kind of need; small groups hidden."""
    kind = kinds()["unmet_need"]
    linked = Link.objects.filter(
        target_type=kind.content_type, target_id=Cast(OuterRef("pk"), CharField())
    )
    counts = dict(
        UnmetNeed.objects.exclude(Exists(linked))
        .values_list("category")
        .annotate(n=Sum("people"))
        .order_by()
    )
    labels = dict(SocialNeed.choices)
    cells = [Cell(labels[c], counts.get(c, 0)) for c in SocialNeed.values if counts.get(c)]
    shown = suppress_breakdown(cells, K, total_shown=False)
    return sorted(((str(c.key), c.n) for c in shown), key=lambda pair: (-(pair[1] or 0), pair[0]))


def unowned_asks(limit: int = 20) -> list[tuple[Ask, int]]:
    """Asks linked to no priority, by how many doers share them, most first."""
    kind = kinds()["ask"]
    linked = Link.objects.filter(
        target_type=kind.content_type, target_id=Cast(OuterRef("pk"), CharField())
    )
    asks = (
        kind.candidates()
        .exclude(Exists(linked))
        .annotate(doers=Count("supporters__organisation", distinct=True))
        .order_by("-doers", "-raised_at")[:limit]
    )
    return [(ask, ask.doers or 1) for ask in asks]


def unowned_answer_counts() -> list[tuple[str, int | None]]:
    """Pulse 'one thing' answers under no priority, by kind of help; small groups hidden."""
    kind = kinds()["answer"]
    linked = Link.objects.filter(
        target_type=kind.content_type, target_id=Cast(OuterRef("pk"), CharField())
    )
    counts = dict(
        shown_need_answers()
        .exclude(Exists(linked))
        .values_list("category")
        .annotate(n=Count("response_id", distinct=True))
    )
    labels = dict(NeedCategory.choices)
    cells = [Cell(labels[c], counts.get(c, 0)) for c in NeedCategory.values]
    shown = suppress_breakdown(cells, K, total_shown=False)
    return sorted(((str(c.key), c.n) for c in shown), key=lambda pair: (-(pair[1] or 0), pair[0]))
