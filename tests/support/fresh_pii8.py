# ruff: noqa: RUF001
"""An eighth corpus: platforms and shapes the earlier corpora leave out (values in
:mod:`tests.support.fresh_pii8_values`).

* payloads as platforms' public docs show them: WeCom external contacts (``external_contact``,
  ``follow_user[].remark_mobiles``, ``external_attr`` items of ``{name, text: {value}}``),
  Amazon SP-API ``getOrderAddress``/``BuyerInfo`` (a Chinese customer's name in pinyin, an
  English street line, a US phone with an extension), Shopee Taiwan ``recipient_address``,
  Lazada Malaysia ``address_shipping``, Douyin (抖店) ``post_receiver``/``post_tel`` with a
  ``post_addr`` of ``{id, name}`` objects, Meituan with ``backup_recipient_phone`` as a JSON
  array in a string, Kingdee K3 Cloud ``Save`` (``Model``) and ``ExecuteBillQuery`` (rows with
  no keys, the columns named only in the request's ``FieldKeys``), Jiandaoyun widgets wrapped
  in ``{"value": …}``, HubSpot ``propertiesWithHistory`` arrays;
* key/value pair lists: ``{"name": "phone", "value": …}``, ``{"label": "联系人", …}``,
  ``{"key": "证件号码", …}``, ``{"attr_name": …, "attr_value": …}``;
* wrappers: a Cainiao waybill request as JSON in a TOP form field, a YTO XML order, a SOAP body
  in Big5, a JSON body in GB18030 with Hong Kong and Macau values in traditional characters,
  query strings with base64url JSON and a percent-encoded nested URL, a multipart body with a
  JSON part and a CSV file part;
* phones of several countries with extensions (``ext.``, ``内線``, ``-12``), masked values that
  still identify (two digits starred), traditional and pinyin names in free text;
* ordinary values beside them (order numbers of Douyin, Amazon, Shopee and Lazada, ZTO, YTO,
  Cainiao and JD waybills, SKUs holding a mobile's digits, timestamps, amounts, a tracking
  URL, hashes, WeCom and GraphQL ids).

Paths: as the seventh corpus (vcrpy hooks, ``mask_text``, a log line, ``mask_value``, a masked
finding, ``privacy scan``/``privacy scrub``) and end to end through the CLI
(:mod:`tests.support.fresh_pii8_cli`). Bytes are also opened as Big5 and GB18030. An
interaction holding a planted value that ``privacy scan`` does not name counts as a leak of
the scan (``passed over``).

``python -m tests.support.fresh_pii8`` measures ``SEEDS``; ``… check`` the seeds kept apart
(``CHECK_SEEDS``); or give seeds. ``FRESH_PII8_CLI=0`` skips the CLI paths.
"""

from __future__ import annotations

import base64
import json
import os
import sys
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

from tests.support.fresh_pii import Value
from tests.support.fresh_pii4 import Measure, _interaction, lost_ordinary, traffic_outputs
from tests.support.fresh_pii5 import _finding
from tests.support.fresh_pii7 import opened7
from tests.support.fresh_pii8_values import ORDINARY, leak_forms, make_values

SEEDS = (8801, 8802, 8803)
CHECK_SEEDS = (8811, 8812, 8813, 8814, 8815)

_BASE = "https://open.partner.example.cn"


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def _region(name: str, code: str) -> dict[str, str]:
    return {"id": code, "name": name}


def platform_payloads(v: dict[str, str], o: dict[str, str]) -> dict[str, Any]:
    """Answers shaped as platforms document them, by platform."""
    return {
        "wecom": {"errcode": 0, "errmsg": "ok", "external_contact": {
            "external_userid": o["ext_userid"], "name": v["wecom/ext-name"], "type": 1,
            "gender": 1, "unionid": "ozynqsulJFCZ2z1aYeS8h-nuasdAAA",
            "corp_name": o["company"],
            "external_profile": {"external_attr": [
                {"type": 0, "name": "电话", "text": {"value": v["wecom/attr-phone"]}},
                {"type": 1, "name": "官网", "web": {"url": o["track_url"], "title": "物流查询"}}]}},
            "follow_user": [{"userid": "rocky", "remark": v["wecom/remark"],
                             "description": f"采购 {o['product']}", "createtime": 1765101015,
                             "remark_corp_name": o["company"],
                             "remark_mobiles": [v["wecom/remark-mobile"]],
                             "tags": [{"group_name": "客户等级", "tag_name": "重要",
                                       "type": 1}]}], "next_cursor": ""},
        "amazon": {"payload": {"AmazonOrderId": o["amz_order"], "BuyerInfo": {
            "BuyerEmail": v["amazon/buyer-email"], "BuyerName": v["amazon/buyer-name"]},
            "ShippingAddress": {"Name": v["amazon/buyer-name"],
                                "AddressLine1": v["amazon/address-line"],
                                "City": o["city_en"], "StateOrRegion": "Guangdong",
                                "PostalCode": "518000", "CountryCode": "CN",
                                "Phone": v["amazon/phone-ext"], "AddressType": "Residential"},
            "OrderTotal": {"CurrencyCode": "USD", "Amount": o["amount"]},
            "PurchaseDate": o["iso"]}},
        "shopee": {"response": {"order_list": [{
            "order_sn": o["shopee_sn"], "region": "TW", "currency": "TWD",
            "total_amount": o["amount"], "create_time": 1765101015,
            "recipient_address": {"name": v["shopee/name"], "phone": v["shopee/phone"],
                                  "town": "", "district": "大安區", "city": "臺北市",
                                  "state": "", "region": "TW", "zipcode": "106",
                                  "full_address": v["shopee/full-address"]},
            "item_list": [{"item_sku": o["sku"], "item_name": o["product"]}],
            "package_list": [{"package_number": o["cainiao"]}]}]}, "request_id": o["sha256"][:32]},
        "lazada": {"data": {"order_id": o["lazada_order"], "address_shipping": {
            "first_name": v["lazada/name"], "last_name": "", "phone": v["lazada/phone"],
            "address1": "No. 12, Jalan Bukit Bintang", "city": "Kuala Lumpur",
            "country": "Malaysia", "post_code": "55100"}, "price": o["amount"]}, "code": "0"},
        "douyin": {"code": 10000, "msg": "success", "data": {"shop_order_detail": {
            "order_id": o["dy_order"], "post_receiver": v["douyin/receiver"],
            "post_tel": v["douyin/tel"], "post_addr": {
                "province": _region("广东省", "44"), "city": _region(o["city"], "4403"),
                "town": _region("南山区", "440305"), "street": _region("粤海街道", "440305004"),
                "detail": v["douyin/detail"]},
            "order_amount": 139128, "create_time": 1765101015,
            "logistics_info": [{"tracking_no": o["zto"], "company": "zhongtong"}],
            "sku_order_list": [{"code": o["sku"], "product_name": o["product"]}]}}},
        "meituan": {"data": [{"order_id": o["dy_order"][:16], "wm_order_id_view": o["dy_order"],
                              "recipient_name": f"{v['meituan/name']}(先生)",
                              "recipient_phone": "13800000000_1234",
                              "backup_recipient_phone": _json([v["meituan/backup-phone"]]),
                              "recipient_address": v["meituan/address"],
                              "total": o["amount"], "ctime": 1765101015}]},
        "kingdee_query": [[o["bill_no"], v["kingdee/row-name"], v["kingdee/row-phone"],
                           o["amount"], o["stamp"]],
                          [o["bill_no"][:-1] + "4", o["company"], "", o["amount"], o["stamp"]]],
        "hubspot_history": {"id": o["hs_id"], "properties": {"hs_object_id": o["hs_id"]},
                            "propertiesWithHistory": {
                                "phone": [{"value": v["hubspot/history-phone"],
                                           "timestamp": o["iso"], "sourceType": "CRM_UI",
                                           "sourceId": "userId:12345"}],
                                "email": [{"value": v["hubspot/history-old-email"],
                                           "timestamp": o["iso"], "sourceType": "IMPORT"}],
                                "firstname": [{"value": v["hubspot/history-name"],
                                               "timestamp": o["iso"],
                                               "sourceType": "API"}]}},
        "pairs": {"order_no": o["amz_order"], "extra": [
            {"name": "phone", "value": v["pairs/name-value-phone"]},
            {"name": "sku", "value": o["sku"]}],
            "fields": [{"label": "联系人", "value": v["pairs/label-value-name"]},
                       {"label": "运单号", "value": o["yto"]}],
            "kv": [{"key": "证件号码", "value": v["pairs/key-value-id"]},
                   {"key": "金额", "value": o["amount"]}],
            "attrs": [{"attr_name": "contact_email", "attr_value": v["pairs/attr-email"]},
                      {"attr_name": "checksum", "attr_value": o["sha256"]}]},
    }


def _requests(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    save = {"formid": "BD_Customer", "data": {"NeedUpDateFields": [], "IsVerifyBaseDataField":
                                              "false", "Model": {
        "FCUSTID": 0, "FNumber": "CUST0042", "FName": o["company"],
        "FTEL": v["kingdee/save-tel"], "FADDRESS": v["kingdee/save-address"],
        "FCreateOrgId": {"FNumber": "100"}}}}
    yield "kingdee_save", _interaction(_json({"Result": {"ResponseStatus": {"IsSuccess": True},
                                                         "Number": "CUST0042"}}),
                                       request=_json(save))
    query = {"data": {"FormId": "SAL_SaleOrder", "FieldKeys":
                      "FBillNo,FReceiverName,FReceiverPhone,FBillAllAmount,FDate",
                      "FilterString": f"FDate>='{o['stamp'][:10]}'"}}
    yield "kingdee_query", _interaction(_json(platform_payloads(v, o)["kingdee_query"]),
                                        request=_json(query))
    jdy = {"app_id": "5f1a2b3c4d5e6f7a8b9c0d1e", "entry_id": "6061a2b3c4d5e6f7a8b9c0d2",
           "data": {"_widget_1702345678901": {"value": v["jdy/value-name"]},
                    "_widget_1702345678902": {"value": {"phone": v["jdy/value-phone"],
                                                        "verified": False}},
                    "_widget_1702345678903": {"value": {"province": "广东省", "city": o["city"],
                                                        "district": "福田区",
                                                        "detail": v["jdy/value-detail"]}},
                    "_widget_1702345678904": {"value": o["bill_no"]}}}
    yield "jdy_values", _interaction(_json({"data": {"_id": "6571a0b2c3d4e5f607182931"}}),
                                     request=_json(jdy))


def _shapes(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    for platform, body in platform_payloads(v, o).items():
        if platform != "kingdee_query":
            yield f"shape/{platform}", _interaction(_json(body))
    yield from _requests(v, o)


def _wrapped(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    waybill = {"cp_code": "ZTO", "sender": {"name": "发货仓", "mobile": "", "phone": "0755-0000"},
               "trade_order_info_dtos": [{"object_id": "1", "order_info": {
                   "order_channels_type": "TB", "trade_order_list": [o["dy_order"]]},
                   "recipient": {"address": {"province": "广东省", "city": o["city"],
                                             "district": "南山区",
                                             "detail": v["cainiao/recipient-detail"]},
                                 "mobile": v["cainiao/recipient-mobile"],
                                 "name": v["cainiao/recipient-name"]}}]}
    form = urlencode({"method": "cainiao.waybill.ii.get", "app_key": "12345678",
                      "timestamp": o["stamp"], "sign_method": "md5", "sign": o["sha256"][:32],
                      "param_waybill_cloud_print_apply_new_request": _json(waybill)})
    yield "cainiao_form", _interaction(_json({"modules": [{"waybill_code": o["zto"]}]}),
                                       request=form,
                                       request_type="application/x-www-form-urlencoded")
    xml = (f"<RequestOrder><clientID>K10101010</clientID><txLogisticID>{o['yto']}"
           f"</txLogisticID><receiver><name>{v['yto/name']}</name><postCode>518000</postCode>"
           f"<mobile>{v['yto/mobile']}</mobile><prov>广东省</prov><city>{o['city']}</city>"
           f"<address>{v['yto/address']}</address></receiver><items><item><itemName>"
           f"{o['product']}</itemName><number>1</number></item></items></RequestOrder>")
    yield "yto_xml", _interaction("<Response><success>true</success></Response>",
                                  "text/xml; charset=utf-8", request=xml,
                                  request_type="text/xml; charset=utf-8")
    soap = (f'<?xml version="1.0" encoding="Big5"?><soap:Envelope xmlns:soap='
            f'"http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><CreateCustomer>'
            f"<CustName>{v['big5/name']}</CustName><Tel>{v['big5/phone']}</Tel>"
            f"<Addr>{v['big5/address']}</Addr><IdNo>{v['big5/twid']}</IdNo>"
            f"<OrderNo>{o['shopee_sn']}</OrderNo></CreateCustomer></soap:Body></soap:Envelope>")
    yield "soap_big5", _interaction("<ok/>", "text/xml; charset=utf-8",
                                    request=soap.encode("big5"),
                                    request_type="text/xml; charset=Big5")
    gb = {"member": {"tel": v["gb18030/hk-phone"], "addr": v["gb18030/hk-address"],
                     "doc": v["gb18030/hkid"], "macau_tel": v["macau/phone"],
                     "macau_addr": v["macau/address"], "sku": o["sku_dash"],
                     "price": o["price"], "order": o["jdl"]}}
    yield "gb18030_json", _interaction(_json(gb).encode("gb18030"),
                                       "application/json; charset=GB18030")


def _queries(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    state = base64.urlsafe_b64encode(_json({"m": v["query/b64-phone"],
                                            "e": v["query/b64-email"]}).encode()).decode()
    inner = (f"https://shop.example.cn/cb?receiver={quote(v['query/nested-name'])}"
             f"&mobile={v['query/nested-mobile']}&waybill={o['zto']}")
    uri = (f"{_BASE}/oauth/callback?code=081aBcDe&state={state.rstrip('=')}"
           f"&redirect_uri={quote(inner, safe='')}&track={quote(o['track_url'], safe='')}")
    yield "query_strings", _interaction(_json({"ok": True}), method="GET", uri=uri)


def _multipart(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    boundary = "----seamguardBoundary8d3f"
    meta = _json({"contact": {"mobile": v["multipart/json-phone"]}, "order": o["dy_order"]})
    csv = (f"name,email,order_no\r\n{v['multipart/csv-name']},{v['multipart/csv-email']},"
           f"{o['amz_order']}\r\n")
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"meta\"\r\n"
            f"Content-Type: application/json\r\n\r\n{meta}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"contacts.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n"
            f"--{boundary}--\r\n")
    yield "multipart_files", _interaction(_json({"ok": True}), request=body,
                                          request_type=f"multipart/form-data; boundary={boundary}")


def _text(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    note = (f"Customer {v['text/pinyin-name']} called from London {v['intl/uk-ext']}; "
            f"Tokyo office {v['intl/jp-ext']}; Singapore {v['intl/sg']}; Berlin "
            f"{v['intl/de-ext']}. 台灣客戶{v['text/trad-name']}先生已確認。備用電話 "
            f"{v['masked/phone-2star']}，卡號 {v['masked/card-4star']}。Order {o['amz_order']}, "
            f"waybill {o['cainiao']} / {o['jdl']}, SKU {o['sku']}, paid {o['amount']} at "
            f"{o['stamp']} ({o['ts_ms']}). Track: {o['track_url']}")
    yield "free_text", _interaction(_json({"ticket": {"id": o["hs_id"], "body": note}}))
    yield "free_text_plain", _interaction(note, "text/plain; charset=utf-8")


def carriers(values: list[Value]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(carrier, interaction) pairs as a cassette stores them."""
    v = {value.name: value.value for value in values}
    o = ORDINARY
    yield from _shapes(v, o)
    yield from _wrapped(v, o)
    yield from _queries(v, o)
    yield from _multipart(v, o)
    yield from _text(v, o)
    yield "near_misses", _interaction(_json(o), request=urlencode(o),
                                      request_type="application/x-www-form-urlencoded")


def _bytes_in(data: Any) -> Iterator[bytes]:
    if isinstance(data, bytes):
        yield data
    elif isinstance(data, dict):
        for item in data.values():
            yield from _bytes_in(item)
    elif isinstance(data, list | tuple):
        for item in data:
            yield from _bytes_in(item)


def opened8(data: Any) -> str:
    """``opened7`` of ``data``, and every bytes value in it opened as Big5 and GB18030."""
    extra = [opened7(raw.decode(codec, "replace")) for raw in _bytes_in(data)
             for codec in ("big5", "gb18030")]
    return " ".join([opened7(data), *extra])


def _finding8(record: Any) -> str:
    """``_finding`` of ``record``; a record with no member to point at (Kingdee's rows, arrays
    of arrays) located at the document itself."""
    from seamguard.findings import Finding, Severity
    from seamguard.privacy import mask_finding

    shown = _finding(record)
    if shown:
        return shown
    finding = mask_finding(Finding(code="drift.undeclared-field", severity=Severity.WARNING,
                                   check="fresh", message="unexpected rows", actual=record))
    return f"{finding.message} {json.dumps(finding.actual, ensure_ascii=False)}"


def measure(seed: int) -> Measure:
    """One seed's corpus through every path."""
    values = make_values(seed)
    pairs = list(carriers(values))
    outputs, given = traffic_outputs(pairs, opened8, _finding8)
    if os.environ.get("FRESH_PII8_CLI", "1") != "0":
        from tests.support.fresh_pii8_cli import cli_outputs

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
                form in opened8([interaction["request"], interaction["response"]])
                for value in values for form in leak_forms(value))
            and name != "near_misses"]


def main(argv: list[str]) -> int:
    from tests.support.fresh_pii import report_seeds, seeds_chosen

    report_seeds(measure, seeds_chosen(argv, SEEDS, CHECK_SEEDS))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
