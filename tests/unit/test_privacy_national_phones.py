# ruff: noqa: RUF001
"""Phones written without a country code in plans other than the configured region's: Hong Kong
and Macau's eight digits after a label or under a phone key, North American numbers in their
usual groupings, Taiwan and Japan numbers with a trunk prefix; and the ids, hotlines and
measures of the same shapes that must stay."""

from __future__ import annotations

import json

import pytest
from faker import Faker

from seamguard.privacy import Kind, Pseudonymizer, Scrubber, detect, mask_text, mask_value


def _digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


def _gone(number: str, output: str) -> bool:
    """Neither the number as written nor its last eight digits are left."""
    return number not in output and _digits(number)[-8:] not in _digits(output)


@pytest.mark.parametrize("label", [
    "电话", "電話：", "手机号：", "联系方式：", "聯絡電話 ", "致电", "拨打", "联系", "Tel", "TEL:",
    "tel.", "Phone", "Phone no.", "Mobile No.", "mobile:", "mob:", "Cell:", "Ph:", "H/P:",
    "WhatsApp:", "contact number:", "Contact no.", "call", "Call me at", "text me at", "☎",
    "\U0001f4de"])
@pytest.mark.parametrize("number", ["91234567", "9123 4567", "6612-3456", "2882 1234",
                                    "(415) 555-0132", "415-555-0132", "1-415-555-0132",
                                    "4155550132"])
@pytest.mark.parametrize("before", ["", "备注：请", "ok. "])
def test_a_labelled_number_of_any_plan_is_a_phone(label: str, number: str, before: str) -> None:
    text = f"{before}{label} {number} 谢谢"
    assert _gone(number, mask_text(text)), mask_text(text)


@pytest.mark.parametrize("number", [
    "(415) 555-0132", "(415)555-0132", "415-555-0132", "415.555.0132", "1-415-555-0132",
    "001-415-555-0132", "+1-537-640-6812", "797-386-9073x6625", "(798)938-6756 x508",
    "(02) 2345-6789", "02-2345-6789", "0912-345-678", "0912345678", "090-1234-5678",
    "03-3456-7890", "010-1234-5678"])
@pytest.mark.parametrize("template", ["{}", "备注 {} 送货前联系", "please ring {} before delivery"])
def test_numbers_written_in_their_plan_s_groups_are_phones_without_a_label(
        number: str, template: str) -> None:
    text = template.format(number)
    assert any(span.kind is Kind.PHONE for span in detect(text)), text
    assert _gone(number.split("x")[0], mask_text(text))


@pytest.mark.parametrize("locale", ["en_US", "ja_JP", "zh_TW"])
def test_faker_phones_of_other_locales_are_found_in_free_text(locale: str) -> None:
    faker = Faker(locale)
    faker.seed_instance(7)
    numbers = [faker.phone_number() for _ in range(60)]
    # spelled as their plan groups them (Faker also writes bare runs, which are ids as much)
    grouped = [n for n in numbers if any(sep in n.split("x")[0] for sep in "-.() ")
               and not n.startswith("00")]
    leaked = [n for n in grouped if not _gone(n.split("x")[0], mask_text(f"备注 {n} 谢谢"))]
    assert len(leaked) <= len(grouped) // 5, leaked


@pytest.mark.parametrize("key", ["phone", "contact_phone", "tel", "mobile", "whatsapp", "dh",
                                 "mob", "lianxidianhua", "receiverTel", "联系方式"])
@pytest.mark.parametrize("number", ["91234567", "9123 4567", "6612-3456", "(415) 555-0132",
                                    "415-555-0132", "1-415-555-0132", "4155550132"])
def test_numbers_under_phone_keys_of_any_plan_are_replaced(key: str, number: str) -> None:
    masked = json.dumps(mask_value({key: number, "order_id": "5829461287001"}))
    assert _gone(number, masked), masked
    scrubber = Scrubber(replacer=Pseudonymizer(b"national"))
    once = scrubber.value({key: number})
    assert _gone(number, json.dumps(once))
    assert scrubber.value(once) == once  # a second scrub changes nothing


@pytest.mark.parametrize("text", [
    "hotline 400-811-1111", "客服热线 400-820-8820", "call 800-820-8820", "07-10-2024",
    "10.07.2024 shipped", "ISBN 978-7-111-12345-6", "ISBN 0-306-40615-2",
    "IP 192.168.100.200", "version 2.300.4000", "PN 020-1234-567", "批次 02-2024-0710",
    "tracking 0123-4567-8901", "2024.07.10 10:00", "订单 05-12345678",
    "call 3 times, retry 1234567 ms", "contact: 1234567 failed", "text 12345678 chars",
    "联系客服 订单号 58294612870", "SKU 215-555-0199", "尺码 165-170-175", "lot 01-02-2024",
    "zip 90210-1234", "订单号码 91234567", "单号 0912345678", "Phone type 2, 3 lines",
    "order 5829461287001 total 1999.00 at 2024-07-10T10:00:00+08:00",
])
def test_ids_hotlines_and_measures_of_phone_shapes_stay(text: str) -> None:
    assert mask_text(text) == text


@pytest.mark.parametrize("number", ["852 9123 4567", "(852)91234567", "852-6123-4567",
                                    "853 6612 3456", "886-912-345-678", "00852 9123 4567"])
def test_a_calling_code_without_its_plus_still_makes_a_phone(number: str) -> None:
    assert _gone(number, mask_text(f"备注 {number} 谢谢"))


@pytest.mark.parametrize("text", ["order 852 1234 5678", "qty 886 2024 0710",
                                  "batch 852-2024-0710", "(852) 2024 Q3"])
def test_calling_code_shapes_that_are_no_valid_number_stay(text: str) -> None:
    assert mask_text(text) == text


def test_a_whatsapp_header_holds_a_phone() -> None:
    from seamguard.privacy import Masker, TrafficScrubber

    headers = TrafficScrubber(replacer=Masker()).headers({"X-WhatsApp": ["9123 4567"]})
    assert "9123 4567" not in json.dumps(headers)


@pytest.mark.parametrize(("text", "numbers"), [
    ("Mobile: 9123 4567 / 6612 3456", ["9123 4567", "6612 3456"]),
    ("电话 9123 4567、6612 3456", ["9123 4567", "6612 3456"]),
    ("Tel: 91234567 or 66123456", ["91234567", "66123456"]),
])
def test_numbers_listed_after_a_phone_label_are_phones_too(text: str,
                                                          numbers: list[str]) -> None:
    masked = mask_text(text)
    assert all(number not in masked for number in numbers), masked


@pytest.mark.parametrize(("text", "kept"), [
    ("Tel: 9123 4567, 2024-07-10 shipped", "2024-07-10"),
    ("电话 13812345678，订单 5829461287001", "5829461287001"),
    ("Tel 9123 4567 / 20240710", "20240710"),
])
def test_ids_and_dates_after_a_labelled_phone_stay(text: str, kept: str) -> None:
    masked = mask_text(text)
    assert kept in masked
    assert masked != text  # the phone before them is masked


@pytest.mark.parametrize("text", [
    "my number is {n}", "reach me at {n}", "reach me on {n}", "ring me on {n}", "sms {n}",
    "dial {n}", "Ph {n}", "call or text {n}", "contact {n}", "contact me at {n}",
    "WhatsApp me at {n}", "my phone is {n}", "电话是{n}", "打给我{n}", "{n} (mobile)",
    "{n} is my cell", "{n}（手机）", "customer phone {n} thanks"])
@pytest.mark.parametrize("number", ["4155552671", "9123 4567", "+852 9123 4567", "61234567",
                                    "2733355464"])  # (an area code not in service)
def test_numbers_a_phone_word_announces_before_or_after_them_are_phones(text: str,
                                                                        number: str) -> None:
    sentence = text.format(n=number)
    assert _gone(number, mask_text(sentence)), sentence
    scrubber = Scrubber(replacer=Pseudonymizer(b"phone-words"))
    assert _gone(number, scrubber.text(sentence)), sentence


@pytest.mark.parametrize("key", ["ph_no", "cust_ph", "contact_info", "contact_details"])
def test_hong_kong_numbers_under_contact_and_phone_abbreviation_keys_are_phones(key: str) -> None:
    for number in ("9123 4567", "91234567"):
        assert _gone(number, json.dumps(mask_value({key: number})))


@pytest.mark.parametrize("text", [
    "200-300-4000", "价格区间 200-300-4000", "(200) 300-4000", "200.300.4000",
    "weights 500-600-7000 g", "+1 200 300 4000", "order 4155552671 shipped", "amount 4155552671",
    "the 9123 4567 room code", "batch 9123 4567", "9123 4567 单号",
    "call 1234567 times", "contact 2 people", "ts 20261206051000",
    "SF1234567890123 reached the depot", "SKU 415-555-2671"])
def test_ranges_codes_and_ids_of_phone_shapes_stay(text: str) -> None:
    assert mask_text(text) == text
    assert Scrubber(replacer=Pseudonymizer(b"ranges")).text(text) == text


def test_a_range_rule_keeps_real_numbers_with_one_round_group() -> None:
    assert _gone("212-300-4000", mask_text("212-300-4000"))
    assert _gone("(415) 200-3000", mask_text("call (415) 200-3000"))
