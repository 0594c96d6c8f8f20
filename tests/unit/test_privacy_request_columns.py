# ruff: noqa: RUF001
"""An answer's bare rows read by the columns its request named (Kingdee's ExecuteBillQuery),
through the vcrpy hooks, ``privacy scrub`` and ``privacy scan``."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus, urlencode

import pytest
import yaml

from seamguard.privacy import vcr_hooks
from seamguard.privacy.policy import PrivacyPolicy
from seamguard.privacy.scan import scan_files, scrub_cassette
from seamguard.privacy.tables import _HEADER_HINT, _may_name_columns, request_columns

_FIELDS = "FID,FBillNo,FLinkMan,FLinkPhone,FReceiveAddress"
_ROWS = [[100917, "XSDD000918", "Inger Andersson", "08-518 313 53", "Storgatan 5"],
         [100918, "XSDD000919", "Henrik Junitz", "0521 1234567", "Hauptstraße 1"]]
_PERSONAL = ("Inger Andersson", "Henrik Junitz", "518 313", "1234567", "Storgatan 5",
             "Hauptstraße 1")
_QUERY = json.dumps({"data": json.dumps({"FormId": "SAL_SaleOrder", "FieldKeys": _FIELDS,
                                         "Limit": 2000})})
_URI = ("https://erp.example.com/k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService."
        "ExecuteBillQuery.common.kdsvc")


@pytest.mark.parametrize("body", [
    _QUERY,
    json.dumps({"FormId": "SAL_SaleOrder", "FieldKeys": _FIELDS}).encode(),
    json.dumps({"parameters": [json.dumps({"FieldKeys": _FIELDS.split(",")})]}),
    urlencode({"FormId": "SAL_SaleOrder", "FieldKeys": _FIELDS}),
    urlencode({"data": json.dumps({"FieldKeys": _FIELDS})}),
])
def test_the_columns_a_request_names_are_read(body: str | bytes) -> None:
    assert request_columns(body) == _FIELDS.split(",")


@pytest.mark.parametrize("body", ["", '{"FormId": "x"}', "FieldKeys=FID", "not json at all",
                                  '{"FieldKeys": 3}'])
def test_a_request_naming_no_columns_gives_none(body: str) -> None:
    assert request_columns(body) is None


def _hooked(request_body: str, rows: Any) -> str:
    from vcr.request import Request

    hooks = vcr_hooks(key=b"columns")
    request = hooks["before_record_request"](Request(
        "POST", _URI, request_body.encode(), {"Content-Type": "application/json"}))
    response = hooks["before_record_response"]({
        "status": {"code": 200, "message": "OK"},
        "headers": {"Content-Type": ["application/json"]},
        "body": {"string": json.dumps(rows).encode()}})
    return str(request.body) + response["body"]["string"].decode()


def test_the_hooks_read_an_answers_rows_by_the_request_columns() -> None:
    out = _hooked(_QUERY, _ROWS)
    for value in _PERSONAL:
        assert value not in out
    assert "XSDD000918" in out
    assert "100917" in out


def test_rows_of_another_width_or_a_later_answer_are_not_read_by_them() -> None:
    # the columns hold for the one answer to that request only
    from vcr.request import Request

    hooks = vcr_hooks(key=b"columns")
    hooks["before_record_request"](Request("POST", _URI, _QUERY.encode(),
                                           {"Content-Type": "application/json"}))
    hooks["before_record_response"]({"status": {"code": 200, "message": "OK"}, "headers": {},
                                     "body": {"string": b"[]"}})
    later = hooks["before_record_response"]({
        "status": {"code": 200, "message": "OK"},
        "headers": {"Content-Type": ["application/json"]},
        "body": {"string": json.dumps([["SKU-1", "Blue Steel", "Big Box", "x", "y"]]).encode()}})
    assert json.loads(later["body"]["string"]) == [["SKU-1", "Blue Steel", "Big Box", "x", "y"]]


def _cassette(path: Path) -> Path:
    path.write_text(yaml.safe_dump({"version": 1, "interactions": [{
        "request": {"method": "POST", "uri": _URI, "body": _QUERY,
                    "headers": {"Content-Type": ["application/json"]}},
        "response": {"status": {"code": 200, "message": "OK"},
                     "headers": {"Content-Type": ["application/json"]},
                     "body": {"string": json.dumps(_ROWS, ensure_ascii=False)}}}]},
        allow_unicode=True), encoding="utf-8")
    return path


def test_scrub_and_scan_read_a_cassettes_rows_by_the_request_columns(tmp_path: Path) -> None:
    cassette = _cassette(tmp_path / "kingdee.yaml")
    policy = PrivacyPolicy.default()
    findings = list(scan_files([cassette], policy=policy))
    said = " ".join(finding.message for finding in findings)
    for column in ("/0/FLinkMan", "/0/FLinkPhone", "/1/FLinkMan", "/1/FReceiveAddress"):
        assert column in said  # (a row's cell, named by its column)
    assert "Inger" not in said
    scrub_cassette(cassette, policy=policy, key=b"columns", display="kingdee.yaml")
    text = cassette.read_text("utf-8")
    for value in _PERSONAL:
        assert value not in text
    assert "XSDD000919" in text


@pytest.mark.parametrize(("text", "name"), [
    ("Signed by Robin Kaur at the door.", "Robin Kaur"),
    ("Received by: Michael Orr", "Michael Orr"),
    ("Please hand the parcel to Price Hunter at reception.", "Price Hunter"),
    ("Deliver to Joshua Lawrence, 577 Kennedy Parkway Apt. 769.", "Joshua Lawrence"),
    ("Attn: Rose Young", "Rose Young"),
    # a romanised name may hold one ordinary English word
    ("Attn: Chan Tai Man", "Chan Tai Man"),
    ("收件人：Chan Tai Man，6478 1340", "Chan Tai Man"),
])
def test_a_latin_name_after_a_cue_is_masked(text: str, name: str) -> None:
    from seamguard.privacy import mask_text

    assert name not in mask_text(text)


@pytest.mark.parametrize("text", [
    "Attn: Accounts Payable, invoice INV-2026-0091 is overdue.",
    "Deliver to Main Warehouse, Gate 5, before noon.",
    "c/o Front Desk, Building B.",
    "Deliver to Reception, Level 3.",
    "Received by Front Desk at 10:32.",
    "Signed by Customer Service on behalf of the store.",
    "Please hand the parcel to Security at the gate.",
])
def test_a_cue_before_ordinary_words_keeps_them(text: str) -> None:
    from seamguard.privacy import mask_text

    assert mask_text(text) == text


@pytest.mark.parametrize("body", [
    "%46%49%45%4C%44%4B%45%59%53=FID%2CFName",  # every letter of the key escaped
    "FormId=SAL&%46ield%4Beys=FID%2CFName",
])
def test_a_column_key_spelled_in_escapes_is_still_read(body: str) -> None:
    assert request_columns(body) == ["FID", "FName"]


@pytest.mark.parametrize("body", [
    '{"FormId": "SAL_SaleOrder", "Limit": 2000, "StartRow": 0}',
    "FormId=SAL_SaleOrder&Limit=2000%20",
    b'{"FormId": "SAL_SaleOrder", "Note": "FieldKeys FID,FName"}',
])
def test_a_request_without_a_column_word_gives_none(body: str | bytes) -> None:
    assert request_columns(body) is None


def test_the_quick_pre_check_agrees_with_the_hint_search() -> None:
    # The words may come from escapes (%6B is a k, %E2%84%AA the Kelvin sign, which the
    # ignore-case search reads as a k), a + is a blank once undone, and the search also reads
    # a dotless i, a dotted capital I and a long s as i and s.
    pieces = ["fields", "FieldKeys", "fıelds", "FİELDS", "colſ", "\u212aeys", "%E2%84%AAeys",
              "%46ield%4Beys", "%6Deta", "me%74a", "heade%72", "+", "%20", "%7B%22", "%22", ":",
              "=", "\"", "&", "co", "l", "eld", "key", "data", "x", "%3A", "%3D", "%C4%B1"]
    rng = random.Random(4)
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 7)))
        expected = _HEADER_HINT.search(text) is not None or \
            _HEADER_HINT.search(unquote_plus(text)) is not None
        assert _may_name_columns(text) is expected, text


def test_the_request_is_read_for_columns_only_when_its_answer_has_rows(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import seamguard.privacy.scrubber as scrubber_module

    read: list[Any] = []

    def counting(body: bytes | str | None) -> list[str] | None:
        read.append(body)
        return request_columns(body)

    monkeypatch.setattr(scrubber_module, "request_columns", counting)
    out = _hooked(_QUERY, {"Result": {"ResponseStatus": {"IsSuccess": True}, "Count": 2}})
    assert read == []
    assert '"Count": 2' in out or '"Count":2' in out
    out = _hooked(_QUERY, _ROWS)
    assert len(read) == 1
    for value in _PERSONAL:
        assert value not in out
