"""How fast the burden ledger is at national size: `.venv/bin/python bench/burden_ledger.py`.

Builds, in a throwaway database (a temporary SQLite file, or, when DATABASE_URL names
PostgreSQL, a scratch database `insideout_bench_burdens` beside it, created and dropped here),
25,000 doer organisations, 400 requirements across 12 units landing on kinds of them, and
fifteen months of doers' reports (a tenth of the organisations reporting on each due date, up to
400 each time): about a million reports, loaded in bulk. Then it times the ledger's pages, a
requirement's page, a doer's calendar and the balance of mandate and demand, through Django's
test client, warm: median and p95 of 20 requests, and the ratio to the ceiling.
"""

import argparse
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from harness import bench_database, load, time_page

CEILING_MS = 500.0
SCRATCH_DB = "insideout_bench_burdens"
SEED = 20261201
TYPES = [
    ("school", 55),
    ("gp_practice", 18),
    ("charity", 12),
    ("business", 8),
    ("other", 3),
    ("hospital", 1),
    ("police_force", 1),
    ("local_authority", 2),
]
FREQUENCIES = [("monthly", 5), ("termly", 3), ("annual", 4), ("weekly", 1), ("one_off", 1)]
KINDS = ["return", "report", "data_request", "inspection", "audit", "directive"]


def build(doers: int, requirements: int, units: int, share: float, cap: int) -> dict:
    """The department at national size; returns what the timings need."""
    from django.db import connection
    from django.utils import timezone

    from insideout.accounts.models import User
    from insideout.burdens.models import Report, Requirement
    from insideout.directory.models import CentreUnit, Membership, Organisation, Role
    from insideout.directory.places import REGIONS
    from insideout.priorities.models import Priority

    rng = random.Random(SEED)
    department = CentreUnit.objects.create(
        name="Department for Benchmarks", kind=CentreUnit.Kind.DEPARTMENT
    )
    unit_rows = CentreUnit.objects.bulk_create(
        [
            CentreUnit(name=f"Unit {n + 1:02d}", kind=CentreUnit.Kind.UNIT, parent=department)
            for n in range(units)
        ]
    )
    lead = User.objects.create_user("lead@centre.example.org", full_name="Lena Lead")
    Membership.objects.create(person=lead, role=Role.CENTRE_LEAD, centre_unit=department)
    kinds, weights = zip(*TYPES, strict=True)
    regions = list(REGIONS)
    organisations = Organisation.objects.bulk_create(
        [
            Organisation(
                external_id=f"B{n:07d}",
                name=f"Organisation {n}",
                type=rng.choices(kinds, weights)[0],
                region=rng.choice(regions),
            )
            for n in range(doers)
        ],
        batch_size=5000,
    )
    doer = User.objects.create_user("head@school.example.org", full_name="Hannah Head")
    school = next(o for o in organisations if o.type == "school")
    Membership.objects.create(person=doer, role=Role.DOER_LEAD, organisation=school)
    by_type: dict[str, list] = {}
    for organisation in organisations:
        by_type.setdefault(organisation.type, []).append(organisation)

    today = timezone.localdate()
    frequencies, frequency_weights = zip(*FREQUENCIES, strict=True)
    made = Requirement.objects.bulk_create(
        [
            Requirement(
                title=f"Requirement {n + 1}",
                kind=rng.choice(KINDS),
                owner_unit=rng.choice(unit_rows),
                frequency=rng.choices(frequencies, frequency_weights)[0],
                first_due_on=today - timedelta(days=rng.randint(500, 900)),
                starts_on=today - timedelta(days=900),
                estimated_hours=Decimal(str(rng.choice([0.5, 1, 1.5, 2, 3, 4, 6, 8]))),
                state="active",
                audience_types=rng.sample(kinds[:5], rng.choice([1, 1, 1, 2])),
            )
            for n in range(requirements)
        ]
    )
    started = time.perf_counter()
    stamp = datetime.now(UTC)
    reports = []
    for requirement in made:
        audience = [o for kind in requirement.audience_types for o in by_type.get(kind, [])]
        for due_on in requirement.due_dates(today - timedelta(days=460), today - timedelta(days=1)):
            count = min(cap, max(1, round(len(audience) * share)))
            for organisation in rng.sample(audience, min(count, len(audience))):
                reports.append(
                    (
                        requirement.pk,
                        organisation.pk,
                        organisation.type,
                        due_on,
                        Decimal(
                            str(round(float(requirement.estimated_hours) * rng.uniform(0.8, 3), 2))
                        ),
                        requirement.estimated_hours,
                        rng.randint(1, 5),
                        "",
                        doer.pk,
                        stamp,
                    )
                )
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
    loaded = load(Report, fields, reports)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"Loaded {loaded:,} reports in {time.perf_counter() - started:.1f} s")
    Priority.objects.bulk_create(
        Priority(
            title=f"Priority {n + 1}",
            statement="Less paperwork for the people doing the work.",
            owner_unit=rng.choice(unit_rows),
            weight=rng.randint(5, 40),
        )
        for n in range(5)
    )
    return {"lead": lead, "doer": doer, "requirement": made[0].pk, "start": date.today()}


def rebuilt_from_database() -> dict:
    """What the timings need, from a database an earlier run built and kept."""
    from insideout.accounts.models import User
    from insideout.burdens.models import Requirement

    return {
        "lead": User.objects.get(email="lead@centre.example.org"),
        "doer": User.objects.get(email="head@school.example.org"),
        "requirement": Requirement.objects.order_by("pk").values_list("pk", flat=True)[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--doers", type=int, default=25_000)
    parser.add_argument("--requirements", type=int, default=400)
    parser.add_argument("--units", type=int, default=12)
    parser.add_argument("--share", type=float, default=0.1, help="of doers reporting each time")
    parser.add_argument("--cap", type=int, default=400, help="most reports on one due date")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument(
        "--keep",
        metavar="FILE",
        type=Path,
        help="Build into this SQLite file and keep it; time it if it exists.",
    )
    args = parser.parse_args()

    with bench_database(args.keep, SCRATCH_DB) as reuse:
        from django.db import connection, transaction
        from django.test import Client

        print(
            f"Database: {connection.vendor} {connection.settings_dict['NAME']}; "
            f"{args.doers:,} doers, {args.requirements} requirements, {args.units} units"
        )
        if reuse:
            built = rebuilt_from_database()
        else:
            with transaction.atomic():
                built = build(args.doers, args.requirements, args.units, args.share, args.cap)
        lead = Client(HTTP_HOST="127.0.0.1")
        lead.force_login(built["lead"])
        doer = Client(HTTP_HOST="127.0.0.1")
        doer.force_login(built["doer"])
        pages = [
            (lead, "ledger, by requirement", "/burdens/"),
            (lead, "ledger, by unit", "/burdens/units/"),
            (lead, "ledger, by kind of organisation", "/burdens/doer-types/"),
            (lead, "a requirement's page", f"/burdens/requirements/{built['requirement']}/"),
            (lead, "mandate and demand", "/priorities/balance/"),
            (doer, "a doer's burden calendar", "/burdens/calendar/"),
        ]
        medians = [
            time_page(client, label, url, args.requests, CEILING_MS) for client, label, url in pages
        ]
    if max(medians) >= CEILING_MS:
        sys.exit(f"A page took over {CEILING_MS:.0f} ms.")


if __name__ == "__main__":
    main()
