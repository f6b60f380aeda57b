"""The capability catalogue at national size: `.venv/bin/python bench/catalogue.py`.

Builds, in a throwaway database (a temporary SQLite file, or, when DATABASE_URL names
PostgreSQL, a scratch database `insideout_bench_catalogue` beside it, created and dropped here),
50,000 services run by 5,000 providers across England's local authorities, each with a
location, an address, a phone, a service area, what it helps with (and for some, whom it is
only for) and its capacity, loaded in bulk. Then it times:

- the short list for a need, through the catalogue's own path (the index loaded from the
  database once and kept; then `short_list` per need): median and p95 of 200 needs against
  the 100 ms ceiling; the index's one-off build is printed too;
- `insideout hsds-export` of the whole catalogue (services.json fully nested, and a file per
  other kind of object), every object checked against the official HSDS schema, against the
  30 s ceiling; and without the check, for information.

Text fit is TF-IDF unless `--engine embeddings` (the themes extra) is asked for: embedding
50,000 texts is a one-off that the themes app stores, timed by bench/meaning_matching.py.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from harness import bench_database, load

MATCH_CEILING_MS = 100.0
EXPORT_CEILING_S = 30.0
SCRATCH_DB = "insideout_bench_catalogue"
SEED = 20261201
SERVICES = [
    ("housing", "Tenancy rescue", "Help with rent arrears, eviction notices and landlords."),
    ("housing", "Housing options", "Advice if you are homeless or about to be."),
    ("food", "Food parcels", "Emergency food for a household, with a referral."),
    ("food", "Community larder", "A low-cost weekly shop of fresh food."),
    ("money", "Debt advice", "Free advice on priority debts, bailiffs and payment plans."),
    ("money", "Benefits check", "A full benefits check and help with claims and appeals."),
    ("mental_health", "Talking therapies", "Counselling for anxiety, depression and stress."),
    ("loneliness", "Befriending", "A befriender who calls or visits each week."),
    ("work", "Work coaching", "A coach to help you into work: CVs, interviews, confidence."),
    ("family", "Family support", "Early help for families going through a tough time."),
    ("caring", "Carers' breaks", "A break and advice for people who look after someone."),
    ("safety", "Domestic abuse outreach", "Safety planning and advocacy, confidential."),
]
NEEDS = [
    ("housing", "Eviction notice, two months behind on rent"),
    ("food", "No food in the house until payday"),
    ("money", "Bailiffs letters and council tax debt"),
    ("mental_health", "Very low since losing my job, not sleeping"),
    ("caring", "Looking after mum with dementia, exhausted"),
    ("family", "Struggling with the children's behaviour"),
]


def load_full(model, rows: list[dict]) -> int:
    """Insert rows given as {field: value}, every other column at its default."""
    fields = [f for f in model._meta.concrete_fields]
    names = [f.name for f in fields]
    defaults = {f.name: f.get_default() for f in fields}
    return load(model, names, ([row.get(n, defaults[n]) for n in names] for row in rows))


def build(services: int, seed: int) -> None:
    """The catalogue at national size, loaded a table at a time."""
    from django.db import connection

    from insideout.catalogue import models as m
    from insideout.catalogue.capacity import PLACES_A_WEEK
    from insideout.catalogue.places import CENTRES, GSS_URI
    from insideout.catalogue.services import places_unit
    from insideout.catalogue.taxonomies import NAMESPACE, ensure_taxonomies, need_term_id
    from insideout.directory.places import REGIONS

    ensure_taxonomies()
    places_unit()
    rng = random.Random(seed)
    sqlite = connection.vendor == "sqlite"

    def key(value: uuid.UUID) -> str:
        return value.hex if sqlite else str(value)

    def new() -> str:
        return key(uuid.UUID(int=rng.getrandbits(128), version=4))

    now = datetime(2026, 12, 1, tzinfo=UTC)
    places = [code for code in CENTRES if code not in REGIONS]
    tables: dict = {
        model: []
        for model in (
            m.Provider,
            m.Location,
            m.Address,
            m.Service,
            m.ServiceAtLocation,
            m.Phone,
            m.ServiceArea,
            m.Attribute,
            m.ServiceCapacity,
        )
    }
    per_provider = 10
    for p in range(services // per_provider):
        provider, location, place = new(), new(), rng.choice(places)
        latitude, longitude = CENTRES[place]
        tables[m.Provider].append(
            {"id": provider, "name": f"Provider {p}", "description": "Runs services."}
        )
        tables[m.Location].append(
            {
                "id": location,
                "organization": provider,
                "name": f"Hub {p}",
                "latitude": latitude,
                "longitude": longitude,
                "local_authority": place,
            }
        )
        tables[m.Address].append(
            {
                "id": new(),
                "location": location,
                "address_1": f"{p} High Street",
                "city": "Town",
                "state_province": "England",
                "postal_code": "LS1 1AA",
                "country": "GB",
                "address_type": "physical",
            }
        )
        for s in range(per_provider):
            category, name, text = rng.choice(SERVICES)
            service = new()
            status = rng.choice(["capacity"] * 6 + ["waitlist"] * 2 + ["no-capacity", ""])
            tables[m.Service].append(
                {
                    "id": service,
                    "organization": provider,
                    "name": f"{name} {p}-{s}",
                    "description": text,
                    "last_modified": now,
                    "capacity_status": status,
                }
            )
            tables[m.ServiceAtLocation].append(
                {"id": new(), "service": service, "location": location}
            )
            tables[m.Phone].append(
                {"id": new(), "service": service, "number": f"0113 {p:04d} {s:03d}"}
            )
            area = place if rng.random() < 0.8 else rng.choice(list(REGIONS))
            tables[m.ServiceArea].append(
                {
                    "id": new(),
                    "service": service,
                    "name": area,
                    "uri": GSS_URI + area,
                    "gss_code": area,
                }
            )
            term = need_term_id(category)
            tables[m.Attribute].append(
                {
                    "id": key(uuid.uuid5(NAMESPACE, f"{service}:{term}")),
                    "owner_type": "service",
                    "owner_id": service,
                    "link_id": service,
                    "taxonomy_term": key(term),
                    "link_type": "service_type",
                    "link_entity": "service",
                }
            )
            if status:
                tables[m.ServiceCapacity].append(
                    {
                        "id": new(),
                        "service": service,
                        "unit": key(PLACES_A_WEEK),
                        "available": rng.randint(0, 20),
                        "updated": now,
                    }
                )
    for model, rows in tables.items():
        load_full(model, rows)


def time_matching(needs: int, seed: int) -> float:
    from insideout.catalogue.matching import NeedFacts, short_list
    from insideout.catalogue.places import CENTRES
    from insideout.catalogue.suggestions import service_index
    from insideout.directory.places import REGIONS

    started = time.perf_counter()
    index = service_index()
    print(
        f"Matching index of {len(index):,} services built in {time.perf_counter() - started:.1f} s"
    )
    rng = random.Random(seed)
    places = [code for code in CENTRES if code not in REGIONS]
    times = []
    for _ in range(needs):
        category, text = rng.choice(NEEDS)
        need = NeedFacts(category, text, rng.choice(places), (25, 64))
        started = time.perf_counter()
        found = short_list(service_index(), need)
        times.append((time.perf_counter() - started) * 1000)
        if not found:
            sys.exit(f"No suggestion for {need}: the benchmark's catalogue is wrong")
    median = statistics.median(times)
    p95 = sorted(times)[round(0.95 * len(times)) - 1]
    verdict = (
        f"{MATCH_CEILING_MS / median:.1f}x under"
        if median < MATCH_CEILING_MS
        else f"{median / MATCH_CEILING_MS:.1f}x OVER"
    )
    print(
        f"Short list for a need over {len(index):,} services: median {median:.1f} ms, "
        f"p95 {p95:.1f} ms ({verdict} the {MATCH_CEILING_MS:.0f} ms ceiling)"
    )
    return median


def time_export(check: bool) -> float:
    from insideout.catalogue.hsds.exporting import export_hsds

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        written = export_hsds(Path(folder), check=check)
        seconds = time.perf_counter() - started
        size = sum(f.stat().st_size for f in Path(folder).iterdir())
    label = "each object checked against HSDS 3.0" if check else "no schema check"
    verdict = (
        f"{EXPORT_CEILING_S / seconds:.1f}x under"
        if seconds < EXPORT_CEILING_S
        else f"{seconds / EXPORT_CEILING_S:.1f}x OVER"
    )
    print(
        f"HSDS export of {written['services.json']:,} services ({label}): {seconds:.1f} s, "
        f"{size / 1e6:.0f} MB ({verdict} the {EXPORT_CEILING_S:.0f} s ceiling)"
    )
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=50_000)
    parser.add_argument("--needs", type=int, default=200)
    parser.add_argument("--engine", choices=["tfidf", "embeddings"], default="tfidf")
    parser.add_argument("--keep", type=Path, help="keep the SQLite build here and reuse it")
    args = parser.parse_args()
    os.environ["INSIDEOUT_TEXT_ENGINE"] = args.engine
    # The figures depend on what else the machine does: say so beside them.
    print("Load average at the start: " + ", ".join(f"{n:.1f}" for n in os.getloadavg()))
    with bench_database(args.keep, SCRATCH_DB) as reused:
        if not reused:
            started = time.perf_counter()
            build(args.services, SEED)
            print(f"Built {args.services:,} services in {time.perf_counter() - started:.1f} s")
        median = time_matching(args.needs, SEED)
        exported = time_export(check=True)
        time_export(check=False)
    if median > MATCH_CEILING_MS or exported > EXPORT_CEILING_S:
        sys.exit(1)


if __name__ == "__main__":
    main()
