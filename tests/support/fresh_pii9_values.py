"""The personal values of the ninth corpus, each named ``class/what``, and the ordinary values
every path must keep: order numbers of Youzan, Weidian, Kuaishou, Xiaohongshu, WeChat Pay and
Alipay, JT Express, ZTO and JD Logistics waybills, a SKU holding a Taiwan mobile's digits,
Shopify order names (``#1001``) and global ids, Feishu record ids, Odoo ids,
timestamps, amounts, city names and brands."""

from __future__ import annotations

import random
import string

from faker import Faker

from tests.support.fresh_pii import Value
from tests.support.fresh_pii6_values import mobile, rid
from tests.support.fresh_pii8_values import leak_forms as leak_forms8
from tests.support.fresh_pii8_values import pinyin_name

# (a Feishu ``open_id`` or a WeChat ``openid`` is no ordinary value: it identifies a person
# within an app, and the product replaces it as it replaces an account)
OPEN_ID = "ou_7d8a6e6df7621556ce0d21922b676706"
ORDINARY = {
    "yz_tid": "E20261207103015012345678", "wd_order": "838123456789012",
    "ks_oid": "2412071030150123", "red_order": "P712345678901234567",
    "wx_txn": "4200001234202612071234567890", "wx_trade": "WX20261207103015A1",
    "ali_trade": "2026120722001412345678901234", "jt": "JT0012345678901",
    "zto": "73512345678901", "jdl": "JDX012345678901", "sku": "SKU-TW-0912345678",
    "shop_name": "#1001", "gid": "gid://shopify/Order/5512345678901",
    "record_id": "recuSGdYf4XhKq",
    "odoo_ref": "SO0042", "stamp": "2026-12-07 10:30:15", "iso": "2026-12-07T02:30:15Z",
    "ts_ms": "1765101015123", "amount": "2388.00", "fee": "238800",
    "city": "台北市", "city_my": "Kuala Lumpur", "city_sg": "Singapore",
    "brand": "Nintendo Switch OLED", "product": "任天堂 Switch OLED 白色",
    "company": "台灣樂購股份有限公司", "postcode": "560123",
}


def _chars(rng: random.Random, n: int, alphabet: str = string.digits) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _zh_name(zh: Faker) -> str:
    return next(n for n in iter(zh.name, None) if len(n) in (2, 3))


_KATAKANA = ("ヤマダ タロウ", "スズキ ハナコ", "タナカ イチロウ", "サトウ ユキ", "ワタナベ ケンジ",
             "イトウ マサト", "ナカムラ アヤ", "コバヤシ リョウ")
_TITLES = ("Ms", "Mr.", "Mrs", "Miss", "Mr", "Ms.", "Dr.")
_SURNAMES = ("Chen", "Wong", "Lim", "Tan", "Lee", "Ng", "Cheung", "Lau", "Ong", "Goh")
_TW_ROADS = ("敦化南路一段", "羅斯福路三段", "建國北路二段", "南京東路五段", "和平東路二段")
_SG_STREETS = ("Ang Mo Kio Ave 3", "Tampines St 21", "Bedok North Rd", "Jurong West St 42")
_MY_ROADS = ("Persiaran Gurney", "Lorong Maarof", "Jln SS 2/24", "Lebuh Ampang")


def tw_mobile(rng: random.Random) -> str:
    """A Taiwan mobile's national digits: ``09`` and eight more."""
    return "09" + _chars(rng, 8)


def make_values(seed: int) -> list[Value]:
    """Every personal value one seed plants, named ``class/what``."""
    rng = random.Random(seed)
    zh, en, tw = Faker("zh_CN"), Faker("en_US"), Faker("zh_TW")
    for faker in (zh, en, tw):
        faker.seed_instance(seed)

    def name() -> str:
        return _zh_name(zh)

    def street() -> str:
        return (f"{zh.street_name()}{rng.randint(1, 999)}号{rng.randint(1, 30)}栋"
                f"{rng.randint(1, 9)}0{rng.randint(1, 4)}室")

    def tw_spaced() -> str:
        m = tw_mobile(rng)
        return f"+886 {m[1:4]} {m[4:7]} {m[7:]}"

    def tw_dashed() -> str:
        m = tw_mobile(rng)
        return f"{m[:4]}-{m[4:7]}-{m[7:]}"

    def tw_address() -> str:
        return (f"臺北市大安區{rng.choice(_TW_ROADS)}{rng.randint(1, 300)}巷{rng.randint(1, 30)}"
                f"弄{rng.randint(1, 20)}號{rng.randint(2, 15)}樓")

    return [
        # Youzan, Weidian, Kuaishou, Xiaohongshu order answers
        Value("youzan/receiver", "name", name()),
        Value("youzan/tel", "phone", mobile(rng)),
        Value("youzan/address", "address", street()),
        Value("youzan/nickname-phone", "phone", mobile(rng)),
        Value("weidian/name", "name", tw.name()),
        Value("weidian/telephone", "phone", tw_dashed()),
        Value("weidian/address", "address", tw_address()),
        Value("kuaishou/consignee", "name", name()),
        Value("kuaishou/mobile", "phone", mobile(rng)),
        Value("red/receiver", "name", name()),
        Value("red/phone", "phone", "+86-" + mobile(rng)),
        Value("red/address", "address", f"上海市徐汇区{street()}"),
        # WeChat Pay notify XML, Alipay async notify form
        Value("wxpay/attach-name", "name", name()),
        Value("wxpay/attach-phone", "phone", mobile(rng)),
        Value("alipay/buyer-email", "email", zh.email()),
        Value("alipay/body-phone", "phone", mobile(rng)),
        # Feishu Bitable person fields, DingTalk contacts with a separate state code
        Value("bitable/person-name", "name", name()),
        Value("bitable/person-en", "name", pinyin_name(rng, western=True)),
        Value("bitable/person-email", "email", en.email()),
        Value("bitable/phone", "phone", mobile(rng)),
        Value("dingtalk/name", "name", tw.name()),
        Value("dingtalk/mobile", "phone", tw_mobile(rng)[1:]),
        Value("dingtalk/email", "email", en.email()),
        # Zoho lookup objects, Salesforce sObjects, Odoo many2one pairs, Shopify GraphQL
        Value("zoho/lookup-name", "name", name()),
        Value("zoho/mobile", "phone", "+86 " + mobile(rng)),
        Value("sf/name", "name", pinyin_name(rng, western=False)),
        Value("sf/mobile", "phone", f"+65 {rng.choice('89')}{_chars(rng, 3)} {_chars(rng, 4)}"),
        Value("sf/street", "address", f"Blk {rng.randint(100, 999)} {rng.choice(_SG_STREETS)}"
              f", #{rng.randint(2, 20):02d}-{rng.randint(10, 99)}"),
        Value("odoo/partner", "name", name()),
        Value("odoo/phone", "phone", mobile(rng)),
        Value("odoo/email", "email", zh.email()),
        Value("odoo/street", "address", street()),
        Value("shopify/ship-name", "name", en.name()),
        Value("shopify/ship-phone", "phone", f"+60 12-{_chars(rng, 3)} {_chars(rng, 4)}"),
        Value("shopify/address1", "address", f"No. {rng.randint(1, 99)}, "
              f"{rng.choice(_MY_ROADS)}"),
        Value("shopify/email", "email", en.email()),
        # carrier pushes: JT Express bizContent form, ZTO, JD Logistics
        Value("jt/name", "name", name()),
        Value("jt/mobile", "phone", mobile(rng)),
        Value("jt/address", "address", street()),
        Value("zto/name", "name", name()),
        Value("zto/mobile", "phone", mobile(rng)),
        Value("jdl/name", "name", name()),
        Value("jdl/mobile", "phone", mobile(rng)),
        Value("jdl/id", "id", rid(rng)),
        # a CSV export held in a JSON string
        Value("csv/name", "name", name()),
        Value("csv/phone", "phone", mobile(rng)),
        # names and phones in URL path segments
        Value("path/name", "name", name()),
        Value("path/phone", "phone", mobile(rng)),
        # base32, hex and twice-percent-encoded values
        Value("enc/b32-phone", "phone", mobile(rng)),
        Value("enc/hex-phone", "phone", mobile(rng)),
        Value("enc/pct2-name", "name", name()),
        Value("enc/pct2-phone", "phone", mobile(rng)),
        # traditional characters and Taiwan phones in free text; Malaysia and Singapore
        Value("text/tw-name", "name", tw.name()),
        Value("text/tw-phone", "phone", tw_spaced()),
        Value("text/sg-address", "address", f"Blk {rng.randint(100, 999)} "
              f"{rng.choice(_SG_STREETS)}, #{rng.randint(2, 20):02d}-{rng.randint(10, 99)}"),
        Value("text/my-address", "address", f"No. {rng.randint(1, 99)}, "
              f"{rng.choice(_MY_ROADS)}, {rng.randint(10, 99)}000"),
        # Japanese names in katakana beside a phone
        Value("text/katakana", "name", rng.choice(_KATAKANA)),
        Value("text/jp-mobile", "phone", f"0{rng.choice('789')}0-{_chars(rng, 4)}-"
              f"{_chars(rng, 4)}"),
        # a lone {"value": name} widget under a person's key
        Value("widget/contact", "name", name()),
        Value("widget/receiver", "name", name()),
        Value("widget/buyer", "name", tw.name()),
        # a title before a surname only, beside a phone
        Value("title/first", "name", f"{rng.choice(_TITLES)} {rng.choice(_SURNAMES)}"),
        Value("title/first-phone", "phone", mobile(rng)),
        Value("title/second", "name", f"{rng.choice(_TITLES)} {rng.choice(_SURNAMES)}"),
        Value("title/second-phone", "phone", tw_dashed()),
        # the end-to-end paths' own values
        Value("e2e/drift-phone", "phone", tw_spaced()),
        Value("e2e/drift-name", "name", rng.choice(_KATAKANA)),
        Value("e2e/drift-title", "name", f"{rng.choice(_TITLES)} {rng.choice(_SURNAMES)}"),
        Value("e2e/quality-phone", "phone", tw_dashed()),
        Value("e2e/quality-name", "name", tw.name()),
        Value("e2e/quality-address", "address", tw_address()),
    ]


def leak_forms(value: Value) -> set[str]:
    """Every spelling that counts as the value leaking: the eighth corpus's; a Taiwan phone's
    national digits with and without the leading 0; a katakana name with or without its space;
    a title-and-surname as written."""
    text = value.value
    forms = leak_forms8(value)
    if value.kind == "phone":
        digits = "".join(ch for ch in text if ch.isdigit())
        if digits.startswith("8869"):
            forms |= {digits[3:], "0" + digits[3:]}
        if digits.startswith("09") and len(digits) == 10:
            forms |= {digits, digits[1:], "886" + digits[1:]}
        if len(digits) == 9 and digits.startswith("9"):
            forms |= {digits, "0" + digits}
        if digits.startswith("86") and len(digits) == 13:
            forms.add(digits[2:])
    if value.kind == "name" and " " in text and not text.isascii():
        forms.add(text.replace(" ", ""))
    return {form for form in forms if len(form) >= 4 or value.kind == "name"}
