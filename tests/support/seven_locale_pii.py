# ruff: noqa: RUF001
"""A sixth seeded corpus, drawn fresh from Faker in seven locales (``zh_CN``, ``zh_TW``,
``en_US``, ``en_GB``, ``ja_JP``, ``ko_KR``, ``de_DE``) for several seeds: names, phones,
e-mails and street lines written into sentences of each language, plus resident IDs, cards,
tokens, bare North American and Hong Kong numbers, WeChat IDs used as keys and e-mails with
their punctuation spelt out. They travel the way recorded traffic carries them: keys on no list,
free text, JSON inside JSON strings (twice), base64-wrapped JSON, form and XML bodies, a GBK
text body, ``Set-Cookie``/``Location``/``Referer`` headers and a query string with a JWT.

Each carrier goes through the real paths: the vcrpy hooks of :func:`seamguard.privacy.vcr_hooks`,
a raw cassette rewritten by ``seamguard privacy scrub`` and read by ``seamguard privacy scan``,
and :func:`seamguard.privacy.mask_text` and :func:`~seamguard.privacy.mask_value` as reports,
findings, quality samples and alerts use them. A leak is a seed left in any spelling
(as written, JSON-escaped, percent-encoded, a phone's digits); a false positive is an ordinary
value (order id, SKU, amount, range, waybill, timestamp, brand phrase) that did not survive.

``python -m tests.support.seven_locale_pii [SEED ...]`` prints both counts by carrier and kind.
"""

from __future__ import annotations

import base64
import contextlib
import json
import random
import re
import string
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus, urlencode

from faker import Faker

from tests.support.pii_dataset import card, resident_id

LOCALES = ("zh_CN", "zh_TW", "en_US", "en_GB", "ja_JP", "ko_KR", "de_DE")
SEEDS = (7001, 7002, 7003)

# Ordinary values every carrier must keep: they break data when pseudonymised.
KEPT = {"order_id": "5829461287003", "sku": "SKU-2026-BLK-42", "amount": "2599.00",
        "price_range": "200-300-4000", "waybill": "SF1234567890123", "ts": "20261206051000",
        "created_at": "2026-12-06T05:10:00+08:00", "brand_note": "李宁的订单",
        "trade_no": "4155552671", "ean": "6901234567892"}

# Sentences per language; {name}, {phone}, {email} and {street} are the seeds of that locale.
_SENTENCES = {
    "zh_CN": "收件人：{name}，电话 {phone}，邮箱 {email}，地址 {street}",
    "zh_TW": "收件人：{name}，電話 {phone}，郵箱 {email}，地址 {street}",
    "en_US": "Ship to {name}, {street}. Call {phone} or email {email}",
    "en_GB": "Deliver to {name} at {street}; mobile {phone}, email {email}",
    "ja_JP": "お届け先：{name}様 住所 {street} 電話 {phone} メール {email}",
    "ko_KR": "수령인: {name} 주소 {street} 전화 {phone} 이메일 {email}",
    "de_DE": "Empfänger: {name}, {street}, Tel. {phone}, E-Mail {email}",
}


@dataclass(frozen=True)
class Seed:
    """One personal value, its kind and where it came from."""

    name: str
    kind: str
    value: str


def _jwt(rng: random.Random) -> str:
    def part(payload: dict[str, Any]) -> str:
        raw = json.dumps(payload, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    signature = "".join(rng.choice(string.ascii_letters + string.digits + "-_") for _ in range(43))
    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part({'sub': str(rng.randint(1, 10**9))})}." \
           f"{signature}"


def make_seeds(seed: int) -> list[Seed]:
    """Fresh values for one seed: every locale's name, phone, e-mail and street line, and the
    shapes no locale's Faker writes."""
    rng = random.Random(seed)
    seeds: list[Seed] = []
    for locale in LOCALES:
        faker = Faker(locale)
        faker.seed_instance(seed)
        name = f"{faker.first_name()} {faker.last_name()}" if locale in ("en_US", "en_GB",
                                                                        "de_DE") else faker.name()
        seeds += [Seed(f"{locale}/name", "name", name),
                  Seed(f"{locale}/phone", "phone", faker.phone_number()),
                  Seed(f"{locale}/email", "email", faker.email()),
                  Seed(f"{locale}/street", "address", faker.street_address())]
    zh = Faker("zh_CN")
    zh.seed_instance(seed)
    user = zh.user_name()
    local = f"{user}.{rng.randint(10, 99)}"
    letters = string.ascii_lowercase + string.digits
    seeds += [
        Seed("ric", "id", resident_id(rng, ["110105", "320102", "440305"], (1960, 2003))),
        Seed("card", "card", card(rng, rng.choice(["622848", "4", "51", "55"]), 16)),
        Seed("us-bare", "phone", f"{rng.randint(201, 989)}{rng.randint(201, 989)}"
                                 f"{rng.randint(1000, 9999)}"),
        Seed("hk-bare", "phone", f"{rng.choice('569')}{rng.randint(100, 999)} "
                                 f"{rng.randint(1000, 9999)}"),
        Seed("wxid", "account", "wxid_" + "".join(rng.choice(letters) for _ in range(14))),
        Seed("spelt-email", "email", f"{user} dot {rng.randint(10, 99)} at example dot com"),
        Seed("bracket-email", "email", f"{local}[at]example.com"),
        Seed("paren-email", "email", f"{local}(at)example(dot)com"),
        Seed("jwt", "secret", _jwt(rng)),
        Seed("sk-live", "secret", "sk_live_" + "".join(rng.choice(letters) for _ in range(24))),
        Seed("aws", "secret", "AKIA" + "".join(rng.choice(string.ascii_uppercase + "234567")
                                               for _ in range(16))),
    ]
    return seeds


def spellings(seed: Seed) -> set[str]:
    """The value as written, percent-encoded, JSON-escaped; a phone's digits as well."""
    value = seed.value
    forms = {value, quote(value), quote_plus(value), json.dumps(value)[1:-1],
             json.dumps(value, ensure_ascii=False)[1:-1]}
    if seed.kind == "phone":
        digits = "".join(ch for ch in value.split("x")[0] if ch.isdigit())
        forms |= {digits, digits[-8:]}
    return {form for form in forms if len(form) >= 4 or (seed.kind == "name" and len(form) >= 2)}


# --- carriers -----------------------------------------------------------------------------------

def _by_name(seeds: list[Seed]) -> dict[str, str]:
    return {seed.name: seed.value for seed in seeds}


def sentences(seeds: list[Seed]) -> list[str]:
    """Each locale's seeds in a sentence of its language, and the unlabelled shapes in English
    and Chinese notes."""
    s = _by_name(seeds)
    out = [template.format(**{part: s[f"{locale}/{part}"]
                              for part in ("name", "phone", "email", "street")})
           for locale, template in _SENTENCES.items()]
    out += [f"please call {s['us-bare']} after 5pm, or reach me on {s['hk-bare']}",
            f"买家备注：加我 {s['wxid']}，邮箱 {s['spelt-email']}，备用 {s['bracket-email']}",
            f"contact: {s['paren-email']}; 身份证 {s['ric']}; paid with card {s['card']}",
            f"debug token={s['sk-live']} aws {s['aws']} Authorization: Bearer {s['jwt']}"]
    return out


def _record(seeds: list[Seed]) -> dict[str, Any]:
    s = _by_name(seeds)
    notes = sentences(seeds)
    inner = {"f1": s["zh_CN/phone"], "f2": s["en_GB/email"], "note": notes[0],
             "deeper": json.dumps({"x": s["ko_KR/phone"], "y": notes[5]}, ensure_ascii=False)}
    wrapped = base64.b64encode(json.dumps({"m": s["de_DE/email"], "p": s["ja_JP/phone"]})
                               .encode()).decode()
    return {
        **KEPT,
        "v1": s["en_US/phone"], "v2": s["zh_TW/phone"], "v3": s["ja_JP/email"],
        "v4": s["ric"], "v5": s["card"], "v6": s["de_DE/phone"], "v7": s["en_GB/phone"],
        "remarks": notes, "payload": json.dumps(inner, ensure_ascii=False), "blob": wrapped,
        s["wxid"]: {"orders": 2}, s["zh_CN/email"]: {"orders": 1},
        "lines": [{"sku": KEPT["sku"], "qty": 2, "memo": notes[4]}],
    }


def carriers(seeds: list[Seed]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(carrier, interaction) pairs as a cassette stores them (request and response)."""
    s = _by_name(seeds)
    record = _record(seeds)
    notes = sentences(seeds)
    flat = {k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
            for k, v in record.items()}
    query = urlencode({"access_token": s["jwt"], "q": s["en_US/email"], "tel": s["us-bare"],
                       "note": notes[1], **KEPT})
    base = "https://api.shop.example.com"

    def interaction(body: bytes | str, content_type: str, headers: dict[str, list[str]]
                    | None = None, uri: str = f"{base}/orders") -> dict[str, Any]:
        return {"request": {"method": "POST", "uri": uri, "body": body,
                            "headers": {"Content-Type": [content_type]}},
                "response": {"status": {"code": 200, "message": "OK"},
                             "headers": {"Content-Type": [content_type], **(headers or {})},
                             "body": {"string": body}}}

    yield "json", interaction(json.dumps(record, ensure_ascii=False), "application/json")
    yield "form", interaction(urlencode(flat), "application/x-www-form-urlencoded")
    xml = "".join(f"<{k}>{_xml_escape(v)}</{k}>" for k, v in flat.items()
                  if k in KEPT or k.startswith(("v", "remarks", "payload", "blob", "lines")))
    yield "xml", interaction(f'<?xml version="1.0" encoding="UTF-8"?><Order>{xml}</Order>',
                             "application/xml")
    gbk = "\n".join([notes[0], notes[2], notes[7], notes[8], notes[9], notes[10],
                     "订单 " + KEPT["order_id"] + " 金额 " + KEPT["amount"]])
    yield "gbk-text", interaction(gbk.encode("gbk"), "text/plain; charset=GBK")
    yield "headers", interaction("{}", "application/json", {
        "Set-Cookie": [f"uid={quote(s['zh_TW/email'])}; Path=/; HttpOnly",
                       f"tel={s['hk-bare'].replace(' ', '')}; Path=/"],
        "Location": [f"{base}/track?phone={quote(s['ja_JP/phone'])}&email="
                     f"{quote(s['ko_KR/email'])}&order_id={KEPT['order_id']}"],
        "Referer": [f"{base}/u/{quote(s['de_DE/email'])}?mobile={quote(s['en_GB/phone'])}"],
        "X-Buyer-Note": [notes[3]]})
    yield "query", interaction("", "text/plain", uri=f"{base}/orders?{query}")
    double = json.dumps({"data": json.dumps({"payload": json.dumps(record,
                                                                   ensure_ascii=False)})})
    yield "json-in-json-in-json", interaction(double, "application/json")


def _xml_escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- the paths ---------------------------------------------------------------------------------

def _text(data: Any) -> str:
    """Everything an interaction holds, as text (bodies decoded, base64 fields opened)."""
    if isinstance(data, bytes):
        return data.decode("gbk", "replace") + data.decode("utf-8", "replace")
    if isinstance(data, dict):
        return " ".join(_text(k) + " " + _text(v) for k, v in data.items())
    if isinstance(data, list | tuple):
        return " ".join(_text(item) for item in data)
    text = str(data)
    for candidate in _BASE64.findall(text):  # base64-wrapped JSON, opened to be read
        with contextlib.suppress(ValueError):
            opened = base64.b64decode(candidate + "=" * (-len(candidate) % 4)).decode("utf-8")
            if opened.startswith("{"):
                text += " " + opened
    return text


_BASE64 = re.compile(r"ey[A-Za-z0-9+/]{22,}={0,2}")


def through_hooks(interaction: dict[str, Any], *, key: bytes = b"seven-locales") -> str:
    """The interaction after the vcrpy hooks, as text."""
    from vcr.request import Request

    from seamguard.privacy import vcr_hooks

    hooks = vcr_hooks(key=key)
    req = interaction["request"]
    body = req["body"].encode("utf-8") if isinstance(req["body"], str) else req["body"]
    request = hooks["before_record_request"](Request(req["method"], req["uri"], body,
                                                     dict(req["headers"])))
    response = hooks["before_record_response"](_copy_response(interaction["response"]))
    return _text([request.uri, request.headers, request.body, response])


def _copy_response(response: dict[str, Any]) -> dict[str, Any]:
    body = response["body"]["string"]
    return {"status": dict(response["status"]),
            "headers": {k: list(v) for k, v in response["headers"].items()},
            "body": {"string": body.encode("utf-8") if isinstance(body, str) else body}}


def through_cli(interactions: list[tuple[str, dict[str, Any]]]) -> tuple[dict[str, str], str]:
    """``privacy scan`` then ``privacy scrub`` on a raw cassette of the interactions, in a
    scratch project: the scrubbed cassette's interactions as text by carrier, and the scan's
    output."""
    import yaml
    from typer.testing import CliRunner

    from seamguard.cli import app
    from tests.support.projects import mini_project, write_cassette

    runner = CliRunner()
    with tempfile.TemporaryDirectory() as scratch:
        root = mini_project(Path(scratch) / "project")
        cassette = write_cassette(root / "fixtures" / "cassettes" / "raw.yaml",
                                  [interaction for _, interaction in interactions])
        scan = runner.invoke(app, ["privacy", "scan", "--project", str(root), "-f", "json",
                                   str(cassette)])
        scrub = runner.invoke(app, ["privacy", "scrub", "--project", str(root), str(cassette)])
        if scrub.exit_code != 0:
            raise RuntimeError(scrub.output)
        stored = yaml.safe_load(cassette.read_text("utf-8"))["interactions"]
    return ({name: _text(item) for (name, _), item in zip(interactions, stored, strict=True)},
            scan.output + scrub.output)


def _kept_forms(value: str) -> tuple[str, ...]:
    return value, quote(value), quote_plus(value), quote(value, safe="")


@dataclass
class Measure:
    """Leaks and lost ordinary values, by (path, carrier)."""

    leaks: list[tuple[str, str, str]]
    lost: list[tuple[str, str, str]]
    scan_flagged: bool


def measure(seed: int) -> Measure:
    """Run one seed's corpus through every path."""
    from seamguard.privacy import mask_text, mask_value

    seeds = make_seeds(seed)
    pairs = list(carriers(seeds))
    outputs: dict[tuple[str, str], str] = {}
    for name, interaction in pairs:
        outputs["hooks", name] = through_hooks(interaction)
    scrubbed, cli_output = through_cli(pairs)
    for name, text in scrubbed.items():
        outputs["privacy scrub", name] = text
    outputs["privacy scan/scrub output", "cli"] = cli_output
    for index, sentence in enumerate(sentences(seeds)):
        outputs["mask_text", f"sentence{index}"] = mask_text(sentence)
    # what findings, quality samples and alerts quote goes through mask_value
    outputs["mask_value", "record"] = json.dumps(mask_value(_record(seeds)), ensure_ascii=False)
    leaks = [(path, carrier, seed_.name) for (path, carrier), text in outputs.items()
             for seed_ in seeds if any(form in text for form in spellings(seed_))]
    raw = {name: _text(interaction) for name, interaction in pairs}
    raw.update({f"sentence{index}": text for index, text in enumerate(sentences(seeds))})
    raw["record"] = json.dumps(_record(seeds), ensure_ascii=False)
    lost = [(path, carrier, value) for (path, carrier), text in outputs.items()
            if carrier in raw for value in KEPT.values()
            if any(form in raw[carrier] for form in _kept_forms(value))
            and not any(form in text for form in _kept_forms(value))]
    return Measure(leaks, lost, '"privacy.' in cli_output)


def main(argv: list[str]) -> None:
    chosen = [int(arg) for arg in argv] or list(SEEDS)
    total_leaks = total_lost = 0
    for seed in chosen:
        result = measure(seed)
        total_leaks += len(result.leaks)
        total_lost += len(result.lost)
        print(f"seed {seed}: {len(result.leaks)} leaks, {len(result.lost)} ordinary values lost,"
              f" scan flagged the raw cassette: {result.scan_flagged}")
        for path, carrier, name in result.leaks:
            print(f"  leak  {path:26} {carrier:22} {name}")
        for path, carrier, value in result.lost:
            print(f"  lost  {path:26} {carrier:22} {value}")
    print(f"total: {total_leaks} leaks, {total_lost} ordinary values lost")


if __name__ == "__main__":
    main(sys.argv[1:])
