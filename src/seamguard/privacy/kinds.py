"""What a detection is: its kind, its place in a string, and the folding detectors read
through (full-width and other scripts' digits as ASCII, one character for one)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["PERSONAL_KINDS", "Kind", "Span", "fold"]


class Kind(StrEnum):
    """What a detected value is."""

    PHONE = "phone"
    EMAIL = "email"
    ID_NUMBER = "id_number"
    CARD = "card"
    NAME = "name"
    ADDRESS = "address"
    ACCOUNT = "account"  # an instant-messaging account: a WeChat ID, a QQ number
    PLATE = "plate"  # a vehicle plate (seamguard.privacy.traces)
    IP = "ip_address"  # a customer's IP address
    LOCATION = "location"  # the position of a person's address, to a few metres
    SECRET = "secret"


PERSONAL_KINDS = frozenset(kind for kind in Kind if kind is not Kind.SECRET)


@dataclass(frozen=True, slots=True)
class Span:
    """One detection: ``text[start:end]`` is a value of ``kind``."""

    start: int
    end: int
    kind: Kind


# --- folding ----------------------------------------------------------------------------------

# Full-width digits, letters, plus, parentheses, hyphen, at-sign and the ideographic space fold
# to ASCII one character for one, so positions in the folded text are positions in the original.
# Invisible characters pasted into a number or an address (zero-width space and joiners, word
# joiner, byte-order mark, soft hyphen) fold to a hyphen: a separator the detectors accept.
_ZEROS = (0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
          0x0D66, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0, 0x1810, 0xFF10)
_FOLD = str.maketrans({
    # full-width digits, and those of other scripts (Arabic-Indic, Devanagari, Thai…)
    **{chr(zero + digit): str(digit) for zero in _ZEROS for digit in range(10)},
    **{chr(0xFF21 + letter): chr(0x41 + letter) for letter in range(26)},
    **{chr(0xFF41 + letter): chr(0x61 + letter) for letter in range(26)},
    "\uff0b": "+", "\uff08": "(", "\uff09": ")", "\uff0d": "-", "\uff20": "@", "\uff0e": ".",
    "\uff3f": "_", "\u3000": " ",
    **dict.fromkeys(("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"), "-"),
})


def fold(text: str) -> str:
    """Full-width digits, letters and phone punctuation as ASCII, invisible characters as
    hyphens; same length as ``text``."""
    return text.translate(_FOLD)
