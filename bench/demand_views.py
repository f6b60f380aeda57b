"""How fast the analysts' views are at national scale: `.venv/bin/python bench/demand_views.py`.

Writes a snapshot of 10,000,000 contacts (the Parquet file the views read; the database itself
is only asked whether the snapshot is fresh, one indexed lookup, so it is left empty here) in
DuckDB, then times each view through Django's test client, signed in as an analyst, warm, median
of 5 requests; and times the same questions hand-written in DuckDB over the same file. Prints
each view's time, the ratio to the hand-written queries (which must stay at or under 2) and to
the 1 s ceiling.
"""

import argparse
import json
import statistics
import sys
import time
from datetime import date

from harness import bench_database

CEILING_S = 1.0
MAX_RATIO = 2.0
SCRATCH_DB = "insideout_bench_demand_views"
SERVICES = 4
# The same questions as demand/analysis.py asks, written by hand.
HAND_WRITTEN = {
    "weekly volume": [
        "SELECT week, demand_type, count(*) FROM '{p}' GROUP BY ALL ORDER BY week",
        "SELECT service_id, count(*) FILTER (demand_type <> ''), "
        "count(*) FILTER (demand_type = 'failure') FROM '{p}' GROUP BY ALL",
    ],
    "failure share and causes": [
        f"SELECT {column}, count(*) FILTER (demand_type <> ''), "
        f"count(*) FILTER (demand_type = 'failure') FROM '{{p}}' GROUP BY ALL"
        for column in ("service_id", "channel", "place")
    ]
    + ["SELECT failure_cause, count(*) FROM '{p}' WHERE demand_type = 'failure' GROUP BY ALL"],
    "end-to-end capability": [
        "SELECT count(days), quantile_cont(days, [0.5, 0.85, 0.95]) FROM '{p}' "
        "WHERE days IS NOT NULL",
        "SELECT resolved_at, days FROM '{p}' WHERE days IS NOT NULL "
        "ORDER BY resolved_at DESC, id DESC LIMIT 250",
    ],
    "what matters": [
        "SELECT service_id, lower(trim(what_matters)) AS phrase, count(*) FROM '{p}' "
        "WHERE what_matters <> '' GROUP BY ALL ORDER BY 3 DESC"
    ],
}
PAGES = {
    "weekly volume": "/demand/",
    "failure share and causes": "/demand/failure/",
    "end-to-end capability": "/demand/end-to-end/",
    "what matters": "/demand/what-matters/",
}


def write_snapshot(path, rows: int) -> None:
    """Ten million contacts over two years, as the snapshot writer lays them out."""
    import duckdb

    path.parent.mkdir(parents=True, exist_ok=True)
    duckdb.sql(
        f"""
        COPY (
          WITH base AS (
            SELECT i,
              TIMESTAMP '2024-01-01 08:00' + to_seconds((i * 63072000 // {rows})::BIGINT) AS ts,
              (hash(i) // 2)::BIGINT AS h
            FROM range({rows}) AS r(i)
          )
          SELECT i + 1 AS id,
            ts::TIMESTAMPTZ AS received_at,
            date_trunc('week', ts)::DATE AS week,
            (1 + h % {SERVICES})::INTEGER AS service_id,
            ['phone', 'phone', 'web', 'email', 'open311', 'letter', 'face_to_face'][
              1 + ((h // 7) % 7)::BIGINT] AS channel,
            'Place ' || ((h // 49) % 300) AS place,
            CASE WHEN (h // 15000) % 20 = 0 THEN ''
                 WHEN (h // 300) % 10 < 4 THEN 'failure' ELSE 'value' END AS demand_type,
            CASE WHEN (h // 15000) % 20 <> 0 AND (h // 300) % 10 < 4 THEN
              ['progress_chasing', 'progress_chasing', 'lack_of_information',
               'not_right_first_time', 'complaint', 'wrong_place'][1 + ((h // 3000) % 6)::BIGINT]
              ELSE '' END AS failure_cause,
            '' AS need,
            CASE WHEN (h // 70000) % 3 = 0 THEN
              ['knowing when', 'not ringing again', 'a clear answer', 'my children''s health',
               'paying staff on time'][1 + ((h // 210000) % 5)::BIGINT] ELSE '' END AS what_matters,
            CASE WHEN (h // 700) % 10 < 9 THEN
              (ts + to_seconds((h % 5000000)::BIGINT))::TIMESTAMPTZ END AS resolved_at,
            CASE WHEN (h // 700) % 10 < 9 THEN (h % 5000000) / 86400.0 END AS days
          FROM base ORDER BY ts
        ) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 1000000, COMPRESSION zstd)
        """
    )


def median_seconds(action, repeats: int) -> float:
    action()  # warm
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--requests", type=int, default=5)
    args = parser.parse_args()
    with bench_database(None, SCRATCH_DB):
        import duckdb
        from django.test import Client

        from insideout.accounts.models import User
        from insideout.demand import snapshot
        from insideout.demand.models import Service
        from insideout.directory.models import Membership, Role

        for n in range(1, SERVICES + 1):
            Service.objects.create(pk=n, code=f"S{n}", name=f"Service {n}")
        analyst = User.objects.create_user("analyst@centre.example.org", full_name="Ana")
        Membership.objects.create(person=analyst, role=Role.ANALYST)
        path = snapshot.parquet_path()
        started = time.perf_counter()
        write_snapshot(path, args.rows)
        (path.parent / "contacts.json").write_text(
            json.dumps({"rows": args.rows, "as_of": None, "written_at": date.today().isoformat()})
        )
        print(
            f"Wrote {args.rows:,} contacts ({path.stat().st_size / 1e6:.0f} MB Parquet) in "
            f"{time.perf_counter() - started:.1f} s"
        )
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(analyst)
        hand = duckdb.connect(config={"threads": 2})
        failed = False
        for view, url in PAGES.items():

            def page(url=url):
                response = client.get(url)
                if response.status_code != 200:
                    sys.exit(f"{url} answered {response.status_code}")

            def by_hand(view=view):
                for sql in HAND_WRITTEN[view]:
                    hand.execute(sql.format(p=path.as_posix())).fetchall()

            seconds = median_seconds(page, args.requests)
            duck = median_seconds(by_hand, args.requests)
            ratio = seconds / duck
            failed = failed or ratio > MAX_RATIO or seconds >= CEILING_S
            print(
                f"{view}: page {seconds * 1000:.0f} ms, hand-written DuckDB "
                f"{duck * 1000:.0f} ms, ratio {ratio:.2f} (at most {MAX_RATIO:g}); "
                f"{seconds / CEILING_S:.2f} of the {CEILING_S * 1000:.0f} ms ceiling"
            )
    if failed:
        sys.exit("A view was over its ceiling or its ratio.")


if __name__ == "__main__":
    main()
