"""Run seamguard on hostile input and judge the outcome.

Every hostile case must end with a documented exit code (1 findings, 2 invalid project or
command), never 3 (internal error), never a traceback, and within a time bound; what it prints
must name the file and the line or JSON pointer of the problem.

Two ways to run:

* ``run_seamguard`` — one ``python -m seamguard`` subprocess with a hard timeout (network cases).
* ``run_batch`` — many cases through the real CLI inside one worker process (``python -m
  tests.support.hostile``), so seamguard and its heavy libraries load once. The worker reports
  each case as it finishes; a case that does not finish within its time bound is a hang: the
  worker is killed and a fresh one takes the remaining cases, so one hang fails one case.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import traceback
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

# A hostile case that takes longer than this is a hang: real ones finish within seconds even
# on a loaded machine.
TIME_BOUND = 120.0
REPO = Path(__file__).resolve().parents[2]


@dataclass
class Outcome:
    """What one seamguard run ended with; ``text`` is every finding and error, one per line."""

    code: int
    text: str
    findings: list[dict[str, Any]]
    raw: str


@dataclass
class Job:
    """One CLI invocation of a batch."""

    id: str
    argv: list[str]
    cwd: str
    env: dict[str, str] = field(default_factory=dict)
    stdin: str | None = None


def outcome_of(code: int, stdout: str, stderr: str) -> Outcome:
    """Flatten a run's JSON report (if it printed one) and its error output into text lines."""
    findings: list[dict[str, Any]] = []
    lines: list[str] = []
    try:
        report = json.loads(stdout)
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
    else:
        lines.append(stdout)
    lines.append(stderr)
    return Outcome(code, "\n".join(lines), findings, stdout + stderr)


def run_seamguard(*args: str, cwd: Path | None = None, timeout: float = TIME_BOUND,
                  env: dict[str, str] | None = None, stdin: str | None = None) -> Outcome:
    """``python -m seamguard ARGS`` with a hard time bound."""
    environment = {**os.environ, "COLUMNS": "400", "NO_COLOR": "1", **(env or {})}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "seamguard", *args], cwd=cwd, env=environment,
            capture_output=True, text=True, timeout=timeout, input=stdin, check=False)
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"seamguard {' '.join(args)} hung (no exit within {timeout:g} s)"
                             ) from exc
    return outcome_of(done.returncode, done.stdout, done.stderr)


def run_batch(jobs: list[Job], *, timeout: float = TIME_BOUND) -> dict[str, Outcome]:
    """Every job through the CLI in worker processes; a job over ``timeout`` is a hang."""
    results: dict[str, Outcome] = {}
    pending = list(jobs)
    while pending:
        with _worker(pending) as messages:
            while pending:
                try:
                    message = messages.get(timeout=timeout)
                except queue.Empty:
                    job = pending.pop(0)
                    results[job.id] = Outcome(
                        -1, f"hung: no exit within {timeout:g} s", [],
                        f"seamguard {' '.join(job.argv)} hung (no exit within {timeout:g} s)")
                    break  # kill this worker; a fresh one takes the rest
                if message is None:  # the worker died
                    job = pending.pop(0)
                    results[job.id] = Outcome(-1, "the worker process died", [],
                                              "the worker process died during this case")
                    break
                if message.get("started"):
                    continue
                job = pending.pop(0)
                assert message["id"] == job.id, (message["id"], job.id)
                results[job.id] = outcome_of(message["code"], message["stdout"],
                                             message["stderr"])
    return results


def count_failure(failures: Counter[str], wrong: list[str], outcome: Outcome,
                  case_id: str) -> None:
    """Counts each kind of wrong answer of a batch case; a case with any prints its FAIL line."""
    failures.update(wrong)
    if wrong:
        print(f"FAIL {wrong} exit {outcome.code} {case_id}")


def set_up_jobs(cases: Iterable[Any], scratch: str) -> list[Job]:
    """Each case's project set up in a folder of its own under ``scratch``, as a job to run."""
    jobs = []
    for number, case in enumerate(cases):
        root = Path(scratch) / f"c{number}"
        root.mkdir()
        jobs.append(Job(case.id, case.setup(root), cwd=str(root), env=case.env))
    return jobs


def run_in_two(jobs: list[Job], *, timeout: float) -> dict[str, Outcome]:
    """The jobs run by two workers, half each (the machine's two cores)."""
    from concurrent.futures import ThreadPoolExecutor

    outcomes: dict[str, Outcome] = {}
    with ThreadPoolExecutor(2) as pool:
        for done in pool.map(lambda half: run_batch(half, timeout=timeout),
                             [jobs[0::2], jobs[1::2]]):
            outcomes.update(done)
    return outcomes


def report_rows(rows: list[tuple[str, list[str], Outcome]], failures: Counter[str],
                show: int, show_all: bool) -> int:
    """Prints each case's FAIL line with the last ``show`` lines of its output (every case's
    first line with ``show_all``), then the counts by class and by family; the failing count."""
    failing = 0
    for case_id, wrong, outcome in rows:
        count_failure(failures, wrong, outcome, case_id)
        if wrong:
            failing += 1
            for line in outcome.text.strip().splitlines()[-show:]:
                print("    | " + line[:300])
        elif show_all:
            print(case_id, outcome.code, outcome.text.strip()[:200].replace("\n", " "))
    by_family = Counter(case_id.split(":")[0] for case_id, wrong, _ in rows if wrong)
    print(f"cases {len(rows)}; failing {failing}; by class {dict(failures)}; "
          f"by family {dict(by_family)}")
    return failing


@contextmanager
def _worker(jobs: list[Job]) -> Iterator[queue.Queue[dict[str, Any] | None]]:
    environment = {**os.environ, "COLUMNS": "400", "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.support.hostile"], cwd=REPO, env=environment,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    messages: queue.Queue[dict[str, Any] | None] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("{"):
                messages.put(json.loads(line))
        messages.put(None)

    threading.Thread(target=read, daemon=True).start()
    assert process.stdin is not None
    process.stdin.write(json.dumps([asdict(job) for job in jobs]))
    process.stdin.close()
    try:
        yield messages
    finally:
        process.kill()
        process.wait()


def assert_handled(outcome: Outcome, *, exits: set[int], expect: list[str]) -> None:
    """The run ended as documented: an expected exit code, no traceback, the expected text."""
    context = f"exit {outcome.code}\n{outcome.raw[-3000:]}"
    assert outcome.code != -1, context
    assert outcome.code != 3, f"internal error\n{context}"
    assert "Traceback (most recent call last)" not in outcome.raw, context
    assert "internal error" not in outcome.raw, context
    assert outcome.code in exits, f"expected exit {sorted(exits)}\n{context}"
    for snippet in expect:
        assert snippet in outcome.text, f"{snippet!r} not in the output\n{context}"


def _serve_jobs() -> None:
    """The worker: run each job through the CLI in this process, one JSON line per job."""
    from typer.testing import CliRunner

    from seamguard.cli import app

    # Results go to the original stdout; anything a library writes to file descriptor 1
    # directly goes nowhere, so it cannot be mistaken for a result.
    results = os.fdopen(os.dup(1), "w")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    jobs = json.loads(sys.stdin.read())
    for job in jobs:
        print(json.dumps({"id": job["id"], "started": True}), file=results, flush=True)
        os.chdir(job["cwd"])
        runner = CliRunner(env={"COLUMNS": "400", "NO_COLOR": "1", **job["env"]})
        result = runner.invoke(app, job["argv"], input=job["stdin"], catch_exceptions=True)
        stderr = result.stderr
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            stderr += "".join(traceback.format_exception(result.exception))
        print(json.dumps({"id": job["id"], "code": result.exit_code, "stdout": result.stdout,
                          "stderr": stderr}), file=results, flush=True)


if __name__ == "__main__":
    _serve_jobs()
