"""The analysts' pages, the review queue, rules, imports and keys, as people use them."""

import statistics
from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from insideout.demand import snapshot
from insideout.demand.models import ClassificationRule, Contact, DemandImport, Open311Key


@pytest.fixture
def weeks_of_contacts(make_contacts, services):
    """Thirty weeks of failure and value demand for the bins, failure stepping up at week 20."""
    start = datetime(2024, 1, 1, 10, tzinfo=UTC)
    for week in range(30):
        failures = 10 + (week % 3) + (12 if week >= 20 else 0)
        make_contacts(
            failures,
            start=start + timedelta(weeks=week),
            step_days=0.1,
            demand_type="failure",
            failure_cause="progress_chasing",
            resolved_at=start + timedelta(weeks=week, days=3),
        )
        make_contacts(
            20 + week % 4,
            start=start + timedelta(weeks=week),
            step_days=0.1,
            demand_type="value",
            place="Leeds",
            what_matters="a clear date",
        )


def test_the_analyst_sees_weekly_failure_demand_on_an_xmr_chart(client, analyst, weeks_of_contacts):
    client.force_login(analyst)
    page = client.get(reverse("demand:volume"))
    assert page.status_code == 200
    chart = page.context["failure_chart"]
    assert "special cause concern" in chart.description  # the step up at week 20
    assert len(chart.table_rows) == 30
    assert b"Failure demand a week" in page.content and b"<svg" in page.content


def test_recalculating_at_a_service_change_clears_the_shift(
    client, analyst, services, weeks_of_contacts
):
    services["bins"].changes.create(changed_on="2024-05-20", description="New rounds")
    client.force_login(analyst)
    url = reverse("demand:volume") + f"?service={services['bins'].pk}"
    before = client.get(url).context["failure_chart"]
    after = client.get(url + "&rebase=on").context["failure_chart"]
    assert "Recalculated at each change" in after.description
    assert after.description.count("mean is") == 2
    assert before.description != after.description


def test_failure_capability_and_what_matters_pages_show_charts_with_tables(
    client, analyst, weeks_of_contacts
):
    client.force_login(analyst)
    failure = client.get(reverse("demand:failure"))
    assert failure.context["pareto"].table_rows[0][0] == "Progress chasing"
    assert [c.chart_id for c in failure.context["charts"]] == [
        "share-service",
        "share-channel",
        "share-place",
    ]
    capability = client.get(reverse("demand:capability"))
    resolved = Contact.objects.filter(resolved_at__isnull=False)
    days = sorted((c.resolved_at - c.received_at).total_seconds() / 86400 for c in resolved)
    found = capability.context["capability"]
    assert found.resolved == len(days)
    assert found.percentiles[50] == pytest.approx(statistics.median(days))
    assert len(capability.context["chart"].table_rows) == 250  # the latest resolved
    matters = client.get(reverse("demand:what_matters"))
    assert b"A clear date" in matters.content


def test_a_bad_date_range_is_named_and_the_page_still_works(client, analyst, weeks_of_contacts):
    client.force_login(analyst)
    page = client.get(reverse("demand:failure") + "?start=2024-06-01&end=2024-01-01")
    assert page.status_code == 200
    assert b"The end date must be on or after the start date" in page.content


def test_labelling_from_the_review_queue_teaches_and_returns_to_the_queue(
    client, analyst, make_contacts
):
    [contact] = make_contacts(1, text="still waiting for my bin")
    Contact.objects.filter(pk=contact.pk).update(
        classified_by="model", confidence=0.4, demand_type="value"
    )
    client.force_login(analyst)
    queue = client.get(reverse("demand:review"))
    assert contact in list(queue.context["page_obj"])
    answer = client.post(
        reverse("demand:label", args=[contact.pk]),
        {"demand_type": "failure", "failure_cause": "progress_chasing", "next": "review"},
    )
    assert answer["Location"] == reverse("demand:review")
    contact.refresh_from_db()
    assert (contact.demand_type, contact.classified_by, contact.labelled_by) == (
        "failure",
        "analyst",
        analyst,
    )


def test_failure_demand_without_a_cause_is_refused(client, analyst, make_contacts):
    [contact] = make_contacts(1, text="x")
    client.force_login(analyst)
    answer = client.post(reverse("demand:label", args=[contact.pk]), {"demand_type": "failure"})
    assert answer.status_code == 400
    assert b"Choose what caused the failure demand" in answer.content


def test_an_analyst_adds_a_rule_and_a_bad_pattern_is_refused(client, analyst, services):
    client.force_login(analyst)
    bad = client.post(
        reverse("demand:rules"), {"keywords": "re:(", "demand_type": "value", "position": 1}
    )
    assert bad.status_code == 400 and b"regular expression" in bad.content
    client.post(
        reverse("demand:rules"),
        {
            "keywords": "chasing",
            "demand_type": "failure",
            "failure_cause": "progress_chasing",
            "position": 1,
        },
    )
    rule = ClassificationRule.objects.get()
    assert rule.created_by == analyst
    client.post(reverse("demand:delete_rule", args=[rule.pk]))
    assert not ClassificationRule.objects.exists()


def test_an_import_is_checked_previewed_then_applied(client, analyst, services):
    client.force_login(analyst)
    upload = SimpleUploadedFile(
        "calls.csv", b"Ref,Opened,How,service,text\nR1,2025-03-03 09:00,phone,BINS,Missed again\n"
    )
    answer = client.post(
        reverse("demand:import_upload"),
        {"file": upload, "column_map": "Ref=external_id\nOpened=received_at\nHow=channel"},
    )
    batch = DemandImport.objects.get()
    assert answer["Location"] == reverse("demand:import_batch", args=[batch.pk])
    preview = client.get(answer["Location"])
    assert b"Missed again" in preview.content and not Contact.objects.exists()
    client.post(answer["Location"])
    batch.refresh_from_db()
    assert batch.status == "done" and Contact.objects.get().external_id == "R1"
    assert snapshot.meta()["rows"] == 1  # the charts catch up after an import


def test_an_admin_makes_a_key_sees_it_once_and_revokes_it(client, admin_user):
    client.force_login(admin_user)
    made = client.post(reverse("demand:open311_keys"), {"name": "FixMyStreet"})
    raw = made.context["new_key"]
    assert Open311Key.accepts(raw)
    assert raw.encode() not in client.get(reverse("demand:open311_keys")).content
    key = Open311Key.objects.get()
    client.post(reverse("demand:revoke_key", args=[key.pk]))
    assert not Open311Key.accepts(raw)


def test_a_teams_staff_see_their_own_services_only(client, centre_lead, services, other_unit):
    services["potholes"].unit = other_unit
    services["potholes"].save()
    client.force_login(centre_lead)
    listed = client.get(reverse("demand:services")).context["service_list"]
    assert [s.code for s in listed] == ["BINS"]
    assert client.get(reverse("demand:service", args=[services["potholes"].pk])).status_code == 403


def test_analysts_find_demand_from_their_start_page_and_the_menu(client, analyst):
    client.force_login(analyst)
    page = client.get(reverse("home:start"))
    assert reverse("demand:review").encode() in page.content
    assert any(item["label"] == "Demand" for item in page.context["navigation"])
