"""Data a person edits, shipped as files beside the code that reads them: TOML and CSV."""

import csv
import tomllib
from pathlib import Path


def read_toml(path: Path) -> dict:
    with path.open("rb") as file:
        return tomllib.load(file)


def read_csv(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file with a header row, each a dict keyed by the header."""
    with path.open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))
