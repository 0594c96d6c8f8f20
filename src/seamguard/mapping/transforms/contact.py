"""Contact-data transforms: phone numbers, e-mail addresses and masks."""

from __future__ import annotations

from seamguard.mapping import reference_data as ref
from seamguard.mapping.transforms.core import (
    AT_LEAST_0,
    checked,
    must,
    string_normaliser,
    transform,
)
from seamguard.privacy import mask as scrub


@transform("phone_e164", accepts=["string", "integer"], returns="string", returns_format="e164",
           idempotent=True, max_length=16, prepare=lambda params: {
               **params, "region": ref.phone_region(params.get("region", "CN"))})
def phone_e164(value: str | int, region: str = "CN") -> str:
    """Phone number -> E.164: ``(010) 1234-5678`` -> ``+861012345678``.

    Full-width digits are folded first. A number with a country code (``+1 415 555 2671``,
    ``0086 138…``) keeps it; others are of ``region``. Numbers ``phonenumbers`` deems invalid
    fail, and so do numbers with an extension (E.164 has no room for one).
    """
    text = ref.folded(str(value))
    return must(ref.e164(text, region), f"a valid phone number of region {region} without "
                 "extension", text, scrub.mask_phone)


@transform("email", accepts=["string"], returns="string", returns_format="email",
           idempotent=True)
def email(value: str) -> str:
    """E-mail address, full-width folded, trimmed and lower-cased; fails unless ``a@b.c``."""
    return must(ref.email_address(value), "an e-mail address", value, scrub.mask_email)


# The recording scrubber's masks, so a mapped value is masked exactly like a recorded one.
string_normaliser("mask_phone", scrub.mask_phone)
string_normaliser("mask_email", scrub.mask_email)
string_normaliser("mask_name", scrub.mask_name)
string_normaliser("mask_address", scrub.mask_address)


@transform("mask", accepts=["string"], returns="string", idempotent=True, prepare=checked(
    keep_start=AT_LEAST_0, keep_end=AT_LEAST_0,
    char=("one character", lambda char: len(char) == 1)))
def mask(value: str, keep_start: int = 3, keep_end: int = 4, char: str = "*") -> str:
    """Mask the middle, showing at most ``keep_start + keep_end`` characters: 138****5678.

    At least four characters (all of a shorter value) stay masked; the longer end gives way.
    """
    return ref.mask_middle(value, keep_start, keep_end, char)
