"""The personal values of the eighth corpus, each named ``class/what``, and the ordinary values
every path must keep: order numbers of several platforms (a Douyin order id of 19 digits, an
Amazon ``3-7-7`` id), waybill numbers (ZTO, YTO, Cainiao, JD), SKUs whose digits hold a
mobile's, millisecond timestamps, amounts, a tracking URL, hashes, WeCom and GraphQL ids."""

from __future__ import annotations

import random
import string

from faker import Faker

from tests.support.fresh_pii import Value
from tests.support.fresh_pii6_values import mobile, rid
from tests.support.fresh_pii7_values import hkid, taiwan_id
from tests.support.fresh_pii7_values import leak_forms as leak_forms7
from tests.support.pii_dataset import card

ORDINARY = {
    "dy_order": "6949590647158812345", "amz_order": "113-4567890-1234567",
    "shopee_sn": "240612ABCDEF12", "lazada_order": "518234567890123",
    "zto": "78312345678901", "yto": "YT8812345678901", "cainiao": "LP00612345678901",
    "jdl": "JDVB23456789012", "sku": "SKU-8613912345678", "sku_dash": "HK-852-9123-4567-BLK",
    "ts_ms": "1765101015123", "stamp": "2026-12-07 10:30:15", "iso": "2026-12-07T02:30:15Z",
    "amount": "13912.80", "price": "HK$1,388.00",
    "track_url": "https://www.zto.com/express/expressCheck.html?txtBill=78312345678901",
    "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "ext_userid": "wmWAFzDwAA04t0V_f4jnJRkTQAQ",
    "gql_id": "Z2lkOi8vc2hvcGlmeS9DdXN0b21lci81NTEyMzQ1Njc4OQ==", "bill_no": "XSDD000123",
    "hs_id": "51234567", "company": "深圳市前海微众物流有限公司",
    "company_en": "Fabrikam Logistics (HK) Ltd.", "product": "小米 14 Ultra 16GB+1TB 白色",
    "city": "深圳市", "city_en": "Shenzhen",
}


def _chars(rng: random.Random, n: int, alphabet: str = string.digits) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _zh_name(zh: Faker) -> str:
    return next(n for n in iter(zh.name, None) if len(n) in (2, 3))


_SURNAMES = ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Zhou", "Wu")
_SYLLABLES = ("xiao", "ming", "jian", "guo", "hui", "ling", "wei", "fang", "jun", "yu", "ting",
              "hao", "xin", "yan", "qiang", "li", "na", "tao", "zhi", "peng")


def pinyin_name(rng: random.Random, *, western: bool) -> str:
    """A Chinese customer's name in pinyin: ``Xiaoming Wang`` (western order) or
    ``WANG Xiaoming``."""
    surname = rng.choice(_SURNAMES)
    given = "".join(rng.sample(_SYLLABLES, 2)).capitalize()
    return f"{given} {surname}" if western else f"{surname.upper()} {given}"


_HK_STREETS = ("彌敦道", "軒尼詩道", "皇后大道中", "英皇道", "德輔道中")
_TW_STREETS = ("忠孝東路四段", "中山北路二段", "信義路五段", "民生東路三段")
_MO_STREETS = ("新馬路", "高士德大馬路", "罅些喇提督大馬路")


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

    hk_mobile = rng.choice("569") + _chars(rng, 7)
    mo_mobile = "6" + rng.choice("2368") + _chars(rng, 6)
    tw_mobile = "09" + _chars(rng, 8)
    en_addr = (f"Room {rng.randint(1, 30)}0{rng.randint(1, 8)}, No. {rng.randint(1, 300)} "
               f"{rng.choice(['Jianguo', 'Huaihai', 'Zhongshan', 'Renmin'])} Road")
    phone2 = mobile(rng)
    card19 = card(rng, rng.choice(["622202", "621483"]), 19)
    return [
        # WeCom external contacts
        Value("wecom/ext-name", "name", name()),
        Value("wecom/remark-mobile", "phone", mobile(rng)),
        Value("wecom/remark", "name", name()),
        Value("wecom/attr-phone", "phone", mobile(rng)),
        # Amazon SP-API: a Chinese customer in pinyin, an English address, a US phone with ext.
        Value("amazon/buyer-name", "name", pinyin_name(rng, western=True)),
        Value("amazon/buyer-email", "email", en.email()),
        Value("amazon/address-line", "address", en_addr),
        Value("amazon/phone-ext", "phone", f"+1 {rng.choice(['206', '415', '646'])}-"
              f"{rng.randint(201, 989)}-{_chars(rng, 4)} ext. {rng.randint(10, 999)}"),
        # Shopee Taiwan, Lazada Malaysia
        Value("shopee/name", "name", tw.name()),
        Value("shopee/phone", "phone", "886" + tw_mobile[1:]),
        Value("shopee/full-address", "address", f"臺北市大安區{rng.choice(_TW_STREETS)}"
              f"{rng.randint(1, 300)}號{rng.randint(2, 20)}樓"),
        Value("lazada/name", "name", pinyin_name(rng, western=False)),
        Value("lazada/phone", "phone", f"+60 1{rng.choice('2679')}-{_chars(rng, 3)} "
              f"{_chars(rng, 4)}"),
        # Douyin 抖店: receiver and nested address objects
        Value("douyin/receiver", "name", name()),
        Value("douyin/tel", "phone", mobile(rng)),
        Value("douyin/detail", "address", street()),
        # Meituan: a backup phone list as a JSON string, a name with (先生)
        Value("meituan/name", "name", name()),
        Value("meituan/backup-phone", "phone", phone2),
        Value("meituan/address", "address", f"{zh.city()}{zh.district()}区{street()}"),
        # Kingdee: SaveData model, ExecuteBillQuery rows (arrays with no keys)
        Value("kingdee/save-tel", "phone", "0755-8" + _chars(rng, 7)),
        Value("kingdee/save-address", "address", f"广东省深圳市南山区{street()}"),
        Value("kingdee/row-name", "name", name()),
        Value("kingdee/row-phone", "phone", mobile(rng)),
        # Jiandaoyun widgets with {value} wrappers
        Value("jdy/value-name", "name", name()),
        Value("jdy/value-phone", "phone", mobile(rng)),
        Value("jdy/value-detail", "address", street()),
        # HubSpot property history
        Value("hubspot/history-phone", "phone", "+86 " + mobile(rng)),
        Value("hubspot/history-old-email", "email", zh.email()),
        Value("hubspot/history-name", "name", pinyin_name(rng, western=True)),
        # key/value pair lists
        Value("pairs/name-value-phone", "phone", mobile(rng)),
        Value("pairs/label-value-name", "name", name()),
        Value("pairs/key-value-id", "id", rid(rng)),
        Value("pairs/attr-email", "email", en.email()),
        # Cainiao waybill JSON inside a form field, YTO XML, SOAP in Big5, GB18030 JSON
        Value("cainiao/recipient-name", "name", name()),
        Value("cainiao/recipient-mobile", "phone", mobile(rng)),
        Value("cainiao/recipient-detail", "address", street()),
        Value("yto/name", "name", name()),
        Value("yto/mobile", "phone", mobile(rng)),
        Value("yto/address", "address", street()),
        Value("big5/name", "name", tw.name()),
        Value("big5/phone", "phone", f"(02) {_chars(rng, 4)}-{_chars(rng, 4)}"),
        Value("big5/address", "address", f"臺北市中山區{rng.choice(_TW_STREETS)}"
              f"{rng.randint(1, 300)}巷{rng.randint(1, 30)}號"),
        Value("big5/twid", "id", taiwan_id(rng)),
        Value("gb18030/hk-phone", "phone", f"+852 {hk_mobile[:4]} {hk_mobile[4:]}"),
        Value("gb18030/hk-address", "address", f"香港九龍{rng.choice(_HK_STREETS)}"
              f"{rng.randint(1, 500)}號{rng.randint(2, 30)}樓{rng.choice('ABCDEF')}室"),
        Value("gb18030/hkid", "id", hkid(rng)),
        Value("macau/phone", "phone", f"+853 {mo_mobile[:4]} {mo_mobile[4:]}"),
        Value("macau/address", "address", f"澳門{rng.choice(_MO_STREETS)}"
              f"{rng.randint(1, 200)}號{rng.randint(2, 20)}樓"),
        # query strings: base64 JSON, a nested percent-encoded URL
        Value("query/b64-phone", "phone", mobile(rng)),
        Value("query/b64-email", "email", zh.email()),
        Value("query/nested-name", "name", name()),
        Value("query/nested-mobile", "phone", mobile(rng)),
        # multipart with a JSON part and a CSV file part
        Value("multipart/json-phone", "phone", mobile(rng)),
        Value("multipart/csv-name", "name", name()),
        Value("multipart/csv-email", "email", zh.email()),
        # international phones with extensions, in free text
        Value("intl/uk-ext", "phone", f"+44 20 7{_chars(rng, 3)} {_chars(rng, 4)} ext. "
              f"{rng.randint(100, 999)}"),
        Value("intl/jp-ext", "phone", f"+81 3-{_chars(rng, 4)}-{_chars(rng, 4)} 内線"
              f"{rng.randint(10, 99)}"),
        Value("intl/sg", "phone", f"+65 {rng.choice('689')}{_chars(rng, 3)} {_chars(rng, 4)}"),
        Value("intl/de-ext", "phone", f"+49 30 {_chars(rng, 6)}-{rng.randint(10, 99)}"),
        # masked, yet still identifying
        Value("masked/phone-2star", "masked", (lambda m: m[:5] + "**" + m[7:])(mobile(rng))),
        Value("masked/card-4star", "masked", card19[:6] + "****" + card19[10:]),
        # names in traditional characters and pinyin in free text
        Value("text/trad-name", "name", tw.name()),
        Value("text/pinyin-name", "name", pinyin_name(rng, western=False)),
        # the end-to-end paths' own values
        Value("e2e/drift-phone", "phone", "+853 " + "6" + rng.choice("2368") + _chars(rng, 6)),
        Value("e2e/drift-name", "name", tw.name()),
        Value("e2e/drift-email", "email", en.email()),
        Value("e2e/quality-phone", "phone", "+886 " + tw_mobile[1:]),
        Value("e2e/quality-name", "name", pinyin_name(rng, western=True)),
        Value("e2e/quality-address", "address", f"香港灣仔{rng.choice(_HK_STREETS)}"
              f"{rng.randint(1, 500)}號"),
    ]


def leak_forms(value: Value) -> set[str]:
    """Every spelling that counts as the value leaking: the seventh corpus's; a phone's
    national digits without its country code or extension; a pinyin name in any case."""
    text = value.value
    forms = leak_forms7(value)
    if value.kind == "phone":
        head = text.split(" ext")[0].split("内線")[0]
        digits = "".join(ch for ch in head if ch.isdigit())
        forms.add(digits)
        for code in ("1", "44", "81", "65", "49", "60", "852", "853", "886", "86"):
            if head.startswith("+" + code) and len(digits) - len(code) >= 7:
                forms.add(digits[len(code):])
        if text.startswith("886"):
            forms |= {"0" + text[3:], text[3:]}
    if value.kind == "name" and text.isascii():
        forms |= {text.upper(), text.lower()}
    if value.kind == "masked":
        forms |= {text, text.replace("*", "")}
    return {form for form in forms if len(form) >= 4 or value.kind == "name"}
