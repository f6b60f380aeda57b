"""Open asks like a new one, shown before a doer raises a duplicate: ranked by meaning and kind
of help, identical asks shown once, and none the doer's organisation already shares."""

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, Q

from insideout.language.similarity import ranked

from .models import OPEN_STATUSES, Ask, Supporter

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class SupporterCount(TypedDict):
    supporter_count: int


# How alike in meaning an ask must be to be shown: less alike if it is the same kind of help.
# Chosen on the demo's asks (bench/similar_asks.py): of the suggestions shown, about three in
# four are ones a reviewer would call relevant.
MIN_SIMILARITY = 0.2
MIN_SIMILARITY_OTHER_KIND = 0.35
SAME_CATEGORY_BOOST = 0.15
CANDIDATES = 3000  # the open asks compared, newest first: enough for any live queue


@dataclass
class SimilarAsk:
    """One suggestion: the ask to join, standing for every open ask with the same words."""

    ask: Ask
    asks: int  # open asks with these words, this one included
    supporters: int  # doers sharing any of them
    score: float


def same_words(title: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", title.lower()))


def similar_open_asks(
    title: str, category: str = "", exclude_organisations=(), limit: int = 5
) -> list[SimilarAsk]:
    """The open asks most like `title`, one per distinct title, none that the organisations
    in `exclude_organisations` raised or already support."""
    if not title.strip():
        return []
    theirs = Supporter.objects.filter(organisation_id__in=list(exclude_organisations)).values(
        "ask_id"
    )
    candidates = list(
        Ask.objects.filter(status__in=OPEN_STATUSES)
        .exclude(Q(organisation_id__in=list(exclude_organisations)) | Q(pk__in=theirs))
        .annotate(supporter_count=Count("supporters"))
        .select_related("unit", "organisation")
        .order_by("-raised_at", "-pk")[:CANDIDATES]
    )
    groups: dict[str, list[WithAnnotations[Ask, SupporterCount]]] = {}
    for ask in candidates:
        groups.setdefault(same_words(ask.title), []).append(ask)
    keys = list(groups)
    boosts = [
        SAME_CATEGORY_BOOST if any(a.category == category for a in groups[key]) else 0.0
        for key in keys
    ]
    found = []
    for index, score in ranked(title, [groups[k][0].title for k in keys], MIN_SIMILARITY, boosts):
        if category and not boosts[index] and score < MIN_SIMILARITY_OTHER_KIND:
            continue  # another kind of help, and not alike enough to be the same need
        asks = groups[keys[index]]
        lead = max(asks, key=lambda a: (a.supporter_count, -a.raised_at.timestamp()))
        found.append(SimilarAsk(lead, len(asks), sum(a.supporter_count for a in asks), score))
        if len(found) == limit:
            break
    return found
