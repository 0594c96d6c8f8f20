"""Pseudonyms made of digits: phones, cards, instant-messaging accounts, and any number
without a known structure (see :mod:`seamguard.privacy.pseudonym` for the scheme).

:class:`DigitPseudonyms` holds the project key and the keyed randomness every pseudonym draws
from; the public check (:func:`_check`) lets a later scrub recognise its output without the key.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from seamguard.privacy.detect import fold
from seamguard.privacy.memory import remembers
from seamguard.privacy.obfuscated import NUMERAL_DIGITS
from seamguard.privacy.phone_types import area_length, kind_of, number_kind, type_screen

__all__ = ["DigitPseudonyms"]

_PUBLIC = b"seamguard-pseudonym-check-v1"
_FULL_WIDTH = {str(d): chr(0xFF10 + d) for d in range(10)}


# BLAKE2b keyed with the public check key: the key block is hashed once, each check copies it
_CHECK_STATE = hashlib.blake2b(key=_PUBLIC, digest_size=8)
_INNER_PAD = bytes(byte ^ 0x36 for byte in range(256))
_OUTER_PAD = bytes(byte ^ 0x5C for byte in range(256))


def _check(label: str, text: str) -> int:
    digest = _CHECK_STATE.copy()
    digest.update(f"{label}\x00{text}".encode())
    return int.from_bytes(digest.digest(), "big")


class KeyedSha256:
    """HMAC-SHA256 under one key (RFC 2104): ``hmac.digest(key, message, "sha256")``, with the
    two padded key blocks hashed once instead of on every call (a pseudonym draws up to a
    few hundred digests; OpenSSL's set-up per call cost three quarters of each)."""

    __slots__ = ("_inner", "_outer")

    def __init__(self, key: bytes) -> None:
        if len(key) > 64:  # SHA-256's block: a longer key is hashed first
            key = hashlib.sha256(key).digest()
        block = key.ljust(64, b"\x00")
        self._inner = hashlib.sha256(block.translate(_INNER_PAD))
        self._outer = hashlib.sha256(block.translate(_OUTER_PAD))

    def digest(self, message: bytes) -> bytes:
        inner = self._inner.copy()
        inner.update(message)
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.digest()


def _check_digits(label: str, text: str, count: int) -> str:
    return f"{_check(label, text) % 10**count:0{count}d}"


class DigitPseudonyms:
    """Keyed, recognisable pseudonyms of phones, cards, accounts and digit runs."""

    def __init__(self, key: bytes, *, region: str = "CN") -> None:
        if not key:
            raise ValueError("the pseudonym key must not be empty")
        self._key = key
        self._keyed = KeyedSha256(key)
        self._region = region

    # --- secret randomness ----------------------------------------------------------------------

    def _secret(self, label: str, value: str, counter: int = 0) -> int:
        digest = self._keyed.digest(f"{label}\x00{value}\x00{counter}".encode())
        return int.from_bytes(digest, "big")

    def _digits(self, label: str, value: str, count: int, counter: int = 0) -> str:
        return f"{self._secret(label, value, counter) % 10**count:0{count}d}" if count else ""

    def _pick(self, options: tuple[str, ...], label: str, value: str) -> str:
        return options[self._secret(label, value) % len(options)]

    # --- phones ---------------------------------------------------------------------------------

    def _parse_phone(self, value: str) -> object | None:
        """The valid number ``value`` spells (read-only: it is shared), or None."""
        typed = self._parse_typed(value)
        return None if typed is None else typed[0]

    def _parse_typed(self, value: str) -> tuple[object, int] | None:
        """The valid number ``value`` spells and its type, or None (parsed once per spelling:
        checking a phone and replacing it, in every cassette of the process)."""
        return _parse_typed(value, self._region)

    @staticmethod
    def _phone_check(nsn: str) -> int:
        """Check digits at the end of a national number: 4, or fewer for short numbers."""
        return 4 if len(nsn) >= 9 else 3 if len(nsn) >= 7 else 2

    def phone(self, value: str) -> str:
        """Another valid number of the same country, type and written form (in ASCII digits,
        when it was spelt in Chinese numerals)."""
        import phonenumbers

        value = value.translate(NUMERAL_DIGITS)
        typed = self._parse_typed(value)
        if typed is None:
            return self._unparsed_phone(value)
        number, wanted = typed
        canonical = phonenumbers.format_number(number,  # type: ignore[arg-type]
                                               phonenumbers.PhoneNumberFormat.E164)
        return _write_digits(value, self._fake_nsn(number, canonical, wanted),
                             _nsn_end(value, number))

    def _fake_nsn(self, number: object, canonical: str, wanted: int | None = None) -> str:
        """A valid national number of the same country and type (``wanted``, the number's own
        when known), with our check at its end."""
        import phonenumbers

        nsn = phonenumbers.national_significant_number(number)  # type: ignore[arg-type]
        country = number.country_code  # type: ignore[attr-defined]
        if wanted is None:
            wanted = number_kind(number)
        check = self._phone_check(nsn)
        area = _area_length(number, wanted)
        candidate = nsn
        # Keep the area code (or just the leading digit); where the number plan needs more of
        # the original to stay valid (a NANP area code), keep its destination code. (The
        # destination code's length is costly to find, and needed only when the first fails.)
        tried: list[int] = []
        for step in range(3):
            if step == 0:
                keep = area or 1
            elif step == 1:
                keep = phonenumbers.length_of_national_destination_code(
                    number)  # type: ignore[arg-type]
            else:
                keep = len(nsn) - check - 1
            if keep in tried:
                continue
            tried.append(keep)
            keep = max(1, min(keep, len(nsn) - check))
            free = len(nsn) - keep - check
            screen = type_screen(country, wanted, len(nsn))
            for counter in range(150):
                head = nsn[:keep] + self._digits("phone", canonical, free, counter)
                candidate = head + _check_digits("phone", f"{country}:{head}", check)
                if candidate[0] == "0" or candidate == nsn or (
                        screen is not None and not screen(candidate)):
                    continue
                # (``phonenumbers.number_type`` of the candidate, without a leading zero: a
                # number of a type other than UNKNOWN, which ``wanted`` is, is a valid one)
                if kind_of(country, candidate) == wanted:
                    return candidate
        return candidate

    def _unparsed_phone(self, value: str) -> str:
        """A Chinese mobile number phonenumbers does not know yet (a new carrier prefix) becomes
        a valid one; anything else has its digits replaced."""
        digits = "".join(ch for ch in fold(value) if ch.isdigit())
        if re.fullmatch(r"(?:0{0,2}86)?1[3-9]\d{9}", digits):
            template = self._parse_phone("+86138" + digits[-8:])
            if template is not None:
                fake = self._fake_nsn(template, "+86" + digits[-11:])
                return _write_digits(value, fake, None)
        return self._generic_digits(value)

    def _own_phone(self, value: str) -> bool:
        import phonenumbers

        # A number that did not parse when it was replaced got generic digits, which may parse
        # now: either check makes it ours.
        if self._own_generic_digits(value):
            return True
        number = self._parse_phone(value)
        if number is None:
            return False
        nsn = phonenumbers.national_significant_number(number)  # type: ignore[arg-type]
        country = number.country_code  # type: ignore[attr-defined]
        check = self._phone_check(nsn)
        return nsn[-check:] == _check_digits("phone", f"{country}:{nsn[:-check]}", check)

    def _generic_digits(self, value: str) -> str:
        """Every digit replaced; the last four become a check when there are eight or more."""
        digits = "".join(ch for ch in fold(value) if ch.isdigit())
        if not digits:
            return self._opaque(value)
        check = 4 if len(digits) >= 8 else 3 if len(digits) >= 7 else 0
        head = self._digits("digits", digits, len(digits) - check)
        new = head + (_check_digits("digits", head, check) if check else "")
        return _write_digits(value, new, None)

    @staticmethod
    def _own_generic_digits(value: str) -> bool:
        digits = "".join(ch for ch in fold(value) if ch.isdigit())
        check = 4 if len(digits) >= 8 else 3 if len(digits) >= 7 else 0
        return bool(check) and digits[-check:] == _check_digits("digits", digits[:-check], check)

    def _opaque(self, value: str) -> str:
        """Letters and digits replaced one for one (case and punctuation kept)."""
        out = []
        for index, char in enumerate(value):
            pick = self._secret("opaque", value, index)
            if char.isdigit():
                out.append(str(pick % 10))
            elif char.isascii() and char.isupper():
                out.append(chr(ord("A") + pick % 26))
            elif char.isascii() and char.islower():
                out.append(chr(ord("a") + pick % 26))
            else:
                out.append(char)
        return "".join(out)

    # --- instant-messaging accounts ------------------------------------------------------------

    def account(self, value: str) -> str:
        """A WeChat ID or QQ number of the same shape: characters replaced one for one (a QQ
        number keeps a leading non-zero digit), the last two or three a check."""
        canonical = fold(value).strip()
        check = _account_check(canonical)
        if not check:
            return self._opaque(value)
        if canonical.isdigit():
            head = str(1 + self._secret("account", canonical) % 9) + self._digits(
                "account", canonical, len(canonical) - check - 1)
        else:
            head = canonical[0] + self._opaque(canonical)[1:-check]
        new = head + _check_digits("account", head, check)
        return value.replace(canonical, new, 1)

    @staticmethod
    def _own_account(value: str) -> bool:
        canonical = fold(value).strip()
        check = _account_check(canonical)
        return bool(check) and canonical[-check:] == _check_digits(
            "account", canonical[:-check], check)

    # --- cards --------------------------------------------------------------------------------

    def card(self, value: str) -> str:
        """Same length and issuer prefix (first six digits), Luhn-valid, with our check."""
        from stdnum import luhn

        digits = "".join(ch for ch in fold(value) if ch.isdigit())
        if len(digits) < 12:
            return self._generic_digits(value)
        prefix, middle = digits[:6], len(digits) - 7
        check = min(5, middle - 2)
        head = prefix + self._digits("card", digits, middle - check)
        body = head + _check_digits("card", head, check)
        return _write_digits(value, body + luhn.calc_check_digit(body), None)

    @staticmethod
    def _own_card(value: str) -> bool:
        from stdnum import luhn

        digits = "".join(ch for ch in fold(value) if ch.isdigit())
        if len(digits) < 12:
            return DigitPseudonyms._own_generic_digits(value)  # how `card` replaced it
        if not luhn.is_valid(digits):
            return False
        check = min(5, len(digits) - 9)
        body = digits[:-1]
        return body[-check:] == _check_digits("card", body[:-check], check)


@lru_cache(maxsize=4096)
def _parse_typed(value: str, region: str) -> tuple[object, int] | None:
    """The valid number ``value`` spells read in ``region`` (or as a Taiwanese mobile, by its
    shape) and its type; None when it spells none. The number is shared: read-only."""
    import phonenumbers

    from seamguard.privacy.regional_ids import taiwan_mobile_spans

    text = fold(value)
    regions = [region]
    if region != "TW" and any(taiwan_mobile_spans(text.strip())):
        regions.append("TW")  # `0912-345-678`, found by its shape whatever the region
    for plan in regions:
        try:
            number = phonenumbers.parse(text, plan)
        except phonenumbers.NumberParseException:
            continue
        # (valid is of a type other than UNKNOWN: the type is what the pseudonym keeps)
        kind = number_kind(number)
        if kind != phonenumbers.PhoneNumberType.UNKNOWN:
            return number, kind
    return None


remembers(_parse_typed.cache_clear)


# The geographical area code's length per number (its E.164 form: the calling code and the
# national number with any leading zero, all the length depends on).
_AREAS: dict[str, int] = {}
remembers(_AREAS.clear)


def _area_length(number: object, kind: int) -> int:
    import phonenumbers

    e164 = phonenumbers.format_number(number,  # type: ignore[arg-type]
                                      phonenumbers.PhoneNumberFormat.E164)
    area = _AREAS.get(e164)
    if area is None:
        if len(_AREAS) >= 4096:
            _AREAS.clear()
        area = _AREAS[e164] = area_length(number, kind)
    return area


def _account_check(canonical: str) -> int:
    """Check characters at the end of an account pseudonym: three from eight characters on."""
    return 3 if len(canonical) >= 8 else 2 if len(canonical) >= 5 else 0


def _nsn_end(value: str, number: object) -> int | None:
    """How many digits at the end of ``value`` follow the national number (an extension)."""
    extension = getattr(number, "extension", None)
    return len(extension) if extension else None


def _write_digits(value: str, digits: str, skip_tail: int | None) -> str:
    """Put ``digits`` into the last digit positions of ``value`` (before ``skip_tail`` trailing
    digits), keeping separators and the width of each digit."""
    positions = [i for i, char in enumerate(fold(value)) if char.isdigit()]
    if skip_tail:
        positions = positions[:-skip_tail]
    positions = positions[-len(digits):] if len(digits) <= len(positions) else positions
    chars = list(value)
    for index, digit in zip(positions, digits[-len(positions):], strict=True):
        chars[index] = _FULL_WIDTH[digit] if "\uff10" <= value[index] <= "\uff19" else digit
    return "".join(chars)
