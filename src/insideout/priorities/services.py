"""The rules of priorities: who sets them and their weights, who records their measures, and
linking asks, answers, requirements, unmet needs and services to them, by hand or by
suggestion from their category and words."""

import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Model
from django.utils import timezone

from insideout.accounts.models import User
from insideout.disclosure.suppression import DEFAULT_K, can_show
from insideout.language.similarity import TextIndex, similarities
from insideout.vocabulary import SocialNeed
from insideout.web.decorators import refuse_unless

from .kinds import Kind, kinds
from .models import Link, MeasurePoint, OutcomeMeasure, Priority

HANDLE_SALT = "insideout.priorities.link"
SUGGEST_AT = 0.1  # similarity below which a suggestion is more often wrong than right
CATEGORY_BONUS = 0.15  # a shared category of need counts as much as some shared words
CANDIDATES = 2000  # the most recent objects of each kind considered for suggestions


def require_leadership(user: User) -> None:
    refuse_unless(user.is_leadership, "Only leadership sets the priorities and their weights.")


def can_record(user: User, priority: Priority) -> bool:
    """Leadership and the owning unit's staff keep a priority's measures up to date."""
    return user.is_leadership or user.serves_unit(priority.owner_unit_id)


def can_link(user: User) -> bool:
    return user.is_centre_staff


@transaction.atomic
def save_priority(by: User, priority: Priority) -> Priority:
    require_leadership(by)
    priority.full_clean()
    if priority.pk is None:
        priority.created_by = by
        priority.weight_set_by, priority.weight_set_at = by, timezone.now()
    priority.save()
    return priority


@transaction.atomic
def set_weights(by: User, weights: dict[int, int]) -> int:
    """Leadership weighs the priorities against each other, all at once; returns how many."""
    require_leadership(by)
    changed = 0
    for priority in Priority.objects.select_for_update().filter(pk__in=weights):
        weight = weights[priority.pk]
        if not 1 <= weight <= 100:
            raise ValidationError({f"weight_{priority.pk}": "Give a weight from 1 to 100"})
        if priority.weight != weight:
            priority.weight, priority.weight_set_by = weight, by
            priority.weight_set_at = timezone.now()
            priority.save(update_fields=["weight", "weight_set_by", "weight_set_at"])
            changed += 1
    return changed


def save_measure(by: User, measure: OutcomeMeasure) -> OutcomeMeasure:
    refuse_unless(can_record(by, measure.priority), "Only leadership or the owning unit can.")
    measure.full_clean()
    measure.save()
    return measure


def record_point(by: User, measure: OutcomeMeasure, period_start: date, value: Decimal):
    """A measure's value for a period; a second value for the same period replaces the first."""
    refuse_unless(can_record(by, measure.priority), "Only leadership or the owning unit can.")
    point, _ = MeasurePoint.objects.update_or_create(
        measure=measure,
        period_start=period_start,
        defaults={"value": value, "recorded_by": by, "recorded_at": timezone.now()},
    )
    return point


def handle_for(kind: Kind, obj: Model | None = None, category: str = "") -> str:
    """How a page or the API names what to link: opaque, and new on every page, so that
    anonymous answers cannot be matched across lists. A grouped kind is named by category."""
    data = {"k": kind.key, "n": secrets.token_hex(4)}
    if kind.grouped:
        data["c"] = category
    else:
        assert obj is not None, "an object of a kind that is not grouped names it"
        data["i"] = str(obj.pk)
    return signing.dumps(data, salt=HANDLE_SALT)


def target_from(handle: str) -> tuple[Kind, Model | str]:
    """What a handle names: an object, or for a grouped kind its category."""
    try:
        data = signing.loads(handle, salt=HANDLE_SALT, max_age=60 * 60 * 24)
        kind = kinds()[data["k"]]
    except (signing.BadSignature, KeyError, TypeError):
        raise ValidationError({"handle": "That is no longer on offer: reload the page"}) from None
    if kind.grouped:
        return kind, str(data.get("c", ""))
    return kind, find(kind, data.get("i"))


def find(kind: Kind, object_id) -> Model:
    try:
        obj = kind.candidates().filter(pk=object_id).first()
    except (ValueError, ValidationError):  # not a key of that kind at all
        obj = None
    if obj is None:
        raise ValidationError({"id": f"No {kind.label.lower()} {object_id} can be linked"})
    return obj


def linked_keys(priority: Priority, kind: Kind) -> list[str]:
    """The keys of what of a kind is linked to the priority, as Python values: a key column
    holding text cannot be compared with an integer key in SQL on every database."""
    return list(
        priority.links.filter(target_type=kind.content_type).values_list("target_id", flat=True)
    )


@transaction.atomic
def link(
    by: User, priority: Priority, kind: Kind, target: Model | str, how: str = Link.How.BY_HAND
) -> list[Link]:
    """Link one thing to a priority; for a grouped kind, every one of a category not yet
    linked (e.g. all unmet housing needs)."""
    refuse_unless(can_link(by), "Only centre staff link things to priorities.")
    if kind.grouped:
        linked = linked_keys(priority, kind)
        keys = [
            str(pk)
            for pk in kind.candidates()
            .filter(category=target)
            .exclude(pk__in=linked)
            .values_list("pk", flat=True)
        ]
        if not keys:
            raise ValidationError({"handle": "Nothing of that kind is left to link"})
        return Link.objects.bulk_create(
            Link(
                priority=priority,
                target_type=kind.content_type,
                target_id=key,
                how=how,
                linked_by=by,
            )
            for key in keys
        )
    assert isinstance(target, Model), "a kind that is not grouped links an object"
    try:
        with transaction.atomic():
            return [
                Link.objects.create(
                    priority=priority,
                    target_type=kind.content_type,
                    target_id=str(target.pk),
                    how=how,
                    linked_by=by,
                )
            ]
    except IntegrityError:
        raise ValidationError({"handle": "It is already linked to this priority"}) from None


def unlink(by: User, link: Link) -> None:
    refuse_unless(can_link(by), "Only centre staff link things to priorities.")
    link.delete()


@dataclass(frozen=True)
class Suggestion:
    kind: Kind
    obj: Model | None  # None for a group of a grouped kind
    score: float
    handle: str
    group: str = ""  # for a grouped kind: the category's name and how many

    @property
    def title(self) -> str:
        if self.group or self.obj is None:
            return self.group
        return self.kind.title(self.obj)


def suggestions(priority: Priority, per_kind: int = 5) -> list[Suggestion]:
    """Things not yet linked to the priority that seem to belong to it, best first per kind:
    by their words (enough alone to be suggested), then a shared kind of need."""
    text = f"{priority.title}. {priority.statement}"
    found = []
    for kind in kinds().values():
        candidates = kind.candidates().exclude(pk__in=linked_keys(priority, kind))
        if kind.grouped:
            found += grouped_suggestions(priority, kind, candidates, text, per_kind)
            continue
        objects = list(candidates.order_by("-pk")[:CANDIDATES])
        if not objects:
            continue
        scores = TextIndex([kind.text(o) for o in objects]).similarities(text)
        ranked = sorted(
            (
                (
                    float(value)
                    + (CATEGORY_BONUS if kind.category(o) in priority.categories else 0),
                    o,
                )
                for value, o in zip(scores, objects, strict=True)
                if value >= SUGGEST_AT
            ),
            key=lambda pair: -pair[0],
        )
        found += [
            Suggestion(kind, obj, value, handle_for(kind, obj)) for value, obj in ranked[:per_kind]
        ]
    return found


def grouped_suggestions(priority, kind: Kind, candidates, text: str, per_kind: int) -> list:
    """Categories of a grouped kind whose name fits the priority, each shown only with at least
    the anonymity threshold of members."""
    counts: dict[str, int] = dict(
        candidates.values_list("category").annotate(n=Count("pk")).order_by()
    )
    shown = [(c, n) for c, n in counts.items() if can_show(n, DEFAULT_K)]
    if not shown:
        return []
    labels = dict(SocialNeed.choices)
    scores = similarities(text, [labels.get(c, c) for c, _ in shown])
    ranked = sorted(zip(scores, shown, strict=True), key=lambda pair: -pair[0])
    return [
        Suggestion(
            kind,
            None,
            score,
            handle_for(kind, category=category),
            f"{labels.get(category, category)}: {n:,} unmet need{'' if n == 1 else 's'}",
        )
        for score, (category, n) in ranked[:per_kind]
        if score >= SUGGEST_AT
    ]


def priorities_for(kind: Kind, obj: Model) -> list[tuple[Priority, float]]:
    """The priorities an object seems to belong to, best first."""
    priorities = list(Priority.objects.filter(is_active=True))
    if not priorities:
        return []
    base = similarities(kind.text(obj), [f"{p.title}. {p.statement}" for p in priorities])
    category = kind.category(obj)
    ranked = [
        (p, s + (CATEGORY_BONUS if category and category in p.categories else 0.0))
        for p, s in zip(priorities, base, strict=True)
    ]
    return sorted(ranked, key=lambda pair: -pair[1])
