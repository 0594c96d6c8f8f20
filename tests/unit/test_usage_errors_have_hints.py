"""Every usage error the product raises carries a hint (exit 2 must say how to fix it), so a
new one without is caught here, not by a user."""

from __future__ import annotations

import ast
from pathlib import Path

import seamguard

SRC = Path(seamguard.__file__).parent
# Errors of transforms and reference data are wrapped by their callers (mapping engine and
# lint), which add the transform's own hint.
WRAPPED = ("mapping/transforms/", "mapping/reference_data.py")


def _without_hint() -> list[str]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC).as_posix()
        if relative.startswith(WRAPPED):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) \
                    and getattr(node.exc.func, "id", None) == "UsageError" \
                    and not any(k.arg in ("hint", None) for k in node.exc.keywords):
                found.append(f"{relative}:{node.lineno}")
    return found


def test_every_usage_error_has_a_hint() -> None:
    assert _without_hint() == []
