"""Importing contacts: every problem named by row and column, all or nothing, idempotent."""

import json

import pytest

from insideout.demand.imports import apply_import, check_file, parse_column_map
from insideout.demand.models import ClassificationRule, Contact

from .conftest import REFERENCE

GOOD = (
    b"external_id,received_at,channel,service,text,place,resolved_at\n"
    b"C1,2025-03-03 09:15,Phone,BINS,My bin was missed again,Leeds,2025-03-05 10:00\n"
    b"C2,03/03/2025 10:20,e-mail,Missed bins,Call me on 07911 123456 about the bin,York,\n"
    b"C3,2025-03-04T11:00:00Z,web,POT,Pothole on the high road,Leeds,\n"
)


def test_a_good_file_imports_every_contact_scrubbed(services):
    check = check_file(GOOD, "contacts.csv")
    assert check.ok, check.problems
    result = apply_import(check)
    assert (result.created, result.updated) == (3, 0)
    phoned = Contact.objects.get(external_id="C2")
    assert "07911" not in phoned.text and "{{PHONE}}" in phoned.text
    assert phoned.raw_text == ""  # the department keeps no raw text by default
    assert phoned.channel == "email" and phoned.service == services["bins"]
    assert Contact.objects.get(external_id="C1").resolved_at is not None


def test_importing_the_same_file_again_changes_nothing(services):
    apply_import(check_file(GOOD, "contacts.csv"))
    again = check_file(GOOD, "contacts.csv")
    assert again.existing_count == 3
    result = apply_import(again)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert Contact.objects.count() == 3


def test_a_file_without_identifiers_is_still_imported_only_once(services):
    content = b"received_at,channel,service,text\n2025-03-03 09:15,phone,BINS,Missed\n"
    apply_import(check_file(content, "a.csv"))
    apply_import(check_file(content, "a.csv"))
    assert Contact.objects.count() == 1


def test_every_problem_is_named_by_row_and_column_and_nothing_is_written(services):
    bad = (
        b"external_id,received_at,channel,service,text\n"
        b"C1,yesterday,phone,BINS,x\n"
        b"C2,2025-03-03,pigeon,BINS,x\n"
        b"C3,2025-03-03,phone,Parking,x\n"
        b"C3,2025-03-03,phone,BINS,x\n"
    )
    check = check_file(bad, "bad.csv")
    texts = [str(p) for p in check.problems]
    assert any(t.startswith("Row 2, column ‘received_at’") for t in texts)
    assert any(t.startswith("Row 3, column ‘channel’") and "pigeon" in t for t in texts)
    assert any(t.startswith("Row 4, column ‘service’") and "Parking" in t for t in texts)
    assert any(t.startswith("Row 5, column ‘external_id’") and "row 4" in t for t in texts)
    with pytest.raises(ValueError):
        apply_import(check)
    assert Contact.objects.count() == 0


def test_a_missing_required_column_is_named(services):
    check = check_file(b"when,channel\n2025-01-01,phone\n", "x.csv")
    assert not check.ok
    assert "received_at" in str(check.problems[0]) and "service" in str(check.problems[0])


def test_a_column_map_reads_other_names(services):
    content = b"Ref,Opened,How,Service\nR9,2025-03-03 09:00,Telephone,BINS\n"
    mapping = parse_column_map(["Ref=external_id", "Opened=received_at", "How=channel"])
    apply_import(check_file(content, "x.csv", mapping))
    assert Contact.objects.get(external_id="R9").channel == "phone"


def test_resolved_before_received_is_refused(services):
    content = b"received_at,channel,service,resolved_at\n2025-03-03,phone,BINS,2025-03-01\n"
    check = check_file(content, "x.csv")
    assert "put right before it came in" in str(check.problems[0])


def test_rules_classify_on_import_but_never_over_an_analysts_label(services, analyst):
    ClassificationRule.objects.create(
        keywords="again, still waiting", demand_type="failure", failure_cause="progress_chasing"
    )
    apply_import(check_file(GOOD, "contacts.csv"))
    chased = Contact.objects.get(external_id="C1")
    assert (chased.demand_type, chased.classified_by, chased.drivers) == (
        "failure",
        "rule",
        ["again"],
    )
    Contact.objects.filter(pk=chased.pk).update(
        demand_type="value", classified_by="analyst", failure_cause=""
    )
    apply_import(check_file(GOOD.replace(b"missed again", b"missed again!"), "contacts.csv"))
    chased.refresh_from_db()
    assert (chased.demand_type, chased.classified_by) == ("value", "analyst")
    assert chased.text.endswith("again!")


def test_labels_in_the_file_are_imported_as_labels(services):
    content = (
        b"received_at,channel,service,text,demand_type,failure_cause\n"
        b"2025-03-03,phone,BINS,Where is my bin,failure,Progress chasing\n"
    )
    apply_import(check_file(content, "x.csv"))
    contact = Contact.objects.get()
    assert (contact.demand_type, contact.failure_cause, contact.classified_by) == (
        "failure",
        "progress_chasing",
        "imported",
    )


def test_raw_text_is_kept_only_where_the_department_chooses(services, settings):
    settings.DEMAND_KEEP_RAW_TEXT = True
    apply_import(check_file(GOOD, "contacts.csv"))
    assert "07911 123456" in Contact.objects.get(external_id="C2").raw_text
    assert Contact.objects.get(external_id="C1").raw_text == ""  # nothing to hide in it


def test_an_xlsx_file_imports_like_a_csv(services):
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for line in GOOD.decode().splitlines():
        sheet.append(line.split(","))
    out = io.BytesIO()
    workbook.save(out)
    check = check_file(out.getvalue(), "contacts.xlsx")
    assert check.ok, check.problems
    assert apply_import(check).created == 3


def test_bostons_open311_requests_import_from_their_json(db):
    from insideout.demand.models import Service

    path = REFERENCE / "demand/boston-open311/data/dangerous/dangerous.json"
    requests = json.loads(path.read_text())
    for code, name in {(r["service_code"], r["service_name"]) for r in requests}:
        Service.objects.create(code=code, name=name)
    check = check_file(path.read_bytes(), path.name)
    assert check.ok, check.problems[:3]
    result = apply_import(check)
    assert result.created == len(requests)
    closed = sum(1 for r in requests if r["status"] == "closed")
    assert Contact.objects.filter(resolved_at__isnull=False).count() == closed
    assert Contact.objects.filter(channel="open311").count() == len(requests)
    assert apply_import(check_file(path.read_bytes(), path.name)).created == 0
