"""Small gateway contracts and projects for tests (written here; not the example's packs).

``TOP_CONTRACT`` is a two-operation Taobao-TOP-style contract, ``SF_CONTRACT`` a
Fengqiao-style one whose request carries the business document as a JSON string (``msgData``).
``gateway_project`` writes both into a project with the built-in profiles, plus cassettes built
with :func:`interaction`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import yaml

TOP_CONTRACT = """
openapi: 3.1.0
info: {title: TOP order subset, version: "2.0"}
paths:
  /router/rest#taobao.trades.sold.get:
    post:
      operationId: taobao.trades.sold.get
      x-seamguard-in-band-errors: [isv.invalid-parameter:start_created]
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [fields]
              properties:
                fields: {type: string}
                status: {type: string, enum: [WAIT_SELLER_SEND_GOODS, TRADE_FINISHED]}
                page_no: {type: integer, minimum: 1}
                page_size: {type: integer, maximum: 100}
                use_has_next: {type: boolean}
      responses:
        "200":
          description: the unwrapped trades_sold_get_response
          content:
            application/json:
              schema: {$ref: "#/components/schemas/TradesSold"}
  /router/rest#taobao.trade.fullinfo.get:
    post:
      operationId: taobao.trade.fullinfo.get
      responses:
        "200":
          description: the unwrapped trade_fullinfo_get_response
          content:
            application/json:
              schema:
                type: object
                required: [trade]
                properties:
                  trade: {$ref: "#/components/schemas/Trade"}
components:
  schemas:
    TradesSold:
      type: object
      required: [total_results]
      properties:
        total_results: {type: integer}
        has_next: {type: boolean}
        trades:
          type: object
          properties:
            trade:
              type: array
              items: {$ref: "#/components/schemas/Trade"}
    Trade:
      type: object
      required: [tid, status, payment]
      properties:
        tid: {type: integer}
        status: {type: string, enum: [WAIT_SELLER_SEND_GOODS, TRADE_FINISHED, TRADE_CLOSED]}
        payment: {type: string, pattern: '^-?\\d+\\.\\d{2}$'}
        created: {type: string}
        receiver_mobile: {type: string}
        trade_attr:
          type: string
          contentMediaType: application/json
          contentSchema: {$ref: "#/components/schemas/TradeAttr"}
    TradeAttr:
      type: object
      properties:
        erpHold: {type: string, enum: ["0", "1"]}
        presell: {type: boolean}
"""

SF_CONTRACT = """
openapi: 3.1.0
info: {title: SF Fengqiao subset, version: v2}
paths:
  /std/service#EXP_RECE_CREATE_ORDER:
    post:
      operationId: EXP_RECE_CREATE_ORDER
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [msgData]
              properties:
                msgData:
                  type: string
                  contentMediaType: application/json
                  contentSchema: {$ref: "#/components/schemas/CreateOrder"}
      responses:
        "200":
          description: msgData inside apiResultData
          content:
            application/json:
              schema: {$ref: "#/components/schemas/CreateOrderResult"}
  /std/service#EXP_RECE_SEARCH_ROUTES:
    post:
      operationId: EXP_RECE_SEARCH_ROUTES
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [msgData]
              properties:
                msgData:
                  type: string
                  contentMediaType: application/json
                  contentSchema: {$ref: "#/components/schemas/RouteQuery"}
      responses:
        "200":
          description: msgData inside apiResultData
          content:
            application/json:
              schema:
                type: object
                required: [routeResps]
                properties:
                  routeResps:
                    type: array
                    items:
                      type: object
                      required: [mailNo, routes]
                      properties:
                        mailNo: {type: string}
                        routes:
                          type: array
                          items:
                            type: object
                            required: [acceptTime, opCode]
                            properties:
                              acceptTime: {type: string}
                              acceptAddress: {type: string}
                              remark: {type: string}
                              opCode: {type: string}
components:
  schemas:
    RouteQuery:
      type: object
      required: [trackingType, trackingNumber]
      properties:
        language: {type: string}
        trackingType: {type: integer, enum: [1, 2]}
        trackingNumber: {type: array, items: {type: string}}
        methodType: {type: integer}
    CreateOrder:
      type: object
      required: [orderId, cargoDetails, contactInfoList]
      properties:
        language: {type: string}
        orderId: {type: string}
        monthlyCard: {type: string}
        cargoDetails:
          type: array
          minItems: 1
          items:
            type: object
            required: [name]
            properties:
              name: {type: string}
              count: {type: integer}
        contactInfoList:
          type: array
          items:
            type: object
            required: [contactType, address]
            properties:
              contactType: {type: integer, enum: [1, 2]}
              contact: {type: string}
              tel: {type: string}
              address: {type: string}
    CreateOrderResult:
      type: object
      required: [orderId, waybillNoInfoList]
      properties:
        orderId: {type: string}
        waybillNoInfoList:
          type: array
          items:
            type: object
            properties:
              waybillType: {type: integer}
              waybillNo: {type: string}
"""

TOP_URL = "https://eco.taobao.com/router/rest"
SF_URL = "https://sfapi.sf-express.com/std/service"

SETTINGS = """
[tool.seamguard]
contracts = "contracts"
cassettes = "cassettes"

[tool.seamguard.platforms.taobao]
protocol = "taobao-top"
base_url = "https://eco.taobao.com"
versions = ["2.0"]
secret_env = "GW_TEST_TOP_SECRET"

[tool.seamguard.platforms.sf]
protocol = "sf-fengqiao"
base_url = "https://sfapi.sf-express.com"
versions = ["v2"]
secret_env = "GW_TEST_SF_CHECKWORD"
"""


def gateway_project(root: Path, cassettes: dict[str, list[dict[str, Any]]],
                    settings: str = SETTINGS) -> Path:
    """A project with the TOP and SF test contracts and the given cassettes (name -> items)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(settings, encoding="utf-8")
    for platform, version, text in (("taobao", "2.0", TOP_CONTRACT), ("sf", "v2", SF_CONTRACT)):
        folder = root / "contracts" / platform / version
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "openapi.yaml").write_text(text, encoding="utf-8")
    folder = root / "cassettes"
    folder.mkdir(exist_ok=True)
    for name, interactions in cassettes.items():
        (folder / f"{name}.yaml").write_text(
            yaml.safe_dump({"interactions": interactions, "version": 1}, allow_unicode=True,
                           sort_keys=False), encoding="utf-8")
    return root


def interaction(url: str, form: dict[str, str] | None, body: Any, *, query: dict[str, str] |
                None = None, status: int = 200, method: str = "POST",
                content_type: str = "application/json;charset=UTF-8") -> dict[str, Any]:
    """One vcrpy-format interaction: a form POST (or GET with ``query``) and a JSON answer."""
    uri = f"{url}?{urlencode(query)}" if query else url
    request: dict[str, Any] = {"method": method, "uri": uri, "headers": {}, "body": None}
    if form is not None:
        request["body"] = urlencode(form)
        request["headers"] = {"Content-Type": ["application/x-www-form-urlencoded;charset=UTF-8"]}
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    return {"request": request,
            "response": {"status": {"code": status, "message": "OK"},
                         "headers": {"Content-Type": [content_type]},
                         "body": {"string": text}}}


def top_trade(**changes: Any) -> dict[str, Any]:
    """A TOP trade as the contract describes it (scrubbed-looking data)."""
    trade: dict[str, Any] = {"tid": 2231958471254738, "status": "WAIT_SELLER_SEND_GOODS",
                             "payment": "199.00", "created": "2024-07-10 10:02:03",
                             "receiver_mobile": "138****5678",
                             "trade_attr": json.dumps({"erpHold": "0", "presell": False})}
    trade.update(changes)
    return {k: v for k, v in trade.items() if v is not ...}


def sf_response(msg_data: Any, *, code: str = "A1000", success: bool = True,
                error_code: str = "S0000", error_msg: str | None = None) -> dict[str, Any]:
    """An SF answer: apiResultData is a JSON document inside a string."""
    inner = {"success": success, "errorCode": error_code, "errorMsg": error_msg,
             "msgData": msg_data}
    return {"apiErrorMsg": "", "apiResponseID": "0001A1B2C3D4E5F6", "apiResultCode": code,
            "apiResultData": json.dumps(inner, ensure_ascii=False)}
