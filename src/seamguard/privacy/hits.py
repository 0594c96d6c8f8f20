"""What a scrub reports and what it asks for: :class:`Hit`, one value found, and
:class:`Replacer`, what turns a found value into its replacement (masks or pseudonyms)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from seamguard.privacy.kinds import Kind
from seamguard.privacy.policy import NamePart

__all__ = ["Hit", "Replacer"]


class Replacer(Protocol):
    """What a detected value becomes."""

    @property
    def pseudonyms(self) -> bool:
        """True when replacements are realistic pseudonyms rather than masks."""

    def replace(self, kind: Kind, value: str, part: NamePart = None) -> str:
        """The replacement of ``value``, a value of ``kind`` (never called for secrets);
        ``part`` says whether a name is only a given or a family name."""

    def is_own(self, kind: Kind, value: str, part: NamePart = None) -> bool:
        """True when ``value`` is already one of this replacer's outputs."""

    def replace_names(self, family: str, given: str) -> tuple[str, str]:
        """A family and a given name of one person (sibling fields), replaced together."""

    def own_names(self, family: str, given: str) -> bool:
        """True when a family / given pair is already this replacer's output."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One value that was (or, for a scan, would be) replaced.

    Attributes:
        kind: What it is.
        pointer: JSON pointer of the string inside the walked value ("" for a plain string).
        value: The value as found.
        start: Offset of the value inside that string.
    """

    kind: Kind
    pointer: str
    value: str
    start: int = 0
