"""`insideout spc`: any series in a CSV, as JSON, CSV or SVG; bad input named by row."""

import csv
import json
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from insideout import spc

from .conftest import REFERENCE


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("spc", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def england(tmp_path):
    """England's monthly A&E attendances, summed from the reference file's providers."""
    totals = defaultdict(int)
    with (REFERENCE / "demand/nhs-ae-attendances/ae_attendances.csv").open() as source:
        for row in csv.DictReader(source):
            totals[row["period"]] += int(row["attendances"])
    path = tmp_path / "england.csv"
    with path.open("w") as out:
        out.write("period,attendances\n")
        for period in sorted(totals, reverse=True):  # any order will do
            out.write(f"{period},{totals[period]}\n")
    return path, totals


def test_json_has_a_point_per_date_in_order_and_the_groups(england):
    path, totals = england
    found = json.loads(
        run(
            str(path),
            "--date",
            "period",
            "--value",
            "attendances",
            "--improvement",
            "decrease",
            "--target",
            "2100000",
            "--rebase",
            "2018-04-01",
        )
    )
    assert [p["date"] for p in found["points"]] == sorted(totals)
    assert set(found["points"][0]) == {"date", "value", "mean", "lpl", "upl", "rule", "variation"}
    assert [g["start"] for g in found["groups"]] == ["2016-04-01", "2018-04-01"]
    assert {g["assurance"] for g in found["groups"]} <= set(spc.ASSURANCES)
    assert found["groups"][1]["short_group_warning"] is False  # twelve months


def test_csv_and_svg_formats(england):
    path, _ = england
    text = run(str(path), "--date", "period", "--value", "attendances", "--format", "csv")
    assert text.splitlines()[0] == "date,value,mean,lpl,upl,rule,variation"
    assert len(text.splitlines()) == 37
    svg = run(str(path), "--date", "period", "--value", "attendances", "--format", "svg")
    assert svg.startswith("<svg") and "<title" in svg and "<desc" in svg


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("when,n\n2025-01-01,3\n", ("--date", "day", "--value", "n"), "no column ‘day’"),
        (
            "day,n\n2025-01-01,3\n2025-01-02,lots\n",
            ("--date", "day", "--value", "n"),
            "Row 3, column ‘n’: ‘lots’ is not a number",
        ),
        (
            "day,n\n2025-01-01,3\n2025-01-01,4\n",
            ("--date", "day", "--value", "n"),
            "Row 3, column ‘day’: 2025-01-01 is also on row 2",
        ),
        ("day,n\nsoon,3\n", ("--date", "day", "--value", "n"), "Row 2, column ‘day’"),
        (
            "day,n\n2025-01-01,3\n2025-01-02,4\n",
            ("--date", "day", "--value", "n", "--rebase", "2030-01-01"),
            "outside the series",
        ),
        (
            "day,n\n2025-01-01,3\n",
            ("--date", "day", "--value", "n", "--fix-after", "3"),
            "at least 12",
        ),
    ],
)
def test_bad_input_gets_a_clear_error_not_a_traceback(tmp_path, content, args, message):
    path = tmp_path / "series.csv"
    path.write_text(content)
    with pytest.raises(CommandError, match=message):
        run(str(path), *args)
