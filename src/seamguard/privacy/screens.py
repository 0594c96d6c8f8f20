"""Quick screens in front of slow detector patterns: a class of characters every match must use.

Python's regular expressions try each alternative of a pattern at every position of a string
when the alternatives share no first character (a list of labels, a lookbehind first, a
case-insensitive word list): a detector's pattern may cost 20 µs on an 11-digit phone that it
can never match. :func:`screen` reads a compiled pattern's syntax tree and picks, in every
alternative, one element the match must consume (the rarest: a colon over a list of
labels, ``省|市`` over any Chinese character); a string holding no character of their union
cannot match, which one scan of a character class tells. The screen is derived from the
pattern itself, so it follows every change to it, and it only ever skips a search that would
have found nothing (its tests compare every match of every screened pattern on generated,
recorded and hostile strings with the screen's answer).
"""

from __future__ import annotations

import re
import sys
from re import _constants as sre
from re import _parser as sre_parse
from typing import Any, cast

__all__ = ["screen", "screened"]

# How often a character of a class turns up in integration traffic, roughly: the screen keeps,
# per alternative, the consumed element whose class is rarest (digits, blanks and ASCII letters
# are everywhere; a colon or one Chinese character is not).
_DIGITS = frozenset("0123456789")
_WORD_PUNCT = frozenset("_-./ ")
_UNBOUNDED = 1e12

_CATEGORY_CODES = {
    sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
}
_CATEGORY_WEIGHT = {sre.CATEGORY_DIGIT: 500.0, sre.CATEGORY_SPACE: 300.0}


class _Class:
    """One element's characters: regex source of a character class, its flags, its weight."""

    __slots__ = ("ascii", "ignore", "items", "weight")

    def __init__(self, items: list[str], weight: float, *, ignore: bool, ascii: bool) -> None:
        self.items = items
        self.weight = weight
        self.ignore = ignore
        self.ascii = ascii


def _char_weight(code: int, ignore: bool) -> float:
    char = chr(code)
    if char in _DIGITS:
        weight = 50.0
    elif char.isascii() and char.isalpha():
        weight = 30.0
    elif char in _WORD_PUNCT or char.isspace():
        weight = 100.0
    elif char.isascii():
        weight = 10.0
    else:
        weight = 1.0
    return weight * (2 if ignore and char.isalpha() else 1)


def _escape(code: int) -> str:
    return f"\\U{code:08x}" if code > 0xFFFF else f"\\u{code:04x}"


def _in_class(items: list[tuple[Any, Any]], ignore: bool, ascii: bool) -> _Class | None:
    """An ``IN`` element as a class; None when it is negated (nearly any character)."""
    parts: list[str] = []
    weight = 0.0
    for op, av in items:
        if op is sre.NEGATE:
            return None
        if op is sre.LITERAL:
            parts.append(_escape(av))
            weight += _char_weight(av, ignore)
        elif op is sre.RANGE:
            low, high = av
            parts.append(f"{_escape(low)}-{_escape(high)}")
            # (a whole script beyond ASCII counts as a few hundred rare characters: Chinese
            # is common in this traffic, Korean or Thai rare)
            span = range(low, min(high, low + 256) + 1)
            weight += sum(_char_weight(code, ignore) for code in span) if high < 128 \
                else min(200.0, sum(_char_weight(code, ignore) for code in span))
        elif op is sre.CATEGORY and av in _CATEGORY_CODES:
            parts.append(_CATEGORY_CODES[av])
            weight += _CATEGORY_WEIGHT.get(av, _UNBOUNDED)
        else:
            return None
    return _Class(parts, weight, ignore=ignore, ascii=ascii) if parts else None


def _needed(data: Any, flags: int) -> list[_Class] | None:
    """Classes of which every non-empty match of the sequence ``data`` consumes a character,
    or None when no element must be consumed (the sequence may match nothing, or only
    characters no class bounds)."""
    ignore = bool(flags & re.IGNORECASE)
    ascii = bool(flags & re.ASCII)
    best: list[_Class] | None = None
    best_weight = _UNBOUNDED
    for op, av in data:
        found: list[_Class] | None = None
        if op is sre.LITERAL:
            found = [_Class([_escape(av)], _char_weight(av, ignore), ignore=ignore, ascii=ascii)]
        elif op is sre.IN:
            single = _in_class(av, ignore, ascii)
            found = [single] if single is not None else None
        elif op is sre.SUBPATTERN:
            _group, add, remove, inner = av
            found = _needed(inner, (flags | add) & ~remove)
        elif op is sre.ATOMIC_GROUP:
            found = _needed(av, flags)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, _high, inner = av
            found = _needed(inner, flags) if low >= 1 else None
        elif op is sre.BRANCH:
            found = []
            for alternative in av[1]:
                classes = _needed(alternative, flags)
                if classes is None:
                    found = None
                    break
                found.extend(classes)
        # (anything else consumes nothing for certain, or any character: anchors, lookarounds,
        # back-references, conditionals, ANY, NOT_LITERAL)
        if found:
            weight = sum(item.weight for item in found)
            if weight < best_weight:
                best, best_weight = found, weight
    return best


def screen(pattern: re.Pattern[str], *, most: float = 5000.0) -> re.Pattern[str] | None:
    """A pattern of single characters that finds one inside every non-empty match of
    ``pattern`` (so ``screen.search(text, pos, endpos) is None`` proves ``pattern`` finds
    nothing there); None when no class rarer than ``most`` bounds the matches."""
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except (re.error, TypeError):  # pragma: no cover - the pattern compiled once already
        return None
    classes = _needed(parsed.data, parsed.state.flags)
    if not classes or sum(item.weight for item in classes) > most:
        return None
    by_flags: dict[str, list[str]] = {}
    for item in classes:
        flags = ("i" if item.ignore else "") + ("a" if item.ascii else "")
        by_flags.setdefault(flags, []).extend(item.items)
    parts = [f"(?{flags}:[{''.join(dict.fromkeys(items))}])" if flags
             else f"[{''.join(dict.fromkeys(items))}]" for flags, items in by_flags.items()]
    return re.compile("|".join(parts))


class _Screened:
    """A compiled pattern whose searches first look for a character of its screen."""

    __slots__ = ("_pattern", "_screen")

    def __init__(self, pattern: re.Pattern[str], quick: re.Pattern[str]) -> None:
        self._pattern = pattern
        self._screen = quick

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize
               ) -> re.Match[str] | None:
        if self._screen.search(string, pos, endpos) is None:
            return None
        return self._pattern.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize
              ) -> re.Match[str] | None:
        if self._screen.search(string, pos, endpos) is None:
            return None
        return self._pattern.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize
                  ) -> re.Match[str] | None:
        if self._screen.search(string, pos, endpos) is None:
            return None
        return self._pattern.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize
                 ) -> Any:
        if self._screen.search(string, pos, endpos) is None:
            return iter(())
        return self._pattern.finditer(string, pos, endpos)

    def __getattr__(self, name: str) -> Any:
        # (everything else, unscreened: sub, findall, split, groupindex, pattern, flags)
        return getattr(self._pattern, name)

    def __repr__(self) -> str:
        return f"screened({self._pattern!r})"


def screened(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern``, with its searches (``search``, ``match``, ``fullmatch``, ``finditer``)
    skipped where :func:`screen` shows they find nothing; the same answers, each match the
    pattern's own. ``pattern`` itself when it has no screen."""
    quick = screen(pattern)
    if quick is None:
        return pattern
    return cast("re.Pattern[str]", _Screened(pattern, quick))
