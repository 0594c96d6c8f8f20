"""The worked example of docs/gateway-platforms.md, run as written: a gateway platform of the
user's own, described in a page of settings, verified end to end through the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
import yaml
from typer.testing import CliRunner

from seamguard.cli import app
from seamguard.project import find_project
from seamguard.wire.signing import sign, signing_of
from tests.support.projects import REPO

SECRET = "acme-test-secret"
URL = "https://open.acme-oms.cn/api/gateway"
HOOK = "https://erp.example.com/hooks/acme"

CONTRACT = """
openapi: 3.1.0
info: {title: Acme OMS, version: v1}
paths:
  /api/gateway#order.query:
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [payload]
              properties:
                payload:
                  type: string
                  contentMediaType: application/json
                  contentSchema:
                    type: object
                    required: [status]
                    properties:
                      status: {type: string, enum: [PAID, SHIPPED]}
                      page: {type: integer}
      responses:
        "200":
          description: the document inside `data`
          content:
            application/json:
              schema:
                type: object
                required: [orders]
                properties:
                  orders:
                    type: array
                    items:
                      type: object
                      required: [order_no, amount]
                      properties:
                        order_no: {type: string}
                        amount: {type: string, pattern: '^\\d+\\.\\d{2}$'}
webhooks:
  order.shipped:
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [order_no, waybill]
              properties:
                order_no: {type: string}
                waybill: {type: string}
      responses:
        "200": {description: acknowledged}
"""


def documented_settings() -> str:
    text = (REPO / "docs" / "gateway-platforms.md").read_text(encoding="utf-8")
    section = text[text.index("## Adding your own gateway platform"):]
    return re.search(r"```toml\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]


def signed(form: dict[str, str], root: Path, *, push: bool = False) -> dict[str, str]:
    wire = find_project(root, explicit=True).settings.platforms["acme"].wire
    return {**form, "signature": sign(signing_of(wire, push=push), form, SECRET)}


def call(form: dict[str, str], body: Any) -> dict[str, Any]:
    return {"request": {"method": "POST", "uri": URL, "body": urlencode(form),
                        "headers": {"Content-Type": ["application/x-www-form-urlencoded"]}},
            "response": {"status": {"code": 200, "message": "OK"},
                         "headers": {"Content-Type": ["application/json"]},
                         "body": {"string": json.dumps(body)}}}


def push(form: dict[str, str]) -> dict[str, Any]:
    return {"request": {"method": "POST", "uri": HOOK, "body": urlencode(form),
                        "headers": {"Content-Type": ["application/x-www-form-urlencoded"]}},
            "response": {"status": {"code": 200, "message": "OK"}, "headers": {},
                         "body": {"string": ""}}}


def answer(orders: list[dict[str, str]]) -> dict[str, str]:
    return {"code": "0", "data": json.dumps({"orders": orders}), "message": ""}


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ACME_OMS_SECRET", SECRET)
    (tmp_path / "pyproject.toml").write_text(
        "[tool.seamguard]\ncassettes = \"cassettes\"\n" + documented_settings(),
        encoding="utf-8")
    folder = tmp_path / "contracts" / "acme" / "v1"
    folder.mkdir(parents=True)
    (folder / "openapi.yaml").write_text(CONTRACT, encoding="utf-8")
    (tmp_path / "cassettes").mkdir()
    return tmp_path


def run(root: Path, *interactions: dict[str, Any]) -> list[dict[str, Any]]:
    (root / "cassettes" / "acme.yaml").write_text(
        yaml.safe_dump({"interactions": list(interactions), "version": 1}), encoding="utf-8")
    result = CliRunner().invoke(app, ["verify", "--project", str(root), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads((root / "reports" / "report.json").read_text("utf-8"))["findings"]


def test_the_documented_platform_verifies_calls_and_pushes(root: Path) -> None:
    query = {"api": "order.query", "app_id": "A1", "ts": "1720576800000",
             "payload": json.dumps({"status": "PAID"})}
    shipped = {"event": "order.shipped", "ts": "1720576800000",
               "payload": json.dumps({"order_no": "A-1", "waybill": "SF1000000000001"})}
    good = [call(signed(query, root), answer([{"order_no": "A-1", "amount": "12.50"}])),
            push(signed(shipped, root, push=True))]
    assert [f for f in run(root, *good) if f["severity"] != "info"] == []

    bad = [
        call(signed(query, root), answer([{"order_no": "A-1", "amount": "12.5"}])),
        call({**signed(query, root), "app_id": "A2"}, answer([])),
        call(signed(query, root), {"code": "1001", "data": None, "message": "sign expired"}),
        call(signed({**query, "api": "order.qeury"}, root), answer([])),
        call(signed({**query, "payload": json.dumps({"status": "LOST"})}, root), answer([])),
        push({**signed(shipped, root, push=True), "ts": "1"}),
        push(signed({**shipped, "payload": json.dumps({"order_no": "A-1"})}, root, push=True)),
    ]
    found = sorted((f["location"]["interaction"], f["code"], f["location"].get("pointer"))
                   for f in run(root, *bad))
    assert found == [
        (0, "field.wrong-format", "/data⟨json⟩/orders/0/amount"),
        (1, "signature.invalid", "request:/signature"),
        (2, "response.in-band-error", "/code"),
        (3, "operation.undocumented", "request:/api"),
        (4, "field.unknown-enum", "request:/payload⟨json⟩/status"),
        (5, "signature.invalid", "/signature"),  # a push: its own body
        (6, "field.missing", "/payload⟨json⟩/waybill"),
    ]
