# ruff: noqa: RUF001
"""A seventh seeded corpus: the kinds and shapes the earlier ones leave out.

* Faker's ``fr_FR``, ``es_ES``, ``pt_BR``, ``ru_RU``, ``vi_VN``, ``th_TH``, ``id_ID``, ``en_AU``,
  ``en_IN``, ``it_IT`` and ``nl_NL`` names, phones, e-mails and street lines, in sentences of
  their language and under the keys their platforms use (Faker has no ``zh_HK``: Hong Kong
  values are drawn here, an HKID with its check digit, an eight-digit mobile, a romanised name);
* Hong Kong, Taiwan and Macau ID numbers after an ID word, passports under odd keys, IBANs
  (Faker's, valid per ``stdnum.iban``), Chinese mobiles split by blanks, dots and dashes in odd
  groupings, a mobile in Chinese numerals;
* e-mails with plus-tags, IDN domains (Unicode and punycode) and quoted local parts;
* secrets in custom headers (``X-Acs-Signature``, ``Authorization: Basic``, ``Cookie``), under
  ``client_secret``, as ``app_key`` + ``appSecret`` in a URL;
* values in deeply nested arrays, JSON in a form field inside XML, personal data as JSON keys,
  multipart bodies, and GB18030 and Big5 bodies declared as UTF-8 and Latin-1.

Every carrier goes through the harness of :mod:`tests.support.seven_locale_pii` (the vcrpy hooks,
``seamguard privacy scan`` and ``privacy scrub`` on a raw cassette) and the report masks
(``mask_text``, ``mask_value``). Benign look-alikes travel with them — order ids, tracking
numbers, SKUs, timestamps, amounts, ISO dates, UUIDs, hashes, version strings — and each one
that does not survive a path is a false replacement.

``python -m tests.support.world_pii [SEED ...]`` prints leaks and false replacements by path,
carrier and seed.
"""

from __future__ import annotations

import base64
import json
import random
import string
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, quote_plus, urlencode

from faker import Faker

from tests.support.fresh_pii import report_seeds
from tests.support.pii_dataset import card
from tests.support.seven_locale_pii import Seed, _text, spellings, through_cli, through_hooks

LOCALES = ("fr_FR", "es_ES", "pt_BR", "ru_RU", "vi_VN", "th_TH", "id_ID", "en_AU", "en_IN",
           "it_IT", "nl_NL")
SEEDS = (8101, 8102, 8103)

# Benign look-alikes: every path must keep them as they are.
LOOKALIKES = {
    "order_id": "5829461287005", "tracking_no": "YT2412345678901", "ups": "1Z999AA10123456784",
    "jd_waybill": "JDVA01234567890", "sku": "SKU-8841-BLU-XL", "ean": "4006381333931",
    "ts_ms": "1733456789012", "ts": "2026-12-06 08:10:00", "iso_date": "2026-12-06",
    "amount": "12345678.90", "price": "¥1,299.00", "uuid": "3f2b8c1e-9a4d-4e6f-b1c2-7d8e9f0a1b2c",
    "md5": "9e107d9d372bb6826bd81d3542a419d6",
    "sha1": "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12",
    "version": "10.0.19045.2965", "semver": "v2.13.104", "batch": "LOT 2024 1130",
    "invoice": "INV-2026-000417", "ip": "192.168.10.24",
}

# Sentences per locale, with its language's labels.
_SENTENCES = {
    "fr_FR": "Destinataire : {name}, {street}. Tél. {phone}, e-mail {email}",
    "es_ES": "Destinatario: {name}, {street}. Teléfono {phone}, correo {email}",
    "pt_BR": "Destinatário: {name}, {street}. Telefone {phone}, e-mail {email}",
    "ru_RU": "Получатель: {name}, адрес: {street}, телефон {phone}, почта {email}",
    "vi_VN": "Người nhận: {name}, địa chỉ: {street}, điện thoại {phone}, email {email}",
    "th_TH": "ผู้รับ: {name} ที่อยู่: {street} โทร {phone} อีเมล {email}",
    "id_ID": "Penerima: {name}, alamat: {street}, telepon {phone}, email {email}",
    "en_AU": "Deliver to {name}, {street}. Mobile {phone}, email {email}",
    "en_IN": "Ship to {name}, {street}. Phone {phone}, email {email}",
    "it_IT": "Destinatario: {name}, {street}. Telefono {phone}, email {email}",
    "nl_NL": "Ontvanger: {name}, {street}. Telefoon {phone}, e-mail {email}",
}
# The keys a platform of that locale might use for the same values.
_KEYS = {
    "fr_FR": ("nom_client", "tel", "courriel", "adresse"),
    "es_ES": ("nombre", "movil", "correo", "direccion"),
    "pt_BR": ("nome", "celular", "email", "endereco"),
    "ru_RU": ("fio", "telefon", "pochta", "adres"),
    "vi_VN": ("to_name", "to_phone", "email", "to_address"),  # as Vietnamese carriers' APIs
    "th_TH": ("dstName", "dstPhone", "dstEmail", "dstDetailAddress"),  # as Thai carriers' APIs
    "id_ID": ("nama", "telepon", "surel", "alamat"),
    "en_AU": ("customer", "mobile", "email", "street"),
    "en_IN": ("customer_name", "phone", "email", "address_line"),
    "it_IT": ("nominativo", "cellulare", "email", "indirizzo"),
    "nl_NL": ("naam", "telefoon", "email", "adres"),
}


def _hkid(rng: random.Random) -> str:
    letter = rng.choice("ACDEGHKMPRVYZ")
    digits = "".join(str(rng.randint(0, 9)) for _ in range(6))
    values = [36, ord(letter) - 55] + [int(d) for d in digits]
    check = -sum(v * w for v, w in zip(values, range(9, 1, -1), strict=True)) % 11
    return f"{letter}{digits}({'A' if check == 10 else check})"


def _twid(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPQRSTUVXYWZIO"
    letter = rng.choice(letters[:20])
    code = letters.index(letter) + 10
    body = str(rng.choice((1, 2))) + "".join(str(rng.randint(0, 9)) for _ in range(7))
    values = [code // 10, code % 10] + [int(d) for d in body]
    total = sum(v * w for v, w in zip(values, (1, 9, 8, 7, 6, 5, 4, 3, 2, 1), strict=True))
    return f"{letter}{body}{-total % 10}"


def _cn_mobile(rng: random.Random) -> str:
    """Eleven digits phonenumbers holds a valid Chinese mobile number."""
    import phonenumbers

    while True:
        digits = f"1{rng.choice('3456789')}{rng.randint(0, 9)}{rng.randint(10**7, 10**8 - 1)}"
        number = phonenumbers.parse(digits, "CN")
        if phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE:
            return digits


def _split_mobile(rng: random.Random) -> list[str]:
    digits = _cn_mobile(rng)
    return [f"{digits[:3]} {digits[3:7]} {digits[7:]}", f"{digits[:3]}.{digits[3:7]}.{digits[7:]}",
            f"{digits[:4]}-{digits[4:7]}-{digits[7:]}", f"{digits[:3]}-{digits[3:5]}-"
            f"{digits[5:8]}-{digits[8:]}", f"+86 {digits[:3]} {digits[3:7]} {digits[7:]}",
            f"(+86){digits}", f"{digits[:2]} {digits[2:5]} {digits[5:8]} {digits[8:]}"]


_NUMERALS = "〇一二三四五六七八九"


def _valid_phone(faker: Faker, locale: str) -> str:
    """Faker's next number that phonenumbers holds a valid personal number of the locale's
    region (some locales' formats write impossible numbers, ``00 2430290``, or shared-cost
    ones, ``+34 901 710 001``: no one's phone)."""
    import phonenumbers

    from seamguard.privacy.phones import personal_types

    region = locale.split("_")[1]
    for _ in range(200):
        number = faker.phone_number()
        try:
            parsed = phonenumbers.parse(number, region)
            if phonenumbers.is_valid_number(parsed) and \
                    phonenumbers.number_type(parsed) in personal_types():
                return number
        except phonenumbers.NumberParseException:
            continue
    raise RuntimeError(f"Faker's {locale} wrote no valid number in 200 tries")


def _hk_mobile(rng: random.Random) -> str:
    import phonenumbers

    while True:
        digits = f"{rng.choice('5679')}{rng.randint(10**6, 10**7 - 1)}"
        number = phonenumbers.parse(digits, "HK")
        if phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE:
            return f"{digits[:4]} {digits[4:]}"


def make_seeds(seed: int) -> list[Seed]:
    """Fresh values for one seed (see the module docstring)."""
    rng = random.Random(seed)
    seeds: list[Seed] = []
    for locale in LOCALES:
        faker = Faker(locale)
        faker.seed_instance(seed)
        seeds += [Seed(f"{locale}/name", "name", faker.name()),
                  Seed(f"{locale}/phone", "phone", _valid_phone(faker, locale)),
                  Seed(f"{locale}/email", "email", faker.email()),
                  Seed(f"{locale}/street", "address", faker.street_address())]
    iban = Faker("nl_NL")
    iban.seed_instance(seed)
    letters = string.ascii_letters + string.digits
    secret = "".join(rng.choice(letters) for _ in range(32))
    mobile = _cn_mobile(rng)
    seeds += [Seed(f"cn-split/{index}", "phone", value)
              for index, value in enumerate(_split_mobile(rng))]
    seeds += [
        Seed("cn-numerals", "phone", "".join(_NUMERALS[int(d)] for d in mobile)),
        Seed("hk/name", "name", rng.choice(("Chan Tai Man", "Wong Siu Ming", "Lee Ka Yan"))),
        Seed("hk/mobile", "phone", _hk_mobile(rng)),
        Seed("hkid", "id", _hkid(rng)), Seed("twid", "id", _twid(rng)),
        Seed("moid", "id", f"{rng.choice('157')}{rng.randint(10**5, 10**6 - 1)}"
                           f"({rng.randint(0, 9)})"),
        Seed("passport", "id", f"E{rng.randint(10**7, 10**8 - 1)}"),
        Seed("iban/nl", "account", iban.iban()),
        Seed("iban/de", "account", Faker("de_DE").iban()),
        Seed("iban/fr-grouped", "account", " ".join(
            (lambda v: [v[i:i + 4] for i in range(0, len(v), 4)])(Faker("fr_FR").iban()))),
        Seed("email/plus", "email", f"li.wei+shop{rng.randint(1, 99)}@gmail.com"),
        Seed("email/idn", "email", f"zhang{rng.randint(10, 99)}@例子.中国"),
        Seed("email/idn-latin", "email", f"jürgen.{rng.randint(10, 99)}@müller-shop.de"),
        Seed("email/punycode", "email", f"user{rng.randint(10, 99)}@xn--fsqu00a.xn--fiqs8s"),
        Seed("email/quoted", "email", f'"john doe {rng.randint(1, 9)}"@example.org'),
        Seed("card", "card", card(rng, rng.choice(["622848", "4", "51"]), 16)),
        Seed("acs-signature", "secret", base64.b64encode(rng.randbytes(20)).decode()),
        Seed("basic", "secret", base64.b64encode(
            f"shop{rng.randint(1, 99)}:{secret[:12]}".encode()).decode()),
        Seed("cookie-session", "secret", "".join(rng.choice(letters) for _ in range(40))),
        Seed("client-secret", "secret", secret),
        Seed("app-secret", "secret", "".join(rng.choice(string.hexdigits.lower())
                                             for _ in range(32))),
    ]
    return seeds


def _by_name(seeds: list[Seed]) -> dict[str, str]:
    return {seed.name: seed.value for seed in seeds}


def sentences(seeds: list[Seed]) -> list[str]:
    """Each locale's seeds in a sentence of its language, and the other shapes in notes."""
    s = _by_name(seeds)
    out = [template.format(**{part: s[f"{locale}/{part}"]
                              for part in ("name", "phone", "email", "street")})
           for locale, template in _SENTENCES.items()]
    splits = "，".join(s[f"cn-split/{index}"] for index in range(7))
    out += [f"买家留言：手机 {splits}；中文写法 {s['cn-numerals']}",
            f"收件人：{s['hk/name']}，{s['hk/mobile']}，香港身份證 {s['hkid']}",
            f"身分證字號 {s['twid']}，澳門身份證 {s['moid']}，护照号 {s['passport']}",
            f"IBAN {s['iban/fr-grouped']}; refund to {s['iban/de']}",
            f"mail {s['email/plus']} / {s['email/idn']} / {s['email/idn-latin']} / "
            f"{s['email/punycode']} / {s['email/quoted']}",
            f"order {LOOKALIKES['order_id']} {LOOKALIKES['tracking_no']} {LOOKALIKES['sku']} "
            f"{LOOKALIKES['ts']} {LOOKALIKES['amount']} {LOOKALIKES['version']}"]
    return out


def record(seeds: list[Seed]) -> dict[str, Any]:
    """One order: locale keys, odd keys, nested arrays, personal data as keys, secrets."""
    s = _by_name(seeds)
    notes = sentences(seeds)
    rec: dict[str, Any] = dict(LOOKALIKES)
    for locale, keys in _KEYS.items():
        rec[locale] = {key: s[f"{locale}/{part}"]
                       for key, part in zip(keys, ("name", "phone", "email", "street"),
                                            strict=True)}
    rec.update({
        "doc": s["passport"], "pp": s["passport"], "travel_doc_no": s["passport"],
        "hk_doc": s["hkid"], "iban": s["iban/nl"], "payout": {"acct": s["iban/de"]},
        "notify": [[[[{"v": s["cn-split/0"]}, [s["email/plus"], [s["hk/mobile"]]]]]]],
        "index": {s["email/idn-latin"]: {"orders": 3}, s["cn-split/5"]: {"orders": 1}},
        "oauth": {"client_id": "shop-app-01", "client_secret": s["client-secret"]},
        "notes": notes,
    })
    return rec


def carriers(seeds: list[Seed]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(carrier, interaction) pairs as a cassette stores them."""
    s = _by_name(seeds)
    rec = record(seeds)
    notes = sentences(seeds)
    base = "https://gw.shop.example.com"

    def interaction(body: bytes | str, content_type: str, *,
                    request_headers: dict[str, list[str]] | None = None,
                    uri: str = f"{base}/router/rest") -> dict[str, Any]:
        return {"request": {"method": "POST", "uri": uri, "body": body,
                            "headers": {"Content-Type": [content_type], **(request_headers or {})}},
                "response": {"status": {"code": 200, "message": "OK"},
                             "headers": {"Content-Type": [content_type]},
                             "body": {"string": body}}}

    yield "json", interaction(json.dumps(rec, ensure_ascii=False), "application/json")
    form = urlencode({"method": "shop.order.get", "data": json.dumps(
        {"mobile": s["cn-split/2"], "buyer": s["fr_FR/name"], "mail": s["email/quoted"]},
        ensure_ascii=False), "note": notes[11], **LOOKALIKES})
    xml = (f'<?xml version="1.0" encoding="UTF-8"?><request><form>{_xml_escape(form)}</form>'
           f"<memo>{_xml_escape(notes[13])}</memo><sku>{LOOKALIKES['sku']}</sku></request>")
    yield "form-in-xml", interaction(xml, "application/xml")
    parts = [("meta", "application/json", json.dumps(rec["en_AU"])),
             ("note", "text/plain; charset=utf-8", notes[0] + "\n" + notes[12]),
             ("order_id", "text/plain", LOOKALIKES["order_id"])]
    multipart = "".join(f'--XyZ\r\nContent-Disposition: form-data; name="{name}"\r\n'
                        f"Content-Type: {kind}\r\n\r\n{value}\r\n" for name, kind, value in parts)
    yield "multipart", interaction((multipart + "--XyZ--\r\n").encode(),
                                   "multipart/form-data; boundary=XyZ")
    cn = {"收件人": "王建国", "手机": s["cn-split/1"], "备注": notes[11],
          "order_id": LOOKALIKES["order_id"], "amount": LOOKALIKES["amount"]}
    yield "gb18030-as-utf8", interaction(json.dumps(cn, ensure_ascii=False).encode("gb18030"),
                                         "application/json; charset=utf-8")
    tw = (f"收件人：陳美玲 電話 {s['hk/mobile']} 身分證字號 {s['twid']} "
          f"訂單 {LOOKALIKES['order_id']}")
    yield "big5-as-latin1", interaction(tw.encode("big5"), "text/plain; charset=iso-8859-1")
    yield "headers", interaction("{}", "application/json", request_headers={
        "X-Acs-Signature": [s["acs-signature"]],
        "Authorization": [f"Basic {s['basic']}"],
        "Cookie": [f"sessionid={s['cookie-session']}; lang=zh-CN; tel={quote(s['cn-split/4'])}"],
        "X-Request-Id": [LOOKALIKES["uuid"]]})
    query = urlencode({"app_key": "23456789", "appSecret": s["app-secret"],
                       "pp_no": s["passport"], "e": s["email/plus"], "etag": LOOKALIKES["md5"],
                       "sign": "7F3A9C0D2B4E6F8A1C3E5D7B9F0A2C4E",
                       "v": "2.0", "timestamp": LOOKALIKES["ts"]})
    yield "query", interaction("", "text/plain", uri=f"{base}/router/rest?{query}")
    for locale in LOCALES:
        yield f"json/{locale}", interaction(json.dumps(
            {**rec[locale], "order_id": LOOKALIKES["order_id"]}, ensure_ascii=False),
            "application/json")


def _xml_escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _readable(data: Any) -> Any:
    """Bytes decoded every way a reader might (UTF-8, GB18030, Big5), for the leak search."""
    if isinstance(data, bytes):
        return " ".join(data.decode(codec, "replace") for codec in ("utf-8", "gb18030", "big5"))
    if isinstance(data, dict):
        return {_readable(k): _readable(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [_readable(item) for item in data]
    return data


def _seed_forms(seed: Seed) -> set[str]:
    forms = spellings(seed)
    if seed.kind == "account":  # an IBAN written without its blanks too
        forms.add(seed.value.replace(" ", ""))
    if seed.kind == "email" and "@" in seed.value:
        forms.add(seed.value.split("@")[0].strip('"'))
    return forms


def _kept_forms(value: str) -> tuple[str, ...]:
    return (value, quote(value), quote_plus(value), quote(value, safe=""),
            _xml_escape(value), json.dumps(value)[1:-1])


@dataclass
class Measure:
    """Leaks and false replacements, by (path, carrier)."""

    leaks: list[tuple[str, str, str]]
    lost: list[tuple[str, str, str]]


def measure(seed: int) -> Measure:
    """Run one seed's corpus through every path."""
    from seamguard.privacy import mask_text, mask_value

    seeds = make_seeds(seed)
    pairs = list(carriers(seeds))
    outputs: dict[tuple[str, str], str] = {}
    for name, item in pairs:
        outputs["hooks", name] = through_hooks(item, key=b"world-corpus")
    scrubbed, cli_output = through_cli(pairs)
    for name, text in scrubbed.items():
        outputs["privacy scrub", name] = text
    outputs["privacy scan/scrub output", "cli"] = cli_output
    for index, sentence in enumerate(sentences(seeds)):
        outputs["mask_text", f"sentence{index}"] = mask_text(sentence)
    outputs["mask_value", "record"] = json.dumps(mask_value(record(seeds)), ensure_ascii=False)
    leaks = [(path, carrier, seed_.name) for (path, carrier), text in outputs.items()
             for seed_ in seeds if any(form in text for form in _seed_forms(seed_))]
    raw = {name: _text(_readable(item)) for name, item in pairs}
    raw.update({f"sentence{index}": text for index, text in enumerate(sentences(seeds))})
    raw["record"] = json.dumps(record(seeds), ensure_ascii=False)
    lost = [(path, carrier, value) for (path, carrier), text in outputs.items()
            if carrier in raw for value in LOOKALIKES.values()
            if any(form in raw[carrier] for form in _kept_forms(value))
            and not any(form in text for form in _kept_forms(value))]
    return Measure(leaks, lost)


def main(argv: list[str]) -> None:
    report_seeds(measure, [int(arg) for arg in argv] or list(SEEDS), width=18)


if __name__ == "__main__":
    main(sys.argv[1:])
