"""A small CSV dataset with a suite whose expectations fail on personal values, so quality
samples quote them: the shared shape of the privacy corpus tests."""

from __future__ import annotations

import json
from collections.abc import Sequence
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
