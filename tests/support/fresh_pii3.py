# ruff: noqa: RUF001
"""A third corpus of wire shapes, platforms and locales the earlier corpora leave out.

* wire shapes: JSON Lines bodies, batched GraphQL requests and GraphQL answers with edges,
  SOAP with namespaces and CDATA, multipart whose parts are JSON, JSON that escapes every
  character as ``\\uXXXX``, values split across array items, HTML e-mail bodies, CSV attachments
  inside JSON strings, URL-encoded JSON in a query parameter of a URL inside a JSON field,
  ``Set-Cookie``/``Authorization``/``Link`` header variants and a GBK SOAP body;
* platforms: Douyin (``post_receiver`` beside ``encrypt_post_tel`` and a masked sibling),
  Kuaishou, Youzan and WeChat shop orders, HubSpot (v3 properties and v1 name/value lists),
  Salesforce and Zoho contacts, SF route pushes with the courier's phone in the remark;
* Faker's ``en_GB``, ``de_DE``, ``fr_FR``, ``ja_JP``, ``ko_KR``, ``zh_TW``, ``it_IT`` and
  ``nl_NL`` people in sentences of their language, and Chinese free text (``寄到…``,
  ``收件人: …``, ``call me at …``);
* near-misses that must survive: order and tracking numbers, SKUs, timestamps, amounts, hashes,
  UUIDs, CRM record ids, versions, dates, and phone-shaped order ids after an order word or
  under ``order_no``.

Paths: the vcrpy hooks, ``privacy scan`` and ``privacy scrub`` on a raw cassette, ``mask_text``,
``mask_value``, a log record and a masked finding.

``python -m tests.support.fresh_pii3`` measures the building seeds (``SEEDS``);
``python -m tests.support.fresh_pii3 check`` the seeds kept apart (``CHECK_SEEDS``); or give
seeds. It prints leaks and false replacements.
"""

from __future__ import annotations

import base64
import json
import random
import string
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

from faker import Faker

from tests.support.fresh_pii import (
    Value,
    _finding,
    _kept,
    _logged,
    _plain,
    opened,
    report_seeds,
    seeds_chosen,
    spellings,
)
from tests.support.pii_dataset import card, resident_id

SEEDS = (9701, 9702, 9703)
CHECK_SEEDS = (9711, 9712, 9713, 9714, 9715, 9716)
LOCALES = ("en_GB", "de_DE", "fr_FR", "ja_JP", "ko_KR", "zh_TW", "it_IT", "nl_NL")

# Ordinary values: every path must keep each as it was.
ORDINARY = {
    "order_no": "15019283746", "order_text": "07700900123", "tid": "6930127718392047561",
    "sku": "SKU-8812-BLK-XL", "sf": "SF1432776509812", "yt": "YT2412345678901",
    "zto": "773012345678901", "jt": "JT0001234567890", "ts": "1765015200",
    "ts_ms": "1765015200123", "iso": "2026-12-06T09:30:00Z", "date": "2026-12-06",
    "date_eu": "06/12/2026", "amount": "1,299.00", "cny": "¥2399.50", "md5":
    "9e107d9d372bb6826bd81d3542a419d6", "sha256":
    "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592",
    "uuid": "3f2b8c1e-7d4a-4e9b-a1c2-5d6e7f809a1b", "version": "v3.12.4", "build": "10.4.2.1187",
    "sfid": "0035g00000XyZ12AAB", "zoho_id": "4876876000000624001",
    "ean": "6921168509256", "waybill_cn": "JDVB28475619203", "coupon": "NY2026-5OFF",
}

# Ordinary sentences: order words before numbers, cues before words that are nobody.
PLAIN = (
    f"order {ORDINARY['order_text']} was split into two parcels.",
    f"Order no. {ORDINARY['order_no']} paid {ORDINARY['amount']} on {ORDINARY['date']}.",
    f"订单号{ORDINARY['tid']}已发货，运单号{ORDINARY['sf']}。",
    f"Tracking {ORDINARY['yt']} / {ORDINARY['zto']} / {ORDINARY['jt']}",
    f"Build {ORDINARY['build']} ({ORDINARY['version']}) sha256 {ORDINARY['sha256']}",
    f"request {ORDINARY['uuid']} at {ORDINARY['iso']} md5={ORDINARY['md5']}",
    "Call me at the front desk if the parcel is damaged.",
    "收件人：前台代收，寄到公司仓库。",
    "Ship to: Returns Department, Unit 4.",
)

_SENTENCES = {
    "en_GB": "Hi, please call me at {phone} or email {email}. Deliver to {name}, {street}.",
    "de_DE": "Bitte rufen Sie mich unter {phone} an. Empfänger {name}, {street}. Mail: {email}",
    "fr_FR": "Appelez-moi au {phone}. Destinataire : {name}, {street}. Courriel : {email}",
    "ja_JP": "{name}様宛に{address}へお届けします。電話番号は{phone}、メールは{email}です。",
    "ko_KR": "{name}님, {address}로 배송됩니다. 전화 {phone}, 이메일 {email}",
    "zh_TW": "請寄到{address}，收件人：{name}，聯絡電話{phone}，email {email}",
    "it_IT": "Chiamami al {phone}. Destinatario: {name}, {street}. Email: {email}",
    "nl_NL": "Bel mij op {phone}. Ontvanger: {name}, {street}. E-mail: {email}",
}


# Greetings, signatures and mail headers: a name with no label before it.
_GREETINGS = {
    "en_GB": "Hello {name},\nthanks for your order.\nKind regards,\n{name2}",
    "de_DE": "Hallo {name},\nvielen Dank.\nMit freundlichen Grüßen\n{name2}",
    "fr_FR": "Bonjour {name},\nmerci pour votre commande.\nCordialement,\n{name2}",
    "it_IT": "Ciao {name}, grazie per l'ordine. Saluti, {name2}",
    "nl_NL": "Beste {name}, bedankt voor je bestelling. Groeten, {name2}",
    "ja_JP": "{name}様\nご注文ありがとうございます。\n担当：{name2}",
    "ko_KR": "안녕하세요 {name} 고객님, 주문 감사합니다. 담당자 {name2} 드림",
    "zh_TW": "{name}您好，感謝您的訂購。{name2} 敬上",
}


def _chars(rng: random.Random, n: int, alphabet: str = string.ascii_letters + string.digits
           ) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _mobile(rng: random.Random) -> str:
    return rng.choice(["133", "137", "152", "180", "191", "198"]) + _chars(rng, 8, string.digits)


def _serial(rng: random.Random) -> str:
    """A plate's serial as GA 36 issues it: five characters, at most two of them letters (no I
    or O), or a new-energy plate's D or F and five digits."""
    if rng.random() < 0.25:
        return rng.choice("DF") + _chars(rng, 5, string.digits)
    serial = [rng.choice(string.digits) for _ in range(5)]
    for position in rng.sample(range(5), rng.randint(0, 2)):
        serial[position] = rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ")
    return "".join(serial)


def make_values(seed: int) -> list[Value]:
    """Every personal value (and credential) one seed plants."""
    rng = random.Random(seed)
    values: list[Value] = []
    for locale in LOCALES:
        faker = Faker(locale)
        faker.seed_instance(seed)
        values += [Value(f"{locale}/name", "name", faker.name()),
                   Value(f"{locale}/phone", "phone", faker.phone_number()),
                   Value(f"{locale}/email", "email", faker.email()),
                   Value(f"{locale}/street", "address",
                         faker.street_address().replace("\n", ", "))]
        if locale in ("ja_JP", "ko_KR", "zh_TW"):
            values.append(Value(f"{locale}/address", "address",
                                faker.address().replace("\n", " ")))
        values.append(Value(f"{locale}/name2", "name", faker.name()))
    zh, en = Faker("zh_CN"), Faker("en_US")
    zh.seed_instance(seed)
    en.seed_instance(seed)
    values += [
        Value("zh/name", "name", zh.name()), Value("zh/name2", "name", zh.name()),
        Value("zh/courier", "name", zh.name()),
        Value("zh/phone", "phone", _mobile(rng)), Value("zh/phone2", "phone", _mobile(rng)),
        Value("zh/courier-phone", "phone", _mobile(rng)),
        Value("zh/landline", "phone", f"0{rng.choice(['755', '571', '28'])}-"
                                      f"{rng.randint(2, 8)}{_chars(rng, 7, string.digits)}"),
        Value("zh/address", "address", zh.address().split(" ")[0]),
        Value("zh/street", "address", zh.street_address()),
        Value("zh/email", "email", zh.email()),
        Value("zh/ric", "id", resident_id(rng, ["110105", "440305", "330106", "510104"],
                                          (1960, 2004))),
        Value("zh/card", "card", card(rng, rng.choice(["622202", "621700", "625807"]), 19)),
        Value("en/name", "name", en.name()),
        Value("plate", "plate", rng.choice("粤浙苏川鄂") + rng.choice("ABCDE") + _serial(rng)),
        Value("ipv4", "ip", f"{rng.choice([36, 58, 113, 183, 223])}.{rng.randint(1, 254)}."
              f"{rng.randint(1, 254)}.{rng.randint(1, 254)}"),
        Value("gps/lat", "location", f"{rng.uniform(30.1, 30.4):.6f}"),
        Value("gps/lng", "location", f"{rng.uniform(120.0, 120.3):.6f}"),
        Value("secret/sk", "secret", "sk_live_" + _chars(rng, 24)),
        Value("secret/token", "secret", _chars(rng, 40)),
        Value("secret/pw", "secret", "Zq!" + _chars(rng, 13)),
        Value("secret/cipher", "secret", "#" + _chars(rng, 4) + "#" + base64.b64encode(
            rng.randbytes(36)).decode() + "#1##"),
    ]
    return values


def _spelt(mobile: str, way: int) -> str:
    """A Chinese mobile number as people write it: +86 and groups, 0086 and dashes, brackets,
    full-width digits, dots."""
    a, b, c = mobile[:3], mobile[3:7], mobile[7:]
    return (f"+86 {a} {b} {c}", f"0086-{a}-{b}-{c}", f"(+86) {a}{b}{c}",
            mobile.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"}),
            f"{a}.{b}.{c}")[way]


def _uescape(text: str) -> str:
    return "".join(f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else ch for ch in text)


def all_spellings(value: Value) -> set[str]:
    """``spellings`` and the value with every character ``\\u``-escaped."""
    forms = spellings(value)
    if len(value.value) >= 2:
        forms.add(_uescape(value.value))
    return forms


# --- carriers -----------------------------------------------------------------------------------

_BASE = "https://open.partner.example.com"


def _interaction(response: bytes | str, content_type: str = "application/json", *,
                 uri: str = f"{_BASE}/api", request: bytes | str = "",
                 request_type: str | None = None,
                 request_headers: dict[str, list[str]] | None = None,
                 response_headers: dict[str, list[str]] | None = None) -> dict[str, Any]:
    return {"request": {"method": "POST", "uri": uri, "body": request,
                        "headers": {"Content-Type": [request_type or content_type],
                                    **(request_headers or {})}},
            "response": {"status": {"code": 200, "message": "OK"},
                         "headers": {"Content-Type": [content_type], **(response_headers or {})},
                         "body": {"string": response}}}


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def sentences(v: dict[str, str]) -> list[str]:
    """Free text naming people, their phones and addresses, in each locale and in Chinese."""
    texts = []
    for locale, pattern in _SENTENCES.items():
        texts.append(pattern.format(
            name=v[f"{locale}/name"], phone=v[f"{locale}/phone"], email=v[f"{locale}/email"],
            street=v[f"{locale}/street"], address=v.get(f"{locale}/address", "")))
    texts += [_GREETINGS[locale].format(name=v[f"{locale}/name"], name2=v[f"{locale}/name2"])
              for locale in LOCALES]
    texts.append(f"From: {v['en_GB/name2']} <{v['en_GB/email']}>\nTo: {v['de_DE/name2']} "
                 f"<{v['de_DE/email']}>\nSubject: Order {ORDINARY['order_no']}")
    o = ORDINARY
    texts += [
        f"麻烦寄到{v['zh/address']}，收件人：{v['zh/name']}，电话{v['zh/phone']}",
        f"call me at {v['zh/phone2']} before delivery, order {o['order_text']}",
        f"派件员{v['zh/courier']}正在派件（电话：{v['zh/courier-phone']}），运单号{o['sf']}",
        f"Courier {v['en/name']} ({v['en_GB/phone']}) collected order {o['order_no']}.",
        f"客户{v['zh/name2']}身份证{v['zh/ric']}，银行卡{v['zh/card']}，车牌{v['plate']}",
        f"下单IP {v['ipv4']}，定位 {v['gps/lat']},{v['gps/lng']}，座机{v['zh/landline']}",
        f"收件人: {v['ko_KR/name']} / {v['ko_KR/address']} / {v['ko_KR/phone']}",
    ]
    return texts


def _platforms(v: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    o = ORDINARY
    douyin = {"code": 10000, "data": {"shop_order_list": [{
        "order_id": o["tid"], "order_no": o["order_no"], "post_receiver": v["zh/name"],
        "post_tel": v["zh/phone"], "encrypt_post_receiver": v["secret/cipher"],
        "encrypt_post_tel": v["secret/cipher"], "mask_post_tel": v["zh/phone"][:3] + "****"
        + v["zh/phone"][-4:], "post_addr": {"province": {"name": "浙江省", "id": "33"},
                                           "city": {"name": "杭州市", "id": "3301"},
                                           "detail": v["zh/street"]},
        "pay_amount": 239950, "create_time": int(o["ts"]),
        "buyer_words": f"寄到{v['zh/address']}"}]}}
    yield "douyin_order", _interaction(_json(douyin))
    kuaishou = {"result": 1, "data": {"orderBaseInfo": {"oid": o["tid"],
                                                         "payTime": int(o["ts_ms"])},
                "orderAddress": {"consignee": v["zh/name2"], "mobile": v["zh/phone2"],
                                 "address": v["zh/address"],
                                 "encryptedConsignee": v["secret/cipher"],
                                 "desensitiseMobile": v["zh/phone2"][:3] + "****"
                                 + v["zh/phone2"][-4:]}}}
    yield "kuaishou_order", _interaction(_json(kuaishou))
    youzan = {"response": {"full_order_info": {"address_info": {
        "receiver_name": v["zh_TW/name"], "receiver_tel": v["zh/landline"],
        "delivery_address": v["zh_TW/address"], "delivery_postal_code": "310000"},
        "buyer_info": {"buyer_phone": v["zh/phone"], "fans_nickname": v["zh/name"],
                       "outer_user_id": o["uuid"]},
        "order_info": {"tid": "E" + o["tid"], "created": o["iso"], "pay": o["cny"]}}}}
    yield "youzan_order", _interaction(_json(youzan))
    wechat = {"errcode": 0, "order": {"order_id": o["tid"], "order_detail": {"delivery_info": {
        "address_info": {"user_name": v["zh/name2"], "tel_number": v["zh/phone2"],
                         "province_name": "四川省", "city_name": "成都市",
                         "county_name": "武侯区", "detail_info": v["zh/street"],
                         "house_number": "3栋2单元401", "virtual_order_tel_number":
                         v["zh/phone"]}}}, "openid": "oUpF8u" + o["md5"][:22]}}
    yield "wechat_order", _interaction(_json(wechat))
    hubspot = {"id": "51", "properties": {
        "firstname": v["en_GB/name"].split(" ")[0], "lastname": v["en_GB/name"].split(" ")[-1],
        "email": v["en_GB/email"], "phone": v["en_GB/phone"], "mobilephone": v["fr_FR/phone"],
        "address": v["en_GB/street"], "createdate": o["iso"], "hs_object_id": "51"}}
    yield "hubspot_v3", _interaction(_json(hubspot), request=_json(
        {"properties": hubspot["properties"]}), uri="https://api.hubapi.com/crm/v3/objects/"
        "contacts")
    hubspot_v1 = {"vid": 3234574, "properties": [
        {"property": "email", "value": v["de_DE/email"]},
        {"property": "firstname", "value": v["de_DE/name"].split(" ")[0]},
        {"property": "lastname", "value": v["de_DE/name"].split(" ")[-1]},
        {"property": "phone", "value": v["de_DE/phone"]},
        {"property": "address", "value": v["de_DE/street"]},
        {"property": "lifecyclestage", "value": "customer"}]}
    yield "hubspot_v1", _interaction(_json({"ok": True}), request=_json(hubspot_v1),
                                     uri="https://api.hubapi.com/contacts/v1/contact")
    salesforce = {"totalSize": 1, "done": True, "records": [{
        "attributes": {"type": "Contact", "url": f"/services/data/v59.0/sobjects/Contact/"
                                                 f"{o['sfid']}"},
        "Id": o["sfid"], "FirstName": v["fr_FR/name"].split(" ")[0],
        "LastName": v["fr_FR/name"].split(" ")[-1], "Email": v["fr_FR/email"],
        "MobilePhone": v["fr_FR/phone"], "MailingStreet": v["fr_FR/street"],
        "Description": f"Prefers calls at {v['it_IT/phone']}; assistant {v['it_IT/name']}"}]}
    yield "salesforce_query", _interaction(_json(salesforce))
    zoho = {"data": [{"id": o["zoho_id"], "First_Name": v["nl_NL/name"].split(" ")[0],
                      "Last_Name": v["nl_NL/name"].split(" ")[-1], "Email": v["nl_NL/email"],
                      "Phone": v["nl_NL/phone"], "Mailing_Street": v["nl_NL/street"],
                      "Created_Time": "2026-12-06T09:30:00+08:00"}],
            "info": {"per_page": 200, "count": 1, "page": 1, "more_records": False}}
    yield "zoho_contacts", _interaction(_json(zoho))
    sf_push = {"WaybillRoute": [
        {"mailno": o["sf"], "orderid": o["order_no"], "opCode": "204", "acceptTime":
         "2026-12-06 10:12:00", "remark": f"【杭州市】派件员：{v['zh/courier']} "
         f"{v['zh/courier-phone']}正在为您派件，如有疑问请联系"},
        {"mailno": o["sf"], "orderid": o["order_no"], "opCode": "80", "acceptTime":
         "2026-12-06 15:00:00", "remark": f"您的快件已由{v['zh/name']}签收，感谢使用顺丰"}]}
    yield "sf_route_push", _interaction(_json({"return_code": "0000"}), request=urlencode(
        {"content": _json(sf_push), "serviceCode": "RoutePushService"}),
        request_type="application/x-www-form-urlencoded")


def _wire(v: dict[str, str], rng: random.Random) -> Iterator[tuple[str, dict[str, Any]]]:
    o = ORDINARY
    ndjson = "\n".join(_json(line) for line in [
        {"order_no": o["order_no"], "buyer": v["ja_JP/name"], "tel": v["ja_JP/phone"]},
        {"x1": v["ko_KR/email"], "x2": v["zh/card"], "x3": o["sku"]},
        {"note": f"寄到{v['zh_TW/address']}", "ts": o["ts_ms"]}]) + "\n"
    yield "ndjson", _interaction(ndjson, "application/x-ndjson", request=ndjson,
                                 request_type="application/jsonl")
    batch = [{"operationName": "Lookup", "query": "query Lookup($q: String!) { customers("
              "query: $q) { edges { node { id } } } }",
              "variables": {"q": f"phone:{v['zh/phone']}"}},
             {"operationName": "Upd", "query": "mutation Upd($in: Input!) { upd(input: $in) "
              "{ ok } }", "variables": {"in": {"a": v["en/name"], "b": v["zh/ric"]}}}]
    answer = {"data": {"orders": {"edges": [{"node": {"id": f"gid://shop/Order/{o['tid']}",
              "shippingAddress": {"name": v["it_IT/name"], "address1": v["it_IT/street"],
                                  "phone": v["it_IT/phone"]}, "email": v["it_IT/email"]},
              "cursor": "eyJsYXN0X2lkIjo1fQ=="}]}}}
    yield "graphql_batch", _interaction(_json(answer), request=_json(batch),
                                        uri=f"{_BASE}/graphql")
    soap = ('<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="http://schemas.'
            'xmlsoap.org/soap/envelope/" xmlns:c="urn:crm:v2"><soap:Body><c:CreateContact>'
            f"<c:Contact><c:FullName>{v['en_GB/name']}</c:FullName><c:Tel>{v['en_GB/phone']}"
            f"</c:Tel><c:Notes><![CDATA[Deliver to {v['de_DE/name']}, {v['de_DE/street']}; "
            f"mail {v['de_DE/email']} <urgent>]]></c:Notes><c:OrderRef>{o['order_no']}"
            f"</c:OrderRef></c:Contact></c:CreateContact></soap:Body></soap:Envelope>")
    yield "soap_cdata", _interaction("<ok/>", "text/xml; charset=utf-8", request=soap,
                                     request_type="text/xml; charset=utf-8")
    gbk_soap = ('<?xml version="1.0" encoding="GBK"?><s:Envelope xmlns:s="http://schemas.xml'
                'soap.org/soap/envelope/"><s:Body><ns1:order xmlns:ns1="urn:erp">'
                f"<ns1:shr>{v['zh/name2']}</ns1:shr><ns1:lxdh>{v['zh/phone2']}</ns1:lxdh>"
                f"<ns1:bz><![CDATA[寄到{v['zh/address']}]]></ns1:bz></ns1:order></s:Body>"
                "</s:Envelope>")
    yield "gbk_soap", _interaction(gbk_soap.encode("gbk"), "text/xml; charset=GBK")
    boundary = "b0und4ry" + _chars(rng, 10)
    part = _json({"receiver": {"n": v["zh/name"], "m": v["zh/phone"]}, "sku": o["sku"]})
    multipart = (f'--{boundary}\r\nContent-Disposition: form-data; name="meta"\r\n'
                 f"Content-Type: application/json\r\n\r\n{part}\r\n"
                 f'--{boundary}\r\nContent-Disposition: form-data; name="order"\r\n'
                 f"Content-Type: application/json; charset=utf-8\r\n\r\n"
                 f'{_json({"list": [{"who": v["fr_FR/name"], "mail": v["fr_FR/email"]}]})}'
                 f"\r\n--{boundary}--\r\n")
    yield "multipart_json", _interaction(_json({"ok": 1}), request=multipart,
                                         request_type=f"multipart/form-data; boundary={boundary}")
    escaped = ('{"consignee": "' + _uescape(v["zh/name"]) + '", "mobile": "'
               + _uescape(v["zh/phone"]) + '", "addr": "' + _uescape(v["zh/address"])
               + '", "mail": "' + _uescape(v["zh/email"]) + '", "order_no": "'
               + o["order_no"] + '"}')
    yield "unicode_escaped", _interaction(escaped)
    split = {"receiver": {"names": [v["ja_JP/name"]], "address_lines": [
        v["zh/address"], v["en_GB/street"]], "phone": {"country_code": "+86",
                                                        "number": v["zh/phone2"]},
        "contact": ["mobile", v["zh/phone"], "email", v["zh/email"]]}, "sku": o["sku"]}
    yield "split_items", _interaction(_json(split))
    html = (f"<html><body><p>Dear {v['en_GB/name']},</p><p>Your order {o['order_no']} ships "
            f"to:</p><table><tr><td>{v['en_GB/street']}</td></tr><tr><td>Tel: "
            f"<a href=\"tel:{v['en_GB/phone']}\">{v['en_GB/phone']}</a></td></tr></table>"
            f"<p>Questions? <a href=\"mailto:{v['en_GB/email']}?subject=Order%20{o['order_no']}"
            f"\">{v['en_GB/email']}</a></p><p>亲爱的{v['zh/name']}，您的包裹将寄到"
            f"{v['zh/street']}。</p></body></html>")
    yield "html_email", _interaction(_json({"id": o["uuid"]}), request=_json(
        {"to": v["en_GB/email"], "subject": f"Order {o['order_no']}", "html": html}))
    csv_text = ("order_no,receiver,mobile,address,amount\n"
                f"{o['order_no']},{v['zh/name']},{v['zh/phone']},{v['zh/address']},100.00\n"
                f"{o['tid']},{v['nl_NL/name']},{v['nl_NL/phone']},\"{v['nl_NL/street']}\",9.50\n")
    yield "csv_in_json", _interaction(_json({"attachment": {"filename": "export.csv",
                                                            "content": csv_text},
                                             "created": o["iso"]}))
    inner = _json({"mobile": v["zh/phone2"], "name": v["zh/name2"], "order_no": o["order_no"]})
    callback = f"https://shop.example.com/cb?data={quote(inner)}&sku={o['sku']}"
    yield "urlencoded_json_in_json", _interaction(_json({"notify_url": callback,
                                                         "version": o["version"]}))
    basic = base64.b64encode(f"{v['zh/email']}:{v['secret/pw']}".encode()).decode()
    profile = base64.b64encode(_json({"tel": v["zh/phone"]}).encode()).decode()
    yield "auth_cookie_variants", _interaction(
        _json({"ok": True}), request_headers={
            "Authorization": [f"Token token={v['secret/token']}"],
            "Proxy-Authorization": [f"Basic {basic}"],
            "X-Api-Key": [v["secret/sk"]],
            "Cookie": [f"sid={v['secret/token']}; u={quote(v['ja_JP/email'])}"]},
        response_headers={
            "Set-Cookie": [f"session={v['secret/token']}; Expires=Wed, 09 Jun 2027 10:18:14 GMT;"
                           " HttpOnly; SameSite=Lax",
                           f"profile={profile}; Path=/",
                           f'nick="{quote(v["zh/name"])}"; Path=/; Secure']})
    query = urlencode({"q": v["it_IT/email"], "u": v["zh/phone2"], "n": v["zh/name2"],
                       "k": v["secret/sk"], "addr": v["zh/address"], "v": o["version"],
                       "order_no": o["order_no"], "ts": o["ts_ms"]})
    yield "query_string", _interaction(
        _json({"errcode": 0, "errmsg": f"ok: {v['zh/name2']} {v['zh/phone2']}"}),
        uri=f"{_BASE}/cgi-bin/user/get?{query}")
    yield "link_header", _interaction(
        _json({"results": []}), uri=f"{_BASE}/customers?email={quote(v['ko_KR/email'])}",
        response_headers={"Link": [
            f'<{_BASE}/customers?email={quote(v["ko_KR/email"])}&page=2>; rel="next", '
            f'<{_BASE}/customers?phone={quote(v["ko_KR/phone"])}&page=9>; rel="last"']})


def carriers(values: list[Value], seed: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """(carrier, interaction) pairs as a cassette stores them."""
    v = {value.name: value.value for value in values}
    yield from _platforms(v)
    yield from _wire(v, random.Random(seed * 13))
    yield "free_text", _interaction("\n".join(sentences(v)), "text/plain; charset=utf-8")
    yield "spellings", _interaction(_json({"k1": _spelt(v["zh/phone"], 0),
                                           "k2": _spelt(v["zh/phone2"], 1),
                                           "k3": _spelt(v["zh/courier-phone"], 2),
                                           "k4": v["zh/email"].upper(),
                                           "k5": f"ref {ORDINARY['sku']} / {v['zh/card']}",
                                           "notes": [f"手机：{_spelt(v['zh/phone'], 3)}",
                                                     f"tel {_spelt(v['zh/phone2'], 4)}"]}))
    yield "plain_text", _interaction("\n".join(PLAIN), "text/plain; charset=utf-8")
    o = ORDINARY
    keep = {"order_no": o["order_no"], "orderNo": o["order_no"], "tid": o["tid"],
            "out_trade_no": o["order_text"], "tracking": [o["sf"], o["yt"], o["zto"], o["jt"]],
            "waybill": o["waybill_cn"], "sku": o["sku"], "ean": o["ean"], "at": o["ts"],
            "at_ms": o["ts_ms"], "when": o["iso"], "day": o["date"], "eu_day": o["date_eu"],
            "total": o["amount"], "paid": o["cny"], "md5": o["md5"], "digest": o["sha256"],
            "trace": o["uuid"], "app_version": o["version"], "build": o["build"],
            "sf_id": o["sfid"], "zoho": o["zoho_id"], "coupon": o["coupon"]}
    yield "near_misses", _interaction(_json(keep), request=urlencode(
        {k: val for k, val in keep.items() if isinstance(val, str)}),
        request_type="application/x-www-form-urlencoded")


# --- scoring ------------------------------------------------------------------------------------


@dataclass
class Measure:
    """Leaks and ordinary values lost, by (path, carrier, what)."""

    leaks: list[tuple[str, str, str]]
    lost: list[tuple[str, str, str]]


def _plain_spellings() -> dict[str, tuple[str, ...]]:
    kept = {key: _kept(value) for key, value in ORDINARY.items()}
    kept.update({f"plain{i}": (text,) for i, text in enumerate(PLAIN)})
    return kept


def _body_text(body: bytes | str) -> str:
    if isinstance(body, bytes):
        return body.decode("gbk", "replace")
    return body


def measure(seed: int) -> Measure:
    """One seed's corpus through every path."""
    from seamguard.privacy import mask_text, mask_value
    from tests.support.seven_locale_pii import through_cli, through_hooks

    values = make_values(seed)
    v = {value.name: value.value for value in values}
    pairs = list(carriers(values, seed))
    outputs: dict[tuple[str, str], str] = {}
    given: dict[tuple[str, str], str] = {}
    for name, interaction in pairs:
        outputs["hooks", name] = opened(through_hooks(interaction, key=b"fresh3"))
        given["hooks", name] = given["privacy scrub", name] = _plain(
            [interaction["request"], interaction["response"]])
        for side, body in (("request", interaction["request"]["body"]),
                           ("response", interaction["response"]["body"]["string"])):
            text = _body_text(body)
            if not text:
                continue
            outputs[f"mask_text {side}", name] = opened(mask_text(text))
            given[f"mask_text {side}", name] = text
            try:
                parsed = json.loads(text)
            except ValueError:
                continue
            outputs[f"mask_value {side}", name] = opened(_json(mask_value(parsed)))
            outputs[f"finding {side}", name] = opened(_finding("unexpected record", parsed))
            given[f"mask_value {side}", name] = given[f"finding {side}", name] = _json(parsed)
    scrubbed, cli_output = through_cli(pairs)
    for name, text in scrubbed.items():
        outputs["privacy scrub", name] = opened(text)
    outputs["privacy scan/scrub output", "cli"] = cli_output
    for index, text in enumerate(sentences(v) + list(PLAIN)):
        carrier = f"text{index}"
        outputs["log", carrier] = _logged(text)
        outputs["finding", carrier] = _finding(text, None)
        outputs["mask_text", carrier] = mask_text(text)
        for path in ("log", "finding", "mask_text"):
            given[path, carrier] = text
    leaks = sorted({(path, carrier, value.name) for (path, carrier), text in outputs.items()
                    for value in values if any(form in text for form in all_spellings(value))})
    kept = _plain_spellings()
    lost = sorted({(path, carrier, key) for (path, carrier), text in outputs.items()
                   if (path, carrier) in given for key, forms in kept.items()
                   if any(form in given[path, carrier] for form in forms)
                   and not any(form in text for form in forms)})
    return Measure(leaks, lost)


def main(argv: list[str]) -> int:
    report_seeds(measure, seeds_chosen(argv, SEEDS, CHECK_SEEDS))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
