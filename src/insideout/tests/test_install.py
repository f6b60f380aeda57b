"""An install that cannot serve broken pages: static files brought up to date by `serve`, and
start-up refused, with the fixing command, when GOV.UK Frontend is missing."""

import pytest
from django.core.management import call_command

from insideout import upgrades
from insideout.web import assets


@pytest.fixture
def production_static(settings, tmp_path):
    """The production storage (hashed names and a manifest), with one extra source folder."""
    source = tmp_path / "source"
    source.mkdir()
    (source / "first.css").write_text("body { color: black; }")
    settings.STATICFILES_DIRS = [source]
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    return source


def test_static_files_are_stale_until_collected(production_static):
    assert upgrades.static_files_stale()
    call_command("collectstatic", interactive=False, verbosity=0)
    assert not upgrades.static_files_stale()
    assert upgrades.static_problem() is None


def test_an_upgrade_that_adds_a_static_file_makes_them_stale_again(production_static):
    call_command("collectstatic", interactive=False, verbosity=0)
    (production_static / "added-by-the-upgrade.css").write_text("p { margin: 0; }")

    assert upgrades.static_files_stale()
    assert "insideout collectstatic" in upgrades.static_problem()
    call_command("collectstatic", interactive=False, verbosity=0)
    assert not upgrades.static_files_stale()


def test_without_gov_uk_frontend_start_up_is_refused_naming_the_fix(monkeypatch, tmp_path):
    monkeypatch.setattr(assets, "VENDOR", tmp_path)
    errors = assets.check_vendored_assets()
    assert [e.id for e in errors] == ["insideout.E001"]
    assert "npm ci && python scripts/copy_frontend.py" in errors[0].msg
    assert upgrades.static_problem() == errors[0].msg


def test_the_vendored_front_end_is_here_in_this_checkout():
    assert assets.missing_assets() == []
