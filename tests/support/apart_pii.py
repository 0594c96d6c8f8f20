"""A fourth seeded corpus, written apart from the detectors: Faker in ``zh_CN``, ``zh_TW`` and
``en_US``, python-stdnum for resident ID numbers, Hong Kong, Macau and Taiwan identity numbers by
their published check rules, the payment schemes' public test cards, and vendors' token formats
(random characters in each vendor's shape: no real credential). Spellings: dashed, spaced,
``+86-``, ``(+86)``, ``86 ``, full-width, between Chinese punctuation; e-mails with plus tags,
capitals and IDN domains."""

from __future__ import annotations

import random
import string

from faker import Faker
from stdnum import luhn

from seamguard.privacy.regional_ids import hkid_valid, taiwan_id_valid
from tests.support.pii_dataset import resident_id
from tests.support.unlisted_pii import spellings

_WIDE = str.maketrans({str(d): chr(0xFF10 + d) for d in range(10)})


def make_seeds(seed: int = 20261207) -> dict[str, str]:
    rng = random.Random(seed)
    zh, tw, en = Faker("zh_CN"), Faker("zh_TW"), Faker("en_US")
    for faker in (zh, tw, en):
        faker.seed_instance(seed)

    def mobile() -> str:
        return rng.choice(["138", "139", "186", "150", "177", "199", "166"]) + "".join(
            str(rng.randint(0, 9)) for _ in range(8))

    def chars(n: int, alphabet: str = string.ascii_letters + string.digits) -> str:
        return "".join(rng.choice(alphabet) for _ in range(n))

    def hkid() -> str:
        letter, digits = rng.choice("ACDEGKPRVZ"), f"{rng.randint(0, 999999):06d}"
        check = next(c for c in "0123456789A" if hkid_valid(letter, digits, c))
        return f"{letter}{digits}({check})"

    def taiwan_id() -> str:
        letter, body = rng.choice("ABEFHK"), rng.choice("12") + f"{rng.randint(0, 9999999):07d}"
        return letter + body + next(d for d in "0123456789" if taiwan_id_valid(letter, body + d))

    def name() -> str:
        return next(n for n in iter(zh.name, None) if len(n) in (2, 3))

    s: dict[str, str] = {}
    m = [mobile() for _ in range(6)]
    s["m-dash"] = f"{m[0][:3]}-{m[0][3:7]}-{m[0][7:]}"
    s["m-space"] = f"{m[1][:3]} {m[1][3:7]} {m[1][7:]}"
    s["m-plus-dash"] = f"+86-{m[2]}"
    s["m-paren"] = f"(+86){m[3]}"
    s["m-86"] = f"86 {m[4]}"
    s["m-wide"] = m[5].translate(_WIDE)
    s["m-glued"] = mobile()  # written "Tel13812345678"
    s["m-bare"] = mobile()
    s["hk-phone"] = f"+852 {rng.choice('569')}{rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    s["tw-phone"] = f"09{rng.randint(10, 89)}-{rng.randint(100, 999)}-{rng.randint(100, 999)}"
    s["mo-phone"] = f"+853 66{rng.randint(100000, 999999)}"
    s["email-plus"] = f"{en.first_name().lower()}+orders@gmail.com"
    s["email-upper"] = f"{en.last_name().upper()}.{en.first_name().upper()}@EXAMPLE-SHOP.COM"
    s["email-idn"] = f"{en.user_name()}@例子.中国"
    s["email-tw"] = tw.email()
    s["ric"] = resident_id(rng, ["110105", "310115", "440305", "500103"], (1950, 2005))
    s["hkid"], s["twid"] = hkid(), taiwan_id()
    s["moid"] = f"{rng.choice('157')}{rng.randint(0, 999999):06d}({rng.randint(0, 9)})"
    # the schemes' public test numbers, as shops' sandboxes use them
    s["visa-test"], s["mc-test"] = "4242424242424242", "5555555555554444"
    s["jcb-test"], s["amex-test"] = "3530111333300000", "378282246310005"
    s["card-luhn"] = (lambda body: body + luhn.calc_check_digit(body))(
        "622202" + "".join(str(rng.randint(0, 9)) for _ in range(12)))
    s["aws"] = "AKIA" + chars(16, string.ascii_uppercase + "234567")
    s["ghp"] = "ghp_" + chars(36)
    s["slack"] = f"xoxb-{rng.randint(10**10, 10**11)}-{rng.randint(10**10, 10**11)}-{chars(24)}"
    s["whsec"] = "whsec_" + chars(32)
    s["sk-live"] = "sk_live_" + chars(24)
    s["alipay-key"] = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC" + chars(96, string.ascii_letters + "+/")
    s["basic-pw"] = "Pw" + chars(12)
    s["bearer"] = chars(40, string.ascii_letters + string.digits + "-_")
    s["session"] = chars(32)
    for i in range(6):
        s[f"name{i}"] = name()
    s["tw-name"] = next(n for n in iter(tw.name, None) if len(n) == 3)
    s["en-name"] = f"{en.first_name()} {en.last_name()}"
    s["xml-name-query"] = name()  # only inside XML inside a query parameter
    return s


SEEDS = make_seeds()


def assert_no_seed_in(label: str, data: bytes | str) -> None:
    """No seed, in any spelling, inside ``data``."""
    blob = data.encode() if isinstance(data, str) else data
    for key, value in SEEDS.items():
        for form in spellings(value):
            assert form not in blob, f"{key} ({form!r}) leaked into {label}"
