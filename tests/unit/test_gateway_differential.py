"""Gateway verification gives the same findings as when ``gateway_findings.json`` was recorded.

The traffic (``tests.support.gateway_traffic``) is valid and broken TOP, JD, Pinduoduo and SF
calls: bad parameters, unknown operations, in-band errors, broken embedded JSON, stale or
missing signatures. Every finding is compared whole: code, severity, message, location,
expected, actual and hint.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.gateway_traffic import FIXTURE, record


@pytest.fixture(scope="module")
def recorded() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_findings_match_the_recorded_ones(tmp_path: Path, recorded: dict[str, Any]) -> None:
    now = record(tmp_path)
    assert sorted(now) == sorted(recorded)
    for scenario, runs in recorded.items():
        assert len(now[scenario]) == len(runs), scenario
        for index, (expected, actual) in enumerate(zip(runs, now[scenario], strict=True)):
            assert actual == expected, f"{scenario}, interaction {index}"


def test_the_traffic_is_varied(recorded: dict[str, Any]) -> None:
    """Clean calls and every kind of gateway finding are in it (else the comparison is weak)."""
    codes = {f["code"] for runs in recorded.values() for found in runs for f in found}
    assert {"signature.invalid", "signature.missing", "signature.unchecked",
            "response.in-band-error", "response.unknown-envelope", "body.embedded-not-json",
            "operation.undocumented", "operation.name-missing", "field.undeclared",
            "field.wrong-type", "field.missing", "body.undecodable"} <= codes
    for scenario, runs in recorded.items():
        clean = sum(1 for found in runs if not found)
        assert len(runs) // 5 < clean < len(runs) - len(runs) // 5, scenario
