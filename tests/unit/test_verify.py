"""Recorded verification on a small project: routing, statuses, headers, bodies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from seamguard.contracts.catalog import ContractCatalog
from seamguard.findings import Finding, Severity
from seamguard.project import find_project
from seamguard.verify import RecordedVerifier
from tests.support.projects import GOOD_ORDER, interaction, mini_project, verify_project

BASE = "https://shop.example.com/api"


def verify(root: Path, *interactions: dict[str, Any]) -> list[Finding]:
    project = mini_project(root, interactions=list(interactions))
    return verify_project(project)


def codes(findings: list[Finding]) -> list[str]:
    return [finding.code for finding in findings]


def test_clean_interaction(tmp_path: Path) -> None:
    assert verify(tmp_path, interaction(GOOD_ORDER)) == []


def test_finding_names_file_interaction_pointer_and_line(tmp_path: Path) -> None:
    bad = {"order": {**GOOD_ORDER["order"], "status": "expired"}}
    [finding] = verify(tmp_path, interaction(GOOD_ORDER), interaction(bad))
    assert finding.code == "field.unknown-enum"
    assert finding.severity is Severity.ERROR
    loc = finding.location
    assert (loc.file, loc.interaction, loc.pointer) == ("orders.yaml", 1, "/order/status")
    assert (loc.platform, loc.version, loc.operation) == ("shop", "v1", "GET /orders/{id}.json")
    assert loc.line is not None
    assert loc.line > 1
    assert finding.actual == "expired"


@pytest.mark.parametrize(
    ("item", "code"),
    [
        (interaction(GOOD_ORDER, uri=f"{BASE}/v1/refunds/1.json"), "operation.undocumented"),
        (interaction(GOOD_ORDER, method="DELETE"), "operation.undocumented"),
        (interaction(GOOD_ORDER, status=500), "status.undocumented"),
        (interaction(GOOD_ORDER, uri=f"{BASE}/v0/orders/1.json"), "interaction.unknown-version"),
        (interaction(GOOD_ORDER, uri="https://elsewhere.example.com/x"),
         "interaction.unknown-platform"),
        (interaction(GOOD_ORDER, headers={"Content-Type": ["application/json"]}),
         "header.missing"),
        (interaction(GOOD_ORDER, headers={"Content-Type": ["text/html"], "X-Request-Id": ["1"]}),
         "content-type.undeclared"),
        (interaction("<html>oops</html>"), "body.not-json"),
        (interaction(""), "body.empty"),
        (interaction(b'{"order": "\xff"}'), "body.undecodable"),
    ],
)
def test_failure_classes(tmp_path: Path, item: dict[str, Any], code: str) -> None:
    assert codes(verify(tmp_path, item)) == [code]


def test_a_gbk_body_without_a_charset_is_a_warning_and_still_checked(tmp_path: Path) -> None:
    headers = {"Content-Type": ["application/json"], "X-Request-Id": ["r1"]}
    clean = {"order": {**GOOD_ORDER["order"], "note": "请尽快发货"}}
    gbk = json.dumps(clean, ensure_ascii=False).encode("gbk")
    [said] = verify(tmp_path, interaction(gbk, headers=headers))
    assert (said.code, said.severity, said.actual) == (
        "body.charset-undeclared", Severity.WARNING, "GBK")
    bad = {"order": {**clean["order"], "status": "expired"}}
    assert codes(verify(tmp_path, interaction(json.dumps(bad, ensure_ascii=False).encode(
        "gbk"), headers=headers))) == ["body.charset-undeclared", "field.unknown-enum"]
    assert verify(tmp_path, interaction(json.dumps(clean, ensure_ascii=False).encode(),
                                        headers=headers)) == []


def test_undeclared_field_is_a_warning(tmp_path: Path) -> None:
    body = {"order": {**GOOD_ORDER["order"], "loyalty_tier": "gold"}}
    [finding] = verify(tmp_path, interaction(body))
    assert (finding.code, finding.severity) == ("field.undeclared", Severity.WARNING)


def test_too_large_body_is_reported_not_skipped(tmp_path: Path) -> None:
    root = mini_project(tmp_path, settings="""
[tool.seamguard]
max_body_mb = 0.001

[tool.seamguard.platforms.shop]
versions = ["v1"]
base_url = "https://shop.example.com/api/{version}"
""", interactions=[interaction({"order": {"note": "x" * 5000}})])
    loaded = find_project(root)
    verifier = RecordedVerifier(loaded, ContractCatalog(loaded))
    cassette = verifier.read(root / "fixtures/cassettes/orders.yaml")
    assert not isinstance(cassette, Finding)
    assert codes(verifier.verify_cassette(cassette)) == ["body.too-large"]


def test_personal_data_is_masked_in_findings(tmp_path: Path) -> None:
    contract = """
openapi: 3.1.0
info: {title: t, version: v1}
paths:
  /c.json:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties: {phone: {type: string, pattern: "^[+]"}}
"""
    root = mini_project(tmp_path, contract=contract, interactions=[
        interaction({"phone": "13812345678"}, uri=f"{BASE}/v1/c.json",
                    headers={"Content-Type": ["application/json"]})])
    loaded = find_project(root)
    verifier = RecordedVerifier(loaded, ContractCatalog(loaded))
    cassette = verifier.read(root / "fixtures/cassettes/orders.yaml")
    assert not isinstance(cassette, Finding)
    [finding] = verifier.verify_cassette(cassette)
    assert finding.code == "field.wrong-format"
    assert "12345678" not in finding.message
    assert "12345678" not in str(finding.actual)


def test_undeclared_fields_off_skips_only_that_check(tmp_path: Path) -> None:
    root = mini_project(tmp_path, settings="""
[tool.seamguard]
undeclared_fields = "off"

[tool.seamguard.platforms.shop]
versions = ["v1"]
base_url = "https://shop.example.com/api/{version}"
""", interactions=[
        interaction({"order": {**GOOD_ORDER["order"], "loyalty_tier": "gold"}}),
        interaction({"order": {**GOOD_ORDER["order"], "extra": 1, "status": "expired"}}),
    ])
    loaded = find_project(root)
    verifier = RecordedVerifier(loaded, ContractCatalog(loaded))
    cassette = verifier.read(root / "fixtures/cassettes/orders.yaml")
    assert not isinstance(cassette, Finding)
    assert codes(verifier.verify_cassette(cassette)) == ["field.unknown-enum"]


@pytest.mark.parametrize(("expected", "actual", "says"), [
    ("time", "19:30:00", "UTC offset"),
    ("date-time", "2022-02-11T16:30:00", "UTC offset"),
    ("date-time", "2022-02-11T16:30:00.125", "UTC offset"),
    ("time", "7pm", "another format"),
    ("date-time", "2022-02-11", "another format"),
    ("email", "not-an-email", "another format"),
])
def test_a_wrong_format_says_why_and_what_to_do(expected: str, actual: str, says: str) -> None:
    from seamguard.contracts.validation import Violation
    from seamguard.verify_hints import violation_hint

    hint = violation_hint(Violation("field.wrong-format", "/x", "m", expected, actual))
    assert hint is not None
    assert says in hint
