"""What can be linked to a priority, each kind described once: its words, its category of need,
where it lives, and which of its objects may be suggested.

Asks, pulse answers, requirements, unmet needs (from cases) and services (from the catalogue):
priorities stand above them all in the house, so they are named here directly.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Generic, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Model, QuerySet

from insideout.asks.models import Ask, Status
from insideout.burdens.models import IMPOSING, Requirement
from insideout.cases.models import UnmetNeed
from insideout.catalogue.models import Service
from insideout.disclosure.suppression import can_show
from insideout.pulses.models import Answer, Pulse
from insideout.vocabulary import SocialNeed

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Kind(Generic[M]):
    key: str
    label: str
    plural: str
    model: type[M]
    title: Callable[[M], str]
    text: Callable[[M], str]
    category: Callable[[M], str]
    candidates: Callable[[], QuerySet]
    # Anonymous words are listed only above the comment threshold and never by their id.
    anonymous: bool = False
    # Grouped kinds are suggested, linked and counted by category, never one by one.
    grouped: bool = False

    @property
    def content_type(self) -> ContentType:
        return ContentType.objects.get_for_model(self.model)

    def url(self, obj: M) -> str:
        if self.anonymous or not hasattr(obj, "get_absolute_url"):
            return ""
        return obj.get_absolute_url()


def shown_need_answers() -> QuerySet[Answer]:
    """'What one thing would help' answers, from pulses with enough respondents to show them."""
    pulses = [
        pulse.pk
        for pulse in Pulse.objects.annotate(n=Count("responses"))
        if can_show(pulse.n, pulse.min_text_group_size)
    ]
    return Answer.objects.filter(response__pulse_id__in=pulses, question__kind="need").exclude(
        text=""
    )


@cache
def kinds() -> dict[str, Kind[Any]]:
    known: list[Kind[Any]] = [
        Kind(
            key="ask",
            label="Ask",
            plural="Asks",
            model=Ask,
            title=lambda ask: ask.title,
            text=lambda ask: f"{ask.title}. {ask.detail}",
            category=lambda ask: ask.category,
            candidates=lambda: Ask.objects.exclude(status__in=[Status.WITHDRAWN, Status.MERGED]),
        ),
        Kind(
            key="answer",
            label="Pulse answer",
            plural="Pulse answers",
            model=Answer,
            title=lambda answer: answer.text,
            text=lambda answer: answer.text,
            category=lambda answer: answer.category,
            candidates=shown_need_answers,
            anonymous=True,
        ),
        Kind(
            key="requirement",
            label="Requirement",
            plural="Requirements (burdens imposed in its name)",
            model=Requirement,
            title=lambda requirement: requirement.title,
            text=lambda requirement: f"{requirement.title}. {requirement.description}",
            category=lambda requirement: "",
            candidates=lambda: Requirement.objects.filter(state__in=IMPOSING),
        ),
    ]
    return {kind.key: kind for kind in [*known, *others()]}


def others() -> list[Kind[Any]]:
    """The pull capability's kinds: services in the catalogue, and unmet needs, which are
    never shown one by one: they are linked, counted and suggested by kind of need."""
    labels = dict(SocialNeed.choices)
    return [
        Kind(
            key="unmet_need",
            label="Unmet need",
            plural="People with unmet needs",
            model=UnmetNeed,
            title=lambda need: labels.get(need.category, need.category),
            text=lambda need: labels.get(need.category, need.category),
            category=lambda need: need.category,
            candidates=lambda: UnmetNeed.objects.all(),
            anonymous=True,
            grouped=True,
        ),
        Kind(
            key="service",
            label="Service",
            plural="Services",
            model=Service,
            title=lambda service: service.name,
            text=lambda service: f"{service.name}. {service.description or ''}",
            category=lambda service: "",
            candidates=lambda: Service.objects.filter(status=Service.Status.ACTIVE),
        ),
    ]


def kind_of(content_type_id: int) -> Kind | None:
    for kind in kinds().values():
        if kind.content_type.pk == content_type_id:
            return kind
    return None
