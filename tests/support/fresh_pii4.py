# ruff: noqa: RUF001
"""A fourth corpus: encodings, number types and hand-made files the earlier corpora leave out.

* personal values as JSON numbers (a mobile, a card, a resident ID number, a coordinate) under
  keys that are on no list, beside numbers that must stay (order ids, timestamps, amounts);
* bodies stored compressed (``Content-Encoding: gzip`` / ``deflate``) on either side;
* URL-safe base64 without padding of JSON or a form in a gateway push's ``data=``, and a JWT's
  phone and e-mail claims in a JSON field;
* multipart/form-data with a CSV file part, ``text/csv`` and TSV answers, JSONP callbacks;
* personal values in URL path segments (``/customers/138…/orders``), in fragments, in
  HTTP/2-style lowercase headers and in a ``:path`` pseudo-header;
* HTML error pages that echo the request back;
* Hong Kong, Macau and Taiwan phones in their spellings, passports, plates, home positions;
* values split across fields (area code and number), zero-width characters inside digits, mixed
  full- and half-width digits, non-breaking spaces, names outside the BMP written as ``\\u``
  surrogate pairs, e-mails percent-encoded twice;
* a cassette edited by hand: comments, block scalars, flow mappings, anchors and aliases.

Paths: the vcrpy hooks, ``privacy scan`` and ``privacy scrub`` on a raw cassette (and on the
hand-made one, whose scan must fail), ``mask_text``, ``mask_value``, a log record and a masked
finding. A leak is a planted value found in any spelling after opening what the output wraps
(gzip, base64, percent-encoding, ``\\u`` escapes, zero-width characters, full-width digits).

``python -m tests.support.fresh_pii4`` measures the building seeds (``SEEDS``);
``python -m tests.support.fresh_pii4 check`` the seeds kept apart (``CHECK_SEEDS``); or give
seeds. It prints leaks and false replacements.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import html
import json
import random
import re
import string
import sys
import tempfile
import unicodedata
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlencode

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
from tests.support.fresh_pii2 import _hkid, _twid
from tests.support.fresh_pii3 import _serial
from tests.support.pii_dataset import card, resident_id

SEEDS = (9801, 9802, 9803)
CHECK_SEEDS = (9811, 9812, 9813, 9814, 9815, 9816)

# Ordinary values: every path must keep each as it was.
ORDINARY = {
    "order_no": "15019283746", "tid": "6930127718392047561", "sku": "SKU-3341-GRN-M",
    "sf": "SF1432776509812", "yt": "YT2412345678901", "ts": "1765015200",
    "ts_ms": "1765015200123", "iso": "2026-12-06T09:30:00Z", "amount": "2399.5",
    "status": "WAIT_SELLER_SEND_GOODS", "status2": "TRADE_FINISHED",
    "uuid": "3f2b8c1e-7d4a-4e9b-a1c2-5d6e7f809a1b", "version": "v4.2.0",
    "ean": "6921168509256", "warehouse": "WH-HZ-07",
    "hub": "120.21", "coupon": "SPRING-2026-10OFF",
}

_ZW = "\u200b\u200c\u200d\u2060\ufeff"


def _chars(rng: random.Random, n: int, alphabet: str = string.ascii_letters + string.digits
           ) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _mobile(rng: random.Random) -> str:
    return rng.choice(["134", "139", "147", "155", "176", "183", "199"]) + _chars(
        rng, 8, string.digits)


def make_values(seed: int) -> list[Value]:
    """Every personal value (and credential) one seed plants."""
    rng = random.Random(seed)
    zh, en = Faker("zh_CN"), Faker("en_US")
    zh.seed_instance(seed)
    en.seed_instance(seed)
    ric = resident_id(rng, ["110105", "440305", "330106", "320102"], (1965, 2003))
    while ric.endswith("X"):
        ric = resident_id(rng, ["110105", "440305", "330106", "320102"], (1965, 2003))
    values = [Value(f"zh/phone{i}", "phone", _mobile(rng)) for i in range(1, 9)]
    # phones a spreadsheet or pandas turned into floats (13812345678.0, 1.3812345678E10)
    values += [Value("float/phone", "phone", _mobile(rng)),
               Value("float/phone-e", "phone", _mobile(rng))]
    values += [
        Value("zh/name", "name", zh.name()), Value("zh/name2", "name", zh.name()),
        Value("zh/name3", "name", zh.name()),
        Value("zh/address", "address", zh.address().split(" ")[0]),
        Value("zh/email", "email", zh.email()), Value("en/email", "email", en.email()),
        Value("en/email2", "email", en.email()), Value("en/name", "name", en.name()),
        Value("zh/ric", "id", ric),
        Value("zh/card", "card", card(rng, rng.choice(["622202", "621700", "625807"]), 19)),
        Value("zh/card16", "card", card(rng, rng.choice(["4", "51", "53"]), 16)),
        Value("zh/landline", "phone", f"{rng.randint(2, 8)}{_chars(rng, 7, string.digits)}"),
        Value("hk/phone", "phone", rng.choice("569") + _chars(rng, 7, string.digits)),
        Value("mo/phone", "phone", "6" + rng.choice("2368") + _chars(rng, 6, string.digits)),
        Value("tw/phone", "phone", "09" + _chars(rng, 8, string.digits)),
        Value("hk/id", "id", _hkid(rng)), Value("tw/id", "id", _twid(rng)),
        Value("passport", "id", rng.choice("EG") + _chars(rng, 8, string.digits)),
        Value("plate", "plate", rng.choice("京沪粤浙苏") + rng.choice("ABCDE") + _serial(rng)),
        Value("gps/lat", "location", f"{rng.uniform(30.1, 30.4):.6f}"),
        Value("gps/lng", "location", f"{rng.uniform(120.0, 120.3):.6f}"),
        # a platform's id of one user (personal under PIPL: see docs/privacy.md)
        Value("wx/openid", "account", "o" + _chars(rng, 27, string.ascii_letters + "0123456789_-")),
        Value("wx/unionid", "account", "o" + _chars(rng, 27, string.ascii_letters + "0123456789")),
        Value("secret/token", "secret", _chars(rng, 40)),
        Value("secret/pw", "secret", "Pq#" + _chars(rng, 13)),
        # a rare surname outside the BMP (written with a surrogate pair when \\u-escaped)
        Value("zh/rare", "name", rng.choice(["𠮷", "𡈽", "𨚕", "𪚥"]) + zh.first_name_male()),
        Value("zh/rare2", "name", zh.last_name() + rng.choice(["𬌗", "𬊈", "𠇔", "𫖯"])
              + rng.choice(["", zh.first_name_female()[-1:]])),
    ]
    return values


def _spellings(value: Value) -> set[str]:
    forms = spellings(value)
    if value.kind == "phone" and value.name.startswith(("hk/", "mo/")):
        forms.add(value.value[:4] + " " + value.value[4:])
    if value.name == "float/phone-e":
        mantissa = f"{value.value[0]}.{value.value[1:]}"
        forms |= {f"{mantissa}E10", f"{mantissa}e10", f"{mantissa}e+10"}
    return forms


# --- carriers -----------------------------------------------------------------------------------

_BASE = "https://open.partner.example.com"


def _interaction(response: bytes | str, content_type: str = "application/json", *,
                 uri: str = f"{_BASE}/api", request: bytes | str = "",
                 request_type: str | None = None, method: str = "POST",
                 request_headers: dict[str, list[str]] | None = None,
                 response_headers: dict[str, list[str]] | None = None,
                 status: int = 200) -> dict[str, Any]:
    return {"request": {"method": method, "uri": uri, "body": request,
                        "headers": {"Content-Type": [request_type or content_type],
                                    **(request_headers or {})}},
            "response": {"status": {"code": status, "message": "OK"},
                         "headers": {"Content-Type": [content_type], **(response_headers or {})},
                         "body": {"string": response}}}


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def _b64url(data: str) -> str:
    return base64.urlsafe_b64encode(data.encode()).decode().rstrip("=")


def _jwt(claims: dict[str, Any], rng: random.Random) -> str:
    head = _b64url(_json({"alg": "HS256", "typ": "JWT"}))
    return f"{head}.{_b64url(_json(claims))}.{_chars(rng, 43, string.ascii_letters + '-_')}"


def _fullwidth_mix(digits: str) -> str:
    return "".join(chr(0xFF10 + int(d)) if i % 2 else d for i, d in enumerate(digits))


def _zero_width(digits: str, rng: random.Random) -> str:
    return "".join(d + (rng.choice(_ZW) if i in (2, 6) else "") for i, d in enumerate(digits))


def _entities(text: str) -> str:
    """``text`` as HTML numeric character references, hex and decimal by turns."""
    return "".join(f"&#x{ord(ch):x};" if i % 2 else f"&#{ord(ch)};" for i, ch in enumerate(text))


def _surrogates(text: str) -> str:
    """``text`` as JSON writes it with ``ensure_ascii``: astral characters as surrogate pairs."""
    return json.dumps(text)[1:-1]


def _numbers(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    record = ('{"order_no": ' + o["order_no"] + ', "tid": ' + o["tid"] + ', "created": '
              + o["ts"] + ', "paid_ms": ' + o["ts_ms"] + ', "total": ' + o["amount"]
              + ', "qty": 12, "c1": ' + v["zh/phone1"] + ', "ref_a": '
              + v["zh/card"] + ', "doc": ' + v["zh/ric"] + ', "b": {"v": ' + v["zh/card16"]
              + '}, "contact": [' + v["zh/phone2"] + '], "lat": ' + v["gps/lat"]
              + ', "lng": ' + v["gps/lng"] + ', "hub_lng": ' + o["hub"] + ', "page": '
              + '20, "status": "' + o["status"] + '"}')
    yield "json_numbers", _interaction(record, request=record)
    # (with a position in it, a document is read again keeping every number's spelling;
    # without one, floats are read as floats: both ways)
    e_form = f"{v['float/phone-e'][0]}.{v['float/phone-e'][1:]}E10"
    for name, extra in (("json_floats", ""), ("json_floats_exact", ', "lat": ' + v["gps/lat"])):
        floats = ('{"m_f": ' + v["float/phone"] + '.0, "rows": [[' + o["order_no"] + ".0, "
                  + e_form + ", " + o["amount"] + "]], \"order_no\": " + o["order_no"] + ".0"
                  + ', "ts": ' + o["ts"] + ".0" + extra + "}")
        yield name, _interaction(floats, request=floats)


def _compressed(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    body = _json({"receiver": v["zh/name"], "mobile": v["zh/phone3"], "note":
                  f"寄到{v['zh/address']}，电话{v['zh/phone3']}", "order_no": o["order_no"],
                  "sku": o["sku"], "status": o["status2"]})
    yield "gzip_response", _interaction(gzip.compress(body.encode()), response_headers={
        "Content-Encoding": ["gzip"]})
    yield "deflate_request", _interaction(
        _json({"ok": True, "sku": o["sku"]}), request=zlib.compress(body.encode()),
        request_headers={"Content-Encoding": ["deflate"]})


def _wrapped(v: dict[str, str], o: dict[str, str],
             rng: random.Random) -> Iterator[tuple[str, dict[str, Any]]]:
    push = _json({"buyer": {"m": v["zh/phone4"], "e": v["en/email"]}, "tid": o["tid"],
                  "status": o["status"]})
    form = urlencode({"receiver_mobile": v["zh/phone4"], "order_no": o["order_no"]})
    yield "b64url_push", _interaction(
        _json({"code": 0}), request=urlencode({"data": _b64url(push), "ext": _b64url(form),
                                               "timestamp": o["ts"], "sku": o["sku"]}),
        request_type="application/x-www-form-urlencoded")
    token = _jwt({"sub": o["uuid"], "phone_number": "+86" + v["zh/phone5"],
                  "email": v["en/email2"], "iat": int(o["ts"])}, rng)
    yield "jwt_claims", _interaction(_json({"id_token": token, "expires_in": 7200,
                                            "status": o["status2"]}))


def _files(v: dict[str, str], o: dict[str, str],
           rng: random.Random) -> Iterator[tuple[str, dict[str, Any]]]:
    boundary = "----WebKitFormBoundary" + _chars(rng, 16)
    csv_part = ("订单号,收件人,手机,地址\n"
                f"{o['order_no']},{v['zh/name2']},{v['zh/phone6']},{v['zh/address']}\n")
    multipart = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
                 f"filename=\"orders.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv_part}\r\n"
                 f"--{boundary}\r\nContent-Disposition: form-data; name=\"sku\"\r\n\r\n"
                 f"{o['sku']}\r\n--{boundary}--\r\n")
    yield "multipart_csv", _interaction(_json({"ok": 1}), request=multipart,
                                        request_type=f"multipart/form-data; boundary={boundary}")
    csv_text = ("id,who,contact,mail,qty\n"
                f"{o['tid']},{v['en/name']},{v['zh/phone7']},{v['zh/email']},12\n")
    yield "text_csv", _interaction(csv_text, "text/csv; charset=utf-8")
    tsv = f"order\tx\ty\n{o['order_no']}\t{v['zh/name3']}\t{v['tw/phone']}\n"
    yield "text_tsv", _interaction(tsv, "text/tab-separated-values")
    jsonp = (f"jQuery3600_{o['ts_ms']}(" + _json({"data": {"n": v["zh/name"], "t":
                                                   v["zh/phone8"], "sku": o["sku"]}}) + ");")
    yield "jsonp", _interaction(jsonp, "application/javascript; charset=utf-8",
                                uri=f"{_BASE}/api?callback=jQuery3600_{o['ts_ms']}")


def _urls(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    yield "path_segments", _interaction(
        _json({"status": o["status"]}), method="GET",
        uri=f"{_BASE}/v2/customers/{v['zh/phone1']}/orders/{o['order_no']}")
    yield "path_email", _interaction(
        _json({"status": o["status"]}), method="GET",
        uri=f"{_BASE}/v2/users/{quote(v['zh/email'])}/profile?page=20")
    yield "path_id", _interaction(
        _json({"ok": True}), method="GET",
        uri=f"{_BASE}/v1/verify/{v['zh/ric']}/{o['sku']}#tel={v['zh/phone2']}")
    yield "wechat_userinfo", _interaction(
        _json({"openid": v["wx/openid"], "unionid": v["wx/unionid"], "sex": 1,
               "province": "Zhejiang", "privilege": [], "status": o["status"]}), method="GET",
        uri=f"https://api.weixin.qq.com/sns/userinfo?openid={v['wx/openid']}&lang=zh_CN")
    yield "http2_headers", _interaction(
        _json({"ok": True}), request_headers={
            ":path": [f"/api/lookup?mobile={v['zh/phone3']}&sku={o['sku']}"],
            "authorization": [f"Bearer {v['secret/token']}"],
            "cookie": [f"uid={v['zh/phone4']}; nick={quote(v['zh/name'])}"],
            "x-customer-email": [v["en/email"]]},
        response_headers={"set-cookie": [f"token={v['secret/token']}; Path=/; HttpOnly"],
                          "x-request-id": [o["uuid"]]})
    html = (f"<!DOCTYPE html><html><head><title>400 Bad Request</title></head><body>"
            f"<h1>Bad Request</h1><p>Invalid parameter mobile={v['zh/phone5']} for order "
            f"{o['order_no']}</p><pre>POST /api/receiver?name={quote(v['zh/name2'])}&amp;"
            f"email={quote(v['en/email2'])}</pre><p>身份证号：{v['zh/ric']}</p><p>Contact: "
            f"{_entities(v['en/email'])} / {_entities(v['zh/phone6'])}</p></body></html>")
    yield "html_error", _interaction(html, "text/html; charset=utf-8", status=400)


def _regional(v: dict[str, str], o: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    hk, mo, tw = v["hk/phone"], v["mo/phone"], v["tw/phone"]
    text = (f"香港收件人電話 +852 {hk[:4]} {hk[4:]}，澳門 (853) {mo[:4]}-{mo[4:]}，台灣手機 "
            f"{tw[:4]}-{tw[4:7]}-{tw[7:]}。證件：香港身份證 {v['hk/id']}，台灣身分證 "
            f"{v['tw/id']}，护照号码 {v['passport']}，车牌 {v['plate']}。订单 {o['order_no']}")
    yield "regional_text", _interaction(text, "text/plain; charset=utf-8")
    record = {"recv": {"hk_tel": f"+852{hk}", "mo_tel": f"+853 {mo}", "tw_mobile": tw,
                       "doc_hk": v["hk/id"], "doc_tw": v["tw/id"], "pp": v["passport"],
                       "car": v["plate"]}, "sku": o["sku"], "warehouse": o["warehouse"]}
    yield "regional_record", _interaction(_json(record))


def _obfuscated(v: dict[str, str], o: dict[str, str],
                rng: random.Random) -> Iterator[tuple[str, dict[str, Any]]]:
    record = {"receiver": {"area_code": "0571", "tel_no": v["zh/landline"], "ext": "8012"},
              "x1": _zero_width(v["zh/phone6"], rng), "x2": _fullwidth_mix(v["zh/phone7"]),
              "x3": f"{v['zh/phone8'][:3]}\u00a0{v['zh/phone8'][3:7]}\u00a0{v['zh/phone8'][7:]}",
              "note": f"联系{_zero_width(v['zh/phone1'], rng)}或{_fullwidth_mix(v['zh/phone2'])}",
              "sku": o["sku"], "ean": o["ean"]}
    yield "obfuscated_digits", _interaction(_json(record))
    escaped = ('{"receiver_name": "' + _surrogates(v["zh/rare"]) + '", "note": "\\ud83d\\ude9a '
               + _surrogates(f"送到{v['zh/address']}，收件人：{v['zh/rare2']}") + '", "coupon": "'
               + o["coupon"] + '"}')
    yield "surrogate_escapes", _interaction(escaped)
    twice = quote(quote(v["en/email2"], safe=""), safe="")
    yield "percent_twice", _interaction(
        _json({"ok": True}), method="GET",
        uri=f"{_BASE}/search?q={twice}&ts={o['ts']}&sku={o['sku']}")
    xml = (f'<?xml version="1.0"?><Order no="{o["order_no"]}" sku="{o["sku"]}">'
           f'<Party r="{v["zh/name3"]}" m="{v["zh/phone3"]}" e="{v["zh/email"]}" '
           f'loc="{v["gps/lat"]},{v["gps/lng"]}"/><Status>{o["status"]}</Status></Order>')
    yield "xml_attributes", _interaction(xml, "application/xml")


def carriers(values: list[Value], seed: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """(carrier, interaction) pairs as a cassette stores them."""
    v = {value.name: value.value for value in values}
    o = ORDINARY
    rng = random.Random(seed * 17)
    yield from _numbers(v, o)
    yield from _compressed(v, o)
    yield from _wrapped(v, o, rng)
    yield from _files(v, o, rng)
    yield from _urls(v, o)
    yield from _regional(v, o)
    yield from _obfuscated(v, o, rng)
    keep = {key: o[key] for key in ("order_no", "tid", "sku", "sf", "yt", "iso", "uuid",
                                    "version", "ean", "warehouse", "coupon", "status",
                                    "status2")}
    numbers = ('{"order_no": ' + o["order_no"] + ', "tid": ' + o["tid"] + ', "ts": '
               + o["ts"] + ', "ts_ms": ' + o["ts_ms"] + ', "amount": ' + o["amount"]
               + ', "hub_lng": ' + o["hub"] + ', "keep": ' + _json(keep) + "}")
    yield "near_misses", _interaction(numbers, request=urlencode(keep),
                                      request_type="application/x-www-form-urlencoded")


def hand_made(values: list[Value]) -> str:
    """A cassette as a person edits it: comments, block scalars, flow style, an alias."""
    v = {value.name: value.value for value in values}
    o = ORDINARY
    body = _json({"receiver": v["zh/name"], "tel": v["zh/phone1"], "sku": o["sku"]})
    return (
        "# recorded against staging; customer " + v["zh/phone2"] + " asked for a refund\n"
        "version: 1\n"
        "interactions:\n"
        "- request: &req\n"
        "    method: POST\n"
        f"    uri: {_BASE}/orders/{o['order_no']}\n"
        "    body: |\n"
        f"      {body}\n"
        "    headers: {Content-Type: [application/json], X-Mail: [" + v["en/email"] + "]}\n"
        "  response:\n"
        "    status: {code: 200, message: OK}\n"
        "    headers:\n"
        "      Content-Type: [text/plain]\n"
        "    body:\n"
        "      string: >-\n"
        f"        联系人 {v['zh/name2']} 电话\n"
        f"        {v['zh/phone3']} 订单 {o['order_no']}\n"
        "- request: *req\n"
        "  response:\n"
        "    status: {code: 200, message: OK}\n"
        "    headers: {}\n"
        f"    body: {{string: '{{\"m\": \"{v['zh/phone4']}\", \"status\": \"{o['status']}\"}}'}}"
        "\n")


# --- opening and scoring -------------------------------------------------------------------------

_INFLATE = (gzip.decompress, zlib.decompress, lambda raw: zlib.decompress(raw, -15))
_ESCAPE = re.compile(r"(?:\\u[0-9a-fA-F]{4})+")


def _inflated(data: Any) -> Any:
    """``data`` with every compressed bytes value inflated."""
    if isinstance(data, bytes):
        for inflate in _INFLATE:
            with contextlib.suppress(OSError, zlib.error, EOFError):
                return inflate(data)
        return data
    if isinstance(data, dict):
        return {k: _inflated(val) for k, val in data.items()}
    if isinstance(data, list | tuple):
        return [_inflated(item) for item in data]
    return data


def _unescaped(match: re.Match[str]) -> str:
    with contextlib.suppress(ValueError):
        return str(json.loads(f'"{match.group(0)}"'))
    return match.group(0)


def opened4(data: Any) -> str:
    """``opened`` after inflating, then the same text with escapes undone, percent-encoding
    opened twice, zero-width characters dropped and full-width digits and spaces folded."""
    text = opened(_inflated(data))
    unescaped = _ESCAPE.sub(_unescaped, text)
    unescaped = html.unescape(unescaped)
    folded = unicodedata.normalize("NFKC", unescaped.translate({ord(c): None for c in _ZW}))
    folded = folded.replace("\u00a0", " ")
    return " ".join({text, unescaped, unquote(unquote(text)), folded, opened(folded)})


def _through_hooks(interaction: dict[str, Any]) -> Any:
    from vcr.request import Request

    from seamguard.privacy import vcr_hooks

    hooks = vcr_hooks(key=b"fresh4")
    req = interaction["request"]
    body = req["body"].encode("utf-8") if isinstance(req["body"], str) else req["body"]
    request = hooks["before_record_request"](Request(req["method"], req["uri"], body,
                                                     dict(req["headers"])))
    raw = interaction["response"]
    response = {"status": dict(raw["status"]),
                "headers": {k: list(val) for k, val in raw["headers"].items()},
                "body": {"string": raw["body"]["string"].encode("utf-8")
                         if isinstance(raw["body"]["string"], str) else raw["body"]["string"]}}
    response = hooks["before_record_response"](response)
    return [request.uri, request.headers, request.body, response]


def _through_hand_made(text: str) -> tuple[str, str, int]:
    """``privacy scan`` then ``privacy scrub`` on the hand-made cassette: the file after, the
    commands' output and the scan's exit code."""
    from typer.testing import CliRunner

    from seamguard.cli import app
    from tests.support.projects import mini_project

    runner = CliRunner()
    with tempfile.TemporaryDirectory() as scratch:
        root = mini_project(Path(scratch) / "project")
        cassette = root / "fixtures" / "cassettes" / "hand.yaml"
        cassette.parent.mkdir(parents=True, exist_ok=True)
        cassette.write_text(text, "utf-8")
        scan = runner.invoke(app, ["privacy", "scan", "--project", str(root), str(cassette)])
        scrub = runner.invoke(app, ["privacy", "scrub", "--project", str(root), str(cassette)])
        return cassette.read_text("utf-8"), scan.output + scrub.output, scan.exit_code


@dataclass
class Measure:
    """Leaks and ordinary values lost, by (path, carrier, what)."""

    leaks: list[tuple[str, str, str]]
    lost: list[tuple[str, str, str]]


def _given_text(body: bytes | str) -> str:
    if isinstance(body, bytes):
        return str(_inflated(body).decode("utf-8", "replace"))
    return body


Outputs = dict[tuple[str, str], str]


def traffic_outputs(pairs: list[tuple[str, dict[str, Any]]], opened: Callable[[Any], str],
                    finding: Callable[[Any], str], *, strip_bom: bool = False
                    ) -> tuple[Outputs, Outputs]:
    """Each carrier's interaction through the vcrpy hooks, ``mask_text``, a log line,
    ``mask_value``, a finding and ``privacy scrub``: what each path printed (``opened``) and
    what it was given, by (path, carrier)."""
    from seamguard.privacy import mask_text, mask_value
    from seamguard.privacy.json_text import load_json
    from tests.support.seven_locale_pii import through_cli

    outputs: Outputs = {}
    given: Outputs = {}
    for name, interaction in pairs:
        outputs["hooks", name] = opened(_through_hooks(interaction))
        given["hooks", name] = given["privacy scrub", name] = _plain(_inflated(
            [interaction["request"], interaction["response"]]))
        for side, body in (("request", interaction["request"]["body"]),
                           ("response", interaction["response"]["body"]["string"])):
            text = _given_text(body)
            if strip_bom:
                text = text.lstrip("\ufeff")
            if not text:
                continue
            outputs[f"mask_text {side}", name] = opened(mask_text(text))
            outputs[f"log {side}", name] = opened(_logged(text))
            given[f"mask_text {side}", name] = given[f"log {side}", name] = text
            try:
                parsed = load_json(text)
            except ValueError:
                continue
            outputs[f"mask_value {side}", name] = opened(_json(mask_value(parsed)))
            outputs[f"finding {side}", name] = opened(finding(parsed))
            given[f"mask_value {side}", name] = given[f"finding {side}", name] = text
    scrubbed, cli_output = through_cli(pairs)
    for name, text in scrubbed.items():
        outputs["privacy scrub", name] = opened(text)
    outputs["privacy scan/scrub output", "cli"] = opened(cli_output)
    return outputs, given


def lost_ordinary(outputs: Outputs, given: Outputs, ordinary: dict[str, str] = ORDINARY
                  ) -> list[tuple[str, str, str]]:
    """The ordinary values (order numbers, amounts...) a path was given and did not print."""
    return sorted({(path, carrier, key) for (path, carrier), text in outputs.items()
                   if (path, carrier) in given for key, value in ordinary.items()
                   if any(form in given[path, carrier] for form in _kept(value))
                   and not any(form in text for form in _kept(value))})


def measure(seed: int) -> Measure:
    """One seed's corpus through every path."""
    values = make_values(seed)
    pairs = list(carriers(values, seed))
    outputs, given = traffic_outputs(pairs, opened4,
                                     lambda parsed: _finding("unexpected record", parsed))
    hand, hand_output, hand_exit = _through_hand_made(hand_made(values))
    outputs["privacy scrub", "hand_made"] = opened4(hand)
    outputs["privacy scan/scrub output", "hand_made"] = opened4(hand_output)
    given["privacy scrub", "hand_made"] = hand_made(values)
    leaks = sorted({(path, carrier, value.name) for (path, carrier), text in outputs.items()
                    for value in values if any(form in text for form in _spellings(value))})
    if hand_exit != 1:
        leaks.append(("privacy scan", "hand_made", f"exit {hand_exit}, not 1"))
    return Measure(leaks, lost_ordinary(outputs, given))


def main(argv: list[str]) -> int:
    report_seeds(measure, seeds_chosen(argv, SEEDS, CHECK_SEEDS))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
