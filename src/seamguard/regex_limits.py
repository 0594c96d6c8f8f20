"""User-written regular expressions, run with a time bound per value and in total.

``map lint`` refuses the backtracking shapes it knows (``mapping.regex_safety``), but a shape it
does not know could still hold a run for hours on one long value. Every user pattern that runs
on data (a mapping's ``regex_replace``, a suite's ``…_match_regex`` on the pandas engine) goes
through ``BoundedRegex`` (and a contract's ``pattern`` that ``map lint`` tries on sample
values, through :func:`sample_search`): the ``regex`` package in its ``VERSION0`` mode
(``re``'s syntax and semantics) stops a match after ``timeout``, and a pattern that has spent
its whole ``budget`` stops being tried, so a run ends in bounded time with a finding instead of
hanging. The SQL and Spark engines run a suite's patterns themselves, where no bound can be
set from here: ``quality.gx_regex.refuse_backtracking`` keeps the shapes known to backtrack
from reaching a backtracking engine at all.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import regex

__all__ = ["PER_VALUE_SECONDS", "REWRITE_HINT", "SAMPLE_SECONDS", "SLOW_SECONDS", "TOTAL_SECONDS",
           "BoundedRegex", "RegexTimeout", "sample_search", "sampling"]

# A pattern that is not pathological takes microseconds per value; a second leaves room for a
# loaded machine and long values. Ten seconds in all per pattern, counted over slow values only,
# bounds a run of many records: a healthy pattern over millions of values never spends it.
PER_VALUE_SECONDS = 1.0
TOTAL_SECONDS = 10.0
SLOW_SECONDS = 0.01  # a value that takes this long counts against the pattern's total
# A contract's pattern tried on a short sample value while linting: far below a second.
SAMPLE_SECONDS = 0.2

REWRITE_HINT = ("let one part match each stretch of text: `(\\w+\\s?)+` -> `\\w+(\\s\\w+)*`, "
                "`(a+)+` -> `a+`, `(.|\\s)*` -> `[\\s\\S]*`, `(a|aa)*` -> `a*`; or use an atomic "
                "group `(?>...)` or a possessive `++`")


class RegexTimeout(ValueError):
    """A pattern took longer than its bound on a value (a ValueError: a value it cannot map)."""

    def __init__(self, pattern: str, length: int, seconds: float, spent: bool) -> None:
        self.pattern = pattern
        self.length = length
        why = (f"spent its whole {seconds:g} s budget for this run and is no longer tried"
               if spent else f"gave up after {seconds:g} s")
        super().__init__(
            f"regular expression {pattern[:80]!r} {why} on a value of {length} characters: "
            "it backtracks catastrophically on such values")
        self.hint = REWRITE_HINT


class BoundedRegex:
    """A compiled user pattern whose ``search``/``sub`` stop after ``per_value`` seconds, and
    stop being tried once ``total`` seconds have gone into its slow values (each taking
    ``SLOW_SECONDS`` or more)."""

    def __init__(self, pattern: str, flags: int = 0, *, per_value: float | None = None,
                 total: float | None = None) -> None:
        re.compile(pattern, flags)  # re's errors and messages for a pattern re would refuse
        self.pattern = pattern
        try:
            self._compiled: Any = regex.compile(pattern, flags | regex.VERSION0)
        except regex.error as exc:  # re reads it, regex does not: one kind of error for callers
            raise re.error(f"{exc} (in the bounded regex engine)", pattern) from None
        self.per_value = PER_VALUE_SECONDS if per_value is None else per_value
        self.total = TOTAL_SECONDS if total is None else total
        self.remaining = self.total

    def _run(self, method: str, value: str, *args: Any) -> Any:
        if self.remaining <= 0:
            raise RegexTimeout(self.pattern, len(value), self.total, spent=True)
        limit = min(self.per_value, self.remaining)
        start = time.perf_counter()
        try:
            return self._counted(getattr(self._compiled, method)(*args, value, timeout=limit),
                                 time.perf_counter() - start)
        except TimeoutError:
            # a value that hit the bound spends at least the bound, however small what was left
            self.remaining -= max(time.perf_counter() - start, limit)
            raise RegexTimeout(self.pattern, len(value), limit, spent=False) from None

    def _counted(self, result: Any, spent: float) -> Any:
        if spent >= SLOW_SECONDS:  # only slow values count: data size alone never stops it
            self.remaining -= spent
        return result

    def search(self, value: str) -> Any:
        """``re.search``, bounded; RegexTimeout when the bound is hit."""
        return self._run("search", value)

    def sub(self, replacement: str, value: str) -> str:
        """``re.sub``, bounded; RegexTimeout when the bound is hit."""
        return str(self._run("sub", value, replacement))


# The samplers of the run under way (a lint of one mapping): a pattern's budget is spent within
# one run, never carried into the next project's (a long-lived process, the pytest plugin, a
# loaded machine where short searches now and then count as slow).
_RUN: ContextVar[dict[str, BoundedRegex | None] | None] = ContextVar("_RUN", default=None)


@contextmanager
def sampling() -> Iterator[None]:
    """One run's budgets for the contract patterns :func:`sample_search` tries."""
    token = _RUN.set({})
    try:
        yield
    finally:
        _RUN.reset(token)


def _new_sampler(pattern: str) -> BoundedRegex | None:
    try:
        return BoundedRegex(pattern, per_value=SAMPLE_SECONDS, total=SAMPLE_SECONDS * 5)
    except (re.error, TypeError, ValueError, OverflowError, RecursionError):
        return None


def _sampler(pattern: str) -> BoundedRegex | None:
    """The pattern's sampler in this run; outside one (:func:`sampling`), a call's own."""
    run = _RUN.get()
    if run is None:
        return _new_sampler(pattern)
    if pattern not in run:
        run[pattern] = _new_sampler(pattern)
    return run[pattern]


def sample_search(pattern: str, text: str) -> bool | None:
    """Whether a contract's ``pattern`` finds ``text`` (a search, as JSON Schema reads it),
    bounded; None when that cannot be told: Python cannot read the pattern (an ECMA-262
    construct such as ``\\p{L}``) or it hit its bound on the value."""
    if not isinstance(pattern, str) or not isinstance(text, str):
        return None
    sampler = _sampler(pattern)
    if sampler is None:
        return None
    try:
        return sampler.search(text) is not None
    except RegexTimeout:
        return None
