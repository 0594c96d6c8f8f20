"""Reports show an observed value only when it is provably not personal; else its shape."""

from __future__ import annotations

import json

import pytest

from seamguard.findings import Finding, Location, Severity
from seamguard.privacy.guard import mask_finding
from seamguard.privacy.observed import observed, requote, shape


@pytest.mark.parametrize("value", [
    "open", "partially_refunded", "PAID", "orderPaid", "zh-CN", "2024-01-05T10:00:00Z", "12.50",
    "gid://shopify/Order/123", "QIAO-20240710-1", "Invalid session", "订单不存在", "上海市",
    "Main Warehouse", "k***@example.org", "<redacted>", "Bearer <redacted>",
    "黑龙江省鹏县**** 935521",
    ""])
def test_impersonal_values_are_shown(value: str) -> None:
    assert shape(value) == value


@pytest.mark.parametrize(("value", "shaped"), [
    ("Zachary Woods", "Z****** W****"), ("Philip", "P*****"), ("韦建国", "韦**"),
    ("备注：韦建国", "备注：韦**"), ("用户韦建国不存在", "用户韦**不存在"),  # noqa: RUF001
    ("Woods called", "W**** called"), ("欧阳娜", "欧**"), ("司马勇萍", "司***"),
    ("Zhang_Wei", "Z****_W**"), ("José", "J***")])
def test_names_are_shown_by_their_shape(value: str, shaped: str) -> None:
    assert shape(value) == shaped
    assert shape(shaped) == shaped  # idempotent


def _enum_finding(value: object) -> Finding:
    text = json.dumps(value, ensure_ascii=False)
    return Finding(
        code="field.unknown-enum", severity=Severity.ERROR, check="recorded",
        message=f'value {text} (string) is not one of the contract\'s values: "open", "closed"',
        location=Location(pointer="/status"), expected=["open", "closed"], actual=value)


def test_a_bare_name_in_an_enum_field_is_shaped_in_actual_and_message() -> None:
    masked = mask_finding(_enum_finding("Zachary Woods"))
    assert masked.actual == "Z****** W****"
    assert "Zachary" not in masked.message
    assert '"Z****** W****" (string)' in masked.message
    assert mask_finding(masked) == masked


def test_declared_and_impersonal_values_stay() -> None:
    finding = _enum_finding("refunded")
    assert mask_finding(finding) is finding
    declared = Finding(code="x", severity=Severity.ERROR, check="reconcile",
                       message="stage is 'Closed Won', the source says 'Open'",
                       expected=["Closed Won", "Open"], actual="Closed Won")
    assert mask_finding(declared) is declared


@pytest.mark.parametrize("value", ["Pending", "IN-TRANSIT", "In Transit", "in.transit"])
def test_a_declared_value_spelt_another_way_is_shown(value: str) -> None:
    finding = Finding(code="response.enum", severity=Severity.ERROR, check="verify",
                      message=f"{json.dumps(value)} is not one of the declared values",
                      expected=["pending", "in_transit"], actual=value)
    assert mask_finding(finding).actual == value


def test_a_name_is_not_taken_for_a_declared_value() -> None:
    finding = Finding(code="response.enum", severity=Severity.ERROR, check="verify",
                      message='"Zachary Woods" is not one of the declared values',
                      expected=["pending", "zachary"], actual="Zachary Woods")
    assert mask_finding(finding).actual == "Z****** W****"


def test_samples_and_keys_are_shaped_where_the_message_quotes_them() -> None:
    row = {"id": 3, "note": "Contact Philip Jones", "韦建国": 1}
    finding = Finding(
        code="quality.expectation-failed", severity=Severity.ERROR, check="quality",
        message=f"1 row unexpected; sample row: {json.dumps(row, ensure_ascii=False)}",
        actual={"unexpected_count": 1, "samples": [row]},
        location=Location(pointer="/韦建国"))
    masked = mask_finding(finding)
    text = json.dumps(masked.actual, ensure_ascii=False) + masked.message + str(
        masked.location.pointer)
    for name in ("Philip", "Jones", "韦建国"):
        assert name not in text
    assert masked.actual["unexpected_count"] == 1
    assert masked.actual["samples"][0]["id"] == 3


def test_a_long_value_cut_short_in_a_message_is_shaped_too() -> None:
    value = "Zachary Woods, who lives at the far end of a very long street name"
    _, swaps = observed(value)
    cut = json.dumps(value)[:59] + "\u2026"
    assert "Zachary" not in requote(f"value {cut} (string)", swaps)


def test_an_error_answer_quoted_by_record_shapes_a_bare_name() -> None:
    from seamguard.record.check import answer_says

    said = answer_says(b"upstream failed for Zachary Woods, order 42")
    assert "Zachary" not in said
    assert "upstream failed for Z****** W****, order 42" in said


def test_a_body_in_a_log_record_shapes_a_bare_name() -> None:
    import logging

    from seamguard.privacy.guard import mask_logs

    mask_logs()
    record = logging.getLogger("vcr.cassette").makeRecord(
        "vcr.cassette", logging.DEBUG, __file__, 1,
        "Appending request %s and response %s", ("GET /x", {"body": {
            "string": b"upstream failed for Zachary Woods"}}), None)
    assert "Zachary" not in record.getMessage()


def test_a_query_value_in_a_quoted_url_is_shaped() -> None:
    from seamguard.privacy.guard import mask_text

    text = mask_text("could not fetch GET /broken?who=%E9%9F%A6%E5%BB%BA%E5%9B%BD&page=2: 500")
    assert text == "could not fetch GET /broken?who=%E9%9F%A6**&page=2: 500"
    kept = "GET https://shop.example.com/v1/orders?status=open&cursor=abc123 failed"
    assert mask_text(kept) == kept


def test_a_name_beside_masks_in_one_token_is_shaped() -> None:
    assert shape('{"code":"Jonathan","rank":"J***"}') == '{"code":"J*******","rank":"J***"}'


def test_quality_samples_show_a_bare_name_by_its_shape() -> None:
    from seamguard.quality.privacy import masked_rows

    rows = masked_rows([{"id": 3, "note": "Contact Philip Jones", "status": "open"}], set())
    assert rows == [{"id": 3, "note": "Contact P***** J****", "status": "open"}]


@pytest.mark.parametrize(("text", "said"), [
    ("扎西·多吉", "扎*·多*"), ("阿依古丽·吐尔逊", "阿***·吐**"),
    ("备注: 买买提・艾力 已签收", "备注: 买**・艾* 已签收"),
    ("中国·杭州", "中国·杭州"),  # places joined by a dot are no one
])
def test_words_a_middle_dot_joins_are_shaped_unless_places(text: str, said: str) -> None:
    assert shape(text) == said
