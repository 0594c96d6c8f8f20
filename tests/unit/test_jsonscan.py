"""The compiled JSON screens (``seamguard._jsonscan``) against their pure-Python references
(``seamguard.document_scan``) on generated and hostile bytes, and every reader of
``document_json`` giving the same answers through the compiled pass, through the reference
pass and through the pure-Python screens used when the extension is not built."""

from __future__ import annotations

import json
import re
from types import ModuleType
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seamguard import document_json, document_scan
from seamguard.contracts import id_precision
from seamguard.document_scan import keys_reference, scan_reference, screens_reference
from tests.support.compiled import accelerator


@pytest.fixture(scope="module")
def compiled() -> ModuleType:
    return accelerator()


# Pieces JSON texts and hostile bytes are made of: every byte the screens look at, escapes
# (real, escaped backslashes, \u spelling digits, brackets, quotes and colons), digit runs
# around 16 and 19, exponents, NUL, invalid UTF-8, lone surrogates as surrogatepass writes them.
PIECES = [b"{", b"}", b"[", b"]", b'"', b":", b",", b"\\", b"u", b"U", b"\\u", b"\\\\", b'\\"',
          b"\\u0030", b"\\u005b", b"\\u007B", b"\\u003a", b"\\u0022", b"\\ud800", b"e", b"E",
          b".", b"-", b"+", b"0", b"7", b"1" * 15, b"2" * 16, b"3" * 18, b"4" * 19, b"5" * 40,
          b"1e5", b"2E-3", b"1234567890123456.5", b"\x00", b"\xff", b"\xc3", b"\xe6\xb7",
          "深圳:".encode(), "\ud83d".encode("utf-8", "surrogatepass"), b" ", b"\n", b"a", b"true"]
HOSTILE = st.lists(st.sampled_from(PIECES), max_size=40).map(b"".join)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.binary(max_size=200), HOSTILE))
def test_scan_matches_the_reference_on_any_bytes(compiled: ModuleType, data: bytes) -> None:
    assert compiled.scan(data) == scan_reference(data)


@pytest.mark.parametrize("data", [
    b"", b"\\", b'"', b'"\\', b"[" * 100_000 + b"]" * 100_000, b"9" * 1_000_000 + b".",
    b"1" * 16 + b".", b"1" * 15 + b".", b"1" * 18 + b"e", b'"a\\"b:c":1', b'"\\\\":1',
    b'{"a":1}' * 10_000, bytes(range(256)) * 50,
])
def test_scan_matches_the_reference_on_edges(compiled: ModuleType, data: bytes) -> None:
    assert compiled.scan(data) == scan_reference(data)


def test_scan_takes_bytes_only(compiled: ModuleType) -> None:
    with pytest.raises(TypeError, match="takes bytes"):
        compiled.scan("text")
    with pytest.raises(TypeError, match="takes bytes"):
        compiled.scan(bytearray(b"[]"))
    assert (compiled.LONG_DIGITS, compiled.ESCAPE, compiled.EXPONENT, compiled.SIXTEEN) == (
        document_scan.LONG_DIGITS, document_scan.ESCAPE, document_scan.EXPONENT,
        document_scan.SIXTEEN)


VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=3),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.text(max_size=2), children, max_size=4),
    max_leaves=30)


@settings(max_examples=500, deadline=None)
@given(VALUES)
def test_keys_matches_the_reference(compiled: ModuleType, value: Any) -> None:
    assert compiled.keys(value) == keys_reference(value)


def test_keys_walks_any_depth_without_recursion(compiled: ModuleType) -> None:
    deep: Any = {"k": 1}
    for level in range(200_000):
        deep = [deep] if level % 2 else {"a": deep, "b": [1, {}]}
    assert compiled.keys(deep) == keys_reference(deep) == 200_001
    wide = [{str(i): [{"x": None}] * 3} for i in range(50_000)]
    assert compiled.keys(wide) == keys_reference(wide) == 200_000
    assert compiled.keys(7) == compiled.keys("a:b") == compiled.keys(None) == 0


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.text(max_size=120), HOSTILE.map(lambda data: data.decode(
    "utf-8", "surrogateescape"))), VALUES)
def test_screens_matches_the_reference_on_any_text(compiled: ModuleType, text: str,
                                                   value: Any) -> None:
    # any str (lone surrogates included: read as surrogatepass writes them) with any value
    assert compiled.screens(text, value) == screens_reference(text, value)


@pytest.mark.parametrize("text", [
    "", '"\ud800"', "\ud800:\udfff:", "深圳:" * 1000, '{"a":1,"a":2}', '{"a":"x:y","a":3}',
    '{"a":{"b":1,"b":2}}', "[" * 100_000 + "]" * 100_000, '{"a":1}' * 10_000,
])
def test_screens_matches_the_reference_on_edges(compiled: ModuleType, text: str) -> None:
    for value in ({}, {"a": 2}, {"a": {"b": 2}}, [{"a": 1}] * 3, None, "a:b"):
        assert compiled.screens(text, value) == screens_reference(text, value)
    try:
        parsed = json.loads(text)
    except (ValueError, RecursionError):
        return
    assert compiled.screens(text, parsed) == screens_reference(text, parsed)


def test_screens_reads_a_text_in_place_and_takes_str_only(compiled: ModuleType) -> None:
    text = '{"城市":"深圳:南山","城市":1}'
    assert compiled.screens(text, {"城市": 1}) == (0, 1, True)
    assert compiled.screens(text, {"城市": 1}) == (0, 1, True)  # its UTF-8 kept, same answer
    with pytest.raises(TypeError, match="takes"):
        compiled.screens(text.encode(), {})
    with pytest.raises(TypeError, match="takes"):
        compiled.screens(text)


# Texts for the readers: valid JSON (repeats, escaped colons, long digit runs, floats beyond
# 2^53, lone surrogates, nesting past the limit) and not JSON at all.
KEYS = ['"a"', '"\\u0061"', '"a:b"', '"a\\u003ab"', '"\\""', '":"', '""', '"\\\\"']
SCALARS = ['1', '-0', '1.5e3', '1' + '0' * 25, '12345678901234567.0', '9007199254740993',
           'true', 'null', '"10:02:03"', '"\\u003a"', '"\\ud800"', '"\\ud83d\\ude00"',
           '"深圳:"', '"{\\"a\\": 1, \\"a\\": 2}"', '"[[[[1]]]]"', 'NaN', '1e999']


def _texts() -> st.SearchStrategy[str]:
    def containers(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        member = st.tuples(st.sampled_from(KEYS), children)
        objects = st.lists(member, max_size=5).map(
            lambda items: "{" + ",".join(f"{k}:{v}" for k, v in items) + "}")
        arrays = st.lists(children, max_size=4).map(lambda items: "[" + ",".join(items) + "]")
        return objects | arrays

    valid = st.recursive(st.sampled_from(SCALARS), containers, max_leaves=14)
    deep = st.integers(1, 12).map(lambda n: "[" * n + "1" + "]" * n)
    return valid | deep | st.text(alphabet='{}[]":,1\\ua', max_size=20)


def _outcome(read: Any, text: str) -> tuple[str, Any]:
    try:
        return "value", json.dumps(read(text), sort_keys=True, ensure_ascii=False)
    except ValueError as exc:  # JSONDecodeError, TooDeepError, DuplicateKeyError, ...
        return type(exc).__name__, str(exc)


READERS = {
    "loads_json": lambda text: document_json.loads_json(text, max_depth=6),
    "loads_json_screens": lambda text: document_json.loads_json_screens(text, 6),
    "loads_json_screens, wide": lambda text: document_json.loads_json_screens(text, 64, False),
    "loads_embedded": lambda text: document_json.loads_embedded(text, 6),
}


@settings(max_examples=700, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts())
def test_readers_answer_alike_with_and_without_the_extension(compiled: ModuleType,
                                                             text: str) -> None:
    passes = {"compiled": (compiled.screens, compiled.keys),
              "reference": (screens_reference, keys_reference),
              "pure Python": (None, keys_reference)}
    for name, read in READERS.items():
        if name == "loads_embedded" and ("\\u" in text or re.search("[0-9]{19}", text)):
            continue  # it reads only the strings of a screened text, which hold neither
        outcomes = {}
        for label, (screens, keys) in passes.items():
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(document_json, "_SCREENS", screens)
                patch.setattr(document_json, "_KEYS", keys)
                outcomes[label] = _outcome(read, text)
        assert outcomes["compiled"] == outcomes["reference"] == outcomes["pure Python"], name


def test_the_package_says_which_screens_it_uses() -> None:
    # built or not, document_json reads through the pass document_scan chose
    assert (document_json._SCREENS is not None) == document_scan.ACCELERATED
    assert document_scan.scan(b'{"a":1}') == scan_reference(b'{"a":1}') == (0, 1, 1)


# Texts for the lossy-float search: numbers with exponents and long runs of digits, in and out
# of strings, beside every byte the search or the pass looks at, non-ASCII digits included.
LOSSY_PIECES = ["1e5", "2E-3", "1.5e+2", "1" * 15 + ".5", "2" * 16 + ".0", "3" * 17 + ".1",
                "-", ".", "e", "E", ":", ",", "[", " ", "\n", '"', "\\", "\\u0065", "٣", "٣e5",
                "\u0661" * 16 + ".1", "9", "a", "深圳", "\ud800"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(LOSSY_PIECES), max_size=16).map("".join) | st.text(max_size=60))
def test_the_lossy_float_search_answers_alike_with_and_without_the_pass(compiled: ModuleType,
                                                                        text: str) -> None:
    answers = []
    for scan in (compiled.scan, scan_reference, None):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(id_precision, "_SCAN", scan)
            answers.append(id_precision.text_may_hold_lossy(text))
    assert answers[0] == answers[1] == answers[2]


@pytest.mark.parametrize(("text", "may"), [
    ('{"a": 1e300}', True), ('{"a": 12345678901234567.5}', True), ("[1.5E+3]", True),
    ('{"a": 1234567890123456}', False), ('{"a": "1e5"}', False), ('{"a": \u0661\u0662e5}', False),
    ('{"language": "zh-CN", "trackingType": 1}', False),
])
def test_the_lossy_float_search_on_known_texts(compiled: ModuleType, text: str,
                                               may: bool) -> None:
    for scan in (compiled.scan, None):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(id_precision, "_SCAN", scan)
            assert id_precision.text_may_hold_lossy(text) is may


@settings(max_examples=700, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts(), st.sampled_from([0, 2, 6, 64]), st.booleans())
def test_read_answers_as_loads_json_screens_or_not_at_all(compiled: ModuleType, text: str,
                                                          depth: int, lossless: bool) -> None:
    read = compiled.read(orjson.loads, text, depth, lossless)
    if read is None:
        return  # loads_json_screens answers it (a question to ask, an error to say)
    value, plain, exact = read
    expected = document_json.loads_json_screens(text, depth, lossless)
    assert json.dumps(value, sort_keys=True) == json.dumps(expected[0], sort_keys=True)
    assert (plain, exact) == expected[1:]


@pytest.mark.parametrize(("text", "answered"), [
    ('{"a": 1}', True), ('{"a": 1, "a": 2}', False), ("[" * 3 + "]" * 3, False),
    ('{"a": "' + "9" * 19 + '"}', False), ("{", False), ('"\\ud800"', False), ("NaN", False),
    ('{"a": "\\u0041"}', True), ('{"深圳": 1.5e3}', True),
])
def test_read_leaves_every_question_to_python(compiled: ModuleType, text: str,
                                              answered: bool) -> None:
    assert (compiled.read(orjson.loads, text, 2, True) is not None) is answered
    with pytest.raises(TypeError, match="takes"):
        compiled.read(orjson.loads, text.encode(), 2, True)
    assert (document_json.screened_reader(2) is not None) == document_scan.ACCELERATED
    assert document_json.screened_reader(10_000) is None  # json's own path past 512 levels


def test_read_passes_on_its_parsers_other_errors(compiled: ModuleType) -> None:
    def broken(text: str) -> None:
        raise RuntimeError("the parser broke")

    with pytest.raises(RuntimeError, match="the parser broke"):
        compiled.read(broken, "{}", 2, True)
