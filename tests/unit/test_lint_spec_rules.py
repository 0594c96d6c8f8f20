"""Rules of the OpenAPI specification the meta-schema cannot express: path templates that are
no templates, paths that differ only in variable names, server URL variables, security
requirements naming no scheme, header parameters the specification ignores."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.lint import lint_contract
from seamguard.contracts.operations import is_template
from seamguard.findings import Finding
from seamguard.project import find_project
from tests.support.hostile import run_seamguard
from tests.support.projects import MINI_CONTRACT, good_order, interaction, mini_project

_PARAM = "- {name: id, in: path, required: true, schema: {type: integer}}"


def _lint(tmp_path: Path, contract: str) -> list[Finding]:
    root = mini_project(tmp_path / "p", contract=contract)
    return lint_contract(ContractCatalog(find_project(root)), "shop", "v1")


def _codes(findings: list[Finding]) -> list[tuple[str, str, str | None]]:
    return [(f.code, f.severity.value, f.location.pointer) for f in findings]


@pytest.mark.parametrize("path", ["/orders/{id.json", "/orders/{}.json", "/orders/id}.json",
                                  "/orders/{id{x}}.json", "/orders/{order id}.json"])
def test_a_path_that_is_no_template_is_named(tmp_path: Path, path: str) -> None:
    findings = _lint(tmp_path, MINI_CONTRACT.replace("/orders/{id}.json", path))
    assert findings, path
    assert findings[0].code == "contract.invalid"
    assert path in findings[0].message
    assert not any("could not process" in f.message for f in findings)


def test_verify_names_the_path_that_is_no_template(tmp_path: Path) -> None:
    root = mini_project(tmp_path / "p", contract=MINI_CONTRACT.replace(
        "/orders/{id}.json", "/orders/{id.json"), interactions=[interaction(
            {"order": good_order()})])
    outcome = run_seamguard("verify", "--project", str(root), "-f", "json")
    assert outcome.code == 1
    assert "'/orders/{id.json' (contracts/shop/v1/openapi.yaml:5) is no valid path template" \
        in outcome.text


@pytest.mark.parametrize("variable", ["{order id}", "{ id }", "{order\u00a0id}", "{{id}}"])
def test_a_template_with_a_blank_or_doubled_braces_routes_no_recording(
        tmp_path: Path, variable: str) -> None:
    # Read loosely, `{order id}` would take any segment and pass the recording silently.
    path = "/orders/" + variable + ".json"
    contract = MINI_CONTRACT.replace("/orders/{id}.json", '"' + path + '"').replace(
        "{name: id, in: path", '{name: "' + variable.strip("{}") + '", in: path')
    url = "https://shop.example.com/api/v1" + re.sub(r"\{[^}/]+\}", "1", path)
    root = mini_project(tmp_path / "p", contract=contract,
                        interactions=[interaction({"order": good_order()}, uri=url)])
    outcome = run_seamguard("verify", "--project", str(root), "-f", "json")
    assert outcome.code == 1, outcome.text
    assert f"{path!r} (contracts/shop/v1/openapi.yaml:5) is no valid path template" \
        in outcome.text


@pytest.mark.parametrize("path", ["/orders/{id}.json", "/orders/{order-id}.json",
                                  "/a/{x}-{y}", "/literal"])
def test_valid_templates_are_templates(path: str) -> None:
    assert is_template(path)


@pytest.mark.parametrize("path", ["/orders/{order id}.json", "/orders/{id", "/{}", "/{{id}}",
                                  "/orders/{id\t}"])
def test_invalid_templates_are_not(path: str) -> None:
    assert not is_template(path)


def test_paths_differing_only_in_variable_names_are_one_too_many(tmp_path: Path) -> None:
    twin = ("  /orders/{oid}.json:\n    get:\n      parameters: [{name: oid, in: path, "
            "required: true, schema: {type: integer}}]\n      responses: {'204': "
            "{description: ok}}\n")
    findings = _lint(tmp_path, MINI_CONTRACT.replace("paths:\n", "paths:\n" + twin, 1))
    assert ("contract.ambiguous-path", "warning", "/paths/~1orders~1{id}.json") in _codes(findings)


@pytest.mark.parametrize(("server", "pointer", "said"), [
    ("{url: 'https://{host}.example.com'}", "/servers/0/url", "uses {host}"),
    ("{url: 'https://{host}.example.com', variables: {hots: {default: a}}}", "/servers/0/url",
     "did you mean {hots}?"),
    ("{url: 'https://{host}.example.com', variables: {host: {default: c, enum: [a, b]}}}",
     "/servers/0/variables/host/default", "defaults to 'c'"),
])
def test_a_server_url_must_be_buildable(tmp_path: Path, server: str, pointer: str,
                                        said: str) -> None:
    findings = _lint(tmp_path, MINI_CONTRACT.replace("paths:\n", f"servers: [{server}]\npaths:\n"))
    assert _codes(findings) == [("contract.server-variable", "error", pointer)]
    assert said in findings[0].message + " " + (findings[0].hint or "")


def test_a_server_whose_variables_are_declared_is_clean(tmp_path: Path) -> None:
    server = "{url: 'https://{host}.example.com', variables: {host: {default: a, enum: [a]}}}"
    assert _lint(tmp_path, MINI_CONTRACT.replace("paths:\n", f"servers: [{server}]\npaths:\n")
                 ) == []


@pytest.mark.parametrize("declared", ["", "  securitySchemes:\n    Ghost: {type: http, "
                                          "scheme: bearer}\n"])
def test_a_security_requirement_must_name_a_declared_scheme(tmp_path: Path,
                                                            declared: str) -> None:
    contract = MINI_CONTRACT.replace("components:\n", "components:\n" + declared).replace(
        "    get:\n", "    get:\n      security: [{ghost: []}]\n", 1)
    findings = _lint(tmp_path, contract)
    assert _codes(findings) == [("contract.unknown-security-scheme", "error",
                                 "/paths/~1orders~1{id}.json/get/security/0/ghost")]
    assert (findings[0].hint == "did you mean 'Ghost'?") == bool(declared)


@pytest.mark.parametrize("name", ["Accept", "content-type", "AUTHORIZATION"])
def test_an_ignored_header_parameter_is_a_warning(tmp_path: Path, name: str) -> None:
    contract = MINI_CONTRACT.replace(_PARAM, _PARAM + f"\n        - {{name: {name}, in: header,"
                                     " schema: {type: string}}")
    findings = _lint(tmp_path, contract)
    assert _codes(findings) == [("contract.ignored-header", "warning",
                                 "/paths/~1orders~1{id}.json/get/parameters/1")]
    assert repr(name) in findings[0].message
