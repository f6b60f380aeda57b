import json

import pytest
from django.urls import reverse

from insideout.accounts.models import ApiToken
from insideout.themes.models import (
    EvaluationRun,
    Framework,
    FrameworkTheme,
    TextSet,
    Theme,
    ThemedText,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def text_set():
    """Three themes: parking from twelve people, waiting from eleven, one from three only."""
    found = TextSet.objects.create(
        name="Spring comments", source=TextSet.Source.UPLOAD, status=TextSet.Status.READY
    )
    parking = Theme.objects.create(text_set=found, label="Parking", key_phrases=["car park"])
    small = Theme.objects.create(text_set=found, label="Secret matter", position=2)
    # Withheld too, by the shared rules: else the total less parking would give it away.
    waiting = Theme.objects.create(text_set=found, label="Waiting", position=1)
    for n in range(11):
        ThemedText.objects.create(
            text_set=found, theme=waiting, text=f"A long wait ({n})", respondent=f"w{n}"
        )
    for n in range(12):
        ThemedText.objects.create(
            text_set=found,
            theme=parking,
            text=f"No spaces in the car park ({n})",
            respondent=f"p{n}",
            sentiment="negative",
            confidence=0.8,
        )
    for n in range(3):
        ThemedText.objects.create(
            text_set=found,
            theme=small,
            text=f"Something only three people said ({n})",
            respondent=f"q{n}",
            sentiment="neutral",
            confidence=0.8,
        )
    return found


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {ApiToken.issue(user, 'test')[1]}"}


def test_a_set_shows_its_themes_and_withholds_one_too_few_people_wrote_in(
    client, analyst, text_set
):
    client.force_login(analyst)
    page = client.get(reverse("themes:text_set", args=[text_set.pk])).content.decode()
    assert "Parking" in page and "car park" in page
    assert "Secret matter" not in page
    assert "too few people to show" in page


def test_a_withheld_themes_texts_are_never_shown(client, analyst, text_set):
    client.force_login(analyst)
    small = text_set.themes.get(label="Secret matter")
    page = client.get(reverse("themes:theme", args=[small.pk])).content.decode()
    assert "only three people said" not in page and "Secret matter" not in page
    shown = client.get(reverse("themes:theme", args=[text_set.themes.get(label="Parking").pk]))
    assert "No spaces in the car park" in shown.content.decode()


def test_an_analyst_renames_a_theme_and_an_officer_may_not(
    client, analyst, centre_officer, text_set
):
    theme = text_set.themes.get(label="Parking")
    url = reverse("themes:edit", args=[theme.pk])
    client.force_login(centre_officer)
    assert client.post(url, {"action": "rename", "label": "Car parking"}).status_code == 403
    client.force_login(analyst)
    response = client.post(url, {"action": "rename", "label": "Car parking"})
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.label == "Car parking"


def test_an_empty_name_is_refused_on_the_page(client, analyst, text_set):
    client.force_login(analyst)
    theme = text_set.themes.get(label="Parking")
    response = client.post(reverse("themes:edit", args=[theme.pk]), {"action": "rename"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_pinning_makes_a_framework_from_the_themes(client, analyst, text_set):
    client.force_login(analyst)
    response = client.post(reverse("themes:pin", args=[text_set.pk]), {"name": "Spring"})
    framework = Framework.objects.get(name="Spring")
    assert response["Location"] == framework.get_absolute_url()
    assert set(framework.themes.values_list("name", flat=True)) == {
        "Parking",
        "Waiting",
        "Secret matter",
    }


def test_an_analyst_themes_the_asks_from_the_page(client, analyst, doer_lead, school):
    from insideout.asks.services import raise_ask

    ask = raise_ask(
        by=doer_lead, organisation=school, title="Money to replace the boiler", category="money"
    )
    client.force_login(analyst)
    response = client.post(
        reverse("themes:new"), {"name": "Asks this term", "source": "asks", "unit": ""}
    )
    text_set = TextSet.objects.get(name="Asks this term")
    assert response["Location"] == text_set.get_absolute_url()
    assert text_set.status == TextSet.Status.READY  # tasks run at once in tests
    assert text_set.texts.get().origin == f"ask:{ask.pk}"


def test_a_pulse_question_must_be_chosen_for_pulse_answers(client, analyst):
    client.force_login(analyst)
    response = client.post(reverse("themes:new"), {"name": "x", "source": "pulse_question"})
    assert "Choose the pulse question" in response.content.decode()


def test_the_evaluation_page_shows_the_latest_run_against_the_baseline(client, analyst):
    client.force_login(analyst)
    assert "No evaluation has been run" in client.get(reverse("themes:evaluation")).content.decode()
    EvaluationRun.objects.create(
        data="labelled.csv",
        report={
            "texts": 100,
            "held_out": 50,
            "engine": "embeddings",
            "seconds": 1.0,
            "note": "",
            "clustering": [
                {
                    "method": "Baseline: plain TF-IDF + k-means",
                    "against": "label",
                    "themes": 9,
                    "nmi": 0.03,
                    "ari": 0.0,
                    "seconds": 1.0,
                },
            ],
            "assignment": [],
            "sentiment": [],
        },
    )
    page = client.get(reverse("themes:evaluation")).content.decode()
    assert "Baseline: plain TF-IDF + k-means" in page and "0.030" in page


def test_the_api_publishes_only_what_may_be_shown(client, analyst, text_set):
    response = client.get(f"/api/v1/text-sets/{text_set.pk}", headers=bearer(analyst))
    themes = {t["id"]: t for t in response.json()["themes"]}
    small = themes[text_set.themes.get(label="Secret matter").pk]
    assert small == {**small, "shown": False, "label": None, "respondents": None}
    parking = text_set.themes.get(label="Parking")
    assert themes[parking.pk]["respondents"] == 12
    texts = client.get(f"/api/v1/themes/{parking.pk}/texts", headers=bearer(analyst)).json()
    assert texts["count"] == 12
    hidden = client.get(f"/api/v1/themes/{small['id']}/texts", headers=bearer(analyst)).json()
    assert hidden["count"] == 0


def test_the_api_assigns_texts_to_a_framework(client, analyst):
    framework = Framework.objects.create(name="Hospital")
    FrameworkTheme.objects.create(
        framework=framework, name="Parking", examples=["No spaces in the car park"]
    )
    FrameworkTheme.objects.create(
        framework=framework, name="Kind staff", examples=["The nurses were so kind"]
    )
    response = client.post(
        f"/api/v1/frameworks/{framework.pk}/assignments",
        json.dumps({"texts": ["Could not find anywhere to park", "Lovely caring nurses"]}),
        content_type="application/json",
        headers=bearer(analyst),
    )
    assert [a["theme"] for a in response.json()] == ["Parking", "Kind staff"]


def test_renaming_to_nothing_over_the_api_names_the_field(client, analyst, text_set):
    theme = text_set.themes.get(label="Parking")
    response = client.patch(
        f"/api/v1/themes/{theme.pk}",
        json.dumps({"label": ""}),
        content_type="application/json",
        headers=bearer(analyst),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "label"
