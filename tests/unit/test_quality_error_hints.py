"""Every dataset and reconciliation error says what to do: each ``raise DatasetError(...)`` in
the quality package passes a hint (read from the source, so a new one without fails here)."""

from __future__ import annotations

import ast
from pathlib import Path

import seamguard.quality

PACKAGE = Path(seamguard.quality.__file__).parent


def _raises_without_hint() -> list[str]:
    found = []
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            called = node.exc.func
            name = called.id if isinstance(called, ast.Name) else \
                called.attr if isinstance(called, ast.Attribute) else ""
            keywords = {keyword.arg for keyword in node.exc.keywords}
            if name == "DatasetError" and "hint" not in keywords and None not in keywords:
                found.append(f"{path.name}:{node.lineno}")
    return found


def test_every_dataset_error_carries_a_hint() -> None:
    assert _raises_without_hint() == []


def test_the_scan_sees_dataset_errors() -> None:
    text = (PACKAGE / "datasets.py").read_text(encoding="utf-8")
    assert text.count("raise DatasetError(") >= 10
