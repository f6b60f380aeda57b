"""Editing a draft pulse keeps every choice, and launching it first says who will be asked."""

import datetime
from html.parser import HTMLParser

from django.core import mail
from django.utils import timezone

from insideout.pulses.models import Pulse


class FormReader(HTMLParser):
    """What a browser would send back for the first form with method=post, left untouched."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self.textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit",):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.setdefault(name, []).append(a.get("value") or "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.data.setdefault(name, []).append("")

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][-1] += data.lstrip("\n")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None


def as_sent(html: str) -> dict[str, list[str]]:
    reader = FormReader()
    reader.feed(html)
    return reader.data


def test_saving_a_draft_unchanged_keeps_its_audience_and_dates(client, centre_lead, make_pulse):
    pulse = make_pulse(audience_types=["school"], audience_regions=["E12000007"])
    client.force_login(centre_lead)
    page = client.get(f"/pulses/{pulse.pk}/edit/").content.decode()
    sent = as_sent(page)
    assert sent["audience_types"] == ["school"]
    assert sent["audience_regions"] == ["E12000007"]
    assert sent["opens_on_day"] == [str(pulse.opens_on.day)]
    assert sent["closes_on_year"] == [str(pulse.closes_on.year)]
    response = client.post(f"/pulses/{pulse.pk}/edit/", sent)
    assert response.status_code == 302
    pulse.refresh_from_db()
    assert pulse.audience_types == ["school"]
    assert pulse.audience_regions == ["E12000007"]


def test_launching_first_shows_who_will_be_asked_and_how_many(
    client, centre_lead, make_pulse, doers, django_capture_on_commit_callbacks
):
    pulse = make_pulse(audience_types=["school"], audience_regions=["E12000007"])
    client.force_login(centre_lead)
    check = client.get(f"/pulses/{pulse.pk}/launch/").content.decode()
    assert "Check who will be asked before you launch" in check
    assert "6 doers in 6 organisations" in check
    assert "School" in check and "London" in check
    assert Pulse.objects.get(pk=pulse.pk).status == Pulse.Status.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/pulses/{pulse.pk}/launch/")
    assert len(mail.outbox) == 6


def test_a_pulse_asking_everyone_says_so_before_launch(client, centre_lead, make_pulse, doers):
    pulse = make_pulse()
    client.force_login(centre_lead)
    check = client.get(f"/pulses/{pulse.pk}/launch/").content.decode()
    assert "every doer in the directory will be asked" in check
    assert "12 doers in 12 organisations" in check


def test_the_pulse_form_takes_dates_as_day_month_and_year(client, centre_lead, units):
    client.force_login(centre_lead)
    today = timezone.localdate()
    closes = today + datetime.timedelta(days=10)
    client.post(
        "/pulses/new/",
        {
            "title": "Spring term pulse",
            "cadence": "termly",
            "opens_on_day": today.day,
            "opens_on_month": today.month,
            "opens_on_year": today.year,
            "closes_on_day": closes.day,
            "closes_on_month": closes.month,
            "closes_on_year": closes.year,
            "anonymity": "anonymous",
            "min_group_size": 5,
            "min_text_group_size": 10,
            "units": [u.pk for u in units],
            "questions": [],
        },
    )
    page = client.post(
        "/pulses/new/",
        {"title": "x", "opens_on_day": "3", "opens_on_year": "2026"},
    ).content.decode()
    assert "Opens on must include a month" in page
