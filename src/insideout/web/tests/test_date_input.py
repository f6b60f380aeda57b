"""The kit's GOV.UK date input: three boxes in, a date out, and plain words for what is wrong."""

import datetime

import pytest

from insideout.web.forms import GovukDateField, GovukForm


class WhenForm(GovukForm):
    when = GovukDateField(label="Opens on", error_messages={"required": "Enter the date"})


def test_a_date_is_typed_as_day_month_and_year():
    form = WhenForm({"when_day": "1", "when_month": "12", "when_year": "2026"})
    assert form.is_valid()
    assert form.cleaned_data["when"] == datetime.date(2026, 12, 1)


def test_one_iso_date_is_still_understood():
    form = WhenForm({"when": "2026-12-01"})
    assert form.is_valid()
    assert form.cleaned_data["when"] == datetime.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("1", "", "2026", "Opens on must include a month"),
        ("", "", "2026", "Opens on must include a day and a month"),
        ("31", "2", "2026", "Opens on must be a real date"),
        ("1", "12", "26", "Opens on must be a real date"),
        ("", "", "", "Enter the date"),
    ],
)
def test_what_is_wrong_with_a_date_is_said_plainly(day, month, year, message):
    form = WhenForm({"when_day": day, "when_month": month, "when_year": year})
    assert not form.is_valid()
    assert form.errors["when"] == [message]


def test_the_boxes_show_again_what_was_typed_and_the_day_box_takes_the_fields_id():
    form = WhenForm({"when_day": "31", "when_month": "2", "when_year": "2026"})
    form.is_valid()
    html = str(form["when"].as_field_group())
    assert 'id="id_when" name="when_day" type="text" inputmode="numeric" value="31"' in html
    assert 'name="when_month"' in html and 'value="2026"' in html
    assert "govuk-input--error" in html
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Opens on' in html


def test_a_saved_date_fills_the_three_boxes():
    html = str(WhenForm(initial={"when": datetime.date(2027, 3, 9)})["when"].as_field_group())
    assert 'value="9"' in html and 'value="3"' in html and 'value="2027"' in html
