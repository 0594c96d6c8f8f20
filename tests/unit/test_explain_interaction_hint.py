"""``seamguard map explain MAPPING CASSETTE#N`` with an N that is out of range, or that names
an interaction holding no record the mapping reads, says which interactions do (the command to
type next) instead of leaving the user to count."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from seamguard.cli import app

_CONTRACT = """\
openapi: 3.1.0
info: {title: Shop, version: v1}
paths:
  /orders:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Order"}}
  /ping:
    get:
      responses: {"200": {description: ok, content: {application/json: {schema: {}}}}}
components:
  schemas:
    Order:
      type: object
      properties: {id: {type: string}}
    Out:
      type: object
      properties: {order_id: {type: string}}
"""

_MAPPING = """\
source: {contract: shop@v1, schema: "#/components/schemas/Order",
         recorded: [{operation: "GET /orders", at: "/*"}]}
target: {contract: shop@v1, schema: "#/components/schemas/Out"}
identity: {source: id, target: order_id}
fields:
  - {target: order_id, source: id}
"""


def _interaction(path: str, body: object) -> dict[str, object]:
    return {"request": {"method": "GET", "uri": f"http://shop.test{path}", "body": "",
                        "headers": {}},
            "response": {"status": {"code": 200, "message": "OK"},
                         "headers": {"content-type": ["application/json"]},
                         "body": {"string": json.dumps(body)}}}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "contracts" / "shop" / "v1").mkdir(parents=True)
    (tmp_path / "contracts" / "shop" / "v1" / "openapi.yaml").write_text(_CONTRACT)
    (tmp_path / "contracts" / "mappings").mkdir()
    (tmp_path / "contracts" / "mappings" / "order-to-out.yaml").write_text(_MAPPING)
    (tmp_path / "fixtures" / "cassettes" / "shop").mkdir(parents=True)
    (tmp_path / "fixtures" / "cassettes" / "shop" / "v1.yaml").write_text(yaml.safe_dump(
        {"version": 1, "interactions": [_interaction("/ping", {"ok": True}),
                                         _interaction("/orders", [{"id": "o1"}])]}))
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard]\ncassettes = "fixtures/cassettes"\n'
        '[tool.seamguard.platforms.shop]\nversions = ["v1"]\nbase_url = "http://shop.test"\n')
    return tmp_path


@pytest.mark.parametrize("index", ["0", "7"])
def test_explain_names_the_interactions_that_hold_a_record(
        project: Path, index: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    result = CliRunner().invoke(app, ["map", "explain", "order-to-out",
                                      f"fixtures/cassettes/shop/v1.yaml#{index}"])
    assert result.exit_code == 2, result.output
    text = " ".join(result.output.split())
    assert "records this mapping reads are in fixtures/cassettes/shop/v1.yaml#1" in text
