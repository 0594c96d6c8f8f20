# ruff: noqa: RUF001
"""Maps keyed by people's names, the pointers through them, pinyin names with tone marks and
downloads named after a person."""

from __future__ import annotations

import json

import pytest

from seamguard.findings import Finding, Location, Severity
from seamguard.privacy import TrafficScrubber, mask_finding, mask_text, mask_value


@pytest.mark.parametrize("pure", [False, True])
def test_a_name_keying_a_record_is_masked(monkeypatch: pytest.MonkeyPatch, pure: bool) -> None:
    if pure:
        monkeypatch.setenv("SEAMGUARD_PURE", "1")
    record = {"contacts": {"蔡明": {"status": "WAIT", "batch": "B20261206-0042"}},
              "byName": {"Emily Carter": [1, 2]}}
    masked = mask_value(record)
    assert list(masked["contacts"]) == ["蔡*"]
    assert masked["contacts"]["蔡*"] == record["contacts"]["蔡明"]
    assert "Emily Carter" not in masked["byName"]
    assert "蔡明" not in mask_text(json.dumps(record, ensure_ascii=False))


@pytest.mark.parametrize("key", ["商品", "高度", "金额", "明细", "Order Details",
                                 "Grace Period", "Apple Watch", "Summer Sale"])
def test_keys_that_name_things_stay(key: str) -> None:
    assert mask_value({key: {"v": 1}}) == {key: {"v": 1}}


def test_a_key_the_policy_knows_is_no_person() -> None:
    record = {"收件人": {"x": 1}, "张伟": {"y": 2}}
    assert mask_value(record) == record


def test_the_pointer_through_a_name_key_is_masked_in_the_finding() -> None:
    whole = mask_finding(Finding(
        code="drift.undeclared-field", severity=Severity.WARNING, check="drift",
        message="/contacts/蔡明/status is not in the contract",
        actual={"contacts": {"蔡明": {"status": "OK"}}},
        location=Location(pointer="/contacts/蔡明/status")))
    alone = mask_finding(Finding(
        code="drift.undeclared-field", severity=Severity.WARNING, check="drift",
        message="/contacts/蔡明 is not in the contract", actual={"status": "OK"},
        location=Location(pointer="/contacts/蔡明")))
    for finding in (whole, alone):
        assert "蔡明" not in finding.message
        assert "蔡明" not in (finding.location.pointer or "")
        assert "/contacts/" in (finding.location.pointer or "")


def test_a_pointer_of_field_names_stays() -> None:
    finding = mask_finding(Finding(
        code="drift.undeclared-field", severity=Severity.WARNING, check="drift",
        message="/收件人/商品 is new", actual="x", location=Location(pointer="/收件人/商品/0")))
    assert finding.location.pointer == "/收件人/商品/0"


def test_the_scan_names_the_object_not_the_person() -> None:
    hits: list[str] = []
    scrubber = TrafficScrubber(on_hit=lambda hit: hits.append(hit.pointer))
    scrubber.body(json.dumps({"contacts": {"蔡明": {"mobile": "13812345678"}}},
                             ensure_ascii=False).encode(),
                  {"Content-Type": ["application/json"]})
    assert hits
    assert all("蔡明" not in pointer for pointer in hits)


@pytest.mark.parametrize("header", [
    "attachment; filename*=UTF-8''%E9%82%B1%E7%91%9E_%E7%AD%BE%E6%94%B6%E5%8D%95.pdf",
    'attachment; filename="邱瑞_签收单.pdf"',
])
def test_a_download_named_after_its_person_is_masked(header: str) -> None:
    scrubbed = TrafficScrubber().headers({"Content-Disposition": [header]})
    text = json.dumps(scrubbed, ensure_ascii=False)
    assert "邱瑞" not in text
    assert "%E9%82%B1%E7%91%9E" not in text
    assert ".pdf" in text


def test_a_download_named_after_a_thing_stays() -> None:
    header = "attachment; filename*=UTF-8''%E6%8A%A5%E8%A1%A8_2026.xlsx"
    assert TrafficScrubber().headers({"Content-Disposition": [header]}) == {
        "Content-Disposition": [header]}


@pytest.mark.parametrize("name", ["Lǐ Nà", "Huáng Mǐn", "Lǚ Bù", "Zhāng Wěi"])
def test_a_pinyin_name_with_a_caron_is_a_name(name: str) -> None:
    assert name not in mask_text(f"联系人 {name}，电话 13812345678")
    masked = mask_value({"buyer": {"name": name, "mobile": "13812345678"}})
    assert masked["buyer"]["name"] != name


@pytest.mark.parametrize("name", ["扎西·多吉", "阿依古丽·吐尔逊", "买买提・艾力"])
def test_a_minority_name_beside_a_phone_is_a_name(name: str) -> None:
    masked = mask_value({"c_who": name, "tel": "13812345678"})
    assert masked["c_who"] != name
    assert list(mask_value({"contacts": {name: {"a": 1}}})["contacts"]) != [name]


@pytest.mark.parametrize("value", ["中国·杭州", "北京·朝阳区", "春·夏", "2024·春季"])
def test_places_and_seasons_a_dot_joins_stay(value: str) -> None:
    assert mask_value({"c_where": value, "tel": "13812345678"})["c_where"] == value
