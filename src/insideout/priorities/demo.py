"""The demo department's priorities: five, with outcome measures over two years, weighed by the
permanent secretary, and linked to asks, pulse answers and requirements so that something
falls in each quadrant of mandate and demand. The same for a seed."""

import random
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from insideout.asks.models import Ask, Status
from insideout.burdens.models import Requirement
from insideout.cases.models import UnmetNeed
from insideout.catalogue.models import Service
from insideout.directory.demo import DemoDirectory
from insideout.pulses.models import Answer

from .kinds import shown_need_answers
from .models import Link, MeasurePoint, OutcomeMeasure, Priority


@dataclass(frozen=True)
class Plan:
    """A priority, its measure's story, and how much of the doers' demand to link to it."""

    title: str
    statement: str
    unit: str
    weight: int
    categories: tuple[str, ...]
    measure: str
    unit_label: str
    direction: str
    start: float  # the measure two years ago
    end: float  # ... and now
    target: float
    asks: int  # the best-matching asks to link
    answers: int  # the best-matching pulse answers to link
    requirements: tuple[str, ...]  # titles of requirements imposed in its name
    words: tuple[str, ...]  # what an ask or answer under it talks about
    unmet: tuple[str, ...]  # kinds of unmet need (social need categories) under it
    services: tuple[str, ...]  # words in the names of the services that serve it


PLANS = [
    Plan(
        **{
            **plan,
            "categories": tuple(plan["categories"]),
            "requirements": tuple(plan["requirements"]),
            "words": tuple(plan["words"]),
            "unmet": tuple(plan["unmet"]),
            "services": tuple(plan["services"]),
        }
    )
    for plan in tomllib.loads((Path(__file__).with_name("demo") / "priorities.toml").read_text())[
        "priority"
    ]
]
QUARTERS = 9  # two years of quarterly values, and the quarter now
SERVICES_LINKED = 6  # services linked to each priority at most


def _series(rng: random.Random, plan: Plan, today: date) -> list[tuple[date, Decimal]]:
    """A measure's quarterly values drifting from start to end, with noise."""
    first = date(today.year - 2, 1 + 3 * ((today.month - 1) // 3), 1)
    points = []
    for n in range(QUARTERS):
        month = first.month - 1 + 3 * n
        day = date(first.year + month // 12, month % 12 + 1, 1)
        value = plan.start + (plan.end - plan.start) * n / (QUARTERS - 1)
        value += rng.gauss(0, abs(plan.end - plan.start) / 8 + 0.3)
        points.append((day, Decimal(str(round(value, 1)))))
    return points


def _best(plan: Plan, candidates: list, text, category, n: int) -> list:
    """The candidates of the plan's kinds of need that talk about its words, at most n."""
    if n == 0:
        return []
    found = [
        c
        for c in candidates
        if category(c) in plan.categories and any(w in text(c).lower() for w in plan.words)
    ]
    return found[:n]


def populate(rng: random.Random, built: dict) -> list[Priority]:
    directory: DemoDirectory = built["directory"]
    today = timezone.localdate()
    units = {unit.name: unit for unit in directory.units}
    secretary = directory.secretary()
    set_at = timezone.make_aware(datetime.combine(today - timedelta(days=200), time(9)))
    priorities = Priority.objects.bulk_create(
        Priority(
            title=plan.title,
            statement=plan.statement,
            owner_unit=units[plan.unit],
            owner=directory.unit_staff[units[plan.unit].pk][0],
            weight=plan.weight,
            categories=list(plan.categories),
            weight_set_by=secretary,
            weight_set_at=set_at,
            created_by=secretary,
            created_at=set_at,
        )
        for plan in PLANS
    )
    measures = OutcomeMeasure.objects.bulk_create(
        OutcomeMeasure(
            priority=priority,
            name=plan.measure,
            unit_label=plan.unit_label,
            direction=plan.direction,
            target=Decimal(plan.target),
            target_date=date(today.year + 2, 3, 31),
            source="The department's published statistics",
        )
        for priority, plan in zip(priorities, PLANS, strict=True)
    )
    MeasurePoint.objects.bulk_create(
        MeasurePoint(measure=measure, period_start=day, value=value, recorded_by=secretary)
        for measure, plan in zip(measures, PLANS, strict=True)
        for day, value in _series(rng, plan, today)
    )
    _links(priorities, secretary)
    return priorities


def _links(priorities: list[Priority], by) -> None:
    """Link each priority to the asks and answers most like it, and its requirements."""
    asks = list(
        Ask.objects.exclude(status__in=[Status.WITHDRAWN, Status.MERGED]).order_by("-raised_at")
    )
    answers = list(shown_need_answers().order_by("pk")[:3000])
    requirements = {r.title: r for r in Requirement.objects.all()}
    ask_type, answer_type, requirement_type, unmet_type, service_type = (
        ContentType.objects.get_for_model(model)
        for model in (Ask, Answer, Requirement, UnmetNeed, Service)
    )
    unmet = list(UnmetNeed.objects.order_by("pk").values_list("pk", "category"))
    services = list(Service.objects.filter(status=Service.Status.ACTIVE).order_by("name"))
    taken: set[int] = set()
    links = []
    for priority, plan in zip(priorities, PLANS, strict=True):
        free = [a for a in asks if a.pk not in taken]
        chosen = _best(
            plan, free, lambda a: f"{a.title} {a.detail}", lambda a: a.category, plan.asks
        )
        taken.update(a.pk for a in chosen)
        picked = _best(plan, answers, lambda a: a.text, lambda a: a.category, plan.answers)
        links += [
            Link(priority=priority, target_type=ask_type, target_id=str(a.pk)) for a in chosen
        ]
        links += [
            Link(priority=priority, target_type=answer_type, target_id=str(a.pk), how="suggested")
            for a in picked
        ]
        links += [
            Link(priority=priority, target_type=requirement_type, target_id=str(requirements[t].pk))
            for t in plan.requirements
            if t in requirements
        ]
        links += [
            Link(priority=priority, target_type=unmet_type, target_id=str(pk), how="suggested")
            for pk, category in unmet
            if category in plan.unmet
        ]
        named = [s for s in services if any(w in s.name.lower() for w in plan.services)]
        links += [
            Link(priority=priority, target_type=service_type, target_id=str(s.pk))
            for s in named[:SERVICES_LINKED]
        ]
    for link in links:
        link.linked_by = by
    Link.objects.bulk_create(links)
