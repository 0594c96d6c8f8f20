"""The compiled cassette item reader (``seamguard._cassread``) against its pure-Python reference
(``seamguard.recordings.stream._ItemReader._fast``), on generated and hostile items; and whole
files, streamed and scanned for personal data, read the same with it and without it (the
package built without a C compiler)."""

from __future__ import annotations

import glob
import io
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seamguard.document_yaml import RESOLVED_STARTS
from seamguard.recordings import stream
from tests.support.compiled import accelerator
from tests.unit.test_cassette_stream import _INTERACTION, _STYLE, CASES, ITEM, PERSONAL, outcome

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compiled() -> ModuleType:
    return accelerator("_cassread")


def strict(value: Any) -> Any:
    """A value with the type of every part spelled out (True is not 1, 1.0 is not 1)."""
    if isinstance(value, dict):
        return ("dict", [(strict(k), strict(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [strict(v) for v in value])
    return (type(value).__name__, repr(value))


def reference(text: str, column: int, max_depth: int = 128) -> Any:
    reader = stream._ItemReader(max_depth)
    try:
        return strict(reader._fast(text, column))
    except stream._Slow:
        return "slow"


def native(compiled: ModuleType, text: str, column: int, max_depth: int = 128) -> Any:
    reader = stream._ItemReader(max_depth)
    try:
        value = compiled.item(text, column, max_depth, RESOLVED_STARTS, reader._plain,
                              reader._key)
    except stream._Slow:
        return "slow"
    return "undecided" if value is NotImplemented else strict(value)


def assert_agrees(compiled: ModuleType, text: str, column: int = 0,
                  max_depth: int = 128) -> Any:
    """The compiled reader decides as the reference does, or leaves the item to it."""
    got, want = native(compiled, text, column, max_depth), reference(text, column, max_depth)
    if got != "undecided":
        assert got == want
    return got


def item_texts(document: str) -> list[tuple[str, int]]:
    """The items of a cassette's text as ``scan`` hands them to the reader."""
    texts: list[tuple[str, int]] = []
    try:
        for item in stream.scan(io.BytesIO(document.encode()), max_bytes=1 << 30,
                                max_depth=128):
            texts.append((item.text, len(item.text) - len(item.text.lstrip(" "))))
    except stream.Irregular:
        pass
    return texts


# -- items ------------------------------------------------------------------------------------


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(interactions=st.lists(_INTERACTION, min_size=1, max_size=3), style=_STYLE)
def test_generated_items_read_as_the_reference_reads_them(
        compiled: ModuleType, interactions: list[Any], style: dict[str, Any]) -> None:
    document = yaml.dump({"interactions": interactions, "version": 1}, Dumper=yaml.SafeDumper,
                         sort_keys=True, **style)
    for text, column in item_texts(document):
        assert_agrees(compiled, text.replace("\r\n", "\n"), column)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(interactions=st.lists(_INTERACTION, min_size=1, max_size=3),
       width=st.sampled_from([80, 1 << 16]), allow_unicode=st.booleans())
def test_what_vcrpy_writes_is_decided_by_the_compiled_reader(
        compiled: ModuleType, interactions: list[Any], width: int, allow_unicode: bool) -> None:
    # Block style, as vcrpy and ReadableYaml dump; the reference's own refusals aside.
    document = yaml.dump({"interactions": interactions, "version": 1}, Dumper=yaml.SafeDumper,
                         width=width, allow_unicode=allow_unicode)
    for text, column in item_texts(document):
        if reference(text, column) != "slow":
            assert assert_agrees(compiled, text, column) != "undecided", text


PIECES = ["- ", "-", "  ", " ", "\n", "\n\n", "a: ", "a:", "key: ", "'", "''", '"', "\\", "#",
          " #", ": ", "x", "200", "true", "~", "<<", "0x1F", "1.5", "-1", "-x", "-é", "\t",
          "\x00", "\x85", "\x7f", "\ufeff", "\ufffe", "©", "中", "[", "{", "&a", "*a", "!x",
          "|", ">", "%", "@", "`", "?", ",", "k" * 300, "a" * 256 + ":", "b" * 255 + ":"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join),
       st.sampled_from([0, 2]), st.sampled_from([2, 3, 4, 128]))
def test_hostile_items_read_as_the_reference_reads_them(
        compiled: ModuleType, body: str, column: int, max_depth: int) -> None:
    assert_agrees(compiled, " " * column + "- " + body, column, max_depth)
    assert_agrees(compiled, body, column, max_depth)


@pytest.mark.parametrize("text", [
    ITEM, PERSONAL, ITEM[:-40], ITEM + "\n", ITEM.replace("\n", "\n\n"),
    ITEM.replace("string: '{}'", "string: '{\n\n\n        }'"),
    ITEM.replace("string: '{}'", "string: 'it''s\n        a ''quote'''"),
    ITEM.replace("string: '{}'", "string: 'open\n        still '' open"),
    ITEM.replace("string: '{}'", "string: 'shut' then"),
    ITEM.replace("string: '{}'", "string: '" + "中文 " * 20000 + "'"),
    ITEM.replace("- application/json", "- application/json;\n        charset=utf-8\n"
                                       "        x=1"),
    ITEM.replace("- application/json", "- application/json;\n        - x"),
    ITEM.replace("method: GET", 'method: "GET"'), ITEM.replace("method: GET", 'method: "G\\T"'),
    ITEM.replace("code: 200", "code: 0x1F"), ITEM.replace("code: 200", "code: <<"),
    ITEM.replace("accept:", "200:"), ITEM.replace("accept:", "a" * 257 + ":"),
], ids=range(18))
def test_written_items_read_as_the_reference_reads_them(compiled: ModuleType,
                                                        text: str) -> None:
    assert_agrees(compiled, text)


def test_deep_items_neither_recurse_nor_pass_the_depth_limit(compiled: ModuleType) -> None:
    def nested(depth: int) -> str:
        return "- k0:\n" + "".join("  " * (level + 1) + f"k{level}:\n"
                                    for level in range(1, depth)) + "  " * (depth + 1) + "v: 1\n"

    for depth in (3, 50, 130):
        for limit in (10, 128):
            assert_agrees(compiled, nested(depth), 0, limit)
    # far deeper than the C stack or Python's recursion could follow
    reader = stream._ItemReader(200_000)
    value = compiled.item(nested(3_000), 0, 200_000, RESOLVED_STARTS, reader._plain,
                          reader._key)
    levels = 0
    while isinstance(value, dict):
        (value,) = value.values()
        levels += 1
    assert levels == 3_001
    assert compiled.item(nested(3_000), 0, 1000, RESOLVED_STARTS, reader._plain,
                         reader._key) is NotImplemented
    assert native(compiled, "- a: 1\n", 0, 1) == "undecided"
    assert native(compiled, "- a: 1\n", 0, 3) == reference("- a: 1\n", 0, 3)


def test_the_example_cassettes_are_read_by_the_compiled_reader(compiled: ModuleType) -> None:
    paths = sorted(glob.glob(str(ROOT / "fixtures/cassettes/**/*.yaml"), recursive=True))
    assert paths
    for name in paths:
        for text, column in item_texts(Path(name).read_text("utf-8")):
            assert assert_agrees(compiled, text, column) != "undecided", name


def test_bad_arguments_are_refused(compiled: ModuleType) -> None:
    with pytest.raises(TypeError):
        compiled.item(b"- a: 1\n", 0, 128, RESOLVED_STARTS, str, str)
    with pytest.raises(TypeError):
        compiled.item("- a: 1\n", 0, 128)
    assert compiled.item("- a: 1\n", -1, 128, RESOLVED_STARTS, str, str) is NotImplemented


def test_an_error_in_a_resolver_is_passed_on(compiled: ModuleType) -> None:
    def broken(text: str) -> Any:
        raise ZeroDivisionError(text)

    with pytest.raises(ZeroDivisionError, match="200"):
        compiled.item("- a:\n    x: 200\n", 0, 128, RESOLVED_STARTS, broken, str)
    with pytest.raises(ZeroDivisionError, match="200"):
        compiled.item("- a:\n    200: x\n", 0, 128, RESOLVED_STARTS, str, broken)


# -- whole files, with and without the compiled reader ----------------------------------------


def both(path: Path, monkeypatch: pytest.MonkeyPatch, **limits: int) -> Any:
    with_it = outcome(path, streamed=True, **limits)
    monkeypatch.setattr(stream, "_compiled", None)
    without = outcome(path, streamed=True, **limits)
    monkeypatch.undo()
    assert strict(with_it) == strict(without)
    return with_it


@pytest.mark.parametrize("name", sorted(CASES))
def test_files_read_the_same_without_the_compiled_reader(
        tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert stream._compiled is not None or pytest.fail("the accelerator was not built")
    path = tmp_path / "c.yaml"
    path.write_text(CASES[name], encoding="utf-8")
    both(path, monkeypatch)


@pytest.mark.parametrize("data", [
    b"\xef\xbb\xbf" + CASES["plain"].encode(),
    CASES["multi-line quoted body"].encode().replace(b"\n", b"\r\n"),
    CASES["plain"].encode()[:-60], CASES["plain"].encode()[:-1],
    CASES["plain"].encode().replace(b"GET", b"G\xffT"),
    ("interactions:\n" + ITEM.replace("string: '{}'", "string: '" + "x" * 3_000_000 + "'")
     + "version: 1\n").encode(),
    b"interactions:\n- " + b"[" * 10_000 + b"\nversion: 1\n",
], ids=["bom", "crlf", "truncated", "no last break", "bad utf-8", "huge line", "deep flow"])
def test_odd_files_read_the_same_without_the_compiled_reader(
        tmp_path: Path, data: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.yaml"
    path.write_bytes(data)
    both(path, monkeypatch)


@pytest.mark.parametrize("text", [
    "interactions:\n" + ITEM + PERSONAL * 3 + "version: 1\n",
    "interactions:\n" + PERSONAL + ITEM.replace("headers:\n      accept:\n      - '*/*'",
                                                "headers: &h {}") + "version: 1\n",
    "interactions:\n" + PERSONAL + "version: 1\n: : [\n",
    "interactions:\n" + PERSONAL.replace("\n", "\r\n") + "version: 1\n",
], ids=["regular", "anchor", "broken", "crlf"])
def test_privacy_scan_finds_the_same_without_the_compiled_reader(
        tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from seamguard.privacy.scan import scan_files

    path = tmp_path / "c.yaml"
    path.write_bytes(text.encode())
    found = list(scan_files([path]))
    assert found
    monkeypatch.setattr(stream, "_compiled", None)
    assert list(scan_files([path])) == found


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(interactions=st.lists(_INTERACTION, min_size=1, max_size=4), style=_STYLE)
def test_generated_cassettes_scan_the_same_without_the_compiled_reader(
        tmp_path_factory: pytest.TempPathFactory, interactions: list[Any],
        style: dict[str, Any]) -> None:
    from seamguard.privacy.scan import scan_files

    path = tmp_path_factory.mktemp("scan") / "c.yaml"
    path.write_text(yaml.dump({"interactions": interactions, "version": 1},
                              Dumper=yaml.SafeDumper, sort_keys=True, **style), "utf-8")
    found = [json.dumps([f.code, f.message, f.location.line, f.location.pointer])
             for f in scan_files([path])]
    saved = stream._compiled
    stream._compiled = None
    try:
        assert [json.dumps([f.code, f.message, f.location.line, f.location.pointer])
                for f in scan_files([path])] == found
    finally:
        stream._compiled = saved
