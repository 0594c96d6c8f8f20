# ruff: noqa: RUF001
"""A ninth corpus: platforms and spellings the earlier corpora leave out (values in
:mod:`tests.support.fresh_pii9_values`).

* payloads as platforms' public docs show them: Youzan ``full_order_info`` with
  ``address_info`` and ``buyer_info``, Weidian ``buyer_info``, Kuaishou ``orderAddress``,
  Xiaohongshu (RED) receiver fields, a WeChat Pay notify in XML with CDATA, an Alipay async
  notify form, Feishu Bitable records whose person fields are lists of ``{id, name, en_name,
  email}``, DingTalk users with a separate ``state_code``, Zoho lookups ``{name, id}``,
  Salesforce sObjects with ``attributes``, Odoo JSON-RPC ``res.partner`` reads whose many2one
  fields are ``[id, "display name"]`` pairs, Shopify Admin GraphQL ``edges/node`` (an order's
  ``name`` is ``#1001``);
* carrier pushes: JT Express ``bizContent`` JSON in a form, a ZTO ``data`` form field, a JD
  Logistics JSON body; a CSV export inside a JSON string;
* spellings: names and phones in URL path segments, base32 and hex encoded values,
  percent-encoding applied twice, Taiwan mobiles (``+886 9xx``, ``09xx-xxx-xxx``), Singapore and
  Malaysia addresses, Japanese names in katakana beside a phone, a lone ``{"value": name}``
  widget under a person's key, a title before a surname only (``Ms Chen``) beside a phone;
* ordinary values beside them (see ``ORDINARY``).

Paths: as the eighth corpus (vcrpy hooks, ``mask_text``, a log line, ``mask_value``, a masked
finding, ``privacy scan``/``privacy scrub``) and end to end through the CLI
(:mod:`tests.support.fresh_pii9_cli`). Outputs are also opened as base32 and hex.

``python -m tests.support.fresh_pii9`` measures ``SEEDS``; ``… check`` the seeds kept apart
(``CHECK_SEEDS``); or give seeds. ``FRESH_PII9_CLI=0`` skips the CLI paths.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import re
import sys
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

from tests.support.fresh_pii import Value
from tests.support.fresh_pii4 import Measure, _interaction, lost_ordinary, traffic_outputs
from tests.support.fresh_pii8 import _finding8, opened8
from tests.support.fresh_pii9_values import OPEN_ID, ORDINARY, leak_forms, make_values

SEEDS = (9901, 9902, 9903)
CHECK_SEEDS = (9911, 9912, 9913, 9914, 9915)

_BASE = "https://open.partner.example.cn"


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def platform_payloads(v: dict[str, str], o: dict[str, str]) -> dict[str, Any]:
    """Answers shaped as platforms document them, by platform."""
    return {
        "youzan": {"success": True, "code": 200, "data": {"full_order_info_list": [{
            "full_order_info": {
                "order_info": {"tid": o["yz_tid"], "created": o["stamp"],
                               "status": "WAIT_SELLER_SEND_GOODS"},
                "buyer_info": {"buyer_id": 1234567, "fans_nickname": v["youzan/nickname-phone"],
                               "fans_type": 1},
                "address_info": {"receiver_name": v["youzan/receiver"],
                                 "receiver_tel": v["youzan/tel"],
                                 "delivery_province": "浙江省", "delivery_city": "杭州市",
                                 "delivery_district": "西湖区",
                                 "delivery_address": v["youzan/address"],
                                 "delivery_postal_code": "310000"},
                "pay_info": {"payment": o["amount"], "total_fee": o["amount"]},
                "orders": [{"outer_sku_id": o["sku"], "title": o["product"]}]}}],
            "total_results": 1}},
        "weidian": {"status": {"status_code": 0, "status_reason": ""}, "result": {
            "order_id": o["wd_order"], "add_time": o["stamp"], "total": o["amount"],
            "buyer_info": {"buyer_id": "1234567890", "name": v["weidian/name"],
                           "telephone": v["weidian/telephone"], "province": "臺灣",
                           "city": o["city"], "address": v["weidian/address"]},
            "items": [{"item_name": o["brand"], "merchant_code": o["sku"]}]}},
        "kuaishou": {"result": 1, "error_msg": "", "data": {"orderBaseInfo": {
            "oid": o["ks_oid"], "createTime": int(o["ts_ms"]), "totalFee": int(o["fee"])},
            "orderAddress": {"consignee": v["kuaishou/consignee"],
                             "mobile": v["kuaishou/mobile"], "provinceCode": 440000,
                             "province": "广东省", "city": "广州市"}}},
        "red": {"success": True, "data": {"orderId": o["red_order"], "orderStatus": 4,
                                          "receiverName": v["red/receiver"],
                                          "receiverPhone": v["red/phone"],
                                          "receiverAddress": v["red/address"],
                                          "skuList": [{"skuId": o["sku"],
                                                       "skuName": o["brand"]}],
                                          "totalPayAmount": int(o["fee"])}},
        "bitable": {"code": 0, "msg": "success", "data": {"has_more": False, "items": [{
            "record_id": o["record_id"], "fields": {
                "订单号": o["yz_tid"], "金额": float(o["amount"]),
                "负责人": [{"id": OPEN_ID, "name": v["bitable/person-name"],
                         "en_name": v["bitable/person-en"],
                         "email": v["bitable/person-email"]}],
                "联系电话": v["bitable/phone"], "城市": o["city"],
                "创建时间": int(o["ts_ms"])}}]}},
        "dingtalk": {"errcode": 0, "errmsg": "ok", "result": {
            "userid": "manager4220", "unionid": "z21HjQliSzpw0YWCNxmii6u2Os62cZ62iSiE",
            "name": v["dingtalk/name"], "state_code": "886", "mobile": v["dingtalk/mobile"],
            "org_email": v["dingtalk/email"], "title": "客服主管", "dept_id_list": [2, 3],
            "hired_date": int(o["ts_ms"])}},
        "zoho": {"data": [{"id": "4150868000000224005", "Deal_Name": o["brand"],
                           "Contact_Name": {"name": v["zoho/lookup-name"],
                                            "id": "4150868000000224013"},
                           "Account_Name": {"name": o["company"], "id": "4150868000000224011"},
                           "Amount": float(o["amount"]), "Closing_Date": o["stamp"][:10],
                           "Mobile": v["zoho/mobile"]}], "info": {"more_records": False}},
        "salesforce": {"totalSize": 1, "done": True, "records": [{
            "attributes": {"type": "Contact",
                           "url": "/services/data/v59.0/sobjects/Contact/0035g00000XyZabAAB"},
            "Id": "0035g00000XyZabAAB", "Name": v["sf/name"], "MobilePhone": v["sf/mobile"],
            "MailingStreet": v["sf/street"], "MailingCity": o["city_sg"],
            "MailingPostalCode": o["postcode"],
            "Account": {"attributes": {"type": "Account"}, "Name": o["company"]}}]},
        "odoo": {"jsonrpc": "2.0", "id": 7, "result": [{
            "id": 42, "name": v["odoo/partner"], "display_name": v["odoo/partner"],
            "phone": v["odoo/phone"], "email": v["odoo/email"], "street": v["odoo/street"],
            "city": "杭州市", "country_id": [48, "China"], "ref": o["odoo_ref"],
            "user_id": [2, "Mitchell Admin"], "sale_order_ids": [17, 18]}],
            "partner_lines": [{"partner_id": [42, v["odoo/partner"]], "ref": o["odoo_ref"],
                               "amount": o["amount"]}]},
        "shopify": {"data": {"orders": {"edges": [{"cursor": "eyJsYXN0X2lkIjo1NTF9", "node": {
            "id": o["gid"], "name": o["shop_name"], "createdAt": o["iso"],
            "totalPriceSet": {"shopMoney": {"amount": o["amount"], "currencyCode": "MYR"}},
            "email": v["shopify/email"],
            "shippingAddress": {"name": v["shopify/ship-name"], "phone": v["shopify/ship-phone"],
                                "address1": v["shopify/address1"], "city": o["city_my"],
                                "zip": "50450", "countryCodeV2": "MY"},
            "lineItems": {"edges": [{"node": {"sku": o["sku"], "title": o["brand"]}}]}}}]}}},
        "widgets": {"order_no": o["yz_tid"], "contact": {"value": v["widget/contact"]},
                    "receiver": [{"value": v["widget/receiver"]}],
                    "buyer": {"value": v["widget/buyer"], "visible": True},
                    "sku": {"value": o["sku"]}, "city": {"value": o["city"]},
                    "amount": {"value": o["amount"]}},
        "titled": {"order_no": o["jt"], "remark": f"{v['title/first']} 来电 "
                   f"{v['title/first-phone']}，要求改期。", "note": f"Please call "
                   f"{v['title/second']} on {v['title/second-phone']} before delivery of "
                   f"{o['brand']} ({o['zto']})."},
    }


def _notifies(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    xml = ("<xml><appid><![CDATA[wx2421b1c4370ec43b]]></appid>"
           f"<attach><![CDATA[收货人:{v['wxpay/attach-name']};电话:{v['wxpay/attach-phone']}]]>"
           "</attach><bank_type><![CDATA[CFT]]></bank_type><fee_type><![CDATA[CNY]]></fee_type>"
           "<mch_id><![CDATA[10000100]]></mch_id><openid><![CDATA[oUpF8uMEb4qRXf22hE3X68TekukE]]>"
           f"</openid><out_trade_no><![CDATA[{o['wx_trade']}]]></out_trade_no>"
           "<result_code><![CDATA[SUCCESS]]></result_code><return_code><![CDATA[SUCCESS]]>"
           f"</return_code><time_end><![CDATA[20261207103015]]></time_end><total_fee>"
           f"{o['fee']}</total_fee><transaction_id><![CDATA[{o['wx_txn']}]]></transaction_id>"
           "</xml>")
    yield "wxpay_notify", _interaction(
        "<xml><return_code><![CDATA[SUCCESS]]></return_code></xml>", "text/xml",
        request=xml, request_type="text/xml")
    form = urlencode({"notify_time": o["stamp"], "notify_type": "trade_status_sync",
                      "notify_id": "ac05099524730693a8b330c5ecf72da9786",
                      "app_id": "2014072300007148",
                      "trade_no": o["ali_trade"], "out_trade_no": o["wx_trade"],
                      "buyer_logon_id": v["alipay/buyer-email"], "trade_status": "TRADE_SUCCESS",
                      "total_amount": o["amount"], "subject": o["brand"],
                      "body": f"收货电话{v['alipay/body-phone']}", "sign_type": "RSA2"})
    yield "alipay_notify", _interaction("success", "text/plain", request=form,
                                        request_type="application/x-www-form-urlencoded")


def _carriers(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    biz = {"customerCode": "J0086474299", "txlogisticId": o["wx_trade"], "expressType": "EZ",
           "receiver": {"name": v["jt/name"], "mobile": v["jt/mobile"], "prov": "广东省",
                        "city": "深圳市", "area": "南山区", "address": v["jt/address"]},
           "weight": "1.2", "billCode": o["jt"]}
    yield "jt_form", _interaction(_json({"code": "1", "msg": "success", "data": {
        "billCode": o["jt"]}}), request=urlencode({"bizContent": _json(biz)}),
        request_type="application/x-www-form-urlencoded")
    zto = {"partnerOrderCode": o["wx_trade"], "billCode": o["zto"],
           "receiveInfo": {"receiverName": v["zto/name"], "receiverMobile": v["zto/mobile"],
                           "receiverCity": "杭州市"}}
    yield "zto_form", _interaction(_json({"status": True, "result": {"billCode": o["zto"]}}),
                                   request=urlencode({"data": _json(zto), "msg_type":
                                                      "CREATE", "company_id": "kfpt_test"}),
                                   request_type="application/x-www-form-urlencoded")
    jdl = {"orderId": o["wx_trade"], "waybillCode": o["jdl"], "receiverName": v["jdl/name"],
           "receiverMobile": v["jdl/mobile"], "receiverIdNumber": v["jdl/id"],
           "goodsName": o["brand"], "weight": 1.2}
    yield "jdl_json", _interaction(_json({"code": 0, "data": {"waybillCode": o["jdl"]}}),
                                   request=_json([jdl]))
    csv = (f"订单号,收货人,手机,金额,城市\n{o['yz_tid']},{v['csv/name']},{v['csv/phone']},"
           f"{o['amount']},{o['city']}\n")
    yield "csv_in_json", _interaction(_json({"file_name": "orders_20261207.csv",
                                             "content": csv, "rows": 1}))


def _spellings(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    uri = (f"{_BASE}/api/v2/customers/{quote(v['path/name'])}/phones/{v['path/phone']}"
           f"/orders/{o['yz_tid']}")
    yield "url_path", _interaction(_json({"ok": True}), method="GET", uri=uri)
    b32 = base64.b32encode(_json({"mobile": v["enc/b32-phone"]}).encode()).decode()
    hexed = f"mobile={v['enc/hex-phone']}".encode().hex()
    twice = quote(quote(v["enc/pct2-name"]), safe="")
    uri = (f"{_BASE}/api/track?ctx={b32.rstrip('=')}&h={hexed}&receiver={twice}"
           f"&tel={quote(quote('+86 ' + v['enc/pct2-phone']), safe='')}&waybill={o['jt']}")
    yield "encoded_query", _interaction(_json({"ok": True}), method="GET", uri=uri)
    note = (f"台灣客戶{v['text/tw-name']}來電 {v['text/tw-phone']}，地址改為"
            f"{v['text/sg-address']}, Singapore {o['postcode']}. Alt address "
            f"{v['text/my-address']} {o['city_my']}. 日本の担当 {v['text/katakana']} "
            f"{v['text/jp-mobile']}。訂單 {o['red_order']} 金額 {o['amount']} "
            f"於 {o['stamp']} ({o['ts_ms']})，SKU {o['sku']}，{o['brand']}。")
    yield "free_text", _interaction(_json({"ticket": {"id": o["record_id"], "body": note}}))
    yield "free_text_plain", _interaction(note, "text/plain; charset=utf-8")


def carriers(values: list[Value]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(carrier, interaction) pairs as a cassette stores them."""
    v = {value.name: value.value for value in values}
    o = ORDINARY
    for platform, body in platform_payloads(v, o).items():
        yield f"shape/{platform}", _interaction(_json(body))
    yield from _notifies(v, o)
    yield from _carriers(v, o)
    yield from _spellings(v, o)
    yield "near_misses", _interaction(_json({**o, "open_id": OPEN_ID}), request=urlencode(o),
                                      request_type="application/x-www-form-urlencoded")


_B32 = re.compile(r"[A-Z2-7]{16,}")
_HEX = re.compile(r"(?:[0-9a-f]{2}){8,}")


def opened9(data: Any) -> str:
    """``opened8`` of ``data``, and every base32 and hex run in it decoded."""
    text = opened8(data)
    found = []
    for match in _B32.finditer(text):
        run = match.group(0)
        with contextlib.suppress(binascii.Error, UnicodeDecodeError, ValueError):
            found.append(base64.b32decode(run + "=" * (-len(run) % 8)).decode("utf-8"))
    for match in _HEX.finditer(text):
        with contextlib.suppress(UnicodeDecodeError, ValueError):
            found.append(bytes.fromhex(match.group(0)).decode("utf-8"))
    return " ".join([text, *found])


def measure(seed: int) -> Measure:
    """One seed's corpus through every path."""
    values = make_values(seed)
    pairs = list(carriers(values))
    outputs, given = traffic_outputs(pairs, opened9, _finding8)
    if os.environ.get("FRESH_PII9_CLI", "1") != "0":
        from tests.support.fresh_pii9_cli import cli_outputs

        cli_out, cli_given = cli_outputs(values, seed)
        outputs.update(cli_out)
        given.update(cli_given)
    leaks = sorted({(path, carrier, value.name) for (path, carrier), text in outputs.items()
                    for value in values if any(form in text for form in leak_forms(value))})
    return Measure(leaks + _passed_over(pairs, values), lost_ordinary(outputs, given, ORDINARY))


def _passed_over(pairs: list[tuple[str, dict[str, Any]]], values: list[Value]
                 ) -> list[tuple[str, str, str]]:
    """The interactions holding a planted value that ``privacy scan`` of the raw cassette does
    not name (a gate that stays green on them), as leaks of the scan."""
    from tests.support.fresh_pii2 import _scan_hits
    from tests.support.seven_locale_pii import through_cli

    _, output = through_cli(pairs)
    named = _scan_hits(output)
    return [("privacy scan", name, "passed over") for index, (name, interaction)
            in enumerate(pairs) if index not in named and any(
                form in opened9([interaction["request"], interaction["response"]])
                for value in values for form in leak_forms(value))
            and name != "near_misses"]


def main(argv: list[str]) -> int:
    from tests.support.fresh_pii import report_seeds, seeds_chosen

    report_seeds(measure, seeds_chosen(argv, SEEDS, CHECK_SEEDS))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
