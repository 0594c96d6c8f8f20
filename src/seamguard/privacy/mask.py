"""Short masks for what people read: reports, logs, the terminal, alerts.

A mask keeps just enough to recognise a value in a conversation (``138****5678``,
``z***@example.com``, ``110***********1234``, ``张*``) and is never a real value or a pseudonym.
Every mask is idempotent, and a masked value is never detected again, so masking twice is safe.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping
from types import MappingProxyType

from seamguard.privacy.detect import Kind
from seamguard.privacy.obfuscated import NUMERAL_CHARS
from seamguard.privacy.partial_masks import under_masked

__all__ = [
    "MASK",
    "REDACTED",
    "Masker",
    "is_masked",
    "looks_secret",
    "mask_address",
    "mask_card",
    "mask_email",
    "mask_id_number",
    "mask_kind",
    "mask_name",
    "mask_phone",
]

REDACTED = "<redacted>"
MASK = "*"

# ITU calling codes are prefix-free: these are all the 1- and 2-digit ones; the rest have 3.
_CALLING_CODES_1 = frozenset("17")
_CALLING_CODES_2 = frozenset({
    "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
    "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
    "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
})


def _calling_code_length(digits: str) -> int:
    if digits[:1] in _CALLING_CODES_1:
        return 1
    if digits[:2] in _CALLING_CODES_2:
        return 2
    return 3


def _mask_slots(value: str, slots: list[int], head: int, tail: int) -> str:
    """Mask every slot but the first ``head`` and last ``tail``; at least four stay masked."""
    count = len(slots)
    minimum = min(4, count)
    while count - head - tail < minimum and head > 0:
        head -= 1
    while count - head - tail < minimum and tail > 0:
        tail -= 1
    chars = list(value)
    for index in slots[head : count - tail]:
        chars[index] = MASK
    return "".join(chars)


# Chinese numerals, as a phone written to slip past a filter spells its digits (一三八…).
_NUMERALS = NUMERAL_CHARS


def _digit_slots(value: str) -> list[int]:
    return [i for i, char in enumerate(value)
            if char.isdigit() or char == MASK or char in _NUMERALS]


def mask_phone(value: str) -> str:
    """``+8613812345678`` -> ``+86138****5678``; ``13812345678`` -> ``138****5678``.

    Keeps the country code (after a leading ``+``), the next three digits and the last four;
    every other digit becomes ``*``, and at least four are masked. Separators stay in place.
    """
    slots = _digit_slots(value)
    if not slots:
        return value
    head = 3
    if value.lstrip().lstrip("(").startswith(("+", "\uff0b")):
        leading = "".join(value[i] for i in slots[:3])
        head += _calling_code_length(leading)
    return _mask_slots(value, slots, head, 4)


def mask_email(value: str) -> str:
    """``zhangwei@example.com`` -> ``z***@example.com`` (the domain is kept)."""
    if "@" not in value:
        return mask_name(value)
    local, domain = value.rsplit("@", 1)
    return f"{local[:1] or MASK}***@{domain}"


def mask_name(value: str) -> str:
    """Keep only the first character: ``张伟`` -> ``张*``, ``Alice`` -> ``A****``."""
    if len(value) <= 1:
        return MASK * len(value)
    return value[0] + MASK * (len(value) - 1)


def mask_account(value: str) -> str:
    """An instant-messaging account: its first and last characters (``wx_zhang88`` ->
    ``w********8``, ``12345678`` -> ``1******8``)."""
    if len(value) <= 3:
        return MASK * len(value)
    return value[0] + MASK * (len(value) - 2) + value[-1]


_CJK = "[\u4e00-\u9fff]"
_REGION_PREFIX = re.compile(
    "^(?:"
    f"(?:北京|上海|天津|重庆)市(?:{_CJK}{{1,7}}?(?:区|县))?"
    f"|{_CJK}{{2,7}}?(?:省|自治区|特别行政区)"
    f"(?:{_CJK}{{2,7}}?(?:市|自治州|地区|盟))?(?:{_CJK}{{1,7}}?(?:区|县|旗|市))?"
    f"|{_CJK}{{2,7}}?(?:市|自治州|地区|盟)(?:{_CJK}{{1,7}}?(?:区|县|旗|市))?"
    ")"
)


def region_prefix(value: str) -> str:
    """The province / city / district at the start of a Chinese address (may be empty)."""
    match = _REGION_PREFIX.match(value)
    return match.group(0) if match else ""


def mask_address(value: str) -> str:
    """Keep a Chinese province / city / district prefix, replace the rest with ``****``.

    ``广东省深圳市南山区科技南十二路2号`` -> ``广东省深圳市南山区****``. Anything without such a
    prefix (a bare street line, a foreign address) becomes ``****`` entirely.
    """
    prefix = region_prefix(value)
    if len(prefix) == len(value):
        return value
    return prefix + MASK * 4


def mask_id_number(value: str) -> str:
    """Identity document numbers: first three and last four characters at most."""
    slots = [i for i, char in enumerate(value) if char.isalnum() or char == MASK]
    if not slots:
        return value
    return _mask_slots(value, slots, 3, 4) if len(slots) >= 11 else _mask_slots(value, slots, 0, 0)


def mask_card(value: str) -> str:
    """Card numbers: the first four and the last four digits, ``6222********1234``."""
    slots = _digit_slots(value)
    return _mask_slots(value, slots, 4, 4) if slots else value


def mask_plate(value: str) -> str:
    """Vehicle plates: the province and the issuing letter, ``粤B*****``."""
    slots = [i for i, char in enumerate(value) if i >= 2 and (char.isalnum() or char == MASK)]
    return _mask_slots(value, slots, 0, 0) if slots else value


def mask_ip(value: str) -> str:
    """IP addresses: the first group, ``117.*.*.*``, ``240e:****``."""
    text = value.strip()
    if ":" in text:
        return value.replace(text, text.split(":")[0] + ":****")
    return value.replace(text, ".".join([text.split(".")[0], "*", "*", "*"]))


def mask_location(value: str) -> str:
    """Positions: degrees and two decimals, ``22.64****``."""
    return re.sub(r"(-?\d{1,3}\.\d\d)(\d+)", lambda m: m.group(1) + MASK * len(m.group(2)),
                  value)


_MASKERS: Mapping[Kind, Callable[[str], str]] = MappingProxyType({
    Kind.PHONE: mask_phone,
    Kind.EMAIL: mask_email,
    Kind.NAME: mask_name,
    Kind.ADDRESS: mask_address,
    Kind.ID_NUMBER: mask_id_number,
    Kind.CARD: mask_card,
    Kind.ACCOUNT: mask_account,
    Kind.PLATE: mask_plate,
    Kind.IP: mask_ip,
    Kind.LOCATION: mask_location,
    Kind.SECRET: lambda value: REDACTED,
})


def mask_kind(kind: Kind, value: str) -> str:
    """The short mask of ``value`` as a value of ``kind`` (a secret becomes ``<redacted>``)."""
    return _MASKERS[kind](value)


def is_masked(value: str) -> bool:
    """True for a value that is already a mask or a redaction (nothing left to hide): masks
    always hide at least one character behind ``*``, which real personal values never hold
    (a phone or a card with too few digits starred is no mask: see
    :mod:`seamguard.privacy.partial_masks`)."""
    return REDACTED in value or (MASK in value and not under_masked(value))


def is_redacted(value: str) -> bool:
    """True for a secret that is already redacted (a password may well contain ``*``)."""
    return REDACTED in value or (bool(value) and set(value) <= {MASK})


class Masker:
    """The replacer for reports: every detected value becomes its short mask."""

    pseudonyms = False

    def replace(self, kind: Kind, value: str, part: str | None = None) -> str:
        """The mask of ``value``."""
        return mask_kind(kind, value)

    def is_own(self, kind: Kind, value: str, part: str | None = None) -> bool:
        """A mask is left as it is (masks are idempotent anyway)."""
        return is_masked(value)

    def replace_names(self, family: str, given: str) -> tuple[str, str]:
        """Both parts masked."""
        return mask_name(family), mask_name(given)

    def own_names(self, family: str, given: str) -> bool:
        """Both parts are masks already."""
        return is_masked(family) and is_masked(given)


_UUID = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


def looks_secret(value: str, *, uuid_ok: bool = False) -> bool:
    """A credential-looking string: 16+ characters, no blanks, mixed and high in entropy."""
    if len(value) < 16 or any(char.isspace() for char in value) or is_redacted(value):
        return False
    if uuid_ok and _UUID.match(value):
        return False
    counts = Counter(value)
    entropy = -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())
    classes = sum((any(c.isdigit() for c in value), any(c.islower() for c in value),
                   any(c.isupper() for c in value)))
    return entropy >= 3.0 and classes >= 2
