# ruff: noqa: RUF001
"""A corpus of locales, payload shapes and carriers the other scorers leave out, written from
public descriptions of the formats rather than from the detectors.

* Faker's ``ja_JP``, ``ko_KR``, ``de_DE``, ``pl_PL``, ``tr_TR``, ``cs_CZ``, ``sv_SE``, ``ar_AA``
  and ``zh_TW`` names, phones, e-mails, street lines and whole addresses, in sentences of their
  language with and without labels;
* payloads shaped as carriers and ERPs send them: Kingdee K/3 Cloud ``Save`` models and
  ``ExecuteBillQuery`` rows (``FLinkMan``, ``FContact``), Jiandaoyun data pushes (opaque
  ``_widget_…`` keys, an address widget), SF route pushes (a courier in the ``remark``), SF's
  XML order (``d_contact`` attributes), JD ``consigneeInfo`` and Pinduoduo receiver blocks, a
  carrier's ``destName``/``consignee``/``shipper``/``receiveMan`` keys;
* personal data in XML attributes, multipart/form-data, cookies, JWT claims, URL fragments,
  base64 of JSON inside a string, JSONP, CSV text bodies, GBK forms and log lines;
* ordinary values that must survive every path: SKUs, tracking numbers, timestamps, amounts,
  order ids, version strings, widget ids, coordinates.

Paths: the vcrpy hooks, ``privacy scrub`` on a raw cassette, ``mask_text`` on every text,
``mask_value`` on every record, a seamguard log record, and a masked finding.

``python -m tests.support.fresh_pii`` measures the seeds chosen before any fix (``DEV_SEEDS``);
``python -m tests.support.fresh_pii check`` the ones kept apart to check the fixes
(``CHECK_SEEDS``); or give seeds. It prints leaks and false replacements.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import logging
import random
import re
import string
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, quote_plus, unquote, urlencode

from faker import Faker

LOCALES = ("ja_JP", "ko_KR", "de_DE", "pl_PL", "tr_TR", "cs_CZ", "sv_SE", "ar_AA", "zh_TW")
DEV_SEEDS = (9201, 9202, 9203)
CHECK_SEEDS = (9311, 9312, 9313)

# Ordinary values: every path must keep each of them as it was.
ORDINARY = {
    "sku": "SKU-JP-4471-RED", "sf_waybill": "SF1420098765432", "jd_waybill": "JDX018845123456",
    "yto": "YT7512340098761", "pdd_order": "240612-558812345678901",
    "tb_tid": "2851934567123456789", "ts": "1765012345", "ts_ms": "1765012345678",
    "iso": "2026-12-06T08:10:00+08:00", "amount": "1288.50", "yen": "¥12,800",
    "version": "3.14.159", "semver": "v12.4.1-rc.2", "kingdee_number": "CUST0001",
    "jdy_id": "5f8d0a3e9b1e2c0017a4b6c9", "widget": "_widget_1615776382001",
    "ean": "6901234567892", "postcode": "518000", "coords": "22.543096,114.057865",
    "hs_code": "8517.12.00", "invoice": "INV-2026-000417",
}

# Labelled sentences per locale, in its language.
_LABELLED = {
    "ja_JP": "お届け先：{name}様　住所：{address}　電話：{phone}　メール：{email}",
    "ko_KR": "수령인: {name}, 주소: {address}, 연락처: {phone}, 이메일: {email}",
    "de_DE": "Empfänger: {name}, Anschrift: {street}, Telefon: {phone}, E-Mail: {email}",
    "pl_PL": "Odbiorca: {name}, adres: {street}, telefon: {phone}, e-mail: {email}",
    "tr_TR": "Alıcı: {name}, adres: {street}, telefon: {phone}, e-posta: {email}",
    "cs_CZ": "Příjemce: {name}, adresa: {street}, telefon: {phone}, e-mail: {email}",
    "sv_SE": "Mottagare: {name}, adress: {street}, telefon: {phone}, e-post: {email}",
    "ar_AA": "المستلم: {name}، العنوان: {street}، هاتف: {phone}، البريد: {email}",
    "zh_TW": "收件人：{name}，地址：{address}，電話：{phone}，信箱：{email}",
}
# Running text without a label before the street line or the address.
_UNLABELLED = {
    "ja_JP": "{address}まで本日中に配達予定です。",
    "ko_KR": "{address} 으로 배송 예정입니다.",
    "de_DE": "Paket wurde in {street} beim Nachbarn abgegeben.",
    "pl_PL": "Paczka dostarczona pod {street} o 14:05.",
    "tr_TR": "Kargo {street} adresine teslim edildi.",
    "cs_CZ": "Zásilka byla doručena na {street} dnes ráno.",
    "sv_SE": "Paketet lämnades på {street} i morse.",
    "ar_AA": "تم التسليم إلى {street} صباح اليوم.",
    "zh_TW": "包裹已送達{address}管理室代收。",
}


@dataclass(frozen=True)
class Value:
    """One personal value, its kind and where it came from."""

    name: str
    kind: str
    value: str


def _draw_locale(locale: str, seed: int) -> list[Value]:
    faker = Faker(locale)
    faker.seed_instance(seed)
    values = [Value(f"{locale}/name", "name", faker.name()),
              Value(f"{locale}/phone", "phone", faker.phone_number()),
              Value(f"{locale}/email", "email", faker.email()),
              Value(f"{locale}/street", "address", faker.street_address())]
    if locale in ("ja_JP", "ko_KR", "zh_TW"):
        values.append(Value(f"{locale}/address", "address", faker.address().replace("\n", " ")))
    return values


def _cn_mobile(rng: random.Random) -> str:
    return rng.choice(["139", "158", "176", "188", "135"]) + "".join(
        str(rng.randint(0, 9)) for _ in range(8))


def make_values(seed: int) -> list[Value]:
    """Every personal value one seed plants."""
    rng = random.Random(seed)
    values: list[Value] = []
    for locale in LOCALES:
        values += _draw_locale(locale, seed)
    zh = Faker("zh_CN")
    zh.seed_instance(seed)
    values += [
        Value("zh/name", "name", zh.name()), Value("zh/courier", "name", zh.name()),
        Value("zh/phone", "phone", _cn_mobile(rng)), Value("zh/courier-phone", "phone",
                                                            _cn_mobile(rng)),
        Value("zh/address", "address", zh.address().split(" ")[0]),
        Value("zh/street", "address", zh.street_address()),
        Value("zh/email", "email", zh.email()),
        Value("en/name", "name", Faker("en_US").name()),
    ]
    return values


def spellings(value: Value) -> set[str]:
    """The value as written, percent-encoded and JSON-escaped; a phone's digits too."""
    text = value.value
    forms = {text, quote(text), quote_plus(text), json.dumps(text)[1:-1],
             json.dumps(text, ensure_ascii=False)[1:-1]}
    if value.kind == "phone":
        digits = "".join(ch for ch in text.split("x")[0] if ch.isdigit())
        forms |= {digits, digits[-8:]}
    return {form for form in forms if len(form) >= 4 or (value.kind == "name" and len(form) >= 2)}


# --- JWT, base64 -------------------------------------------------------------------------------

def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _jwt(claims: dict[str, Any], rng: random.Random) -> str:
    head = _b64url(json.dumps({"alg": "RS256", "typ": "JWT"}).encode())
    body = _b64url(json.dumps(claims, ensure_ascii=False).encode())
    signature = "".join(rng.choice(string.ascii_letters + string.digits + "-_")
                        for _ in range(86))
    return f"{head}.{body}.{signature}"


# --- carriers -----------------------------------------------------------------------------------

_BASE = "https://open.carrier.example.com"


def _interaction(body: bytes | str, content_type: str, *, uri: str = f"{_BASE}/api",
                 request_headers: dict[str, list[str]] | None = None,
                 response_headers: dict[str, list[str]] | None = None,
                 request_body: bytes | str | None = None) -> dict[str, Any]:
    return {"request": {"method": "POST", "uri": uri,
                        "body": body if request_body is None else request_body,
                        "headers": {"Content-Type": [content_type], **(request_headers or {})}},
            "response": {"status": {"code": 200, "message": "OK"},
                         "headers": {"Content-Type": [content_type],
                                     **(response_headers or {})},
                         "body": {"string": body}}}


def _xml_attr(value: str) -> str:
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
            .replace(">", "&gt;"))


def sentences(values: list[Value]) -> list[str]:
    """Free text of every locale: a labelled sentence and an unlabelled one each."""
    v = {value.name: value.value for value in values}
    texts: list[str] = []
    for locale in LOCALES:
        fields = {"name": v[f"{locale}/name"], "phone": v[f"{locale}/phone"],
                  "email": v[f"{locale}/email"], "street": v[f"{locale}/street"],
                  "address": v.get(f"{locale}/address", v[f"{locale}/street"])}
        texts.append(_LABELLED[locale].format(**fields))
        texts.append(_UNLABELLED[locale].format(**fields))
    o = ORDINARY
    texts += [
        f"【深圳市】快件已签收，签收人：{v['zh/name']}，派件员{v['zh/courier']}"
        f"（{v['zh/courier-phone']}）运单 {o['sf_waybill']}",
        f"2026-12-06 08:10:00,118 INFO order {o['tb_tid']} shipped to {v['en/name']} "
        f"<{v['de_DE/email']}> via {o['jd_waybill']} total {o['amount']} build {o['semver']}",
        f"Order {o['pdd_order']} for {v['zh/name']} ({v['zh/phone']}) weighs 1.2 kg, "
        f"SKU {o['sku']}, EAN {o['ean']}, HS {o['hs_code']}, at {o['iso']}",
    ]
    return texts


def records(values: list[Value], rng: random.Random) -> dict[str, Any]:
    """The records the carriers carry, by carrier name."""
    v = {value.name: value.value for value in values}
    o = ORDINARY
    kingdee_save = {"formid": "BD_Customer", "data": json.dumps({
        "NeedUpDateFields": [], "IsDeleteEntry": "true",
        "Model": {"FCUSTID": 0, "FNumber": o["kingdee_number"], "FName": v["de_DE/name"],
                  "FLinkMan": v["pl_PL/name"], "FTEL": v["pl_PL/phone"],
                  "FADDRESS": v["pl_PL/street"],
                  "FT_BD_CUSTCONTACT": [{"FContact": v["cs_CZ/name"],
                                         "FMobile": v["cs_CZ/phone"],
                                         "FEMail": v["cs_CZ/email"],
                                         "FADDRESS1": v["cs_CZ/street"]}]}},
        ensure_ascii=False)}
    kingdee_query = {"FormId": "SAL_SaleOrder", "FieldKeys": "FID,FBillNo,FLinkMan,FLinkPhone,"
                     "FReceiveAddress,FDate",
                     "rows": [[100123, "XSDD000417", v["zh/name"], v["zh/phone"],
                               v["zh/address"], o["iso"]],
                              [100124, "XSDD000418", v["sv_SE/name"], v["sv_SE/phone"],
                               v["sv_SE/street"], o["iso"]]]}
    jiandaoyun = {"op": "data_create", "data": {
        "_id": o["jdy_id"], "appId": "5f8d0a3e9b1e2c0017a4b6aa", "entryId": "5f8d0a3e9b1e2c00",
        o["widget"]: v["zh/name"], "_widget_1615776382002": v["zh/phone"],
        "_widget_1615776382003": {"province": "广东省", "city": "深圳市", "district": "南山区",
                                  "detail": v["zh/street"]},
        "_widget_1615776382004": v["zh/email"], "_widget_1615776382005": o["amount"],
        "creator": {"name": v["zh_TW/name"], "username": "jdy_" + o["jdy_id"][:8],
                    "_id": o["jdy_id"]},
        "createTime": o["iso"]}}
    sf_route = {"Body": {"WaybillRoute": [
        {"mailno": o["sf_waybill"], "acceptAddress": "深圳市", "reasonName": "",
         "orderid": o["invoice"], "acceptTime": "2026-12-06 10:00:00", "opCode": "44",
         "remark": f"快件交给{v['zh/courier']}，正在派送途中（联系电话：{v['zh/courier-phone']}）"},
        {"mailno": o["sf_waybill"], "acceptAddress": "深圳市", "opCode": "80",
         "remark": f"已签收，签收人是：{v['zh/name']}", "acceptTime": "2026-12-06 15:20:11"}]}}
    jd = {"jingdong_pop_order_get_responce": {"code": "0", "orderDetailInfo": {"orderInfo": {
        "orderId": o["tb_tid"], "orderTotalPrice": o["amount"],
        "consigneeInfo": {"fullname": v["zh_TW/name"], "mobile": v["zh_TW/phone"],
                          "telephone": v["zh_TW/phone"], "fullAddress": v["zh_TW/address"],
                          "province": "台湾", "county": ""},
        "itemInfoList": [{"outerSkuId": o["sku"], "skuName": "保温杯 500ml"}]}}}}
    pdd = {"order_info_get_response": {"order_info": {
        "order_sn": o["pdd_order"], "receiver_name": v["ja_JP/name"],
        "receiver_phone": v["ja_JP/phone"], "address": v["ja_JP/address"],
        "receiver_address": v["ja_JP/address"], "pay_amount": o["amount"],
        "updated_at": "2026-12-06 08:10:00", "item_list": [{"goods_id": o["ean"]}]}}}
    carrier_keys = {"waybillNo": o["yto"], "destName": v["ko_KR/name"],
                    "destPhone": v["ko_KR/phone"], "destAddress": v["ko_KR/address"],
                    "consignee": v["tr_TR/name"], "shipper": v["ar_AA/name"],
                    "receiveMan": v["en/name"], "linkman": v["sv_SE/name"],
                    "contact": v["de_DE/name"], "dest_name": v["cs_CZ/name"],
                    "recvName": v["pl_PL/name"], "weight": "1.25", "createdAt": o["ts_ms"]}
    claims = {"iss": "https://id.example.com", "sub": "auth0|" + o["jdy_id"],
              "email": v["tr_TR/email"], "name": v["tr_TR/name"],
              "phone_number": v["tr_TR/phone"], "iat": int(o["ts"]), "exp": int(o["ts"]) + 3600}
    return {"kingdee_save": kingdee_save, "kingdee_query": kingdee_query,
            "jiandaoyun": jiandaoyun, "sf_route": sf_route, "jd": jd, "pdd": pdd,
            "carrier_keys": carrier_keys, "claims": claims, "jwt": _jwt(claims, rng)}


def carriers(values: list[Value], seed: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """(carrier, interaction) pairs as a cassette stores them."""
    rng = random.Random(seed * 7)
    v = {value.name: value.value for value in values}
    o = ORDINARY
    recs = records(values, rng)
    texts = sentences(values)
    for name in ("kingdee_save", "kingdee_query", "jiandaoyun", "sf_route", "jd", "pdd",
                 "carrier_keys"):
        yield name, _interaction(json.dumps(recs[name], ensure_ascii=False), "application/json")
    sf_xml = (f'<Request service="OrderService" lang="zh-CN"><Head>BSPdevelop</Head><Body>'
              f'<Order orderid="{o["invoice"]}" express_type="1" '
              f'j_contact="{_xml_attr(v["zh/name"])}" j_tel="{v["zh/phone"]}" '
              f'j_address="{_xml_attr(v["zh/address"])}" '
              f'd_contact="{_xml_attr(v["de_DE/name"])}" d_tel="{_xml_attr(v["de_DE/phone"])}" '
              f'd_address="{_xml_attr(v["de_DE/street"])}" parcel_quantity="1" '
              f'cargo_total_weight="2.35"><Cargo name="{o["sku"]}" count="2"/></Order>'
              f"</Body></Request>")
    yield "sf_xml_attrs", _interaction(sf_xml, "application/xml; charset=utf-8")
    attrs = (f'<?xml version="1.0"?><orders><order id="{o["tb_tid"]}" created="{o["iso"]}">'
             f'<party role="buyer" nm="{_xml_attr(v["sv_SE/name"])}" '
             f'mail="{_xml_attr(v["sv_SE/email"])}" ph="{_xml_attr(v["sv_SE/phone"])}" '
             f'street="{_xml_attr(v["sv_SE/street"])}"/>'
             f'<note lang="ja">{_xml_attr(texts[1])}</note></order></orders>')
    yield "xml_attrs", _interaction(attrs, "text/xml")
    boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW"
    parts = [("name", v["cs_CZ/name"]), ("phone", v["cs_CZ/phone"]),
             ("email", v["cs_CZ/email"]), ("street", v["cs_CZ/street"]),
             ("order_id", o["tb_tid"]), ("note", texts[10])]
    multipart = "".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'
                        f"{val}\r\n" for k, val in parts)
    csv_part = (f"name,phone,email,sku\r\n{v['pl_PL/name']},{v['pl_PL/phone']},"
                f"{v['pl_PL/email']},{o['sku']}\r\n")
    multipart += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
                  f'filename="export.csv"\r\nContent-Type: text/csv\r\n\r\n{csv_part}'
                  f"--{boundary}--\r\n")
    yield "multipart", _interaction(
        json.dumps({"ok": True, "id": o["jdy_id"]}),
        "application/json", request_body=multipart.encode("utf-8"),
        request_headers={"Content-Type": [f"multipart/form-data; boundary={boundary}"]})
    yield "cookies", _interaction(
        json.dumps({"ok": True}), "application/json",
        request_headers={"Cookie": [f"lang=ja; nick={quote(v['ja_JP/name'])}; "
                                    f"last_mail={quote(v['ko_KR/email'])}"]},
        response_headers={"Set-Cookie": [f"buyer={quote(v['tr_TR/email'])}; Path=/; Secure",
                                         "ver=3; Path=/"]})
    yield "jwt_claims", _interaction(
        json.dumps({"id_token": recs["jwt"], "session": {"credential": recs["jwt"]},
                    "profile_ref": recs["jwt"], "expires_at": o["ts"]}), "application/json",
        request_headers={"Authorization": [f"Bearer {recs['jwt']}"]},
        uri=f"{_BASE}/callback?code=abc123&state={o['jdy_id']}")
    fragment = urlencode({"contact": v["ar_AA/email"], "tel": v["ar_AA/phone"],
                          "waybill": o["sf_waybill"]})
    yield "url_fragment", _interaction(
        json.dumps({"redirect": f"{_BASE}/track?sku={o['sku']}#{fragment}"}),
        "application/json", uri=f"{_BASE}/track?order={o['tb_tid']}#{fragment}")
    blob = base64.b64encode(json.dumps(recs["carrier_keys"], ensure_ascii=False)
                            .encode()).decode()
    yield "base64_json", _interaction(
        json.dumps({"bizContent": blob, "timestamp": o["ts_ms"], "version": o["version"]}),
        "application/json", uri=f"{_BASE}/gw?payload={quote(blob)}&v={o['semver']}")
    jsonp = f"jQuery1124_{o['ts_ms']}({json.dumps(recs['pdd'], ensure_ascii=False)});"
    yield "jsonp", _interaction(jsonp, "application/javascript; charset=utf-8")
    csv_rows = ["order_id,receiver,mobile,address,amount,sku"]
    for locale in ("ko_KR", "tr_TR", "zh_TW"):
        street = v.get(f"{locale}/address", v[f"{locale}/street"]).replace('"', "'")
        csv_rows.append(f'{o["tb_tid"]},{v[f"{locale}/name"]},{v[f"{locale}/phone"]},'
                        f'"{street}",{o["amount"]},{o["sku"]}')
    yield "csv", _interaction("\r\n".join(csv_rows) + "\r\n", "text/csv; charset=utf-8")
    gbk_form = urlencode({"shr": v["zh/name"], "sjrdh": v["zh/phone"], "shrdz": v["zh/address"],
                          "memo": texts[18], "tid": o["tb_tid"]}, encoding="gbk")
    yield "gbk_form", _interaction(gbk_form.encode("ascii"),
                                   "application/x-www-form-urlencoded; charset=GBK")
    log_text = "\n".join([texts[19], texts[20], texts[5], texts[7], texts[13], texts[15]])
    yield "log_lines", _interaction(log_text, "text/plain; charset=utf-8")
    yield "headers", _interaction(
        "{}", "application/json",
        request_headers={"X-Receiver-Name": [quote(v["ko_KR/name"])],
                         "X-Customer-Email": [v["de_DE/email"]],
                         "X-Request-Id": [o["jdy_id"]]},
        response_headers={"X-Trace": [f"order={o['tb_tid']} sku={o['sku']}"]})


# --- paths --------------------------------------------------------------------------------------

_B64ISH = re.compile(r"[A-Za-z0-9+/_-]{20,}={0,2}")


def opened(data: Any) -> str:
    """Everything ``data`` holds, as text: bytes decoded both ways, base64 (JWT parts too) and
    percent-encoding opened, so a value cannot hide by being wrapped."""
    if isinstance(data, bytes):
        text = data.decode("gbk", "replace") + " " + data.decode("utf-8", "replace")
    elif isinstance(data, dict):
        return " ".join(opened(k) + " " + opened(val) for k, val in data.items())
    elif isinstance(data, list | tuple):
        return " ".join(opened(item) for item in data)
    else:
        text = str(data)
    extra = [unquote(text), unquote(text, encoding="gbk", errors="replace")]
    for source in (text, unquote(text)):
        for candidate in _B64ISH.findall(source):
            for decode in (base64.b64decode, base64.urlsafe_b64decode):
                with contextlib.suppress(ValueError):
                    raw = decode(candidate + "=" * (-len(candidate) % 4))
                    extra.append(raw.decode("utf-8"))
    return " ".join([text, *extra])


def _plain(data: Any) -> str:
    """``data`` as text, bytes decoded, nothing unwrapped."""
    if isinstance(data, bytes):
        return data.decode("utf-8", "replace")
    if isinstance(data, dict):
        return " ".join(_plain(k) + " " + _plain(val) for k, val in data.items())
    if isinstance(data, list | tuple):
        return " ".join(_plain(item) for item in data)
    return str(data)


def _logged(message: str) -> str:
    from seamguard.privacy import mask_logs

    mask_logs()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("seamguard.fresh_pii")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("%s", message)
    finally:
        logger.removeHandler(handler)
    return stream.getvalue()


def _finding(message: str, record: Any) -> str:
    from seamguard.findings import Finding, Severity
    from seamguard.privacy import mask_finding

    finding = mask_finding(Finding(code="fresh", severity=Severity.ERROR, message=message,
                                   check="fresh", actual=record))
    return f"{finding.message} {json.dumps(finding.actual, ensure_ascii=False)}"


@dataclass
class Measure:
    """Leaks and ordinary values lost, by (path, carrier, what)."""

    leaks: list[tuple[str, str, str]]
    lost: list[tuple[str, str, str]]


def _kept(value: str) -> tuple[str, ...]:
    return value, quote(value), quote_plus(value), quote(value, safe=""), json.dumps(value)[1:-1]


def measure(seed: int) -> Measure:
    """One seed's corpus through every path."""
    from seamguard.privacy import mask_text, mask_value
    from tests.support.seven_locale_pii import through_cli, through_hooks

    values = make_values(seed)
    pairs = list(carriers(values, seed))
    recs = records(values, random.Random(seed * 7))
    texts = sentences(values)
    outputs: dict[tuple[str, str], str] = {}
    # (what each path was given, as text: an ordinary value in it must come out unchanged;
    # values only a secret wraps, a JWT's claims, are not counted)
    given: dict[tuple[str, str], str] = {}
    for name, interaction in pairs:
        outputs["hooks", name] = opened(through_hooks(interaction, key=b"fresh"))
        given["hooks", name] = given["privacy scrub", name] = _plain(
            [interaction["request"], interaction["response"]])
        body = interaction["response"]["body"]["string"]
        if isinstance(body, str):
            outputs["mask_text", name] = opened(mask_text(body))
            given["mask_text", name] = body
    scrubbed, cli_output = through_cli(pairs)
    for name, text in scrubbed.items():
        outputs["privacy scrub", name] = opened(text)
    outputs["privacy scan/scrub output", "cli"] = cli_output
    for index, text in enumerate(texts):
        carrier = f"text{index}"
        outputs["mask_text", carrier] = mask_text(text)
        outputs["log", carrier] = _logged(text)
        outputs["finding", carrier] = _finding(text, None)
        for path in ("mask_text", "log", "finding"):
            given[path, carrier] = text
    for name, record in recs.items():
        carrier = f"record:{name}"
        outputs["mask_value", carrier] = opened(json.dumps(mask_value(record),
                                                           ensure_ascii=False))
        outputs["finding", carrier] = opened(_finding("unexpected record", record))
        given["mask_value", carrier] = given["finding", carrier] = json.dumps(
            record, ensure_ascii=False)
    leaks = sorted({(path, carrier, value.name) for (path, carrier), text in outputs.items()
                    for value in values if any(form in text for form in spellings(value))})
    lost = sorted({(path, carrier, key) for (path, carrier), text in outputs.items()
                   if (path, carrier) in given for key, value in ORDINARY.items()
                   if any(form in given[path, carrier] for form in _kept(value))
                   and not any(form in text for form in _kept(value))})
    return Measure(leaks, lost)


def seeds_chosen(argv: list[str], seeds: tuple[int, ...], check_seeds: tuple[int, ...]
                 ) -> list[int]:
    """The seeds a scorer's command line asks for: ``check`` (the group kept apart), the seeds
    given, or the default group."""
    return list(check_seeds) if argv[:1] == ["check"] else [int(a) for a in argv] or list(seeds)


def report_seeds(measure: Callable[[int], Measure], chosen: list[int], width: int = 24) -> None:
    """Measures each seed and prints its leaks and false replacements, then the totals."""
    total_leaks = total_lost = 0
    for seed in chosen:
        result = measure(seed)
        total_leaks += len(result.leaks)
        total_lost += len(result.lost)
        print(f"seed {seed}: {len(result.leaks)} leaks, {len(result.lost)} false replacements")
        for path, carrier, name in result.leaks:
            print(f"  leak  {path:26} {carrier:{width}} {name}")
        for path, carrier, key in result.lost:
            print(f"  lost  {path:26} {carrier:{width}} {key}")
    print(f"total: {total_leaks} leaks, {total_lost} false replacements")


def main(argv: list[str]) -> int:
    if argv[:1] == ["check"]:
        chosen = list(CHECK_SEEDS)
    else:
        chosen = [int(arg) for arg in argv] or list(DEV_SEEDS)
    report_seeds(measure, chosen)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
