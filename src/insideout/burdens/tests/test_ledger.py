"""The ledger's figures: estimates beside what doers report, only where enough reported."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from insideout.burdens import disclosure, ledger, services
from insideout.burdens.disclosure import K_TEXT, K
from insideout.burdens.models import Report, State
from insideout.vocabulary import Role
from tests.factories import OrganisationFactory, person_with_role


def report_on(requirement, organisation, due_on, hours, usefulness=3, comment=""):
    return Report.objects.create(
        requirement=requirement,
        organisation=organisation,
        organisation_type=organisation.type,
        due_on=due_on,
        hours=Decimal(str(hours)),
        estimated_hours=requirement.estimated_hours,
        usefulness=usefulness,
        comment=comment,
        reported_by=person_with_role(Role.DOER_LEAD, organisation=organisation),
    )


def report_year(requirement, organisations, hours, **fields):
    """Each organisation reports on every due date of the ledger's closed year."""
    quarters = disclosure.closed_year()
    for due_on in requirement.due_dates(quarters[0].start, quarters[-1].end):
        for organisation in organisations:
            report_on(requirement, organisation, due_on, hours, **fields)


@pytest.fixture
def schools(db):
    return [OrganisationFactory(type="school") for _ in range(8)]


def test_reported_hours_scale_the_estimate_by_what_doers_said_it_took(make_requirement, schools):
    census = make_requirement()  # monthly, 2 hours, 8 schools: 192 hours a year
    report_year(census, schools[:6], 6, usefulness=2)
    row = ledger.by_requirement([census]).rows[0]
    assert row.estimated == 192
    assert row.reported == pytest.approx(576)  # three times the estimate
    assert row.gap == pytest.approx(384)
    assert row.times == pytest.approx(3)
    assert row.usefulness == 2
    assert row.tally.reports == 6 * 12


def test_reports_from_fewer_than_k_organisations_are_never_shown(make_requirement, schools):
    census = make_requirement()
    report_year(census, schools[: K - 1], 6)
    row = ledger.by_requirement([census]).rows[0]
    assert row.reported is None and row.tally is None


def test_a_total_never_lets_a_hidden_requirement_be_found_by_subtraction(make_requirement, schools):
    shown = make_requirement(title="Finance return")
    hidden = make_requirement(title="Staffing return", estimated_hours=Decimal("1"))
    report_year(shown, schools[:6], 4)
    report_year(hidden, schools[:3], 9)  # too few to show: its estimate stands
    rows = {row.label: row for row in ledger.by_requirement([shown, hidden]).rows}
    unit_row = ledger.by_unit(ledger.requirements_in()).rows[0]
    left_over = unit_row.reported - rows["Finance return"].reported
    assert left_over == pytest.approx(rows["Staffing return"].estimated)
    assert unit_row.tally.reports == rows["Finance return"].tally.reports


def test_a_quarter_counts_only_once_its_reporting_window_has_closed(make_requirement, schools):
    census = make_requirement()
    today = timezone.localdate()
    recent = [d for d in census.due_dates(today - datetime.timedelta(days=30), today)]
    for due_on in recent:
        for school in schools[:6]:
            report_on(census, school, due_on, 5)
    assert disclosure.last_closed_quarter().end < today - datetime.timedelta(
        days=services.REPORTING_DAYS
    )
    assert ledger.by_requirement([census]).rows[0].tally is None


def test_comments_are_shown_only_once_enough_organisations_reported(make_requirement, db):
    census = make_requirement()
    schools = [OrganisationFactory(type="school") for _ in range(K_TEXT)]
    quarters = disclosure.closed_year()
    due_on = census.due_dates(quarters[0].start, quarters[0].end)[0]
    for school in schools[: K_TEXT - 1]:
        report_on(census, school, due_on, 3, comment="Same data as the census")
    assert disclosure.comments(census.pk, quarters) is None
    report_on(census, schools[-1], due_on, 3, comment="Takes our bursar a whole day")
    assert sorted(set(disclosure.comments(census.pk, quarters))) == [
        "Same data as the census",
        "Takes our bursar a whole day",
    ]


def test_the_ledger_by_kind_of_organisation_puts_each_requirements_hours_where_they_land(
    make_requirement, schools
):
    practices = [OrganisationFactory(type="gp_practice") for _ in range(5)]
    both = make_requirement(audience_types=["school", "gp_practice"], frequency="annual")
    report_year(both, practices, 8)  # GP practices say it takes 8 hours, not 2
    rows = {row.label: row for row in ledger.by_doer_type([both]).rows}
    assert rows["School"].estimated == 16 and rows["School"].reported is None
    assert rows["GP practice"].estimated == 10
    assert rows["GP practice"].reported == pytest.approx(40)


def test_retiring_a_requirement_lowers_the_hours_imposed_in_the_quarters_after(
    make_requirement, schools, centre_lead
):
    census = make_requirement()
    before = ledger.trend(count=4)
    today = timezone.localdate()
    remaining = len(census.due_dates(today + datetime.timedelta(days=1), before[-1].quarter.end))
    services.retire(centre_lead, census, "Replaced by the national census")
    after = ledger.trend(count=4)
    assert [p.estimated for p in after[:-1]] == [p.estimated for p in before[:-1]]
    assert after[-1].estimated == before[-1].estimated - remaining * 2 * 8


def test_net_change_counts_hours_added_and_taken_away(make_requirement, schools, centre_lead):
    census = make_requirement()
    saved = services.simplify(centre_lead, census, "Pre-filled from the census", Decimal("0.5"))
    assert saved == 144  # 1.5 hours less, 12 times a year, 8 schools
    change = ledger.net_change(timezone.localdate())
    assert (change.added, change.removed, change.net) == (0, 144, -144)
    census.refresh_from_db()
    assert census.state == State.SIMPLIFIED and census.hours_saved_per_year == Decimal("144.0")


def test_the_ledger_downloads_as_on_the_page_with_hidden_figures_left_blank(
    client, make_requirement, schools, centre_lead
):
    import csv
    import io

    from openpyxl import load_workbook

    census = make_requirement(title="School census return")
    survey = make_requirement(title="Wellbeing survey")
    report_year(census, schools[:6], 6)
    report_year(survey, schools[: K - 1], 40)  # too few to show
    client.force_login(centre_lead)

    text = client.get("/burdens/ledger.csv").content.decode("utf-8-sig")
    rows = {row["Requirement"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["School census return"]["Hours a year (as doers report)"] == "576.0"
    assert rows["Wellbeing survey"]["Hours a year (estimate)"] == "192.0"
    assert rows["Wellbeing survey"]["Hours a year (as doers report)"] == ""
    assert "40" not in rows["Wellbeing survey"].values()

    book = load_workbook(io.BytesIO(client.get("/burdens/ledger.xlsx").content))
    header, *body = book.active.iter_rows(values_only=True)
    reported = header.index("Hours a year (as doers report)")
    by_title = {row[header.index("Requirement")]: row for row in body}
    assert by_title["School census return"][reported] == 576.0
    assert by_title["Wellbeing survey"][reported] is None
