"""Backups that restore: the demo backed up, wiped, restored, every row found again; and a
backup refused, before anything is touched, when this Inside Out could not read it."""

import datetime
import hashlib
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from insideout import backups
from insideout.demo import build_demo
from insideout.pulses.models import Answer

AS_OF = datetime.date(2026, 11, 2)


def every_row() -> dict[str, tuple[int, str]]:
    """Each table's row count and a digest of its rows, in a stable order."""
    quote = connection.ops.quote_name
    found = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608
            rows = sorted(repr(row) for row in cursor.fetchall())
            found[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return found


@pytest.mark.django_db(transaction=True)
def test_a_backup_of_the_demo_restores_every_row_after_a_wipe(tmp_path, capsys):
    build_demo(as_of=AS_OF)
    before = every_row()
    assert sum(count for count, _ in before.values()) > 10_000

    call_command("backup", str(tmp_path / "nightly"))
    manifest = json.loads((tmp_path / "nightly" / "manifest.json").read_text())
    call_command("flush", interactive=False, verbosity=0)
    assert not Answer.objects.exists()
    call_command("restore", str(tmp_path / "nightly"), "--yes")

    assert every_row() == before
    assert manifest["counts"] == {table: count for table, (count, _) in before.items()}
    assert manifest["engine"] == backups.engine()
    assert "every table has the rows it had" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_a_backup_from_a_newer_inside_out_is_refused_untouched(tmp_path, admin_user):
    call_command("backup", str(tmp_path / "b"))
    manifest_path = tmp_path / "b" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest_path.write_text(json.dumps({**manifest, "inside_out_version": "99.0"}))
    admin_user.full_name = "Changed since the backup"
    admin_user.save()

    with pytest.raises(CommandError, match="newer than this one"):
        call_command("restore", str(tmp_path / "b"), "--yes")

    admin_user.refresh_from_db()
    assert admin_user.full_name == "Changed since the backup"


@pytest.mark.django_db(transaction=True)
def test_a_backup_with_migrations_this_code_lacks_is_refused(tmp_path):
    call_command("backup", str(tmp_path / "b"))
    manifest_path = tmp_path / "b" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["migrations"]["asks"].append("0099_from_the_future")
    manifest_path.write_text(json.dumps(manifest))

    with pytest.raises(CommandError, match="made by a newer Inside Out"):
        call_command("restore", str(tmp_path / "b"), "--check")


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused(tmp_path):
    call_command("backup", str(tmp_path / "b"))
    manifest = json.loads((tmp_path / "b" / "manifest.json").read_text())
    with (tmp_path / "b" / manifest["file"]).open("ab") as file:
        file.write(b"damage")

    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(tmp_path / "b"), "--check")


@pytest.mark.django_db
def test_a_backup_never_writes_over_another(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "manifest.json").write_text("{}")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path / "b"))
