"""The demo department: each app's demo data, built in order, in one transaction, from one seed.

Rebuilding replaces everything in the database, so the demo only builds into an empty database
or one that already holds the demo; anything else needs an explicit `reset=True`.
"""

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction

from insideout.accounts.models import User
from insideout.directory import demo as directory_demo
from insideout.directory.models import CentreUnit, Organisation, Role

DEFAULT_SEED = 2026


@dataclass(frozen=True)
class DemoStep:
    name: str
    populate: Callable[[random.Random, dict[str, Any]], Any]  # (rng, earlier steps' results)


# In order; each later app adds its line, drawing on what the earlier steps returned.
DEMO_STEPS: list[DemoStep] = [
    DemoStep("directory", lambda rng, built: directory_demo.populate(rng)),
]

# Kept through a rebuild: the catalogue of models and permissions, not anyone's data.
_KEPT_APPS = {"contenttypes", "auth"}


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


def wipe() -> None:
    """Empty every table of the service's data, restarting ids so a seed gives the same rows."""
    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label not in _KEPT_APPS and model._meta.managed
        and not model._meta.proxy
    } & set(connection.introspection.table_names())
    statements = connection.ops.sql_flush(no_style(), sorted(tables), reset_sequences=True)
    connection.ops.execute_sql_flush(statements)


def build_demo(seed: int = DEFAULT_SEED, reset: bool = False) -> dict[str, Any]:
    """Replace the database's contents with the demo department; returns what to tell people."""
    started = time.perf_counter()
    with transaction.atomic():
        found = other_data()
        if found and not reset:
            held = ", ".join(f"{what}: {n}" for what, n in found.items())
            raise DemoRefused(
                f"This database already holds data the demo did not make ({held}). "
                "Building the demo would delete it. Point DATABASE_URL at another database "
                "(for example DATABASE_URL=sqlite:///var/demo.sqlite3), or run "
                "`insideout demo --reset` to delete everything in this one first."
            )
        wipe()
        built: dict[str, Any] = {}
        for step in DEMO_STEPS:
            # Each step draws from its own stream, so adding a step never changes earlier ones.
            built[step.name] = step.populate(random.Random(f"{seed}:{step.name}"), built)
    directory: directory_demo.DemoDirectory = built["directory"]
    return {
        "seed": seed,
        "seconds": round(time.perf_counter() - started, 1),
        "department": directory.department.name,
        "counts": {
            "units": len(directory.units),
            "organisations": len(directory.organisations),
            "people": len({p.pk for people in directory.people.values() for p in people}),
        },
        "sign_ins": [
            {
                "role": role, "role_label": Role(role).label, "name": person.full_name,
                "job_title": person.job_title, "where": where, "email": person.email,
                "password": directory_demo.DEMO_PASSWORD if person.has_usable_password()
                else None,
            }
            for role, person, where in directory.sign_ins()
        ],
    }
