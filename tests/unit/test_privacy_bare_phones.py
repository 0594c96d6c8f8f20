"""Phone numbers no word announces: a whole value written as a phone under a key that names no
record (``number``, ``no``), a person (``contact_info``) or nothing (``note``); and the ids,
dates, amounts, SKUs, timestamps and tracking numbers of nearby shapes that stay."""

from __future__ import annotations

import json

import pytest

from seamguard.privacy import Scrubber


@pytest.mark.parametrize(("key", "phone"), [
    ("note", "9123 4567"),  # Hong Kong mobile, no +852 and no phone word
    ("remark", "6123 4567"),
    ("note", "0571 8888 1234"),
    ("contact_info", "4155550123"),  # a US number run together under a person's key
    ("buyer_info", "+1 415 555 0123"),
    ("number", "13812345678"),
    ("no", "138 1234 5678"),
    ("num", "9123 4567"),
    ("number", "+852 9123 4567"),
    ("tel_no", "4155550123"),
    ("contact", "415-555-0123"),
    ("number", "4155550123"),  # a valid US number run together under a bare `number`
])
def test_a_whole_value_written_as_a_phone_is_replaced(key: str, phone: str) -> None:
    scrubbed = Scrubber().value({key: phone})[key]
    assert scrubbed != phone
    assert phone.replace(" ", "")[:-4] not in scrubbed.replace(" ", "")


def test_a_chinese_mobile_as_a_json_number_under_a_generic_key_is_replaced() -> None:
    text = Scrubber().json_text(json.dumps({"number": 13812345678}))
    assert text is not None
    assert "13812345678" not in text


@pytest.mark.parametrize(("key", "value"), [
    ("number", "20261206"), ("no", "12345678"), ("number", "20261206081000"),
    ("no", "SF1234567890123"), ("number", "JD0012345678901"), ("number", "1234567890"),
    ("number", "2005550123"),  # NANP-shaped but no valid US or Canadian number
    ("no", "2026 1206"), ("no", "1234-5678"), ("no", "100 200"), ("number", "2026-12-06"),
    ("note", "12 345 678"), ("note", "192.168.1.10"), ("note", "batch 9123 4567"),
    ("note", "order 91234567 shipped"), ("sku", "SKU-9123-4567"), ("amount", "9123.45"),
    ("contact_info", "1765008600"), ("contact_info", "20261206081000"),
    ("order_id", "20261206"), ("tracking_no", "SF1234567890123"), ("ts", "20261206081000"),
])
def test_ids_dates_amounts_and_codes_stay(key: str, value: str) -> None:
    assert Scrubber().value({key: value}) == {key: value}


@pytest.mark.parametrize(("key", "value"), [
    ("number", 20261206), ("no", 20261206081000), ("order_no", 13812345678),
])
def test_json_numbers_under_id_keys_stay(key: str, value: int) -> None:
    text = json.dumps({key: value})
    assert Scrubber().json_text(text) == text
