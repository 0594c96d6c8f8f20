"""A small CSV dataset with a suite whose expectations fail on personal values, so quality
samples quote them: the shared shape of the privacy corpus tests."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any


def e164_column(column: str) -> dict[str, Any]:
    """An expectation every Chinese phone written otherwise than +86… fails."""
    return {"type": "expect_column_values_to_match_regex",
            "kwargs": {"column": column, "regex": "^\\+86[0-9]{11}$"}}


def only_ok(column: str) -> dict[str, Any]:
    """An expectation every value but ``ok`` fails."""
    return {"type": "expect_column_values_to_be_in_set",
            "kwargs": {"column": column, "value_set": ["ok"]}}


def write_buyers(root: Path, header: Sequence[str], rows: Sequence[Sequence[str]],
                 expectations: Sequence[dict[str, Any]]) -> list[Path]:
    """``data/buyers.csv`` (every cell quoted) and ``suites/buyers.json``; the dataset files."""
    data = root / "data"
    data.mkdir()
    buyers = data / "buyers.csv"
    buyers.write_text(",".join(header) + "\n" + "".join(
        ",".join(f'"{cell}"' for cell in row) + "\n" for row in rows), "utf-8")
    suites = root / "suites"
    suites.mkdir()
    (suites / "buyers.json").write_text(
        json.dumps({"name": "buyers", "expectations": list(expectations)}), "utf-8")
    return [buyers]


def stored_rows(database: Path) -> Iterator[tuple[str, str]]:
    """Every row of every table of the SQLite file ``database`` as ``("file:table", JSON text)``,
    so a privacy check reads the drift history the way it reads any other written file."""
    with sqlite3.connect(database) as connection:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in connection.execute(f'SELECT * FROM "{table}"'):
                yield f"{database.name}:{table}", json.dumps(row, default=str, ensure_ascii=False)
