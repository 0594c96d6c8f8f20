from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seamguard.documents import (
    LineLocator,
    TooDeepError,
    _text_deeper,
    depth_exceeds,
    load_document,
    loads_json,
    parse_text,
)
from seamguard.errors import DocumentError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("v: 2024-07-01", "2024-07-01"),  # YAML 1.1 would make a date
        ("v: 2024-07-01T10:00:00Z", "2024-07-01T10:00:00Z"),
        ("v: NO", "NO"),  # Norway, not False
        ("v: on", "on"),
        ("v: yes", "yes"),
        ("v: 1:20", "1:20"),  # not sexagesimal 80
        ("v: 010", 10),
        ("v: 0x1F", 31),
        ("v: 0o17", 15),
        ("v: true", True),
        ("v: ~", None),
        ("v: 1.5e3", 1500.0),
    ],
)
def test_scalars_follow_yaml_1_2_core(text: str, expected: object) -> None:
    assert parse_text(text, file="x.yaml") == {"v": expected}


def test_keys_are_strings() -> None:
    assert parse_text("200: a\n4XX: b\ntrue: c\n~: d", file="x.yaml") == {
        "200": "a", "4XX": "b", "true": "c", "null": "d"}


def test_invalid_yaml_names_file_and_line() -> None:
    with pytest.raises(DocumentError) as caught:
        parse_text("a: 1\nb: [1, 2\nc: 3\n", file="contracts/x.yaml")
    assert caught.value.file == "contracts/x.yaml"
    assert caught.value.line is not None
    assert caught.value.line >= 2
    assert "invalid YAML" in str(caught.value)


def test_an_anchor_defined_again_names_the_nearest_node_before_the_alias(tmp_path: Path) -> None:
    # YAML lets a document define one anchor twice (published specs reuse example anchors);
    # libyaml refuses it, so such a document is read by the slower reader instead.
    text = ("first: &ex\n  one: 1\nuse_first: *ex\nsecond: &ex\n  two: 2\n"
            "use_second: *ex\nkept: 0x1F\nwhen: 2024-07-01\n")
    assert parse_text(text, file="x.yaml") == {
        "first": {"one": 1}, "use_first": {"one": 1}, "second": {"two": 2},
        "use_second": {"two": 2}, "kept": 31, "when": "2024-07-01"}
    path = tmp_path / "doc.yaml"
    path.write_text(text, encoding="utf-8")
    assert LineLocator(path).line_of("/second/two") == 5
    with pytest.raises(DocumentError, match="twice"):
        parse_text("a: &ex 1\nb: &ex 2\nb: 3\n", file="x.yaml")  # a key written twice still is


def test_invalid_json_names_line(tmp_path: Path) -> None:
    path = tmp_path / "spec.json"
    path.write_text('{\n  "a": 1,\n}\n', encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        load_document(path)
    assert caught.value.line == 3


def test_invalid_utf8_is_refused_with_offset(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"a: 1\nb: \xff\xfe\n")
    with pytest.raises(DocumentError) as caught:
        load_document(path)
    assert caught.value.line == 2
    assert "UTF-8" in caught.value.message


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * 2048)
    with pytest.raises(DocumentError, match="over the"):
        load_document(path, max_bytes=1024)


def test_python_tags_are_refused() -> None:
    with pytest.raises(DocumentError):
        parse_text("a: !!python/object/apply:os.system ['true']", file="x.yaml")


@pytest.mark.parametrize(("text", "line", "problem"), [
    ("a: 1\nb: !!binary AAAA\n", 2, "!!binary"),
    ("a:\n  b: !!set {x, y}\n", 2, "!!set"),
    ("a: !!omap [x: 1]\n", 1, "!!omap"),
    ("a: !!pairs [x: 1, x: 2]\n", 1, "!!pairs"),
    ("a:\n  ? [x, y]\n  : 1\n", 2, "a key is a list"),
    ("a:\n  b: 1\n  ? {x: 1}\n  : 2\n", 3, "a key is a mapping"),
])
def test_values_json_cannot_hold_are_refused_at_their_line(text: str, line: int,
                                                           problem: str) -> None:
    """Contracts, mappings and suites are JSON data: bytes, sets, tuples or a list as a key
    would reach the schema compiler or the models and crash there, or pass as text."""
    with pytest.raises(DocumentError) as caught:
        parse_text(text, file="x.yaml")
    assert caught.value.line == line
    assert problem in str(caught.value)
    assert caught.value.hint


def test_cassettes_keep_binary_bodies() -> None:
    """vcrpy writes a body that is not text as ``!!binary``: a cassette reader takes it."""
    text = "body: {string: !!binary eyJhIjogMX0=}\n"
    assert parse_text(text, file="c.yaml", binary=True) == {"body": {"string": b'{"a": 1}'}}
    with pytest.raises(DocumentError):
        parse_text("a: !!set {x}\n", file="c.yaml", binary=True)


def test_line_locator_finds_pointers(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text("a:\n  b:\n    - x\n    - y\n  c/d: 1\n", encoding="utf-8")
    locator = LineLocator(path)
    assert locator.line_of("/a/b/1") == 4
    assert locator.line_of("/a/c~1d") == 5
    assert locator.line_of("/a/missing") == 1  # deepest existing node: a


@given(st.dictionaries(st.text(min_size=1, max_size=8), st.text(max_size=12), max_size=5))
def test_json_text_round_trips(data: dict[str, str]) -> None:
    import json

    assert parse_text(json.dumps(data), file="x.json") == data


_TRICKY = st.text(alphabet='[]{}"\\/ \n\u4e2d\ud83d\ude00ab', max_size=8)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | _TRICKY,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TRICKY, inner, max_size=3),
    max_leaves=30)


@given(_JSON, st.integers(min_value=0, max_value=8), st.booleans(), st.booleans())
def test_depth_from_the_text_is_the_depth_of_the_value(value: object, limit: int, ascii_: bool,
                                                       indent: bool) -> None:
    text = json.dumps(value, ensure_ascii=ascii_, indent=2 if indent else None)
    assert _text_deeper(text, limit) == depth_exceeds(value, limit)


def test_too_deep_payloads_are_refused_whatever_their_strings_hold() -> None:
    inner = r'"]]]]]] \\ \" ]"'  # a string of brackets, an escaped backslash and quote
    deep = "[" * 6 + inner + "]" * 6
    with pytest.raises(TooDeepError):
        loads_json(deep, max_depth=5)
    assert loads_json(deep, max_depth=6) == [[[[[[json.loads(inner)]]]]]]


@pytest.mark.parametrize(("text", "line"), [
    ("a: 1\nb: !!int x\n", 2),
    ("a: !!float x\n", 1),
    ("a: 1\nb: 2\nc: !!bool maybe\n", 3),
    ("a: 1\nb: " + "9" * 5000 + "\n", 2),
    ('{"a": 1,\n "b": ' + "9" * 5000 + "}", 2),
])
def test_a_value_the_parser_cannot_convert_is_a_document_error(text: str, line: int) -> None:
    with pytest.raises(DocumentError) as caught:
        parse_text(text, file="odd.yaml")
    assert caught.value.line == line
    assert "cannot be read" in caught.value.message


def test_a_cassette_that_defines_one_anchor_twice_keeps_its_binary_bodies() -> None:
    """The slower reader for redefined anchors reads what the cassette reader reads (vcrpy's
    ``!!binary``), and an alias means the nearest anchor before it."""
    text = ("interactions:\n"
            "- request: &a {uri: 'http://x/1', method: GET}\n"
            "  response: {body: {string: !!binary \"aGVsbG8=\"}}\n"
            "- request: &a {uri: 'http://x/2', method: GET}\n"
            "  copy: *a\n")
    value = parse_text(text, file="c.yaml", binary=True)
    assert value["interactions"][0]["response"]["body"]["string"] == b"hello"
    assert value["interactions"][1]["copy"]["uri"] == "http://x/2"
    with pytest.raises(DocumentError, match="!!binary"):
        parse_text(text, file="c.yaml")


@pytest.mark.parametrize("binary", [False, True])
def test_a_timestamp_tag_on_text_that_is_no_timestamp_is_refused_at_its_line(
        binary: bool) -> None:
    with pytest.raises(DocumentError, match="!!timestamp") as caught:
        parse_text("a: 1\nb: !!timestamp not-a-date\n", file="x.yaml", binary=binary)
    assert caught.value.line == 2
    assert caught.value.hint


def test_a_timestamp_tag_on_a_timestamp_keeps_its_text() -> None:
    text = "a: !!timestamp 2001-12-14t21:59:43.10-05:00\nb: !!timestamp 2002-12-14\n"
    assert parse_text(text, file="x.yaml") == {"a": "2001-12-14t21:59:43.10-05:00",
                                               "b": "2002-12-14"}
