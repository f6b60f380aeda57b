"""How fast the scorecard pages are at national size: `.venv/bin/python bench/scorecard_page.py`.

Builds, in a throwaway database (a temporary SQLite file, or, when DATABASE_URL names
PostgreSQL, a scratch database `insideout_bench_scorecard` beside it, created and dropped here),
25,000 doer organisations with a doer each, who all answer each of 8 quarterly pulses, rating 1
to 4 of 12 units: 200,000 responses and about 1.1 million answers, loaded in bulk, with the
rollups rebuilt from them. Then it times the league table, a unit's page and pulses' pages
through Django's test client, signed in as a centre lead, warm: median and p95 of 20 requests.
"""

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from harness import bench_database, load, time_page

CEILING_MS = 300.0
SCRATCH_DB = "insideout_bench_scorecard"
SEED = 20261123
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
NEEDS = [
    ("money", "Confirm our funding allocation before we set the budget in March."),
    ("knowledge", "A single page listing every return due this term, and where it goes."),
    ("training", "Funded mentor time for early career teachers."),
    ("infrastructure", "Reliable broadband: lessons stop when a whole year group logs in."),
    ("fewer_burdens", "Ask us once: three teams asked for the same figures last month."),
    ("other", "Tell us what happened to what we said last time."),
]
STOPS = [
    "The monthly data collection. Termly was enough.",
    "Sending guidance on a Friday that needs action by Monday.",
    "Asking for the same information as a spreadsheet and as a PDF.",
]


def build(doers: int, pulses: int, units: int) -> dict:
    """The department at national size; returns what the timings need."""
    from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
    from django.core.management.color import no_style
    from django.db import connection
    from django.utils import timezone

    from insideout.accounts.models import User
    from insideout.directory.models import CentreUnit, Membership, Organisation, Role
    from insideout.directory.places import REGIONS
    from insideout.pulses.models import Answer, Invitation, Pulse, Question, Response, random_id
    from insideout.pulses.rollups import rebuild_rollups

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
    Membership.objects.create(person=lead, role=Role.CENTRE_LEAD, centre_unit=unit_rows[0])

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
    people = User.objects.bulk_create(
        [
            User(
                email=f"doer{n}@example.org",
                full_name=f"Doer {n}",
                password=UNUSABLE_PASSWORD_PREFIX + "bench",
            )
            for n in range(doers)
        ],
        batch_size=5000,
    )
    Membership.objects.bulk_create(
        [
            Membership(person=p, role=Role.DOER_LEAD, organisation=o)
            for p, o in zip(people, organisations, strict=True)
        ],
        batch_size=5000,
    )

    questions = {q.code: q for q in Question.objects.filter(is_standard=True)}
    today = timezone.localdate()
    pulse_rows = []
    for n in range(pulses):
        opens_on = today - timedelta(days=9 + 91 * (pulses - 1 - n))
        pulse = Pulse.objects.create(
            title=f"Pulse {n + 1}",
            opens_on=opens_on,
            closes_on=opens_on + timedelta(days=27),
            anonymity="attributed" if n == 0 else "anonymous",
            created_by=lead,
            status="open" if n == pulses - 1 else "closed",
            launched_at=timezone.now(),
        )
        pulse.units.set(unit_rows)
        for position, question in enumerate(questions.values()):
            pulse.pulse_questions.create(question=question, position=position)
        pulse_rows.append(pulse)

    # Each unit's share of promoters and detractors, drifting a little from pulse to pulse.
    leaning = {u.pk: rng.uniform(-0.35, 0.45) for u in unit_rows}
    unit_ids = [u.pk for u in unit_rows]
    reach = [rng.uniform(1, 5) for _ in unit_rows]
    answers: list[tuple] = []
    invitation_id = response_id = 0
    started = time.perf_counter()
    for pulse in pulse_rows:
        sent = datetime.combine(pulse.opens_on, datetime.min.time(), tzinfo=UTC)
        invitations, responses = [], []
        for organisation, person in zip(organisations, people, strict=True):
            invitation_id += 1
            response_id += 1
            invitations.append(
                (
                    invitation_id,
                    pulse.pk,
                    person.pk,
                    organisation.pk,
                    sent,
                    0,
                    None,
                    (sent + timedelta(days=rng.randint(0, 8))).date(),  # the day only
                    {},
                )
            )
            attributed = not pulse.is_anonymous
            responses.append(
                (
                    response_id,
                    pulse.pk,
                    invitation_id if attributed else None,
                    organisation.pk if attributed else None,
                    organisation.type,
                    organisation.region,
                    pulse.opens_on,
                )
            )
            rated = set(rng.choices(unit_ids, reach, k=rng.choice((1, 2, 2, 3, 3, 4))))
            feeling = []
            for unit_id in rated:
                lean = leaning[unit_id] + rng.gauss(0, 0.05)
                draw = rng.random()
                score = (
                    rng.randint(9, 10)
                    if draw < 0.35 + lean / 2
                    else rng.randint(0, 6)
                    if draw > 0.65 + lean / 2
                    else rng.randint(7, 8)
                )
                feeling.append(score)
                answers.append(
                    (
                        random_id(),
                        pulse.pk,
                        response_id,
                        questions["recommend"].pk,
                        unit_id,
                        score,
                        "",
                        "",
                    )
                )
            level = max(
                1, min(5, round(1 + 4 * sum(feeling) / len(feeling) / 10 + rng.gauss(0, 0.7)))
            )
            answers.append(
                (
                    random_id(),
                    pulse.pk,
                    response_id,
                    questions["information"].pk,
                    None,
                    level,
                    "",
                    "",
                )
            )
            answers.append(
                (
                    random_id(),
                    pulse.pk,
                    response_id,
                    questions["easier"].pk,
                    None,
                    max(1, level - 1),
                    "",
                    "",
                )
            )
            if rng.random() < 0.75:
                category, text = rng.choice(NEEDS)
                answers.append(
                    (
                        random_id(),
                        pulse.pk,
                        response_id,
                        questions["one_thing"].pk,
                        None,
                        None,
                        category,
                        text,
                    )
                )
            if rng.random() < 0.4:
                answers.append(
                    (
                        random_id(),
                        pulse.pk,
                        response_id,
                        questions["stop"].pk,
                        None,
                        None,
                        "",
                        rng.choice(STOPS),
                    )
                )
        load(
            Invitation,
            [
                "id",
                "pulse",
                "person",
                "organisation",
                "sent_at",
                "reminders_sent",
                "last_reminded_at",
                "submitted_at",
                "draft",
            ],
            invitations,
        )
        load(
            Response,
            [
                "id",
                "pulse",
                "invitation",
                "organisation",
                "organisation_type",
                "region",
                "submitted_on",
            ],
            responses,
        )
    fields = ["id", "pulse", "response", "question", "unit", "score", "category", "text"]
    loaded = load(Answer, fields, answers)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Invitation, Response]):
                cursor.execute(sql)
            # What autovacuum would soon do; SQLite gets no statistics, as in real use.
            cursor.execute("ANALYZE")
    print(
        f"Loaded {invitation_id:,} invitations, {response_id:,} responses and {loaded:,} "
        f"answers in {time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    for pulse in pulse_rows:
        rebuild_rollups(pulse)
    print(f"Rebuilt the rollups of {pulses} pulses in {time.perf_counter() - started:.1f} s")
    busiest = max(unit_ids, key=lambda pk: reach[unit_ids.index(pk)])
    return {"lead": lead, "pulses": [p.pk for p in pulse_rows], "unit": busiest}


def rebuilt_from_database() -> dict:
    """What the timings need, from a database an earlier run built and kept."""
    from django.db.models import Count

    from insideout.accounts.models import User
    from insideout.pulses.models import Answer, Pulse

    busiest = (
        Answer.objects.filter(unit__isnull=False)
        .values("unit")
        .annotate(n=Count("pk"))
        .order_by("-n")[0]["unit"]
    )
    return {
        "lead": User.objects.get(email="lead@centre.example.org"),
        "unit": busiest,
        "pulses": list(Pulse.objects.order_by("opens_on").values_list("pk", flat=True)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--doers", type=int, default=25_000)
    parser.add_argument("--pulses", type=int, default=8)
    parser.add_argument("--units", type=int, default=12)
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
            f"{args.doers:,} doers x {args.pulses} pulses x {args.units} units"
        )
        if reuse:
            built = rebuilt_from_database()
        else:
            with transaction.atomic():
                built = build(args.doers, args.pulses, args.units)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(built["lead"])
        first, *_, latest = built["pulses"]
        pages = [
            ("scorecard league page", "/scorecard/"),
            ("busiest unit's page", f"/scorecard/units/{built['unit']}/"),
            ("latest pulse's page (anonymous)", f"/scorecard/pulses/{latest}/"),
            ("first pulse's page (attributed)", f"/scorecard/pulses/{first}/"),
            ("league page filtered to schools", "/scorecard/?type=school"),
        ]
        medians = [time_page(client, label, url, args.requests, CEILING_MS) for label, url in pages]
    if max(medians) >= CEILING_MS:
        sys.exit(f"A page took over {CEILING_MS:.0f} ms.")


if __name__ == "__main__":
    main()
