"""Patterns that backtrack catastrophically, found before any record is matched.

Python's ``re`` backtracks: a pattern in which one stretch of text can be matched in many ways
(``(a+)+``, ``(\\w+\\s?)+$``, ``(.|\\s)*``) takes time exponential in the length of a value it
fails to match, so one long value would hang ``map apply`` or ``seamguard check``. The shapes
found here are those of the OWASP ReDoS page and of safe-regex's star height:

- a variable-width repeat inside a repeat, when the rest of the outer repeat's body is optional
  or can match the same characters (``(a+)+``, ``(\\d+\\d)+``, ``(\\w+\\s?)*``);
- a repeat over an alternation whose branches can match the same character (``(a|a)*``,
  ``(.|\\s)*``) or the same text (``(a|b|ab)*``);
- a repeat whose parts are all optional (``(a?b?)+``), and in a counted repeat any optional
  part (``(a?){25}``).

The analysis reads the parse tree the ``re`` module builds (``re._parser``); characters are
compared on a sample alphabet (ASCII, a few non-ASCII letters and spaces, and every literal of
the pattern), which is enough to tell ``\\w`` and ``\\.`` apart.
"""

from __future__ import annotations

import importlib
import re
import string
from collections.abc import Iterable
from typing import Any

# The parser ``re`` itself uses (``sre_parse`` before Python 3.11, a deprecated alias since;
# typeshed describes neither name's internals, hence Any).
_c: Any = importlib.import_module("re._constants")
_p: Any = importlib.import_module("re._parser")

__all__ = ["backtracking_risk"]

_BASE = string.printable + "\u00e9\u4e2d\u3000\u00a0_"
_CATEGORY = {
    _c.CATEGORY_DIGIT: re.compile(r"\d"), _c.CATEGORY_NOT_DIGIT: re.compile(r"\D"),
    _c.CATEGORY_SPACE: re.compile(r"\s"), _c.CATEGORY_NOT_SPACE: re.compile(r"\S"),
    _c.CATEGORY_WORD: re.compile(r"\w"), _c.CATEGORY_NOT_WORD: re.compile(r"\W"),
}
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None))
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_OUTER_MIN = 10  # a bounded repeat this long already multiplies the ways to match


def backtracking_risk(pattern: str) -> str | None:
    """What makes ``pattern`` backtrack catastrophically, or None when nothing does.

    A pattern ``re`` cannot parse is left to ``re.compile`` (None).
    """
    try:
        tree = _p.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    literals = {chr(v) for v in _literals(tree) if v < 0x110000}
    alphabet = frozenset(_BASE) | literals | {ch.swapcase() for ch in literals}
    folded = bool(tree.state.flags & _c.SRE_FLAG_IGNORECASE)
    try:
        return _Analysis(alphabet, folded).find(tree)
    except RecursionError:  # nested deeper than the analysis goes: re decides on its own
        return None


def _literals(items: Iterable[Any]) -> Iterable[int]:
    for op, av in items:
        if op in (_c.LITERAL, _c.NOT_LITERAL):
            yield av
        elif op is _c.RANGE:
            yield from av
        elif op is _c.IN:
            yield from _literals(av)
        else:
            for sub in _children(op, av):
                yield from _literals(sub)


def _children(op: Any, av: Any) -> list[Any]:
    """The sub-sequences of one parse node."""
    if op in _REPEATS:
        return [av[2]]
    if op is _c.SUBPATTERN:
        return [av[3]]
    if op is _c.BRANCH:
        return list(av[1])
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return [av[1]]
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return [av]
    if op is _c.GROUPREF_EXISTS:
        return [s for s in av[1:] if s is not None]
    return []


class _Analysis:
    def __init__(self, alphabet: frozenset[str], folded: bool = False) -> None:
        self.alphabet = alphabet
        self.folded = folded  # (?i): compare characters case-blind

    def find(self, items: Any) -> str | None:
        for op, av in items:
            if op in _REPEATS and op is not getattr(_c, "POSSESSIVE_REPEAT", None) \
                    and (av[1] is _c.MAXREPEAT or av[1] >= _OUTER_MIN):
                found = self._inside_repeat(
                    av[2], counted=av[1] is not _c.MAXREPEAT or av[0] >= _OUTER_MIN)
                if found:
                    return found
            if op is getattr(_c, "ATOMIC_GROUP", None) or \
                    op is getattr(_c, "POSSESSIVE_REPEAT", None):
                continue  # no backtracking into an atomic group
            for sub in _children(op, av):
                found = self.find(sub)
                if found:
                    return found
        return None

    def _inside_repeat(self, body: Any, *, counted: bool = False) -> str | None:
        """The ambiguity in one repeated body, if any. In a counted repeat (``{25}``, or one
        of ten or more: ``{10,}``) an optional part is variable too: ``(a?){25}`` matches
        ``a`` x 10 in C(25,10) ways (an unbounded repeat stops at an empty iteration)."""
        items = _flatten(body)
        if counted and any(self._empty_twice(op, av) for op, av in items):
            return ("a counted repeat of an optional part that can be empty in two ways "
                    "(`(-?)?`)")
        for index, (op, av) in enumerate(items):
            rest = items[:index] + items[index + 1:]
            for inner in self._variable_repeats(op, av, optional=counted):
                chars = self.chars([inner])
                if all(self.nullable([item]) for item in rest) or any(
                        not self.nullable([item]) and self.chars([item]) & chars
                        for item in rest):
                    return "a repeat inside a repeat that can match the same text in many ways"
        optional = [item for item in items if self.nullable([item]) and self.chars([item])]
        required = [item for item in items if not self.nullable([item])]
        for item in optional:  # `(aa?)+`, `(a|aa)+` (re reads it as `a(?:|a)`)
            if any(self.chars([item]) & self.chars([other]) for other in required):
                return ("a repeat with an optional part that can match what a required part "
                        "matches: one stretch of text splits into iterations in many ways")
        sequences = [items, *(_flatten(option) for branch in self._alternations(items)
                              for option in branch)]
        if any(self._all_optional(sequence) for sequence in sequences):
            return ("a repeat whose parts are all optional: one stretch of text splits into "
                    "iterations in many ways")
        for branch in self._alternations(items):
            seen: list[tuple[frozenset[str], bool]] = []
            for option in branch:
                chars = self.chars(option)
                single = _widths(option)[1] == 1
                for other, other_single in seen:
                    if chars & other and (single and other_single):
                        return ("a repeated alternation whose branches match the same "
                                "character")
                seen.append((chars, single))
            singles = frozenset().union(*(self.chars(option) for option in branch
                                           if _widths(option)[1] == 1))
            for option in branch:
                low, _ = _widths(option)
                if low > 1 and self.chars(option) <= singles:
                    return ("a repeated alternation with a branch that others spell in "
                            "sequence (`ab` beside `a` and `b`)")
            texts = [str(option) for option in branch]
            if len(set(texts)) < len(texts):
                return "a repeated alternation with two identical branches"
        return None

    def _empty_twice(self, op: Any, av: Any) -> bool:
        """An optional part whose own body can be empty too (``(a?)?``, ``(a*)?``)."""
        if op is _c.SUBPATTERN:
            return any(self._empty_twice(o, a) for o, a in av[3])
        return op in _REPEATS and av[0] == 0 and self.nullable(av[2]) and bool(
            self.chars(av[2]))

    def _all_optional(self, items: list[Any]) -> bool:
        """Whether the sequence is two or more optional parts and nothing else (``a?b?``)."""
        optional = [item for item in items if self.nullable([item]) and self.chars([item])]
        return len(optional) > 1 and len(optional) == len(
            [item for item in items if item[0] not in _ZERO_WIDTH])

    def _variable_repeats(self, op: Any, av: Any, *, optional: bool = False
                          ) -> Iterable[Any]:
        """Repeats of variable width reachable in this node without crossing another repeat
        of the body's own level, and groups around them."""
        if op in _REPEATS and op is not getattr(_c, "POSSESSIVE_REPEAT", None):
            low, high = _widths(av[2])
            variable = av[1] is _c.MAXREPEAT or (av[1] > 1 and (av[0] != av[1] or low != high)) \
                or (optional and av[0] == 0)
            if variable and high > 0:
                yield (op, av)
            elif av[1] is not _c.MAXREPEAT and av[1] <= 1:  # `(a+)?` repeats nothing itself
                for child_op, child_av in av[2]:
                    yield from self._variable_repeats(child_op, child_av, optional=optional)
            return
        if op is _c.SUBPATTERN:
            for child_op, child_av in av[3]:
                yield from self._variable_repeats(child_op, child_av, optional=optional)
        elif op is _c.BRANCH:
            for option in av[1]:
                for child_op, child_av in option:
                    yield from self._variable_repeats(child_op, child_av, optional=optional)

    def _alternations(self, items: list[Any]) -> Iterable[list[Any]]:
        """Alternations (``a|b`` and a character class of one-character branches is not one)
        sitting directly in the repeated body or in its groups."""
        for op, av in items:
            if op is _c.BRANCH:
                yield list(av[1])
            elif op is _c.SUBPATTERN:
                yield from self._alternations(list(av[3]))

    def nullable(self, items: Any) -> bool:
        """Whether the sequence can match the empty string."""
        for op, av in items:
            if op in _ZERO_WIDTH:
                continue
            if op in _REPEATS:
                if av[0] == 0 or self.nullable(av[2]):
                    continue
                return False
            if op is _c.SUBPATTERN:
                if not self.nullable(av[3]):
                    return False
                continue
            if op is _c.BRANCH:
                if not any(self.nullable(option) for option in av[1]):
                    return False
                continue
            if op is getattr(_c, "ATOMIC_GROUP", None):
                if not self.nullable(av):
                    return False
                continue
            if op is _c.GROUPREF_EXISTS or op is _c.GROUPREF:
                continue
            return False
        return True

    def chars(self, items: Any) -> frozenset[str]:
        """The sample characters the sequence can consume anywhere in a match."""
        found: set[str] = set()
        for op, av in items:
            if op is _c.LITERAL:
                found.add(chr(av))
            elif op is _c.NOT_LITERAL:
                found |= {ch for ch in self.alphabet if ord(ch) != av}
            elif op is _c.ANY:
                found |= self.alphabet - {"\n"}
            elif op is _c.IN:
                found |= self._in_class(av)
            elif op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
                continue
            else:
                for sub in _children(op, av):
                    found |= self.chars(sub)
        return frozenset(ch.lower() for ch in found) if self.folded else frozenset(found)

    def _in_class(self, items: Any) -> set[str]:
        negate = bool(items) and items[0][0] is _c.NEGATE
        inside: set[str] = set()
        for op, av in items:
            if op is _c.LITERAL:
                inside.add(chr(av))
            elif op is _c.RANGE:
                inside |= {ch for ch in self.alphabet if av[0] <= ord(ch) <= av[1]}
            elif op is _c.CATEGORY and av in _CATEGORY:
                inside |= {ch for ch in self.alphabet if _CATEGORY[av].match(ch)}
        return set(self.alphabet - inside) if negate else inside


def _flatten(items: Any) -> list[Any]:
    """The sequence with its groups opened: ``(ab+)`` in a sequence is ``a`` then ``b+``."""
    flat: list[Any] = []
    for op, av in items:
        if op is _c.SUBPATTERN and not av[1] and not av[2]:
            flat.extend(_flatten(av[3]))
        else:
            flat.append((op, av))
    return flat


def _widths(items: Any) -> tuple[int, int]:
    low, high = _p.SubPattern(_p.State(), list(items)).getwidth()
    return int(low), int(high)
