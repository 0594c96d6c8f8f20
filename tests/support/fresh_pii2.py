# ruff: noqa: RUF001
"""A corpus of wire shapes the earlier corpora leave out, drawn fresh per seed.

* personal data in multipart file names (``filename=`` and ``filename*=UTF-8''…``), Shopify Admin
  GraphQL bodies (in ``variables`` and inline in the query text), protobuf JSON as a gRPC
  gateway writes it (camelCase keys, wrapper objects, ``@type``), base64 of JSON or of a form in
  JD/Pinduoduo ``data`` fields and in dotted two-part tokens that are no JWT, CSV and TSV
  attachments, ``Authorization: Basic`` and ``Bearer`` headers, WebSocket text frames stored as
  bodies (socket.io, STOMP), errors that quote the value back, JSON percent-encoded once or twice
  inside a form value, and Kingdee ``ExecuteBillQuery`` answers whose columns only the request's
  ``FieldKeys`` name;
* identity documents of Hong Kong, Macau and Taiwan (identity cards, the mainland travel permits,
  the residence permit with its 81/82/83 prefix), passports, the foreigner's permanent residence
  ID (old 15-character and 2023 18-digit forms), vehicle plates, customers' IPv4 and IPv6
  addresses and the GPS position of a delivery address;
* Latin-script names in running text after the cues people write before a name (``Deliver to``,
  ``Attn:``, ``c/o``, ``Dear``, ``Signed by``), beside sentences of the same cues before
  ordinary words (``Attn: Accounts Payable``), which must survive.

Paths: the vcrpy hooks, ``privacy scrub`` on a raw cassette (and whether ``privacy scan``
reports each interaction that carries a value), ``mask_text``, ``mask_value``, a log record and
a masked finding.

``python -m tests.support.fresh_pii2 [SEED ...]`` prints leaks, interactions the scan passed
over and false replacements (default seeds: ``SEEDS``).
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
from stdnum.iso7064 import mod_11_2

from seamguard.privacy.regional_ids import hkid_valid, taiwan_id_valid
from tests.support.fresh_pii import Value, _finding, _kept, _logged, _plain, opened, spellings
from tests.support.pii_dataset import resident_id

SEEDS = (9601, 9602, 9603)

ORDINARY = {
    "sku": "SKU-HK-2231-BLU", "waybill": "SF1509876543210", "order": "4200019876543210",
    "iso": "2026-12-06T09:30:00+08:00", "amount": "2399.00", "build": "4.18.2.1",
    "semver": "v2.7.0", "gid": "gid://shopify/Customer/7293847561", "ts_ms": "1765015200000",
    "kingdee_bill": "XSDD000918", "warehouse": "WH-SZ-03", "hs": "8471.30.00",
    "ratio": "0.75", "request_id": "c0a80164-5f3e-4c1e-9d2b-7a1f0e3c2b11",
}

# Ordinary sentences with the same cues before words that are no one's name.
PLAIN_LATIN = (
    "Attn: Accounts Payable, invoice INV-2026-0091 is overdue.",
    "Deliver to Main Warehouse, Gate 5, before noon.",
    "c/o Front Desk, Building B.",
    "Dear Valued Customer, your order has shipped.",
    "Dear Customer, thank you for your purchase.",
    "Signed by Customer Service on behalf of the store.",
    "Ship to Store Pickup Point, no signature needed.",
    "Please contact Customer Service for a Return Authorization.",
    "Received by Front Desk at 10:32.",
    "Deliver to Reception, Level 3.",
    "Attn: Shipping Department",
    "Regards, The Support Team",
)
_NAME_CUES = (
    "Deliver to {name}, {street}.",
    "Attn: {name}",
    "c/o {name}, {street}",
    "Dear {name}, your parcel is on its way.",
    "Signed by {name} at the door.",
    "Received by: {name}",
    "Recipient {name} was not at home; card left.",
    "Please hand the parcel to {name} at reception.",
)


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def _hkid(rng: random.Random) -> str:
    letter, digits = rng.choice("ACDEGKPRVZ"), _digits(rng, 6)
    check = next(c for c in "0123456789A" if hkid_valid(letter, digits, c))
    return f"{letter}{digits}({check})"


def _twid(rng: random.Random) -> str:
    letter, body = rng.choice("ABEFHK"), rng.choice("12") + _digits(rng, 7)
    return letter + body + next(d for d in "0123456789" if taiwan_id_valid(letter, body + d))


def _mod11(body: str) -> str:
    return body + mod_11_2.calc_check_digit(body)


def make_values(seed: int) -> list[Value]:
    """Every personal value (and credential) one seed plants."""
    rng = random.Random(seed)
    zh, en, gb = Faker("zh_CN"), Faker("en_US"), Faker("en_GB")
    for faker in (zh, en, gb):
        faker.seed_instance(seed)
    mobile = rng.choice(["138", "139", "158", "186", "177"]) + _digits(rng, 8)
    mobile2 = rng.choice(["135", "150", "189", "166"]) + _digits(rng, 8)
    born = f"{rng.randint(1960, 2002)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    values = [
        Value("zh/name", "name", zh.name()), Value("zh/name2", "name", zh.name()),
        Value("zh/phone", "phone", mobile), Value("zh/phone2", "phone", mobile2),
        Value("zh/address", "address", zh.address().split(" ")[0]),
        Value("zh/email", "email", zh.email()),
        Value("zh/ric", "id", resident_id(rng, ["110105", "440305", "330106"], (1960, 2002))),
        Value("en/name", "name", en.name()), Value("en/name2", "name", gb.name()),
        Value("en/name3", "name", f"{en.first_name()} {en.last_name()}"),
        Value("en/phone", "phone", en.phone_number()), Value("en/email", "email", en.email()),
        Value("en/street", "address", en.street_address()),
        Value("gb/street", "address", gb.street_address().replace("\n", ", ")),
        Value("hk/id", "id", _hkid(rng)), Value("tw/id", "id", _twid(rng)),
        Value("mo/id", "id", f"{rng.choice('157')}{_digits(rng, 6)}({rng.randint(0, 9)})"),
        # the mainland travel permits of Hong Kong / Macau (H/M + 8 digits) and Taiwan residents
        Value("hk/permit", "id", rng.choice("HM") + _digits(rng, 8)),
        Value("tw/permit", "id", _digits(rng, 8)),
        # the residence permit of Hong Kong, Macau and Taiwan residents: GB 11643's layout
        Value("hmt/residence", "id", _mod11(rng.choice(["810000", "820000", "830000"])
                                            + born + _digits(rng, 3))),
        # China's passports: E and eight digits, or EA/EB… and seven
        Value("cn/passport", "id", rng.choice(["E" + _digits(rng, 8), "EA" + _digits(rng, 7),
                                               "EB" + _digits(rng, 7)])),
        # the foreigner's permanent residence ID: three letters and twelve digits until 2023,
        # then eighteen digits starting with 9 and checked as GB 11643's
        Value("foreign/old", "id", rng.choice(["USA", "GBR", "DEU", "JPN", "KOR", "FRA"])
              + rng.choice(["11", "31", "44"]) + born[2:] + _digits(rng, 4)),
        Value("foreign/new", "id", _mod11("9" + rng.choice(["11", "31", "44"])
                                          + rng.choice(["840", "826", "276", "392", "410"])
                                          + born + _digits(rng, 3))),
        Value("plate", "plate", rng.choice("粤京沪浙苏川") + rng.choice("ABCDE")
              + rng.choice(["", "D", "F"]) + _digits(rng, 5)),
        Value("ipv4", "ip", f"{rng.choice([36, 58, 113, 117, 183, 223])}.{rng.randint(1, 254)}."
              f"{rng.randint(1, 254)}.{rng.randint(1, 254)}"),
        Value("ipv6", "ip", "240e:" + ":".join(f"{rng.randint(0, 0xffff):x}" for _ in range(7))),
        Value("gps/lat", "location", f"{rng.uniform(22.45, 22.80):.6f}"),
        Value("gps/lng", "location", f"{rng.uniform(113.80, 114.30):.6f}"),
        Value("secret/password", "secret", "Pw!" + "".join(
            rng.choice(string.ascii_letters + string.digits) for _ in range(12))),
        Value("secret/bearer", "secret", "".join(
            rng.choice(string.ascii_letters + string.digits) for _ in range(40))),
    ]
    return values


# --- carriers -----------------------------------------------------------------------------------

_BASE = "https://api.partner.example.com"


def _interaction(response: bytes | str, content_type: str, *, uri: str = f"{_BASE}/api",
                 request: bytes | str = "", request_type: str | None = None,
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


def latin_sentences(v: dict[str, str]) -> list[str]:
    """Running text naming a person after a cue (no key, no label list)."""
    names = (v["en/name"], v["en/name2"], v["en/name3"])
    streets = (v["en/street"], v["gb/street"])
    return [cue.format(name=names[i % 3], street=streets[i % 2])
            for i, cue in enumerate(_NAME_CUES)]


def document_sentences(v: dict[str, str]) -> list[str]:
    """Identity documents, plates, addresses of customers and positions in running text."""
    return [
        f"客户{v['zh/name']}持香港身份證{v['hk/id']}，回鄉證號碼{v['hk/permit']}。",
        f"台胞證{v['tw/permit']}，身分證字號 {v['tw/id']}，澳門身份證{v['mo/id']}。",
        f"港澳台居民居住证：{v['hmt/residence']}，请核对。",
        f"Passport {v['cn/passport']} checked at the counter.",
        f"外国人永久居留身份证号码 {v['foreign/new']}；旧版证件号 {v['foreign/old']}",
        f"车牌号{v['plate']}的车主已取件，订单 {ORDINARY['order']}。",
        f"下单IP：{v['ipv4']}，设备 IPv6 {v['ipv6']}，版本 {ORDINARY['build']}",
        f"收货定位 {v['gps/lat']},{v['gps/lng']}（{v['zh/address']}）",
    ]


def carriers(values: list[Value], seed: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """(carrier, interaction) pairs as a cassette stores them."""
    rng = random.Random(seed * 11)
    v = {value.name: value.value for value in values}
    o = ORDINARY
    boundary = "----seamguardBoundary" + "".join(rng.choice(string.ascii_letters)
                                                 for _ in range(12))
    files = (f'--{boundary}\r\nContent-Disposition: form-data; name="order_id"\r\n\r\n'
             f"{o['order']}\r\n"
             f'--{boundary}\r\nContent-Disposition: form-data; name="id_front"; '
             f'filename="{v["zh/name"]}_{v["zh/phone"]}_身份证正面.jpg"\r\n'
             f"Content-Type: image/jpeg\r\n\r\nJFIF-not-really\r\n"
             f'--{boundary}\r\nContent-Disposition: form-data; name="passport"; '
             f"filename*=UTF-8''{quote(v['en/name'])}%20passport%20{v['cn/passport']}.pdf\r\n"
             f"Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--{boundary}--\r\n")
    yield "multipart_filenames", _interaction(
        _json({"ok": True, "sku": o["sku"]}), "application/json", request=files,
        request_type=f"multipart/form-data; boundary={boundary}")
    first, last = v["en/name3"].split(" ", 1)
    graphql = {"query": "mutation customerCreate($input: CustomerInput!) { customerCreate("
                        "input: $input) { customer { id } userErrors { field message } } }",
               "variables": {"input": {
                   "firstName": first, "lastName": last, "email": v["en/email"],
                   "phone": "+86" + v["zh/phone"], "note": f"VIP since {o['iso']}",
                   "addresses": [{"address1": v["en/street"], "city": "Shenzhen",
                                  "zip": "518000", "phone": v["en/phone"],
                                  "firstName": first, "lastName": last}]}}}
    yield "graphql_variables", _interaction(
        _json({"data": {"customerCreate": {"customer": {"id": o["gid"]}, "userErrors": []}}}),
        "application/json", request=_json(graphql),
        uri=f"{_BASE}/admin/api/2024-07/graphql.json")
    inline = ('mutation { customerUpdate(input: {id: "' + o["gid"] + '", email: "'
              + v["zh/email"] + '", phone: "+86' + v["zh/phone2"] + '", firstName: "'
              + v["en/name2"].split(" ")[0] + '", lastName: "' + v["en/name2"].split(" ")[-1]
              + '", note: "deliver to ' + v["en/name2"] + '"}) { customer { id } } }')
    yield "graphql_inline", _interaction(
        _json({"data": {"customerUpdate": {"customer": {"id": o["gid"]}}}}),
        "application/json", request=_json({"query": inline}),
        uri=f"{_BASE}/admin/api/2024-07/graphql.json")
    yield "graphql_text", _interaction(
        _json({"ok": True}), "application/json", request=inline,
        request_type="application/graphql", uri=f"{_BASE}/admin/api/2024-07/graphql.json")
    grpc = {"order": {"orderId": o["order"], "createTime": o["iso"], "amount": {
        "currencyCode": "CNY", "units": "2399", "nanos": 0},
        "recipient": {"displayName": {"value": v["zh/name2"]},
                      "phoneNumber": {"e164Number": "+86" + v["zh/phone2"]},
                      "postalAddress": {"regionCode": "CN", "addressLines": [v["zh/address"]],
                                        "recipients": [v["zh/name2"]]},
                      "idDocument": {"@type": "type.googleapis.com/shop.v1.IdDocument",
                                     "type": "RESIDENT_ID", "number": v["zh/ric"]}},
        "labels": {"warehouse": o["warehouse"]}}}
    yield "grpc_gateway", _interaction(_json(grpc), "application/json",
                                       uri=f"{_BASE}/v1/orders/{o['order']}:get")
    jd_order = {"consignee": v["zh/name"], "mobile": v["zh/phone"], "addr": v["zh/address"],
                "orderId": o["order"], "amount": o["amount"]}
    b64_json = base64.b64encode(_json(jd_order).encode()).decode()
    b64_form = base64.b64encode(urlencode({"receiver_name": v["zh/name2"],
                                           "receiver_phone": v["zh/phone2"],
                                           "sku": o["sku"]}).encode()).decode()
    dotted = (base64.urlsafe_b64encode(_json({"buyer": v["en/name"], "email": v["en/email"],
                                              "exp": 1765015200}).encode()).decode()
              .rstrip("=") + "." + "".join(rng.choice(string.ascii_letters + string.digits)
                                           for _ in range(43)))
    yield "base64_fields", _interaction(
        _json({"code": 0, "data": b64_json, "payload": b64_form, "ticket": f"v1.{dotted}",
               "state": dotted, "ts": o["ts_ms"]}), "application/json")
    csv_text = ("order_id;receiver;mobile;address;amount\r\n"
                f"{o['order']};{v['zh/name']};{v['zh/phone']};{v['zh/address']};{o['amount']}\r\n"
                f"{o['kingdee_bill']};{v['en/name']};{v['en/phone']};\"{v['en/street']}\";"
                f"{o['amount']}\r\n")
    tsv_text = ("订单号\t收货人\t手机\t邮箱\n"
                f"{o['order']}\t{v['zh/name2']}\t{v['zh/phone2']}\t{v['zh/email']}\n")
    attach = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
              f'filename="orders.csv"\r\nContent-Type: text/csv\r\n\r\n{csv_text}'
              f'--{boundary}\r\nContent-Disposition: form-data; name="file2"; '
              f'filename="orders.tsv"\r\nContent-Type: text/tab-separated-values\r\n\r\n'
              f"{tsv_text}\r\n--{boundary}--\r\n")
    yield "csv_tsv_attachments", _interaction(
        tsv_text, "text/tab-separated-values; charset=utf-8", request=attach,
        request_type=f"multipart/form-data; boundary={boundary}")
    basic = base64.b64encode(f"{v['en/email']}:{v['secret/password']}".encode()).decode()
    yield "auth_headers", _interaction(
        _json({"ok": True}), "application/json",
        request_headers={"Authorization": [f"Basic {basic}"],
                         "X-Upstream-Authorization": [f"Bearer {v['secret/bearer']}"]},
        uri=f"https://{quote(v['zh/email'], safe='')}:{v['secret/password']}"
            f"@ftp.partner.example.com/upload?sku={o['sku']}")
    frames = "\n".join([
        '0{"sid":"' + "".join(rng.choice(string.ascii_letters) for _ in range(20))
        + '","pingInterval":25000}',
        "42" + _json(["order:update", {"orderId": o["order"], "receiver": v["zh/name"],
                                        "tel": v["zh/phone"], "addr": v["zh/address"]}]),
        "42" + _json(["chat", {"from": "buyer", "text": f"我的电话{v['zh/phone2']}，"
                                                        f"邮箱{v['zh/email']}"}]),
        "SEND\ndestination:/app/orders\ncontent-type:application/json\n\n"
        + _json({"customer": v["en/name"], "email": v["en/email"]}) + "\x00",
    ])
    yield "ws_frames", _interaction(frames, "text/plain; charset=utf-8",
                                    uri=f"{_BASE}/socket.io/?EIO=4&transport=polling")
    errors = {"errcode": 40001, "errmsg": f"invalid phone {v['zh/phone']}",
              "errors": [f"手机号{v['zh/phone2']}格式错误",
                         f"Customer with email {v['en/email']} already exists",
                         f"收件人姓名“{v['zh/name']}”包含非法字符",
                         f"id_card {v['zh/ric']} does not match name",
                         f"Name '{v['en/name']}' is too long (max 20)",
                         f"address '{v['en/street']}' could not be geocoded"],
              "request_id": o["request_id"]}
    yield "error_echo", _interaction(_json(errors), "application/json")
    inner = _json({"receiver": {"name": v["zh/name"], "mobile": v["zh/phone"],
                                "address": v["zh/address"]}, "sku": o["sku"]})
    once = urlencode({"method": "pdd.order.create", "biz_content": inner,
                      "timestamp": o["ts_ms"]})
    twice = urlencode({"app": "shop", "payload": quote(_json({"email": v["en/email"],
                                                              "name": v["en/name"]}))})
    yield "form_nested_json", _interaction(
        _json({"success": True}), "application/json", request=once,
        request_type="application/x-www-form-urlencoded",
        uri=f"{_BASE}/router?{twice}")
    documents = {"customer": {"hkid": v["hk/id"], "home_return_permit": v["hk/permit"],
                              "mtp_no": v["tw/permit"], "residence_permit": v["hmt/residence"],
                              "passport_no": v["cn/passport"],
                              "perm_residence_id": v["foreign/new"],
                              "foreigner_id": v["foreign/old"], "twid": v["tw/id"],
                              "macau_id": v["mo/id"]}, "sku": o["sku"]}
    yield "documents", _interaction(_json(documents), "application/json")
    yield "documents_text", _interaction("\n".join(document_sentences(v)),
                                         "text/plain; charset=utf-8")
    vehicle = {"pickup": {"plate_no": v["plate"], "driver": v["zh/name2"],
                          "driver_phone": v["zh/phone2"]}, "warehouse": o["warehouse"]}
    yield "vehicle", _interaction(_json(vehicle), "application/json")
    yield "customer_ip", _interaction(
        _json({"buyer_ip": v["ipv4"], "client_ip_v6": v["ipv6"], "version": o["build"],
               "order_id": o["order"]}), "application/json",
        request_headers={"X-Forwarded-For": [f"{v['ipv4']}, 10.0.3.7"],
                         "X-Real-IP": [v["ipv4"]]})
    gps = {"receiver": {"name": v["zh/name"], "address": v["zh/address"],
                        "location": {"lat": float(v["gps/lat"]), "lng": float(v["gps/lng"])}},
           "deliveryPoint": {"latitude": v["gps/lat"], "longitude": v["gps/lng"]},
           "ratio": o["ratio"]}
    yield "gps", _interaction(_json(gps), "application/json")
    fields = "FID,FBillNo,FLinkMan,FLinkPhone,FReceiveAddress,FDate"
    query = {"data": _json({"FormId": "SAL_SaleOrder", "FieldKeys": fields,
                            "FilterString": "", "TopRowCount": 0, "Limit": 2000})}
    rows = [[100917, o["kingdee_bill"], v["en/name"], v["en/phone"], v["en/street"], o["iso"]],
            [100918, o["kingdee_bill"] + "1", v["zh/name2"], v["zh/phone2"], v["gb/street"],
             o["iso"]]]
    yield "kingdee_rows", _interaction(
        _json(rows), "application/json", request=_json(query),
        uri="https://erp.example.com/k3cloud/Kingdee.BOS.WebApi.ServicesStub."
            "DynamicFormService.ExecuteBillQuery.common.kdsvc")
    yield "latin_text", _interaction("\n".join(latin_sentences(v)),
                                     "text/plain; charset=utf-8")
    yield "plain_latin", _interaction("\n".join(PLAIN_LATIN), "text/plain; charset=utf-8")


# --- scoring ------------------------------------------------------------------------------------


@dataclass
class Measure:
    """Leaks, interactions the scan passed over and ordinary text lost."""

    leaks: list[tuple[str, str, str]]
    unscanned: list[str]
    lost: list[tuple[str, str, str]]


def _scan_hits(scan_output: str) -> set[int]:
    """Interaction indexes the scan named."""
    found: set[int] = set()
    try:
        start = scan_output.index("{")
        report = json.loads(scan_output[start:scan_output.rindex("}") + 1])
    except ValueError:
        return found
    for finding in report.get("findings", []):
        pointer = str((finding.get("location") or {}).get("pointer") or "")
        parts = pointer.split("/")
        if len(parts) > 2 and parts[1] == "interactions" and parts[2].isdigit():
            found.add(int(parts[2]))
    return found


def _plain_spellings() -> dict[str, tuple[str, ...]]:
    kept = {key: _kept(value) for key, value in ORDINARY.items()}
    kept.update({f"plain{i}": (text,) for i, text in enumerate(PLAIN_LATIN)})
    return kept


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
        outputs["hooks", name] = opened(through_hooks(interaction, key=b"fresh2"))
        given["hooks", name] = given["privacy scrub", name] = _plain(
            [interaction["request"], interaction["response"]])
        body = interaction["response"]["body"]["string"]
        outputs["mask_text", name] = opened(mask_text(body))
        given["mask_text", name] = body
        try:
            parsed = json.loads(body)
        except ValueError:
            continue
        outputs["mask_value", name] = opened(_json(mask_value(parsed)))
        outputs["finding", name] = opened(_finding("unexpected record", parsed))
        given["mask_value", name] = given["finding", name] = body
    scrubbed, cli_output = through_cli(pairs)
    for name, text in scrubbed.items():
        outputs["privacy scrub", name] = opened(text)
    outputs["privacy scan/scrub output", "cli"] = cli_output
    texts = latin_sentences(v) + document_sentences(v) + list(PLAIN_LATIN)
    for index, text in enumerate(texts):
        carrier = f"text{index}"
        outputs["log", carrier] = _logged(text)
        outputs["finding", carrier] = _finding(text, None)
        outputs["mask_text", carrier] = mask_text(text)
        for path in ("log", "finding", "mask_text"):
            given[path, carrier] = text
    # a value is personal data (or a credential) everywhere it appears
    leaks = sorted({(path, carrier, value.name) for (path, carrier), text in outputs.items()
                    for value in values if any(form in text for form in spellings(value))})
    scanned = _scan_hits(cli_output)
    unscanned = sorted(name for index, (name, interaction) in enumerate(pairs)
                       if index not in scanned and any(
                           form in _plain([interaction["request"], interaction["response"]])
                           for value in values for form in spellings(value)))
    kept = _plain_spellings()
    lost = sorted({(path, carrier, key) for (path, carrier), text in outputs.items()
                   if (path, carrier) in given for key, forms in kept.items()
                   if any(form in given[path, carrier] for form in forms)
                   and not any(form in text for form in forms)})
    return Measure(leaks, unscanned, lost)


def main(argv: list[str]) -> int:
    chosen = [int(arg) for arg in argv] or list(SEEDS)
    totals = [0, 0, 0]
    for seed in chosen:
        result = measure(seed)
        totals[0] += len(result.leaks)
        totals[1] += len(result.unscanned)
        totals[2] += len(result.lost)
        print(f"seed {seed}: {len(result.leaks)} leaks, {len(result.unscanned)} interactions "
              f"the scan passed over, {len(result.lost)} false replacements")
        for path, carrier, name in result.leaks:
            print(f"  leak  {path:26} {carrier:22} {name}")
        for carrier in result.unscanned:
            print(f"  scan passed over  {carrier}")
        for path, carrier, key in result.lost:
            print(f"  lost  {path:26} {carrier:22} {key}")
    print(f"total: {totals[0]} leaks, {totals[1]} interactions the scan passed over, "
          f"{totals[2]} false replacements")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
