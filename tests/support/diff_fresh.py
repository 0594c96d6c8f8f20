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
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from seamguard.contracts.diff import Change, diff_contracts, load_spec
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
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    with tempfile.TemporaryDirectory() as folder:
        for number, item in enumerate(CASES):
            tmp = Path(folder) / str(number)
            tmp.mkdir()
            try:
                problems = verdict(item, run_case(item, tmp))
            except Exception as exc:
                problems = [f"crash: {type(exc).__name__}: {exc}"]
            totals[item.klass][1] += 1
            if problems:
                print(f"FAIL {item.klass}/{item.name}: " + "; ".join(problems), file=out)
            else:
                totals[item.klass][0] += 1
    for klass, (right, total) in sorted(totals.items()):
        print(f"{klass:<14} {right}/{total}", file=out)
    right = sum(r for r, _ in totals.values())
    total = sum(t for _, t in totals.values())
    print(f"{'total':<14} {right}/{total}", file=out)
    return {k: (v[0], v[1]) for k, v in totals.items()}


if __name__ == "__main__":  # pragma: no cover
    score()
