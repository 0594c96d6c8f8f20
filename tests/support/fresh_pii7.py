# ruff: noqa: RUF001
"""A seventh corpus: shapes and encodings the earlier corpora leave out (values in
:mod:`tests.support.fresh_pii7_values`).

* payloads as platforms' public docs show them: a Shopify Admin GraphQL ``orders`` connection
  (``edges``/``node``, ``shippingAddress``, a base64 ``endCursor`` to keep), a Salesforce
  ``composite`` request and response (records in ``compositeRequest[].body`` and
  ``compositeResponse[].body``), HubSpot contacts with ``associations`` and
  ``hs_additional_emails`` as a ``;`` list, Zoho's per-record ``details.Modified_By``, a
  Pinduoduo address split as ``province``/``city``/``town``/``address``, SF Express route
  pushes whose ``remark`` names the signer and a ``contactInfoList``, a tabular answer whose
  first row is the header, Jiandaoyun sub-forms (arrays of widget objects);
* values split over fields (a landline as ``zone``/``number``/``extension``; a door number
  alone), typed pairs (``{"type": "passport", "value": …}``, ``{"kind": "qq", "id": …}``);
* wrappers: base64 JSON in a form field (``biz_content``), JSON in XML CDATA, a
  ``multipart/form-data`` body's text fields, NDJSON, a form body percent-encoded in GBK;
* headers: ``Set-Cookie``, ``Proxy-Authorization: Basic``, ``Authorization: Zoho-oauthtoken``,
  a Salesforce session id, ``x-acs-dingtalk-access-token``, ``X-Forwarded-Email``,
  ``X-Real-IP``;
* Unicode: a phone in Arabic-Indic digits, a name in decomposed form (combining marks), an
  e-mail with a zero-width space;
* Hong Kong and Taiwan IDs and phones, passports, new-energy plates, QQ and WeChat ids under
  typed keys, bank cards under a typed pair, customers' IPv4 and IPv6 addresses;
* the two classes the last round left: ``86-571-…`` (a landline after ``86`` without ``+``)
  must be masked, ``SKU-139…`` must be kept while ``TEL-138…`` is masked;
* ordinary values beside them all (order numbers, SKUs, tracking numbers, hashes, UUIDs,
  record ids, amounts, timestamps, companies, products, cities, a private IP).

Paths: as the sixth corpus (vcrpy hooks, ``mask_text``, a log line, ``mask_value``, a masked
finding, ``privacy scrub``) and end to end through the CLI (:mod:`tests.support.fresh_pii7_cli`).
The outputs are searched after decoding base64 runs, percent-encoding in UTF-8 and GBK, and
folding every Unicode decimal digit.

``python -m tests.support.fresh_pii7`` measures ``SEEDS``; ``… check`` the seeds kept apart
(``CHECK_SEEDS``); or give seeds. ``FRESH_PII7_CLI=0`` skips the CLI paths.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote, urlencode

from tests.support.fresh_pii import Value
from tests.support.fresh_pii4 import Measure, _interaction, lost_ordinary, traffic_outputs
from tests.support.fresh_pii5 import _finding, opened5
from tests.support.fresh_pii7_values import ORDINARY, arabic_indic, leak_forms, make_values

SEEDS = (7701, 7702, 7703)
CHECK_SEEDS = (7711, 7712, 7713, 7714, 7715)

_BASE = "https://open.partner.example.cn"


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def platform_payloads(v: dict[str, str], o: dict[str, str]) -> dict[str, Any]:
    """Answers shaped as platforms document them, by platform."""
    first, _, last = v["gql/shopify-name"].partition(" ")
    return {
        "shopify_gql": {"data": {"orders": {"edges": [{"cursor": o["cursor"], "node": {
            "id": o["gid"], "name": "#1042", "email": v["gql/shopify-email"],
            "phone": "+86" + v["gql/shopify-phone"], "createdAt": o["iso"],
            "totalPriceSet": {"shopMoney": {"amount": o["amount"], "currencyCode": "CNY"}},
            "shippingAddress": {"firstName": first, "lastName": last, "name": v["gql/shopify-name"],
                                "address1": v["gql/shopify-address1"], "city": o["city_en"],
                                "provinceCode": "ZJ", "countryCodeV2": "CN",
                                "phone": "+86 " + v["gql/shopify-phone"]},
            "lineItems": {"nodes": [{"sku": o["sku"], "title": o["product"], "quantity": 1}]}}}],
            "pageInfo": {"hasNextPage": False, "endCursor": o["cursor"]}}},
            "extensions": {"cost": {"requestedQueryCost": 12, "actualQueryCost": 6}}},
        "sf_composite": {"compositeResponse": [
            {"body": {"id": o["sfid"], "success": True, "errors": []},
             "httpHeaders": {"Location": f"/services/data/v59.0/sobjects/Contact/{o['sfid']}"},
             "httpStatusCode": 201, "referenceId": "refContact"},
            {"body": {"attributes": {"type": "Contact", "url": f"/services/data/v59.0/sobjects/"
                                                              f"Contact/{o['sfid']}"},
                      "Id": o["sfid"], "MobilePhone": v["composite/sf-body-mobile"],
                      "MailingStreet": v["composite/sf-body-street"], "MailingCity": o["city"],
                      "Account": {"Name": o["company_en"]}, "LastModifiedDate": o["iso"]},
             "httpHeaders": {}, "httpStatusCode": 200, "referenceId": "refQuery"}]},
        "hubspot_assoc": {"results": [{"id": o["hs_id"], "properties": {
            "phone": v["hubspot/assoc-phone"],
            "hs_additional_emails": f"{v['hubspot/extra-email-1']};{v['hubspot/extra-email-2']}",
            "company": o["company_en"], "hs_object_id": o["hs_id"], "city": o["city_en"]},
            "associations": {
                "deals": {"results": [{"id": "9001", "type": "contact_to_deal"}]},
                "companies": {"results": [{"id": "77", "type": "contact_to_company"}]}},
            "createdAt": o["iso"], "archived": False}]},
        "zoho_status": {"data": [{"code": "SUCCESS", "status": "success",
                                  "message": "record updated", "details": {
                                      "id": "4876876000000624001", "Modified_Time": o["iso"],
                                      "Modified_By": {"name": v["zoho/modified-by"],
                                                      "id": "4876876000000225013"}}}],
                        "record": {"Secondary_Email": v["zoho/secondary-email"],
                                   "Account_Name": {"name": o["company_en"]},
                                   "Product_Name": o["product"]}},
        "pdd_split": {"order_info_get_response": {"order_info": {
            "order_sn": o["order_no"], "province": "浙江省", "city": o["city"], "town": "余杭区",
            "address": v["pdd/town-detail"], "goods_amount": o["amount"],
            "tracking_number": o["yt"], "item_list": [{"outer_id": o["sku"],
                                                       "goods_name": o["product"]}]}}},
        "sf_route": {"Body": {"WaybillRoute": [
            {"mailno": o["sf"], "acceptTime": o["stamp"], "acceptAddress": o["city"],
             "remark": f"已签收,感谢使用顺丰,期待再次为您服务 签收人:{v['sf/signer']}",
             "opCode": "80"}]},
            "contactInfoList": [{"contactType": 2, "contact": v["sf/contact-name"],
                                 "tel": v["sf/contact-tel"], "province": "浙江省",
                                 "city": o["city"], "company": o["company"]}]},
        "tabular": {"Result": [["FNumber", "FName", "FLinkMan", "FMobile", "FAmount"],
                               ["CUST0042", o["company"], v["table/name"], v["table/mobile"],
                                o["amount"]]]},
        "jdy_subform": {"data": {"_id": "6571a0b2c3d4e5f607182931",
                                 "_widget_1701234567900": [
                                     {"_widget_1701234567901": v["jdy/subform-name"],
                                      "_widget_1701234567902": v["jdy/subform-phone"],
                                      "_widget_1701234567903": o["sku"]}],
                                 "_widget_1701234567904": o["order_no"]}},
    }


def _shapes(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    for platform, body in platform_payloads(v, o).items():
        yield f"shape/{platform}", _interaction(_json(body))
    request = {"allOrNone": True, "compositeRequest": [{
        "method": "POST", "url": "/services/data/v59.0/sobjects/Contact",
        "referenceId": "refContact", "body": {"LastName": "Contoso", "Phone":
                                              v["composite/sf-request-phone"],
                                              "Email": v["composite/sf-request-email"],
                                              "Description": o["product"]}}]}
    yield "composite_request", _interaction(_json({"ok": True}), request=_json(request))


def typed_record(v: dict[str, str], o: dict[str, str]) -> dict[str, Any]:
    """Values split over fields and typed pairs."""
    return {"office_tel": {"zone": v["split7/landline-object"][:4],
                           "number": v["split7/landline-object"][4:], "extension": "8001"},
            "shipping": {"prov": "浙江省", "city": o["city"], "area": "西湖区",
                         "door": v["split7/address-door"]},
            "documents": [{"type": "passport", "value": v["doc/passport-typed"]},
                          {"type": "hkid", "value": v["region/hkid"]},
                          {"type": "tw_id", "value": v["region/twid"]},
                          {"type": "bank_card", "value": v["card/typed"]}],
            "im": [{"kind": "qq", "id": v["im/qq-typed"]},
                   {"kind": "wechat", "id": v["im/wechat-typed"]}],
            "hk_contact": f"(852) {v['region/hk-phone'][3:7]} {v['region/hk-phone'][7:]}",
            "tw_mobile": f"{v['region/tw-mobile'][:4]}-{v['region/tw-mobile'][4:7]}-"
                         f"{v['region/tw-mobile'][7:]}",
            "vehicle": v["doc/plate"], "loginIp": v["net/login-ip"],
            "gateway": o["private_ip"], "order_no": o["order_no"], "sku": o["sku"],
            "sku_plain": o["sku_plain"], "hashes": {"md5": o["md5"], "sha1": o["sha1"]},
            "request_id": o["uuid"], "ts": int(o["ts"]), "stamp": o["stamp"],
            "version": o["version"], "ean": o["ean"], "price": o["price"]}


def _typed(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    yield "typed", _interaction(_json(typed_record(v, o)))
    text = (f"客户从 {v['net/ipv6-text']} 下单，车辆 {v['doc/plate'][:2]}·{v['doc/plate'][2:]} "
            f"已入场。总机 {v['gap/86-landline']}，{v['gap/tel-prefixed']}；商品 {o['sku']} "
            f"{o['product']}，运单 {o['sf']} {o['jd']}，金额 {o['amount']}，城市 {o['city']}。")
    yield "typed_text", _interaction(text, "text/plain; charset=utf-8")


def _wrapped(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    biz = base64.b64encode(_json({"buyer_name": v["b64/form-name"],
                                  "buyer_mobile": v["b64/form-phone"],
                                  "out_trade_no": o["order_no"]}).encode()).decode()
    yield "b64_form", _interaction(_json({"code": "10000", "msg": "Success"}),
                                   request=urlencode({"app_id": "2021000123456789",
                                                      "method": "alipay.trade.create",
                                                      "biz_content": biz, "timestamp": o["stamp"]}),
                                   request_type="application/x-www-form-urlencoded")
    inner = _json({"mobile": v["cdata/json-phone"], "email": v["cdata/json-email"],
                   "order_no": o["order_no"]})
    xml = (f"<xml><ToUserName><![CDATA[gh_3a5b7c9d1e2f]]></ToUserName><MsgType><![CDATA[event]]>"
           f"</MsgType><Payload><![CDATA[{inner}]]></Payload><CreateTime>{o['ts']}</CreateTime>"
           f"</xml>")
    yield "cdata_json", _interaction(xml, "text/xml; charset=utf-8")
    boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"
    parts = [("order_no", o["order_no"]), ("contact_mobile", v["multipart/phone"]),
             ("remark", f"请交给{v['multipart/remark-name']}本人签收"), ("sku", o["sku"])]
    body = "".join(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{val}\r\n"
                   for k, val in parts) + f"--{boundary}--\r\n"
    yield "multipart", _interaction(_json({"ok": True}), request=body,
                                    request_type=f"multipart/form-data; boundary={boundary}")
    lines = [_json({"event": "contact.updated", "id": o["uuid"], "ts": o["iso"]}),
             _json({"event": "contact.updated", "contact_ref": v["ndjson/email"],
                    "cert": v["ndjson/id"], "order": o["order_no"]}),
             _json({"event": "heartbeat", "sha1": o["sha1"]})]
    yield "ndjson", _interaction("\n".join(lines) + "\n", "application/x-ndjson")
    form = urlencode({"receiver_name": v["gbkform/name"], "receiver_tel": v["gbkform/phone"],
                      "receiver_addr": v["gbkform/address"], "order_no": o["order_no"],
                      "seller": o["company"]}, encoding="gbk")
    yield "gbk_form", _interaction(_json({"ok": True}), request=form.encode("ascii"),
                                   request_type="application/x-www-form-urlencoded; charset=GBK")


def _headers(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    basic = base64.b64encode(f"svc_sync:{v['hdr/proxy-password']}".encode()).decode()
    yield "headers", _interaction(
        _json({"ok": True, "request_id": o["uuid"]}), method="GET",
        uri=f"{_BASE}/crm/v6/Contacts?page=1&modified_since={o['ts']}",
        request_headers={"Proxy-Authorization": [f"Basic {basic}"],
                         "Authorization": [f"Zoho-oauthtoken {v['hdr/zoho-oauth']}"],
                         "x-acs-dingtalk-access-token": [v["hdr/dingtalk-token"]],
                         "X-Forwarded-Email": [v["hdr/forwarded-email"]],
                         "X-Real-IP": [v["hdr/real-ip"]], "X-Request-Id": [o["uuid"]]},
        response_headers={"Set-Cookie": [f"KDSVCSessionId={v['hdr/set-cookie']}; Path=/; "
                                         f"HttpOnly", "lang=zh-CN; Path=/"],
                          "ETag": [f'"{o["md5"]}"']})
    yield "sf_session", _interaction(
        _json({"totalSize": 0, "done": True, "records": []}), method="GET",
        uri=f"{_BASE}/services/data/v59.0/query?q=SELECT+Id+FROM+Contact",
        request_headers={"Authorization": [f"OAuth {v['hdr/sf-session']}"]})


def _unicode(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    mail = v["uni/zw-email"]
    at = mail.index("@")
    record = {"memo": f"回电 {arabic_indic(v['uni/arabic-indic-phone'])}",
              "recipient_line": f"Ship to: {unicodedata.normalize('NFD', v['uni/nfd-name'])}",
              "cc": mail[:2] + "\u200b" + mail[2:at] + "@" + mail[at + 1:],
              "product": o["product"], "order_no": o["order_no"]}
    yield "unicode", _interaction(_json(record))


def carriers(values: list[Value]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(carrier, interaction) pairs as a cassette stores them."""
    v = {value.name: value.value for value in values}
    o = ORDINARY
    yield from _shapes(v, o)
    yield from _typed(v, o)
    yield from _wrapped(v, o)
    yield from _headers(v, o)
    yield from _unicode(v, o)
    yield "near_misses", _interaction(_json(o), request=urlencode(o),
                                      request_type="application/x-www-form-urlencoded")


_BASE64 = re.compile(r"[A-Za-z0-9+/]{16,}={0,2}")


def _decoded(text: str) -> str:
    """Every base64 run in ``text`` that decodes to UTF-8, decoded."""
    found = []
    for match in _BASE64.finditer(text):
        run = match.group(0)
        with contextlib.suppress(binascii.Error, UnicodeDecodeError, ValueError):
            found.append(base64.b64decode(run + "=" * (-len(run) % 4)).decode("utf-8"))
    return " ".join(found)


def _digits_folded(text: str) -> str:
    return "".join(str(unicodedata.digit(ch)) if ch.isdecimal() and not ch.isascii() else ch
                   for ch in text)


def opened7(data: Any) -> str:
    """``opened5`` of ``data``, then base64 decoded, GBK percent-encoding opened and every
    decimal digit folded to ASCII."""
    text = opened5(data)
    extra = [_decoded(text), _digits_folded(text)]
    extra.append(unquote(text, encoding="gbk", errors="replace"))
    return text + " " + " ".join(extra)


def measure(seed: int) -> Measure:
    """One seed's corpus through every path."""
    values = make_values(seed)
    outputs, given = traffic_outputs(list(carriers(values)), opened7, _finding)
    if os.environ.get("FRESH_PII7_CLI", "1") != "0":
        from tests.support.fresh_pii7_cli import cli_outputs

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
