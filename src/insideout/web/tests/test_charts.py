import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string

from insideout.web.charts import (
    NOT_ENOUGH,
    CircleItem,
    LeagueBar,
    Series,
    circle_chart,
    league_chart,
    svg,
    trend_chart,
)

NS = {"svg": "http://www.w3.org/2000/svg"}
PULSES = ["Q1 2026", "Q2 2026", "Q3 2026", "Q4 2026"]


def parse(chart) -> ET.Element:
    return ET.fromstring(str(chart.svg))  # noqa: S314 (our own markup, not untrusted input)


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in e.get("class", "").split()]


def texts(root: ET.Element) -> list[str]:
    return [e.text for e in root.iter(f"{{{NS['svg']}}}text")]


def a_trend(**overrides):
    series = [
        Series("Teachers", [(10, 0, 20), (None, None, None), (20, 12, 28), (30, 22, 38)]),
        Series(
            "Schools & <Families>",
            [(-5, None, None), (0, None, None), (5, None, None), (None, None, None)],
        ),
    ]
    return trend_chart(
        **{
            "series": series,
            "y_min": -100,
            "y_max": 100,
            "y_label": "Net Promoter Score",
            "x_labels": PULSES,
            **overrides,
        }
    )


def a_league():
    return league_chart(
        [
            LeagueBar("Teacher Development", 42, 30, 54, respondents=210),
            LeagueBar("Schools & <Families>", 9, -8, 26, respondents=96),
            LeagueBar("Estates", -18, -31, -5, respondents=150),
            LeagueBar("Inspection Liaison", None, respondents=4),
        ]
    )


def a_circle():
    return circle_chart(
        "Doers (1,240 respondents)",
        [
            CircleItem("Teacher Development", 400, 42, short_name="Teacher Dev."),
            CircleItem("Schools & <Families>", 100, 9),
            CircleItem("Estates", 25, -18),
            CircleItem("Inspection Liaison", 4, None),
        ],
    )


CHARTS = [a_trend, a_league, a_circle]


@pytest.mark.parametrize("make", CHARTS)
def test_each_chart_is_an_image_named_by_its_own_title_and_description(make):
    chart = make()
    root = parse(chart)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%" and root.get("viewBox").startswith("0 0 ")
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"svg:title[@id='{title_id}']", NS).text == chart.title
    assert root.find(f"svg:desc[@id='{desc_id}']", NS).text == chart.description


@pytest.mark.parametrize("make", CHARTS)
def test_unit_names_are_escaped_in_the_svg(make):
    chart = make()
    assert "<Families>" not in str(chart.svg)
    assert "Schools &amp; &lt;Families&gt;" in str(chart.svg)
    assert any("Schools & <Families>" in (t or "") for t in texts(parse(chart)))


@pytest.mark.parametrize("make", CHARTS)
def test_charts_carry_no_inline_styles_which_the_content_security_policy_refuses(make):
    markup = str(make().svg)
    assert "style=" not in markup and "<style" not in markup


def test_trend_draws_a_marker_for_each_value_and_breaks_the_line_where_there_is_none():
    root = parse(a_trend())
    teachers, families = by_class(root, "insideout-chart__series")
    assert len(by_class(teachers, "insideout-chart__marker")) == 3
    assert len(by_class(families, "insideout-chart__marker")) == 3
    # Teachers: 10, gap, 20, 30 -> a lone marker, then a line through the last two.
    [teachers_line] = by_class(teachers, "insideout-chart__line")
    assert len(teachers_line.get("points").split()) == 2
    [families_line] = by_class(families, "insideout-chart__line")
    assert len(families_line.get("points").split()) == 3


def test_trend_shades_the_interval_only_where_low_and_high_are_given():
    root = parse(a_trend())
    teachers, families = by_class(root, "insideout-chart__series")
    assert len(by_class(teachers, "insideout-chart__band")) == 2  # the lone first, then a band
    assert by_class(families, "insideout-chart__band") == []


def test_trend_table_has_a_row_per_pulse_and_a_column_per_series():
    chart = a_trend()
    assert chart.table_headers == ["Pulse", "Teachers", "Schools & <Families>"]
    assert chart.table_rows == [
        ["Q1 2026", "+10 (0\u00a0to\u00a0+20)", "-5"],
        ["Q2 2026", NOT_ENOUGH, "0"],
        ["Q3 2026", "+20 (+12\u00a0to\u00a0+28)", "+5"],
        ["Q4 2026", "+30 (+22\u00a0to\u00a0+38)", NOT_ENOUGH],
    ]


def test_trend_description_names_the_highest_and_lowest_at_the_latest_pulse():
    chart = trend_chart(
        [
            Series("Heads", [(4, None, None), (-9, None, None)]),
            Series("Teachers", [(20, None, None), (31, None, None)]),
            Series("Governors", [(None, None, None), (None, None, None)]),
        ],
        -100,
        100,
        "Net Promoter Score",
        ["Q1", "Q2"],
    )
    assert chart.description == (
        "Net Promoter Score for 3 groups over 2 pulses, Q1 to Q2. Latest pulse, Q2. "
        "Highest: Teachers, +31. Lowest: Heads, -9. "
        "2 points left out with not enough responses."
    )


def test_trend_description_falls_back_to_the_last_pulse_with_a_value():
    chart = trend_chart(
        [
            Series("Heads", [(4, None, None), (None, None, None)]),
            Series("Teachers", [(20, None, None), (None, None, None)]),
        ],
        -100,
        100,
        "Net Promoter Score",
        ["Q1", "Q2"],
    )
    assert "Latest pulse, Q1. Highest: Teachers, +20. Lowest: Heads, +4." in chart.description
    assert "Latest pulse, Q4 2026. Teachers: +30." in a_trend().description


def test_single_series_trend_description_names_its_best_and_worst_pulse():
    chart = trend_chart(
        [Series("Estates", [(5, None, None), (-12, None, None), (8, None, None)])],
        -100,
        100,
        "Net Promoter Score",
        ["Q1", "Q2", "Q3"],
    )
    assert chart.description == (
        "Net Promoter Score for Estates over 3 pulses, Q1 to Q3. Highest: Q3, +8. Lowest: Q2, -12."
    )


def test_trend_draws_a_zero_line_only_when_the_range_spans_zero():
    assert len(by_class(parse(a_trend()), "insideout-chart__zero")) == 1
    positive = trend_chart([Series("Teachers", [(4, None, None)] * 4)], 0, 10, "Score", PULSES)
    assert by_class(parse(positive), "insideout-chart__zero") == []


def test_y_axis_ticks_fall_on_round_numbers():
    assert svg.nice_ticks(-100, 100) == [-100, -50, 0, 50, 100]
    assert svg.nice_ticks(0, 7) == [0, 2, 4, 6]
    assert svg.nice_ticks(0, 1) == [0, 0.2, 0.4, 0.6, 0.8, 1]
    ticks = [e.text for e in parse(a_trend()).iter(f"{{{NS['svg']}}}text")]
    assert {"-100", "-50", "0", "+50", "+100"} <= set(ticks)


def test_series_differ_by_marker_shape_and_dash_pattern_not_only_colour():
    six = [Series(f"Group {k}", [(k * 10, None, None), (k * 10 + 5, None, None)]) for k in range(6)]
    root = parse(trend_chart(six, 0, 100, "Score", ["Q1", "Q2"]))
    shapes, dashes = set(), set()
    for group in by_class(root, "insideout-chart__series"):
        first = by_class(group, "insideout-chart__marker")[0]
        points = [tuple(map(float, p.split(","))) for p in first.get("points", "").split()]
        outline = tuple((round(x - points[0][0]), round(y - points[0][1])) for x, y in points)
        shapes.add((first.tag, first.get("fill") == "#ffffff", outline))
        dashes.add(by_class(group, "insideout-chart__line")[0].get("stroke-dasharray"))
    assert len(shapes) == 6
    assert len(dashes) == 6


def test_trend_refuses_more_series_than_it_can_tell_apart():
    seven = [Series(f"Group {k}", [(1, None, None)]) for k in range(7)]
    with pytest.raises(ValueError, match="at most 6 series"):
        trend_chart(seven, 0, 10, "Score", ["Q1"])


def test_trend_refuses_a_series_with_the_wrong_number_of_points():
    with pytest.raises(ValueError, match="one point per x label"):
        trend_chart([Series("Teachers", [(1, None, None)])], 0, 10, "Score", PULSES)


def test_league_description_names_the_highest_and_lowest_unit():
    assert a_league().description == (
        "Net Promoter Score for 4 units. Highest: Teacher Development, +42. "
        "Lowest: Estates, -18. 1 unit with not enough responses."
    )


def test_league_row_without_a_value_says_not_enough_responses_instead_of_a_dot():
    chart = a_league()
    root = parse(chart)
    assert NOT_ENOUGH in texts(root)
    assert len(by_class(root, "insideout-chart__marker")) == 3
    assert chart.table_rows[-1] == ["Inspection Liaison", NOT_ENOUGH, "", "4"]


def test_league_table_rows_match_the_data_in_the_order_given():
    chart = a_league()
    assert chart.table_headers == ["Unit", "Net Promoter Score", "Likely range", "Respondents"]
    assert [row[:2] for row in chart.table_rows] == [
        ["Teacher Development", "+42"],
        ["Schools & <Families>", "+9"],
        ["Estates", "-18"],
        ["Inspection Liaison", NOT_ENOUGH],
    ]
    assert chart.table_rows[2][2] == "-31 to -5"


def test_league_leaves_out_columns_it_has_no_data_for():
    chart = league_chart([LeagueBar("Estates", 10)])
    assert chart.table_headers == ["Unit", "Net Promoter Score"]


def test_circle_sizes_grow_with_respondents_by_area():
    units = by_class(parse(a_circle()), "insideout-chart__unit")
    radii = [float(u.get("r")) for u in units]
    assert radii[0] > radii[1] > radii[2] > radii[3]
    assert radii[0] / radii[1] == pytest.approx(2, rel=0.01)  # 4 times the respondents


def test_circle_unit_without_a_value_is_hollow_and_says_not_enough_responses():
    root = parse(a_circle())
    hollow = by_class(root, "insideout-chart__unit")[3]
    assert hollow.get("fill") == "#ffffff" and hollow.get("stroke-dasharray")
    assert NOT_ENOUGH in texts(root)
    assert a_circle().table_rows[3] == ["Inspection Liaison", "4", NOT_ENOUGH]


def test_circle_colours_run_from_red_through_grey_to_green():
    assert svg.diverging_colour(-100) == svg.RED
    assert svg.diverging_colour(0) == svg.NEUTRAL
    assert svg.diverging_colour(100) == svg.GREEN
    fills = [u.get("fill") for u in by_class(parse(a_circle()), "insideout-chart__unit")]
    assert fills[0] == svg.diverging_colour(42) != fills[2] == svg.diverging_colour(-18)


def test_circle_description_and_labels_use_the_centre_and_short_names():
    chart = a_circle()
    assert chart.description.startswith("Doers (1,240 respondents) in the middle; 4 central units")
    assert "Highest: Teacher Development, +42. Lowest: Estates, -18." in chart.description
    assert "Teacher Dev." in texts(parse(chart))


def contrast(foreground: str, background: str) -> float:
    def luminance(colour):
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    lighter, darker = sorted([luminance(foreground), luminance(background)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("make", CHARTS)
def test_all_text_has_at_least_4_5_to_1_contrast(make):
    for text in parse(make()).iter(f"{{{NS['svg']}}}text"):
        # White text only ever sits on the doers' blue circle; the rest is on white or grey.
        if text.get("fill") == "#ffffff":
            assert contrast("#ffffff", svg.BLUE) >= 4.5
        else:
            assert contrast(text.get("fill"), "#ffffff") >= 4.5
            assert contrast(text.get("fill"), svg.SHADED) >= 4.5


def test_series_colours_stand_out_from_the_page():
    assert all(contrast(colour, "#ffffff") >= 3 for colour in svg.SERIES_COLOURS)


def test_partial_shows_the_chart_with_its_data_in_a_govuk_table_behind_details():
    html = render_to_string("govuk/chart.html", {"chart": a_league()})
    assert html.count("<figure") == 1 and "<figcaption" in html
    assert 'role="img"' in html
    assert "Show the data behind this chart" in html and '<details class="govuk-details' in html
    assert '<caption class="govuk-table__caption govuk-table__caption--s">' in html
    assert html.count('scope="col"') == 4
    assert html.count('<th scope="row" class="govuk-table__header">') == 4
    assert "govuk-table__cell--numeric" in html and "govuk-table__header--numeric" in html
    assert "Schools &amp; &lt;Families&gt;" in html and "<Families>" not in html


def test_numbers_read_naturally():
    assert svg.format_number(1240) == "1,240"
    assert svg.format_number(12, signed=True) == "+12"
    assert svg.format_number(-0.2, signed=True) == "0"
    assert svg.format_number(-7.25, signed=True, decimals=1) == "-7.2"
