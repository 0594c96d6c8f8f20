# ruff: noqa: RUF001
"""A fifth seeded corpus: Faker's ``zh_CN``, ``zh_TW``, ``en_US`` and ``ja_JP`` values, Hong Kong
and Macau numbers without ``+852``/``+853``, North American numbers without ``+1``, WeChat IDs
and QQ numbers, names in a shop's notes; carried in every body and place a recording meets
(JSON, NDJSON, form, multipart, XML, CSV, GBK and undeclared Big5 text, JSON inside a string,
JSON inside a form field inside JSON, a query string, custom headers and cookies).

``python -m tests.support.mixed_locale_pii`` prints what each carrier leaves, by seed; the test
module ``tests/integration/test_privacy_mixed_locale_corpus.py`` asserts nothing is left.
"""

from __future__ import annotations

import json
import random
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, quote_plus

from faker import Faker

from seamguard.privacy import Masker, Pseudonymizer, TrafficScrubber, mask_text, mask_value
from tests.support.pii_dataset import card, resident_id

# What every carrier must keep: ids, waybills, SKUs, timestamps, amounts.
KEPT = {"order_no": "5829461287001", "waybill": "SF1234567890123", "sku": "SKU-2024-RED-XL",
        "created": "2024-07-10T10:00:00+08:00", "amount": "1999.00"}


def _grouped(number: str) -> bool:
    return any(sep in number.split("x")[0] for sep in "-.() ") and not number.startswith("00")


def make_seeds(seed: int = 20261208) -> dict[str, str]:
    rng = random.Random(seed)
    zh, tw, en, ja = (Faker(locale) for locale in ("zh_CN", "zh_TW", "en_US", "ja_JP"))
    for faker in (zh, tw, en, ja):
        faker.seed_instance(seed)

    def first(make: Callable[[], str], keep: Callable[[str], bool]) -> str:
        return next(value for value in iter(make, None) if keep(value))

    def chars(n: int, alphabet: str = string.ascii_letters + string.digits) -> str:
        return "".join(rng.choice(alphabet) for _ in range(n))

    s: dict[str, str] = {}
    s["zh-mobile"] = zh.phone_number()
    s["zh-name"] = first(zh.name, lambda n: len(n) == 3)
    s["zh-name2"] = first(zh.name, lambda n: len(n) == 2)
    s["zh-note-name"] = first(zh.name, lambda n: len(n) == 3 and n != s["zh-name"])
    s["zh-address"] = first(zh.address, lambda a: "路" in a or "街" in a)
    s["zh-email"] = zh.email()
    s["ric"] = resident_id(rng, ["110105", "320102", "440305", "510104"], (1960, 2003))
    s["unionpay"] = card(rng, "622848", 19)
    s["tw-phone"] = first(tw.phone_number, lambda n: n.startswith(("09", "(0", "0")) and
                          _grouped(n) and not n.startswith("00"))
    s["tw-name"] = first(tw.name, lambda n: len(n) == 3)
    s["tw-email"] = tw.email()
    s["us-phone"] = first(en.phone_number, lambda n: _grouped(n) and not n.startswith("+"))
    area, exchange, line = rng.randint(201, 989), rng.randint(201, 989), rng.randint(1000, 9999)
    s["us-phone-paren"] = f"({area}) {exchange}-{line}"
    s["us-phone-1"] = f"1-{exchange}-{area}-{line}"
    s["en-name"] = f"{en.first_name()} {en.last_name()}"
    s["en-street"] = en.street_address()
    s["en-email"] = en.email()
    s["visa"] = card(rng, "4", 16)
    s["ja-phone"] = first(ja.phone_number, _grouped)
    s["ja-email"] = ja.email()
    s["hk-mobile"] = f"{rng.choice('569')}{rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    s["hk-mobile-run"] = f"{rng.choice('569')}{rng.randint(1000000, 9999999)}"
    s["mo-mobile"] = f"66{rng.randint(100000, 999999)}"
    s["wechat"] = f"{rng.choice(string.ascii_lowercase)}{chars(3, string.ascii_lowercase)}_" \
                  f"{rng.randint(1000, 9999)}"
    s["qq"] = str(rng.randint(10**7, 10**10))
    s["wxid"] = "wxid_" + chars(14, string.ascii_lowercase + string.digits)
    numerals = str.maketrans("0123456789", "〇一二三四五六七八九")
    spelt = zh.phone_number()
    s["zh-mobile-spelt"] = spelt[:3] + spelt[3:].translate(numerals)
    s["spelt-email"] = f"{en.user_name()}{rng.randint(1, 99)} [at] example [dot] com"
    head = f"{rng.choice('569')}{rng.randint(100, 999)}"
    s["hk-calling-code"] = f"852 {head} {rng.randint(1000, 9999)}"
    s["tw-note-name"] = first(tw.name, lambda n: len(n) == 3 and n != s["tw-name"])
    s["contact-qq"] = str(rng.randint(10**7, 10**10))
    s["sk-live"] = "sk_live_" + chars(24)
    s["ghp"] = "ghp_" + chars(36)
    return s


SEEDS = make_seeds()


def spellings(value: str) -> set[str]:
    """The value as written, percent-encoded and JSON-escaped, and a phone's digits."""
    forms = {value, quote(value), quote_plus(value), json.dumps(value)[1:-1]}
    digits = "".join(ch for ch in value.split("x")[0] if ch.isdigit())
    if len(digits) >= 7 and len(digits) >= 0.6 * len(value.split("x")[0]):
        forms |= {digits, digits[-8:]}
    return {form for form in forms if len(form) >= 4}


# --- what the seeds are written into --------------------------------------------------------

def record() -> dict[str, Any]:
    """One order as a platform might send it, with the seeds under keys on no list."""
    s = SEEDS
    return {
        **KEPT,
        "buyer_wechat": s["wechat"], "qq": s["qq"], "whatsapp": s["hk-mobile"],
        "tel_hk": s["hk-mobile-run"], "contact_number": s["mo-mobile"],
        "receiver": f"{s['zh-name']}/前台代收", "f1": s["us-phone"], "f2": s["ja-phone"],
        "f3": s["tw-phone"], "f4": s["zh-email"], "f5": s["ric"], "f6": s["unionpay"],
        "f7": s["visa"], "f8": s["sk-live"], "extra": {"x": s["en-email"], "y": s["ja-email"]},
        "memo": (f"{s['zh-note-name']}要求开发票，电话 {s['hk-mobile']}，微信: {s['wechat']}，"
                 f"QQ：{s['qq']}，call me at {s['us-phone-paren']}"),
        "seller_memo": f"已和{s['zh-name2']}确认，Tel {s['us-phone-1']}，{s['wxid']}",
        "contacts": [{"type": "qq", "value": s["contact-qq"]}],
        "buyer_message": (f"手机 {s['zh-mobile-spelt']}，邮箱 {s['spelt-email']}，"
                          f"顧客{s['tw-note-name']}說下午送，{s['hk-calling-code']}"),
        "ship": {"street": s["en-street"], "to": s["en-name"], "tw": s["tw-name"],
                 "addr": s["zh-address"], "mail": s["tw-email"], "token": s["ghp"]},
    }


def note() -> str:
    """The seeds in free text only (a log line, a buyer's message)."""
    s = SEEDS
    return (f"买家留言：{s['zh-note-name']}要求开发票。请致电 {s['hk-mobile']} 或 "
            f"{s['us-phone-paren']}，微信 {s['wechat']}，QQ号 {s['qq']}，Tel: {s['mo-mobile']}，"
            f"收件人：{s['tw-name']}，{s['zh-address']}，{s['en-email']}，卡号 {s['unionpay']}，"
            f"身份证 {s['ric']}，{s['ja-phone']}，{s['tw-phone']}，{s['us-phone']}，"
            f"手机 {s['zh-mobile-spelt']}，邮箱 {s['spelt-email']}，"
            f"顧客{s['tw-note-name']}說下午送，{s['hk-calling-code']}，"
            f"order {KEPT['order_no']} paid {KEPT['amount']}")


@dataclass(frozen=True)
class Carried:
    """One way of carrying the seeds, and what the scrubbers made of it (text)."""

    carrier: str
    outputs: tuple[str, ...]


def _bodies() -> Iterator[tuple[str, bytes, dict[str, list[str]]]]:
    rec = record()
    flat = {key: value for key, value in rec.items() if isinstance(value, str)}
    text = json.dumps(rec, ensure_ascii=False)
    json_type = {"Content-Type": ["application/json"]}
    yield "json", text.encode(), json_type
    yield "ndjson", (text + "\n" + json.dumps({"id": 2, **flat}, ensure_ascii=False)
                     + "\n").encode(), {"Content-Type": ["application/x-ndjson"]}
    yield "json-in-string", json.dumps({"data": text}, ensure_ascii=False).encode(), json_type
    biz = "&".join(f"{k}={quote_plus(v)}" for k, v in flat.items())
    yield "form-in-json", json.dumps({"payload": biz}).encode(), json_type
    yield "form", biz.encode(), {"Content-Type": ["application/x-www-form-urlencoded"]}
    yield "json-in-form", f"biz_content={quote_plus(text)}&sign=abc".encode(), {
        "Content-Type": ["application/x-www-form-urlencoded"]}
    parts = "".join(f'--B\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'
                    for k, v in flat.items())
    yield "multipart", (parts + "--B--\r\n").encode(), {
        "Content-Type": ["multipart/form-data; boundary=B"]}
    xml = "".join(f"<{k}>{v}</{k}>" for k, v in flat.items())
    yield "xml", f"<Order>{xml}</Order>".encode(), {"Content-Type": ["application/xml"]}
    header = ",".join(flat)
    row = ",".join(f'"{v}"' for v in flat.values())
    yield "csv", f"{header}\n{row}\n".encode(), {"Content-Type": ["text/csv"]}
    yield "gbk-text", note().encode("gb18030"), {"Content-Type": ["text/plain; charset=gbk"]}
    s = SEEDS
    traditional = {  # a Taiwan shop's order, in Big5 without saying so
        **KEPT, "收件人": s["tw-name"], "buyer_wechat": s["wechat"], "qq": s["qq"],
        "whatsapp": s["hk-mobile"], "tel_hk": s["hk-mobile-run"], "f1": s["us-phone"],
        "f3": s["tw-phone"], "備註": (f"{s['tw-name']}要求開發票，電話 {s['hk-mobile']}，"
                                    f"微信: {s['wechat']}，QQ：{s['qq']}，{s['tw-email']}")}
    yield "big5-json", json.dumps(traditional, ensure_ascii=False).encode("big5"), {
        "Content-Type": ["application/json"]}
    yield "plain-note", note().encode(), {"Content-Type": ["text/plain"]}


def carry() -> Iterator[Carried]:
    """Every carrier, scrubbed by the recording scrubber (pseudonyms) and the report masks."""
    for masks in (False, True):
        replacer = Masker() if masks else Pseudonymizer(b"mixed-locale-corpus")
        traffic = TrafficScrubber(replacer=replacer)
        suffix = "/masks" if masks else ""
        for name, body, headers in _bodies():
            out = traffic.body(body, headers)
            text = out.decode("utf-8", "replace") if isinstance(out, bytes) else str(out)
            if isinstance(out, bytes) and "big5" in name:
                text += out.decode("big5", "replace")
            if isinstance(out, bytes) and "gbk" in name:
                text += out.decode("gb18030", "replace")
            yield Carried(name + suffix, (text,))
        flat = {k: v for k, v in record().items() if isinstance(v, str)}
        query = "&".join(f"{k}={quote(v, safe='')}" for k, v in flat.items())
        yield Carried("query" + suffix, (traffic.url(f"https://api.example.com/o?{query}"),))
        s = SEEDS
        headers = traffic.headers({
            "X-Customer-Phone": [s["hk-mobile"]], "X-Buyer-Wechat": [s["wechat"]],
            "X-Forwarded-For": [f"{s['us-phone']}, 10.0.0.1"],
            "Cookie": [f"qq={s['qq']}; tel={s['hk-mobile-run']}"],
            "X-Note": [quote(note())], "X-Memo": [record()["memo"]]})
        yield Carried("headers" + suffix, (json.dumps(headers, ensure_ascii=False),))
    yield Carried("mask_text", (mask_text(note()), mask_text(json.dumps(record(),
                                                                        ensure_ascii=False))))
    yield Carried("mask_value", (json.dumps(mask_value(record()), ensure_ascii=False),))


def leaks() -> list[tuple[str, str, str]]:
    """(carrier, seed name, spelling) for every seed left anywhere."""
    found = []
    for carried in carry():
        for text in carried.outputs:
            for name, value in SEEDS.items():
                for form in spellings(value):
                    if form in text:
                        found.append((carried.carrier, name, form))
                        break
    return found


def kept() -> list[tuple[str, str]]:
    """(carrier, value) for every ordinary value a carrier lost."""
    return [(carried.carrier, value) for carried in carry() for value in KEPT.values()
            if not all(any(form in text for form in (value, quote(value, safe=""),
                                                     quote_plus(value)))
                       for text in carried.outputs)
            and not carried.carrier.startswith(("gbk", "plain", "headers", "mask_text"))]


def main() -> None:
    found = leaks()
    by_seed: dict[str, list[str]] = {}
    for carrier, name, _form in found:
        by_seed.setdefault(name, []).append(carrier)
    total = sum(1 for carried in carry()) * len(SEEDS)
    print(f"{len(found)} leaks in {total} (carrier, seed) pairs")
    for name, carriers in sorted(by_seed.items()):
        print(f"  {name:16} {SEEDS[name]!r:40} {', '.join(carriers)}")
    lost = kept()
    print(f"{len(lost)} ordinary values lost: {lost}")


if __name__ == "__main__":
    main()
