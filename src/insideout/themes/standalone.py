"""Theming any CSV file, without the database: what `insideout themes FILE.csv` does.

The result is an object with `themes` (id, label, key_phrases, size) and `assignments` (id,
theme, confidence; one per input row, in input order). With a framework, its themes come first
(in its order) and texts that fit none are grouped into candidate themes after them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from insideout.language import embeddings
from insideout.language.frameworks import FrameworkTheme, assign
from insideout.language.sentiment import sentiments
from insideout.language.themes import find_themes, key_phrases
from insideout.language.vectors import text_vectors

from .services import FEWEST_FOR_CANDIDATES


class FileProblem(ValueError):
    """A file that cannot be themed, with what to do about it."""


@dataclass(frozen=True)
class Rows:
    ids: list[str]
    texts: list[str]


def read_rows(path: Path, text_column: str, id_column: str | None = None) -> Rows:
    """The texts (and ids: the row number, from 1, where no id column is named) of a CSV file."""
    try:
        content = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise FileProblem(f"There is no file {path}") from None
    except UnicodeDecodeError:
        raise FileProblem(f"{path} is not UTF-8 text: save it as CSV (UTF-8)") from None
    reader = csv.DictReader(io.StringIO(content))
    columns = reader.fieldnames or []
    if not columns:
        raise FileProblem(f"{path} is empty: it needs a header row and a row for each text")
    for wanted, option in ((text_column, "--text"), (id_column, "--id")):
        if wanted and wanted not in columns:
            raise FileProblem(
                f"{path} has no column {wanted!r} (given by {option}); "
                f"its columns are: {', '.join(columns)}"
            )
    ids, texts = [], []
    for number, row in enumerate(reader, start=1):
        ids.append(row[id_column] if id_column else str(number))
        texts.append((row[text_column] or "").strip())
    if not texts:
        raise FileProblem(f"{path} has a header but no rows to theme")
    return Rows(ids, texts)


def read_framework(path: Path) -> list[FrameworkTheme]:
    """A framework file: a JSON list (or {"themes": [...]}) of {name, description, examples}."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileProblem(f"There is no framework file {path}") from None
    except json.JSONDecodeError as error:
        raise FileProblem(f"{path} is not valid JSON: {error}") from None
    items = data.get("themes") if isinstance(data, dict) else data
    if not isinstance(items, list) or not items:
        raise FileProblem(f"{path} must hold a list of themes, each with a name")
    framework = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not str(item.get("name", "")).strip():
            raise FileProblem(f"Theme {number} in {path} has no name")
        examples = item.get("examples") or []
        framework.append(
            FrameworkTheme(
                str(item["name"]).strip(),
                str(item.get("description", "")),
                tuple(str(e) for e in examples),
            )
        )
    return framework


def theme_rows(
    rows: Rows,
    n_themes: int | None = None,
    framework: Sequence[FrameworkTheme] | None = None,
    with_sentiment: bool = False,
) -> dict:
    """Themes and one assignment per row, as the command prints them."""
    engine = embeddings.engine()
    present = [i for i, text in enumerate(rows.texts) if text]
    words = [rows.texts[i] for i in present]
    vectors = text_vectors(words, engine) if words else None
    theme_of: dict[int, tuple[int, float]] = {}
    themes: list[dict] = []
    if framework:
        found = assign(words, framework, engine)
        groups = [a.theme if a.theme is not None else -1 for a in found]
        phrases = key_phrases(words, [max(g, 0) for g in groups]) if words else []
        for t, theme in enumerate(framework):
            members = [i for i, g in enumerate(groups) if g == t]
            themes.append(
                _theme(t + 1, theme.name, phrases[t] if t < len(phrases) else [], len(members))
            )
            theme_of |= {present[i]: (t + 1, found[i].confidence) for i in members}
        misfits = [i for i, g in enumerate(groups) if g < 0]
        if len(misfits) >= FEWEST_FOR_CANDIDATES and vectors is not None:
            candidates = find_themes([words[i] for i in misfits], None, engine, vectors[misfits])
            base = len(themes)
            for c, candidate in enumerate(candidates.themes):
                item = _theme(base + c + 1, candidate.label, candidate.key_phrases, candidate.size)
                themes.append(item | {"candidate": True})
            for i, g, conf in zip(
                misfits, candidates.assignments, candidates.confidence, strict=True
            ):
                theme_of[present[i]] = (base + g + 1, conf)
    elif words:
        theming = find_themes(words, n_themes, engine, vectors)
        themes = [
            _theme(t + 1, theme.label, theme.key_phrases, theme.size)
            for t, theme in enumerate(theming.themes)
        ]
        theme_of = {
            present[i]: (g + 1, c)
            for i, (g, c) in enumerate(zip(theming.assignments, theming.confidence, strict=True))
        }
    moods = (
        dict(zip(present, sentiments(words, engine, vectors), strict=True))
        if with_sentiment
        else {}
    )
    assignments = []
    for i, row_id in enumerate(rows.ids):
        number, confidence = theme_of.get(i, (None, 0.0))
        assignment = {"id": row_id, "theme": number, "confidence": confidence}
        if with_sentiment:
            assignment["sentiment"] = moods.get(i)
        assignments.append(assignment)
    return {"engine": engine, "themes": themes, "assignments": assignments}


def _theme(number: int, label: str, phrases, size: int) -> dict:
    return {"id": number, "label": label, "key_phrases": list(phrases), "size": size}


def as_csv(result: dict) -> str:
    """One line per input row: id, theme, theme_label, confidence (and sentiment if asked)."""
    labels = {theme["id"]: theme["label"] for theme in result["themes"]}
    out = io.StringIO()
    with_sentiment = any("sentiment" in a for a in result["assignments"])
    columns = ["id", "theme", "theme_label", "confidence"] + (["sentiment"] * with_sentiment)
    writer = csv.writer(out)
    writer.writerow(columns)
    for a in result["assignments"]:
        row = [a["id"], a["theme"] or "", labels.get(a["theme"], ""), a["confidence"]]
        writer.writerow(row + ([a.get("sentiment") or ""] if with_sentiment else []))
    return out.getvalue()
