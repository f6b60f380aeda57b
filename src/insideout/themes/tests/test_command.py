import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from insideout.language import embeddings
from insideout.language.tests.corpus import ALL, PARKING, STAFF, WAITING


def write_csv(path, rows, header=("response_id", "comment")):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("themes", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def comments(tmp_path):
    return write_csv(tmp_path / "comments.csv", [(f"R{i}", t) for i, t in enumerate(ALL)])


def test_themes_a_file_into_themes_with_one_assignment_per_row_in_order(comments):
    out, _ = run(comments, "--text", "comment", "--id", "response_id", "--themes", "3")
    result = json.loads(out)
    assert [sorted(t) for t in result["themes"]] == [["id", "key_phrases", "label", "size"]] * 3
    assert sum(t["size"] for t in result["themes"]) == len(ALL)
    assert [a["id"] for a in result["assignments"]] == [f"R{i}" for i in range(len(ALL))]
    theme_ids = {t["id"] for t in result["themes"]}
    assert all(a["theme"] in theme_ids and 0 < a["confidence"] <= 1 for a in result["assignments"])
    parking = {a["theme"] for a in result["assignments"][:10]}
    assert len(parking) == 1


def test_rows_are_numbered_from_one_without_an_id_column(comments):
    out, _ = run(comments, "--text", "comment", "--themes", "2")
    assert [a["id"] for a in json.loads(out)["assignments"]][:3] == ["1", "2", "3"]


def test_csv_output_has_a_line_per_row_with_the_theme_label(comments):
    out, _ = run(comments, "--text", "comment", "--themes", "3", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(ALL)
    assert set(rows[0]) == {"id", "theme", "theme_label", "confidence"}
    assert all(row["theme_label"] for row in rows)


def test_a_framework_file_pins_the_themes(tmp_path, comments):
    framework = tmp_path / "framework.json"
    framework.write_text(
        json.dumps(
            [
                {"name": "Parking", "examples": PARKING[:2]},
                {"name": "Staff", "description": "kindness", "examples": STAFF[:2]},
                {"name": "Waiting", "examples": WAITING[:2]},
            ]
        )
    )
    out, _ = run(comments, "--text", "comment", "--framework", str(framework), "--sentiment")
    result = json.loads(out)
    assert [t["label"] for t in result["themes"][:3]] == ["Parking", "Staff", "Waiting"]
    assert {a["theme"] for a in result["assignments"][:10]} == {1}
    assert {a["sentiment"] for a in result["assignments"]} <= {"positive", "neutral", "negative"}


def test_a_missing_column_is_named_with_the_columns_there_are(comments):
    with pytest.raises(CommandError, match="no column 'feedback'.*response_id, comment"):
        run(comments, "--text", "feedback")


@pytest.mark.parametrize("content", ["", "response_id,comment\n"])
def test_an_empty_file_is_refused_clearly(tmp_path, content):
    empty = tmp_path / "empty.csv"
    empty.write_text(content)
    with pytest.raises(CommandError, match="empty|no rows"):
        run(str(empty), "--text", "comment")


def test_blank_rows_keep_their_place_without_a_theme(tmp_path):
    rows = [(str(i), t) for i, t in enumerate(ALL)] + [("blank", "")]
    path = write_csv(tmp_path / "with_blank.csv", rows)
    out, _ = run(path, "--text", "comment", "--id", "response_id", "--themes", "3")
    last = json.loads(out)["assignments"][-1]
    assert last == {"id": "blank", "theme": None, "confidence": 0.0}


def test_without_the_model_it_falls_back_to_tfidf_and_says_so(monkeypatch, comments):
    monkeypatch.setenv(embeddings.ENGINE_VARIABLE, "tfidf")
    out, err = run(comments, "--text", "comment", "--themes", "3")
    assert json.loads(out)["engine"] == "tfidf"
    assert "TF-IDF" in err
