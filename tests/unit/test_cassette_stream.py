"""Streamed cassette reading gives exactly what the whole-file parse gives: values, lines, errors.

The law: for any file, ``open_cassette(...).each()`` yields the interactions (and lines) that a
whole-file parse does, or raises the same DocumentError (message, line, hint). Checked on
generated vcrpy-style cassettes (PyYAML's emitter in the styles vcrpy and seamguard use) and on
hand-written irregular and hostile files; the regular ones must not need the fallback at all.
"""

from __future__ import annotations

import glob
import json
import re
import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seamguard.documents import LineLocator, load_document
from seamguard.errors import DocumentError
from seamguard.recordings import stream
from seamguard.recordings.cassettes import _read_whole, open_cassette, read_cassette

ROOT = Path(__file__).resolve().parents[2]
MAX = 1 << 24


def outcome(path: Path, *, streamed: bool, max_bytes: int = MAX, max_depth: int = 128) -> Any:
    """What reading ``path`` gives: the interactions and their lines, or the error."""
    try:
        if streamed:
            cassette = open_cassette(path, display="c.yaml", max_bytes=max_bytes,
                                     max_depth=max_depth)
            items = list(cassette.each())
        else:
            cassette = _read_whole(path, display="c.yaml", max_bytes=max_bytes,
                                   max_depth=max_depth)
            items = cassette.interactions
    except DocumentError as exc:
        return ("error", type(exc).__name__, exc.message, exc.line, exc.hint)
    return ("ok", items, [cassette.line_of(i) for i in range(len(items))])


def regular(path: Path, max_depth: int = 128) -> list[Any]:
    """The parsed items, asserting the file never needs the whole-file fallback."""
    with path.open("rb") as handle:
        return [item.value for item in stream.scan(handle, max_bytes=MAX,
                                                   max_depth=max_depth)]


def assert_same(path: Path, **limits: int) -> Any:
    whole = outcome(path, streamed=False, **limits)
    assert outcome(path, streamed=True, **limits) == whole
    return whole


# -- generated vcrpy-style cassettes ----------------------------------------------------------

_TEXT = st.lists(
    st.one_of(
        st.sampled_from([*string.printable, "''", "'", '"', ": ", " #", "- ", "\\", "\t",
                         "\n", "\n\n", "  ", "\u2028", "\x85", "\ufeff", "\x00"]),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=40,
).map("".join)
_SCALAR = st.one_of(
    _TEXT, st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False),
    st.sampled_from(["2024-07", "010", "0x1F", "NO", "on", "~", "null", "1e3", ".inf", "<<",
                     "-1", "- x", "? x", "[a]", "{a: 1}", "&a", "*a", "!x", "|", ">", "%x",
                     "@x", "`x", "a: b", "a #b", "a:", "  lead", "trail  ", ""]),
)
_HEADERS = st.dictionaries(
    st.one_of(st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True), _TEXT, st.integers()),
    st.lists(_SCALAR, min_size=0, max_size=2), max_size=6)
_BODY = st.one_of(
    _TEXT,
    st.builds(lambda value: json.dumps(value, ensure_ascii=False),
              st.recursive(_SCALAR, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(_TEXT, inner, max_size=3), max_leaves=12)),
    st.binary(max_size=40), st.none(),
)
_INTERACTION = st.fixed_dictionaries({
    "request": st.fixed_dictionaries({
        "body": _BODY, "headers": _HEADERS, "method": st.sampled_from(["GET", "POST", "get"]),
        "uri": st.sampled_from(["https://shop.example.com/admin/api/2024-07/orders.json?a=1&b=2",
                                "http://api.example.com/x", "not a url", "https://[::1]:x/"]),
    }),
    "response": st.fixed_dictionaries({
        "body": st.fixed_dictionaries({"string": _BODY}), "headers": _HEADERS,
        "status": st.fixed_dictionaries({"code": st.one_of(st.integers(100, 599), _SCALAR),
                                         "message": _SCALAR}),
    }),
})
_STYLE = st.fixed_dictionaries({
    "width": st.sampled_from([80, 20, 1 << 16]),
    "allow_unicode": st.booleans(),
    "default_style": st.sampled_from([None, None, "'", '"']),
    "indent": st.sampled_from([2, 4]),
})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(interactions=st.lists(_INTERACTION, max_size=4), style=_STYLE)
def test_streamed_equals_whole_on_generated_cassettes(
    tmp_path_factory: pytest.TempPathFactory, interactions: list[Any], style: dict[str, Any]
) -> None:
    path = tmp_path_factory.mktemp("gen") / "c.yaml"
    text = yaml.dump({"interactions": interactions, "version": 1}, Dumper=yaml.SafeDumper,
                     sort_keys=True, **style)
    path.write_text(text, encoding="utf-8")
    assert_same(path)


def _no_odd_breaks(value: Any) -> bool:
    # Line breaks YAML counts beyond "\n" (and a byte-order mark) written raw: read whole.
    return not any(mark in json.dumps(value, default=repr, ensure_ascii=False)
                   for mark in ("\u2028", "\u2029", "\x85", "\ufeff"))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(interactions=st.lists(_INTERACTION, min_size=1, max_size=4).filter(_no_odd_breaks),
       width=st.sampled_from([80, 1 << 16]), allow_unicode=st.booleans())
def test_vcrpy_layout_is_read_without_the_whole_file_parse(
    tmp_path_factory: pytest.TempPathFactory, interactions: list[Any], width: int,
    allow_unicode: bool,
) -> None:
    # What vcrpy (yaml.dump, block style) and ReadableYaml write is always streamed.
    path = tmp_path_factory.mktemp("vcr") / "c.yaml"
    path.write_text(yaml.dump({"interactions": interactions, "version": 1},
                              Dumper=yaml.SafeDumper, width=width, allow_unicode=allow_unicode),
                    encoding="utf-8")
    assert regular(path) == load_document(path, max_bytes=MAX, binary=True)["interactions"]


def test_the_example_cassettes_take_the_line_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*_: Any) -> Any:
        raise AssertionError("an item of vcrpy's layout went to the YAML parser")

    monkeypatch.setattr(stream._ItemReader, "_slow", never)
    paths = sorted(glob.glob(str(ROOT / "fixtures/cassettes/**/*.yaml"), recursive=True))
    assert paths
    for name in paths:
        path = Path(name)
        items = regular(path)
        assert items == load_document(path, max_bytes=MAX, binary=True)["interactions"]
        cassette = read_cassette(path, display=path.name, max_bytes=MAX)
        locator = LineLocator(path)
        assert [cassette.line_of(i) for i in range(len(items))] == [
            locator.line_of(f"/interactions/{i}") for i in range(len(items))]


# -- irregular and hostile files --------------------------------------------------------------

HEADERS = "headers:\n      accept:\n      - '*/*'"
ITEM = ("- request:\n    body: ''\n    " + HEADERS + "\n    method: GET\n"
        "    uri: https://shop.example.com/a\n  response:\n    body:\n      string: '{}'\n"
        "    headers:\n      content-type:\n      - application/json\n"
        "    status:\n      code: 200\n      message: OK\n")


def _items(count: int) -> str:
    return ITEM * count


CASES = {
    "plain": "interactions:\n" + _items(3) + "version: 1\n",
    "version first": "version: 1\ninteractions:\n" + _items(2),
    "version 2": "interactions:\n" + _items(3) + "version: 2\n",
    "no version": "interactions:\n" + _items(2),
    "other top-level key": "interactions:\n" + _items(2) + "recorded_with: vcrpy\nversion: 1\n",
    "duplicate top-level interactions": "interactions:\n" + _items(1) + "interactions:\n"
                                        + _items(1) + "version: 1\n",
    "duplicate key in an item": "interactions:\n" + _items(1)
                                + ITEM.replace("    method: GET\n", "    method: GET\n"
                                               "    method: POST\n") + "version: 1\n",
    "duplicate version": "interactions:\n" + _items(1) + "version: 1\nversion: 1\n",
    "empty interactions": "interactions:\nversion: 1\n",
    "flow empty interactions": "interactions: []\nversion: 1\n",
    "pre-1.0 list": _items(2),
    "indented sequence": "interactions:\n" + "".join("  " + line + "\n" for line in
                                                      _items(2).splitlines()) + "version: 1\n",
    "value on the next line": "interactions:\n-\n" + ITEM[2:] + _items(1) + "version: 1\n",
    "comment between items": "interactions:\n" + ITEM + "# a note\n  # another\n" + ITEM
                             + "version: 1\n",
    "blank lines": "interactions:\n" + ITEM + "\n\n" + ITEM + "\nversion: 1\n\n",
    "anchor and alias across items": "interactions:\n"
                                     + ITEM.replace(HEADERS, "headers: &h {}")
                                     + ITEM.replace(HEADERS, "headers: *h") + "version: 1\n",
    "anchor defined twice": "interactions:\n" + ITEM.replace(HEADERS, "headers: &h {}") * 2
                            + "version: 1\n",
    "alias to the top level": "v: &v 1\ninteractions:\n" + _items(1) + "version: *v\n",
    "document end": "interactions:\n" + _items(2) + "version: 1\n...\n",
    "second document": "interactions:\n" + _items(1) + "version: 1\n---\ninteractions: []\n",
    "quoted scalar back at column 0": "interactions:\n"
                                      + ITEM.replace("string: '{}'", "string: 'a\n- b'")
                                      + _items(1) + "version: 1\n",
    "quoted scalar that looks like an item": "interactions:\n"
                                             + ITEM.replace("string: '{}'", "string: '{\n"
                                                            "- request: x'") + "version: 1\n",
    "multi-line quoted body": "interactions:\n" + ITEM.replace(
        "string: '{}'", "string: '{\"a\": \"x y\",\n        \"b\": \"it''s\"\n\n        }'")
                              + "version: 1\n",
    "multi-line plain header": "interactions:\n" + ITEM.replace(
        "- application/json\n", "- application/json;\n        charset=utf-8\n") + "version: 1\n",
    "block scalar body": "interactions:\n" + ITEM.replace(
        "string: '{}'", "string: |\n        {\"a\": 1}\n\n        # not a comment\n")
                         + "version: 1\n",
    "binary body": "interactions:\n" + ITEM.replace(
        "string: '{}'", "string: !!binary |\n        eyJhIjogMX0=\n") + "version: 1\n",
    "double-quoted escapes": "interactions:\n" + ITEM.replace(
        "string: '{}'", 'string: "{\\"a\\": \\"\\u4e2d\\\n        \\ x\\"}"') + "version: 1\n",
    # (a null key is refused in a cassette: test_cassette_null_keys)
    "keys the resolver changes": "interactions:\n" + ITEM.replace(
        HEADERS, "headers:\n      200:\n      - a\n      true:\n      - b\n      nullable:\n"
                  "      - c\n      0x1F:\n      - d\n      1.50:\n      - e") + "version: 1\n",
    "tab inside an item": "interactions:\n" + ITEM.replace("    method: GET", "    method:\tGET")
                          + "version: 1\n",
    "tab indentation": "interactions:\n" + ITEM.replace("    method: GET", "\tmethod: GET")
                       + "version: 1\n",
    "tab at column 0": "interactions:\n" + _items(1) + "\tversion: 1\n",
    "trailing spaces": "interactions:\n" + ITEM.replace("method: GET", "method: GET   ")
                       + "version: 1\n",
    "missing response": "interactions:\n" + _items(2)
                        + ITEM.split("  response:")[0] + "version: 1\n",
    "status not a number": "interactions:\n" + _items(1) + ITEM.replace("code: 200", "code: ok")
                           + "version: 1\n",
    "bad uri": "interactions:\n" + ITEM.replace("https://shop.example.com/a", "ftp:x")
               + "version: 1\n",
    "headers not a mapping": "interactions:\n" + ITEM.replace(HEADERS, "headers: [a]")
                             + "version: 1\n",
    "syntax error late": "interactions:\n" + _items(3) + "version: 1\n: : [\n",
    "syntax error in an item": "interactions:\n" + _items(1)
                               + ITEM.replace("method: GET", "method: [GET") + "version: 1\n",
    "python tag": "interactions:\n" + ITEM.replace("method: GET", "method: !!python/none ''")
                  + "version: 1\n",
    "merge key": "interactions:\n" + ITEM.replace(HEADERS, "headers: {<<: {a: [b]}}")
                 + "version: 1\n",
    "flow style": '{"interactions": [], "version": 1}\n',
    "unicode and quotes": "interactions:\n" + ITEM.replace(
        "string: '{}'", "string: '{\"name\": \"宇文颖勇 it''s\", \"#\": \": \"}'")
                          + "version: 1\n",
    "control character": "interactions:\n" + ITEM.replace("string: '{}'", "string: '\x07'")
                         + "version: 1\n",
    "byte-order mark mid-file": "interactions:\n" + ITEM.replace("string: '{}'",
                                                                 "string: '\ufeff{}'")
                                + "version: 1\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_irregular_and_hostile_files_read_as_before(tmp_path: Path, name: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(CASES[name], encoding="utf-8")
    assert_same(path)


@pytest.mark.parametrize("name", ["plain", "version first", "other top-level key",
                                  "indented sequence", "multi-line quoted body",
                                  "multi-line plain header", "unicode and quotes",
                                  "keys the resolver changes"])
def test_regular_files_take_the_line_reader(tmp_path: Path, name: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(CASES[name], encoding="utf-8")
    whole = load_document(path, max_bytes=MAX, binary=True)["interactions"]

    def never(*_: Any) -> Any:
        raise AssertionError("an item of vcrpy's layout went to the YAML parser")

    monkeypatch.setattr(stream._ItemReader, "_slow", never)
    assert regular(path) == whole


@pytest.mark.parametrize("breaks", [b"\r\n", b"\r", "\u0085".encode(), "\u2028".encode()])
def test_other_line_breaks_read_as_before(tmp_path: Path, breaks: bytes) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(CASES["multi-line quoted body"].encode().replace(b"\n", breaks))
    assert_same(path)


def test_byte_order_mark_and_bad_utf8(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + CASES["plain"].encode())
    assert assert_same(path)[0] == "ok"
    path.write_bytes(CASES["plain"].encode().replace(b"GET", b"G\xffT", 2))
    assert assert_same(path)[0] == "error"


def test_size_and_depth_limits(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(CASES["plain"], encoding="utf-8")
    size = path.stat().st_size
    assert assert_same(path, max_bytes=size - 1)[0] == "error"
    assert assert_same(path, max_bytes=size)[0] == "ok"
    # The file's mapping, the list, the item, the response, its headers, a header's values.
    assert assert_same(path, max_depth=5)[0] == "error"
    assert assert_same(path, max_depth=6)[0] == "ok"
    deep = "interactions:\n" + ITEM.replace(HEADERS, "headers:\n" + "".join(
        "  " * (3 + level) + f"k{level}:\n" for level in range(40)) + "  " * 43 + "v: 1")
    path.write_text(deep + "version: 1\n", encoding="utf-8")
    assert assert_same(path, max_depth=30)[0] == "error"


def test_an_error_after_streamed_interactions_is_the_whole_file_error(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(CASES["version 2"], encoding="utf-8")
    cassette = open_cassette(path, display="c.yaml", max_bytes=MAX)
    seen: list[int] = []
    with pytest.raises(DocumentError, match="format version 2") as caught:
        seen.extend(interaction.index for interaction in cassette.each())
    assert seen == [0, 1, 2]  # streamed first, refused at the end, as the whole file is
    assert caught.value.line == CASES["version 2"].count("\n")


def test_json_cassettes_are_parsed_as_json(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text(CASES["plain"], encoding="utf-8")  # YAML in a .json file: refused as before
    result = assert_same(path)
    assert result[0] == "error"
    assert "JSON" in result[2]


# -- the privacy scan reads cassettes the same way --------------------------------------------

PERSONAL = ITEM.replace(
    "https://shop.example.com/a", "https://shop.example.com/a?phone=13812345678").replace(
    "string: '{}'", "string: '{\"customer\": {\"email\": \"lonnie.reynolds@gmail.com\",\n"
                    "        \"phone\": \"+86 138 1234 5678\", \"note\": \"it''s\"}}'").replace(
    HEADERS, HEADERS + "\n      authorization:\n      - Bearer sk_live_4eC39HqLyjWDarjtT1zdp7dc")


@pytest.mark.parametrize("text", [
    "interactions:\n" + ITEM + PERSONAL + PERSONAL + "version: 1\n",
    "interactions:\n" + PERSONAL + ITEM.replace(HEADERS, "headers: &h {}") + "version: 1\n",
    "interactions:\n" + PERSONAL + "version: 2\n",
    "interactions:\n" + PERSONAL + "version: 1\n: : [\n",
], ids=["regular", "irregular", "version 2", "broken"])
def test_privacy_scan_of_a_streamed_cassette_equals_the_whole_file_scan(
    tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from seamguard.privacy import scan

    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    streamed = list(scan.scan_files([path]))
    assert streamed
    monkeypatch.setattr(scan, "scan_streamed", lambda *_: None)
    assert streamed == list(scan.scan_files([path]))


def test_privacy_scan_streams_a_regular_cassette(tmp_path: Path) -> None:
    from seamguard.privacy import scan
    from seamguard.privacy.policy import PrivacyPolicy

    path = tmp_path / "c.yaml"
    path.write_text("interactions:\n" + PERSONAL * 3 + "version: 1\n", encoding="utf-8")
    found = scan.scan_streamed(path, "c.yaml", PrivacyPolicy.default(), MAX, [])
    assert found is not None
    lines = [f.location.line for f in found]
    assert all(isinstance(line, int) for line in lines)
    period = PERSONAL.count("\n")  # each copy's findings, at the same places one copy later
    third = len(lines) // 3
    assert lines[third:2 * third] == [line + period for line in lines[:third]]
    assert lines[2 * third:] == [line + 2 * period for line in lines[:third]]


# -- fast paths against the paths they replace ------------------------------------------------

_ODD_BYTES = re.compile(rb"\r(?!\n)|\xc2\x85|\xe2\x80[\xa8\xa9]|\xef\xbb\xbf")


def _decode_by_bytes(raw: bytes) -> str | None:
    """What the item text was read as by a byte pattern before decoding (None: irregular)."""
    if _ODD_BYTES.search(raw):
        return None
    try:
        return raw.replace(b"\r\n", b"\n").decode("utf-8")
    except UnicodeDecodeError:
        return None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([
    b"a", b" ", b"\n", b"\r", b"\r\n", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9",
    b"\xe2\x80\x94", b"\xef\xbb\xbf", b"\xef\xbb", "中".encode(), b"\xff", b"\xc2", b"\x85",
    b"\xa8", "\u2028".encode("utf-16-le")]) | st.binary(max_size=4), max_size=12).map(b"".join))
def test_decode_in_text_equals_the_byte_pattern(raw: bytes) -> None:
    try:
        text: str | None = stream._decode(raw)
    except stream.Irregular:
        text = None
    assert text == _decode_by_bytes(raw)


def test_rows_and_scalars_from_the_caches_read_as_fresh(tmp_path: Path) -> None:
    """A reader whose caches hold every row and scalar (the later copies of a repeated item, the
    caches emptied when full) reads each item as a reader that has seen nothing."""
    items = [ITEM, PERSONAL, ITEM.replace("GET", "'GET'"), PERSONAL]
    path = tmp_path / "c.yaml"
    path.write_text("interactions:\n" + "".join(items * 3) + "version: 1\n", encoding="utf-8")
    for limit in (stream._MAX_CACHED, 1, 3):
        warm = regular(path) if limit == stream._MAX_CACHED else _with_cache_limit(path, limit)
        fresh = []
        for text in items * 3:
            one = tmp_path / "one.yaml"
            one.write_text("interactions:\n" + text + "version: 1\n", encoding="utf-8")
            fresh.extend(regular(one))
        assert warm == fresh
        assert warm == load_document(path, max_bytes=MAX, display="c.yaml")["interactions"]


def _with_cache_limit(path: Path, limit: int) -> list[Any]:
    saved = stream._MAX_CACHED
    stream._MAX_CACHED = limit
    try:
        return regular(path)
    finally:
        stream._MAX_CACHED = saved


@settings(max_examples=500, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # (the same value each)
@given(data=st.lists(st.sampled_from([b" ", b"  ", b"   ", b"\n", b"- ", b"a", b"\r\n", b"#",
                                      "中".encode()]), max_size=40).map(b"".join),
       block=st.integers(1, 9), limit=st.integers(0, 200),
       steps=st.lists(st.sampled_from([b"", b" ", b"  ", b"   "]), max_size=30))
def test_lines_read_in_blocks_are_the_lines_of_the_stream(
        data: bytes, block: int, limit: int, steps: list[bytes],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """``_Lines`` (and its runs of lines with a prefix) against iterating over the stream."""
    import io

    monkeypatch.setattr(stream, "_BLOCK", block)
    lines = stream._Lines(io.BytesIO(data), limit)
    expected = list(io.BytesIO(data[:limit]))
    at = 0
    for prefix in steps:
        if not prefix:  # the next line
            got = next(lines, None)
            assert got == ((at + 1, expected[at]) if at < len(expected) else None)
            at += at < len(expected)
            continue
        taken = 0
        while (at + taken < len(expected) and expected[at + taken].startswith(prefix)):
            taken += 1
        assert lines.run(prefix) == b"".join(expected[at:at + taken])
        at += taken
        assert lines.number == at
    assert [raw for _, raw in lines] == expected[at:]
