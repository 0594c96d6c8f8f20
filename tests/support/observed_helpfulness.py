"""Do findings still show the observed values a person needs to debug, and nothing else?

Reports show an observed value only when it is provably not personal (seamguard.privacy.observed);
this counts what that costs. A value *must show* when it is a number, a boolean, a date or a
time, one of the values the finding's ``expected`` declares, or a machine token (lower-case or
upper-case letters, digits, ``_ . : / -``, no blank) — judged here by these shapes alone, not by
the product's rule. Two sources:

* ``tests/support/gateway_findings.json`` (findings as the gateway checks make them, before any
  masking), each passed through ``mask_finding``;
* the bundled example project's ``seamguard check -f json``, run with the code under test and
  with the code of ``--base SRC`` (another checkout's ``src/``): the leaves of each finding's
  ``actual`` and ``expected`` in the base report are compared with the same finding's in the
  new one, and so are their messages.

``python -m tests.support.observed_helpfulness [--base SRC]`` prints, per source, how many
must-show values stay as they were, and every value shown differently, for a person to judge.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}"
                   r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?")
_TOKEN = re.compile(r"[a-z0-9_.:/-]+|[A-Z0-9_]+")


def leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from leaves(inner, f"{path}/{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from leaves(inner, f"{path}/{index}")
    else:
        yield path, value


def must_show(value: Any, expected: Any) -> bool:
    if isinstance(value, bool | int | float):
        return True
    if not isinstance(value, str) or not value:
        return False
    declared = expected if isinstance(expected, list) else [expected]
    return value in declared or bool(_DATE.fullmatch(value) or _TOKEN.fullmatch(value))


def _gateway() -> tuple[int, int, list[str]]:
    from seamguard.findings import Finding
    from seamguard.privacy.guard import mask_finding

    data = json.loads((REPO / "tests" / "support" / "gateway_findings.json").read_text("utf-8"))
    kept = total = 0
    changed: list[str] = []
    for runs in data.values():
        for group in runs:
            for raw in group:
                raw = {**raw, "severity": raw["severity"].removeprefix("Severity.").lower()}
                finding = Finding.from_dict(raw)
                masked = mask_finding(finding)
                after = dict(leaves(masked.actual))
                for path, value in leaves(finding.actual):
                    if must_show(value, finding.expected):
                        total += 1
                        kept += after.get(path) == value
                        if after.get(path) != value:
                            changed.append(f"must show: {value!r} -> {after.get(path)!r}")
                    elif isinstance(value, str) and after.get(path) != value:
                        changed.append(f"{finding.code}: {value!r} -> {after.get(path)!r}")
                if masked.message != finding.message:
                    changed.append(f"{finding.code}: message {masked.message!r}")
    return kept, total, changed


def _report(src: str, work: Path) -> list[dict[str, Any]]:
    from tests.support.projects import copy_example

    root = copy_example(work / Path(src).parent.name, sync_examples=2)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, str(REPO)]), "COLUMNS": "200"}
    subprocess.run([sys.executable, "-m", "seamguard", "check", "-f", "json"], cwd=root,
                   env=env, capture_output=True, timeout=900, check=False)
    report = json.loads((root / "reports" / "report.json").read_text("utf-8"))
    return list(report["findings"])


def _example(base: str) -> tuple[int, int, list[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        before = _report(base, Path(tmp) / "base")
        after = _report(str(REPO / "src"), Path(tmp) / "new")
    kept = total = 0
    changed: list[str] = []
    for old, new in zip(before, after, strict=False):
        if (old["code"], old["location"]) != (new["code"], new["location"]):
            changed.append(f"unmatched: {old['code']} / {new['code']}")
            continue
        for part in ("actual", "expected"):
            # (what a finding expects is shown by the same rule when it quotes data: a suite's
            # value set, a reconciled source's value, a golden example's output)
            now = dict(leaves(new.get(part)))
            for path, value in leaves(old.get(part)):
                if must_show(value, old.get("expected") if part == "actual" else None):
                    total += 1
                    kept += now.get(path) == value
                    if now.get(path) != value:
                        changed.append(f"must show ({part}): {value!r} -> {now.get(path)!r}")
                elif isinstance(value, str) and now.get(path) != value:
                    changed.append(f"{old['code']}: {part} {value!r} -> {now.get(path)!r}")
        if old["message"] != new["message"]:
            changed.append(f"{old['code']}: message {old['message']!r} -> {new['message']!r}")
    if len(before) != len(after):
        changed.append(f"{len(before)} findings before, {len(after)} after")
    return kept, total, changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.observed_helpfulness")
    parser.add_argument("--base", help="another checkout's src/ to compare the example with")
    args = parser.parse_args(argv)
    sources = {"gateway_findings.json": _gateway()}
    if args.base:
        sources["example check"] = _example(args.base)
    for name, (kept, total, changed) in sources.items():
        print(f"{name}: {kept} of {total} must-show values shown as they were; "
              f"{len(changed)} other values or messages shown differently")
        for line in changed:
            print(f"  {line[:200]}")
    return 0 if all(kept == total for kept, total, _ in sources.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
