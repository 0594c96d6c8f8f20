"""The personal values of the seventh corpus, each named ``class/what``, and the ordinary values
every path must keep: order numbers, SKUs (one whose digits are a mobile's), tracking numbers,
timestamps, amounts, hashes, UUIDs, platform record ids, a pagination cursor in base64,
company, product and city names."""

from __future__ import annotations

import random
import string

from faker import Faker

from tests.support.fresh_pii import Value, spellings
from tests.support.fresh_pii6_values import leak_forms as leak_forms6
from tests.support.fresh_pii6_values import mobile, rid
from tests.support.pii_dataset import card

ORDINARY = {
    "order_no": "PDD-261207-0918273645", "tid": "3389104755120934", "sku": "SKU-13912345678",
    "sku_plain": "HW-MATE60-512-GRN", "sf": "SF1502938475612", "jd": "JDVA20948571263",
    "yt": "YT6120938475102", "ts": "1765101015", "stamp": "2026-12-07 09:50:15",
    "iso": "2026-12-07T09:50:15.123+08:00", "amount": "13812.50", "price": "¥1,388.00",
    "md5": "9e107d9d372bb6826bd81d3542a419d6", "sha1": "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12",
    "uuid": "3f2b8c1e-7a4d-4e2b-9c1f-5d6e7f8a9b0c", "gid": "gid://shopify/Order/5512345678901",
    "sfid": "0035g00000XyZabAAF", "hs_id": "3210987", "company": "宁波甬江供应链管理有限公司",
    "company_en": "Contoso Electronics Ltd.", "product": "华为 Mate 60 Pro 12GB+512GB 雅川青",
    "city": "杭州市", "city_en": "Hangzhou", "cursor": "eyJsYXN0X2lkIjo1NTEyMzQ1Njc4OTAxfQ==",
    "version": "v2.13.8123", "ean": "6971234567897", "private_ip": "10.0.3.7",
}

_TW_LETTERS = {letter: code for code, letter in enumerate("ABCDEFGHJKLMNPQRSTUVXYWZIO", 10)}


def _chars(rng: random.Random, n: int, alphabet: str = string.digits) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def taiwan_id(rng: random.Random) -> str:
    """A Taiwan national ID: a letter, 1 or 2, seven digits and a check digit."""
    letter = rng.choice("ABCDEFGHJKLMNPQRSTUVXYWZIO")
    body = rng.choice("12") + _chars(rng, 7)
    code = _TW_LETTERS[letter]
    total = code // 10 + (code % 10) * 9 + sum(int(d) * w for d, w in zip(body, range(8, 0, -1),
                                                                           strict=True))
    return f"{letter}{body}{(10 - total % 10) % 10}"


def hkid(rng: random.Random) -> str:
    """A Hong Kong identity card number, ``A123456(7)``."""
    letter, digits = rng.choice("ACDEGHKMPRVWYZ"), _chars(rng, 6)
    weighted = sum(int(d) * w for d, w in zip(digits, range(7, 1, -1), strict=True))
    total = 36 * 9 + (ord(letter) - 55) * 8 + weighted
    check = (11 - total % 11) % 11
    return f"{letter}{digits}({'A' if check == 10 else check})"


def _hk_mobile(rng: random.Random) -> str:
    return rng.choice("569") + _chars(rng, 7)  # (7x are pagers and unallocated ranges)


def _tw_mobile(rng: random.Random) -> str:
    return "09" + _chars(rng, 8)


def _global_ipv4(rng: random.Random) -> str:
    return f"{rng.choice([36, 58, 112, 114, 120, 183, 223])}.{rng.randint(1, 254)}." \
           f"{rng.randint(1, 254)}.{rng.randint(2, 254)}"


def _global_ipv6(rng: random.Random) -> str:
    return f"240e:{rng.randint(0x100, 0xfff):x}:{rng.randint(0x1000, 0xffff):x}::" \
           f"{rng.randint(0x10, 0xfff):x}"


def make_values(seed: int) -> list[Value]:
    """Every personal value one seed plants, named ``class/what``."""
    rng = random.Random(seed)
    zh, en = Faker("zh_CN"), Faker("en_US")
    zh.seed_instance(seed)
    en.seed_instance(seed)

    def name() -> str:
        return next(n for n in iter(zh.name, None) if len(n) in (2, 3))

    def token(n: int, alphabet: str = string.ascii_letters + string.digits) -> str:
        return _chars(rng, n, alphabet)

    def street() -> str:
        return (f"{zh.street_name()}{rng.randint(1, 999)}号{rng.randint(1, 30)}幢"
                f"{rng.randint(1, 9)}0{rng.randint(1, 4)}室")

    hexdigits = "0123456789abcdef"
    return [
        # platform payloads the earlier corpora lack
        Value("gql/shopify-email", "email", en.email()),
        Value("gql/shopify-phone", "phone", mobile(rng)),
        Value("gql/shopify-name", "name", f"{en.first_name()} {en.last_name()}"),
        Value("gql/shopify-address1", "address", street()),
        Value("composite/sf-request-phone", "phone", mobile(rng)),
        Value("composite/sf-request-email", "email", zh.email()),
        Value("composite/sf-body-mobile", "phone", mobile(rng)),
        Value("composite/sf-body-street", "address", street()),
        Value("hubspot/assoc-phone", "phone", mobile(rng)),
        Value("hubspot/extra-email-1", "email", en.email()),
        Value("hubspot/extra-email-2", "email", zh.email()),
        Value("zoho/modified-by", "name", name()),
        Value("zoho/secondary-email", "email", zh.email()),
        Value("pdd/town-detail", "address", street()),
        Value("sf/signer", "name", name()),
        Value("sf/contact-tel", "phone", mobile(rng)),
        Value("sf/contact-name", "name", name()),
        Value("table/name", "name", name()),
        Value("table/mobile", "phone", mobile(rng)),
        Value("jdy/subform-name", "name", name()),
        Value("jdy/subform-phone", "phone", mobile(rng)),
        # values split over several fields or wrapped
        Value("split7/landline-object", "phone", "0755" + rng.choice("2368") + _chars(rng, 7)),
        Value("split7/address-door", "address", f"{rng.randint(1, 30)}幢{rng.randint(1, 6)}单元"
              f"{rng.randint(1, 30)}0{rng.randint(1, 4)}室"),
        Value("b64/form-phone", "phone", mobile(rng)),
        Value("b64/form-name", "name", name()),
        Value("cdata/json-phone", "phone", mobile(rng)),
        Value("cdata/json-email", "email", zh.email()),
        Value("multipart/phone", "phone", mobile(rng)),
        Value("multipart/remark-name", "name", name()),
        Value("ndjson/email", "email", en.email()),
        Value("ndjson/id", "id", rid(rng)),
        Value("gbkform/name", "name", name()),
        Value("gbkform/phone", "phone", mobile(rng)),
        Value("gbkform/address", "address", zh.province() + zh.city() + zh.district() + "区"
              + street()),
        # headers
        Value("hdr/set-cookie", "secret", token(40)),
        Value("hdr/proxy-password", "secret", token(14) + "!"),
        Value("hdr/zoho-oauth", "secret", f"1000.{token(32, hexdigits)}.{token(32, hexdigits)}"),
        Value("hdr/sf-session", "secret", "00D5g000004XyZa!AR8AQ"
              + token(90, string.ascii_letters + string.digits + "._")),
        Value("hdr/dingtalk-token", "secret", token(32, hexdigits)),
        Value("hdr/forwarded-email", "email", en.email()),
        Value("hdr/real-ip", "ip", _global_ipv4(rng)),
        # Unicode tricks
        Value("uni/arabic-indic-phone", "phone", mobile(rng)),
        Value("uni/nfd-name", "name", rng.choice(["Nguyễn Thị Hương", "Zoë Müller", "José Peña",
                                                  "Lưu Đức Hòa", "Chloé Lefèvre"])),
        Value("uni/zw-email", "email", zh.email()),
        # regional IDs, phones and documents
        Value("region/hkid", "id", hkid(rng)),
        Value("region/twid", "id", taiwan_id(rng)),
        Value("region/hk-phone", "phone", "852" + _hk_mobile(rng)),
        Value("region/tw-mobile", "phone", _tw_mobile(rng)),
        Value("doc/passport-typed", "id", "E" + _chars(rng, 8)),
        Value("doc/plate", "plate", rng.choice("浙粤苏沪京") + rng.choice("ABCDE") + "D"
              + _chars(rng, 5)),
        Value("im/qq-typed", "account", str(rng.randint(10**8, 10**10))),
        Value("im/wechat-typed", "account", rng.choice(["zhang", "liwei", "amy", "xiaoyu"]) + "_"
              + token(6, string.ascii_lowercase + string.digits)),
        Value("net/login-ip", "ip", _global_ipv4(rng)),
        Value("net/ipv6-text", "ip", _global_ipv6(rng)),
        Value("card/typed", "card", card(rng, rng.choice(["622848", "621700", "4"]), 19)),
        # the two classes the last round left
        Value("gap/86-landline", "phone", "86-571-" + rng.choice("2568") + _chars(rng, 7)),
        Value("gap/tel-prefixed", "phone", "TEL-" + mobile(rng)),
        # the end-to-end paths' own values
        Value("e2e/drift-phone", "phone", mobile(rng)),
        Value("e2e/drift-name", "name", name()),
        Value("e2e/drift-id", "id", hkid(rng)),
        Value("e2e/quality-phone", "phone", "+852 " + _hk_mobile(rng)),
        Value("e2e/quality-mail", "email", en.email()),
        Value("e2e/quality-name", "name", name()),
    ]


_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def arabic_indic(digits: str) -> str:
    return digits.translate(_ARABIC_INDIC)


def leak_forms(value: Value) -> set[str]:
    """Every spelling that counts as the value leaking (the sixth corpus's, a Hong Kong ID
    without its parentheses, a phone's national part)."""
    text = value.value
    if value.kind == "phone" and not text.isdigit():
        digits = "".join(ch for ch in text if ch.isdigit())
        forms = leak_forms6(Value(value.name, value.kind, digits)) | spellings(value)
    else:
        forms = leak_forms6(value)
    if value.kind == "id" and "(" in text:
        forms |= {text.replace("(", "").replace(")", ""), text[:-3]}
    if value.name == "region/hk-phone":
        forms.add(text[3:])
    if value.kind == "phone" and text.startswith("TEL-"):
        forms.add(text[4:])
    if value.kind == "phone" and text.startswith("+852 "):
        forms.add(text[5:])
    if value.kind == "secret" and "!" in text:
        forms.add(text.split("!", 1)[-1] or text)
    return {form for form in forms if len(form) >= 4 or value.kind == "name"}
