"""What the benchmarks share: a scratch PostgreSQL database, fast bulk loads, timing a page."""

import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def scratch_postgres(url: str, name: str) -> str:
    """A fresh, empty database beside the one `url` names; returns its URL."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def drop_postgres(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")


@contextmanager
def bench_database(keep: Path | None, scratch: str) -> Iterator[bool]:
    """Set Django up on a throwaway, migrated database: a scratch PostgreSQL database when
    DATABASE_URL names PostgreSQL, else a SQLite file (kept at `keep` if given). Yields whether
    a kept file already holds a build; drops what it made afterwards."""
    given = os.environ.get("DATABASE_URL", "")
    postgres = given.startswith(("postgres://", "postgresql://")) and not keep
    workdir = tempfile.TemporaryDirectory()
    database = keep.resolve() if keep else Path(workdir.name) / "bench.db"
    reuse = keep is not None and database.exists()
    os.environ["DATABASE_URL"] = (
        scratch_postgres(given, scratch) if postgres else f"sqlite:///{database}"
    )
    os.environ["INSIDEOUT_VAR_DIR"] = workdir.name
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "insideout.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    try:
        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        yield reuse
    finally:
        connection.close()
        if postgres:
            drop_postgres(given, scratch)
        workdir.cleanup()


def load(model, fields: list[str], rows) -> int:
    """Insert plain rows fast: COPY on PostgreSQL, one executemany per chunk on SQLite."""
    from django.db import connection, models

    quote = connection.ops.quote_name
    model_fields = [model._meta.get_field(name) for name in fields]
    columns = ", ".join(quote(f.column) for f in model_fields)
    table = quote(model._meta.db_table)
    adapt = {
        n: connection.ops.adapt_datetimefield_value
        for n, f in enumerate(model_fields)
        if isinstance(f, models.DateTimeField)
    }
    adapt |= {
        n: connection.ops.adapt_datefield_value
        for n, f in enumerate(model_fields)
        if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField)
    }
    adapt |= {n: json.dumps for n, f in enumerate(model_fields) if isinstance(f, models.JSONField)}
    if adapt:
        rows = (tuple(adapt[n](v) if n in adapt else v for n, v in enumerate(row)) for row in rows)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
        chunk: list[tuple] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) == 50_000:
                cursor.executemany(sql, chunk)
                count, chunk = count + len(chunk), []
        cursor.executemany(sql, chunk)
        return count + len(chunk)


def time_page(client, label: str, url: str, requests: int, ceiling_ms: float | None) -> float:
    """Median and p95 of warm requests, with the ratio to the ceiling when one is named."""
    from django.db import connection

    for _ in range(2):  # warm: templates compiled, caches filled
        response = client.get(url)
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}")
    queries: list[str] = []
    with connection.execute_wrapper(
        lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)
    ):
        client.get(url)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    median = statistics.median(times)
    p95 = sorted(times)[max(0, round(0.95 * len(times)) - 1)]
    verdict = ""
    if ceiling_ms:
        ratio = (
            f"{ceiling_ms / median:.1f}x under"
            if median < ceiling_ms
            else f"{median / ceiling_ms:.1f}x OVER"
        )
        verdict = f" ({ratio} the {ceiling_ms:.0f} ms ceiling)"
    print(
        f"{label}: median {median:.0f} ms, p95 {p95:.0f} ms{verdict}"
        f"; {len(queries)} queries, {len(response.content):,} bytes"
    )
    return median if ceiling_ms else 0.0
