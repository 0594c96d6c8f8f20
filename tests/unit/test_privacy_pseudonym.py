"""Pseudonyms: valid, same format, deterministic per key, recognisable, never the real value."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import phonenumbers
import pytest
from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.cn import ric

from seamguard.privacy import Kind, Pseudonymizer, load_key
from seamguard.privacy.detect import fold
from seamguard.privacy.mask import Masker
from seamguard.privacy.policy import PrivacyPolicy
from seamguard.privacy.scrubber import Scrubber

KEY = b"unit-test-key"
P = Pseudonymizer(KEY)
OTHER = Pseudonymizer(b"another project")
_REGIONS = sorted(phonenumbers.SUPPORTED_REGIONS)


def _shape(value: str) -> str:
    """Where the digits are, and every other character."""
    return re.sub(r"\d", "9", fold(value))


@st.composite
def phones(draw: st.DrawFn) -> str:
    region = draw(st.sampled_from(["CN", "CN", "CN", *_REGIONS]))
    kind = draw(st.sampled_from([phonenumbers.PhoneNumberType.MOBILE,
                                 phonenumbers.PhoneNumberType.FIXED_LINE]))
    number = phonenumbers.example_number_for_type(region, kind) or \
        phonenumbers.example_number_for_type("CN", kind)
    form = draw(st.sampled_from([phonenumbers.PhoneNumberFormat.INTERNATIONAL,
                                 phonenumbers.PhoneNumberFormat.E164]))
    text = phonenumbers.format_number(number, form)
    if draw(st.booleans()):
        text = text.translate(str.maketrans("0123456789", "".join(
            chr(0xFF10 + d) for d in range(10))))
    return text


@settings(max_examples=200, deadline=None)
@given(phones())
def test_phone_pseudonyms_are_valid_numbers_of_the_same_shape(phone: str) -> None:
    fake = P.phone(phone)
    assert fake != phone
    assert _shape(fake) == _shape(phone)  # separators, country code position, full width
    real = phonenumbers.parse(fold(phone), "CN")
    parsed = phonenumbers.parse(fold(fake), "CN")
    assert phonenumbers.is_valid_number(parsed)
    assert parsed.country_code == real.country_code
    assert phonenumbers.number_type(parsed) == phonenumbers.number_type(real)
    assert P.is_own(Kind.PHONE, fake)
    assert P.phone(phone) == fake  # deterministic


@pytest.mark.parametrize("phone", ["13812345678", "+86 138 1234 5678", "0086-138-1234-5678",
                                   "(010) 1234-5678", "021-61234567", "+1 415 555 2671",
                                   "14997916833"])
def test_common_spellings(phone: str) -> None:
    fake = P.phone(phone)
    assert _shape(fake) == _shape(phone)
    assert fake != phone
    assert P.is_own(Kind.PHONE, fake)
    assert not P.is_own(Kind.PHONE, phone)


def test_the_same_customer_gets_the_same_pseudonym_in_every_spelling() -> None:
    spellings = ["13812345678", "+86 138 1234 5678", "+8613812345678", "0086 138-1234-5678"]
    digits = {re.sub(r"\D", "", P.phone(s))[-11:] for s in spellings}
    assert len(digits) == 1
    assert OTHER.phone("13812345678") != P.phone("13812345678")  # per project


@settings(max_examples=100, deadline=None)
@given(st.emails())
def test_email_pseudonyms(email: str) -> None:
    fake = P.email(email)
    assert re.fullmatch(r"[a-z]+\.[a-z]+\d{6}@example\.(com|net|org)", fake)
    assert P.is_own(Kind.EMAIL, fake)
    assert P.is_own(Kind.EMAIL, f" {fake.title()} ")
    assert P.email(email.upper()) == fake


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2004, 1, 1)),
       st.integers(min_value=0, max_value=999))
def test_id_number_pseudonyms_are_valid(born: datetime.date, sequence: int) -> None:
    body = f"110105{born:%Y%m%d}{sequence:03d}"
    number = body + ric.calc_check_digit(body + "0")
    fake = P.id_number(number)
    assert ric.is_valid(fake)
    assert fake != number
    assert P.is_own(Kind.ID_NUMBER, fake)
    assert not P.is_own(Kind.ID_NUMBER, number)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["4", "51", "6222", "34", "3528"]), st.integers(13, 19),
       st.randoms(use_true_random=False), st.sampled_from(["", " ", "-"]))
def test_card_pseudonyms_are_luhn_valid_same_length_and_issuer(prefix: str, length: int,
                                                              rng: object, sep: str) -> None:
    middle = "".join(str(rng.randrange(10)) for _ in range(length - len(prefix) - 1))  # type: ignore[attr-defined]
    body = prefix + middle
    digits = body + luhn.calc_check_digit(body)
    card = sep.join(digits[i:i + 4] for i in range(0, len(digits), 4))
    fake = P.card(card)
    fake_digits = re.sub(r"\D", "", fake)
    assert _shape(fake) == _shape(card)
    assert luhn.is_valid(fake_digits)
    assert fake_digits[:6] == digits[:6]
    assert P.is_own(Kind.CARD, fake)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["zh_CN", "en_US"]))
def test_name_and_address_pseudonyms(seed: int, locale: str) -> None:
    fake = Faker(locale)
    fake.seed_instance(seed)
    name = fake.name()
    pseudonym = P.name(name)
    assert pseudonym != name
    assert P.is_own(Kind.NAME, pseudonym)
    family, given_name = P.replace_names(fake.last_name(), fake.first_name())
    assert P.own_names(family, given_name)
    given_only = P.name(fake.first_name(), "given")
    assert P.is_own(Kind.NAME, given_only, "given")
    if locale == "zh_CN":
        assert re.search(r"[\u4e00-\u9fff]", pseudonym)
        address = f"{fake.province()}{fake.city()}{fake.district()}区{fake.street_address()}"
        fake_address = P.address(address)
        assert fake_address.startswith(address[:3])  # the province is kept
    else:
        fake_address = P.address(fake.street_address())
    assert P.is_own(Kind.ADDRESS, fake_address)


def test_recognition_rarely_takes_a_real_value_for_a_pseudonym() -> None:
    fake = Faker("zh_CN")
    fake.seed_instance(7)
    phones = [fake.phone_number() for _ in range(3000)]
    names = [fake.name() for _ in range(3000)]
    emails = [fake.email() for _ in range(3000)]
    assert sum(P.is_own(Kind.PHONE, p) for p in phones) <= 2
    assert sum(P.is_own(Kind.NAME, n) for n in names) == 0
    assert sum(P.is_own(Kind.EMAIL, e) for e in emails) == 0


def test_pseudonymising_is_idempotent_through_the_scrubber() -> None:
    record = {"customer": {"first_name": "伟", "last_name": "张", "name": "张伟",
                           "phone": "+86 138 1234 5678", "email": "zhangwei@example.com",
                           "address1": "上海市浦东新区张江镇碧波路690号",
                           "note": "联系人：李娜 13912345678, 身份证 11010519491231002X"},  # noqa: RUF001
              "card_no": "6222021234567890128"}
    scrubber = Scrubber(PrivacyPolicy.default(), P)
    once = scrubber.value(record)
    assert once != record
    again = Scrubber(PrivacyPolicy.default(), P)
    assert again.value(once) == once
    assert sum(again.counts.values()) == 0
    masked = Scrubber(PrivacyPolicy.default(), Masker()).value(once)
    assert "138" not in str(masked["customer"]["phone"])[5:9]


def test_the_key_comes_from_the_environment_or_a_generated_file(tmp_path: Path) -> None:
    assert load_key(tmp_path, env={"SEAMGUARD_PSEUDONYM_KEY": "s3cret"}) == b"s3cret"
    first = load_key(tmp_path, env={})
    assert len(first) == 64
    assert load_key(tmp_path, env={}) == first
    folder = tmp_path / ".seamguard"
    assert (folder / "pseudonym.key").stat().st_mode & 0o077 == 0
    assert (folder / ".gitignore").read_text().strip().endswith("*")


def test_secrets_are_never_pseudonymised() -> None:
    with pytest.raises(ValueError, match="redacted"):
        P.replace(Kind.SECRET, "hunter22")


def test_init_keeps_the_pseudonym_key_out_of_git(tmp_path: Path) -> None:
    from seamguard.scaffold import create_project

    (tmp_path / ".gitignore").write_text("node_modules/", encoding="utf-8")
    create_project(tmp_path)
    assert (tmp_path / ".gitignore").read_text("utf-8").splitlines()[-1] == ".seamguard/"
    fresh = tmp_path / "fresh"
    created = create_project(fresh)
    assert fresh / ".gitignore" in created
    assert ".seamguard/" in (fresh / ".gitignore").read_text("utf-8").splitlines()


def _reference_fake_nsn(pseudonymizer: Pseudonymizer, number: phonenumbers.PhoneNumber,
                        canonical: str) -> str:
    """The phone pseudonym's national number as first written: every length looked up first."""
    from seamguard.privacy.pseudonym import _check_digits

    nsn = phonenumbers.national_significant_number(number)
    country = number.country_code
    wanted = phonenumbers.number_type(number)
    check = pseudonymizer._phone_check(nsn)
    area = phonenumbers.length_of_geographical_area_code(number)
    destination = phonenumbers.length_of_national_destination_code(number)
    candidate = nsn
    for keep in dict.fromkeys((area or 1, destination, len(nsn) - check - 1)):
        keep = max(1, min(keep, len(nsn) - check))
        free = len(nsn) - keep - check
        for counter in range(150):
            head = nsn[:keep] + pseudonymizer._digits("phone", canonical, free, counter)
            candidate = head + _check_digits("phone", f"{country}:{head}", check)
            trial = phonenumbers.PhoneNumber(country_code=country, national_number=int(candidate))
            if candidate[0] != "0" and candidate != nsn and \
                    phonenumbers.is_valid_number(trial) and \
                    phonenumbers.number_type(trial) == wanted:
                return candidate
    return candidate


_LOCALES = ["zh_CN", "zh_TW", "en_US", "en_GB", "en_AU", "de_DE", "fr_FR", "ja_JP", "ko_KR",
            "pt_BR", "es_ES", "it_IT", "nl_NL", "ru_RU", "hi_IN"]
_FULL_WIDTH = str.maketrans("0123456789+-()", "".join(chr(0xFF10 + d) for d in range(10))
                            + "\uff0b\uff0d\uff08\uff09")


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_LOCALES), st.integers(0, 10**9), st.sampled_from(
    ["as", "+86", "0086", "full", "dashes", "e164", "national"]))
def test_phone_pseudonyms_equal_the_first_written_search(locale: str, seed: int,
                                                         spelling: str) -> None:
    """The destination code's length is looked up only when the area code does not serve:
    every pseudonym stays what the search that looked everything up first gives."""
    fake = Faker(locale)
    fake.seed_instance(seed)
    value = fake.phone_number()
    if spelling in ("+86", "0086"):
        value = spelling + " " + Faker("zh_CN").phone_number()
    elif spelling == "full":
        value = value.translate(_FULL_WIDTH)
    elif spelling == "dashes":
        value = re.sub(r"(\d{3})(\d{4})(\d{4})$", r"\1-\2-\3", value)
    pseudonymizer = Pseudonymizer(KEY)
    number = pseudonymizer._parse_phone(value)
    if number is None:
        return
    if spelling in ("e164", "national"):
        form = phonenumbers.PhoneNumberFormat.E164 if spelling == "e164" \
            else phonenumbers.PhoneNumberFormat.NATIONAL
        value = phonenumbers.format_number(number, form)
        number = pseudonymizer._parse_phone(value)
        if number is None:
            return
    canonical = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    assert pseudonymizer._fake_nsn(number, canonical) == \
        _reference_fake_nsn(pseudonymizer, number, canonical)


def test_the_phone_search_falls_back_to_the_destination_code_as_before(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Numbers whose first search (by area code) fails, as the reference sees them."""
    looked_up: list[object] = []
    destination = phonenumbers.length_of_national_destination_code

    def counted(number: phonenumbers.PhoneNumber) -> int:
        looked_up.append(number)
        return destination(number)

    checked = 0
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE):
            number = phonenumbers.example_number_for_type(region, kind)
            if number is None:
                continue
            canonical = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            expected = _reference_fake_nsn(P, number, canonical)
            with monkeypatch.context() as patch:
                patch.setattr(phonenumbers, "length_of_national_destination_code", counted)
                assert P._fake_nsn(number, canonical) == expected
            checked += 1
    assert checked > 400
    assert len(looked_up) >= 10  # the fallback itself was taken, and agreed


@pytest.mark.parametrize("card_no", [
    "6222020202020202020", "4111 1111 1111 1111", "1234567890123456",  # card-length
    "PDD8899001122", "abc-123-card", "88990011",  # shorter: a voucher code, a note
])
def test_what_a_card_key_holds_is_scanned_clean_once_recorded(tmp_path: Path,
                                                              card_no: str) -> None:
    """Recording and scan agree on a card key's value, whatever its length: a recorded
    voucher code of ten digits (PDD's card_info_list) is not flagged as a card afterwards."""
    from seamguard.privacy import TrafficScrubber
    from seamguard.privacy.scan import scan_files

    scrubber = TrafficScrubber(PrivacyPolicy(), Pseudonymizer(b"k" * 32))
    body = json.dumps({"card_info_list": [{"card_no": card_no}]})
    recorded = json.loads(scrubber.body(body, {"Content-Type": ["application/json"]}))
    written = recorded["card_info_list"][0]["card_no"]
    if sum(ch.isdigit() for ch in card_no) >= 12:
        assert written != card_no  # a card-length number is replaced
    path = tmp_path / "orders.json"
    path.write_text(json.dumps(recorded))
    assert list(scan_files([path])) == []


def test_a_key_set_in_another_encoding_is_used_as_its_bytes(tmp_path: Path) -> None:
    # what Python makes of the bytes b"k\xff\xfe" in an environment variable
    key = load_key(tmp_path, env={"SEAMGUARD_PSEUDONYM_KEY": "k\udcff\udcfe"})
    assert key == b"k\xff\xfe"


def _common_real_names() -> set[str]:
    from faker.providers.person.zh_CN import Provider

    return {family + given for family in Provider.last_names for given in Provider.first_names}


def test_chinese_name_pseudonyms_never_hold_a_common_real_name() -> None:
    # A pseudonym drawn from common given characters held somebody else's name (公孙 + 柳 + …
    # holds 孙柳): a replaced value then read as a real name planted beside it.
    from faker.providers.person.zh_CN import Provider

    from seamguard.privacy.pseudonym import ZH_GIVEN_CHARS

    common = {char for name in (*Provider.first_names, *Provider.last_names) for char in name}
    assert not common & set(ZH_GIVEN_CHARS)
    real = _common_real_names()
    faker = Faker("zh_CN")
    faker.seed_instance(7714)
    for index in range(400):
        name = faker.name()
        for replacer in (P, OTHER, Pseudonymizer(f"project {index}".encode())):
            for part in (None, "given"):
                fake = replacer.name(name, part)  # type: ignore[arg-type]
                held = {fake[start:end] for start in range(len(fake))
                        for end in range(start + 2, len(fake) + 1)}
                assert not held & real, (name, fake, held & real)
                assert replacer.is_own(Kind.NAME, fake, part)  # type: ignore[arg-type]
                assert replacer.name(fake, part) != name  # type: ignore[arg-type]
