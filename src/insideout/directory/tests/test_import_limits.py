"""A register with a cell too long to be real is refused with a message naming its row."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from insideout.directory.imports import check_file
from insideout.directory.models import ImportBatch

LONG_CELL = "x" * 131_073


def register_with_a_long_cell(on_row: int) -> bytes:
    rows = ["external_id,name,type"]
    rows += [f"URN{n},School {n},school" for n in range(2, on_row)]
    rows.append(f'URN{on_row},"{LONG_CELL}",school')
    rows.append("URN999,Last School,school")
    return ("\n".join(rows) + "\n").encode()


def test_a_cell_over_the_readers_limit_is_a_problem_naming_its_row(db):
    check = check_file(register_with_a_long_cell(on_row=4), "schools.csv")

    assert not check.ok
    (problem,) = check.problems
    assert problem.row == 4
    assert str(problem).startswith("Row 4: This row could not be read")
    assert "longer than 131,072 characters" in problem.message


def test_a_header_too_long_to_read_is_a_problem_naming_row_one(db):
    check = check_file(f'"{LONG_CELL}",name\nURN1,Oak\n'.encode(), "schools.csv")
    assert [str(p)[:34] for p in check.problems] == ["Row 1: This row could not be read:"]


def test_uploading_it_shows_the_problem_instead_of_a_server_error(client, admin_user):
    client.force_login(admin_user)
    upload = SimpleUploadedFile("schools.csv", register_with_a_long_cell(on_row=3))

    response = client.post(reverse("directory:import_upload"), {"file": upload, "column_map": ""})

    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    assert batch.status == ImportBatch.Status.REFUSED
    page = client.get(response.url).content.decode()
    assert "This row could not be read" in page
    assert "Row 3" in page
