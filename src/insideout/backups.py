"""Backups that restore: the whole database in one file with a manifest beside it, and restoring
one that checks, before it touches anything, that this Inside Out can read it, and after, that
every row came back.

PostgreSQL is dumped by `pg_dump` in its custom format, inside the same snapshot the manifest's
row counts are read in, and restored by `pg_restore` in one transaction; SQLite is copied with
its online backup API, which is safe while the service runs.
"""

import hashlib
import importlib.metadata
import json
import os
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

from django.db import connection, connections, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from packaging.version import Version

FORMAT = 1
MANIFEST = "manifest.json"
FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup that cannot be made or restored, saying why and what to do."""


def installed_version() -> str:
    return importlib.metadata.version("insideout")


def engine() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def count_rows(cursor, tables: list[str], quote: Callable[[str], str]) -> dict[str, int]:
    """Rows in each table, by table, through any DB-API cursor, in the tables' sorted order."""
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 - our own names
        counts[table] = cursor.fetchone()[0]
    return counts


def table_counts() -> dict[str, int]:
    """Rows in every table of the database, by table."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        return count_rows(cursor, tables, connection.ops.quote_name)


def sqlite_table_counts(path: Path) -> dict[str, int]:
    """Rows in every table of a SQLite file, by table, as table_counts() gives them."""
    copy = sqlite3.connect(path)
    try:
        names = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        tables = [name for (name,) in copy.execute(names)]
        return count_rows(copy.cursor(), tables, lambda table: f'"{table}"')
    finally:
        copy.close()


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def postgres_command(program: str) -> tuple[list[str], dict[str, str]]:
    """A PostgreSQL client program's connection options and environment, from the settings."""
    database = connection.settings_dict
    args = [program, "--no-password", "--dbname", database["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            args += [option, str(database[key])]
    env = dict(os.environ)
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    return args, env


def run(args: list[str], env: dict[str, str]) -> None:
    try:
        finished = subprocess.run(args, env=env, capture_output=True, text=True)  # noqa: S603
    except FileNotFoundError:
        raise BackupError(
            f"{args[0]} is not installed here: install PostgreSQL's client programs of the "
            "server's version (apt-get install postgresql-client), then try again."
        ) from None
    if finished.returncode != 0:
        raise BackupError(f"{args[0]} failed: {finished.stderr.strip()}")


def backup(directory: Path) -> dict:
    """Write the database and its manifest into `directory` (new, or empty); the manifest."""
    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.iterdir()):
        raise BackupError(f"{directory} is not empty: give each backup a folder of its own.")
    kind = engine()
    target = directory / FILES[kind]
    if kind == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            args, env = postgres_command("pg_dump")
            run([*args, "--format=custom", f"--snapshot={snapshot}", "--file", str(target)], env)
            counts = table_counts()
            migrations = applied_migrations()
    else:
        # The online backup API copies a consistent image by itself; it must not run inside a
        # transaction of ours, which would hold the locks it waits on. Counts come from the copy.
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        counts = sqlite_table_counts(target)
        migrations = applied_migrations()
    manifest = {
        "format": FORMAT,
        "inside_out_version": installed_version(),
        "engine": kind,
        "created_at": timezone.now().isoformat(),
        "file": target.name,
        "sha256": sha256(target),
        "migrations": migrations,
        "counts": counts,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def read_manifest(directory: Path) -> dict:
    path = directory / MANIFEST
    if not path.exists():
        raise BackupError(f"{directory} holds no {MANIFEST}: it is not an Inside Out backup.")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is of a backup format this Inside Out does not know.")
    return manifest


def check_restorable(directory: Path, manifest: dict) -> Path:
    """Refuse, before anything is touched, a backup this installation cannot restore."""
    made_by, here = manifest["inside_out_version"], installed_version()
    if Version(made_by) > Version(here):
        raise BackupError(
            f"This backup was made by Inside Out {made_by}, newer than this one ({here}). "
            f"Install {made_by} or later to restore it."
        )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = sorted(
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known
    )
    if unknown:
        raise BackupError(
            "This backup's database was changed by migrations this Inside Out does not have "
            f"({', '.join(unknown[:5])}): it was made by a newer Inside Out. Install that first."
        )
    if manifest["engine"] != engine():
        raise BackupError(
            f"This is a {manifest['engine']} backup, and this database is {engine()}: restore "
            "it into a database of the same kind."
        )
    file = directory / manifest["file"]
    if not file.exists() or sha256(file) != manifest["sha256"]:
        raise BackupError(f"{file} is missing or not the file the backup wrote: it is damaged.")
    return file


def restore(directory: Path) -> dict:
    """Replace the database with the backup's; the tables whose rows did not all come back."""
    manifest = read_manifest(directory)
    file = check_restorable(directory, manifest)
    if manifest["engine"] == "postgresql":
        args, env = postgres_command("pg_restore")
        connections.close_all()
        run([*args, "--clean", "--if-exists", "--no-owner", "--single-transaction", str(file)], env)
    else:
        live = connection.settings_dict["NAME"]
        connections.close_all()
        with sqlite3.connect(file) as source, sqlite3.connect(live) as target:
            source.backup(target)
        source.close()
        target.close()
    found = table_counts()
    return {
        table: (count, found.get(table))
        for table, count in manifest["counts"].items()
        if found.get(table) != count
    }
