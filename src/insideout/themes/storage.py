"""Storing thousands of themed texts at once: COPY on PostgreSQL, executemany on SQLite."""

from collections.abc import Iterable

from django.db import connection

from .models import ThemedText

COLUMNS = [
    "text_set_id",
    "theme_id",
    "text",
    "origin",
    "respondent",
    "segment",
    "said_on",
    "confidence",
    "sentiment",
    "moved_by_analyst",
]


def insert_texts(rows: Iterable[tuple]) -> int:
    """Insert rows of COLUMNS' values; returns how many."""
    quote = connection.ops.quote_name
    table = quote(ThemedText._meta.db_table)
    columns = ", ".join(quote(c) for c in COLUMNS)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        date_at = COLUMNS.index("said_on")
        adapt = connection.ops.adapt_datefield_value
        chunk = [(*row[:date_at], adapt(row[date_at]), *row[date_at + 1 :]) for row in rows]
        placeholders = ", ".join(["%s"] * len(COLUMNS))
        # Only names from the model are formatted into the SQL; every value is a parameter.
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        cursor.executemany(sql, chunk)
        return len(chunk)
