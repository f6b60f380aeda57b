import datetime

import pytest

from insideout.language.tests.corpus import PARKING, STAFF, WAITING
from insideout.themes import services
from insideout.themes.disclosure import shown_texts, summaries
from insideout.themes.models import TextSet, Theme, ThemedText
from insideout.themes.sources import SourceText
from insideout.themes.trends import NEW, RISING, STEADY, movement, trends

pytestmark = pytest.mark.django_db


def said(texts, segment="school", start=0, on=datetime.date(2026, 5, 1)):
    """Each text from its own respondent."""
    return [
        SourceText(text, f"row:{start + i}", f"person:{start + i}", segment, on)
        for i, text in enumerate(texts)
    ]


def themed(texts, threshold=5, n_themes=3, **fields) -> TextSet:
    text_set = TextSet.objects.create(
        name="Comments", source=TextSet.Source.UPLOAD, threshold=threshold, **fields
    )
    return services.theme_text_set(text_set, texts, n_themes=n_themes)


def theme_with(text_set, words: str) -> Theme:
    return next(t for t in text_set.themes.all() if t.texts.filter(text__icontains=words).exists())


def test_every_text_is_traced_to_its_theme_with_a_confidence_and_sentiment():
    text_set = themed(said(PARKING + STAFF + WAITING))
    assert text_set.status == TextSet.Status.READY
    assert text_set.themes.count() == 3
    texts = list(text_set.texts.all())
    assert len(texts) == 30 and all(t.theme_id for t in texts)
    assert all(0 < t.confidence <= 1 and t.sentiment for t in texts)
    parking = theme_with(text_set, "car park")
    assert parking.texts.filter(text__icontains="park").count() >= 8


def test_a_theme_written_in_by_fewer_people_than_the_threshold_is_withheld():
    # Ten people on parking, but the staff comments all come from two people.
    texts = said(PARKING) + [
        SourceText(text, "", f"person:{100 + i % 2}", "school") for i, text in enumerate(STAFF)
    ]
    text_set = themed(texts, threshold=5, n_themes=2)
    shown = {s.theme.pk: s for s in summaries(text_set)}
    staff = theme_with(text_set, "nurses")
    assert not shown[staff.pk].shown and shown[staff.pk].respondents is None
    assert list(shown_texts(staff)) == []


def test_segment_and_sentiment_counts_hide_small_groups():
    texts = said(PARKING[:8], "school") + said(PARKING[8:], "hospital", start=8)
    text_set = themed(texts, threshold=5, n_themes=1)
    summary = summaries(text_set)[0]
    segments = {c.key: c for c in summary.segments}
    assert segments["hospital"].suppressed
    # Shown with the total, the school's 8 would give the hospital's 2 away: hidden too.
    assert segments["school"].suppressed
    assert summary.respondents == 10


def test_an_analyst_renames_merges_and_moves():
    text_set = themed(said(PARKING + STAFF + WAITING))
    parking = theme_with(text_set, "car park")
    services.rename(parking, "Car parking")
    parking.refresh_from_db()
    assert parking.label == "Car parking" and parking.renamed
    waiting = theme_with(text_set, "waited")
    services.merge(parking, [waiting])
    assert not Theme.objects.filter(pk=waiting.pk).exists()
    assert parking.texts.count() >= 18
    staff = theme_with(text_set, "nurses")
    text = parking.texts.first()
    services.move(text, staff)
    text.refresh_from_db()
    assert text.theme == staff and text.moved_by_analyst


def test_a_theme_splits_into_parts_by_meaning():
    text_set = themed(said(PARKING + WAITING), n_themes=1)
    (theme,) = text_set.themes.all()
    parts = services.split(theme, 2)
    assert len(parts) == 2
    sizes = sorted(p.texts.count() for p in parts)
    assert sizes[0] >= 6 and sum(sizes) == 20


def test_refusals_name_the_field():
    text_set = themed(said(PARKING + STAFF + WAITING))
    theme = text_set.themes.first()
    with pytest.raises(services.ThemeRuleBroken) as refused:
        services.rename(theme, "  ")
    assert refused.value.field == "label"
    with pytest.raises(services.ThemeRuleBroken):
        services.merge(theme, [theme])
    other = themed(said(PARKING))
    with pytest.raises(services.ThemeRuleBroken):
        services.move(ThemedText.objects.filter(text_set=other).first(), theme)


def test_pinned_themes_take_later_texts_and_leave_misfits_as_candidates():
    first = themed(said(PARKING[:7] + STAFF[:7] + WAITING[:7]))
    framework = services.pin_framework(first, "Hospital comments")
    assert framework.themes.count() == 3
    misfits = [
        "The wifi in the ward never works",
        "No wifi signal anywhere on the ward",
        "Please fix the internet connection on the ward",
        "Wifi kept dropping out all night",
        "Could not get online, the wifi is broken",
        "The wifi is useless, it never connects",
    ]
    later = themed(said(PARKING[7:] + STAFF[7:] + WAITING[7:] + misfits), framework=framework)
    pinned = later.themes.filter(is_candidate=False)
    assert sorted(pinned.values_list("label", flat=True)) == sorted(
        framework.themes.values_list("name", flat=True)
    )
    candidates = later.themes.filter(is_candidate=True)
    assert candidates.exists()
    wifi = ThemedText.objects.filter(text_set=later, text__icontains="wifi")
    assert all(t.theme.is_candidate for t in wifi)
    adopted = services.adopt_candidate(candidates.first(), "Wifi")
    assert not adopted.is_candidate and framework.themes.filter(name="Wifi").exists()


def test_themes_over_time_say_which_are_new_and_rising():
    spring = said(PARKING[:5], on=datetime.date(2026, 2, 1))
    summer = said(PARKING[5:], start=5, on=datetime.date(2026, 5, 1))
    summer += said(WAITING, start=20, on=datetime.date(2026, 5, 1))
    text_set = themed(spring + summer, threshold=3, n_themes=2)
    found = trends(text_set)
    assert found.periods == ["2026 Q1", "2026 Q2"]
    by_label = {t.label: t for t in found.themes}
    waiting = theme_with(text_set, "waited").label
    assert by_label[waiting].movement == NEW
    assert by_label[waiting].counts[0] == 0


@pytest.mark.parametrize(
    "before, after, expected",
    [(0, 4, NEW), (10, 30, RISING), (30, 10, "falling"), (10, 11, STEADY), (5, 0, "gone")],
)
def test_movement_between_periods(before, after, expected):
    assert movement(before, after, k=3) == expected
