# ruff: noqa: RUF001
"""A sixth corpus: the shapes real platforms send and the paths a user's data takes end to end,
in ways the earlier corpora leave out (values in :mod:`tests.support.fresh_pii6_values`).

* platform payloads as their public docs show them: Taobao TOP trades with a platform-masked
  ``receiver_mobile`` (``138****5678``) beside a real ``receiver_phone``, JD ``consignee``
  records, Pinduoduo, SF Express parcels with ``d_tel``/``j_mobile``/``d_contact`` in arrays,
  Shopify customers, HubSpot properties, Salesforce records, Zoho, Kingdee ``FContact``/``FTel``
  rows, Jiandaoyun widgets keyed ``_widget_<digits>``;
* phones split into area code and number fields, grouped with ``.`` or ``/``, ``tel:`` URIs,
  beside digit runs that hold a mobile's digits and are no phone (kept);
* e-mails in ``mailto:`` links and as ``"王芳" <w@x.cn>``; resident IDs in file names and URL
  paths; cards in magnetic-track-like strings;
* secrets in cookies, ``Authorization: Bearer``, ``X-Api-Key``, a query's ``sign=`` and
  ``access_token``, and quoted back by a platform's error message;
* names in greetings (``尊敬的…先生``, ``Dear …,``); an address split into province, city and
  district with the detail alone under an unlabelled key;
* GBK and GB18030 bodies whose charset is declared only in an XML prolog or an HTML meta tag.

Paths: the vcrpy hooks, ``mask_text``, a log record, ``mask_value``, a masked finding and
``privacy scan``/``privacy scrub`` of a raw cassette (as the fifth corpus), and end to end
through the CLI (:mod:`tests.support.fresh_pii6_cli`): ``drift run`` recording from a
127.0.0.1 server into a cassette and a report, and ``quality`` over CSV, Parquet and xlsx
datasets whose samples and alerts quote failing values. A leak is a planted value in any
spelling; a false replacement is an ordinary value a path was given and did not keep.

``python -m tests.support.fresh_pii6`` measures ``SEEDS``; ``… check`` the seeds kept apart
(``CHECK_SEEDS``); or give seeds. ``FRESH_PII6_CLI=0`` skips the CLI paths.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

from tests.support.fresh_pii import Value
from tests.support.fresh_pii4 import Measure, _interaction, lost_ordinary, traffic_outputs
from tests.support.fresh_pii5 import _finding, opened5
from tests.support.fresh_pii6_values import ORDINARY, leak_forms, make_values

SEEDS = (6601, 6602, 6603)
CHECK_SEEDS = (6611, 6612, 6613, 6614, 6615)

_BASE = "https://open.partner.example.cn"


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def _masked(phone: str) -> str:
    return f"{phone[:3]}****{phone[-4:]}"


def platform_payloads(v: dict[str, str], o: dict[str, str]) -> dict[str, Any]:
    """Answers shaped as platforms document them, by platform."""
    detail = v["addr/detail-unlabelled"]
    return {
        "top": {"trade_fullinfo_get_response": {"trade": {
            "tid": int(o["tid"]), "status": o["status"], "payment": o["amount"],
            "receiver_name": v["shape/top-receiver-name"],
            "receiver_mobile": _masked(v["shape/top-receiver-mobile"]),
            "receiver_phone": v["shape/top-receiver-mobile"],
            "receiver_state": "浙江省", "receiver_city": "杭州市", "receiver_district": "西湖区",
            "receiver_address": v["shape/top-detail"], "seller_nick": o["company"],
            "orders": {"order": [{"oid": int(o["order_no"]), "outer_sku_id": o["sku"],
                                  "total_fee": o["amount"]}]},
            "created": o["stamp"]}}},
        "jd": {"jingdong_pop_order_get_responce": {"orderDetailInfo": {"orderInfo": {
            "orderId": o["order_no"], "orderTotalPrice": o["amount"],
            "consigneeInfo": {"fullname": v["shape/jd-consignee"],
                              "mobile": v["shape/jd-consignee-mobile"],
                              "telephone": _masked(v["shape/jd-consignee-mobile"]),
                              "province": "北京", "city": "朝阳区", "county": "三环以内",
                              "fullAddress": "北京朝阳区三环以内" + detail},
            "waybill": o["jd"]}}}},
        "pdd": {"order_info_get_response": {"order_info": {
            "order_sn": o["pdd_sn"], "receiver_phone": v["shape/pdd-receiver-phone"],
            "receiver_name_mask": "*三", "pay_amount": float(o["amount"]),
            "tracking_number": o["yt"], "goods_list": [{"outer_id": o["sku"]}]}}},
        "sf": {"apiResultData": _json({"success": True, "msgData": {"waybillNoInfoList": [
            {"waybillNo": o["sf"], "waybillType": 1}], "routeLabelInfo": [{"routeLabelData": {
                "d_contact": v["shape/sf-d-contact"], "d_tel": v["shape/sf-d-tel"],
                "j_mobile": v["shape/sf-j-mobile"], "orderId": o["order_no"]}}],
            "cargoDetails": [{"name": o["sku"], "count": 1, "amount": o["amount"]}]}})},
        "shopify": {"customer": {"id": 7012345678901, "phone": "+86" + v["shape/shopify-phone"],
                                 "tags": o["batch"], "updated_at": o["stamp"],
                                 "default_address": {"company": o["company_en"],
                                                     "phone": "+86 " + v["shape/shopify-phone"]}}},
        "hubspot": {"results": [{"id": "51", "properties": {
            "mobilephone": v["shape/hubspot-mobile"], "company": o["company_en"],
            "hs_object_id": "51", "lastmodifieddate": o["stamp"]}}]},
        "salesforce": {"totalSize": 1, "done": True, "records": [{
            "attributes": {"type": "Contact", "url": "/services/data/v59.0/sobjects/Contact/"
                                                     "0035g00000XyZabAAF"},
            "Id": "0035g00000XyZabAAF", "Email": v["shape/salesforce-email"],
            "Account": {"Name": o["company_en"]}, "LastModifiedDate": o["stamp"]}]},
        "zoho": {"data": [{"id": "4876876000000624001", "Mobile": v["shape/zoho-mobile"],
                           "Account_Name": {"name": o["company_en"]}, "Amount": o["amount"]}]},
        "kingdee": {"Result": {"ResponseStatus": {"IsSuccess": True}, "Result": [[
            "CUST0001", o["company"], v["shape/kingdee-contact"], v["shape/kingdee-tel"],
            o["amount"]]], "FieldKeys": "FNumber,FName,FContact,FTel,FAmount"},
            "Model": {"FContact": v["shape/kingdee-contact"], "FTel": v["shape/kingdee-tel"],
                      "FBillNo": o["batch"]}},
        "jdy": {"data": {"_id": "6571a0b2c3d4e5f607182930",
                         "_widget_1701234567890": v["shape/jdy-widget-phone"],
                         "_widget_1701234567891": v["shape/jdy-widget-name"],
                         "_widget_1701234567892": o["order_no"],
                         "_widget_1701234567893": {"province": "广东省", "city": "深圳市",
                                                   "district": "南山区", "detail": detail}}},
    }


def _shapes(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    for platform, body in platform_payloads(v, o).items():
        yield f"shape/{platform}", _interaction(_json(body))


def _spelt(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    area, number = v["split/area"][:4], v["split/area"][4:]
    dotted, slashed, uri = v["split/dotted"], v["split/slashed"], v["split/tel-uri"]
    land = v["split/landline-dash"]
    record = {"contact": {"tel_area": area, "tel_no": number, "qh": area, "dh": number},
              "phone_dotted": f"{dotted[:3]}.{dotted[3:7]}.{dotted[7:]}",
              "phone_slashed": f"{slashed[:3]}/{slashed[3:7]}/{slashed[7:]}",
              "link": f"tel:+86-{uri[:3]}-{uri[3:7]}-{uri[7:]}",
              "office": f"{land[:4]}-{land[4:]}",
              "trade_no": o["long_run"], "waybill": o["waybill_long"], "pdd": o["pdd_sn"],
              "ts": int(o["ts_ms"]), "order_no": o["order_no"]}
    yield "split_phones", _interaction(_json(record))
    text = (f"门店电话 {area}-{number}，手机 {dotted[:3]}.{dotted[3:7]}.{dotted[7:]} 或 "
            f"{slashed[:3]}/{slashed[3:7]}/{slashed[7:]}，<a href=\"tel:+86{uri}\">拨打</a>。"
            f"交易号 {o['long_run']} 运单 {o['waybill_long']} 金额 {o['amount']}")
    yield "split_text", _interaction(text, "text/plain; charset=utf-8")


def _links(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    display = f'"{v["mail/display-name"]}" <{v["mail/display"]}>'
    record = {"reply_to": display, "html": f'<a href="mailto:{v["mail/mailto"]}?subject=订单'
              f'{o["order_no"]}">联系我们</a>', "attachment": f"{v['id/filename']}_正面.jpg",
              "scan": f"/uploads/kyc/{v['id/filename']}.png",
              "track2": f";{v['card/track']}=2812101000000000?",
              "track1": f"%B{v['card/track']}^CHEN/WEI^28121010000000000000?",
              "sku": o["sku"], "ean": o["ean"]}
    yield "links", _interaction(_json(record), method="GET",
                                uri=f"{_BASE}/customers/{v['id/url-path']}/orders"
                                    f"?page=2&since={quote(o['stamp'])}")
    yield "links_form", _interaction(
        _json({"ok": True}), request=urlencode({"from": display, "body": f"见附件 "
                                                f"{v['id/filename']}.pdf", "ref": o["batch"]}),
        request_type="application/x-www-form-urlencoded")


def _secrets(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    query = urlencode({"app_key": "12345678", "method": "taobao.trade.fullinfo.get",
                       "timestamp": o["stamp"], "sign_method": "md5",
                       "sign": v["secret/sign"], "access_token": v["secret/access-token"],
                       "tid": o["tid"]})
    yield "secrets", _interaction(
        _json({"error_response": {"code": 27, "msg": "Invalid session",
                                  "sub_msg": f"app_secret {v['secret/error-secret']} does not "
                                             f"match app_key 12345678",
                                  "request_id": "zt8qf1jrtm0n"}}),
        method="GET", uri=f"{_BASE}/router/rest?{query}", status=400,
        request_headers={"Cookie": [f"_tb_token_={v['secret/cookie']}; cna=abc"],
                         "Authorization": [f"Bearer {v['secret/bearer']}"],
                         "X-Api-Key": [v["secret/api-key"]]})
    yield "secret_text", _interaction(
        f"ERROR: signature mismatch, server expected sign={v['secret/sign']} for "
        f"access_token={v['secret/access-token']} (tid {o['tid']})",
        "text/plain; charset=utf-8", status=401)


def _greetings(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    record = {"sms": f"尊敬的{v['greet/zh']}先生，您的订单{o['order_no']}已发货，顺丰{o['sf']}。",
              "mail": f"Dear {v['greet/en']},\nyour order {o['order_no']} from "
                      f"{o['company_en']} has shipped.", "amount": o["amount"]}
    yield "greetings", _interaction(_json(record))
    yield "greetings_text", _interaction(record["sms"] + "\n" + record["mail"],
                                         "text/plain; charset=utf-8")


def _split_address(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    record = {"province": "江苏省", "city": "苏州市", "district": "工业园区",
              "info": v["addr/detail-unlabelled"], "zip": "215000", "company": o["company"],
              "order_no": o["order_no"]}
    yield "split_address", _interaction(_json(record))


def _gbk(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    xml = (f'<?xml version="1.0" encoding="GBK"?><response><order_no>{o["order_no"]}'
           f'</order_no><seller>{o["company"]}</seller><buyer>{v["gbk/xml-prolog-name"]}'
           f'</buyer><tel>{v["gbk/xml-prolog-phone"]}</tel><remark>请联系'
           f'{v["gbk/xml-prolog-name"]}</remark></response>')
    yield "gbk_xml_prolog", _interaction(xml.encode("gbk"), "application/xml")
    page = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb18030">'
            f'</head><body><p>收货地址：{v["gbk/html-meta-addr"]}</p><p>电话：'
            f'{v["gbk/html-meta-phone"]}</p><p>订单 {o["order_no"]} {o["company"]}</p>'
            f'</body></html>')
    yield "gb18030_html_meta", _interaction(page.encode("gb18030"), "text/html", status=502)


def carriers(values: list[Value]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(carrier, interaction) pairs as a cassette stores them."""
    v = {value.name: value.value for value in values}
    o = ORDINARY
    yield from _shapes(v, o)
    yield from _spelt(v, o)
    yield from _links(v, o)
    yield from _secrets(v, o)
    yield from _greetings(v, o)
    yield from _split_address(v, o)
    yield from _gbk(v, o)
    yield "near_misses", _interaction(_json(o), request=urlencode(o),
                                      request_type="application/x-www-form-urlencoded")


def measure(seed: int) -> Measure:
    """One seed's corpus through every path."""
    values = make_values(seed)
    outputs, given = traffic_outputs(list(carriers(values)), opened5, _finding)
    if os.environ.get("FRESH_PII6_CLI", "1") != "0":
        from tests.support.fresh_pii6_cli import cli_outputs

        cli_out, cli_given = cli_outputs(values, seed)
        outputs.update(cli_out)
        given.update(cli_given)
    leaks = sorted({(path, carrier, value.name) for (path, carrier), text in outputs.items()
                    for value in values if any(form in text for form in leak_forms(value))})
    return Measure(leaks, lost_ordinary(outputs, given, ORDINARY))


def main(argv: list[str]) -> int:
    from tests.support.fresh_pii import report_seeds, seeds_chosen

    report_seeds(measure, seeds_chosen(argv, SEEDS, CHECK_SEEDS))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
