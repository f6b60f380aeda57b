"""Privacy by default: who sees a case, the log of every read, subject access, and erasure that
keeps the centre's figures whole."""

import json

import pytest
from django.urls import reverse

from insideout.cases import privacy, services
from insideout.cases.lifecycle import make_pull, perform
from insideout.cases.models import CaseEvent, CaseRead, Need, Pull
from insideout.cases.unmet import Quarter, record_unmet, unmet_table
from insideout.vocabulary import Role
from tests.factories import case_for, person_with_role, service_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(frontline_partner):
    return case_for(frontline_partner, what_matters="Staying near my mum in Harehills")


def test_a_case_is_seen_by_its_partners_and_their_organisations_leads_only(
    client, case, frontline_partner, admin_user, centre_lead
):
    organisation = frontline_partner.memberships.get().organisation
    colleague = person_with_role(Role.FRONTLINE_PARTNER, organisation=organisation)
    lead = person_with_role(Role.DOER_LEAD, organisation=organisation)
    url = reverse("cases:detail", args=[case.pk])
    for person, status in [
        (frontline_partner, 200),
        (lead, 200),
        (colleague, 404),
        (admin_user, 404),
        (centre_lead, 404),
    ]:
        client.force_login(person)
        assert client.get(url).status_code == status, person


def test_every_read_of_a_case_is_logged_with_who_and_how(client, case, frontline_partner):
    client.force_login(frontline_partner)
    client.get(reverse("cases:detail", args=[case.pk]))
    client.get(f"/api/v1/cases/{case.pk}")
    reads = list(CaseRead.objects.filter(case=case).values_list("reader_id", "what", "via"))
    assert sorted(reads) == [
        (frontline_partner.pk, "case", "api"),
        (frontline_partner.pk, "case", "page"),
    ]


def test_a_provider_sees_the_pull_with_the_least_the_service_needs(
    client, case, frontline_partner, provider, provider_organisation
):
    need = services.record_need(case, frontline_partner, category="housing", text="Arrears")
    pull = make_pull(need, service_for(provider_organisation), frontline_partner, "Behind on rent")
    client.force_login(provider)
    page = client.get(reverse("cases:pull", args=[pull.pk])).content.decode()
    assert "Behind on rent" in page and frontline_partner.email in page
    assert "Harehills" not in page and case.reference not in page
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert CaseRead.objects.filter(case=case, reader=provider, what="pull").exists()
    assert Pull.objects.get(pk=pull.pk).status == "received"  # opening it is a read receipt


def test_subject_access_gives_everything_held_and_is_itself_recorded(
    client, case, frontline_partner
):
    services.set_goal(case, frontline_partner, "A warm home by winter")
    services.record_need(case, frontline_partner, category="money", text="Debt with the council")
    client.force_login(frontline_partner)
    response = client.get(reverse("cases:export", args=[case.pk]))
    data = json.loads(response.content)
    assert response["Content-Disposition"].endswith(f'{case.label}.json"')
    assert data["case"]["what_matters"] == "Staying near my mum in Harehills"
    assert [g["text"] for g in data["goals"]] == ["A warm home by winter"]
    assert [n["text"] for n in data["needs"]] == ["Debt with the council"]
    assert CaseEvent.objects.filter(case=case, kind="exported").exists()


def test_erasure_removes_their_words_and_keeps_the_centres_figures(
    frontline_partner, provider, provider_organisation
):
    cases = [case_for(frontline_partner, reference=f"R{i}") for i in range(6)]
    for case in cases:
        need = services.record_need(case, frontline_partner, category="housing", text="No home")
        record_unmet(need, frontline_partner, note="Nothing in Leeds")
    quarter = Quarter.of(cases[0].opened_at.date())
    before = unmet_table(quarter)
    erased = privacy.erase(cases[0], frontline_partner)
    assert (erased.reference, erased.what_matters) == (privacy.ERASED, "")
    assert Need.objects.get(case=erased).text == ""
    assert not CaseEvent.objects.filter(case=erased).exclude(note="").exists()
    assert unmet_table(quarter) == before
    assert before.total.cases == 6


def test_an_erased_case_can_no_longer_pull_or_change(frontline_partner, provider_organisation):
    case = case_for(frontline_partner)
    need = services.record_need(case, frontline_partner, category="housing", text="Arrears")
    privacy.erase(case, frontline_partner)
    case.refresh_from_db()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.record_what_matters(case, frontline_partner, "Something")
    with pytest.raises(ValidationError):
        make_pull(need, service_for(provider_organisation), frontline_partner, "Arrears")


def test_withdrawn_consent_stops_new_pulls_but_not_those_under_way(
    frontline_partner, provider, provider_organisation
):
    case = case_for(frontline_partner)
    need = services.record_need(case, frontline_partner, category="housing", text="Arrears")
    pull = make_pull(need, service_for(provider_organisation), frontline_partner, "Arrears")
    services.record_consent(case, frontline_partner, given=False)
    assert case.consent() is None
    assert perform(pull, "accept", provider).status == "accepted"
    from insideout.cases.lifecycle import TransitionRefused

    with pytest.raises(TransitionRefused):
        make_pull(need, service_for(provider_organisation, name="Other"), frontline_partner, "x")
