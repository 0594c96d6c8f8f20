"""Observed drift on gateway recordings: payloads profiled inside envelopes, in-band errors
counted per operation and code."""

from __future__ import annotations

from pathlib import Path

from seamguard.checks import RunContext
from seamguard.contracts.catalog import ContractCatalog
from seamguard.drift.observe import run_check
from seamguard.findings import Severity
from seamguard.project import find_project
from tests.support.gateway import TOP_URL, gateway_project, interaction, top_trade

FORM = {"method": "taobao.trades.sold.get", "app_key": "1", "fields": "tid"}
INVALID = {"error_response": {"code": 40, "msg": "Missing required arguments",
                              "sub_code": "isv.missing-parameter:fields"}}
DOCUMENTED = {"error_response": {"code": 41, "msg": "Invalid arguments",
                                 "sub_code": "isv.invalid-parameter:start_created"}}


def sold(status: str) -> dict[str, object]:
    return {"trades_sold_get_response": {"total_results": 1, "trades": {
        "trade": [top_trade(status=status)]}}}


def test_in_band_error_rates_and_payload_drift(tmp_path: Path) -> None:
    calls = [interaction(TOP_URL, FORM, sold("TRADE_FINISHED")) for _ in range(88)]
    calls += [interaction(TOP_URL, FORM, sold("PAID_FORBID_CONSIGN")) for _ in range(6)]
    calls += [interaction(TOP_URL, FORM, INVALID) for _ in range(5)]
    calls += [interaction(TOP_URL, FORM, DOCUMENTED)]
    project = find_project(gateway_project(tmp_path, {"nightly": calls}), explicit=True)
    findings = list(run_check(RunContext(project=project, catalog=ContractCatalog(project))))
    by_code = {(f.code, str(f.actual)): f for f in findings}

    missing = by_code[("drift.in-band-errors", "isv.missing-parameter:fields")]
    assert missing.message.startswith("5.0% of 100 calls (5) returned in-band error")
    assert missing.severity is Severity.ERROR  # 5 of 100 is clearly above zero
    assert missing.location.operation == "POST /router/rest#taobao.trades.sold.get"
    documented = by_code[("drift.in-band-errors", "isv.invalid-parameter:start_created")]
    assert documented.severity is Severity.INFO

    [enum] = [f for f in findings if f.code == "drift.new-enum-value"]
    assert enum.actual == "PAID_FORBID_CONSIGN"
    assert enum.location.pointer is not None
    assert enum.location.pointer.startswith("/trades_sold_get_response/trades/trade")
    assert "6.4% of 94 responses" in enum.message  # error bodies are not payloads


def test_violations_inside_embedded_documents_are_counted_per_field() -> None:
    import json

    from seamguard.drift.observe import generalise

    body = {"trades": {"trade": [{"trade_attr": json.dumps({"items": [{"n": 1}, {"n": "2"}]})}]}}
    assert generalise(body, "/trades/trade/0/trade_attr⟨json⟩/items/1/n") == \
        "/trades/trade/*/trade_attr⟨json⟩/items/*/n"
    assert generalise({"d": "not json"}, "/d⟨json⟩/x/0") == "/d⟨json⟩/x/0"


def test_a_payload_of_the_wrong_type_points_at_the_envelopes_payload(tmp_path: Path) -> None:
    # The violation is at the payload's root; the pointer is where the payload sits in the
    # recorded body, as verify reports it, not nothing.
    calls = [interaction(TOP_URL, FORM, sold("TRADE_FINISHED")) for _ in range(3)]
    calls += [interaction(TOP_URL, FORM, {"trades_sold_get_response": "ok"})]
    project = find_project(gateway_project(tmp_path, {"nightly": calls}), explicit=True)
    findings = list(run_check(RunContext(project=project, catalog=ContractCatalog(project))))
    [changed] = [f for f in findings if f.code == "drift.type-changed"]
    assert changed.location.pointer == "/trades_sold_get_response"
