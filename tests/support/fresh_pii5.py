# ruff: noqa: RUF001, RUF002
"""A fifth corpus: where personal data sits and how it is spelt, in ways the earlier corpora
leave out (values in :mod:`tests.support.fresh_pii5_values`, each named ``class/what``).

* personal data as object keys (maps keyed by a mobile, an e-mail or a name), reaching JSON
  pointers of findings too;
* wrapped: a JWT's name and openid claims, URL-encoded JSON in a query parameter (JD's
  ``360buy_param_json``), JSON percent-encoded twice, ``\\u`` escapes of ASCII digits, XML
  numeric character references;
* spelt oddly: soft hyphens inside phones and e-mails, full-width ``＠``/``．`` in e-mails,
  phones in Chinese numerals, phones with an extension (``转 123``, ``ext. 12``);
* documents and accounts: 15-digit first-generation resident IDs, a lower-case ``x`` check
  digit, Mainland travel permits for Hong Kong/Macau and Taiwan residents, passports, a sole
  trader's unified social credit code (a person's), bank cards with spaces or dashes, Alipay
  accounts, ``wxid_`` WeChat ids;
* names: ethnic-minority names with ``·``, compound surnames, pinyin with tone marks,
  traditional characters, keys spelt in pinyin (``shoujianren``, ``lianxiDianhua``…);
* addresses: traditional characters, building/unit/room, villages, English order, PO boxes;
* carriers: SOAP with CDATA, GraphQL variables, multipart file names, ``Authorization: Basic``,
  a relative ``Location``, a ``Link`` header, a customer's IP in ``X-Forwarded-For``,
  server-sent events, NDJSON behind a BOM, a GBK form.

Paths: the vcrpy hooks, ``privacy scan``/``privacy scrub`` of a raw cassette, ``mask_text``,
``mask_value``, a log record, and a masked finding whose JSON pointer runs through every key of
the record. A leak is a planted value in any spelling after opening what the output wraps.

``python -m tests.support.fresh_pii5`` measures ``SEEDS``; ``… check`` the seeds kept apart
(``CHECK_SEEDS``); or give seeds. It prints leaks and false replacements, and leaks by class.
"""

from __future__ import annotations

import base64
import json
import random
import string
import sys
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

from tests.support.fresh_pii import Value
from tests.support.fresh_pii4 import (
    Measure,
    _interaction,
    lost_ordinary,
    opened4,
    traffic_outputs,
)
from tests.support.fresh_pii5_values import (
    ORDINARY,
    chinese_numerals,
    leak_forms,
    make_values,
)

SEEDS = (9901, 9902, 9903)
CHECK_SEEDS = (9911, 9912, 9913, 9914, 9915, 9916)

_BASE = "https://api.partner.example.cn"


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def _b64url(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _u_escaped(text: str) -> str:
    return "".join(f"\\u{ord(ch):04x}" for ch in text)


def _entities(text: str) -> str:
    return "".join(f"&#x{ord(ch):x};" if i % 2 else f"&#{ord(ch)};" for i, ch in enumerate(text))


def _soft(text: str) -> str:
    return "\u00ad".join(text[i:i + 3] for i in range(0, len(text), 3))


def _keys(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    record = {"receivers": {v["keys/phone"]: {"orders": [o["order_no"]], "sku": o["sku"]}},
              "by_mail": {v["keys/email"]: {"last_order": o["tid"], "amount": o["amount"]}},
              "contacts": {v["keys/name"]: {"status": o["status"], "batch": o["batch"]}},
              "order_no": o["order_no"]}
    yield "object_keys", _interaction(_json(record), request=_json({"sku": o["sku"]}))


def _wrapped(v: dict[str, str], o: dict[str, str],
             rng: random.Random) -> Iterator[tuple[str, dict[str, Any]]]:
    head = _b64url(_json({"alg": "RS256", "typ": "JWT"}))
    claims = _b64url(_json({"iss": "https://open.weixin.qq.com", "name": v["wrap/jwt-name"],
                            "nickname": v["wrap/jwt-name"], "openid": v["wrap/jwt-openid"],
                            "iat": int(o["ts"])}))
    token = f"{head}.{claims}.{''.join(rng.choice(string.ascii_letters) for _ in range(86))}"
    yield "jwt_claims", _interaction(_json({"access": token, "order_no": o["order_no"]}))
    param = _json({"orderId": o["order_no"], "consigneeMobile": v["wrap/query-json"],
                   "consigneeName": v["wrap/query-json-name"], "sku": o["sku"]})
    yield "query_json", _interaction(_json({"code": "0"}), method="GET", uri=(
        f"{_BASE}/routerjson?method=jingdong.order.update&timestamp={quote(o['stamp'])}"
        f"&360buy_param_json={quote(param, safe='')}"))
    twice = quote(quote(_json({"m": v["wrap/double-pct"], "o": o["order_no"]}), safe=""),
                  safe="")
    yield "double_percent", _interaction(_json({"ok": True}), method="GET",
                                         uri=f"{_BASE}/cb?state={twice}&ts={o['ts']}")
    escaped = ('{"recv_tel": "' + _u_escaped(v["wrap/u-escaped"]) + '", "remark": "tel '
               + _u_escaped(v["wrap/u-escaped"]) + '", "sku": "' + o["sku"] + '"}')
    yield "u_escaped_digits", _interaction(escaped)
    xml = (f'<?xml version="1.0"?><Order><No>{o["order_no"]}</No><Remark>电话 '
           f'{_entities(v["wrap/entities-xml"])}</Remark><Sku>{o["sku"]}</Sku></Order>')
    yield "xml_entities", _interaction(xml, "application/xml; charset=utf-8")


def _spelt(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    mail = v["spell/fullwidth-mail"].replace("@", "＠").replace(".", "．")
    land, ext = v["spell/ext-landline"], v["spell/ext-mobile"]
    land_text = f"{land[:-8]}-{land[-8:]}" if land.startswith(("010", "021")) else \
        f"{land[:4]}-{land[4:]}"
    record = {"contact": _soft(v["spell/soft-hyphen"]),
              "mail": _soft(v["spell/soft-hyphen-mail"]),
              "note": f"邮箱 {mail}，电话{chinese_numerals(v['spell/cn-numerals'])}",
              "office": f"{land_text} 转 123", "cell": f"+86 {ext} ext. 12",
              "order_no": o["order_no"], "shelf": o["shelf"]}
    yield "spelt", _interaction(_json(record))
    text = (f"客户留言：手机{chinese_numerals(v['spell/cn-numerals'])}，座机{land_text}转123，"
            f"邮件{mail}，单号{o['sf']}")
    yield "spelt_text", _interaction(text, "text/plain; charset=utf-8")


def _documents(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    spaced = " ".join(v["doc/card-spaced"][i:i + 4] for i in range(0, 19, 4))
    dashed = "-".join(v["doc/card-dashed"][i:i + 4] for i in range(0, 16, 4))
    record = {"buyer": {"cert_no": v["doc/id15"], "idcard": v["doc/id-lower-x"],
                        "permit": v["doc/hkmo-permit"], "mtp": v["doc/tw-permit"],
                        "passport_no": v["doc/passport"]},
              "shop": {"credit_code": v["doc/sole-trader"], "type": "个体工商户"},
              "corp": {"credit_code": o["uscc_corp"], "type": "有限责任公司"},
              "refund": {"bank_card": spaced, "card2": dashed,
                         "alipay_account": v["doc/alipay-phone"],
                         "alipay_logon_id": v["doc/alipay-mail"], "wechat": v["doc/wxid"]},
              "order_no": o["order_no"], "ean": o["ean"]}
    yield "documents", _interaction(_json(record))
    text = (f"实名认证：身份证{v['doc/id15']}（老证），{v['doc/id-lower-x']}；往来港澳通行证"
            f"{v['doc/hkmo-permit']}；台胞证{v['doc/tw-permit']}；护照{v['doc/passport']}。"
            f"个体户信用代码{v['doc/sole-trader']}。退款到卡 {spaced} 或 {dashed}，支付宝"
            f"{v['doc/alipay-phone']} / {v['doc/alipay-mail']}，微信号{v['doc/wxid']}。"
            f"订单{o['order_no']} 批次{o['batch']}")
    yield "documents_text", _interaction(text, "text/plain; charset=utf-8")


def _names(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    record = {"buyer_nick": v["name/minority"], "shipper": v["name/compound"],
              "en_name": v["name/pinyin-tones"], "display": v["name/traditional"],
              "shoujianren": v["name/pinyin-key"], "lianxiDianhua": v["name/pinyin-key-phone"],
              "SHOU_JIAN_REN_XINGMING": v["name/pinyin-key"], "lian-xi-ren": v["name/compound"],
              "shouji": v["name/pinyin-key-phone"], "sku": o["sku"], "status": o["status"]}
    yield "names", _interaction(_json(record))
    text = (f"收件人：{v['name/minority']}，寄件人{v['name/compound']}先生，联系人 "
            f"{v['name/pinyin-tones']}，收貨人：{v['name/traditional']}。訂單 {o['order_no']}")
    yield "names_text", _interaction(text, "text/plain; charset=utf-8")


def _addresses(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    record = {"recv": {"dizhi": v["addr/traditional"], "detail": v["addr/unit"],
                       "village": v["addr/rural"], "line1": v["addr/english-order"],
                       "box": v["addr/pobox"]}, "shelf": o["shelf"], "sf": o["sf"]}
    yield "addresses", _interaction(_json(record))
    text = (f"送貨地址：{v['addr/traditional']}。小区{v['addr/unit']}，老家"
            f"{v['addr/rural']}。Ship to {v['addr/english-order']}, Shanghai; or "
            f"{v['addr/pobox']}. 运单 {o['jd']}")
    yield "addresses_text", _interaction(text, "text/plain; charset=utf-8")


def _carriers(v: dict[str, str], o: dict[str, str],
              rng: random.Random) -> Iterator[tuple[str, dict[str, Any]]]:
    soap = ('<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap='
            '"http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><SaveOrder><data><![CDATA['
            f'<order><no>{o["order_no"]}</no><consignee>{v["carrier/soap-name"]}</consignee>'
            f'<tel>{v["carrier/soap-phone"]}</tel></order>]]></data></SaveOrder></soap:Body>'
            '</soap:Envelope>')
    yield "soap_cdata", _interaction(soap, "text/xml; charset=utf-8")
    gql = _json({"query": "mutation customerUpdate($input: CustomerInput!) { customerUpdate"
                          "(input: $input) { customer { id } } }",
                 "operationName": o["op"],
                 "variables": {"input": {"phone": "+86" + v["carrier/graphql-phone"],
                                         "email": v["carrier/graphql-mail"],
                                         "tags": [o["coupon"]]}}})
    yield "graphql", _interaction(_json({"data": {"customerUpdate": {"customer": {
        "id": "gid://shopify/Customer/7012345678901"}}}}), request=gql)
    boundary = "----seam" + "".join(rng.choice(string.ascii_letters) for _ in range(12))
    name = v["carrier/filename"]
    multipart = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                 f"{name}_签收单.jpg\"; filename*=UTF-8''{quote(name + '_签收单')}.jpg\r\n"
                 f"Content-Type: image/jpeg\r\n\r\nJFIF\r\n--{boundary}\r\nContent-Disposition: "
                 f"form-data; name=\"waybill\"\r\n\r\n{o['sf']}\r\n--{boundary}--\r\n")
    yield "multipart_filename", _interaction(
        _json({"ok": 1}), request=multipart,
        request_type=f"multipart/form-data; boundary={boundary}",
        response_headers={"Content-Disposition": [
            f"attachment; filename*=UTF-8''{quote(name + '_签收单')}.pdf"]})
    basic = base64.b64encode(f"{v['carrier/basic-user']}:{v['carrier/basic-pw']}".encode())
    yield "headers", _interaction(
        "", status=302, request_headers={
            "Authorization": [f"Basic {basic.decode()}"],
            "X-Forwarded-For": [f"{v['carrier/client-ip']}, {o['hub_ip']}"],
            "X-Real-IP": [v["carrier/client-ip"]]},
        response_headers={
            "Location": [f"/m/customers/{v['carrier/location']}/orders?sku={o['sku']}"],
            "Link": [f"<{_BASE}/v1/customers?email={quote(v['carrier/link-mail'])}"
                     f"&page=2>; rel=\"next\""]})
    sse = (f"id: {o['ts_ms']}\nevent: order\ndata: " + _json({"tel": v["carrier/sse"], "no":
                                                               o["order_no"]}) +
           f"\n\nevent: ping\ndata: 联系电话 {v['carrier/sse']}\n\n")
    yield "sse", _interaction(sse, "text/event-stream")
    ndjson = ("\ufeff" + _json({"mobile": v["carrier/ndjson-bom"], "tid": o["tid"]}) + "\n"
              + _json({"remark": f"call {v['carrier/ndjson-bom']}", "sku": o["sku"]}) + "\n")
    yield "ndjson_bom", _interaction(ndjson.encode("utf-8"), "application/x-ndjson")
    form = urlencode({"receiver_name": v["carrier/gbk-form"],
                      "receiver_address": v["carrier/gbk-form-addr"], "remark": "请尽快发货",
                      "order_no": o["order_no"]}, encoding="gbk")
    yield "gbk_form", _interaction(_json({"ok": True}), request=form.encode("ascii"),
                                   request_type="application/x-www-form-urlencoded; charset=GBK")


def carriers(values: list[Value], seed: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """(carrier, interaction) pairs as a cassette stores them."""
    v = {value.name: value.value for value in values}
    o = ORDINARY
    rng = random.Random(seed * 31)
    yield from _keys(v, o)
    yield from _wrapped(v, o, rng)
    yield from _spelt(v, o)
    yield from _documents(v, o)
    yield from _names(v, o)
    yield from _addresses(v, o)
    yield from _carriers(v, o, rng)
    yield "near_misses", _interaction(_json(o), request=urlencode(o),
                                      request_type="application/x-www-form-urlencoded")


def opened5(data: Any) -> str:
    """``opened4`` of ``data``, and again with soft hyphens dropped."""
    text = opened4(data)
    return text + " " + opened4(text.replace("\u00ad", ""))


def _pointers(data: Any, prefix: str = "") -> Iterator[str]:
    if isinstance(data, dict):
        for key, item in data.items():
            pointer = f"{prefix}/{str(key).replace('~', '~0').replace('/', '~1')}"
            yield pointer
            yield from _pointers(item, pointer)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _pointers(item, f"{prefix}/{index}")


def _finding(record: Any) -> str:
    """A masked finding about ``record``, located at each JSON pointer through it."""
    from seamguard.findings import Finding, Location, Severity
    from seamguard.privacy import mask_finding

    shown = []
    for pointer in _pointers(record):
        finding = mask_finding(Finding(
            code="drift.undeclared-field", severity=Severity.WARNING, check="fresh",
            message=f"{pointer} is not in the contract", actual=record,
            location=Location(platform="shop", operation="order", pointer=pointer)))
        shown.append(f"{finding.message} {finding.location.pointer} "
                     f"{json.dumps(finding.actual, ensure_ascii=False)}")
    return "\n".join(shown)


def measure(seed: int) -> Measure:
    """One seed's corpus through every path."""
    values = make_values(seed)
    outputs, given = traffic_outputs(list(carriers(values, seed)), opened5, _finding,
                                     strip_bom=True)
    leaks = sorted({(path, carrier, value.name) for (path, carrier), text in outputs.items()
                    for value in values if any(form in text for form in leak_forms(value))})
    return Measure(leaks, lost_ordinary(outputs, given, ORDINARY))


def main(argv: list[str]) -> int:
    from tests.support.fresh_pii import report_seeds, seeds_chosen

    report_seeds(measure, seeds_chosen(argv, SEEDS, CHECK_SEEDS))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
