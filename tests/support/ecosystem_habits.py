"""What people coming from schemathesis, Great Expectations and oasdiff type and write, tried on
seamguard: does it do the right thing?

The cases (``ecosystem_habits_cases.py``) are taken from the tools' public documentation: the
options of ``st run`` and the keys of ``schemathesis.toml``; expectation names, kwargs, ``mostly``,
``result_format``, ``meta``, suites as GX 0.18 and 1.x write them, checkpoints; ``oasdiff
breaking`` / ``changelog`` with ``--fail-on``, ``-f``, ``--match-path``, ``--exclude-elements``.
Each is run through the CLI in-process on a small project and judged:

- ``works``: it runs (no usage error) and does what the habit means — an expectation the data
  breaks is a failing finding, ``--fail-on ERR`` on a breaking change exits 1, a format gives
  that format;
- ``refused``: a usage error (exit 2), a finding or a ``note:`` line that names the file, and
  says what to write instead (the words the case lists);
- never a traceback, a hang or a silent pass.

    python -m tests.support.ecosystem_habits            # right/total per tool, and what failed
    python -m tests.support.ecosystem_habits --tool gx  # one tool's cases
"""

from __future__ import annotations

import contextlib
import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from seamguard.cli import app

__all__ = ["Case", "Result", "judge", "main", "run_case"]


@dataclass(frozen=True)
class Result:
    """What one command did: exit code, output (stdout and stderr) and report findings."""

    code: int
    output: str
    findings: list[dict[str, Any]]
    crashed: str | None = None  # an exception other than SystemExit


@dataclass(frozen=True)
class Case:
    """One habit: the project it needs, the command, and what the right answer is."""

    tool: str  # schemathesis | gx | oasdiff
    name: str
    kind: str  # probe | quality | diff: which small project it runs in
    argv: tuple[str, ...]
    expect: str  # works | refused
    files: dict[str, str] = field(default_factory=dict)  # extra files of the project
    says: tuple[str, ...] = ()  # words the refusal (or the finding) must contain
    finding: str | None = None  # a code prefix a "works" case must report (a violation)
    codes: tuple[int, ...] = (0, 1)  # exit codes a "works" case may give
    output_has: tuple[str, ...] = ()  # words a "works" case's output must contain
    in_project: bool = False  # run in the project's folder (tools that read ./oasdiff.yaml)


def judge(case: Case, result: Result) -> str | None:
    """Why ``result`` is not the right answer to ``case`` (None: it is)."""
    if result.crashed:
        return f"crashed: {result.crashed}"
    if "Traceback (most recent call last)" in result.output:
        return "printed a traceback"
    # the words as said, whatever the terminal's box drawing and line wrapping did to them
    text = " ".join((result.output.replace("\u2502", " ") + " "
                     + json.dumps(result.findings)).split())
    if case.expect == "refused":
        named = [f for f in result.findings if f.get("severity") in ("error", "warning", "info")
                 and any(w in json.dumps(f) for w in case.says[:1])]
        noted = [line for line in result.output.splitlines()
                 if line.startswith("note:") and case.says[:1] and case.says[0] in line]
        if result.code != 2 and not named and not noted:
            return f"not refused (exit {result.code}): a silent pass"
        missing = [w for w in case.says if w not in text]
        return f"the refusal does not say {missing}" if missing else None
    if result.code not in case.codes:
        return f"exit {result.code}, wanted {case.codes}: {text[:300]}"
    if case.finding and not any(str(f.get("code", "")).startswith(case.finding)
                                and f.get("severity") == "error" for f in result.findings):
        return f"no {case.finding} error: the violation passed silently ({text[:200]})"
    missing = [w for w in case.output_has if w not in text]
    return f"the output lacks {missing}" if missing else None


def run_case(case: Case, root: Path, origin: str | None = None) -> Result:
    """Run ``case`` in a fresh project under ``root`` (``origin``: the live service probed)."""
    from tests.support.ecosystem_habits_cases import make_project

    project = make_project(case.kind, root)
    for name, text in case.files.items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    argv = [part.replace("{root}", str(project)).replace("{origin}", origin or "")
            for part in case.argv]
    with contextlib.chdir(project) if case.in_project else contextlib.nullcontext():
        result = CliRunner().invoke(app, argv)
    crashed = None
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        crashed = f"{type(result.exception).__name__}: {result.exception}"
    findings: list[dict[str, Any]] = []
    with contextlib.suppress(ValueError, AttributeError):
        data = json.loads(result.output)
        findings = data.get("findings", []) if isinstance(data, dict) else []
    if not findings and (project / "reports" / "report.json").is_file() and case.kind != "diff":
        with contextlib.suppress(ValueError):
            findings = json.loads((project / "reports" / "report.json").read_text(
                encoding="utf-8")).get("findings", [])
    return Result(result.exit_code, result.output, findings, crashed)


@contextlib.contextmanager
def _service() -> Iterator[str]:
    from tests.support.broken_api import broken_api
    from tests.support.servers import serve

    with serve(broken_api([])) as origin:
        yield origin


def score(cases: list[Case], progress: Callable[[str], None] | None = None
          ) -> dict[str, list[tuple[Case, str | None]]]:
    """Each case's verdict, grouped by tool."""
    verdicts: dict[str, list[tuple[Case, str | None]]] = {}
    with _service() as origin, tempfile.TemporaryDirectory() as tmp:
        for number, case in enumerate(cases):
            result = run_case(case, Path(tmp) / str(number), origin)
            verdict = judge(case, result)
            verdicts.setdefault(case.tool, []).append((case, verdict))
            if progress is not None:
                progress(f"{case.tool}/{case.name}: {verdict or 'right'}")
    return verdicts


def main(argv: list[str]) -> int:
    from tests.support.ecosystem_habits_cases import CASES

    tool = argv[argv.index("--tool") + 1] if "--tool" in argv else None
    cases = [c for c in CASES if tool is None or c.tool == tool]
    verdicts = score(cases)
    right = total = 0
    for name, results in sorted(verdicts.items()):
        good = sum(1 for _, v in results if v is None)
        right += good
        total += len(results)
        print(f"{name}: {good}/{len(results)} right")
        for case, verdict in results:
            if verdict is not None:
                print(f"  WRONG {case.name}: {verdict[:400]}")
    print(f"ecosystem habits: {right}/{total} right")
    return 0 if right == total else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
