"""`contract diff` scored on fresh change classes: Swagger 2.0 and OpenAPI 3.1 inputs, rewrites
that keep the meaning, readOnly/writeOnly, discriminators, header and cookie parameters,
security schemes, servers, webhooks, and edits read in public changelogs.

Each case (``tests.support.diff_fresh_cases``) carries the rule id, level and location
oasdiff's catalogue gives the edit, written before the case was run; a rewrite that keeps the
meaning must report nothing. A case is right when the changes reported are exactly the expected
ones, so a miss, a wrong level and a false alarm all count::

    python -m tests.support.diff_fresh          # each failure, then correct/total per class
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from seamguard.contracts.diff import Change, diff_contracts, load_spec
from tests.support.diff_classes import score_cases
from tests.support.diff_classes import verdict as _verdict
from tests.support.diff_fresh_cases import CASES, Fresh, register

register()


def run_case(item: Fresh, tmp: Path) -> list[Change]:
    """The changes ``contract diff`` reports from ``item.base`` to ``item.revision``."""
    sides = []
    for name, doc in (("old", item.base), ("new", item.revision)):
        folder = tmp / name
        folder.mkdir()
        for extra, content in item.files.items():
            if name == "new":
                (folder / extra).write_text(json.dumps(content), encoding="utf-8")
        path = folder / "spec.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        sides.append(load_spec(path, platform="payments", version=name))
    return diff_contracts(sides[0], sides[1])


def verdict(item: Fresh, changes: list[Change]) -> list[str]:
    """What is wrong with ``changes`` for ``item`` (empty when right)."""
    return _verdict(item, changes)  # type: ignore[arg-type]


def score(out: Any = sys.stdout) -> dict[str, tuple[int, int]]:
    return score_cases(CASES, run_case, verdict, out)


if __name__ == "__main__":  # pragma: no cover
    score()
