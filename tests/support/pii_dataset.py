"""A small CSV dataset with a suite whose expectations fail on personal values, so quality
samples quote them: the shared shape of the privacy corpus tests."""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from stdnum import luhn
from stdnum.cn import ric


def resident_id(rng: random.Random, areas: list[str], born: tuple[int, int]) -> str:
    """A PRC resident ID number from one of ``areas``, born in a year of ``born``; drawn again
    until python-stdnum accepts it (it knows when each district code was in use)."""
    while True:
        body = (f"{rng.choice(areas)}{rng.randint(*born)}{rng.randint(1, 12):02d}"
                f"{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}")
        number = body + ric.calc_check_digit(body + "0")  # it skips the last character
        if ric.is_valid(number):
            return number


def card(rng: random.Random, prefix: str, length: int) -> str:
    """A card number of ``length`` digits starting with ``prefix``, its Luhn digit last."""
    body = prefix + "".join(str(rng.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    return body + luhn.calc_check_digit(body)


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
