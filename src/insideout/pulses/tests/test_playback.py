"""The play-back: drafted from the results, previewed, shown as headings and lists."""

from insideout.pulses import services
from insideout.pulses.models import Pulse
from insideout.pulses.playback import blocks


def test_the_markup_becomes_headings_lists_and_paragraphs():
    found = blocks("## What you said\n- Training\n- Money\n\nWe will act.\nBy March.")
    assert [(b.kind, b.text, b.items) for b in found] == [
        ("heading", "What you said", []),
        ("list", "", ["Training", "Money"]),
        ("paragraph", "We will act. By March.", []),
    ]


def test_closing_drafts_the_play_back_and_previews_it_before_sending(
    client, centre_lead, make_pulse, doers, django_capture_on_commit_callbacks
):
    pulse = make_pulse(title="Spring pulse")
    services.launch(pulse)
    client.force_login(centre_lead)
    page = client.get(f"/pulses/{pulse.pk}/close/").content.decode()
    assert "## What you told us in Spring pulse" in page
    assert "0 of 12 doers answered" in page
    text = "## What we heard\n- Fewer returns\n## What we will do\n- One return a year"
    preview = client.post(f"/pulses/{pulse.pk}/close/", {"playback": text}).content.decode()
    assert '<h3 class="govuk-heading-s">What we heard</h3>' in preview
    assert "<li>Fewer returns</li>" in preview
    assert "Close and send to 12 doers" in preview
    assert Pulse.objects.get(pk=pulse.pk).status == Pulse.Status.OPEN
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/pulses/{pulse.pk}/close/", {"playback": text, "send": "1"})
    assert Pulse.objects.get(pk=pulse.pk).status == Pulse.Status.CLOSED
    detail = client.get(f"/pulses/{pulse.pk}/").content.decode()
    assert "<li>One return a year</li>" in detail and "insideout-pre" not in detail
