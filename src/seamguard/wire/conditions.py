"""A wire profile's conditions tested on a parsed body (see :mod:`seamguard.wire.envelope`).

A condition reads the value at its pointer (MISSING when absent) and holds when that value is
present, absent, equal or unequal as it asks; a number and a text holding the same number are
equal (codes come written either way). A pointer holding ``*`` reaches every key or element
there, and the condition holds when it holds at one of those places.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from seamguard.wire.pointers import (
    MISSING,
    EmbeddedUnreadable,
    Step,
    escape,
    format_steps,
    inner_document,
    resolve,
)
from seamguard.wire.profile import Condition

__all__ = ["WILD"]


class _NotJson(Exception):
    """An embedded step met something that is not a string holding JSON."""



def _value(body: Any, steps: tuple[Step, ...], memo: dict[tuple[Step, ...], Any]) -> Any:
    if len(steps) == 1 and not steps[0].embedded and isinstance(body, dict):
        return body.get(steps[0].key, MISSING)  # the usual case: a top-level key
    return resolve(body, steps, memo)


def _test(condition: Condition) -> Callable[[Any], bool]:
    """``condition`` as a test of the value at its pointer (MISSING when absent)."""
    if condition.present is not None:
        present = condition.present
        return lambda value: (value is not MISSING) == present
    # _same, specialised: a boolean equals only itself, a text only an equal text.
    if "equals" in condition.model_fields_set:
        equals = condition.equals
        if isinstance(equals, bool):
            return lambda value: value is equals
        if isinstance(equals, str):
            return lambda value: value == equals or (
                value is not MISSING and not isinstance(value, str) and _same(value, equals))
        return lambda value: value is not MISSING and _same(value, equals)
    differs = condition.not_equals
    if isinstance(differs, bool):
        return lambda value: value is not MISSING and value is not differs
    if isinstance(differs, str):
        return lambda value: value is not MISSING and value != differs and (
            isinstance(value, str) or not _same(value, differs))
    return lambda value: value is not MISSING and not _same(value, differs)


def _holds(body: Any, steps: tuple[Step, ...], condition: Condition,
           memo: dict[tuple[Step, ...], Any]) -> bool:
    return _verdict(_value(body, steps, memo), condition)


def _verdict(value: Any, condition: Condition) -> bool:
    if condition.present is not None:
        return (value is not MISSING) == condition.present
    if "equals" in condition.model_fields_set:
        return value is not MISSING and _same(value, condition.equals)
    return value is not MISSING and not _same(value, condition.not_equals)


WILD = "*"


def _wild(steps: tuple[Step, ...]) -> bool:
    return any(step.key == WILD for step in steps)


def _places(node: Any, steps: tuple[Step, ...], done: tuple[Step, ...],
            memo: dict[tuple[Step, ...], Any]) -> Iterator[tuple[tuple[Step, ...], Any]]:
    """Every (concrete steps, value) a pointer with ``*`` reaches, in document order."""
    if not steps:
        yield done, node
        return
    step, rest = steps[0], steps[1:]
    if step.key == WILD:
        keys = list(node) if isinstance(node, dict) else \
            [str(i) for i in range(len(node))] if isinstance(node, list) else []
        for key in keys:
            yield from _places(node, (step._replace(key=key), *rest), done, memo)
        return
    concrete = (*done, step)
    value = resolve(node, (step,)) if not step.embedded else MISSING
    if step.embedded:
        known = memo.get(concrete, MISSING)
        if known is MISSING:
            child = resolve(node, (Step(step.key),))
            if child is MISSING:
                return
            known = memo[concrete] = inner_document(
                child, format_steps(done) + "/" + escape(step.key), step.xml)
        value = known
    if value is not MISSING:
        yield from _places(value, rest, concrete, memo)


def _holds_at(body: Any, steps: tuple[Step, ...], condition: Condition,
              memo: dict[tuple[Step, ...], Any]) -> tuple[Step, ...] | None:
    """Where the condition holds (its concrete steps); None when it holds nowhere."""
    if not _wild(steps):
        return steps if _holds(body, steps, condition, memo) else None
    if condition.present is False:  # absent: absent everywhere the pointer could reach
        return steps if next(_places(body, steps, (), memo), None) is None else None
    for place, value in _places(body, steps, (), memo):
        if _verdict(value, condition):
            return place
    return None


def _anywhere(steps: tuple[Step, ...], condition: Condition) -> Callable[[Any], bool]:
    """``condition`` as a test of a whole body, for a pointer with ``*``."""
    def test(body: Any) -> bool:
        try:
            return _holds_at(body, steps, condition, {}) is not None
        except EmbeddedUnreadable:
            raise _NotJson from None
    return test


def _bind(steps: tuple[Step, ...], bound: tuple[Step, ...]) -> tuple[Step, ...]:
    """``steps`` with each ``*`` replaced by the key ``bound`` has there (same prefix)."""
    out = list(steps)
    for index, step in enumerate(steps):
        if step.key == WILD and index < len(bound) and \
                [s.key for s in out[:index]] == [s.key for s in bound[:index]]:
            out[index] = step._replace(key=bound[index].key)
    return tuple(out)


def _same(value: Any, expected: Any) -> bool:
    # JSON equality (1 == 1.0, but True is not 1), except that a number equals a text holding
    # it: platforms write the same code as "0" or 0.
    if isinstance(value, bool) or isinstance(expected, bool):
        return isinstance(value, bool) and isinstance(expected, bool) and value == expected
    if isinstance(value, str) and isinstance(expected, int | float):
        return _number(value) == expected
    if isinstance(expected, str) and isinstance(value, int | float):
        return _number(expected) == value
    return bool(value == expected)


def _number(text: str) -> int | float | None:
    """The number a text writes in JSON's way (``"0"``, ``"-1.5"``); None for other text."""
    if not _NUMBER.fullmatch(text):
        return None
    return float(text) if "." in text or "e" in text.lower() else int(text)


_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
