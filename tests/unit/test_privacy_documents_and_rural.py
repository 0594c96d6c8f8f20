# ruff: noqa: RUF001
"""Addresses with only a building and unit or a village group, Chinese addresses in English
order and post-office boxes; a sole trader's credit code, travel permits under short keys and
first-generation ID numbers whose place code is younger than the person."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seamguard.privacy import mask_text, mask_value
from seamguard.privacy.detect import is_first_generation_id
from seamguard.privacy.regional_ids import sole_trader_valid


@pytest.mark.parametrize(("text", "kept"), [
    ("小区17栋6单元1903，请放门口", "请放门口"),
    ("老家四川省南充市仪陇县马鞍镇新庄村7组。", "老家"),
    ("河南省周口市太康县高朗乡红旗村五组", "河南省"),
    ("Ship to Room 1101, No. 84 Lane 283, Zhongshan N Rd, Shanghai", "Ship to"),
    ("Flat 2B, Block 5, No. 88 Hongqiao Road", ""),
    ("or P.O. Box 67416. thanks", "thanks"),
    ("寄到邮政信箱 1024号", "寄到"),
    # a box of one or two digits, alone: nothing else in the text draws a look
    ("PO BOX 12", ""), ("Post Office Box 55", ""), ("po box #7", ""),
])
def test_address_shapes_are_masked(text: str, kept: str) -> None:
    masked = mask_text(text)
    assert masked != text
    assert kept in masked
    for part in ("1903", "新庄村7组", "红旗村五组", "Lane 283", "No. 88", "67416", "1024"):
        if part in text:
            assert part not in masked


@pytest.mark.parametrize("text", [
    "第3组 村民大会", "库存17件6单元", "see No. 5 in the list", "Box 3 of 12", "SKU 3栋",
    "batch B20261206-0042 shelf A-03-12",
])
def test_near_address_words_stay(text: str) -> None:
    assert mask_text(text) == text


def test_a_sole_traders_credit_code_is_personal_and_a_companys_is_not() -> None:
    record = {"shop": {"credit_code": "92510104Y0Q9DLD01P", "type": "个体工商户"},
              "corp": {"credit_code": "91330106MA2H3K7Q6X"}}
    masked = mask_value(record)
    assert masked["shop"]["credit_code"] != "92510104Y0Q9DLD01P"
    assert masked["corp"] == record["corp"]
    text = "个体户信用代码92510104Y0Q9DLD01P，公司91330106MA2H3K7Q6X"
    assert "92510104Y0Q9DLD01P" not in mask_text(text)
    assert "91330106MA2H3K7Q6X" in mask_text(text)


def test_a_credit_code_with_a_wrong_check_character_is_no_sole_trader() -> None:
    assert sole_trader_valid("92510104Y0Q9DLD01P")
    assert not sole_trader_valid("92510104Y0Q9DLD01Q")
    assert not sole_trader_valid("91330106MA2H3K7Q6X")


@pytest.mark.parametrize("key", ["mtp", "tbz", "tw_permit", "permitNo", "hxz", "txz"])
def test_a_travel_permit_under_its_key_is_masked(key: str) -> None:
    assert mask_value({key: "35060625"})[key] != "35060625"


@pytest.mark.parametrize(("key", "value"), [("permit_type", "BUSINESS"),
                                            ("permit_status", "GRANTED"),
                                            ("permitted", "yes")])
def test_words_about_a_permit_stay(key: str, value: str) -> None:
    assert mask_value({key: value}) == {key: value}


def test_a_first_generation_id_counts_when_its_place_is_younger_than_its_holder() -> None:
    # Guangzhou's Tianhe district (440106) dates from 1985; its residents born before got
    # 15-digit numbers with its code
    assert is_first_generation_id("440106760615281")
    assert "440106760615281" not in mask_text("身份证440106760615281（老证）")
    assert not is_first_generation_id("440106761315281")  # no thirteenth month


@given(st.from_regex(r"[0-9]{15}", fullmatch=True))
def test_first_generation_ids_have_a_real_date(number: str) -> None:
    if is_first_generation_id(number):
        assert 1 <= int(number[8:10]) <= 12
        assert 1 <= int(number[10:12]) <= 31
