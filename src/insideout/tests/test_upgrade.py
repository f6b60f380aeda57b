"""`insideout upgrade`: it says what it would change before changing anything, refuses while a
setting is wrong, and leaves the installation with nothing left to do."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from insideout import upgrades
from insideout.web import assets

LATE = ("web", "0001_task_origins")  # a leaf migration the tests take back and apply again


def applied(app: str, name: str) -> bool:
    return (app, name) in MigrationRecorder(connection).applied_migrations()


@pytest.fixture
def one_migration_behind(transactional_db):
    call_command("migrate", LATE[0], "zero", verbosity=0)
    assert not applied(*LATE)
    yield
    call_command("migrate", verbosity=0)


def test_check_names_the_migrations_and_changes_nothing(one_migration_behind, capsys):
    with pytest.raises(SystemExit) as exited:
        call_command("upgrade", "--check")

    assert exited.value.code == 1
    out = capsys.readouterr().out
    assert "1 database migration to apply:\n  web.0001_task_origins\n" in out
    assert not applied(*LATE)


def test_upgrade_applies_them_and_then_there_is_nothing_to_do(one_migration_behind, capsys):
    call_command("upgrade")

    assert applied(*LATE)
    assert "Applied 1 database migration.\nUp to date." in capsys.readouterr().out
    call_command("upgrade", "--check")  # exits 0: nothing left
    assert "The database is up to date." in capsys.readouterr().out


def test_a_broken_install_is_refused_before_anything_changes(
    one_migration_behind, monkeypatch, tmp_path
):
    monkeypatch.setattr(assets, "VENDOR", tmp_path)  # GOV.UK Frontend missing

    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("upgrade")
    assert not applied(*LATE)


def test_migrations_that_cannot_be_undone_are_named_so_the_operator_backs_up_first():
    plan = upgrades.UpgradePlan(
        migrations=[("asks", "0009_reversible", True), ("pulses", "0012_one_way", False)]
    )

    lines = upgrades.describe(plan)
    assert "  asks.0009_reversible" in lines
    assert "  pulses.0012_one_way  (cannot be undone: back up first)" in lines
    assert plan.irreversible == ["pulses.0012_one_way"]
