"""A quick necessary test for "this national number is of that type", from phonenumbers' metadata.

A phone pseudonym tries keyed candidates until one has the type of the number it replaces
(``phonenumbers.number_type``, about 13 µs a call: every type's pattern in turn). A number of a
type matches the plan's general pattern and that type's own pattern (for fixed line or mobile,
the fixed-line one), each with its possible lengths: a candidate failing either is not of the
type, and one regular expression tells it. Candidates passing it are still typed by
``phonenumbers.number_type``, so the pseudonym is the one the full check picks.

:func:`number_kind` gives ``phonenumbers.number_type``'s answer itself, from the same metadata
read once per plan and length: the region of the calling code (by its leading digits, or the
first whose plan the number fits, where regions share a code), the plan's general pattern, then
each type's pattern with its possible lengths in phonenumbers' order. :func:`area_length` gives
``phonenumbers.length_of_geographical_area_code`` likewise, asking phonenumbers only for the
destination code's length where the answer is not 0 by the number's type and plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

__all__ = ["area_length", "number_kind", "type_screen"]

# Each type's description in a plan's metadata (fixed line or mobile: the fixed-line one, which
# phonenumbers matches before it looks at the mobile one).
_DESCRIPTIONS = {
    "PREMIUM_RATE": "premium_rate", "TOLL_FREE": "toll_free", "SHARED_COST": "shared_cost",
    "VOIP": "voip", "PERSONAL_NUMBER": "personal_number", "PAGER": "pager", "UAN": "uan",
    "VOICEMAIL": "voicemail", "FIXED_LINE": "fixed_line", "FIXED_LINE_OR_MOBILE": "fixed_line",
    "MOBILE": "mobile",
}


def _matcher(description: Any, length: int) -> re.Pattern[str] | None:
    """The description's pattern where a number of ``length`` digits may match it; None where
    none may (no description, no pattern, or a length it does not allow)."""
    if description is None:
        return None
    lengths = description.possible_length
    if lengths and length not in lengths:
        return None
    pattern = description.national_number_pattern
    return re.compile(pattern) if pattern else None


def _never(candidate: str) -> bool:
    return False


@lru_cache(maxsize=1024)
def type_screen(country: int, wanted: int, length: int) -> Callable[[str], bool] | None:
    """A test that national numbers of ``length`` digits of calling code ``country`` pass when
    they may be of type ``wanted`` (and fail only when they are not); None where no quick test
    is known (calling codes several regions share, where the region depends on the number)."""
    import phonenumbers
    from phonenumbers import PhoneMetadata, PhoneNumberType

    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(country)
    names = {getattr(PhoneNumberType, name): attribute
             for name, attribute in _DESCRIPTIONS.items()}
    if not regions or len(regions) != 1 or wanted not in names:
        return None
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(country, regions[0])
    if metadata is None:
        return None
    general = _matcher(metadata.general_desc, length)
    own = _matcher(getattr(metadata, names[wanted], None), length)
    if general is None or own is None:
        return _never
    general_match, own_match = general.fullmatch, own.fullmatch

    def may_be(candidate: str) -> bool:
        return general_match(candidate) is not None and own_match(candidate) is not None

    return may_be


# The types phonenumbers tries, in its order, after the general pattern and before the fixed
# line and mobile ones.
_ORDERED = ("PREMIUM_RATE", "TOLL_FREE", "SHARED_COST", "VOIP", "PERSONAL_NUMBER", "PAGER",
            "UAN", "VOICEMAIL")
_Typer = Callable[[str], int]
_TYPERS: dict[tuple[int, int], tuple[Any, _Typer]] = {}


def _desc_test(description: Any, length: int) -> Callable[[str], Any] | None:
    """phonenumbers' "the number matches this description" for numbers of ``length`` digits
    (None where none can: no description, a length it does not allow, no pattern)."""
    if description is None:
        return None
    lengths = description.possible_length
    if len(lengths) > 0 and length not in lengths:
        return None
    pattern = description.national_number_pattern
    if pattern is None or len(pattern) == 0:
        return None
    return re.compile(pattern).fullmatch


def _build_typer(metadata: Any, length: int) -> _Typer:
    from phonenumbers import PhoneNumberType as T

    unknown = T.UNKNOWN
    general = _desc_test(metadata.general_desc, length)
    if general is None:
        return lambda nsn: unknown
    ordered: tuple[tuple[Callable[[str], Any], int], ...] = tuple(
        (test, getattr(T, name)) for name in _ORDERED
                    if (test := _desc_test(getattr(metadata, name.lower()), length)) is not None)
    fixed = _desc_test(metadata.fixed_line, length)
    mobile = _desc_test(metadata.mobile, length)
    same = bool(metadata.same_mobile_and_fixed_line_pattern)

    def typer(nsn: str) -> int:
        if general(nsn) is None:
            return unknown
        for test, kind in ordered:
            if test(nsn) is not None:
                return kind
        if fixed is not None and fixed(nsn) is not None:
            if same or (mobile is not None and mobile(nsn) is not None):
                return T.FIXED_LINE_OR_MOBILE
            return T.FIXED_LINE
        if not same and mobile is not None and mobile(nsn) is not None:
            return T.MOBILE
        return unknown

    return typer


def _typer(metadata: Any, length: int) -> _Typer:
    key = (id(metadata), length)
    held = _TYPERS.get(key)
    if held is None or held[0] is not metadata:
        if len(_TYPERS) >= 4096:
            _TYPERS.clear()
        held = _TYPERS[key] = (metadata, _build_typer(metadata, length))
    return held[1]


@lru_cache(maxsize=1024)
def _leading(pattern: str) -> Callable[[str], Any]:
    return re.compile(pattern).match


def _region(country: int, nsn: str) -> str | None:
    """``phonenumbers.region_code_for_number`` of the number ``nsn`` of calling code
    ``country``."""
    import phonenumbers
    from phonenumbers import PhoneMetadata, PhoneNumberType

    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(country)
    if regions is None:
        return None
    if len(regions) == 1:
        return regions[0]
    for region in regions:
        metadata = PhoneMetadata.metadata_for_region(region.upper(), None)
        if metadata is None:
            continue
        if metadata.leading_digits is not None:
            if _leading(metadata.leading_digits)(nsn):
                return region
        elif _typer(metadata, len(nsn))(nsn) != PhoneNumberType.UNKNOWN:
            return region
    return None


# The test of a calling code one region has, per length (its region and plan do not depend on
# the number); None for a code regions share.
_DIRECT: dict[tuple[int, int], _Typer | None] = {}


def kind_of(country: int, nsn: str) -> int:
    """``phonenumbers.number_type`` of the number of calling code ``country`` whose national
    significant number is ``nsn``."""
    key = (country, len(nsn))
    if key in _DIRECT:
        direct = _DIRECT[key]
    else:
        if len(_DIRECT) >= 4096:
            _DIRECT.clear()
        direct = _DIRECT[key] = _direct(country, len(nsn))
    return _kind_of(country, nsn) if direct is None else direct(nsn)


def _direct(country: int, length: int) -> _Typer | None:
    import phonenumbers
    from phonenumbers import PhoneMetadata, PhoneNumberType

    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(country)
    if regions is None or len(regions) != 1:
        return None
    metadata = PhoneMetadata.metadata_for_region_or_calling_code(country, regions[0])
    if metadata is None:
        unknown = PhoneNumberType.UNKNOWN
        return lambda nsn: unknown
    return _typer(metadata, length)


def _kind_of(country: int, nsn: str) -> int:
    from phonenumbers import PhoneMetadata, PhoneNumberType

    region = _region(country, nsn)
    metadata = None if region is None else \
        PhoneMetadata.metadata_for_region_or_calling_code(country, region)
    if metadata is None:  # (phonenumbers finds none for no region either)
        return PhoneNumberType.UNKNOWN
    return _typer(metadata, len(nsn))(nsn)


def number_kind(number: Any) -> int:
    """``phonenumbers.number_type(number)``, from the metadata read once per plan and length."""
    import phonenumbers

    return kind_of(number.country_code, phonenumbers.national_significant_number(number))


def area_length(number: Any, kind: int | None = None) -> int:
    """``phonenumbers.length_of_geographical_area_code(number)`` (``kind``: the number's type,
    when known)."""
    import phonenumbers
    from phonenumbers import PhoneMetadata, phonenumberutil

    util: Any = phonenumberutil  # (its country sets are not in its type stubs)

    country = number.country_code
    nsn = phonenumbers.national_significant_number(number)
    region = _region(country, nsn)
    metadata = None if region is None else PhoneMetadata.metadata_for_region(region, None)
    if metadata is None:
        return 0
    if kind is None:
        kind = kind_of(country, nsn)
    if metadata.national_prefix is None and not number.italian_leading_zero and \
            country not in util._COUNTRIES_WITHOUT_NATIONAL_PREFIX_WITH_AREA_CODES:
        return 0
    if kind == phonenumbers.PhoneNumberType.MOBILE and \
            country in util._GEO_MOBILE_COUNTRIES_WITHOUT_MOBILE_AREA_CODES:
        return 0
    if not util.is_number_type_geographical(kind, country):
        return 0
    return phonenumbers.length_of_national_destination_code(number)
