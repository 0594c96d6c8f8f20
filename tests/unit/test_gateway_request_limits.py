"""A recorded gateway request body over max_body_mb is said and not read, as an answer's is."""

from __future__ import annotations

import json
from pathlib import Path

from seamguard.contracts.catalog import ContractCatalog
from seamguard.findings import Finding
from seamguard.project import find_project
from seamguard.verify import RecordedVerifier
from tests.support.gateway import SETTINGS, SF_URL, gateway_project, interaction, sf_response
from tests.support.hostile_fresh3_gateway import SF_CREATED, SF_ORDER, sf_form


def _verify(root: Path, msg_data: str) -> list[Finding]:
    settings = SETTINGS.replace("[tool.seamguard]\n", "[tool.seamguard]\nmax_body_mb = 0.01\n")
    project = find_project(gateway_project(root, {"calls": [
        interaction(SF_URL, sf_form(msg_data), sf_response(SF_CREATED))]}, settings),
        explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    cassette = verifier.read(project.cassettes_dir / "calls.yaml")
    assert not isinstance(cassette, Finding)
    return [f for f in verifier.verify_cassette(cassette) if f.code != "signature.unchecked"]


def test_a_request_body_over_the_limit_is_said_once(tmp_path: Path) -> None:
    big = json.dumps(dict(SF_ORDER, orderId="Q" * 20_000))
    [finding] = _verify(tmp_path, big)
    assert finding.code == "body.too-large"
    assert "max_body_mb" in finding.message


def test_a_request_body_under_the_limit_is_checked(tmp_path: Path) -> None:
    assert _verify(tmp_path, json.dumps(SF_ORDER)) == []
