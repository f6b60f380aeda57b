"""The centre's unmet needs: counts by kind, region and quarter that never single anyone out."""

import datetime

import pytest
from django.urls import reverse

from insideout.cases import services
from insideout.cases.models import UnmetNeed
from insideout.cases.unmet import (
    Quarter,
    answer_signals,
    in_their_words,
    places_in,
    record_unmet,
    unmet_table,
)
from insideout.disclosure.linked import pins_a_small_group
from tests.factories import case_for, service_for

pytestmark = pytest.mark.django_db

LEEDS, BRADFORD, PLYMOUTH = "E08000035", "E08000032", "E06000026"
YORKSHIRE, SOUTH_WEST = "E12000003", "E12000009"


def unmet_cases(partner, n: int, category: str, place: str, text: str = "") -> None:
    for i in range(n):
        case = case_for(partner, reference=f"{category}-{place}-{i}", local_authority=place)
        need = services.record_need(
            case, partner, category=category, text=text or f"{category} help {i}"
        )
        record_unmet(need, partner)


@pytest.fixture
def quarter():
    return Quarter.of(datetime.date.today())


def test_figures_of_fewer_than_k_cases_are_never_shown_nor_can_be_worked_out(
    frontline_partner, quarter
):
    unmet_cases(frontline_partner, 9, "housing", LEEDS)
    unmet_cases(frontline_partner, 6, "food", LEEDS)
    unmet_cases(frontline_partner, 2, "housing", PLYMOUTH)
    table = unmet_table(quarter)
    assert not table.cells["housing", SOUTH_WEST].shown
    assert not table.region_totals[SOUTH_WEST].shown
    assert table.total.cases == 17
    shown = {
        key
        for key, figure in [
            *(((c, r), f) for (c, r), f in table.cells.items()),
            *(((c, None), f) for c, f in table.category_totals.items()),
            *(((None, r), f) for r, f in table.region_totals.items()),
            ((None, None), table.total),
        ]
        if figure.shown
    }
    counts = {("housing", YORKSHIRE): 9, ("food", YORKSHIRE): 6, ("housing", SOUTH_WEST): 2}
    assert not pins_a_small_group(counts, shown, table.k)


def test_groups_of_k_cases_or_more_are_shown(frontline_partner, quarter):
    unmet_cases(frontline_partner, 9, "housing", LEEDS)
    unmet_cases(frontline_partner, 6, "food", LEEDS)
    table = unmet_table(quarter)
    assert table.cells["housing", YORKSHIRE].cases == 9
    assert table.cells["food", YORKSHIRE].cases == 6
    assert table.category_totals["food"].people == 6


def test_each_case_counts_once_a_quarter_under_its_first_unmet_need(frontline_partner, quarter):
    case = case_for(frontline_partner, local_authority=LEEDS)
    for category in ("housing", "food"):
        need = services.record_need(case, frontline_partner, category=category, text=category)
        record_unmet(need, frontline_partner)
    unmet_cases(frontline_partner, 5, "housing", LEEDS)
    table = unmet_table(quarter)
    assert table.total.cases == 6
    assert "food" not in table.category_totals


def test_places_within_a_region_are_a_breakdown_of_its_shown_total(frontline_partner, quarter):
    unmet_cases(frontline_partner, 7, "housing", LEEDS)
    unmet_cases(frontline_partner, 6, "housing", BRADFORD)
    unmet_cases(frontline_partner, 1, "food", BRADFORD)
    table = unmet_table(quarter)
    places = dict(places_in(table, YORKSHIRE))
    assert places["Leeds"].cases == 7 and places["Bradford"].cases == 7
    assert places_in(table, SOUTH_WEST) == []


def test_their_words_are_shown_only_for_a_kind_at_least_k_text_cases_share(
    frontline_partner, quarter
):
    unmet_cases(frontline_partner, 12, "housing", LEEDS, text="Nowhere for my family to stay")
    unmet_cases(frontline_partner, 11, "money", LEEDS, text="Bailiffs at the door")
    unmet_cases(frontline_partner, 6, "food", LEEDS, text="Nothing left after rent")
    assert in_their_words(quarter, "housing") == ["Nowhere for my family to stay"]
    assert in_their_words(quarter, "food") == []
    # Hidden too, or the food cases' words would be the rest of a list someone could subtract.
    assert in_their_words(quarter, "money") == []


def test_a_new_service_is_linked_to_the_unmet_needs_it_answers(
    frontline_partner, analyst, provider_organisation, quarter
):
    unmet_cases(frontline_partner, 6, "housing", LEEDS)
    unmet_cases(frontline_partner, 2, "housing", PLYMOUTH)
    service = service_for(provider_organisation, name="Family hostel")
    assert answer_signals(service, analyst, "housing", region=YORKSHIRE, quarter=quarter) == 6
    assert answer_signals(service, analyst, "housing", region=SOUTH_WEST) is None  # under k
    assert UnmetNeed.objects.filter(answered_by=service).count() == 8


def test_the_unmet_needs_page_shows_the_table_to_centre_staff(
    client, frontline_partner, centre_officer, quarter
):
    unmet_cases(frontline_partner, 8, "housing", LEEDS)
    client.force_login(centre_officer)
    page = client.get(reverse("cases:unmet_needs"), {"quarter": quarter.key}).content.decode()
    assert "Cases by kind of need and region" in page
    assert ">8<" in page
    assert frontline_partner.full_name not in page


def test_the_unmet_needs_api_shows_what_the_page_shows(client, analyst, frontline_partner, quarter):
    unmet_cases(frontline_partner, 8, "housing", LEEDS)
    unmet_cases(frontline_partner, 6, "food", PLYMOUTH)
    unmet_cases(frontline_partner, 1, "money", LEEDS)
    client.force_login(analyst)
    body = client.get("/api/v1/unmet-needs", {"quarter": quarter.key}).json()
    cells = {(c["category"], c["region"]): c["cases"] for c in body["cells"]}
    table = unmet_table(quarter)
    assert cells == {
        **{key: figure.cases for key, figure in table.cells.items()},
        **{(c, None): figure.cases for c, figure in table.category_totals.items()},
    }
    assert cells["money", YORKSHIRE] is None and cells["money", None] is None
    assert cells["food", SOUTH_WEST] == 6
