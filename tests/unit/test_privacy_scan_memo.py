"""``privacy scan`` reads a body repeated in one cassette once: the findings are those of reading
every copy (same messages, pointers and lines, notes included), and a body read under other
content headers, or answering a request that names other columns, is read again."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from seamguard.privacy import scan, scan_cassettes
from seamguard.privacy.http import TrafficScrubber

_FIELDS = "FID,FBillNo,FLinkMan,FLinkPhone,FReceiveAddress"
_ROWS = json.dumps([[100917, "XSDD000918", "Inger Andersson", "08-518 313 53", "Storgatan 5"]])
_FORM = "name=%E5%BC%A0%E4%BC%9F&tel=13812345678&note=ok"
_JSON = json.dumps({"customer": {"name": "张伟", "phone": "+86 138 1234 5678",
                                 "email": "lonnie.reynolds@gmail.com"}}, ensure_ascii=False)


def _interaction(request_body: Any, response_body: Any, *, request_type: str = "application/json",
                 response_type: str = "application/json", encoding: str | None = None
                 ) -> dict[str, Any]:
    headers = {"Content-Type": [response_type]}
    if encoding:
        headers["Content-Encoding"] = [encoding]
    return {"request": {"body": request_body, "headers": {"Content-Type": [request_type]},
                        "method": "POST", "uri": "https://erp.example.com/api"},
            "response": {"body": {"string": response_body}, "headers": headers,
                         "status": {"code": 200, "message": "OK"}}}


CASSETTE = [
    _interaction(_JSON, _JSON),
    _interaction(_JSON, _JSON),
    _interaction(_FORM, _FORM, request_type="application/x-www-form-urlencoded",
                 response_type="text/plain"),
    _interaction(_FORM, _FORM, request_type="application/json",
                 response_type="application/x-www-form-urlencoded"),
    _interaction(json.dumps({"FormId": "SAL_SaleOrder", "FieldKeys": _FIELDS}), _ROWS),
    _interaction(json.dumps({"FormId": "SAL_SaleOrder", "FieldKeys": "FID,FBillNo,A,B,C"}),
                 _ROWS),
    _interaction(json.dumps({"FormId": "SAL_SaleOrder", "FieldKeys": _FIELDS}), _ROWS),
    _interaction(_JSON, b"\x1f\x8b not gzip", encoding="gzip"),
    _interaction(_JSON, b"\x1f\x8b not gzip", encoding="gzip"),
    _interaction(_JSON, _JSON, response_type="application/json; charset=gbk"),
]


def _findings(path: Path) -> list[str]:
    return [json.dumps([f.code, f.message, f.location.line, f.location.pointer],
                       ensure_ascii=False) for f in scan.scan_files([path])]


@pytest.fixture
def cassette(tmp_path: Path) -> Path:
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump({"interactions": CASSETTE, "version": 1},
                                   allow_unicode=True), "utf-8")
    return path


def test_repeated_bodies_give_the_findings_of_reading_each(
        cassette: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    remembered = _findings(cassette)
    monkeypatch.setattr(scan_cassettes._BodyMemo, "key", staticmethod(lambda *_: None))
    each = _findings(cassette)
    assert remembered == each
    assert sum("could not be checked" in f for f in each) == 2  # the broken gzip, twice
    pointers = [json.loads(f)[3] for f in each]
    assert "/interactions/1/response/body/string" in pointers  # the repeat is reported too


def test_a_repeated_body_is_read_once_in_the_same_context(
        cassette: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[Any] = []
    body = TrafficScrubber.body

    def spy(self: TrafficScrubber, text: Any, headers: Any, **options: Any) -> Any:
        read.append((text, headers.get("Content-Type")))
        return body(self, text, headers, **options)

    monkeypatch.setattr(TrafficScrubber, "body", spy)
    _findings(cassette)
    # of 20 bodies, read again: none of the JSON pair and its repeats, the first request's
    # rows, the broken gzip; the JSON under another charset is read
    assert len(read) == 12
    assert read.count((_FORM, ["application/json"])) == 1
    assert read.count((_FORM, ["text/plain"])) == 1
    assert read.count((_FORM, ["application/x-www-form-urlencoded"])) == 2
    assert read.count((_ROWS, ["application/json"])) == 2  # the second request names others


def test_the_memo_is_bounded(cassette: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = _findings(cassette)
    monkeypatch.setattr(scan_cassettes, "_MEMO_BYTES", 64)
    assert _findings(cassette) == whole  # cleared again and again, same findings
    memo = scan_cassettes._BodyMemo()
    for number in range(50):
        memo.keep((f"body {number}" * 3, None, None), [], [])
    assert memo.size <= 64
    assert len(memo.found) < 50
