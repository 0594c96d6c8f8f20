"""Run seamguard on hostile input in a subprocess and judge the outcome.

Every hostile case must end with a documented exit code (1 findings, 2 invalid project or
command), never 3 (internal error), never a traceback, and within a time bound (a subprocess
timeout is how a hang is detected); what it prints must name the file and the line or JSON
pointer of the problem.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# A hostile case that takes longer than this is a hang: real ones finish in about a second.
TIME_BOUND = 60.0


@dataclass
class Outcome:
    """What one seamguard run ended with; ``text`` is every finding and error, one per line."""

    code: int
    text: str
    findings: list[dict[str, Any]]
    raw: str


def run_seamguard(*args: str, cwd: Path | None = None, timeout: float = TIME_BOUND,
                  env: dict[str, str] | None = None, stdin: str | None = None) -> Outcome:
    """``python -m seamguard ARGS`` with a hard time bound; findings flattened to text lines."""
    environment = {**os.environ, "COLUMNS": "400", "NO_COLOR": "1", **(env or {})}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "seamguard", *args], cwd=cwd, env=environment,
            capture_output=True, text=True, timeout=timeout, input=stdin, check=False)
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"seamguard {' '.join(args)} hung (no exit within {timeout:g} s)"
                             ) from exc
    raw = done.stdout + done.stderr
    findings: list[dict[str, Any]] = []
    lines: list[str] = []
    try:
        report = json.loads(done.stdout)
    except ValueError:
        report = None
    if isinstance(report, dict) and isinstance(report.get("findings"), list):
        findings = report["findings"]
        for finding in findings:
            where = finding.get("location", {})
            place = where.get("file") or ""
            if where.get("line"):
                place += f":{where['line']}"
            if where.get("pointer"):
                place += f" (at {where['pointer']})"
            lines.append(f"{finding['severity']} {finding['code']} {place}: {finding['message']}"
                         f" | hint: {finding.get('hint')}")
    lines.append(done.stderr)
    return Outcome(done.returncode, "\n".join(lines), findings, raw)


def assert_handled(outcome: Outcome, *, exits: set[int], expect: list[str]) -> None:
    """The run ended as documented: an expected exit code, no traceback, the expected text."""
    context = f"exit {outcome.code}\n{outcome.raw[-3000:]}"
    assert outcome.code != 3, f"internal error\n{context}"
    assert "Traceback (most recent call last)" not in outcome.raw, context
    assert "internal error" not in outcome.raw, context
    assert outcome.code in exits, f"expected exit {sorted(exits)}\n{context}"
    for snippet in expect:
        assert snippet in outcome.text, f"{snippet!r} not in the output\n{context}"
