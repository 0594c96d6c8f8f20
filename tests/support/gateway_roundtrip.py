"""The gateway scorers' cases the way users run them: each platform's cases written as a real
project on disk (its settings and contract, one cassette per case serialised by vcrpy itself,
headers as vcrpy stores them and bodies as the bytes that crossed the wire), then the real
``seamguard verify`` (and ``seamguard check``) run in a subprocess, ``report.json`` read back and
every case's findings compared with the in-memory verdict and with what the case expects.

``seamguard check`` runs the privacy check too: the personal data some cases' orders hold
(names, phones) is counted apart and makes that project's expected exit code 1; every other
finding of ``check`` must be the in-memory verdict.

The wire bytes of a case: a bytes body is sent as it is; a text body is encoded in the charset
its ``Content-Type`` names (UTF-8 when it names none), as an HTTP client sends it. A platform's
cases are split into two projects, those expected clean at the default ``--fail-on error`` and
the others, so each project's exit code (0 and 1, README "Exit codes") says something; settings
that must be refused are run once each and must exit 2 naming the clash.

    python -m tests.support.gateway_fresh2 --round-trip     # likewise fresh3, fresh4
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import Any

E = "error"
Found = list[tuple[str, str | None, str]]  # (code, pointer, severity), as the scorers write it
COMMANDS = ("verify", "check")


def charset_of(content_type: str | None) -> str | None:
    """The charset a Content-Type names, or None."""
    if not content_type:
        return None
    message = Message()
    message["content-type"] = content_type
    found = message.get_content_charset()
    return str(found) if found else None


def wire_bytes(body: bytes | str | None, content_type: str | None) -> bytes | None:
    """The bytes an HTTP client sends for ``body`` under ``content_type``."""
    if body is None or isinstance(body, bytes):
        return body
    try:
        return body.encode(charset_of(content_type) or "utf-8")
    except (LookupError, UnicodeEncodeError):
        return body.encode("utf-8")


def _title(name: str) -> str:
    """A header name as HTTP clients spell it (``Content-Type``), kept if already mixed."""
    return "-".join(p[:1].upper() + p[1:] for p in name.split("-")) if name.islower() else name


def write_cassette(path: Path, case: Any) -> None:
    """One case as vcrpy records it: its Request object and response dict through vcrpy's own
    YAML serializer (bytes bodies that are UTF-8 become text, others ``!!binary``)."""
    from vcr.request import Request
    from vcr.serialize import serialize
    from vcr.serializers import yamlserializer

    recorded = case.interaction(0)
    request_type = recorded.request_headers.get("content-type")
    request = Request(recorded.method, recorded.uri,
                      wire_bytes(recorded.request_body, request_type),
                      {_title(k): v for k, v in recorded.request_headers.items()})
    answer_type = recorded.response_headers.get("content-type")
    response = {"status": {"code": recorded.status, "message": "OK"},
                "headers": {_title(k): [v] for k, v in recorded.response_headers.items()},
                "body": {"string": wire_bytes(recorded.response_body, answer_type)}}
    path.write_text(serialize({"requests": [request], "responses": [response]},
                              yamlserializer), encoding="utf-8")


@dataclass
class Run:
    """One CLI run over one project: its exit code, what it printed on stderr, and the
    findings of report.json by cassette (file name without ``.yaml``; ``""`` for none)."""

    command: str
    code: int
    stderr: str
    findings: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    personal: int = 0  # privacy.personal-data findings of ``check``, counted apart


def run_cli(command: str, project: Path) -> Run:
    """``seamguard COMMAND --project PROJECT`` in a subprocess, with report.json read back."""
    reports = project / "reports"
    done = subprocess.run(
        [sys.executable, "-m", "seamguard", command, "--project", str(project),
         "--reports", str(reports), "--format", "json"],
        capture_output=True, text=True, env=dict(os.environ), timeout=600, check=False)
    run = Run(command, done.returncode, done.stderr)
    report = reports / "report.json"
    if not report.is_file():
        return run
    for finding in json.loads(report.read_text(encoding="utf-8")).get("findings", []):
        if finding.get("check") == "privacy" and finding.get("code") == "privacy.personal-data":
            run.personal += 1  # the cases' own order data (names, phones): no verify verdict
            continue
        where = (finding.get("location") or {}).get("file") or ""
        stem = Path(where).stem if where.startswith("fixtures/cassettes/") else ""
        run.findings.setdefault(stem, []).append(finding)
    return run


def _triples(findings: Iterable[Mapping[str, Any]]) -> Found:
    return [(f["code"], (f.get("location") or {}).get("pointer"), f["severity"])
            for f in findings]


def _same(a: Found, b: Found) -> bool:
    return sorted(a, key=str) == sorted(b, key=str)


@dataclass
class RoundTrip:
    """What the round trip saw: every difference, and how many cases and runs it compared."""

    differences: list[str] = field(default_factory=list)
    cases: int = 0
    runs: int = 0
    differing_cases: set[str] = field(default_factory=set)
    personal: int = 0


def round_trip(root: Path, grouped: Mapping[str, list[Any]],
               write_project: Callable[[Path, str], Path],
               in_memory: list[tuple[Any, Found | str]],
               meant_by_case: Mapping[str, str],
               commands: Iterable[str] = COMMANDS) -> RoundTrip:
    """Every platform's cases through the CLI, compared with ``in_memory`` (the scorer's
    verdicts) and with each case's expected findings; exit codes as the README documents."""
    memory = {case.name: found for case, found in in_memory}
    out = RoundTrip()
    for platform, items in grouped.items():
        clean = [c for c in items if all(s != E for _, _, s in c.expected)]
        failing = [c for c in items if c not in clean]
        for group, cases_, exit_code in (("clean", clean, 0), ("failing", failing, 1)):
            if not cases_:
                continue
            project = write_project(root / f"{platform}-{group}", platform)
            folder = project / "fixtures" / "cassettes"
            for case in cases_:
                write_cassette(folder / f"{case.name}.yaml", case)
            out.cases += len(cases_)
            for command in commands:
                run = run_cli(command, project)
                out.runs += 1
                _compare(out, run, platform, group, cases_, exit_code, memory, meant_by_case)
    return out


def _compare(out: RoundTrip, run: Run, platform: str, group: str, cases_: list[Any],
             exit_code: int, memory: Mapping[str, Found | str],
             meant_by_case: Mapping[str, str]) -> None:
    where = f"{run.command} {platform}-{group}"
    if run.personal:
        exit_code = 1  # personal data in a cassette fails ``check`` (the privacy check)
        out.personal += run.personal
    if run.code != exit_code:
        tail = run.stderr.strip().splitlines()[-1:] if run.stderr.strip() else []
        out.differences.append(f"{where}: exit {run.code}, expected {exit_code} {tail}")
    stray = run.findings.get("", [])
    if stray:
        out.differences.append(f"{where}: findings outside any cassette "
                               f"{_triples(stray)}")
    for case in cases_:
        got = _triples(run.findings.get(case.name, []))
        before = memory.get(case.name)
        if isinstance(before, str) or before is None or not _same(got, before):
            out.differing_cases.add(case.name)
            out.differences.append(f"{where} {case.name}: CLI {got}, in memory {before}")
        elif not _same(got, case.expected):
            out.differing_cases.add(case.name)
            out.differences.append(f"{where} {case.name}: CLI {got}, expected {case.expected}")
        meant = meant_by_case.get(case.name)
        hints = [f.get("hint") or "" for f in run.findings.get(case.name, [])]
        if meant is not None and not any(f"did you mean {meant!r}" in h for h in hints):
            out.differing_cases.add(case.name)
            out.differences.append(f"{where} {case.name}: no hint offers {meant!r}: {hints}")


def refused_round_trip(root: Path, refused: Mapping[str, tuple[str, Iterable[str]]],
                       write_settings: Callable[[Path, str], Path]) -> RoundTrip:
    """Each settings text that must be refused, through ``seamguard verify``: exit 2 with a
    message holding its words, and no traceback."""
    out = RoundTrip()
    for name, (_settings, words) in refused.items():
        run = run_cli("verify", write_settings(root / f"refused-{name}", name))
        out.runs += 1
        out.cases += 1
        missing = [w for w in words if w not in run.stderr]
        if run.code != 2 or missing or "Traceback" in run.stderr:
            out.differing_cases.add(name)
            out.differences.append(f"verify refused-{name}: exit {run.code}, missing {missing} "
                                   f"in {run.stderr.strip()[-300:]!r}")
    return out


def report(found: RoundTrip) -> int:
    """Prints every difference and the figure; 0 when the CLI agrees everywhere."""
    for line in found.differences:
        print(f"ROUND-TRIP {line}")
    agreed = found.cases - len(found.differing_cases)
    print(f"round trip: {agreed}/{found.cases} cases agree in memory and through the CLI "
          f"({found.runs} runs, {len(found.differences)} differences; `check` also found "
          f"{found.personal} personal value(s) the cases' orders hold)")
    return 0 if not found.differences else 1
