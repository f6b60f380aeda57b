"""Importing organisations from a register: all or nothing, every problem named, never twice."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from insideout.directory import imports
from insideout.directory.imports import check_file
from insideout.directory.models import ImportBatch, Organisation
from insideout.directory.tasks import run_import
from insideout.vocabulary import Role

pytestmark = pytest.mark.django_db

HEADER = "external_id,name,type,sector,region,local_authority,size\n"
GOOD = HEADER + (
    'URN1,Moorside Primary School,School,Public,London,E09000030,"1,234"\n'
    "Y0001,Hillside Surgery,GP practice,,North West,E08000003,12\n"
    "1000456,Riverside Trust,charity,voluntary and community,E12000001,e08000021,\n"
)


def write(tmp_path, text: str, name: str = "register.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def import_orgs(*args) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_orgs", *args, stdout=out, stderr=err)
    return out.getvalue()


def refused(*args) -> list[str]:
    """Run an import that must be refused; the problems it printed, one per line."""
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_orgs", *args, stdout=io.StringIO(), stderr=err)
    return err.getvalue().splitlines()


def snapshot() -> list[tuple]:
    return list(
        Organisation.objects.order_by("external_id").values_list(
            "external_id",
            "name",
            "type",
            "sector",
            "region",
            "local_authority",
            "size",
            "updated_at",
        )
    )


def test_a_good_csv_imports_every_organisation(tmp_path):
    output = import_orgs(write(tmp_path, GOOD))

    assert "3 organisations, 3 new, 0 updated, 0 unchanged" in output
    school = Organisation.objects.get(external_id="URN1")
    assert (
        school.name,
        school.type,
        school.sector,
        school.region,
        school.local_authority,
        school.size,
    ) == ("Moorside Primary School", "school", "public", "E12000007", "E09000030", 1234)
    surgery = Organisation.objects.get(external_id="Y0001")
    assert (surgery.type, surgery.sector, surgery.region) == ("gp_practice", "", "E12000002")
    trust = Organisation.objects.get(external_id="1000456")
    assert (trust.sector, trust.local_authority, trust.size) == ("voluntary", "E08000021", None)
    batch = ImportBatch.objects.get()
    assert (batch.status, batch.row_count, batch.created_count, batch.uploaded_by) == (
        ImportBatch.Status.DONE,
        3,
        3,
        None,
    )


def test_an_xlsx_register_imports_with_numbers_as_written(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["URN", "Name", "Type", "Size"])
    sheet.append([100001, "Moorside Primary School", "school", 420])
    sheet.append([100002, "Riverside Academy", "School", 1234.0])
    workbook.save(tmp_path / "register.xlsx")

    import_orgs(str(tmp_path / "register.xlsx"), "--map", "URN=external_id")

    assert list(
        Organisation.objects.order_by("external_id").values_list("external_id", "name", "size")
    ) == [("100001", "Moorside Primary School", 420), ("100002", "Riverside Academy", 1234)]


def test_importing_the_same_register_again_updates_and_never_duplicates(tmp_path):
    import_orgs(write(tmp_path, GOOD))
    first = {o.external_id: o for o in Organisation.objects.all()}

    changed = GOOD.replace("Hillside Surgery", "Hillside Medical Centre")
    output = import_orgs(write(tmp_path, changed))

    assert "3 organisations, 0 new, 1 updated, 2 unchanged" in output
    assert Organisation.objects.count() == 3
    again = {o.external_id: o for o in Organisation.objects.all()}
    assert again["Y0001"].name == "Hillside Medical Centre"
    assert again["Y0001"].created_at == first["Y0001"].created_at
    assert again["Y0001"].updated_at > first["Y0001"].updated_at
    assert again["URN1"].updated_at == first["URN1"].updated_at


def test_a_file_with_problems_is_refused_whole_naming_row_and_column(tmp_path, school):
    before = snapshot()
    bad = HEADER + (
        "URN9,A good row that must not be imported,school,,,,\n"
        f"{school.external_id},A new name that must not be saved,school,,,,\n"
        "URN10,Oak Academy,Skool,public,London,E09000030,12\n"
        ",Nameless,school,,,,\n"
        "URN11,,school,,Narnia,Leeds,-4\n"
        "URN12,Elm School,school,secret,,,about 40\n"
    )

    problems = refused(write(tmp_path, bad))

    assert problems == [
        "Row 4, column ‘type’: ‘Skool’ is not a type we know. Use one of: School, Hospital, "
        "GP practice, Police force, Local authority, Charity, Business, Other.",
        "Row 5, column ‘external_id’: the identifier is missing. Every organisation needs one.",
        "Row 6, column ‘name’: the name is missing. Every organisation needs one.",
        "Row 6, column ‘region’: ‘Narnia’ is not an English region. Use its name, such as "
        "London, or its ONS code, such as E12000007.",
        "Row 6, column ‘local_authority’: ‘Leeds’ is not a local authority code. Use the "
        "authority's 9-character ONS code, such as E08000035 for Leeds.",
        "Row 6, column ‘size’: ‘-4’ is below zero. A head count is 0 or more.",
        "Row 7, column ‘sector’: ‘secret’ is not a sector we know. Use one of: Public, "
        "Voluntary and community, Private.",
        "Row 7, column ‘size’: ‘about 40’ is not a whole number. Write the head count in "
        "figures, such as 1,234.",
    ]
    assert snapshot() == before
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.REFUSED
    assert [p["text"] for p in batch.errors] == problems


def test_an_unknown_local_authority_code_is_refused_naming_row_and_column(tmp_path):
    unknown = HEADER + "URN1,Oak School,school,,,E08000035,\nURN2,Elm School,school,,,E99999999,\n"

    problems = refused(write(tmp_path, unknown))

    assert problems == [
        "Row 3, column ‘local_authority’: ‘E99999999’ is not a local authority: ONS codes of "
        "local authorities start E06, E07, E08, E09, E10, N09, S12, W06, such as E08000035 "
        "for Leeds."
    ]
    assert not Organisation.objects.exists()


def test_the_same_identifier_twice_in_one_file_names_both_rows(tmp_path):
    twice = HEADER + "URN1,Oak School,,,,,\nURN2,Elm School,,,,,\nURN1,Oak School again,,,,,\n"

    problems = refused(write(tmp_path, twice))

    assert problems == [
        "Row 4, column ‘external_id’: ‘URN1’ is also on row 2. Each "
        "organisation can appear only once."
    ]
    assert not Organisation.objects.exists()


def test_a_column_map_reads_a_register_with_its_own_column_names(tmp_path):
    gias = (
        "URN,EstablishmentName,TypeOfEstablishment (name),NumberOfPupils,name\n"
        "100001,Moorside Primary School,Community school,420,ignored\n"
    )

    output = import_orgs(
        write(tmp_path, gias, "edubase.csv"),
        "--map",
        "URN=external_id",
        "--map",
        "EstablishmentName=name",
        "--map",
        "NumberOfPupils=size",
    )

    organisation = Organisation.objects.get()
    assert (organisation.external_id, organisation.name, organisation.size) == (
        "100001",
        "Moorside Primary School",
        420,
    )
    assert "not imported: ‘TypeOfEstablishment (name)’, ‘name’" in output
    assert ImportBatch.objects.get().column_map == {
        "URN": "external_id",
        "EstablishmentName": "name",
        "NumberOfPupils": "size",
    }


def test_a_column_map_naming_a_missing_column_or_unknown_field_is_refused(tmp_path):
    path = write(tmp_path, GOOD)
    with pytest.raises(CommandError, match="‘postcode’ is not a field we import"):
        import_orgs(path, "--map", "URN=postcode")

    problems = refused(path, "--map", "URN=external_id")

    assert problems[0].startswith(
        "The column map names ‘URN’, but the file has no column "
        "called that. Its columns are: external_id, name, type"
    )


def test_a_dry_run_checks_and_writes_nothing(tmp_path, school):
    register = GOOD.replace("URN1,", f"{school.external_id},")
    before = snapshot()

    output = import_orgs(write(tmp_path, register), "--dry-run")

    assert "3 organisations, 2 new and 1 already in the directory" in output
    assert "Nothing was written" in output
    assert snapshot() == before
    assert not ImportBatch.objects.exists()


def test_types_and_sectors_are_read_by_value_or_label_in_any_case(tmp_path):
    rows = HEADER + "".join(
        f"ID{n},Organisation {n},{kind},{sector},,,\n"
        for n, (kind, sector) in enumerate(
            [
                ("GP practice", "Voluntary and community"),
                ("gp_practice", "VOLUNTARY"),
                ("gp-practice", "voluntary_and_community"),
                ("POLICE FORCE", "private"),
                ("local authority", " Public "),
                ("", ""),
            ]
        )
    )

    import_orgs(write(tmp_path, rows))

    assert list(Organisation.objects.order_by("external_id").values_list("type", "sector")) == [
        ("gp_practice", "voluntary"),
        ("gp_practice", "voluntary"),
        ("gp_practice", "voluntary"),
        ("police_force", "private"),
        ("local_authority", "public"),
        ("other", ""),
    ]


def test_blank_optional_fields_stay_blank_and_names_are_trimmed(tmp_path):
    import_orgs(
        write(
            tmp_path,
            "external_id,name,sector,region,local_authority,size\n"
            "  URN7 ,  Ash Grove School  ,,,,\n",
        )
    )

    organisation = Organisation.objects.get()
    assert (
        organisation.external_id,
        organisation.name,
        organisation.type,
        organisation.sector,
        organisation.region,
        organisation.local_authority,
        organisation.size,
    ) == ("URN7", "Ash Grove School", "other", "", "", "", None)


def test_an_update_leaves_alone_the_columns_the_file_does_not_have(tmp_path, school):
    import_orgs(write(tmp_path, f"external_id,name\n{school.external_id},Moorside Academy\n"))

    school.refresh_from_db()
    assert (school.name, school.type, school.region, school.size) == (
        "Moorside Academy",
        "school",
        "E12000007",
        42,
    )


def test_a_file_without_the_required_columns_gets_one_clear_problem(tmp_path):
    problems = refused(write(tmp_path, "URN,School name\n100001,Moorside\n"))

    assert problems == [
        "The file has no column for external_id or name, which every organisation needs. "
        "Name the columns external_id and name, or map your own columns to them, such as "
        "URN=external_id."
    ]


def test_semicolons_a_byte_order_mark_and_windows_text_are_read():
    text = "\ufeffexternal_id;name;size\nURN1;Crèche Étoile;12\n"
    semicolons = check_file(text.encode(), "r.csv")
    assert semicolons.ok
    assert semicolons.preview[0][1]["name"] == "Crèche Étoile"
    windows = check_file("external_id,name\nURN1,Crèche Étoile\n".encode("cp1252"), "r.csv")
    assert windows.ok
    assert windows.preview[0][1]["name"] == "Crèche Étoile"
    assert "Windows-1252" in windows.notes[0]


def test_a_file_that_is_not_a_spreadsheet_is_refused_in_words():
    check = check_file(b"this is not a workbook", "register.xlsx")

    assert [str(p) for p in check.problems] == [
        "The file is named as a spreadsheet but is not one. Save it from Excel as .xlsx or as "
        "CSV UTF-8, then upload it again."
    ]


def test_problems_beyond_five_hundred_are_counted_not_listed():
    rows = HEADER + "".join(f"ID{n},Name {n},Skool,,,,\n" for n in range(620))

    check = check_file(rows.encode(), "r.csv")

    assert check.problem_count == 620
    listed = check.problem_dicts()
    assert len(listed) == 501
    assert listed[-1]["text"].startswith("… and 120 more problems not listed.")


def test_the_page_to_confirm_an_import_shows_the_check_without_reading_the_file_again(
    client, admin_user, monkeypatch
):
    client.force_login(admin_user)
    client.post(
        reverse("directory:import_upload"),
        {"file": SimpleUploadedFile("schools.csv", GOOD.encode()), "column_map": ""},
    )
    batch = ImportBatch.objects.get()
    assert (batch.new_count, batch.existing_count, len(batch.preview)) == (3, 0, 3)

    def read_again(*args, **kwargs):
        raise AssertionError("the file was read again")

    monkeypatch.setattr("insideout.directory.import_views.check_file", read_again)
    for _ in range(2):
        page = client.get(reverse("directory:import_batch", args=[batch.pk])).content.decode()
        assert "3 organisations: 3 new, 0 to update." in page
        assert "Riverside Trust" in page and "1,234" in page


def test_an_admin_uploads_checks_confirms_and_sees_the_import_done(client, admin_user, school):
    client.force_login(admin_user)
    register = GOOD.replace("URN1,", f"{school.external_id},")
    upload_url = reverse("directory:import_upload")

    response = client.post(
        upload_url, {"file": SimpleUploadedFile("schools.csv", register.encode()), "column_map": ""}
    )

    batch = ImportBatch.objects.get()
    batch_url = reverse("directory:import_batch", args=[batch.pk])
    assert response.status_code == 302 and response.url == batch_url
    assert batch.uploaded_by == admin_user and batch.status == ImportBatch.Status.CHECKED
    page = client.get(batch_url).content.decode()
    assert "3 organisations: 2 new, 1 to update." in page
    assert "Hillside Surgery" in page and "GP practice" in page and "North West" in page
    assert "Import 3 organisations" in page
    assert Organisation.objects.count() == 1

    response = client.post(batch_url)

    assert response.status_code == 302 and response.url == batch_url
    batch.refresh_from_db()
    assert (batch.status, batch.created_count, batch.updated_count) == (
        ImportBatch.Status.DONE,
        2,
        1,
    )
    assert Organisation.objects.count() == 3
    page = client.get(batch_url).content.decode()
    assert "Import complete" in page
    assert "schools.csv" in client.get(upload_url).content.decode()


def test_a_refused_upload_lists_every_problem_and_cannot_be_confirmed(client, admin_user):
    client.force_login(admin_user)
    bad = HEADER + "URN1,Oak,Skool,,,,\nURN2,Elm,school,,Narnia,,\n"

    response = client.post(
        reverse("directory:import_upload"),
        {"file": SimpleUploadedFile("bad.csv", bad.encode())},
        follow=True,
    )

    page = response.content.decode()
    assert "The file has problems: nothing was imported" in page
    assert "Row 2, column ‘type’: ‘Skool’ is not a type we know." in page
    assert "Row 3, column ‘region’: ‘Narnia’ is not an English region." in page
    client.post(reverse("directory:import_batch", args=[ImportBatch.objects.get().pk]))
    assert ImportBatch.objects.get().status == ImportBatch.Status.REFUSED
    assert not Organisation.objects.exists()


def test_the_upload_form_explains_a_bad_column_map(client, admin_user):
    client.force_login(admin_user)

    response = client.post(
        reverse("directory:import_upload"),
        {"file": SimpleUploadedFile("r.csv", GOOD.encode()), "column_map": "URN external_id"},
    )

    assert response.status_code == 200
    assert "is not a column map" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_polling_an_import_says_nothing_until_it_ends_then_reloads(client, admin_user):
    client.force_login(admin_user)
    batch = ImportBatch.objects.create(
        filename="r.csv", content=GOOD.encode(), status=ImportBatch.Status.QUEUED, row_count=3
    )
    url = reverse("directory:import_batch", args=[batch.pk])

    page = client.get(url).content.decode()
    assert 'hx-trigger="every 2s"' in page and "Refresh to see whether it has finished" in page
    assert client.get(url, headers={"HX-Request": "true"}).status_code == 204

    run_import.enqueue(batch.pk)

    assert client.get(url, headers={"HX-Request": "true"})["HX-Refresh"] == "true"
    assert Organisation.objects.count() == 3


def test_an_import_that_fails_records_why_and_imports_nothing(monkeypatch):
    batch = ImportBatch.objects.create(
        filename="r.csv", content=GOOD.encode(), status=ImportBatch.Status.QUEUED
    )

    def fail(check):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(imports, "apply_import", fail)
    run_import.enqueue(batch.pk)

    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert "the database went away" in batch.errors[0]["text"]
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("role", [Role.CENTRE_LEAD, Role.ANALYST, Role.DOER_LEAD])
def test_only_admins_can_import(client, person_in_role, role):
    client.force_login(person_in_role)
    batch = ImportBatch.objects.create(filename="r.csv", content=GOOD.encode())

    assert client.get(reverse("directory:import_upload")).status_code == 403
    assert (
        client.post(
            reverse("directory:import_upload"), {"file": SimpleUploadedFile("r.csv", GOOD.encode())}
        ).status_code
        == 403
    )
    assert client.post(reverse("directory:import_batch", args=[batch.pk])).status_code == 403
    assert ImportBatch.objects.get().status == ImportBatch.Status.CHECKED
