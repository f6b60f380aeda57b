"""The demo department: each app's demo data, built in order, in one transaction, from one seed.

Rebuilding replaces the directory and everything that refers to it, so the demo only builds into
an empty database or one that already holds the demo; anything else needs `reset=True`.

Every date comes from a reference date (`as_of`, today unless given): while the demo builds,
Django's clock (`timezone.now()`, `localdate()`, `auto_now` fields) reads the start of that day,
so the same seed and reference date build the same department, row for row, on any day.
"""

import datetime
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from insideout.accounts.models import User
from insideout.asks import demo as asks_demo
from insideout.burdens import demo as burdens_demo
from insideout.cases import demo as cases_demo
from insideout.catalogue import demo as catalogue_demo
from insideout.demand import demo as demand_demo
from insideout.directory import demo as directory_demo
from insideout.directory.models import CentreUnit, Membership, Organisation
from insideout.outbox.models import OutboxMessage
from insideout.priorities import demo as priorities_demo
from insideout.pulses import demo as pulses_demo
from insideout.themes import demo as themes_demo
from insideout.vocabulary import Role

DEFAULT_SEED = 2026


@dataclass(frozen=True)
class DemoStep:
    """One app's demo data. `populate` draws only on its random stream and on Django's clock,
    which reads the demo's reference moment while it runs."""

    name: str
    populate: Callable[[random.Random, dict[str, Any]], Any]  # (rng, earlier steps' results)
    # Deletes what the step made that refers to no one in the directory (wipe() takes the rest).
    clear: Callable[[], None] | None = None


# In order; each later app adds its line, drawing on what the earlier steps returned.
DEMO_STEPS: list[DemoStep] = [
    DemoStep("directory", lambda rng, built: directory_demo.populate(rng)),
    DemoStep("pulses", pulses_demo.populate),
    DemoStep("asks", asks_demo.populate),
    DemoStep("burdens", burdens_demo.populate),
    DemoStep("demand", demand_demo.populate, demand_demo.clear),
    DemoStep("catalogue", catalogue_demo.populate, catalogue_demo.clear),
    DemoStep("cases", cases_demo.populate),
    # After the capabilities whose asks, requirements, services and unmet needs it links.
    DemoStep("priorities", priorities_demo.populate),
    # Last: it themes what the steps before wrote (answers, asks, contacts, unmet needs).
    DemoStep("themes", themes_demo.populate, themes_demo.clear),
]

# Emptied by a rebuild, with every row that refers to them: the directory, and what refers to
# no one but belongs to the last demo (sessions, e-mails, queued tasks).
_CLEARED = [Membership, User, Organisation, CentreUnit, Session, OutboxMessage, DBTaskResult]


class DemoRefused(Exception):
    """The database holds data that the demo did not make; building would delete it."""


def holds_the_demo() -> bool:
    return CentreUnit.objects.filter(
        kind=CentreUnit.Kind.DEPARTMENT, email=directory_demo.DEPARTMENT_EMAIL
    ).exists()


def other_data() -> dict[str, int]:
    """Counts of what the database holds that is not the demo's; empty if nothing is."""
    if holds_the_demo():
        return {}
    counts = {
        "people": User.objects.count(),
        "organisations": Organisation.objects.count(),
        "centre units": CentreUnit.objects.count(),
    }
    return {what: n for what, n in counts.items() if n}


@transaction.atomic
def wipe() -> None:
    """Empty the directory, each step's own data, and every row that refers to a deleted row,
    however indirectly.

    Rows that refer to nothing deleted stay: reference data that migrations put in, such as the
    standard pulse questions and service levels.
    """
    quote = connection.ops.quote_name
    links = [
        (
            quote(model._meta.db_table),
            quote(field.column),
            quote(field.target_field.model._meta.db_table),
            quote(field.target_field.column),
        )
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey)
    ]
    for step in reversed(DEMO_STEPS):
        if step.clear:
            step.clear()
    with connection.cursor() as cursor:
        for model in _CLEARED:
            cursor.execute(f"DELETE FROM {quote(model._meta.db_table)}")  # noqa: S608
        deleted = True
        while deleted:  # until no row points at a row that is gone
            deleted = False
            for table, column, target, key in links:
                cursor.execute(
                    f"DELETE FROM {table} WHERE {column} IS NOT NULL "  # noqa: S608
                    f"AND {column} NOT IN (SELECT {key} FROM {target})"
                )
                deleted = deleted or cursor.rowcount > 0
        # Ids carry on from the rows left, so every build of the demo gives its rows the same ids.
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM sqlite_sequence")
        else:
            tables = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed]
            for statement in connection.ops.sequence_reset_sql(no_style(), tables):
                cursor.execute(statement)


def reference_moment(as_of: datetime.date) -> datetime.datetime:
    """The demo's present: the very start of its reference day, on the department's clock."""
    return timezone.make_aware(datetime.datetime.combine(as_of, datetime.time()))


# Django's clock as models' `default=timezone.now` keep it, whatever `timezone.now` reads later.
REAL_NOW = timezone.now


@contextmanager
def clock_reading(moment: datetime.datetime) -> Iterator[None]:
    """Within the block, Django's clock reads `moment`; afterwards, a time a field's default
    (`default=timezone.now`, which keeps the real clock) stamped on a row made within the
    block is set to `moment` too."""
    began, reading = REAL_NOW(), timezone.now
    timezone.now = lambda: moment
    try:
        yield
        _restamp(began, moment)
    finally:
        timezone.now = reading


def _restamp(began: datetime.datetime, moment: datetime.datetime) -> None:
    ended = REAL_NOW()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DateTimeField) and field.default is REAL_NOW:
                stamped = {f"{field.attname}__range": (began, ended)}
                model._base_manager.filter(**stamped).update(**{field.attname: moment})


def build_demo(
    seed: int = DEFAULT_SEED, reset: bool = False, as_of: datetime.date | None = None
) -> dict[str, Any]:
    """Replace the database's contents with the demo department as it stands at the start of
    `as_of` (today unless given); returns what to tell people."""
    started = time.perf_counter()
    as_of = as_of or timezone.localdate()
    with transaction.atomic(), clock_reading(reference_moment(as_of)):
        found = other_data()
        if found and not reset:
            held = ", ".join(f"{what}: {n}" for what, n in found.items())
            raise DemoRefused(
                f"This database already holds data the demo did not make ({held}). "
                "Building the demo would delete it. Point DATABASE_URL at another database "
                "(for example DATABASE_URL=sqlite:///var/demo.sqlite3), or run "
                "`insideout demo --reset` to delete its people, organisations and units, and "
                "everything that refers to them, first."
            )
        wipe()
        built: dict[str, Any] = {}
        for step in DEMO_STEPS:
            # Each step draws from its own stream, so adding a step never changes earlier ones.
            built[step.name] = step.populate(random.Random(f"{seed}:{step.name}"), built)
    directory: directory_demo.DemoDirectory = built["directory"]
    return {
        "seed": seed,
        "as_of": as_of,
        "seconds": round(time.perf_counter() - started, 1),
        "department": directory.department.name,
        "counts": {
            "units": len(directory.units),
            "organisations": len(directory.organisations),
            "people": len({p.pk for people in directory.people.values() for p in people}),
        },
        "sign_ins": [
            {
                "role": role,
                "role_label": Role(role).label,
                "name": person.full_name,
                "job_title": person.job_title,
                "where": where,
                "email": person.email,
                "password": directory_demo.DEMO_PASSWORD if person.has_usable_password() else None,
            }
            for role, person, where in [*directory.sign_ins(), *built["catalogue"].sign_ins()]
        ],
    }
