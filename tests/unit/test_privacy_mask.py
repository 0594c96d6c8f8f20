"""Short masks for reports: stable, reveal no more than declared, idempotent, and secrets go."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seamguard.privacy import (
    REDACTED,
    mask_address,
    mask_card,
    mask_email,
    mask_id_number,
    mask_name,
    mask_phone,
    mask_text,
    mask_value,
)

digits = st.text(alphabet="0123456789", min_size=1, max_size=20)


@st.composite
def phone_like(draw: st.DrawFn) -> str:
    groups = draw(st.lists(digits, min_size=1, max_size=4))
    sep = draw(st.sampled_from(["", " ", "-"]))
    return draw(st.sampled_from(["", "+", "+86 ", "+1 "])) + sep.join(groups)


@pytest.mark.parametrize(("value", "expected"), [
    ("+8613812345678", "+86138****5678"), ("13812345678", "138****5678"),
    ("+86 138 1234 5678", "+86 138 **** 5678"), ("021-61234567", "021-****4567"), ("", ""),
    ("n/a", "n/a"),
])
def test_mask_phone_examples(value: str, expected: str) -> None:
    assert mask_phone(value) == expected


def test_other_masks() -> None:
    assert mask_email("zhangwei@example.com") == "z***@example.com"
    assert mask_name("张伟") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_address("广东省深圳市南山区科技南十二路2号") == "广东省深圳市南山区****"
    assert mask_address("221B Baker Street") == "****"
    assert mask_id_number("11010519491231002X") == "110***********002X"
    assert mask_card("6222021234567890128") == "6222***********0128"


@given(st.text())
def test_every_mask_is_idempotent(value: str) -> None:
    for mask in (mask_phone, mask_email, mask_name, mask_address, mask_id_number, mask_card):
        once = mask(value)
        assert mask(once) == once


@given(phone_like())
def test_masked_phone_shows_only_country_code_first_three_and_last_four(value: str) -> None:
    masked = mask_phone(value)
    assert len(masked) == len(value)
    slots = [i for i, char in enumerate(value) if char.isdigit()]
    country_code = 3 if value.startswith("+") else 0
    allowed = set(slots[: country_code + 3]) | set(slots[-4:])
    shown = [i for i, char in enumerate(masked) if char.isdigit()]
    assert set(shown) <= allowed
    assert len(slots) - len(shown) >= min(4, len(slots))


def test_mask_text_masks_every_kind_in_free_text() -> None:
    text = ("call +86 138 1234 5678 or zhangwei@example.com; 联系人\uff1a张伟, "
            "身份证 11010519491231002X, 地址 上海市浦东新区张江镇碧波路690号, "
            "token shpat_0123456789abcdef0123456789abcdef; "
            "order 5829462287003 waybill SF1234567890123 at 2024-07-14T03:20:05Z total 100.00")
    masked = mask_text(text)
    for value in ("1234 5678", "zhangwei@", "张伟", "19491231", "碧波路", "shpat_0123"):
        assert value not in masked
    for value in ("5829462287003", "SF1234567890123", "2024-07-14T03:20:05Z", "100.00"):
        assert value in masked
    assert mask_text(masked) == masked


def test_mask_value_masks_by_key_and_content_and_keeps_ids() -> None:
    order: dict[str, Any] = {
        "id": 5829461287001, "name": "#1001", "email": "zhangwei@example.com",
        "note": "请送到碧波路690号, 电话13812345678", "receiver_mobile": 13912345678,
        "shipping_address": {"first_name": "伟", "last_name": "张", "name": "张伟",
                             "address1": "张江镇碧波路690号", "city": "上海市"},
        "line_items": [{"name": "真丝围巾 - 蓝", "sku": "SCARF-BLUE"}],
        "appSecret": "abc", "token_type": "bearer",
        "msgData": json.dumps({"contactInfoList": [{"contact": "王芳", "tel": "021-61234567"}]},
                              ensure_ascii=False),
    }
    masked = mask_value(order)
    assert masked["id"] == 5829461287001
    assert masked["name"] == "#1001"
    assert masked["email"] == "z***@example.com"
    assert masked["note"] == "请送到****, 电话138****5678"
    assert masked["receiver_mobile"] == "139****5678"
    assert masked["shipping_address"] == {"first_name": "*", "last_name": "*", "name": "张*",
                                          "address1": "****", "city": "上海市"}
    assert masked["line_items"] == order["line_items"]
    assert masked["appSecret"] == REDACTED
    assert masked["token_type"] == "bearer"
    inner = json.loads(masked["msgData"])
    assert inner == {"contactInfoList": [{"contact": "王*", "tel": "021-****4567"}]}
    assert order["email"] == "zhangwei@example.com", "the input is not modified"
    assert mask_value(masked) == masked


def test_a_note_in_a_phone_field_is_still_read_for_names() -> None:
    from seamguard.privacy import mask_value

    record = {"tel": "分机 8021, 联系人:李四", "mobile": "姓名:张三", "checkPhoneNo": "5678"}
    assert mask_value(record) == {"tel": "分机 8021, 联系人:李*", "mobile": "姓名:张*",
                                  "checkPhoneNo": "5678"}
