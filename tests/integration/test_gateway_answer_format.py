"""JSON or XML as the request asks (TOP ``format``, Pinduoduo ``data_type``): an answer in the
other format is ``response.unexpected-format`` in both directions, and still checked."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard.contracts.catalog import ContractCatalog
from seamguard.findings import Finding, Location
from seamguard.project import find_project
from seamguard.verify import RecordedVerifier
from seamguard.verify_gateway import GatewayChecks
from seamguard.wire.profile import AnswerFormat
from seamguard.wire.requests import Params
from tests.integration.test_gateway_xml import (
    PDD_FORM,
    PDD_URL,
    TOP_FORM,
    page,
    trade,
    verify,
    verify_class,
)
from tests.support.gateway import TOP_URL, gateway_project, interaction

JSON = "application/json;charset=UTF-8"
XML = "text/xml;charset=UTF-8"
TOP_PAGE = {"trades_sold_get_response": {"total_results": 1, "trades": {"trade": [
    {"tid": 1873045529201, "status": "TRADE_FINISHED", "payment": "536.00"}]}}}
PDD_PAGE_JSON = {"order_list_get_response": {"total_count": 1, "order_list": [
    {"order_sn": "240710-123", "pay_amount": 19.9}]}}
PDD_PAGE_XML = ("<order_list_get_response><total_count>1</total_count><order_list>"
                "<order_sn>240710-123</order_sn><pay_amount>19.9</pay_amount></order_list>"
                "</order_list_get_response>")


def top(form: dict[str, str], body: Any, content_type: str) -> dict[str, Any]:
    text = body if isinstance(body, str) else json.dumps(body)
    return interaction(TOP_URL, form, text, content_type=content_type)


def codes(findings: list[Finding]) -> list[tuple[str, int | None, str | None]]:
    return [(f.code, f.location.interaction, f.location.pointer) for f in findings]


def test_json_to_a_call_asking_for_xml_is_named_with_both_formats(tmp_path: Path) -> None:
    wrong = json.loads(json.dumps(TOP_PAGE))
    wrong["trades_sold_get_response"]["total_results"] = "one"
    findings = verify(tmp_path, top(TOP_FORM, TOP_PAGE, JSON), top(TOP_FORM, wrong, JSON))
    assert codes(findings) == [
        ("response.unexpected-format", 0, "request:/format"),
        ("response.unexpected-format", 1, "request:/format"),
        # the body is still checked, as the JSON it is
        ("field.wrong-type", 1, "/trades_sold_get_response/total_results")]
    first = findings[0]
    assert "asks for XML (format=xml)" in first.message
    assert "the answer is JSON" in first.message
    assert first.expected == "XML (format=xml)"
    assert first.actual == f"JSON ({JSON})"


def test_xml_to_a_call_asking_for_json_is_the_same_finding(tmp_path: Path) -> None:
    form = {**TOP_FORM, "format": "json"}
    [finding] = verify(tmp_path, top(form, page(trade()), XML))
    assert finding.code == "response.unexpected-format"
    assert "asks for JSON (format=json)" in finding.message
    assert "the answer is XML" in finding.message


def test_matching_formats_and_calls_naming_none_are_not_judged(tmp_path: Path) -> None:
    unnamed = {k: v for k, v in TOP_FORM.items() if k != "format"}
    assert verify(tmp_path, top(TOP_FORM, page(trade()), XML),
                  top({**TOP_FORM, "format": "JSON"}, TOP_PAGE, JSON),
                  # TOP: no format named, no default in the profile: either answer passes
                  top(unnamed, TOP_PAGE, JSON), top(unnamed, page(trade()), XML)) == []


def test_an_answer_in_neither_format_is_left_to_the_content_type(tmp_path: Path) -> None:
    findings = verify(tmp_path, top(TOP_FORM, "<html><body>502</body></html>",
                                    "text/html;charset=UTF-8"))
    assert "response.unexpected-format" not in [f.code for f in findings]
    assert "content-type.undeclared" in [f.code for f in findings]


def test_pinduoduo_formats_and_its_documented_default(tmp_path: Path) -> None:
    unnamed = {k: v for k, v in PDD_FORM.items() if k != "data_type"}
    findings = verify_class(
        tmp_path,
        interaction(PDD_URL, PDD_FORM, PDD_PAGE_XML, content_type="application/xml"),  # asked
        interaction(PDD_URL, PDD_FORM, PDD_PAGE_JSON),  # XML asked, JSON came
        interaction(PDD_URL, unnamed, PDD_PAGE_JSON),  # the default, JSON
        interaction(PDD_URL, unnamed, PDD_PAGE_XML, content_type="application/xml"),
        interaction(PDD_URL, {**PDD_FORM, "data_type": "json"}, PDD_PAGE_JSON))
    assert codes(findings) == [("response.unexpected-format", 1, "request:/data_type"),
                               ("response.unexpected-format", 3, None)]
    assert "asks for XML (data_type=XML)" in findings[0].message
    assert "asks for JSON (no data_type, so the default JSON)" in findings[1].message
    assert "the answer is XML (Content-Type application/xml)" in findings[1].message


def test_the_format_rule_is_data_a_protocol_of_ones_own_can_carry(tmp_path: Path) -> None:
    settings = """
[tool.seamguard]
contracts = "contracts"
cassettes = "cassettes"

[tool.seamguard.platforms.taobao]
protocol = "taobao-top"
base_url = "https://eco.taobao.com"
versions = ["2.0"]

[tool.seamguard.platforms.taobao.wire.response.answer_format]
param = "fmt"
xml_values = ["x"]
json_values = ["j"]
default = "xml"
"""
    unnamed = {k: v for k, v in TOP_FORM.items() if k != "format"}
    gateway_project(tmp_path, {"calls": [top({**unnamed, "fmt": "x"}, TOP_PAGE, JSON),
                                         top(unnamed, TOP_PAGE, JSON),
                                         top({**unnamed, "fmt": "j"}, TOP_PAGE, JSON),
                                         top(TOP_FORM, TOP_PAGE, JSON)]}, settings=settings)
    project = find_project(tmp_path, explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    cassette = verifier.read(project.cassettes_dir / "calls.yaml")
    assert not isinstance(cassette, Finding)
    findings = [f for f in verifier.verify_cassette(cassette)
                if f.code == "response.unexpected-format"]
    # fmt=x asks for XML; no fmt asks for the default, XML; `format` means nothing here
    assert [(f.location.interaction, f.location.pointer) for f in findings] == [
        (0, "request:/fmt"), (1, None), (3, None)]


def test_answer_format_reads_values_without_regard_to_case() -> None:
    rule = AnswerFormat(param="data_type", json_values=("JSON",), xml_values=("XML",),
                        default="json")
    assert rule.asked({"data_type": "xml"}) == ("xml", "xml")
    assert rule.asked({"data_type": "JSON"}) == ("json", "JSON")
    assert rule.asked({}) == ("json", None)
    assert rule.asked({"data_type": ""}) == ("json", None)
    assert rule.asked({"data_type": "yaml"}) is None
    assert AnswerFormat(param="format").asked({}) is None


_ASKED = {"XML": "xml", "xml": "xml", "JSON": "json", None: "json", "": "json", "YAML": None}
_LABELS = {"application/xml;charset=UTF-8": "xml", "text/xml": "xml", "application/json": "json",
           "application/problem+json": "json", "text/html": None, None: None}
_HEADS = {"<r/>": "xml", '{"a": 1}': "json", "[1]": "json", "\ufeff  <r/>": "xml",
          "oops": None, "": "same"}


@pytest.fixture(scope="module")
def pdd_checks(tmp_path_factory: pytest.TempPathFactory) -> GatewayChecks:
    root = tmp_path_factory.mktemp("pdd")
    verify_class(root, interaction(PDD_URL, PDD_FORM, PDD_PAGE_JSON))
    return GatewayChecks(find_project(root, explicit=True))


@settings(max_examples=120, deadline=None)
@given(asked=st.sampled_from(sorted(_ASKED, key=str)), label=st.sampled_from(
    sorted(_LABELS, key=str)), head=st.sampled_from(sorted(_HEADS)), raw=st.booleans())
def test_the_finding_is_given_exactly_when_label_and_body_agree_on_the_other_format(
        pdd_checks: GatewayChecks, asked: str | None, label: str | None, head: str,
        raw: bool) -> None:
    form = {k: v for k, v in PDD_FORM.items() if k != "data_type"}
    if asked is not None:
        form["data_type"] = asked
    params = Params(PDD_URL, {"content-type": "application/x-www-form-urlencoded"},
                    urlencode(form), "utf-8")
    body: bytes | str = head.encode("utf-8") if raw else head

    def make(code: str, severity: Any, message: str, **kwargs: Any) -> Finding:
        return Finding(code=code, severity=severity, check="recorded", message=message,
                       location=Location(pointer=kwargs.get("pointer")))

    found = pdd_checks.format_finding("pdd", params, label, body, make)
    kind, wanted = _LABELS[label], _ASKED[asked]
    written = kind if _HEADS[head] == "same" else _HEADS[head]
    expected = kind is not None and written == kind and wanted is not None and wanted != kind
    assert (found is not None) == expected, (asked, label, head)
    if found is not None:
        assert found.code == "response.unexpected-format"
        assert f"the answer is {kind.upper()}" in found.message  # type: ignore[union-attr]
