"""A third seeded corpus: personal values and secrets from Faker (zh_CN, en_US), python-stdnum and
phonenumbers' examples for several regions, in spellings and places no key list names (pinyin and
run-together keys, first-generation ID numbers, labelled passports and bank accounts, names next
to a phone or a label or beside a phone in one object, card numbers with no label, international
numbers with an unencoded ``+``)."""

from __future__ import annotations

import base64
import json
import random

import phonenumbers
from faker import Faker
from stdnum import luhn
from stdnum.cn import ric

from tests.support.generated_pii import WIDE, encoded_spellings


def _intl(region: str, kind: int, rng: random.Random) -> str:
    example = phonenumbers.example_number_for_type(region, kind)
    national = str(example.national_number)
    for _ in range(100):
        candidate = phonenumbers.parse(f"+{example.country_code}{national[:-3]}"
                                       f"{rng.randint(0, 999):03d}")
        if phonenumbers.is_valid_number(candidate):
            example = candidate
            break
    return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def make_seeds(seed: int = 20261206) -> dict[str, str]:
    rng = random.Random(seed)
    zh, en = Faker("zh_CN"), Faker("en_US")
    zh.seed_instance(seed)
    en.seed_instance(seed)

    def resident_id(x: bool = False) -> str:
        while True:
            area = rng.choice(["110105", "310115", "440305", "330106", "420111", "610113"])
            body = (f"{area}{rng.randint(1950, 1999)}{rng.randint(1, 12):02d}"
                    f"{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}")
            number = body + ric.calc_check_digit(body + "0")
            if ric.is_valid(number) and (not x or number.endswith("X")):
                return number

    def card(prefix: str, length: int) -> str:
        body = prefix + "".join(str(rng.randint(0, 9)) for _ in range(length - len(prefix) - 1))
        return body + luhn.calc_check_digit(body)

    def name() -> str:
        return next(n for n in iter(zh.name, None) if len(n) in (2, 3))

    alnum = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    seeds: dict[str, str] = {}
    for i in range(5):
        seeds[f"mobile{i}"] = zh.phone_number()
    spaced = zh.phone_number()
    seeds["mobile-spaced"] = f"{spaced[:3]} {spaced[3:7]} {spaced[7:]}"
    seeds["mobile-wide"] = zh.phone_number().translate(WIDE)
    seeds["landline"] = f"0571{rng.randint(8000, 8999)}{rng.randint(1000, 9999)}"
    for region in ("GB", "US", "HK", "TW", "JP"):
        seeds[f"intl-{region}"] = _intl(region, phonenumbers.PhoneNumberType.MOBILE, rng)
    seeds["email-plus"] = f"{en.first_name().lower()}.{en.last_name().lower()}+shop@gmail.com"
    seeds["email-idn"] = f"{en.user_name()}@例子.中国"
    seeds["ric-x"] = resident_id(x=True)
    first = resident_id()
    seeds["ric15"] = first[:6] + first[8:17]
    union = card("622202", 19)
    seeds["unionpay"] = " ".join(union[i:i + 4] for i in range(0, 19, 4))
    visa = card("4", 16)
    seeds["visa"] = "-".join(visa[i:i + 4] for i in range(0, 16, 4))
    seeds["account"] = "".join(str(rng.randint(0, 9)) for _ in range(17))
    seeds["passport"] = "E" + "".join(str(rng.randint(0, 9)) for _ in range(8))
    payload = base64.urlsafe_b64encode(json.dumps({"sub": en.user_name()}).encode()).decode()
    seeds["jwt"] = f"eyJhbGciOiJIUzI1NiJ9.{payload.rstrip('=')}." + "".join(
        rng.choice(alnum) for _ in range(43))
    seeds["password"] = "Pw" + "".join(rng.choice(alnum) for _ in range(10)) + "&9"
    seeds["address"] = (f"浙江省杭州市西湖区文一西路{rng.randint(100, 999)}号"
                        f"{rng.randint(1, 20)}幢{rng.randint(1, 3)}单元{rng.randint(1, 30)}0"
                        f"{rng.randint(1, 4)}")
    seeds["village"] = f"江苏省苏州市吴中区木渎镇金山村{rng.randint(1, 20)}组{rng.randint(1, 99)}号"
    seeds["street"] = en.street_address()
    for i in range(3):
        seeds[f"name{i}"] = name()
    seeds["en-name"] = f"{en.first_name()} {en.last_name()}"
    # Card numbers with no label, in free text and under keys on no list: UnionPay written
    # whole, Chinese banks' domestic ranges (Bank of China 601382, ICBC 9558: the latter a JSON
    # number beyond 2**63), Faker's short Visa and Maestro.
    seeds["unionpay-bare"] = card("62", 16)
    seeds["card-boc"] = card("601382", 19)
    seeds["card-icbc"] = card("9558", 19)
    seeds["visa13"] = en.credit_card_number(card_type="visa13")
    seeds["maestro12"] = en.credit_card_number(card_type="maestro")
    # Names under keys on no list, told by the phone or address beside them in one object,
    # form or element, and the "姓名:" / "name phone" text forms.
    for i in range(3, 8):
        seeds[f"name{i}"] = name()
    seeds["mobile5"] = zh.phone_number()
    for i in range(8, 10):  # in a row of scalars, and after a key written into a text
        seeds[f"name{i}"] = name()
    for place in ("form", "json", "query"):  # only inside XML held by a string
        seeds[f"xml-name-{place}"] = name()
    return seeds


SEEDS = make_seeds()


def spellings(value: str) -> set[bytes]:
    """:func:`encoded_spellings`, plus a phone's national number without its country code."""
    forms = encoded_spellings(value)
    digits = "".join(ch for ch in value.translate(str.maketrans(
        {chr(0xFF10 + d): str(d) for d in range(10)})) if ch.isdigit())
    if value.lstrip().startswith("+"):
        number = phonenumbers.parse(value)
        forms.add(str(number.national_number).encode())
    elif len(digits) >= 9 and len(digits) >= 0.6 * len(value):
        forms.add(digits.encode())
    return {form for form in forms if len(form) >= 2}


def assert_no_seed_in(label: str, data: bytes | str) -> None:
    """No seed, in any spelling, inside ``data``."""
    blob = data.encode() if isinstance(data, str) else data
    for name, value in SEEDS.items():
        for form in spellings(value):
            assert form not in blob, f"{name} ({form!r}) leaked into {label}"
