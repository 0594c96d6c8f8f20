"""A null key in a cassette (``~:``, ``null:``) is a hand edit vcrpy never writes: it is refused
at its line by the compiled line reader, the pure-Python one and the whole-file parse alike,
while a quoted ``'null':`` key stays a name and mapping specs keep reading null keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from seamguard.documents import load_document
from seamguard.errors import DocumentError
from seamguard.recordings import stream
from seamguard.recordings.cassettes import _read_whole, read_cassette

CASSETTE = """interactions:
- request:
    method: GET
    uri: https://shop.example.com/api/v1/orders/1.json
    body: null
    headers: {}
  response:
    status: {code: 200, message: OK}
    headers:
      Content-Type: [application/json]
    KEY
    body:
      string: '{}'
version: 1
"""


def _read(tmp_path: Path, key: str, *, whole: bool = False) -> object:
    path = tmp_path / "c.yaml"
    path.write_text(CASSETTE.replace("KEY", key), encoding="utf-8")
    if whole:
        return _read_whole(path, display="c.yaml", max_bytes=1 << 20, max_depth=64)
    return read_cassette(path, display="c.yaml", max_bytes=1 << 20)


@pytest.mark.parametrize("compiled", [True, False])
@pytest.mark.parametrize("key", ["~: 1", "null: x", "NULL: x", "Null: [a]"])
def test_a_null_key_is_refused_at_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           key: str, compiled: bool) -> None:
    if not compiled:
        monkeypatch.setattr(stream, "_compiled", None)
    for whole in (False, True):
        with pytest.raises(DocumentError) as caught:
            _read(tmp_path, key, whole=whole)
        assert caught.value.file == "c.yaml"
        assert caught.value.line == 11
        assert "key is null" in caught.value.message
        assert caught.value.hint


def test_a_null_key_in_the_request_headers_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(CASSETTE.replace("    headers: {}", "    headers:\n      ~: [x]")
                    .replace("    KEY\n", ""), encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        read_cassette(path, display="c.yaml", max_bytes=1 << 20)
    assert caught.value.line == 7


@pytest.mark.parametrize("compiled", [True, False])
def test_a_quoted_null_key_is_a_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     compiled: bool) -> None:
    if not compiled:
        monkeypatch.setattr(stream, "_compiled", None)
    assert read_cassette_ok(tmp_path, "'null': x")
    assert read_cassette_ok(tmp_path, "nullable: x")


def read_cassette_ok(tmp_path: Path, key: str) -> bool:
    cassette = _read(tmp_path, key)
    return len(getattr(cassette, "interactions", [])) == 1


def test_a_mapping_spec_may_still_hold_a_null_key(tmp_path: Path) -> None:
    path = tmp_path / "mapping.yaml"
    path.write_text("rules:\n  status:\n    values: {~: unknown, open: OPEN}\n",
                    encoding="utf-8")
    assert load_document(path, display="mapping.yaml")["rules"]["status"]["values"] == {
        "null": "unknown", "open": "OPEN"}
