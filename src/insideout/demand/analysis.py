"""The analysts' questions, asked of the snapshot with DuckDB: weekly value and failure demand,
failure share by service, channel and place, the causes of failure, end-to-end times and what
matters most. Each answer is plain data; the pages, the API and the benchmarks share them."""

import threading
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import duckdb
from django.utils import timezone

from insideout.disclosure.suppression import DEFAULT_K_TEXT, can_show

from .snapshot import parquet_path

PERCENTILES = (50, 85, 95)
LATEST_RESOLVED = 250  # points on the capability chart: the most recent resolved contacts
BREAKDOWNS = ("service_id", "channel", "place")
_local = threading.local()


@dataclass(frozen=True)
class Filters:
    """Which contacts to look at; empty means all."""

    start: date | None = None
    end: date | None = None
    service_ids: tuple[int, ...] = ()
    channels: tuple[str, ...] = ()
    places: tuple[str, ...] = ()

    def where(self) -> tuple[str, list]:
        clauses: list[str] = ["TRUE"]
        params: list[object] = []
        if self.start:  # from the start of the first day to the end of the last, local time
            clauses.append("received_at >= ?")
            params.append(_midnight(self.start))
        if self.end:
            clauses.append("received_at < ?")
            params.append(_midnight(self.end + timedelta(days=1)))
        for column, values in (
            ("service_id", self.service_ids),
            ("channel", self.channels),
            ("place", self.places),
        ):
            if values:
                clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
                params.extend(values)
        return " AND ".join(clauses), params


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _connection(path: str) -> duckdb.DuckDBPyConnection:
    """One in-process DuckDB per thread (its connections are not shared between threads), with
    the view `contacts` over the snapshot file."""
    connection = getattr(_local, "connection", None)
    if connection is None:
        connection = duckdb.connect(config={"threads": 2})
        _local.connection, _local.path = connection, None
    if _local.path != path:
        escaped = path.replace("'", "''")
        connection.execute(
            f"CREATE OR REPLACE VIEW contacts AS SELECT * FROM read_parquet('{escaped}')"  # noqa: S608
        )
        _local.path = path
    return connection


def query(sql: str, params: list | None = None) -> list[tuple]:
    """Rows of a query over the snapshot's view `contacts`; none if there is no snapshot yet."""
    path = parquet_path()
    if not path.exists():
        return []
    return _connection(path.as_posix()).execute(sql, params or []).fetchall()


def weekly_volume(filters: Filters) -> list[tuple[date, int, int, int]]:
    """(week, value, failure, not yet classified) for every week from the first to the last,
    with zeros for weeks without contacts (a week with none is a real zero)."""
    where, params = filters.where()
    rows = query(
        f"""SELECT week, count(*) FILTER (demand_type = 'value'),
                count(*) FILTER (demand_type = 'failure'),
                count(*) FILTER (demand_type = '')
            FROM contacts WHERE {where} GROUP BY week ORDER BY week""",  # noqa: S608
        params,
    )
    if not rows:
        return []
    found = {row[0]: row for row in rows}
    weeks, filled = rows[0][0], []
    while weeks <= rows[-1][0]:
        filled.append(found.get(weeks, (weeks, 0, 0, 0)))
        weeks += timedelta(days=7)
    return filled


def failure_share(filters: Filters, by: str) -> list[tuple[str | int, int, int]]:
    """(group, contacts classified, failure demand) for each service, channel or place."""
    if by not in BREAKDOWNS:
        raise ValueError(f"Failure share is broken down by one of {BREAKDOWNS}, not {by!r}")
    where, params = filters.where()
    return query(
        f"""SELECT {by}, count(*) FILTER (demand_type <> ''),
                count(*) FILTER (demand_type = 'failure')
            FROM contacts WHERE {where} GROUP BY {by}
            ORDER BY 3 DESC, 2 DESC, 1""",  # noqa: S608
        params,
    )


def failure_causes(filters: Filters) -> list[tuple[str, int]]:
    """(cause, failure contacts) for the Pareto chart, largest first."""
    where, params = filters.where()
    return query(
        f"""SELECT failure_cause, count(*) FROM contacts
            WHERE {where} AND demand_type = 'failure'
            GROUP BY failure_cause ORDER BY 2 DESC, 1""",  # noqa: S608
        params,
    )


@dataclass(frozen=True)
class Capability:
    """End-to-end time as the citizen sees it: percentiles of every resolved contact, and the
    latest ones in the order they were resolved, for the XmR chart."""

    resolved: int
    percentiles: dict[int, float]
    latest: list[tuple[datetime, float]]


def end_to_end(filters: Filters, latest: int = LATEST_RESOLVED) -> Capability:
    where, params = filters.where()
    quantiles = ", ".join(f"{p / 100}" for p in PERCENTILES)
    summary = query(
        f"""SELECT count(days), quantile_cont(days, [{quantiles}])
            FROM contacts WHERE {where} AND days IS NOT NULL""",  # noqa: S608
        params,
    )
    resolved, values = summary[0] if summary else (0, None)
    points = query(
        f"""SELECT resolved_at, days FROM contacts WHERE {where} AND days IS NOT NULL
            ORDER BY resolved_at DESC, id DESC LIMIT {int(latest)}""",  # noqa: S608
        params,
    )
    return Capability(
        resolved=resolved,
        percentiles=dict(zip(PERCENTILES, values, strict=True)) if resolved else {},
        latest=list(reversed(points)),
    )


def what_matters(filters: Filters, top: int = 5, k: int = DEFAULT_K_TEXT) -> dict[int, list]:
    """Per service, what matters to citizens most often, in their words (lower-cased); a phrase
    is listed only when at least k_text citizens said it (disclosure's text threshold)."""
    where, params = filters.where()
    rows = query(
        f"""SELECT service_id, phrase, n FROM (
                SELECT service_id, lower(trim(what_matters)) AS phrase, count(*) AS n,
                    row_number() OVER (PARTITION BY service_id ORDER BY count(*) DESC,
                                       lower(trim(what_matters))) AS rank
                FROM contacts WHERE {where} AND what_matters <> ''
                GROUP BY service_id, lower(trim(what_matters))
            ) WHERE rank <= ? AND n >= ? ORDER BY service_id, n DESC, phrase""",  # noqa: S608
        [*params, top, k],
    )
    found: dict[int, list] = {}
    for service_id, phrase, n in rows:
        if can_show(n, k):
            found.setdefault(service_id, []).append((phrase, n))
    return found


def places() -> list[str]:
    """Every place named in the snapshot, for the filters (read once per snapshot)."""
    path = parquet_path()
    return list(_places(path.stat().st_mtime_ns)) if path.exists() else []


@lru_cache(maxsize=4)
def _places(version: int) -> tuple[str, ...]:
    return tuple(
        row[0] for row in query("SELECT DISTINCT place FROM contacts WHERE place <> '' ORDER BY 1")
    )
