"""Generated gateway traffic for differential tests: valid calls and every way they go wrong.

Seeds are the example project's recorded TOP, JD, Pinduoduo and SF Fengqiao calls and calls
built for the test contracts of ``tests.support.gateway``; each generated interaction is a seed
with zero to three mutations drawn from a seeded random generator:

* request: a parameter dropped, retyped or added, the operation name dropped or misspelt, the
  JSON inside a parameter (``msgData``, ``360buy_param_json``) changed or broken, the method
  switched, the version parameter changed, an odd charset;
* response: a value deleted, retyped or added anywhere (inside embedded JSON strings and XML
  answers too), an embedded document broken, an in-band error of some platform, a body that is
  not JSON (or is XML: an error, one cut off, a bomb), empty, undecodable, another status or
  Content-Type;
* signature: left stale, corrupted, removed, redacted, or an unknown ``sign_method``; otherwise
  the call is signed again with the secret :data:`SECRETS` gives, so most signatures hold.

``python -m tests.support.gateway_traffic`` rewrites ``tests/support/gateway_findings.json``,
the findings the implementation gave for this traffic when the fixture was recorded.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import os
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import yaml

from seamguard.contracts.catalog import ContractCatalog
from seamguard.findings import Finding
from seamguard.project import Project, find_project
from seamguard.verify import RecordedVerifier
from seamguard.wire.signing import SigningError, sign
from seamguard.xml_documents import XmlProblem, loads_xml
from tests.support.gateway import SETTINGS, SF_URL, TOP_URL, gateway_project, sf_response, top_trade
from tests.support.gateway_server import xml_answer

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).with_name("gateway_findings.json")
SEED = 20240710
COUNT = 240  # generated interactions per seed cassette

# The secrets the generated calls are signed with (the environment of the differential test).
SECRETS = {"GW_TEST_TOP_SECRET": "top-secret-for-tests", "GW_TEST_SF_CHECKWORD": "sf-checkword",
           "TAOBAO_APP_SECRET": "taobao-app-secret", "JD_APP_SECRET": "jd-app-secret",
           "PDD_CLIENT_SECRET": "pdd-client-secret",
           "SF_FENGQIAO_CHECKWORD": "sf-fengqiao-checkword"}

EXAMPLE_SEEDS = ("taobao/top-2.0.yaml", "jd/pop-orders-2.0.yaml", "pinduoduo/orders-V1.yaml",
                 "sf-fengqiao/std-service.yaml")

_ODD_VALUES: tuple[Any, ...] = (None, 0, -1, 1.5, "", "x", True, False, [], {}, "9" * 24,
                                "2024-07-10 10:00:00", "中文", {"k": 1}, [1, "a"])
_ODD_TEXT = ("", "abc", "-1", "0", "200", "true", "中文", "1.5", "{", "[]", "<redacted>")
_ERROR_BODIES: tuple[Any, ...] = (
    {"error_response": {"code": 15, "msg": "Remote service error",
                        "sub_code": "isv.invalid-parameter:start_created",
                        "sub_msg": "start_created is wrong", "request_id": "abc"}},
    {"error_response": {"code": 27, "msg": "Invalid session", "sub_code": "invalid-sessionkey"}},
    {"error_response": {"code": "x"}},
    {"error_response": {"error_code": 10019, "error_msg": "access_token已过期",
                        "sub_code": "10019", "sub_msg": "", "request_id": "1"}},
    {"error_response": {"code": "19", "zh_desc": "参数错误", "en_desc": "bad parameter"}},
    {"apiErrorMsg": "验证失败", "apiResponseID": "1", "apiResultCode": "A1001",
     "apiResultData": None},
    {"apiErrorMsg": "", "apiResponseID": "1", "apiResultCode": "A1000",
     "apiResultData": json.dumps({"success": False, "errorCode": "8016",
                                  "errorMsg": "重复下单", "msgData": None})},
    {"apiErrorMsg": "", "apiResultCode": "A1000", "apiResultData": "{not json"},
    {"apiErrorMsg": "", "apiResultCode": "A1000", "apiResultData": 17},
    {"jingdong_pop_order_search_responce": {"code": "100", "zh_desc": "失败"}},
    {"errcode": 40001, "errmsg": "invalid credential"},
    {"html": "maintenance"}, [], "just a string", 12,
)


def contracts_project(root: Path, undeclared: str) -> Project:
    """The TOP + SF test project (contracts of ``tests.support.gateway``)."""
    settings = SETTINGS.replace('cassettes = "cassettes"',
                                f'cassettes = "cassettes"\nundeclared_fields = "{undeclared}"')
    return find_project(gateway_project(root, {}, settings=settings), explicit=True)


def example_project() -> Project:
    """The repository's example project (real TOP, JD, Pinduoduo and SF contracts)."""
    return find_project(ROOT, explicit=True)


def _vcr(method: str, uri: str, form: dict[str, str] | None, body: Any, *,
         status: int = 200, content_type: str = "application/json;charset=UTF-8",
         ) -> dict[str, Any]:
    request: dict[str, Any] = {"method": method, "uri": uri, "headers": {}, "body": None}
    if form is not None:
        request["body"] = urlencode(form)
        request["headers"] = {
            "content-type": ["application/x-www-form-urlencoded;charset=UTF-8"]}
    return {"request": request,
            "response": {"status": {"code": status, "message": "OK"},
                         "headers": {"content-type": [content_type]},
                         "body": {"string": json.dumps(body, ensure_ascii=False)}}}


def _test_seeds() -> list[dict[str, Any]]:
    """Valid calls of the test contracts: TOP by query and by form, SF with ``msgData``."""
    common = {"app_key": "12345678", "v": "2.0", "sign_method": "md5",
              "timestamp": "2024-07-10 10:00:00", "format": "json"}
    sold = {"trades_sold_get_response": {"total_results": 2, "has_next": False, "trades": {
        "trade": [top_trade(), top_trade(tid=2231958471254739, status="TRADE_CLOSED",
                                         trade_attr=json.dumps({"presell": True}))]}}}
    full = {"trade_fullinfo_get_response": {"trade": top_trade()}}
    routes = {"routeResps": [{"mailNo": "SF1234567890123", "routes": [
        {"acceptTime": "2024-07-11 09:12:00", "acceptAddress": "深圳市", "remark": "快件已发车",
         "opCode": "50"}]}]}
    order = {"orderId": "QIAO-20240710-1", "language": "zh-CN",
             "cargoDetails": [{"name": "T恤", "count": 2}],
             "contactInfoList": [{"contactType": 1, "address": "广东省深圳市南山区科技园"}]}
    created = {"orderId": "QIAO-20240710-1",
               "waybillNoInfoList": [{"waybillType": 1, "waybillNo": "SF1234567890123"}]}

    def sf_form(service: str, msg: Any) -> dict[str, str]:
        return {"partnerID": "SEAMGUARD", "requestID": "6c1f2d6e-0000-4000-8000-000000000001",
                "serviceCode": service, "timestamp": "1720576800000",
                "msgData": json.dumps(msg, ensure_ascii=False), "msgDigest": "x"}

    sold_params = {"method": "taobao.trades.sold.get", **common,
                   "fields": "tid,status,payment", "page_no": "1", "page_size": "40",
                   "status": "TRADE_FINISHED", "use_has_next": "true"}
    return [
        _vcr("GET", f"{TOP_URL}?{urlencode({**sold_params, 'sign': 'x'})}", None, sold),
        _vcr("POST", TOP_URL, {**sold_params, "sign": "x"}, sold),
        _vcr("POST", f"{TOP_URL}?{urlencode({**common, 'sign': 'x'})}",
             {"method": "taobao.trade.fullinfo.get", "tid": "2231958471254738"}, full),
        _vcr("POST", SF_URL, sf_form("EXP_RECE_SEARCH_ROUTES", {
            "language": "zh-CN", "trackingType": 1, "trackingNumber": ["SF1234567890123"],
            "methodType": 1}), sf_response(routes)),
        _vcr("POST", SF_URL, sf_form("EXP_RECE_CREATE_ORDER", order), sf_response(created)),
    ]


def _example_seeds() -> list[dict[str, Any]]:
    seeds: list[dict[str, Any]] = []
    for name in EXAMPLE_SEEDS:
        document = yaml.safe_load((ROOT / "fixtures" / "cassettes" / name).read_text("utf-8"))
        seeds.extend(document["interactions"])
    return seeds


# -- mutations -----------------------------------------------------------------------------


def _embedded(value: Any) -> Any:
    """The JSON document inside a string, or None when it holds none."""
    if isinstance(value, str) and value[:1] in "{[":
        try:
            return json.loads(value)
        except ValueError:
            return None
    return None


def _paths(node: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path in a JSON value; ``("json",)`` steps into a JSON document inside a string."""
    yield at
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*at, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*at, index))
    else:
        inner = _embedded(node)
        if isinstance(inner, dict | list):
            yield from _paths(inner, (*at, ("json",)))


def _change(node: Any, path: tuple[Any, ...], how: str, rng: random.Random) -> Any:
    """``node`` with the value at ``path`` deleted, replaced, or given an extra sibling key."""
    if not path:
        return rng.choice(_ODD_VALUES) if how == "set" else node
    head, rest = path[0], path[1:]
    if head == ("json",):
        inner = _change(_embedded(node), rest, how, rng)
        return json.dumps(inner, ensure_ascii=rng.random() < 0.5)
    if not rest:
        if how == "delete" and isinstance(node, dict):
            node.pop(head, None)
        elif how == "delete" and isinstance(node, list):
            del node[head]
        elif how == "extra" and isinstance(node, dict):
            node["zz_" + rng.choice(["extra", "new", "中文", "a/b", "x~y"])] = rng.choice(
                _ODD_VALUES)
        elif how == "break" and isinstance(node[head], str):
            node[head] = node[head][: max(1, len(node[head]) // 2)]
        else:
            node[head] = rng.choice(_ODD_VALUES)
        return node
    node[head] = _change(node[head], rest, how, rng)
    return node


def _mutate_json(document: Any, rng: random.Random) -> Any:
    document = copy.deepcopy(document)
    paths = list(_paths(document))
    path = rng.choice(paths[1:] or paths)
    embedded = [p for p in paths if p and _embedded(_get(document, p)) is not None]
    how = rng.choice(("delete", "set", "extra", "break" if embedded else "set"))
    if how == "break":
        path = rng.choice(embedded)
    elif how == "extra" and path and not isinstance(_get(document, path[:-1]), dict):
        how = "set"
    return _change(document, path, how, rng)


def _mutate_xml(item: dict[str, Any], rng: random.Random) -> None:
    """A value of an answer in XML deleted, replaced or added, written back as TOP writes XML
    (a body that is not XML, or a root that no longer is one, is left as it was)."""
    text = item["response"]["body"]["string"]
    if not isinstance(text, str) or not text.startswith("<?xml"):
        return
    try:
        document = loads_xml(text)
    except XmlProblem:
        return
    changed = _mutate_json(document, rng)
    if isinstance(changed, dict) and len(changed) == 1:
        item["response"]["body"]["string"] = xml_answer(changed)


def _get(node: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        node = _embedded(node) if step == ("json",) else node[step]
    return node


def _mutate_params(params: dict[str, str], rng: random.Random, operation: str) -> None:
    kind = rng.choice(("drop", "retype", "add", "json", "operation", "operation"))
    names = [n for n in params if n not in ("sign", "msgDigest")]
    if kind == "drop" and names:
        params.pop(rng.choice(names))
    elif kind == "retype" and names:
        params[rng.choice(names)] = rng.choice(_ODD_TEXT)
    elif kind == "add":
        params[rng.choice(["zz_extra", "page_size", "status", "use_has_next", "中文"])] = \
            rng.choice(_ODD_TEXT)
    elif kind == "json":
        holders = [n for n in names if isinstance(_embedded(params[n]), dict | list)]
        if holders:
            name = rng.choice(holders)
            if rng.random() < 0.3:
                params[name] = params[name][: len(params[name]) // 2]
            else:
                changed = _mutate_json(json.loads(params[name]), rng)
                params[name] = changed if isinstance(changed, str) else json.dumps(
                    changed, ensure_ascii=False)
    elif operation in params:
        choice = rng.random()
        if choice < 0.3:
            params.pop(operation)
        elif choice < 0.6:
            params[operation] = params[operation][:-1] + "x"
        else:
            params[operation] = rng.choice(["", "taobao.trade.fullinfo.get",
                                             "EXP_RECE_CREATE_ORDER", "pdd.order.list.get",
                                             "jingdong.pop.order.search", "unknown"])


def _split(item: dict[str, Any]) -> tuple[str, dict[str, str], dict[str, str] | None]:
    base, _, query = item["request"]["uri"].partition("?")
    body = item["request"].get("body")
    form = dict(parse_qsl(body, keep_blank_values=True)) if isinstance(body, str) and \
        "=" in body and "{" not in body[:1] else None
    return base, dict(parse_qsl(query, keep_blank_values=True)), form


def _join(item: dict[str, Any], base: str, query: dict[str, str],
          form: dict[str, str] | None) -> None:
    item["request"]["uri"] = f"{base}?{urlencode(query)}" if query else base
    if form is not None:
        item["request"]["body"] = urlencode(form)


def _resign(item: dict[str, Any], project: Project, secret: str | None) -> None:
    """Sign the call again with the platform's scheme and the test secret."""
    base, query, form = _split(item)
    platform = next((p for p in project.settings.platforms.values()
                     if base.startswith(p.base_url)), None)
    if platform is None or platform.wire.signing is None or secret is None:
        return
    signing = platform.wire.signing
    name = signing.signature.name
    where = form if form is not None and (name in form or name not in query) else query
    merged = {**query, **(form or {})}
    merged.pop(name, None)
    try:
        where[name] = sign(signing, merged, secret, body=item["request"].get("body"))
    except SigningError:
        return
    _join(item, base, query, form)


def mutate(seed: dict[str, Any], project: Project, rng: random.Random) -> dict[str, Any]:
    """One generated interaction from a seed (see the module docstring)."""
    item = copy.deepcopy(seed)
    base, query, form = _split(item)
    platform = next((p for p in project.settings.platforms.values()
                     if base.startswith(p.base_url)), None)
    wire = platform.wire if platform is not None else None
    operation = wire.operation.name if wire is not None and wire.operation else "method"
    secret = SECRETS.get(platform.secret_env or "") if platform is not None else None
    signature = "stale"
    for _ in range(rng.choice((0, 1, 1, 2, 3))):
        target = rng.random()
        if target < 0.3:
            _mutate_params(form if form is not None and rng.random() < 0.7 else query, rng,
                           operation)
        elif target < 0.55:
            text = item["response"]["body"]["string"]
            try:
                body = json.loads(text)
            except ValueError:  # an answer in XML, or an earlier mutation left no JSON
                _mutate_xml(item, rng)
                continue
            item["response"]["body"]["string"] = json.dumps(
                _mutate_json(body, rng), ensure_ascii=rng.random() < 0.5)
        elif target < 0.65:
            item["response"]["body"]["string"] = json.dumps(
                rng.choice(_ERROR_BODIES), ensure_ascii=False)
        elif target < 0.72:
            _mutate_wire(item, rng)
        elif target < 0.8:
            item["request"]["method"] = "GET" if item["request"]["method"] == "POST" else "POST"
        elif target < 0.85:
            (form if form is not None and "v" in form else query)["v"] = rng.choice(
                ["9.9", "2.0", "V1", ""])
        else:
            signature = rng.choice(("stale", "corrupt", "drop", "redacted", "method"))
    _join(item, base, query, form)
    if signature == "stale" and rng.random() < 0.85:
        _resign(item, project, secret)
    elif signature != "stale":
        _spoil_signature(item, project, signature, rng)
    return item


# Answers in XML: an error (reported whatever the declared Content-Type), one cut off, a bomb.
_XML_BODIES = (
    "<error_response><code>27</code><msg>Invalid session</msg></error_response>",
    "<error_response><error_code>10019</error_code><error_msg>expired</error_msg>"
    "</error_response>",
    '<?xml version="1.0" encoding="utf-8"?><trades_sold_get_response><trades list="true">',
    '<?xml version="1.0"?><!DOCTYPE b [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    "<error_response><code>&b;</code></error_response>",
)


def _mutate_wire(item: dict[str, Any], rng: random.Random) -> None:
    response, request = item["response"], item["request"]
    choice = rng.randrange(7)
    if choice == 0:
        response["body"]["string"] = rng.choice(["<html>busy</html>", "{\"a\": ", "NaN", "[1e999]",
                                                 *_XML_BODIES])
    elif choice == 1:
        response["body"]["string"] = rng.choice(["", "   "])
    elif choice == 2:
        response["status"]["code"] = rng.choice([500, 404, 201])
    elif choice == 3:
        response["headers"]["content-type"] = [rng.choice(["text/html", "text/plain;charset=GBK",
                                                           "application/json;charset=foo"])]
    elif choice == 4:
        response["body"]["string"] = response["body"]["string"].encode("gb18030")
    elif choice == 5 and request.get("body"):
        request["headers"]["content-type"] = [rng.choice([
            "application/x-www-form-urlencoded;charset=GBK",
            "application/x-www-form-urlencoded;charset=nonsense", "application/json",
            "text/plain"])]
    else:
        request["body"] = (request.get("body") or "") + rng.choice(["&%E4%B8", "&a=%ZZ", "&=x"])


def _spoil_signature(item: dict[str, Any], project: Project, how: str,
                     rng: random.Random) -> None:
    base, query, form = _split(item)
    for params in (query, form or {}):
        for name in ("sign", "msgDigest"):
            if name not in params:
                continue
            if how == "corrupt":
                params[name] = params[name][::-1] or "00"
            elif how == "drop":
                params.pop(name)
            elif how == "redacted":
                params[name] = "<redacted>"
        if how == "method" and "sign_method" in params:
            params["sign_method"] = rng.choice(["sha999", "hmac", "HMAC-SHA256", ""])
    _join(item, base, query, form)


def traffic(project: Project, seeds: list[dict[str, Any]], count: int = COUNT,
            seed: int = SEED) -> list[dict[str, Any]]:
    """``count`` generated interactions per seed list (the seeds themselves first)."""
    rng = random.Random(seed)
    return [*copy.deepcopy(seeds),
            *(mutate(rng.choice(seeds), project, rng) for _ in range(count))]


# -- findings --------------------------------------------------------------------------------


def finding_record(finding: Finding) -> dict[str, Any]:
    """A finding as plain JSON (everything a report shows of it)."""
    record = dataclasses.asdict(finding)
    del record["quoted"]  # (what a report shows by the observed-value rule; no report holds it)
    record["location"]["file"] = Path(record["location"]["file"] or "").name
    return json.loads(json.dumps(record, default=str, ensure_ascii=False))


def findings_of(project: Project, items: list[dict[str, Any]], folder: Path,
                name: str) -> list[list[dict[str, Any]]]:
    """Each interaction's findings, verified one cassette at a time (``name`` in ``folder``)."""
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump({"interactions": items, "version": 1}, allow_unicode=True,
                                   sort_keys=False), encoding="utf-8")
    verifier = RecordedVerifier(project, ContractCatalog(project))
    cassette = verifier.read(path)
    assert not isinstance(cassette, Finding), cassette
    out: list[list[dict[str, Any]]] = []
    for interaction in cassette.each():
        out.append([finding_record(f) for f in verifier.verify(cassette, interaction)])
    return out


def scenarios(folder: Path) -> Iterator[tuple[str, Project, list[dict[str, Any]]]]:
    """(name, project, traffic) of each differential scenario."""
    for undeclared in ("warning", "off"):
        project = contracts_project(folder / f"test-{undeclared}", undeclared)
        yield f"test-{undeclared}", project, traffic(project, _test_seeds())
    example = example_project()
    yield "example", example, traffic(example, _example_seeds())


def record(folder: Path) -> dict[str, Any]:
    """Every scenario's findings, with and without the secrets in the environment."""
    recorded: dict[str, Any] = {}
    before = {name: os.environ.get(name) for name in SECRETS}
    try:
        for secrets in (True, False):
            for name in SECRETS:
                if secrets:
                    os.environ[name] = SECRETS[name]
                else:
                    os.environ.pop(name, None)
            for name, project, items in scenarios(folder):
                key = f"{name}-{'signed' if secrets else 'unsigned'}"
                recorded[key] = findings_of(project, items, folder, key)
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return recorded


def main() -> int:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="seamguard-traffic-") as tmp:
        recorded = record(Path(tmp))
    text = json.dumps(recorded, ensure_ascii=False, indent=None, sort_keys=True)
    FIXTURE.write_text(text.replace('}]], "', '}]],\n"') + "\n", encoding="utf-8")
    total = sum(len(f) for runs in recorded.values() for f in runs)
    print(f"{FIXTURE}: {total} findings over "
          f"{sum(len(runs) for runs in recorded.values())} interactions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
