"""loads_json's fast path (orjson) reads what json's decoder reads, error for error.

The reference is ``_loads_json``, loads_json as it was before the fast path: json's decoder
with its checks. Every text below goes through both; a value must be the same down to its
types, key order and float bits, and a refusal the same exception with the same message.
"""

from __future__ import annotations

import json
import math
import struct
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from seamguard.documents import _loads_json, loads_json


def _same(left: Any, right: Any) -> bool:
    stack = [(left, right)]  # a loop, not recursion: some documents nest 1,000 deep
    while stack:
        a, b = stack.pop()
        if type(a) is not type(b):
            return False
        if isinstance(a, float):
            # Bits, not ==: -0.0 and 0.0 differ, and so would two roundings of one literal.
            if struct.pack("<d", a) != struct.pack("<d", b):
                return False
        elif isinstance(a, dict):
            if list(a) != list(b):
                return False
            stack.extend((a[key], b[key]) for key in a)
        elif isinstance(a, list):
            if len(a) != len(b):
                return False
            stack.extend(zip(a, b, strict=True))
        elif a != b:
            return False
    return True


def _outcome(parse: Any, text: str | bytes, depth: int) -> tuple[str, Any]:
    try:
        return "value", parse(text, depth)
    except ValueError as exc:  # JSONDecodeError, TooDeepError, NaN, lone surrogates, ...
        return type(exc).__name__, str(exc)


def _check(text: str | bytes, depth: int = 128) -> None:
    fast = _outcome(lambda t, d: loads_json(t, max_depth=d), text, depth)
    reference_text = text
    if isinstance(text, bytes):
        reference_text = text.decode(json.detect_encoding(text), "surrogatepass")
    reference = _outcome(_loads_json, reference_text, depth)
    assert fast[0] == reference[0], (text[:200], fast, reference)
    if fast[0] == "value":
        assert _same(fast[1], reference[1]), (text[:200], fast[1], reference[1])
    else:
        assert fast[1] == reference[1], text[:200]


HOSTILE = [
    "1e999", "-1e999", "1E400", "1.7976931348623159e308", "[1, 2e400]", '{"a": -1e309}',
    "NaN", "[NaN]", "Infinity", "-Infinity", '{"x": Infinity}',
    '"\\ud800"', '"\\udc00x"', '"\\ud83d\\ude00"', '"\\uD800\\u0041"', '["ok", "\\udfff"]',
    "\ud800", '"\ud800"',
    "123456789012345678901234567890", "18446744073709551615", "18446744073709551616",
    "-9223372036854775808", "-9223372036854775809", "9999999999999999999",
    "-99999999999999999999", '{"id": 123456789012345678901}', '["1234567890123456789012"]',
    "1" + "0" * 400, "1" + "0" * 5000,
    "-0", "-0.0", "0.0", "1e-400", "2.2250738585072011e-308", "4.9e-324", "5e-325",
    "1.7976931348623157e308", "9007199254740993", "9007199254740993.0",
    "1.00000000000000011102230246251565404236316680908203125", "0.1", "1E5", "1e+5",
    '{"a": 1, "a": 2}', '{"a": 1, "b": 2, "a": 3}', '{"b": {"x": 1}, "b": [2]}',
    "", " ", "\ufeff[1]", "\ufeff", " [1] ", "[1]\x0c", "[1]\n", "\t\r\n[1]\t\r\n",
    '"a\x01b"', '"\x7f"', '"\\u0000"', '"\\/"', '"\\x"', '"\\u12"', '"abc',
    "01", "1.", ".5", "+1", "-", "--1", "1e", "1e+", "0x10", "[1,]", '{"a":1,}', "[,1]",
    "true", "tru", "True", "null", "nul", "[1] [2]", "{}", "[]", '{"": ""}', "{1: 2}",
    "{'a': 1}", "[1 2]", '{"a" 1}', "\u00a0[1]", "[1]\u2028",
    "[" * 100 + "]" * 100, "[" * 129 + "]" * 129, "[" * 600 + "]" * 600,
    "[" * 1100 + "]" * 1100, '{"a":' * 200 + "1" + "}" * 200, "[" * 50,
    '["' + "[" * 300 + '"]',
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_texts_parse_as_json_reads_them(text: str) -> None:
    _check(text)
    _check(text.encode("utf-8", "surrogatepass"))
    _check(text, depth=256)
    _check(text, depth=8)


def test_depth_limits_above_the_fast_path_keep_json_recursion_answer() -> None:
    for depth in (600, 2000):
        _check("[" * 700 + "]" * 700, depth)
        _check("[" * 1100 + "]" * 1100, depth)


_FLOATS = st.floats(allow_nan=False, allow_infinity=False) | st.floats(width=32,
                                                                       allow_nan=False)
_SCALARS = (st.none() | st.booleans() | _FLOATS
            | st.integers(min_value=-(2**70), max_value=2**70)
            | st.integers(min_value=-(2**64), max_value=2**64)
            | st.text(max_size=20))
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=5),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None)
@given(value=_VALUES, ascii_=st.booleans(), indent=st.sampled_from([None, 1]))
def test_generated_documents_parse_the_same(value: Any, ascii_: bool, indent: int | None) -> None:
    _check(json.dumps(value, ensure_ascii=ascii_, indent=indent))


# Number literals as APIs write them, not only as Python prints them.
_LITERALS = st.builds(
    lambda sign, digits, fraction, exponent: f"{sign}{digits}{fraction}{exponent}",
    st.sampled_from(["", "-"]),
    st.from_regex(r"\A(0|[1-9][0-9]{0,24})\Z"),
    st.sampled_from(["", ""]) | st.from_regex(r"\A\.[0-9]{1,25}\Z"),
    st.sampled_from(["", ""]) | st.from_regex(r"\A[eE][+-]?[0-9]{1,4}\Z"),
)


@settings(max_examples=600, deadline=None)
@given(literal=_LITERALS)
@example(literal="179769313486231570000000000000000000000000000000000000000000000000000000e238")
@example(literal="0.000000000000000000000000000000000000000000000000000000000000000000001e-300")
def test_number_literals_read_to_the_same_value(literal: str) -> None:
    _check(literal)
    _check(f'{{"n": [{literal}, "{literal}"]}}')


@settings(max_examples=600, deadline=None)
@given(value=_VALUES, data=st.data())
def test_damaged_documents_are_refused_or_read_the_same(value: Any, data: st.DataObject) -> None:
    text = json.dumps(value, ensure_ascii=False)
    edits = data.draw(st.lists(st.tuples(
        st.integers(min_value=0, max_value=max(len(text), 1)),
        st.integers(min_value=0, max_value=3),
        st.sampled_from(list('{}[]",:0123456789-+.eE \\/ntfrualsu\x00\x1f\ud800\ufeffé中')),
    ), max_size=4))
    for at, cut, char in edits:
        text = text[:at] + char + text[at + cut:]
    _check(text)


def test_an_infinite_number_is_still_refused_with_its_pointer() -> None:
    with pytest.raises(ValueError, match="the number at /a/1 is too large for a double"):
        loads_json('{"a": [1, 1e999]}')
    assert math.isfinite(loads_json("[1.7976931348623157e308]")[0])
