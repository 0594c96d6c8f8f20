"""A phone's type and area code's length read from phonenumbers' metadata once per plan and
length: the same answers as ``phonenumbers.number_type`` and
``phonenumbers.length_of_geographical_area_code``.

The references are phonenumbers' own functions, on every region's example number of every type,
those numbers with their last digits redrawn (so each plan's types and its neighbours' are met),
numbers of every calling code and length drawn by Hypothesis (shared calling codes such as +1,
+7, +44 and +262 among them, where the region depends on the number), with and without leading
zeros.
"""

from __future__ import annotations

import random

import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard.privacy.phone_types import area_length, kind_of, number_kind

_TYPES = [value for name, value in vars(phonenumbers.PhoneNumberType).items()
          if name.isupper() and isinstance(value, int)]
_CODES = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
_SHARED = [code for code in _CODES if len(phonenumbers.COUNTRY_CODE_TO_REGION_CODE[code]) > 1]


def _examples() -> list[phonenumbers.PhoneNumber]:
    numbers = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in _TYPES:
            number = phonenumbers.example_number_for_type(region, kind)
            if number is not None:
                numbers.append(number)
    for code in phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS:
        number = phonenumbers.example_number_for_non_geo_entity(code)
        if number is not None:
            numbers.append(number)
    return numbers


_EXAMPLES = _examples()


def _same(number: phonenumbers.PhoneNumber) -> None:
    kind = phonenumbers.number_type(number)
    assert number_kind(number) == kind, number
    nsn = phonenumbers.national_significant_number(number)
    assert kind_of(number.country_code, nsn) == kind, number
    area = phonenumbers.length_of_geographical_area_code(number)
    assert area_length(number) == area, number
    assert area_length(number, kind) == area, number


def test_every_example_number_and_its_neighbours_are_typed_as_phonenumbers_types_them() -> None:
    rng = random.Random(10)
    kinds: set[int] = set()
    shared: set[str] = set()
    for number in _EXAMPLES:
        nsn = phonenumbers.national_significant_number(number)
        for cut in range(1, len(nsn) + 1):
            digits = nsn[:cut] + "".join(rng.choice("0123456789") for _ in nsn[cut:])
            trial = phonenumbers.PhoneNumber(country_code=number.country_code,
                                             national_number=int(digits))
            _same(trial)
            kinds.add(phonenumbers.number_type(trial))
            if number.country_code in _SHARED:
                shared.add(str(phonenumbers.region_code_for_number(trial)))
    assert set(_TYPES) <= kinds  # every type met, UNKNOWN too
    assert {"US", "CA", "JM", "RU", "KZ", "GB", "JE", "RE", "YT"} <= shared


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.sampled_from(_CODES), st.sampled_from(_SHARED), st.integers(0, 999)),
       st.integers(1, 17), st.integers(0, 10**17), st.sampled_from([0, 0, 1, 2]))
def test_drawn_numbers_of_every_calling_code_are_typed_as_phonenumbers_types_them(
        code: int, length: int, draw: int, zeros: int) -> None:
    digits = str(draw % 10**length).rjust(length, "0").lstrip("0") or "1"
    number = phonenumbers.PhoneNumber(country_code=code, national_number=int(digits))
    if zeros:
        number.italian_leading_zero = True
        number.number_of_leading_zeros = zeros
    _same(number)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_EXAMPLES), st.integers(0, 10**17), st.integers(0, 16))
def test_example_numbers_with_drawn_tails_are_typed_as_phonenumbers_types_them(
        example: phonenumbers.PhoneNumber, draw: int, keep: int) -> None:
    nsn = phonenumbers.national_significant_number(example)
    keep = min(keep, len(nsn))
    tail = str(draw)[:len(nsn) - keep].rjust(len(nsn) - keep, "0")
    digits = nsn[:keep] + tail
    number = phonenumbers.PhoneNumber(country_code=example.country_code,
                                      national_number=int(digits) or 1)
    if digits.startswith("0"):
        number.italian_leading_zero = True
        number.number_of_leading_zeros = len(digits) - len(digits.lstrip("0"))
    _same(number)


def test_parsed_numbers_with_extensions_keep_their_area_codes() -> None:
    for text, region in (("+44 20 7946 0000 ext. 12", None), ("(010) 6552 9988 ext. 808", "CN"),
                         ("+1 650-253-0000 x123", None), ("+39 06 6982 0000", None)):
        number = phonenumbers.parse(text, region)
        _same(number)
        assert area_length(number) > 0
