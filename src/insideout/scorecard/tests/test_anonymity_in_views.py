"""No figure for a group under the threshold, in any view, filter or export."""

import csv
import io

import pytest

from insideout.directory.models import Role
from insideout.pulses import services
from insideout.pulses.models import Invitation
from insideout.scorecard import scores
from tests.factories import OrganisationFactory, person_with_role


@pytest.fixture
def answered(make_pulse, doers, units, question):
    """Twelve doers answer a pulse that then closes: 6 London schools love School Funding, 3
    GPs and 3 northern schools do not. Only six rate Teacher Development. Three GPs and three
    northern schools are too few invited to keep their kind and region: they are kept as
    "not recorded"."""
    pulse = make_pulse()
    services.launch(pulse)
    for i, doer in enumerate(doers):
        invitation = Invitation.objects.get(pulse=pulse, person=doer)
        rated = [units[0], units[1]] if i < 6 else [units[0]]
        scores_ = {(question["recommend"].pk, units[0].pk): 10 if i < 6 else 2}
        if i < 6:
            scores_[(question["recommend"].pk, units[1].pk)] = 8
        services.submit(
            invitation,
            services.Submission(
                units_dealt_with=[u.pk for u in rated],
                unit_scores=scores_,
                agreements={question["information"].pk: 4},
                needs={question["one_thing"].pk: ("money", f"Funding for pupil {i}")},
                texts={},
            ),
        )
    services.close(pulse, "Thank you.")
    pulse.refresh_from_db()
    return pulse


@pytest.fixture
def lopsided(make_pulse, units, question):
    """Ten London schools and ten London GP practices are asked; nine schools answer and three
    GPs. Schools minus everyone would be the three GPs."""
    people = [
        person_with_role(Role.DOER_LEAD, organisation=OrganisationFactory(type=kind))
        for kind in ["school"] * 10 + ["gp_practice"] * 10
    ]
    pulse = make_pulse()
    services.launch(pulse)
    for doer, score in zip(people[:9] + people[10:13], [10] * 9 + [0] * 3, strict=True):
        services.submit(
            Invitation.objects.get(pulse=pulse, person=doer),
            services.Submission(
                units_dealt_with=[units[0].pk],
                unit_scores={(question["recommend"].pk, units[0].pk): score},
                agreements={},
                needs={},
                texts={},
            ),
        )
    services.close(pulse, "Thank you.")
    pulse.refresh_from_db()
    return pulse


def test_the_whole_centre_is_shown_above_the_threshold(answered, units):
    table = {e.unit.name: e.row for e in scores.league_table([answered], minimum=5)}
    assert table["School Funding"].result.n == 12
    assert table["School Funding"].result.nps == 0.0  # 6 promoters, 6 detractors
    assert table["Teacher Development"].result.n == 6


def test_a_filter_below_the_threshold_shows_nothing(answered):
    gps = scores.Segment(organisation_type="gp_practice")
    for entry in scores.league_table([answered], gps, minimum=1):
        assert entry.row.result is None or entry.row.result.n == 0
        assert not entry.row.ranked


def test_a_filter_whose_remainder_is_small_shows_nothing(lopsided):
    """9 schools of 12: showing them would give away the 3 GPs by subtraction."""
    schools = scores.Segment(organisation_type="school")
    funding = next(
        e
        for e in scores.league_table([lopsided], schools, minimum=1)
        if e.unit.name == "School Funding"
    )
    assert not funding.row.ranked and funding.row.result is None


def test_breakdowns_hide_small_groups_and_their_neighbour(lopsided, units):
    rows = {r.label: r for r in scores.unit_breakdown(units[0], [lopsided], "type")}
    assert rows["GP practice"].suppressed
    assert rows["School"].suppressed, "hidden too, else total minus schools gives the GPs"


def test_comments_need_the_higher_threshold_and_one_dimension(answered):
    assert answered.min_text_group_size == 10
    assert scores.comments(answered) is not None  # 12 respondents
    assert scores.comments(answered, scores.Segment(region="E12000007")) is None  # by region: never
    assert scores.comments(answered, scores.Segment(organisation_type="school")) is None  # 6


def test_the_pages_never_show_a_hidden_figure(client, lopsided, answered, centre_officer, units):
    client.force_login(centre_officer)
    page = client.get(f"/scorecard/units/{units[0].pk}/?type=gp_practice").content.decode()
    assert "Too few respondents to show" in page
    assert "Hidden to protect anonymity" in page
    results = client.get(f"/scorecard/pulses/{answered.pk}/?region=E12000001").content.decode()
    assert "Funding for pupil" not in results
    assert "Too few respondents in this group to show" in results


def test_the_export_leaves_out_small_groups(client, answered, centre_officer):
    client.force_login(centre_officer)
    body = client.get("/scorecard/export.csv").content.decode("utf-8-sig")
    rows = {r["unit"]: r for r in csv.DictReader(io.StringIO(body))}
    assert rows["School Funding"]["respondents"] == "12"
    assert rows["Estates and Infrastructure"]["nps"] == ""
    assert "fewer than 5" in rows["Estates and Infrastructure"]["note"]


def test_anonymous_pulses_have_no_response_export(client, answered, centre_officer):
    client.force_login(centre_officer)
    assert client.get(f"/pulses/{answered.pk}/responses.csv").status_code == 403


def test_doers_cannot_see_the_scorecard(client, answered, doer_lead):
    client.force_login(doer_lead)
    assert client.get("/scorecard/").status_code == 403


def test_the_league_page_shows_chart_table_and_doers_eye_view(client, answered, centre_lead):
    client.force_login(centre_lead)
    page = client.get("/scorecard/").content.decode()
    assert 'role="img"' in page
    assert "League table: All doers" in page
    assert "doers'-eye view" in page
    assert "Not enough responses to rank" in page  # Estates: nobody rated it
