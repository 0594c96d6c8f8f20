"""The personal values of the sixth corpus, each named ``class/what``, and the ordinary values
every path must keep (order numbers, SKUs, waybills, timestamps, amounts, company names, and
digit runs that hold a mobile's digits without being one)."""

from __future__ import annotations

import random
import string

from faker import Faker

from tests.support.fresh_pii import Value
from tests.support.fresh_pii5_values import leak_forms as leak_forms5
from tests.support.pii_dataset import card, resident_id

ORDINARY = {
    "order_no": "20261207093015882", "tid": "4102938475610293847", "sku": "SKU-5520-RED-M",
    "sf": "SF1410297735621", "jd": "JDX018827365540", "ts": "1765099815",
    "ts_ms": "1765099815123", "stamp": "2026-12-07T09:30:15+08:00", "amount": "2388.50",
    "status": "TRADE_FINISHED", "ean": "6901234567892", "batch": "PO-2026-1207-0315",
    "company": "杭州云栖数码科技有限公司", "company_en": "Northwind Trading Co., Ltd.",
    # digit runs that contain a mobile's digits but are not phones
    "long_run": "2026120713912345678", "waybill_long": "773013800138000921",
    "yt": "YT7509138004521", "pdd_sn": "261207-139123456781234",
}


def _chars(rng: random.Random, n: int, alphabet: str = string.digits) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def mobile(rng: random.Random) -> str:
    return rng.choice(["135", "137", "150", "158", "182", "187", "189", "198"]) + _chars(rng, 8)


def _landline(rng: random.Random) -> tuple[str, str]:
    area = rng.choice(["0571", "0755", "0512", "0731", "0898"])
    return area, rng.choice("2345678") + _chars(rng, 7)


def rid(rng: random.Random) -> str:
    return resident_id(rng, ["110105", "320506", "440106", "510107", "610113"], (1960, 2004))


def make_values(seed: int) -> list[Value]:
    """Every personal value one seed plants, named ``class/what``."""
    rng = random.Random(seed)
    zh, en = Faker("zh_CN"), Faker("en_US")
    zh.seed_instance(seed)
    en.seed_instance(seed)
    area, number = _landline(rng)
    area2, number2 = _landline(rng)

    def name() -> str:
        return next(n for n in iter(zh.name, None) if len(n) in (2, 3))

    def token(n: int) -> str:
        return _chars(rng, n, string.ascii_letters + string.digits)

    return [
        # platform payload shapes
        Value("shape/top-receiver-mobile", "phone", mobile(rng)),
        Value("shape/top-receiver-name", "name", name()),
        Value("shape/top-detail", "address", f"{zh.street_name()}{rng.randint(1, 300)}号"
              f"{rng.randint(1, 20)}幢{rng.randint(1, 9)}0{rng.randint(1, 4)}室"),
        Value("shape/jd-consignee-mobile", "phone", mobile(rng)),
        Value("shape/jd-consignee", "name", name()),
        Value("shape/pdd-receiver-phone", "phone", mobile(rng)),
        Value("shape/sf-d-tel", "phone", mobile(rng)),
        Value("shape/sf-j-mobile", "phone", mobile(rng)),
        Value("shape/sf-d-contact", "name", name()),
        Value("shape/shopify-phone", "phone", mobile(rng)),
        Value("shape/hubspot-mobile", "phone", mobile(rng)),
        Value("shape/salesforce-email", "email", en.email()),
        Value("shape/zoho-mobile", "phone", mobile(rng)),
        Value("shape/kingdee-contact", "name", name()),
        Value("shape/kingdee-tel", "phone", mobile(rng)),
        Value("shape/jdy-widget-phone", "phone", mobile(rng)),
        Value("shape/jdy-widget-name", "name", name()),
        # phones split and grouped
        Value("split/area", "phone", area + number),
        Value("split/dotted", "phone", mobile(rng)),
        Value("split/slashed", "phone", mobile(rng)),
        Value("split/tel-uri", "phone", mobile(rng)),
        Value("split/landline-dash", "phone", area2 + number2),
        # e-mails in links and display names
        Value("mail/mailto", "email", zh.email()),
        Value("mail/display", "email", en.email()),
        Value("mail/display-name", "name", name()),
        # IDs in file names and URL paths
        Value("id/filename", "id", rid(rng)),
        Value("id/url-path", "id", rid(rng)),
        Value("card/track", "card", card(rng, rng.choice(["4", "51", "622202"]), 16)),
        # tokens and keys
        Value("secret/cookie", "secret", token(32)),
        Value("secret/bearer", "secret", token(40)),
        Value("secret/api-key", "secret", token(36)),
        Value("secret/sign", "secret", _chars(rng, 32, "0123456789ABCDEF")),
        Value("secret/access-token", "secret", "6201" + token(36)),
        Value("secret/error-secret", "secret", _chars(rng, 32, "0123456789abcdef")),
        # names in greetings
        Value("greet/zh", "name", name()),
        Value("greet/en", "name", f"{en.first_name_female()} {en.last_name()}"),
        # an address split into fields, the detail alone unlabelled
        Value("addr/detail-unlabelled", "address", f"{zh.street_name()}{rng.randint(1, 400)}号"
              f"{rng.choice(['金地', '万科', '碧桂园', '龙湖'])}"
              f"{rng.choice(['花园', '小区', '公寓'])}"
              f"{rng.randint(1, 30)}栋{rng.randint(1, 30)}0{rng.randint(1, 4)}"),
        # GBK / GB18030 bodies declared only inside the document
        Value("gbk/xml-prolog-name", "name", name()),
        Value("gbk/xml-prolog-phone", "phone", mobile(rng)),
        Value("gbk/html-meta-phone", "phone", mobile(rng)),
        Value("gbk/html-meta-addr", "address", zh.province() + zh.city() + zh.district() + "区"
              + zh.street_name() + f"{rng.randint(1, 99)}号"),
        # the end-to-end paths' own values
        Value("e2e/drift-phone", "phone", mobile(rng)),
        Value("e2e/drift-name", "name", name()),
        Value("e2e/drift-mail", "email", zh.email()),
        Value("e2e/drift-id", "id", rid(rng)),
        Value("e2e/quality-phone", "phone", mobile(rng)),
        Value("e2e/quality-mail", "email", en.email()),
        Value("e2e/quality-id", "id", rid(rng)),
        Value("e2e/quality-name", "name", name()),
    ]


def leak_forms(value: Value) -> set[str]:
    """Every spelling that counts as the value leaking (the fifth corpus's, and a landline's
    number without its area code)."""
    forms = leak_forms5(value)
    if value.kind == "phone" and value.value.startswith("0") and len(value.value) >= 11:
        forms.add(value.value[-8:] if len(value.value) == 12 else value.value[-7:])
    return forms
