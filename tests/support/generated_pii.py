"""Personal values and secrets made by generators (Faker zh_CN / en_US, python-stdnum), and every
spelling a leaked one could take in an output — for privacy tests whose inputs nobody wrote by hand.
"""

from __future__ import annotations

import base64
import json
import random
from urllib.parse import quote, quote_plus

from faker import Faker

from tests.support.pii_dataset import card, resident_id

AREAS = ["110105", "310115", "440305", "330106", "510104", "320102"]  # district codes of IDs
WIDE = str.maketrans("0123456789", "".join(chr(0xFF10 + d) for d in range(10)))


def make_seeds() -> dict[str, str]:
    rng = random.Random(20261205)
    zh, en = Faker("zh_CN"), Faker("en_US")
    zh.seed_instance(11)
    en.seed_instance(11)

    def token(alphabet: str, n: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(n))

    alnum = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
    seeds: dict[str, str] = {}
    for i in range(3):
        seeds[f"mobile{i}"] = zh.phone_number()
        seeds[f"email{i}"] = zh.email()
        seeds[f"en-email{i}"] = en.email()
        seeds[f"id{i}"] = resident_id(rng, AREAS, (1950, 2005))
        seeds[f"address{i}"] = zh.address()
        seeds[f"name{i}"] = zh.name()
    seeds["en-name"] = en.name()
    seeds["landline"] = f"(010) {rng.randint(5000, 8999)}-{rng.randint(1000, 9999)}"
    seeds["us-phone"] = f"+1 650 253 {rng.randint(1000, 9999)}"
    seeds["unionpay"] = card(rng, "622202", 19)
    seeds["visa"] = card(rng, "411111", 16)
    seeds["mastercard"] = card(rng, "510510", 16)
    seeds["amex"] = card(rng, "378282", 15)
    payload = base64.urlsafe_b64encode(b'{"sub":"u1","exp":1}').decode().rstrip("=")
    seeds["jwt"] = f"eyJhbGciOiJIUzI1NiJ9.{payload}.{token(alnum, 43)}"
    seeds["stripe"] = "sk_live_" + token(alnum, 24)
    seeds["aliyun"] = "LTAI5t" + token(alnum, 18)
    return seeds


SEEDS = make_seeds()


def spellings(value: str) -> set[str]:
    """Every way ``value`` could show up in a scrubbed output (as text)."""
    forms = {value, quote(value), quote_plus(value), json.dumps(value)[1:-1]}
    digits = "".join(ch for ch in value if ch.isdigit())
    if len(digits) >= 7 and len(digits) >= 0.6 * len(value):
        forms |= {digits, digits.translate(WIDE), digits[-8:]}
    return {form for form in forms if len(form) >= 4}


def assert_gone(name: str, output: bytes | str) -> None:
    text = output.decode("gb18030", "replace") if isinstance(output, bytes) else output
    leaked = sorted(form for form in spellings(SEEDS[name]) if form in text)
    assert not leaked, f"{name} {SEEDS[name]!r} left as {leaked} in {text!r}"


def encoded_spellings(value: str) -> set[bytes]:
    """``spellings`` as bytes, plus the GBK and GB18030-URL-encoded forms of Chinese values."""
    forms = {form.encode() for form in spellings(value)}
    if any(ord(ch) > 127 for ch in value):
        forms |= {value.encode("gb18030"), quote_plus(value, encoding="gb18030").encode()}
    return forms


def assert_no_seed_in(label: str, data: bytes | str, seeds: dict[str, str] | None = None) -> None:
    """No seed, in any spelling, inside ``data`` (a written file, a printed text, an alert)."""
    blob = data.encode() if isinstance(data, str) else data
    for name, value in (seeds or SEEDS).items():
        for form in encoded_spellings(value):
            assert form not in blob, f"{name} ({form!r}) leaked into {label}"
