"""The personal values of the eleventh corpus, each named ``class/what``, and the ordinary values
every path must keep: Dynamics 365 contact ids and etags, NetSuite entity ids, Weimob and
Douyin Life order and certificate numbers, Salesforce record ids, EAN-13 barcodes, a SWIFT code,
UPS and Cainiao tracking numbers, a ZTO waybill, SHA-256 digests, UUIDs, amounts with a
thousands comma, timestamps, and product names that start with a surname or a place
(``周黑鸭``, ``张飞牛肉``, ``香港仔鱼蛋``).

A vehicle plate is personal here: PIPL counts information that identifies a natural person
alone or with other information, and a private car's plate leads to its registered keeper."""

from __future__ import annotations

import random
import string

from faker import Faker

from tests.support.fresh_pii import Value
from tests.support.fresh_pii6_values import mobile, rid
from tests.support.fresh_pii10_values import leak_forms as leak_forms10

ORDINARY = {
    "contact_id": "6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5", "etag": 'W/"47112033"',
    "ns_entity": "CUST-1042", "ns_id": "1042", "wm_order": "20261207103015883",
    "dy_cert": "7412345678901234567", "dy_sku": "1788123456789012",
    "sf_id": "0035g00000AbCdEAA1", "ean": "6901234567892", "swift": "HSBCHKHHHKH",
    "ups": "1Z999AA10123456784", "cainiao": "LP00712345678901", "zto": "78612345678901",
    "sha": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "uuid": "3b241101-e2bb-4255-8caf-4136c566a962", "amount": "1,288.00", "cents": "128800",
    "stamp": "2026-12-07 10:30:15", "iso": "2026-12-07T02:30:15.123Z", "ts_ms": "1765074615123",
    "ref": "INV-2026-0042", "sku": "SKU-852-9123-44",
    "duck": "周黑鸭 鸭脖 200g", "beef": "张飞牛肉 五香", "fishball": "香港仔鱼蛋 咖喱味",
    "ham": "王中王火腿肠", "city": "深圳市", "version": "9.2.0.1045",
}

_HK_SURNAMES = ("CHAN", "WONG", "LEUNG", "LAU", "CHEUNG", "HO", "LAM", "TSANG", "YIP", "KWOK")
_HK_GIVEN = ("Ka Ming", "Siu Fong", "Wing Yan", "Chi Keung", "Mei Ling", "Hoi Yan", "Tsz Wai")
_TRAD_SURNAMES = "陳黃張劉鄭謝鍾馮蕭葉"
_TRAD_GIVEN = ("嘉欣", "志偉", "詠詩", "家豪", "麗華", "俊傑", "曉琳", "國強", "凱琪", "偉倫")
_HK_STREETS = (("九龍", "旺角", "彌敦道"), ("香港", "灣仔", "軒尼詩道"),
               ("新界", "沙田", "大涌橋路"), ("九龍", "觀塘", "開源道"), ("香港", "北角", "英皇道"))


def _chars(rng: random.Random, n: int, alphabet: str = string.digits) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _zh_name(zh: Faker) -> str:
    return next(n for n in iter(zh.name, None) if len(n) in (2, 3))


def hk_mobile(rng: random.Random) -> str:
    """A Hong Kong mobile's eight digits (5, 6 or 9 first)."""
    return rng.choice("569") + _chars(rng, 7)


def gb_iban(rng: random.Random) -> str:
    """A valid British IBAN, grouped by four as printed."""
    from stdnum import iban

    bban = rng.choice(("BARC", "HBUK", "NWBK", "LOYD")) + _chars(rng, 14)
    body = bban + "GB00"
    check = 98 - int("".join(str(int(ch, 36)) for ch in body)) % 97
    number = f"GB{check:02d}{bban}"
    assert iban.is_valid(number)
    return " ".join(number[i:i + 4] for i in range(0, len(number), 4))


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

    def trad_name() -> str:
        return rng.choice(_TRAD_SURNAMES) + rng.choice(_TRAD_GIVEN)

    def hk_street() -> str:
        region, district, road = rng.choice(_HK_STREETS)
        return (f"{region}{district}{road}{rng.randint(1, 600)}號{rng.randint(2, 30)}樓"
                f"{rng.choice('ABCDEF')}室")

    def hk_name() -> str:
        return f"{rng.choice(_HK_SURNAMES)} {rng.choice(_HK_GIVEN)}"

    def grouped(m: str) -> str:
        return f"{m[:3]} {m[3:7]} {m[7:]}"

    def email_user() -> str:
        return zh.user_name() + _chars(rng, 2)

    landline = rng.choice(("0571", "0755", "020")) + "-" + rng.choice("2368") + _chars(rng, 7)
    return [
        # Dynamics 365 contacts (OData v4), NetSuite customers
        Value("dyn/fullname", "name", name()),
        Value("dyn/mobile", "phone", "+86 " + grouped(mobile(rng))),
        Value("dyn/telephone1", "phone", "+852 " + rng.choice("23") + _chars(rng, 3) + " "
              + _chars(rng, 4)),
        Value("dyn/email", "email", en.email()),
        Value("dyn/line1", "address", street()),
        Value("dyn/govid", "id", rid(rng)),
        Value("ns/addressee", "name", name()),
        Value("ns/addr1", "address", street()),
        Value("ns/addr-phone", "phone", landline),
        Value("ns/alt-phone", "phone", f"{mobile(rng)[:3]}-{mobile(rng)[3:7]}-{mobile(rng)[7:]}"),
        # Weimob orders, Douyin Life certificates
        Value("wm/receiver", "name", name()),
        Value("wm/mobile", "phone", mobile(rng)),
        Value("wm/address", "address", street()),
        Value("wm/remark-phone", "phone", grouped(mobile(rng))),
        Value("dy/contact-name", "name", name()),
        Value("dy/contact-phone", "phone", "+86 " + grouped(mobile(rng))),
        # protobuf JSON: a PostalAddress's recipients and lines, a PhoneNumber message
        Value("pb/recipient", "name", trad_name()),
        Value("pb/line", "address", hk_street()),
        Value("pb/national", "phone", "6" + _chars(rng, 7)),
        # jCard (RDAP vcardArray)
        Value("jc/fn", "name", name()),
        Value("jc/tel", "phone", mobile(rng)),
        Value("jc/email", "email", f"{email_user()}@126.com"),
        Value("jc/adr", "address", street()),
        # JSON text sequences, a server-sent event split over data lines
        Value("seq/who", "name", name()),
        Value("seq/reach", "phone", mobile(rng)),
        Value("sse/buyer", "name", name()),
        Value("sse/tel", "phone", mobile(rng)),
        # URL-encoded JSON in a query parameter, twice encoded in a redirect
        Value("qj/mobile", "phone", mobile(rng)),
        Value("qj/name", "name", name()),
        Value("qj2/email", "email", f"{email_user()}@sina.com"),
        Value("qj2/phone", "phone", mobile(rng)),
        # GraphQL with values written into the query text; a SOQL query and its records
        Value("gql/phone", "phone", "+86" + mobile(rng)),
        Value("gql/email", "email", en.email()),
        Value("gql/name", "name", name()),
        Value("soql/phone", "phone", mobile(rng)),
        Value("soql/email", "email", en.email()),
        Value("soql/name", "name", name()),
        # SQL in a log line
        Value("sql/mobile", "phone", mobile(rng)),
        Value("sql/name", "name", name()),
        Value("sql/addr", "address", street()),
        # credentials: a phone as the user of a URL, an e-mail in Basic auth, a password
        Value("ui/phone-user", "phone", mobile(rng)),
        Value("ui/password", "secret",
              "Pw" + _chars(rng, 10, string.ascii_letters + string.digits)),
        Value("basic/email", "email", f"{email_user()}@163.com"),
        # a GBK CSV part in a multipart upload; a GBK form
        Value("mp/name", "name", name()),
        Value("mp/phone", "phone", mobile(rng)),
        Value("mp/address", "address", street()),
        Value("gbkf/name", "name", name()),
        Value("gbkf/address", "address", street()),
        # a payout: a Hong Kong name in passport order and a British IBAN
        Value("iban/name", "name", hk_name()),
        Value("iban/iban", "card", gb_iban(rng)),
        # Hong Kong and Macau travellers in traditional script: permits, a phone with ext.
        Value("permit/name", "name", trad_name()),
        Value("permit/home-return", "id", rng.choice("HM") + _chars(rng, 8)),
        Value("permit/eep", "id", "C" + rng.choice(string.ascii_uppercase[:8]) + _chars(rng, 7)),
        Value("permit/hk-phone", "phone", "+852 " + (h := hk_mobile(rng))[:4] + " " + h[4:]),
        Value("permit/address", "address", hk_street()),
        # a plate with its middle dot, under a key no list holds
        Value("plate/dot", "plate", rng.choice("粤沪浙") + rng.choice("ABC") + "·D"
              + _chars(rng, 5)),
        # the end-to-end paths' own values
        Value("e2e/drift-name", "name", hk_name()),
        Value("e2e/drift-phone", "phone", "+853 " + "6" + _chars(rng, 7)),
        Value("e2e/quality-phone", "phone", "+86 " + grouped(mobile(rng))),
        Value("e2e/quality-name", "name", trad_name()),
        Value("e2e/quality-address", "address", hk_street()),
    ]


def leak_forms(value: Value) -> set[str]:
    """Every spelling that counts as the value leaking: the tenth corpus's; an IBAN without
    its spaces; a phone's digits without area-code punctuation; a plate without its dot."""
    text = value.value
    forms = leak_forms10(value)
    if value.kind == "card":
        forms.add(text.replace(" ", ""))
    if value.kind == "phone":
        forms.add("".join(ch for ch in text if ch.isdigit()))
    if value.kind == "plate":
        forms |= {text.replace("·", ""), text.replace("·", " ")}
    if value.kind == "secret":
        forms.add(text)
    return {form for form in forms if len(form) >= 4 or value.kind == "name"}
