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
import yaml

from seamguard.contracts.catalog import ContractCatalog
from seamguard.findings import Finding
from seamguard.verify import RecordedVerifier
from seamguard.verify_gateway_plan import GatewayPlans
from tests.support.gateway_traffic import FIXTURE, SECRETS, finding_record, record, scenarios


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
            "field.wrong-type", "field.missing", "body.undecodable", "body.not-xml"} <= codes
    for scenario, runs in recorded.items():
        clean = sum(1 for found in runs if not found)
        assert len(runs) // 5 < clean < len(runs) - len(runs) // 5, scenario


def test_plans_pass_only_calls_without_findings(tmp_path: Path, recorded: dict[str, Any],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan says "clean" only where the full check finds nothing, and says it for every
    such call of this traffic, answered in JSON or in XML (so the fast path is what the
    comparison above exercises)."""
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    for scenario, project, items in scenarios(tmp_path):
        expected = recorded[f"{scenario}-signed"]
        path = tmp_path / f"{scenario}-signed.yaml"
        path.write_text(yaml.safe_dump({"interactions": items, "version": 1},
                                       allow_unicode=True), encoding="utf-8")
        verifier = RecordedVerifier(project, ContractCatalog(project))
        plans = GatewayPlans(project, verifier.router, verifier.catalog, verifier.gateway,
                             max_body=verifier.max_body, max_depth=verifier.max_depth)
        cassette = verifier.read(path)
        assert not isinstance(cassette, Finding)
        passed = without = passed_xml = 0
        for interaction in cassette.each():
            clean = plans.clean(interaction)  # before the full check, as verify() asks it
            findings = verifier.verify(cassette, interaction)
            assert [finding_record(f) for f in findings] == expected[interaction.index]
            if clean:
                passed += 1
                assert not findings, (scenario, interaction.index)
                passed_xml += "xml" in interaction.response_headers.get("content-type", "")
            without += not findings
        assert passed == without, scenario
        if scenario == "example":
            assert passed_xml > 0  # the TOP pack's format=xml page
