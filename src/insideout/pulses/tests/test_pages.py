import datetime

from django.core import mail
from django.utils import timezone

from insideout.pulses import services
from insideout.pulses.models import Invitation, Pulse, Question, Response


def test_a_centre_lead_creates_and_launches_a_pulse(
    client, centre_lead, units, doers, django_capture_on_commit_callbacks
):
    client.force_login(centre_lead)
    today = timezone.localdate()
    standard = Question.objects.filter(is_standard=True)
    response = client.post(
        "/pulses/new/",
        {
            "title": "Spring term pulse",
            "cadence": "termly",
            "opens_on": today.isoformat(),
            "closes_on": (today + datetime.timedelta(days=10)).isoformat(),
            "anonymity": "anonymous",
            "min_group_size": 5,
            "min_text_group_size": 10,
            "audience_types": ["school"],
            "units": [u.pk for u in units],
            "questions": [q.pk for q in standard],
        },
    )
    pulse = Pulse.objects.get(title="Spring term pulse")
    assert response["Location"] == f"/pulses/{pulse.pk}/"
    detail = client.get(f"/pulses/{pulse.pk}/").content.decode()
    assert "9 doers in 9 organisations" in detail
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/pulses/{pulse.pk}/launch/")
    assert len(mail.outbox) == 9
    assert "of 9 doers have answered (0%)" in client.get(f"/pulses/{pulse.pk}/").content.decode()


def test_the_pulse_form_explains_its_mistakes(client, centre_lead, units):
    client.force_login(centre_lead)
    response = client.post(
        "/pulses/new/",
        {
            "title": "",
            "cadence": "termly",
            "opens_on": "2026-12-10",
            "closes_on": "2026-12-01",
            "anonymity": "anonymous",
            "min_group_size": 2,
            "min_text_group_size": 10,
            "audience_list": "URN999999",
        },
    )
    body = response.content.decode()
    assert "There is a problem" in body
    for message in (
        "Enter a title",
        "The closing date must be on or after the opening date",
        "Groups smaller than 3 could identify people",
        "No organisation has the identifier URN999999",
        "Choose at least one unit for doers to rate",
    ):
        assert message in body
    assert not Pulse.objects.exists()


def test_officers_can_read_pulses_but_not_run_them(client, centre_officer, make_pulse):
    pulse = make_pulse()
    client.force_login(centre_officer)
    assert client.get(f"/pulses/{pulse.pk}/").status_code == 200
    assert client.get("/pulses/new/").status_code == 403
    assert client.post(f"/pulses/{pulse.pk}/launch/").status_code == 403


def test_a_doer_answers_from_their_link_in_two_steps(client, make_pulse, doers, units, question):
    pulse = make_pulse()
    services.launch(pulse)
    invitation = Invitation.objects.get(pulse=pulse, person=doers[0])
    link = invitation.get_absolute_url()
    assert "Which units have you dealt with?" in client.get(link).content.decode()
    step_two = client.post(link, {"units": [units[0].pk, units[1].pk]})
    assert step_two["Location"].endswith("/questions/")
    page = client.get(step_two["Location"]).content.decode()
    assert f"How likely are you to recommend {units[0].name}" in page
    assert units[2].name not in page
    q = question
    done = client.post(
        step_two["Location"],
        {
            f"q{q['recommend'].pk}_u{units[0].pk}": "10",
            f"q{q['recommend'].pk}_u{units[1].pk}": "3",
            f"q{q['information'].pk}": "4",
            f"q{q['one_thing'].pk}": "Fewer data returns",
            f"q{q['one_thing'].pk}_category": "fewer_burdens",
        },
    )
    assert done.status_code == 302
    assert "Thank you" in client.get(link).content.decode()
    assert Response.objects.filter(pulse=pulse).count() == 1


def test_a_doer_saves_and_comes_back(client, make_pulse, doers, units, question):
    pulse = make_pulse()
    services.launch(pulse)
    link = Invitation.objects.get(pulse=pulse, person=doers[0]).get_absolute_url()
    client.post(link, {"units": [units[0].pk]})
    field = f"q{question['recommend'].pk}_u{units[0].pk}"
    saved = client.post(link + "questions/", {field: "8", "save": "1"})
    assert "Your answers are saved" in saved.content.decode()
    assert not Response.objects.exists()
    again = client.get(link + "questions/")
    assert again.context["form"].initial[field] == 8


def test_a_missing_score_is_explained_and_nothing_is_recorded(
    client, make_pulse, doers, units, question
):
    pulse = make_pulse()
    services.launch(pulse)
    link = Invitation.objects.get(pulse=pulse, person=doers[0]).get_absolute_url()
    client.post(link, {"units": [units[0].pk]})
    page = client.post(link + "questions/", {}).content.decode()
    assert "Choose a score from 0 to 10" in page
    assert not Response.objects.exists()


def test_a_forged_or_closed_link_does_not_take_answers(client, make_pulse, doers):
    pulse = make_pulse()
    services.launch(pulse)
    invitation = Invitation.objects.filter(pulse=pulse).first()
    assert client.get(f"/pulses/answer/{invitation.pk}.forged/").status_code == 404
    services.close(pulse, "Thanks.")
    assert client.get(invitation.get_absolute_url()).status_code == 410


def test_a_doer_sees_their_pulses(client, make_pulse, doers):
    pulse = make_pulse()
    services.launch(pulse)
    client.force_login(doers[0])
    page = client.get("/pulses/yours/").content.decode()
    assert pulse.title in page and "Not started" in page


def test_a_lead_sets_up_the_next_pulse_of_a_series(client, centre_lead, make_pulse, doers):
    pulse = make_pulse(
        cadence=Pulse.Cadence.QUARTERLY,
        opens_on=datetime.date(2026, 11, 30),
        closes_on=datetime.date(2026, 12, 14),
    )
    services.launch(pulse)
    client.force_login(centre_lead)
    response = client.post(f"/pulses/{pulse.pk}/repeat/")
    following = Pulse.objects.exclude(pk=pulse.pk).get()
    assert response["Location"] == f"/pulses/{following.pk}/edit/"
    assert (following.status, following.opens_on, following.closes_on) == (
        Pulse.Status.DRAFT,
        datetime.date(2027, 2, 28),
        datetime.date(2027, 3, 14),
    )
    assert [q.code for q in following.ordered_questions()] == [
        q.code for q in pulse.ordered_questions()
    ]
    assert set(following.units.all()) == set(pulse.units.all())


def test_a_one_off_pulse_has_no_next(client, centre_lead, make_pulse):
    pulse = make_pulse(cadence=Pulse.Cadence.ONE_OFF)
    client.force_login(centre_lead)
    client.post(f"/pulses/{pulse.pk}/repeat/")
    assert Pulse.objects.count() == 1


def test_with_no_unit_ticked_the_questions_say_so_instead_of_a_missing_scale(
    client, make_pulse, doers, units, question
):
    pulse = make_pulse()
    services.launch(pulse)
    link = Invitation.objects.get(pulse=pulse, person=doers[0]).get_absolute_url()
    client.post(link, {"units": []})
    page = client.get(link + "questions/").content.decode()
    assert "You chose no units, so there are none to rate" in page
    assert "How likely are you to recommend" not in page


def test_going_back_to_the_units_keeps_them_ticked_and_what_was_typed(
    client, make_pulse, doers, units, question
):
    pulse = make_pulse()
    services.launch(pulse)
    link = Invitation.objects.get(pulse=pulse, person=doers[0]).get_absolute_url()
    client.post(link, {"units": [units[0].pk, units[1].pk]})
    one_thing = f"q{question['one_thing'].pk}"
    back = client.post(link + "questions/", {one_thing: "Fewer data returns", "back": "1"})
    assert back.status_code == 302
    step_one = client.get(link)
    assert set(step_one.context["form"].initial["units"]) == {units[0].pk, units[1].pk}
    assert client.get(link + "questions/").context["form"].initial[one_thing] == (
        "Fewer data returns"
    )
