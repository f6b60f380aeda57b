"""Keeping an installation current: what an upgrade of Inside Out must do to the database, the
static files and the settings, said before it is done (`insideout upgrade --check`) and done in
the one safe order (`insideout upgrade`): settings checked first, then migrations, then static
files. `serve` and the WSGI entry point call the same checks, so nothing serves a half-upgraded
install."""

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core import checks
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from insideout.web.assets import missing_assets_message


def pending_migrations() -> list[tuple[str, str, bool]]:
    """The migrations an upgrade would apply, in order: (app, name, whether it can be undone)."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [
        (migration.app_label, migration.name, all(op.reversible for op in migration.operations))
        for migration, backwards in plan
        if not backwards
    ]


def unapplied_migrations() -> int:
    return len(pending_migrations())


def static_sources() -> dict[str, str]:
    """Every static file the installed apps ship: its name, and where it is on disk."""
    found: dict[str, str] = {}
    for finder in finders.get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            found.setdefault(path.replace(os.sep, "/"), storage.path(path))
    return found


def static_files_stale() -> bool:
    """True when the manifest of hashed names production serves from is missing, lacks a file
    the installed apps ship, or is older than one of them (an upgrade installed it since)."""
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return False  # DEBUG serves from the apps' own folders
    manifest = Path(staticfiles_storage.path(staticfiles_storage.manifest_name))
    if not manifest.exists():
        return True
    collected = json.loads(manifest.read_text()).get("paths", {})
    collected_at = manifest.stat().st_mtime
    return any(
        name not in collected or os.stat(path).st_mtime > collected_at
        for name, path in static_sources().items()
    )


def static_problem() -> str | None:
    """Why pages could not be served now, with the command that fixes it; None when they can."""
    if missing := missing_assets_message():
        return missing
    if static_files_stale():
        return (
            "The collected static files do not match the installed ones (an upgrade?): run "
            "`insideout collectstatic --noinput`, then start again. `insideout serve` does it "
            "for you."
        )
    return None


@dataclass
class UpgradePlan:
    """What `insideout upgrade` would do here, and what stops it."""

    migrations: list[tuple[str, str, bool]] = field(default_factory=list)
    static_stale: bool = False
    errors: list[str] = field(default_factory=list)  # settings that must be fixed first
    warnings: list[str] = field(default_factory=list)  # settings worth a look

    @property
    def nothing_to_do(self) -> bool:
        return not (self.migrations or self.static_stale or self.errors)

    @property
    def irreversible(self) -> list[str]:
        return [f"{app}.{name}" for app, name, reversible in self.migrations if not reversible]


def settings_messages() -> tuple[list[str], list[str]]:
    """Django's system checks, deployment ones included: (errors, warnings), each with its id."""
    found = checks.run_checks(include_deployment_checks=True)
    errors = [f"{m.id}: {m.msg}" for m in found if m.level >= checks.ERROR and not m.is_silenced()]
    warnings = [
        f"{m.id}: {m.msg}" for m in found if m.level == checks.WARNING and not m.is_silenced()
    ]
    return errors, warnings


def plan() -> UpgradePlan:
    errors, warnings = settings_messages()
    if missing := missing_assets_message():
        errors.append(missing)
    return UpgradePlan(
        migrations=pending_migrations(),
        static_stale=static_files_stale(),
        errors=errors,
        warnings=warnings,
    )


def migrations_count(n: int) -> str:
    return f"{n} database migration" + ("" if n == 1 else "s")


def describe(upgrade: UpgradePlan) -> list[str]:
    """The plan in lines an operator reads."""
    lines = []
    if upgrade.errors:
        lines.append("Fix these settings first (nothing is changed until they are):")
        lines += [f"  {error}" for error in upgrade.errors]
    if upgrade.migrations:
        lines.append(f"{migrations_count(len(upgrade.migrations))} to apply:")
        lines += [
            f"  {app}.{name}" + ("" if reversible else "  (cannot be undone: back up first)")
            for app, name, reversible in upgrade.migrations
        ]
    else:
        lines.append("The database is up to date.")
    lines.append(
        "The static files must be collected again."
        if upgrade.static_stale
        else "The static files are up to date."
    )
    if upgrade.warnings:
        lines.append("Settings worth a look (they do not stop the upgrade):")
        lines += [f"  {warning}" for warning in upgrade.warnings]
    return lines
