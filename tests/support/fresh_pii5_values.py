"""The personal values of the fifth corpus, each named ``class/what`` so leaks are counted by
class, and the spellings a leak may take."""

from __future__ import annotations

import random
import string
import unicodedata

from faker import Faker

from tests.support.fresh_pii import Value, spellings
from tests.support.pii_dataset import card, resident_id

# Ordinary values: every path must keep each as it was.
ORDINARY = {
    "order_no": "20261206183012004", "tid": "3812094471650238812", "sku": "SKU-7719-BLK-XL",
    "sf": "SF1609384475512", "jd": "JDVA09912873456", "ts": "1765040400",
    "ts_ms": "1765040400456", "stamp": "2026-12-06 17:00:00", "amount": "1599.00",
    "status": "WAIT_BUYER_CONFIRM_GOODS", "op": "OrderDetailQuery", "ean": "6923450656181",
    "batch": "B20261206-0042", "shelf": "A-03-12", "coupon": "VIP-2026-50OFF",
    "uscc_corp": "91330106MA2H3K7Q6X", "hub_ip": "10.12.7.31",
}

_DIGITS = "〇一二三四五六七八九"
_COMPOUND = ("欧阳", "司马", "上官", "诸葛", "慕容", "司徒", "东方", "皇甫", "尉迟", "公孙")
_MINORITY = ("买买提·艾力", "阿依古丽·吐尔逊", "努尔兰·热合曼", "古丽娜尔·买买提",
             "艾尼瓦尔·阿不都", "热依拉·依明", "扎西·多吉", "巴特尔·格日勒")
_PINYIN = ("Zhāng Wěi", "Lǐ Nà", "Wáng Fāng", "Liú Yáng", "Chén Jìng", "Yáng Lěi", "Huáng Mǐn",
           "Zhào Qiáng")
_TRAD_NAMES = ("陳志偉", "黃淑芬", "張雅婷", "劉家豪", "吳美玲", "鄭國強", "蔡佩君", "許文傑")
_TRAD_STREETS = ("臺北市大安區忠孝東路四段", "新北市板橋區文化路一段", "高雄市苓雅區四維三路",
                 "香港九龍旺角彌敦道", "臺中市西屯區臺灣大道三段")
_VILLAGES = ("浙江省金华市义乌市佛堂镇", "河南省周口市太康县高朗乡", "四川省南充市仪陇县马鞍镇",
             "安徽省阜阳市临泉县杨桥镇")


def _chars(rng: random.Random, n: int, alphabet: str = string.digits) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def mobile(rng: random.Random) -> str:
    return rng.choice(["135", "138", "150", "158", "173", "181", "186", "191"]) + _chars(rng, 8)


def chinese_numerals(digits: str) -> str:
    return "".join(_DIGITS[int(d)] for d in digits)


def _id15(rng: random.Random) -> str:
    """A first-generation resident ID: area, yymmdd, three digits, no check digit."""
    return (rng.choice(["110105", "310104", "440106", "510107"]) + f"{rng.randint(50, 84)}"
            f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}")


def _ric_with_x(rng: random.Random) -> str:
    while True:
        number = resident_id(rng, ["330102", "420111", "370202", "350203"], (1970, 2002))
        if number.endswith("X"):
            return number[:-1] + "x"


_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def _sole_trader_uscc(rng: random.Random) -> str:
    """A unified social credit code of a sole trader (registry 9, kind 2), check char valid."""
    body = "92" + rng.choice(["330106", "440304", "510104"]) + _chars(
        rng, 9, "0123456789ABCDEFGHJKLMNPQRTUWXY")
    total = sum(_USCC_CHARS.index(ch) * w for ch, w in zip(body, _USCC_WEIGHTS, strict=True))
    return body + _USCC_CHARS[(31 - total % 31) % 31]


def make_values(seed: int) -> list[Value]:
    """Every personal value one seed plants, named ``class/what``."""
    rng = random.Random(seed)
    zh, en = Faker("zh_CN"), Faker("en_US")
    zh.seed_instance(seed)
    en.seed_instance(seed)
    first = zh.first_name
    values = [
        # personal data as object keys
        Value("keys/phone", "phone", mobile(rng)), Value("keys/email", "email", en.email()),
        Value("keys/name", "name", zh.name()),
        # wrapped: JWT name claims, JSON in a query, doubly encoded, \\u-escaped digits
        Value("wrap/jwt-name", "name", zh.name()),
        Value("wrap/jwt-openid", "account", "o" + _chars(rng, 27, string.ascii_letters + "_-")),
        Value("wrap/query-json", "phone", mobile(rng)),
        Value("wrap/query-json-name", "name", zh.name()),
        Value("wrap/double-pct", "phone", mobile(rng)),
        Value("wrap/u-escaped", "phone", mobile(rng)),
        Value("wrap/entities-xml", "phone", mobile(rng)),
        # obfuscated spellings
        Value("spell/soft-hyphen", "phone", mobile(rng)),
        Value("spell/soft-hyphen-mail", "email", zh.email()),
        Value("spell/fullwidth-mail", "email", en.email()),
        Value("spell/cn-numerals", "phone", mobile(rng)),
        Value("spell/ext-landline", "phone", "0" + rng.choice(["21", "10", "755"]) + "8"
              + _chars(rng, 7)),
        Value("spell/ext-mobile", "phone", mobile(rng)),
        # identity documents and accounts
        Value("doc/id15", "id", _id15(rng)), Value("doc/id-lower-x", "id", _ric_with_x(rng)),
        Value("doc/hkmo-permit", "id", "C" + rng.choice("0123456789ABCDEFGH") + _chars(rng, 7)),
        Value("doc/tw-permit", "id", _chars(rng, 8)),
        Value("doc/passport", "id", "E" + _chars(rng, 8)),
        Value("doc/sole-trader", "id", _sole_trader_uscc(rng)),
        Value("doc/card-spaced", "card", card(rng, rng.choice(["622848", "621226"]), 19)),
        Value("doc/card-dashed", "card", card(rng, rng.choice(["4", "52"]), 16)),
        Value("doc/alipay-phone", "phone", mobile(rng)),
        Value("doc/alipay-mail", "email", zh.email()),
        Value("doc/wxid", "account", "wxid_" + _chars(rng, 14, string.ascii_lowercase
                                                       + string.digits)),
        # names
        Value("name/minority", "name", rng.choice(_MINORITY)),
        Value("name/compound", "name", rng.choice(_COMPOUND) + first()),
        Value("name/pinyin-tones", "name", rng.choice(_PINYIN)),
        Value("name/traditional", "name", rng.choice(_TRAD_NAMES)),
        Value("name/pinyin-key", "name", zh.name()),
        Value("name/pinyin-key-phone", "phone", mobile(rng)),
        # addresses
        Value("addr/traditional", "address", rng.choice(_TRAD_STREETS)
              + f"{rng.randint(10, 300)}號{rng.randint(2, 15)}樓"),
        Value("addr/unit", "address", f"{rng.randint(1, 30)}栋{rng.randint(1, 6)}单元"
              f"{rng.randint(1, 30)}0{rng.randint(1, 4)}"),
        Value("addr/rural", "address", rng.choice(_VILLAGES) + rng.choice(
            ["前进村", "红旗村", "新庄村", "李家村"]) + f"{rng.randint(1, 9)}组"),
        Value("addr/english-order", "address", f"Room {rng.randint(2, 30)}0{rng.randint(1, 4)}, "
              f"No. {rng.randint(1, 99)} Lane {rng.randint(10, 999)}, "
              + rng.choice(["Changning Rd", "Hongqiao Rd", "Zhongshan N Rd"])),
        Value("addr/pobox", "address", f"P.O. Box {rng.randint(1000, 99999)}"),
        # carriers
        Value("carrier/soap-name", "name", zh.name()),
        Value("carrier/soap-phone", "phone", mobile(rng)),
        Value("carrier/graphql-phone", "phone", mobile(rng)),
        Value("carrier/graphql-mail", "email", en.email()),
        Value("carrier/filename", "name", zh.name()),
        Value("carrier/basic-user", "phone", mobile(rng)),
        Value("carrier/basic-pw", "secret", "Kx7!" + _chars(rng, 10, string.ascii_letters)),
        Value("carrier/location", "phone", mobile(rng)),
        Value("carrier/link-mail", "email", en.email()),
        Value("carrier/client-ip", "ip", f"{rng.choice([36, 58, 113, 183, 223])}."
              f"{rng.randint(1, 254)}.{rng.randint(1, 254)}.{rng.randint(1, 254)}"),
        Value("carrier/sse", "phone", mobile(rng)),
        Value("carrier/ndjson-bom", "phone", mobile(rng)),
        Value("carrier/gbk-form", "name", zh.name()),
        Value("carrier/gbk-form-addr", "address", zh.address().split(" ")[0]),
    ]
    return values


def toneless(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(ch))


def leak_forms(value: Value) -> set[str]:
    """Every spelling that counts as the value leaking."""
    forms = spellings(value)
    text = value.value
    if value.kind == "name" and not text.isascii() and " " in text:
        forms |= {toneless(text), toneless(text).replace(" ", "")}
    if value.kind == "id":
        forms |= {text.upper(), text.lower()}
    if value.kind == "card":
        groups = [text[i:i + 4] for i in range(0, len(text), 4)]
        forms |= {" ".join(groups), "-".join(groups)}
    if value.kind == "address" and not text.isascii() and len(text) >= 10:
        forms.add(text[-8:])
    if value.kind == "phone":
        forms.add(chinese_numerals(text))
    return {form for form in forms if form}
