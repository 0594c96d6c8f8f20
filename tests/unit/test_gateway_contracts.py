"""Gateway contracts: the `/gateway#operation` convention in lint, and in contract diff."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.diff import diff_contracts
from seamguard.contracts.lint import lint_contract
from seamguard.contracts.model import load_contract
from seamguard.project import find_project
from tests.support.gateway import SF_CONTRACT, TOP_CONTRACT, gateway_project


def _lint(root: Path, platform: str, version: str, document: dict[str, Any]) -> list[Any]:
    gateway_project(root, {})
    (root / "contracts" / platform / version / "openapi.yaml").write_text(
        yaml.safe_dump(document), encoding="utf-8")
    project = find_project(root, explicit=True)
    return [f for f in lint_contract(ContractCatalog(project), platform, version)
            if f.code == "contract.gateway-convention"]


def _op() -> dict[str, Any]:
    return {"responses": {"200": {"description": "ok"}}}


def test_the_shipped_test_contracts_follow_the_convention(tmp_path: Path) -> None:
    gateway_project(tmp_path, {})
    project = find_project(tmp_path, explicit=True)
    catalog = ContractCatalog(project)
    assert lint_contract(catalog, "taobao", "2.0") == []
    assert lint_contract(catalog, "sf", "v2") == []


def test_convention_breaches_are_reported_with_their_line(tmp_path: Path) -> None:
    document = {"openapi": "3.1.0", "info": {"title": "t", "version": "2.0"}, "paths": {
        "/router/rst#taobao.trades.sold.get": {"post": _op()},   # wrong gateway path
        "/router/rest#Taobao Trades": {"post": _op()},           # not a TOP name
        "/router/rest#taobao.trade.get": {"post": _op(), "get": _op()},  # declared twice
        "/router/rest#": {"post": _op()},                        # no name
    }}
    findings = _lint(tmp_path, "taobao", "2.0", document)
    messages = sorted(f.message for f in findings)
    assert len(findings) == 4
    assert any("not at taobao's gateway path /router/rest" in m for m in messages)
    assert any("does not look like" in m for m in messages)
    assert any("declared twice" in m for m in messages)
    assert any("names no operation" in m for m in messages)
    assert all(f.location.line for f in findings)


def test_the_bare_gateway_path_is_unreachable(tmp_path: Path) -> None:
    # A call at /router/rest is routed by its `method`; one without it is
    # operation.name-missing, so an operation declared at the bare path is never checked.
    document = {"openapi": "3.1.0", "info": {"title": "t", "version": "2.0"}, "paths": {
        "/router/rest": {"post": _op()},
        "/router/rest#taobao.trades.sold.get": {"post": _op()},
        "/oauth/token": {"post": _op()},  # another path of the host: left alone
    }}
    [finding] = _lint(tmp_path, "taobao", "2.0", document)
    assert finding.severity.value == "error"
    assert finding.location.pointer == "/paths/~1router~1rest"
    assert "names no operation" in finding.message
    assert finding.hint == "write /router/rest#<method value>"
    assert finding.location.line


def test_fragment_paths_on_a_rest_platform(tmp_path: Path) -> None:
    root = tmp_path / "x"
    root.mkdir()
    gateway_project(root, {}, settings="""
[tool.seamguard]
contracts = "contracts"
[tool.seamguard.platforms.taobao]
base_url = "https://eco.taobao.com"
versions = ["2.0"]
[tool.seamguard.platforms.sf]
protocol = "sf-fengqiao"
base_url = "https://sfapi.sf-express.com"
versions = ["v2"]
""")
    project = find_project(root, explicit=True)
    findings = [f for f in lint_contract(ContractCatalog(project), "taobao", "2.0")
                if f.code == "contract.gateway-convention"]
    assert len(findings) == 2
    assert all("routed by path" in f.message for f in findings)


def _load(tmp_path: Path, name: str, text: str) -> Any:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return load_contract(path, platform="sf", version=name)


def test_diff_treats_fragment_paths_as_operations(tmp_path: Path) -> None:
    base = yaml.safe_load(TOP_CONTRACT)
    revision = yaml.safe_load(TOP_CONTRACT)
    del revision["paths"]["/router/rest#taobao.trade.fullinfo.get"]
    revision["paths"]["/router/rest#taobao.trades.sold.increment.get"] = \
        base["paths"]["/router/rest#taobao.trades.sold.get"]
    changes = diff_contracts(_load(tmp_path, "a", yaml.safe_dump(base)),
                             _load(tmp_path, "b", yaml.safe_dump(revision)))
    found = {(c.id, c.operation) for c in changes}
    assert ("endpoint-added", "POST /router/rest#taobao.trades.sold.increment.get") in found
    assert ("api-path-removed-without-deprecation",
            "POST /router/rest#taobao.trade.fullinfo.get") in found


def test_diff_descends_into_content_schemas(tmp_path: Path) -> None:
    revision = SF_CONTRACT.replace("count: {type: integer}", "count: {type: string}")
    assert revision != SF_CONTRACT
    changes = diff_contracts(_load(tmp_path, "a", SF_CONTRACT), _load(tmp_path, "b", revision))
    [change] = [c for c in changes if "type" in c.id]
    assert change.operation == "POST /std/service#EXP_RECE_CREATE_ORDER"
    assert "⟨json⟩" in change.path
    assert "count" in change.path
