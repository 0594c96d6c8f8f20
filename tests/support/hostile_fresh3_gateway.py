"""Gateway settings and gateway recordings built by an attacker or a careless user, for
``hostile_fresh3``.

* ``gw-settings``: a ``[tool.seamguard.platforms.taobao]`` table and its ``wire`` tables with a
  protocol misspelt, an operation read from nowhere, operation patterns that do not compile or
  backtrack catastrophically, a signing scheme or placeholder that does not exist, an envelope
  (``response.payload``, an error rule) that matches nothing in a clean recording, charsets,
  zones and time formats that do not exist. Each is run by ``verify`` on a clean TOP recording.
* ``gw-cassette``: TOP and Fengqiao calls whose operation parameter is missing, empty, unknown
  or given twice; form bodies with broken percent-escapes; GBK bodies declared UTF-8; JSON
  inside strings (``contentSchema``: TOP's ``trade_attr``, SF's ``msgData`` and
  ``apiResultData``) truncated, with ``NaN``, a byte-order mark, 10 MB long or nested 100,000
  deep; XML answers with entity bombs, external entities and a DOCTYPE.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from tests.support.gateway import (
    SETTINGS,
    SF_URL,
    TOP_CONTRACT,
    TOP_URL,
    gateway_project,
    interaction,
    sf_response,
    top_trade,
)
from tests.support.hostile_cases import Case
from tests.support.hostile_strategies import ANY, FAILS, TWO

ONE = frozenset({1})
# verify's exit on a clean TOP recording without the secret (an info finding only)
CLEAN = frozenset({0})

TOP_FORM = {"method": "taobao.trades.sold.get", "app_key": "12345678", "v": "2.0",
            "sign_method": "md5", "timestamp": "2024-07-10 10:00:00", "format": "json",
            "fields": "tid,status,payment", "page_no": "1", "page_size": "40"}
SF_ORDER = {"orderId": "QIAO-20240710-1", "language": "zh-CN",
            "cargoDetails": [{"name": "T恤", "count": 2}],
            "contactInfoList": [{"contactType": 1, "address": "广东省深圳市南山区科技园"}]}
SF_CREATED = {"orderId": "QIAO-20240710-1",
              "waybillNoInfoList": [{"waybillType": 1, "waybillNo": "SF1234567890123"}]}
# The TOP contract with an XML answer declared beside the JSON one (format=xml).
XML_CONTRACT = TOP_CONTRACT.replace(
    '            application/json:\n              schema: {$ref: "#/components/schemas/'
    'TradesSold"}',
    '            application/json:\n              schema: {$ref: "#/components/schemas/'
    'TradesSold"}\n            text/xml:\n              schema: {$ref: "#/components/schemas/'
    'TradesSold"}', 1)


def sf_form(msg: Any = SF_ORDER, service: str = "EXP_RECE_CREATE_ORDER") -> dict[str, str]:
    return {"partnerID": "SEAMGUARD", "requestID": "6c1f2d6e-0000-4000-8000-000000000001",
            "serviceCode": service, "timestamp": "1720576800000",
            "msgData": msg if isinstance(msg, str) else json.dumps(msg, ensure_ascii=False),
            "msgDigest": "x"}


def top_sold(*trades: dict[str, Any]) -> dict[str, Any]:
    return {"trades_sold_get_response": {"total_results": len(trades), "has_next": False,
                                         "trades": {"trade": list(trades)}}}


def clean_calls() -> list[dict[str, Any]]:
    return [interaction(TOP_URL, TOP_FORM, top_sold(top_trade())),
            interaction(SF_URL, sf_form(), sf_response(SF_CREATED))]


def _verify(root: Path, calls: list[dict[str, Any]], settings: str = SETTINGS,
            contract: str | None = None) -> list[str]:
    project = gateway_project(root / "p", {"calls": calls}, settings)
    if contract is not None:
        (project / "contracts" / "taobao" / "2.0" / "openapi.yaml").write_text(
            contract, encoding="utf-8")
    return ["verify", "--project", str(project), "-f", "json"]


# --- settings -----------------------------------------------------------------------------------

_TAOBAO = '[tool.seamguard.platforms.taobao]\nprotocol = "taobao-top"\n'


def _wire(table: str, lines: str) -> str:
    """The gateway settings with ``lines`` under ``[tool.seamguard.platforms.taobao.<table>]``."""
    header = "[tool.seamguard.platforms.taobao" + (f".{table}]" if table else "]")
    if not table:
        return SETTINGS.replace(_TAOBAO, _TAOBAO + lines + "\n", 1)
    return SETTINGS + f"\n{header}\n{lines}\n"


# (label, table, lines, exits, text the message must hold)
SETTINGS_CASES: list[tuple[str, str, str, frozenset[int], tuple[str, ...]]] = [
    ("protocol-underscore", "", "", TWO, ("taobao-top",)),
    ("protocol-unknown", "", "", TWO, ()),
    ("operation-in-nowhere", "wire.operation", 'in = ["cookie"]\nname = "method"', TWO, ()),
    ("operation-in-empty", "wire.operation", 'in = []\nname = "method"', TWO, ()),
    ("operation-name-empty", "wire.operation", 'in = ["form"]\nname = ""', TWO, ()),
    ("operation-name-absent", "wire.operation", 'in = ["form"]\nname = "no_such_param"', FAILS,
     ()),
    ("operation-pattern-broken", "wire.operation", "pattern = '[a-z'", TWO, ()),
    ("operation-pattern-lookbehind", "wire.operation", "pattern = '(?<=a+)b'", TWO, ()),
    ("operation-pattern-catastrophic", "wire.operation", "pattern = '^(a|a)*$'", ANY, ()),
    ("operation-pattern-nested-plus", "wire.operation", "pattern = '^([a-z.]+)+!$'", ANY, ()),
    ("operation-join-empty", "wire.operation", 'also = ["v"]\njoin = ""', TWO, ()),
    ("signing-scheme-unknown", "wire.signing", 'scheme = "sorted-parms"', TWO,
     ("sorted-params",)),
    ("signing-template-placeholder", "wire.signing",
     'signature = { in = ["form"], name = "sign" }\nscheme = "template"\n'
     'template = "{method}{nonesuch}{secret}"', ANY, ()),
    ("signing-template-unbalanced", "wire.signing",
     'signature = { in = ["form"], name = "sign" }\nscheme = "template"\n'
     'template = "{method{secret}"', TWO, ()),
    ("signing-template-empty", "wire.signing",
     'signature = { in = ["form"], name = "sign" }\nscheme = "template"\ntemplate = ""', TWO,
     ()),
    ("signing-template-missing", "wire.signing",
     'signature = { in = ["form"], name = "sign" }\nscheme = "template"', TWO, ()),
    ("signing-algorithm-unknown", "wire.signing", 'algorithm = "sha3-512"', TWO, ()),
    ("signing-digest-unknown", "wire.signing", 'digest = "base32"', TWO, ()),
    ("signing-pair-no-name", "wire.signing", 'pair = "{nom}={value}"', TWO, ("nom",)),
    ("signing-algorithms-unknown", "wire.signing", 'algorithms = { md5 = "crc32" }', TWO, ()),
    ("payload-matches-nothing", "wire.response", 'payload = "/nothing_here"', FAILS, ()),
    ("payload-no-slash", "wire.response", 'payload = "trades_sold_get_response"', TWO, ()),
    ("payload-unknown-placeholder", "wire.response", 'payload = "/{responce_key}"', TWO,
     ("responce_key",)),
    ("error-rule-matches-everything", "wire.response",
     'errors = [{ when = { pointer = "", present = true }, code = "/x" }]', FAILS, ()),
    ("error-rule-no-when", "wire.response", 'errors = [{ code = "/x" }]', TWO, ()),
    ("error-rule-pointer-no-slash", "wire.response",
     'errors = [{ when = { pointer = "error_response", present = true } }]', TWO, ()),
    ("error-rule-two-tests", "wire.response",
     'errors = [{ when = { pointer = "/a", present = true, equals = 1 } }]', ANY, ()),
    ("error-rule-present-text", "wire.response",
     'errors = [{ when = { pointer = "/a", present = "maybe" } }]', TWO, ()),
    ("success-when-matches-nothing", "wire.response",
     'success_when = { pointer = "/nothing_here", present = true }', FAILS, ()),
    ("charset-unknown", "wire", 'charset = "klingon-8"', TWO, ()),
    ("time-zone-unknown", "wire.time", 'zone = "Mars/Olympus_Mons"', TWO, ()),
    ("time-format-empty", "wire.time", 'format = ""', TWO, ()),
    ("time-accepts-unknown", "wire.time", 'accepts = ["epoch-fortnights"]', TWO, ()),
    ("path-no-slash", "wire", 'path = "router/rest"', TWO, ()),
    ("hosts-not-urls", "wire", 'hosts = ["gw api taobao com"]', TWO, ()),
    ("methods-not-a-token", "wire", 'methods = ["GET POST"]', TWO, ()),
    ("read-only-empty-glob", "wire.request", 'read_only = [""]', ANY, ()),
    ("defaults-table-value", "wire.request", "defaults = { format = [1] }", TWO, ()),
    ("secret-env-lowercase-space", "", 'secret_env = "my secret"', TWO, ()),
    ("credentials-not-env-name", "", 'credentials = { app_key = "1234-5678" }', TWO, ()),
    ("response-key-suffix-number", "wire.response",
     "response_key = { suffix = 5 }", TWO, ()),
    ("variants-no-param", "wire.response", "variants = [{ payload = \"\" }]", TWO, ()),
]


def _settings_case(label: str, table: str, lines: str, exits: frozenset[int],
                   expect: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        if label == "protocol-underscore":
            text = SETTINGS.replace('protocol = "taobao-top"', 'protocol = "taobao_top"', 1)
        elif label == "protocol-unknown":
            text = SETTINGS.replace('protocol = "taobao-top"', 'protocol = "soap"', 1)
        else:
            text = _wire(table, lines)
        return _verify(root, clean_calls(), text)
    # a setting refused names the settings file; one the recordings then break is a finding
    # at the recording
    return Case(f"gw-settings:{label}", setup, exits,
                ("pyproject.toml", *expect) if exits == TWO else expect)


# --- recordings ---------------------------------------------------------------------------------

def _form_raw(call: dict[str, Any], body: str | bytes) -> dict[str, Any]:
    call["request"]["body"] = body
    return call


def _top(form: dict[str, str] | None = None, body: Any = None, **kw: Any) -> dict[str, Any]:
    return interaction(TOP_URL, TOP_FORM if form is None else form,
                       top_sold(top_trade()) if body is None else body, **kw)


def _without(name: str) -> dict[str, str]:
    return {k: v for k, v in TOP_FORM.items() if k != name}


def _gbk_form() -> str:
    form = dict(TOP_FORM, fields="tid,status,payment,收货人")
    return "&".join(f"{k}={quote(v.encode('gbk'))}" for k, v in form.items())


def _attr(text: str) -> dict[str, Any]:
    return top_sold(top_trade(trade_attr=text))


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


_BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
              for i in range(1, 10))
    + ']><trades_sold_get_response><total_results>&lol9;</total_results>'
      '</trades_sold_get_response>')
_EXTERNAL = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
             '<trades_sold_get_response><total_results>&x;</total_results>'
             '</trades_sold_get_response>')
_DOCTYPE_ONLY = ('<?xml version="1.0"?><!DOCTYPE trades_sold_get_response SYSTEM '
                 '"http://127.0.0.1:9/x.dtd"><trades_sold_get_response><total_results>1'
                 '</total_results></trades_sold_get_response>')
_PARAMETER_ENTITY = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM '
                     '"http://127.0.0.1:9/p.dtd"> %p;]><trades_sold_get_response/>')


def _xml(body: str) -> dict[str, Any]:
    return _top(dict(TOP_FORM, format="xml"), body, content_type="text/xml;charset=UTF-8")


def _gbk_answer() -> dict[str, Any]:
    call = _top()
    text = json.dumps(top_sold(top_trade(receiver_mobile="收货人电话")), ensure_ascii=False)
    call["response"]["body"]["string"] = text.encode("gbk")
    return call


def _sf(msg: Any, answer: Any = None) -> dict[str, Any]:
    return interaction(SF_URL, sf_form(msg), sf_response(SF_CREATED) if answer is None
                       else answer)


def _sf_answer_data(text: str) -> dict[str, Any]:
    answer = sf_response(SF_CREATED)
    answer["apiResultData"] = text
    return _sf(SF_ORDER, answer)


_TEN_MB = "x" * (10 * 1024 * 1024 + 7)

# (label, the calls, exits, text the output must hold)
CASSETTE_CASES: list[tuple[str, Callable[[], list[dict[str, Any]]], frozenset[int],
                           tuple[str, ...]]] = [
    ("operation-missing", lambda: [_top(_without("method"))], ONE, ()),
    ("operation-empty", lambda: [_top(dict(TOP_FORM, method=""))], ONE, ()),
    ("operation-unknown", lambda: [_top(dict(TOP_FORM, method="taobao.trades.sold.gte"))],
     ONE, ("taobao.trades.sold.get",)),
    ("operation-twice-different", lambda: [_form_raw(
        _top(), urlencode(TOP_FORM) + "&method=taobao.trade.fullinfo.get")], FAILS, ()),
    ("operation-in-query-and-form-differ", lambda: [_top(
        query={"method": "taobao.trade.fullinfo.get"})], FAILS, ()),
    ("operation-nul", lambda: [_top(dict(TOP_FORM, method="taobao.trades\x00.sold.get"))],
     FAILS, ()),
    ("sf-service-missing", lambda: [interaction(SF_URL, {
        k: v for k, v in sf_form().items() if k != "serviceCode"}, sf_response(SF_CREATED))],
     ONE, ()),
    ("form-percent-truncated", lambda: [_form_raw(_top(), urlencode(TOP_FORM) + "&x=%e4%b8")],
     ANY, ()),
    ("form-percent-not-hex", lambda: [_form_raw(_top(), urlencode(TOP_FORM) + "&fields=%zz")],
     ANY, ()),
    ("form-lone-percent", lambda: [_form_raw(_top(), urlencode(TOP_FORM).replace(
        "page_no=1", "page_no=%"))], FAILS, ()),
    ("form-gbk-declared-utf8", lambda: [_form_raw(_top(), _gbk_form())], ONE,
     ("body.undecodable",)),
    ("answer-gbk-declared-utf8", lambda: [_gbk_answer()], ONE, ("body.undecodable",)),
    ("answer-charset-unknown", lambda: [_top(content_type="application/json;charset=klingon")],
     ANY, ()),
    ("content-schema-truncated", lambda: [_top(body=_attr('{"erpHold": "0", "pre'))], ONE,
     ("trade_attr",)),
    ("content-schema-nan", lambda: [_top(body=_attr('{"erpHold": NaN}'))], ONE,
     ("trade_attr",)),
    ("content-schema-bom", lambda: [_top(body=_attr('\ufeff{"erpHold": "0"}'))], ANY, ()),
    ("content-schema-10mb", lambda: [_top(body=_attr(json.dumps({"erpHold": _TEN_MB})))],
     FAILS, ()),
    ("content-schema-deep", lambda: [_top(body=_attr(_deep(100_000)))], FAILS, ()),
    ("content-schema-number", lambda: [_top(body=_attr("1e999999"))], FAILS, ()),
    ("content-schema-empty", lambda: [_top(body=_attr(""))], FAILS, ()),
    ("msgdata-truncated", lambda: [_sf('{"orderId": "Q-1", "cargo')], FAILS, ("msgData",)),
    ("msgdata-nan", lambda: [_sf('{"orderId": NaN}')], FAILS, ("msgData",)),
    ("msgdata-deep", lambda: [_sf(_deep(100_000))], FAILS, ()),
    ("msgdata-10mb", lambda: [_sf(json.dumps(dict(SF_ORDER, orderId=_TEN_MB)))], FAILS, ()),
    ("msgdata-duplicate-key", lambda: [_sf('{"orderId": "a", "orderId": "b", '
                                           '"cargoDetails": [{"name": "x"}], '
                                           '"contactInfoList": []}')], FAILS, ()),
    ("result-data-truncated", lambda: [_sf_answer_data('{"success": true, "msgData": {')],
     FAILS, ()),
    ("result-data-deep", lambda: [_sf_answer_data(_deep(100_000))], FAILS, ()),
    ("result-data-infinity", lambda: [_sf_answer_data('{"success": true, "msgData": '
                                                      'Infinity}')], FAILS, ()),
    ("xml-billion-laughs", lambda: [_xml(_BILLION_LAUGHS)], FAILS, ()),
    ("xml-external-entity", lambda: [_xml(_EXTERNAL)], FAILS, ()),
    ("xml-doctype-remote", lambda: [_xml(_DOCTYPE_ONLY)], ANY, ()),
    ("xml-parameter-entity", lambda: [_xml(_PARAMETER_ENTITY)], FAILS, ()),
    ("xml-truncated", lambda: [_xml("<trades_sold_get_response><total_results>1")], FAILS, ()),
    ("xml-deep", lambda: [_xml("<a>" * 100_000 + "</a>" * 100_000)], FAILS, ()),
    ("xml-labelled-json", lambda: [_top(body=_BILLION_LAUGHS)], FAILS, ()),
]


def _cassette_case(label: str, calls: Callable[[], list[dict[str, Any]]],
                   exits: frozenset[int], expect: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        contract = XML_CONTRACT if label.startswith("xml-") else None
        return _verify(root, calls(), contract=contract)
    return Case(f"gw-cassette:{label}", setup, exits, expect)


def gateway_cases() -> list[Case]:
    return [Case("gw-settings:control", lambda root: _verify(root, clean_calls()), CLEAN),
            *(_settings_case(*row) for row in SETTINGS_CASES),
            *(_cassette_case(*row) for row in CASSETTE_CASES)]
