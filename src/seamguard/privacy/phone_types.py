"""A quick necessary test for "this national number is of that type", from phonenumbers' metadata.

A phone pseudonym tries keyed candidates until one has the type of the number it replaces
(``phonenumbers.number_type``, about 13 µs a call: every type's pattern in turn). A number of a
type matches the plan's general pattern and that type's own pattern (for fixed line or mobile,
the fixed-line one), each with its possible lengths: a candidate failing either is not of the
type, and one regular expression tells it. Candidates passing it are still typed by
``phonenumbers.number_type``, so the pseudonym is the one the full check picks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

__all__ = ["type_screen"]

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
