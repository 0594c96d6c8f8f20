"""`seamguard probe` with schemathesis 4's own flags, on a service that breaks its contract one
way per operation: the failures are those schemathesis itself reports on it."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from seamguard.probe import _CODES
from tests.support.broken_api import broken_api, broken_project, probe
from tests.support.servers import serve

CHECK_OF = {code: name for name, code in _CODES.items()}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return broken_project(tmp_path / "p")


def st_failures(contract: Path, origin: str, reports: Path, *extra: str) -> set[tuple[str, str]]:
    """(operation, check) of every failure ``st run`` reports, read from its NDJSON events."""
    run = subprocess.run([sys.executable, "-m", "schemathesis.cli", "run", str(contract), "--url",
                    f"{origin}/api/v1", "--seed", "7", "--report", "ndjson", "--report-dir",
                    str(reports), *extra], capture_output=True, text=True, check=False,
                   timeout=300, cwd=reports.parent)
    assert list(reports.glob("*.ndjson")), run.stdout[-2000:] + run.stderr[-2000:]
    [events] = reports.glob("*.ndjson")
    found: set[tuple[str, str]] = set()

    def walk(node: Any, label: str) -> None:
        if isinstance(node, dict):
            if node.get("failure_info") and node.get("name"):
                found.add((label, node["name"]))
            for value in node.values():
                walk(value, label)
        elif isinstance(node, list):
            for value in node:
                walk(value, label)

    for line in events.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        if "ScenarioFinished" in event:
            walk(event, event["ScenarioFinished"]["recorder"]["label"])
    return found


def test_the_service_fails_the_checks_schemathesis_fails_it_on(root: Path,
                                                               tmp_path: Path) -> None:
    contract = root / "contracts" / "shop" / "v1" / "openapi.yaml"
    with serve(broken_api([])) as origin:
        code, found = probe(root, origin, "-n", "5", "-m", "all")
        theirs = st_failures(contract, origin, tmp_path / "st", "-n", "5", "-m", "all")
    ours = {(f["location"]["operation"], CHECK_OF[f["code"]]) for f in found
            if f["code"] in CHECK_OF}
    assert code == 1
    assert {("GET /items/{id}", "not_a_server_error"),
            ("GET /status", "status_code_conformance"),
            ("GET /profile", "response_schema_conformance"),
            ("GET /text", "content_type_conformance"),
            ("GET /headers", "response_headers_conformance")} <= theirs
    assert ours == theirs


def test_st_4_short_flags_and_regex_filters_are_taken(root: Path) -> None:
    calls: list[tuple[str, dict[str, str]]] = []
    with serve(broken_api(calls)) as origin:
        code, found = probe(root, origin, "-n", "2", "-m", "positive", "--request-timeout",
                            "5", "--no-shrink", "--include-operation-id-regex", "^getPro")
    assert code == 1
    assert {path for path, _ in calls} == {"/api/v1/profile"}
    assert {f["code"] for f in found} == {"probe.schema-violation"}


def test_deprecated_operations_and_regex_excludes_leave_operations_out(root: Path) -> None:
    calls: list[tuple[str, dict[str, str]]] = []
    with serve(broken_api(calls)) as origin:
        probe(root, origin, "-n", "1", "--include-method-regex", "get",
              "--exclude-name-regex", "items|status|profile|text|headers|slow")
        assert {path for path, _ in calls} == {"/api/v1/old"}
        calls.clear()
        code, _ = probe(root, origin, "-n", "1", "--exclude-deprecated",
                            "--include-tag-regex", "^heal")
    assert {path for path, _ in calls} == {"/api/v1/status"}
    assert code == 1


def test_basic_auth_from_a_is_sent_and_never_reported(root: Path) -> None:
    calls: list[tuple[str, dict[str, str]]] = []
    with serve(broken_api(calls)) as origin:
        code, found = probe(root, origin, "-n", "2", "-a", "api:s3cret-pass-9",
                            "--include-path", "/items/{id}")
    token = base64.b64encode(b"api:s3cret-pass-9").decode()
    assert code == 1
    assert {headers.get("authorization") for _, headers in calls} == {f"Basic {token}"}
    reports = "".join(p.read_text(encoding="utf-8") for p in (root / "reports").rglob("*")
                      if p.is_file())
    for secret in (token, "s3cret-pass-9"):
        assert secret not in json.dumps(found) + reports


def test_a_slow_answer_fails_max_response_time(root: Path) -> None:
    with serve(broken_api([], slow=0.3)) as origin:
        code, found = probe(root, origin, "-n", "1", "--include-path", "/slow",
                            "--max-response-time", "0.05")
    assert code == 1
    assert {f["code"] for f in found} == {"probe.slow"}


@pytest.mark.parametrize(("args", "said"), [
    (["--phases", "fuzing"], "did you mean 'fuzzing'?"),
    (["--phases", "stateful"], "--allow-unsafe"),
    (["-a", "no-colon"], "USER:PASS"),
    (["--include-tag-regex", "("], "--include-tag-regex '(' is not a regular expression"),
])
def test_bad_st_flag_values_are_usage_errors(root: Path, args: list[str], said: str) -> None:
    code, output = probe(root, "http://127.0.0.1:9", *args)
    assert code == 2
    assert said in " ".join(output.split())


def test_phases_choose_what_schemathesis_runs(root: Path) -> None:
    calls: list[tuple[str, dict[str, str]]] = []
    with serve(broken_api(calls)) as origin:
        code, _ = probe(root, origin, "-n", "3", "--phases", "examples",
                        "--include-path", "/status")
    # The contract has no examples: the examples phase alone sends nothing.
    assert calls == []
    assert code == 1  # nothing examined is no pass
