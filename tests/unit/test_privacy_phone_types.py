"""Phone pseudonyms typed once and their candidates screened: the same pseudonyms as before.

The fast paths: a number's validity and type come from one ``number_type`` call (valid is any
type but UNKNOWN), and a candidate failing its plan's general pattern or its type's own pattern
is passed over without ``number_type``. The references: ``is_valid_number`` and
``number_type`` on every parse and every candidate (the search as first written, kept in
``test_privacy_pseudonym``), on Faker numbers of fifteen locales in several spellings, every
region's example numbers of every type, and random digit runs.
"""

from __future__ import annotations

import random

import phonenumbers
import pytest
from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard.privacy import Pseudonymizer
from seamguard.privacy.phone_types import type_screen
from seamguard.privacy.pseudonym_digits import _nsn_end, _write_digits
from tests.unit.test_privacy_pseudonym import _reference_fake_nsn

KEY = b"phone-types-key"
_TYPES = [value for name, value in vars(phonenumbers.PhoneNumberType).items()
          if name.isupper() and isinstance(value, int)]
_LOCALES = ["zh_CN", "zh_TW", "en_US", "en_GB", "en_AU", "de_DE", "fr_FR", "ja_JP", "ko_KR",
            "pt_BR", "es_ES", "it_IT", "nl_NL", "ru_RU", "hi_IN"]


def _examples() -> list[phonenumbers.PhoneNumber]:
    numbers = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in _TYPES:
            number = phonenumbers.example_number_for_type(region, kind)
            if number is not None:
                numbers.append(number)
    return numbers


_EXAMPLES = _examples()


def test_a_screened_type_is_never_refused_to_a_number_of_that_type() -> None:
    """Every example number, and random numbers of its length and calling code, pass the
    screen of the type ``number_type`` gives them; the screen refuses some of the others."""
    rng = random.Random(41)
    refused = 0
    for number in _EXAMPLES:
        nsn = phonenumbers.national_significant_number(number)
        trials = [nsn] + [str(rng.randrange(10 ** (len(nsn) - 1), 10 ** len(nsn)))
                          for _ in range(40)]
        for digits in trials:
            trial = phonenumbers.PhoneNumber(country_code=number.country_code,
                                             national_number=int(digits))
            kind = phonenumbers.number_type(trial)
            for wanted in _TYPES:
                screen = type_screen(number.country_code, wanted, len(digits))
                if screen is None:
                    continue
                if kind == wanted:
                    assert screen(digits), (number, digits, wanted)
                elif not screen(digits):
                    refused += 1
    assert refused > 10_000


@pytest.mark.parametrize("number", _EXAMPLES[::3], ids=str)
def test_a_valid_parse_is_one_of_a_known_type(number: phonenumbers.PhoneNumber) -> None:
    """Parsing keeps a number exactly when ``is_valid_number`` would, with its type."""
    pseudonymizer = Pseudonymizer(KEY)
    for form in (phonenumbers.PhoneNumberFormat.E164, phonenumbers.PhoneNumberFormat.NATIONAL,
                 phonenumbers.PhoneNumberFormat.INTERNATIONAL):
        text = phonenumbers.format_number(number, form)
        typed = pseudonymizer._parse_typed(text)
        parsed = phonenumbers.parse(text, "CN")
        if phonenumbers.is_valid_number(parsed):
            assert typed is not None
            assert typed[0] == parsed
            assert typed[1] == phonenumbers.number_type(parsed)
        elif typed is not None:  # (valid only as a Taiwanese mobile, tried second)
            assert phonenumbers.is_valid_number(typed[0])


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_LOCALES), st.integers(0, 10**9),
       st.sampled_from(["as", "+86", "e164", "national"]))
def test_phone_pseudonyms_equal_the_full_search(locale: str, seed: int, spelling: str) -> None:
    fake = Faker(locale)
    fake.seed_instance(seed)
    value = fake.phone_number()
    if spelling == "+86":
        value = "+86 " + Faker("zh_CN").phone_number()
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
    expected = _write_digits(value, _reference_fake_nsn(pseudonymizer, number, canonical),
                             _nsn_end(value, number))
    assert Pseudonymizer(KEY).phone(value) == expected


def test_every_regions_examples_get_the_full_searchs_pseudonym() -> None:
    for number in _EXAMPLES:
        canonical = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        expected = _write_digits(canonical, _reference_fake_nsn(
            Pseudonymizer(KEY), number, canonical), _nsn_end(canonical, number))
        if Pseudonymizer(KEY)._parse_phone(canonical) is not None:
            assert Pseudonymizer(KEY).phone(canonical) == expected, canonical


def test_parses_and_area_codes_remembered_across_pseudonymizers_change_nothing() -> None:
    """A number parsed (and its area code found) for one pseudonymizer is read the same by the
    next, whatever its key; a pseudonymizer of another region reads its own plan."""
    from seamguard.privacy import pseudonym_digits

    values = [Faker(locale).phone_number() for locale in _LOCALES for _ in range(8)]
    values += ["13812345678", "+86 138 1234 5678", "0912-345-678", "(010) 6552 9988"]

    def pseudonyms() -> list[tuple[str, str, bool]]:
        out = []
        for region in ("CN", "US", "TW"):
            fresh = Pseudonymizer(KEY, region=region)
            out += [(region, fresh.phone(value), fresh._own_phone(value)) for value in values]
        return out

    pseudonym_digits._parse_typed.cache_clear()
    pseudonym_digits._AREAS.clear()
    first = pseudonyms()
    assert pseudonym_digits._parse_typed.cache_info().hits > 0  # (checked, then replaced)
    assert pseudonyms() == first
    pseudonym_digits._parse_typed.cache_clear()
    pseudonym_digits._AREAS.clear()
    assert [(region, Pseudonymizer(KEY, region=region).phone(value))
            for region in ("TW", "US", "CN") for value in values] == sorted(
        [(region, phone) for region, phone, _ in first],
        key=lambda item: ("TW", "US", "CN").index(item[0]))
