from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from seamguard.errors import DocumentError
from seamguard.recordings.cassettes import decode_body, read_cassette
from tests.support.projects import GOOD_ORDER, interaction, write_cassette

MAX = 1 << 20


def test_reads_vcrpy_format(tmp_path: Path) -> None:
    path = write_cassette(tmp_path / "c.yaml", [interaction(GOOD_ORDER), interaction(None)])
    cassette = read_cassette(path, display="c.yaml", max_bytes=MAX)
    first = cassette.interactions[0]
    assert (first.method, first.status) == ("GET", 200)
    assert first.response_headers["content-type"].startswith("application/json")
    assert cassette.line_of(1) is not None
    assert cassette.line_of(1) > cassette.line_of(0)


def test_a_header_sent_on_several_lines_keeps_every_value(tmp_path: Path) -> None:
    recorded = interaction(None, headers={"Link": ["<a>; rel=next", "<b>; rel=last"],
                                          "X-Id": ["1"], "Vary": [], "X-Empty": None})
    recorded["request"]["headers"] = {"X-Trace": ["a"], "x-trace": ["b", "c"], "Accept": "*/*"}
    path = write_cassette(tmp_path / "c.yaml", [recorded])
    (read,) = read_cassette(path, display="c.yaml", max_bytes=MAX).interactions
    assert read.response_headers == {"link": "<a>; rel=next", "x-id": "1", "vary": "",
                                     "x-empty": ""}
    assert read.response_lines == {"link": ["<a>; rel=next", "<b>; rel=last"]}
    # two spellings of one name are one header: its first value, and every value in order
    assert read.request_headers == {"x-trace": "a", "accept": "*/*"}
    assert read.request_lines == {"x-trace": ["a", "b", "c"]}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- request: {}\n  response: {}\n", "pre-1.0"),
        ("openapi: 3.1.0\n", "not a vcrpy cassette"),
        ("interactions: []\nversion: 2\n", "format version 2"),
        ("interactions: {}\nversion: 1\n", "must be a list"),
        ("interactions:\n- request: {method: GET, uri: u}\n  response: {status: {code: ok}}\n"
         "version: 1\n", "interaction #0: response.status.code"),
        ("interactions:\n- request: {method: GET, uri: 'http://a/b'}\n  response: {status: "
         "{code: 200, message: 7}}\nversion: 1\n", "response.status.message must be text"),
        ("interactions:\n- request: {method: GET, uri: 'http://a/b'}\n  response: {status: "
         "{code: 200}, headers: {X-Id: {a: 1}}}\nversion: 1\n",
         "response.headers.X-Id must be a list of text values; found a mapping"),
        ("interactions:\n- request: {method: GET, uri: 'http://a/b', headers: {Accept: [7]}}\n"
         "  response: {status: {code: 200}}\nversion: 1\n",
         "request.headers.Accept must be a list of text values; found a list holding the "
         "number 7"),
    ],
)
def test_not_a_cassette(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentError, match=message) as caught:
        read_cassette(path, display="c.yaml", max_bytes=MAX)
    assert caught.value.file == "c.yaml"
    assert caught.value.line is not None


def test_gzip_bodies_are_inflated() -> None:
    text, problem = decode_body(gzip.compress(b'{"a": 1}'), {"content-encoding": "gzip"}, MAX)
    assert (text, problem) == ('{"a": 1}', None)


def test_decompression_bombs_stop_at_the_limit() -> None:
    bomb = gzip.compress(b"0" * (4 * MAX))
    text, problem = decode_body(bomb, {"content-encoding": "gzip"}, MAX)
    assert text is None
    assert problem is not None
    assert "limit" in problem


def test_invalid_utf8_bodies() -> None:
    text, problem = decode_body(b'{"a": "\xff"}', {}, MAX)
    assert text is None
    assert problem is not None
    assert "offset 7" in problem


def test_oversized_bodies() -> None:
    text, problem = decode_body("x" * (MAX + 1), {}, MAX)
    assert text is None
    assert problem is not None
    assert "limit" in problem
