"""The demo department's burden ledger: some sixty requirements across its units, a year and
more of doers' reports (some costing far more than the centre thinks), the burden budget, a
retirement that visibly lowered the hours, a simplification, proposals waiting at scrutiny,
and doers' proposals to cut, some answered in public. The same for a seed."""

import csv
import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.db import connection

from insideout.asks.models import Ask
from insideout.directory.demo import DemoDirectory
from insideout.vocabulary import NeedCategory
from insideout.web.columns import column

from . import audience, flags
from .demo_story import RETIRED, SIMPLIFIED, Build, at, tell
from .models import (
    IMPOSING,
    BudgetRule,
    Flag,
    Report,
    Requirement,
    RequirementEvent,
    State,
)

DATA = Path(__file__).with_name("demo") / "requirements.csv"
ANSWERS_FLAGGED = 150  # "stop doing" answers pointed at requirements in the demo


@dataclass
class DemoBurdens:
    requirements: dict[str, Requirement]
    reports: int


def _rows() -> list[dict]:
    with DATA.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def populate(rng: random.Random, built: dict) -> DemoBurdens:
    directory: DemoDirectory = built["directory"]
    build = Build(rng, directory)
    rows = _rows()
    made = {row["key"]: build.requirement(row) for row in rows}
    Requirement.objects.bulk_create(made.values())
    sizes = audience.doers_by_type(made.values())
    by_type: dict[str, list] = {}
    for organisation in directory.organisations:
        by_type.setdefault(organisation.type, []).append(organisation)
    today = build.today
    BudgetRule.objects.create(
        ratio=Decimal("2"),
        exempts_statutory=True,
        applies_from=today - timedelta(days=300),
        note="One in, two out, by hours: every new hour asked of doers takes two away.",
        set_by=build.secretary,
        set_at=at(today - timedelta(days=300)),
    )
    for row in rows:
        requirement = made[row["key"]]
        doers = [o for kind in requirement.audience_types for o in by_type.get(kind, [])]
        count = sum(sizes[requirement.pk].values())
        if row["state"] == "active":
            build.history(requirement, count)
            if row["key"] not in (RETIRED, SIMPLIFIED, "teacher_vacancies", "recovery_return"):
                build.report_on(
                    requirement, doers, float(row["factor"]), float(row["usefulness"]), today
                )
    tell(build, made, by_type, {r["key"]: r for r in rows}, sizes)
    Requirement.objects.bulk_update(
        made.values(),
        [
            "state",
            "ends_on",
            "estimated_hours",
            "state_reason",
            "hours_saved_per_year",
            "in_scrutiny_since",
            "starts_on",
            "first_due_on",
        ],
    )
    RequirementEvent.objects.bulk_create(build.events)
    _insert_reports(build.reports)
    _flags(made)
    return DemoBurdens(made, len(build.reports))


def _insert_reports(rows: list[tuple]) -> None:
    """Insert the reports in one statement per chunk, without the ORM preparing each row."""
    fields = [
        "requirement",
        "organisation",
        "organisation_type",
        "due_on",
        "hours",
        "estimated_hours",
        "usefulness",
        "comment",
        "reported_by",
        "reported_at",
    ]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column(Report, name)) for name in fields)
    day, when = connection.ops.adapt_datefield_value, connection.ops.adapt_datetimefield_value
    number = connection.ops.adapt_decimalfield_value
    prepared = [
        (r, o, t, day(d), number(h, 7, 2), number(e, 7, 2), u, c, p, when(at))
        for r, o, t, d, h, e, u, c, p, at in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(Report._meta.db_table)} ({columns}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(fields))})",
            prepared,
        )


def _flags(made: dict) -> None:
    """Point the doers' "fewer burdens" asks and "stop doing" answers at what they are about."""
    requirements = [r for r in made.values() if r.state in (*IMPOSING, State.RETIRED)]
    asks = list(Ask.objects.filter(category=NeedCategory.FEWER_BURDENS).order_by("pk"))
    answers = list(flags.burden_answers().order_by("pk")[:ANSWERS_FLAGGED])
    suggestions = flags.suggest_all(
        [f"{a.title} {a.detail}" for a in asks] + [a.text for a in answers], requirements
    )
    found = [Flag(requirement=r, ask=a) for a, r in zip(asks, suggestions, strict=False) if r] + [
        Flag(requirement=r, answer=a)
        for a, r in zip(answers, suggestions[len(asks) :], strict=True)
        if r
    ]
    Flag.objects.bulk_create(found, ignore_conflicts=True)
