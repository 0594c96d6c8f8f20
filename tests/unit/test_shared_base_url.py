"""Platforms whose settings share one base URL: a recorded call goes to the platform whose
contract declares it; when both or neither do, a finding says so instead of picking one."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.findings import Finding, Severity
from tests.support.projects import (
    GOOD_ORDER,
    MINI_CONTRACT,
    MINI_SETTINGS,
    interaction,
    mini_project,
    verify_project,
)

# A second platform's contract: customers only, no orders.
CUSTOMERS = """
openapi: 3.1.0
info: {title: CRM, version: v1}
paths:
  /customers/{id}.json:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      responses:
        "200":
          description: One customer.
          content:
            application/json:
              schema:
                type: object
                required: [customer]
                properties:
                  customer:
                    type: object
                    required: [id]
                    properties: {id: {type: integer}}
"""
URL = "https://shop.example.com/api/v1"


def _project(root: Path, second_contract: str, second_base: str, *calls: dict[str, object],
             second_first: bool = False) -> Path:
    second = f'[tool.seamguard.platforms.crm]\nversions = ["v1"]\nbase_url = "{second_base}"\n'
    settings = (MINI_SETTINGS.replace("[tool.seamguard]\n", "[tool.seamguard]\n\n" + second)
                if second_first else MINI_SETTINGS + "\n" + second)
    project = mini_project(root / "p", settings=settings, interactions=list(calls))
    folder = project / "contracts" / "crm" / "v1"
    folder.mkdir(parents=True)
    (folder / "openapi.yaml").write_text(second_contract, encoding="utf-8")
    return project


def _only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, [f.code for f in findings]
    return findings[0]


@pytest.mark.parametrize("second_base", [
    "https://shop.example.com/api/{version}",
    "https://SHOP.example.com:443/api/{version}/",  # the same URL as RFC 3986 reads it
])
def test_each_call_goes_to_the_platform_whose_contract_declares_it(
        tmp_path: Path, second_base: str) -> None:
    project = _project(tmp_path, CUSTOMERS, second_base,
                       interaction(GOOD_ORDER),
                       interaction({"customer": {"id": 7}}, uri=f"{URL}/customers/7.json"))
    assert verify_project(project) == []


def test_the_platform_is_found_by_its_contract_whichever_comes_first(tmp_path: Path) -> None:
    # crm is configured first: an order still belongs to the shop, and is checked there
    bad = {"order": {**GOOD_ORDER["order"], "status": "expired"}}
    project = _project(tmp_path, CUSTOMERS, "https://shop.example.com/api/{version}",
                       interaction(bad), second_first=True)
    assert "platforms.crm" in (project / "pyproject.toml").read_text().split("platforms.shop")[0]
    finding = _only(verify_project(project))
    assert (finding.code, finding.location.platform) == ("field.unknown-enum", "shop")


def test_a_call_both_contracts_declare_is_a_finding_naming_both(tmp_path: Path) -> None:
    project = _project(tmp_path, MINI_CONTRACT, "https://shop.example.com/api/{version}",
                       interaction(GOOD_ORDER))
    finding = _only(verify_project(project))
    assert finding.code == "interaction.ambiguous-platform"
    assert finding.severity is Severity.ERROR
    assert "shop and crm" in finding.message
    # where each platform's base_url is written
    text = (project / "pyproject.toml").read_text().split("\n")
    lines = [n for n, line in enumerate(text, start=1) if line.startswith("base_url")]
    assert f"shop (pyproject.toml:{lines[0]})" in finding.message
    assert f"crm (pyproject.toml:{lines[1]})" in finding.message
    assert finding.hint is not None
    assert "own base_url" in finding.hint
    assert finding.location.file == "orders.yaml"


def test_a_call_neither_contract_declares_is_a_finding_naming_both(tmp_path: Path) -> None:
    project = _project(tmp_path, CUSTOMERS, "https://shop.example.com/api/{version}",
                       interaction(GOOD_ORDER, uri=f"{URL}/refunds/1.json"))
    finding = _only(verify_project(project))
    assert finding.code == "interaction.ambiguous-platform"
    assert "declared by no contract" in finding.message
    assert "shop and crm" in finding.message


def test_a_longer_base_url_still_wins_over_a_shorter_one(tmp_path: Path) -> None:
    # not a shared base URL: https://shop.example.com/api/v1 is below the other's base
    project = _project(tmp_path, CUSTOMERS, "https://shop.example.com",
                       interaction(GOOD_ORDER))
    assert verify_project(project) == []
