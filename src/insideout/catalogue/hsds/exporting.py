"""`export_hsds`: the whole catalogue as HSDS 3 JSON files in a folder.

`services.json` is a list of fully nested services; every other kind of object has a file of
its own in HSDS's tabular shape (its properties and the ids of what it belongs to), named as the
tabular form names its tables (`organizations.json`, `phones.json`, ...). Each table is read
once; each distinct object is built, and checked against its schema, once.
"""

from pathlib import Path

from .graph import Graph
from .shapes import ENCODE, Shapes
from .spec import kinds


def _write_list(path: Path, texts) -> int:
    """A JSON list, one object a line, from the objects' JSON texts."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("[")
        for text in texts:
            out.write(",\n" if count else "\n")
            out.write(text)
            count += 1
        out.write("\n]\n")
    return count


def _text(item: dict) -> str:
    return ENCODE(item)


def export_hsds(folder: Path, check: bool = True) -> dict[str, int]:
    """Write the catalogue to `folder`; returns how many objects each file holds."""
    folder.mkdir(parents=True, exist_ok=True)
    graph = Graph.everything()
    shapes = Shapes(graph, check=check)
    written = {
        "services.json": _write_list(
            folder / "services.json",
            (shapes.full_json("service", i) for i in graph.rows["service"]),
        )
    }
    for name, spec in kinds().items():
        if name == "service":
            continue
        written[spec.file] = _write_list(
            folder / spec.file, (_text(shapes.tabular(name, i)) for i in graph.rows[name])
        )
    return written
