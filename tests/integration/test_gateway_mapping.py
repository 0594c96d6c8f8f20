"""Mappings whose source is a gateway platform: records found by operation name inside the
envelope (and inside JSON strings), explained and verified with pointers into the whole body."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from seamguard.checks import RunContext
from seamguard.cli import app
from seamguard.contracts.catalog import ContractCatalog
from seamguard.mapping.check import recorded_records, run_recorded_check
from seamguard.mapping.spec import load_mapping
from seamguard.project import find_project
from seamguard.verify import RecordedVerifier
from tests.support.gateway import SETTINGS, TOP_URL, gateway_project, interaction, top_trade

CRM = """
openapi: 3.1.0
info: {title: CRM, version: v1}
paths: {}
components:
  schemas:
    Deal:
      type: object
      required: [order_id, amount, stage]
      properties:
        order_id: {type: string}
        amount: {type: string, pattern: '^\\d+\\.\\d{2}$'}
        stage: {type: string, enum: [open, won]}
        erp_hold: {type: string}
"""

MAPPING = """
source:
  contract: taobao@2.0
  schema: "#/components/schemas/Trade"
  recorded:
    - {operation: "POST /router/rest#taobao.trades.sold.get", at: "/trades/trade/*"}
    - {operation: "POST /router/rest#taobao.trade.fullinfo.get", at: "/trade"}
target: {contract: crm@v1, schema: "#/components/schemas/Deal"}
identity: {source: tid, target: order_id}
fields:
  - {target: order_id, source: tid, transforms: [to_string], required: true}
  - {target: amount, source: payment, required: true}
  - {target: stage, source: status, enum: stage, required: true}
enums:
  stage: {WAIT_SELLER_SEND_GOODS: open, TRADE_FINISHED: won, TRADE_CLOSED: open}
"""

FORM = {"method": "taobao.trades.sold.get", "fields": "tid,status,payment"}


def project(root: Path) -> Path:
    calls = [
        interaction(TOP_URL, FORM, {"trades_sold_get_response": {"total_results": 2, "trades": {
            "trade": [top_trade(), top_trade(tid=2231958471254739, payment="12.5")]}}}),
        interaction(TOP_URL, {"method": "taobao.trade.fullinfo.get"},
                    {"trade_fullinfo_get_response": {"trade": top_trade(status="TRADE_FINISHED")}}),
        interaction(TOP_URL, FORM, {"error_response": {"code": 7, "msg": "App Call Limited"}}),
    ]
    gateway_project(root, {"trades": calls}, settings=SETTINGS + """
[tool.seamguard.platforms.crm]
base_url = "https://crm.example.com"
versions = ["v1"]
""")
    (root / "contracts" / "crm" / "v1").mkdir(parents=True)
    (root / "contracts" / "crm" / "v1" / "openapi.yaml").write_text(CRM, encoding="utf-8")
    (root / "contracts" / "mappings").mkdir()
    (root / "contracts" / "mappings" / "taobao-trade-to-crm-deal.yaml").write_text(
        MAPPING, encoding="utf-8")
    return root


def test_records_are_found_inside_the_envelope(tmp_path: Path) -> None:
    loaded = find_project(project(tmp_path), explicit=True)
    catalog = ContractCatalog(loaded)
    verifier = RecordedVerifier(loaded, catalog)
    cassette = verifier.read(loaded.cassettes_dir / "trades.yaml")
    mapping = load_mapping(loaded.contracts_dir / "mappings" / "taobao-trade-to-crm-deal.yaml",
                           display="m.yaml")
    found = [(i.index, pointer) for i, pointer, _ in recorded_records(
        verifier, catalog, cassette, mapping)]  # type: ignore[arg-type]
    assert found == [(0, "/trades_sold_get_response/trades/trade/0"),
                     (0, "/trades_sold_get_response/trades/trade/1"),
                     (1, "/trade_fullinfo_get_response/trade")]


def test_recorded_check_names_the_record_inside_the_body(tmp_path: Path) -> None:
    loaded = find_project(project(tmp_path), explicit=True)
    findings = list(run_recorded_check(RunContext(project=loaded,
                                                  catalog=ContractCatalog(loaded))))
    [bad] = [f for f in findings if f.code == "mapping.invalid-output"]
    assert "/trades_sold_get_response/trades/trade/1" in bad.message
    assert "amount" in bad.message


def test_map_explain_reads_a_gateway_interaction(tmp_path: Path) -> None:
    root = project(tmp_path)
    result = CliRunner().invoke(app, [
        "map", "explain", "taobao-trade-to-crm-deal", f"{root}/cassettes/trades.yaml#1",
        "--project", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    explained = json.loads(result.output)
    assert "/trade_fullinfo_get_response/trade" in json.dumps(explained, ensure_ascii=False)
    assert "won" in json.dumps(explained)


def test_probe_refuses_a_gateway_platform_clearly(tmp_path: Path) -> None:
    root = project(tmp_path)
    result = CliRunner().invoke(app, ["probe", "taobao", "--project", str(root)])
    assert result.exit_code == 2, result.output
    assert "gateway protocol (taobao-top)" in result.output
    assert "Traceback" not in result.output


def test_recorded_sources_that_match_no_record_are_said(tmp_path: Path) -> None:
    root = project(tmp_path)
    path = root / "contracts" / "mappings" / "taobao-trade-to-crm-deal.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('at: "/trades/trade/*"', 'at: "/trades/trades/*"')
                    .replace('at: "/trade"}', 'at: "/trad"}'), encoding="utf-8")
    loaded = find_project(root, explicit=True)
    findings = list(run_recorded_check(RunContext(project=loaded,
                                                  catalog=ContractCatalog(loaded))))
    [none] = [f for f in findings if f.code == "mapping.recorded-none"]
    assert none.location.pointer == "/source/recorded"
    assert none.location.line == text[:text.index("recorded:")].count("\n") + 1
    assert "/trades/trades/*" in none.message
    assert findings == [none]
