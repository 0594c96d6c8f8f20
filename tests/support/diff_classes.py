"""`contract diff` scored on own-words change classes modelled on oasdiff's rule semantics.

Each case is one edit a real spec history makes (read in Stripe, GitHub, Plaid, Adyen, Xero,
Twilio histories) applied to a small shop contract written here: the rule id, level and
location oasdiff's catalogue gives that edit are the expectation, and a rewrite that keeps the
meaning (a schema moved to a component, ``allOf`` flattened, ``oneOf`` reordered, 3.0
``nullable`` spelt as 3.1's type array, examples or ``x-`` extensions edited) must report
nothing. A case is right when the changes reported are exactly the expected ones (id, level,
and a substring of the location), so a miss, a wrong level and a false alarm all count.

``python -m tests.support.diff_classes`` prints correct/total per class and each failure.
"""

from __future__ import annotations

import copy
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from seamguard.contracts.diff import Change
from tests.support.diff_class_base import CASES, Case, shop
from tests.support.diff_class_cases import register
from tests.support.spec_diff import diff_docs

register()


def run_case(item: Case, tmp: Path) -> list[Change]:
    base = shop(item.version)
    if item.base_edit is not None:
        item.base_edit(base)
    revision = copy.deepcopy(base)
    item.edit(revision)
    return diff_docs(tmp, base, revision, platform="shop")


def verdict(item: Case, changes: list[Change]) -> list[str]:
    """What is wrong with ``changes`` for ``item`` (empty when right)."""
    problems = []
    left = list(changes)
    for rule_id, level, where in item.expect:
        hit = next((c for c in left if c.id == rule_id and c.level == level
                    and where in f"{c.operation} {c.path} {c.field or ''}"), None)
        if hit is None:
            seen = [f"{c.id}/{c.level} @ {c.operation} {c.path}" for c in left
                    if c.id == rule_id]
            problems.append(f"missing {rule_id}/{level} @ {where!r}"
                            + (f" (seen {seen})" if seen else ""))
        else:
            left.remove(hit)
    expected_ids = {rule_id for rule_id, _, _ in item.expect}
    for change in left:
        if change.id not in expected_ids:
            problems.append(f"unexpected {change.id}/{change.level} @ {change.operation} "
                            f"{change.path}: {change.message}")
    return problems


def score_cases(cases: Sequence[Any], run: Callable[[Any, Path], list[Change]],
                judge: Callable[[Any, list[Change]], list[str]],
                out: Any = sys.stdout) -> dict[str, tuple[int, int]]:
    """Run and judge every case, print each failure and correct/total per class."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    with tempfile.TemporaryDirectory() as folder:
        for number, item in enumerate(cases):
            tmp = Path(folder) / str(number)
            tmp.mkdir()
            try:
                problems = judge(item, run(item, tmp))
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


def score(out: Any = sys.stdout) -> dict[str, tuple[int, int]]:
    return score_cases(CASES, run_case, verdict, out)


if __name__ == "__main__":  # pragma: no cover
    score()
