"""The personal values of the tenth corpus, each named ``class/what``, and the ordinary values
every path must keep: order numbers of Ele.me, Vipshop, Suning, Dewu and TikTok Shop, SAP
card codes, Twilio message ids, iCalendar stamps and uids, waybills, amounts, timestamps, and
product names that hold a place or a surname (``北京烤鸭``, ``张家界``, ``王老吉``, ``李宁``)."""

from __future__ import annotations

import random
import string

from faker import Faker

from tests.support.fresh_pii import Value
from tests.support.fresh_pii6_values import mobile, rid
from tests.support.fresh_pii9_values import leak_forms as leak_forms9

ORDINARY = {
    "eleme_order": "3012345678901234567", "vip_order": "21120712345678",
    "vip_po": "PO-2026-1207-0088", "suning_order": "30012345678",
    "dewu_order": "110012345678901234", "tts_order": "576461413038785752",
    "card_code": "C20000", "message_sid": "SM9a1b2c3d4e5f60718293a4b5c6d7e8f9",
    "ical_uid": "20261207T103015Z-8841@ops.example.cn", "dtstart": "20261207T103015Z",
    "sf": "SF1234567890123", "yt": "YT7312345678901", "amount": "368.00",
    "iso": "2026-12-07T10:30:15+08:00", "ts": "1765074615",
    "duck": "北京烤鸭礼盒", "tea": "西湖龙井 250g", "ticket": "张家界门票",
    "herbal": "王老吉凉茶 24罐", "shoes": "李宁运动鞋 赤兔6", "gold": "周大福 足金吊坠",
    "color": "#FF5733", "version": "v2.3.1", "sku": "SKU-138-0042-XL",
}


def _chars(rng: random.Random, n: int, alphabet: str = string.digits) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _zh_name(zh: Faker) -> str:
    return next(n for n in iter(zh.name, None) if len(n) in (2, 3))


_PINYIN_SURNAMES = ("ZHANG", "WANG", "LIU", "CHEN", "YANG", "ZHAO", "HUANG", "ZHOU", "XU", "SUN")
_PINYIN_GIVEN = ("Wei", "Xiaoming", "Jianguo", "Lina", "Haoran", "Yuting", "Zihan", "Mingyu")
_KEYCAP = "\ufe0f\u20e3"
_CIRCLED = "⓪①②③④⑤⑥⑦⑧⑨"
_CAPITAL = "零壹贰叁肆伍陆柒捌玖"


def keycap(digits: str) -> str:
    """A phone's digits as keycap emoji (``1️⃣3️⃣8️⃣…``), as people write to pass a filter."""
    return "".join(d + _KEYCAP for d in digits)


def circled(digits: str) -> str:
    return "".join(_CIRCLED[int(d)] for d in digits)


def capital(digits: str) -> str:
    """A phone in capital Chinese numerals (``壹叁捌…``)."""
    return "".join(_CAPITAL[int(d)] for d in digits)


def make_values(seed: int) -> list[Value]:
    """Every personal value one seed plants, named ``class/what``."""
    rng = random.Random(seed)
    zh, en = Faker("zh_CN"), Faker("en_US")
    for faker in (zh, en):
        faker.seed_instance(seed)

    def name() -> str:
        return _zh_name(zh)

    def street() -> str:
        return (f"{zh.street_name()}{rng.randint(1, 999)}号{rng.randint(1, 30)}栋"
                f"{rng.randint(1, 9)}0{rng.randint(1, 4)}室")

    def pinyin(order: str) -> str:
        sur, given = rng.choice(_PINYIN_SURNAMES), rng.choice(_PINYIN_GIVEN)
        if order == "slash":
            return f"{sur}/{given.upper()}"
        return f"{sur} {given}" if order == "first" else f"{given} {sur}"

    def email_user() -> str:
        return zh.user_name() + _chars(rng, 2)

    return [
        # Ele.me, Vipshop, Suning, Dewu, TikTok Shop orders
        Value("eleme/consignee", "name", name()),
        Value("eleme/phone", "phone", mobile(rng)),
        Value("eleme/address", "address", street()),
        Value("eleme/remark-phone", "phone", mobile(rng)),
        Value("vip/buyer", "name", name()),
        Value("vip/mobile", "phone", mobile(rng)),
        Value("vip/address", "address", street()),
        Value("suning/customer", "name", name()),
        Value("suning/mob", "phone", mobile(rng)),
        Value("suning/detail", "address", street()),
        Value("dewu/receive-name", "name", name()),
        Value("dewu/receive-mobile", "phone", mobile(rng)),
        Value("tts/name", "name", pinyin("first")),
        Value("tts/phone", "phone", "(+1)" + rng.choice("2346789") + _chars(rng, 9)),
        Value("tts/line1", "address", f"{rng.randint(100, 9999)} {en.street_name()}"),
        # SAP Business One partners, Yonyou contacts
        Value("sap/card-name", "name", name()),
        Value("sap/cellular", "phone", "0086 " + mobile(rng)),
        Value("sap/email", "email", en.email()),
        Value("sap/contact-name", "name", pinyin("last")),
        Value("sap/contact-mobile", "phone", "(+86)" + mobile(rng)),
        Value("yonyou/linkman", "name", name()),
        Value("yonyou/linkman-mobile", "phone", mobile(rng)),
        # alerts as bots post them: WeCom markdown, a Feishu card
        Value("bot/md-name", "name", name()),
        Value("bot/md-phone", "phone", mobile(rng)),
        Value("bot/md-address", "address", street()),
        Value("card/name", "name", name()),
        Value("card/phone", "phone", mobile(rng)),
        # vCard and iCalendar
        Value("vcard/fn", "name", name()),
        Value("vcard/tel", "phone", mobile(rng)),
        Value("vcard/email", "email", f"{email_user()}@qq.com"),
        Value("ical/attendee", "name", name()),
        Value("ical/email", "email", en.email()),
        Value("ical/phone", "phone", mobile(rng)),
        # forms with bracketed keys, an SMS webhook, an inbound e-mail webhook
        Value("bracket/name", "name", name()),
        Value("bracket/mobile", "phone", mobile(rng)),
        Value("bracket/address", "address", street()),
        Value("twilio/from", "phone", "+86" + mobile(rng)),
        Value("twilio/body-name", "name", name()),
        Value("mail/sender", "email", f"{email_user()}@163.com"),
        Value("mail/from-name", "name", name()),
        Value("mail/body-phone", "phone", mobile(rng)),
        # JSON inside XML inside JSON; a data URI; base64 JSON and JWT payloads in headers
        Value("nest/name", "name", name()),
        Value("nest/phone", "phone", mobile(rng)),
        Value("datauri/phone", "phone", mobile(rng)),
        Value("header/userinfo-email", "email", en.email()),
        Value("header/userinfo-phone", "phone", "+86" + mobile(rng)),
        Value("header/jwt-phone", "phone", mobile(rng)),
        # JSON in an HTML attribute (&quot;), a Python repr with \u escapes, a YAML body
        Value("html/name", "name", name()),
        Value("html/phone", "phone", mobile(rng)),
        Value("repr/name", "name", name()),
        Value("repr/phone", "phone", mobile(rng)),
        Value("yaml/name", "name", name()),
        Value("yaml/mobile", "phone", mobile(rng)),
        Value("yaml/address", "address", street()),
        # a booking's passenger as SURNAME/GIVEN, a passport, a grouped resident ID
        Value("pax/name", "name", pinyin("slash")),
        Value("pax/passport", "id", "E" + _chars(rng, 8)),
        Value("pax/rid-grouped", "id", rid(rng)),
        # phones spelt to pass a filter: keycaps, circled digits, capital numerals; e-mail [at]
        Value("chat/keycap-phone", "phone", mobile(rng)),
        Value("chat/circled-phone", "phone", mobile(rng)),
        Value("chat/capital-phone", "phone", mobile(rng)),
        Value("chat/at-email", "email", f"{email_user()}@163.com"),
        # a phone as a float (13812345678.0) and in E notation, a leading apostrophe
        Value("num/float-phone", "phone", mobile(rng)),
        Value("num/e-phone", "phone", mobile(rng)),
        Value("num/apostrophe-phone", "phone", mobile(rng)),
        # the end-to-end paths' own values
        Value("e2e/drift-name", "name", pinyin("slash")),
        Value("e2e/drift-phone", "phone", mobile(rng)),
        Value("e2e/quality-phone", "phone", mobile(rng)),
        Value("e2e/quality-name", "name", name()),
        Value("e2e/quality-address", "address", street()),
    ]


def leak_forms(value: Value) -> set[str]:
    """Every spelling that counts as the value leaking: the ninth corpus's; a passenger name
    with its slash as a space or gone; a resident ID grouped 6-8-4; a mobile in E notation."""
    text = value.value
    forms = leak_forms9(value)
    if value.kind == "name" and "/" in text:
        sur, given = text.split("/")
        forms |= {f"{sur} {given}", f"{sur}{given}", f"{given} {sur}", given.title() + " " + sur}
    if value.kind == "phone" and text.isdigit():
        forms.add(f"{text[0]}.{text[1:]}E")
    if value.kind == "id" and len(text) == 18:
        forms.add(f"{text[:6]} {text[6:14]} {text[14:]}")
    return {form for form in forms if len(form) >= 4 or value.kind == "name"}
