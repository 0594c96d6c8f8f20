# ruff: noqa: RUF001
"""Personal data as text formats and chat bots write it: names keyed in vCard, iCalendar, YAML
and a Python ``repr`` (its ``\\u`` escapes too), names behind a bot's markup, a signature's
name; phones in keycaps, circled digits and capital numerals; pinyin names with the family
name last or before a slash; a data URI of base64 JSON. And what stays: products named after a
place or a person, a messaging platform's resource ids, ids shaped as e-mail addresses around
a date-time stamp."""

from __future__ import annotations

import base64
import json

import pytest

from seamguard.privacy import Kind, Pseudonymizer, Scrubber, TrafficScrubber, detect, mask_text
from seamguard.privacy.mask import Masker

MASKS = TrafficScrubber(replacer=Masker())


@pytest.mark.parametrize(("text", "name"), [
    ("BEGIN:VCARD\r\nFN:王建国\r\nTEL;TYPE=CELL:13812345678\r\nEND:VCARD", "王建国"),
    ("BEGIN:VCARD\r\nN:王;建国;;;\r\nORG:王老吉\r\nEND:VCARD", "王;建国"),
    ("ATTENDEE;CN=李秀英;ROLE=REQ-PARTICIPANT:mailto:li@example.org", "李秀英"),
    ("order:\n  receiver:\n    name: 张伟\n    mobile: '13812345678'", "张伟"),
    ("ERROR payload={'name': '刘洋', 'order': '3012345678901234567'}", "刘洋"),
    ('>收货人：<font color="info">陈静</font>\n>电话：13812345678', "陈静"),
    ("**客户：**\n杨磊", "杨磊"),
    ("请改送货时间\n-- \n赵敏", "赵敏"),
])
def test_names_a_text_format_keys_or_a_bot_marks_are_masked(text: str, name: str) -> None:
    assert any(text[s.start:s.end] == name for s in detect(text) if s.kind is Kind.NAME)
    assert name not in mask_text(text)
    assert name not in MASKS.text_body(text, "text/plain")


def test_a_repr_with_unicode_escapes_is_masked_in_a_plain_body() -> None:
    text = "ERROR payload={'name': '\\u5218\\u6d0b', 'mobile': '13812345678'} at 10:30"
    for masked in (mask_text(text), MASKS.text_body(text, "text/plain")):
        assert "\\u5218\\u6d0b" not in masked
        assert "刘洋" not in masked
        assert "13812345678" not in masked
    quiet = "ERROR item={'title': '\\u5317\\u4eac\\u70e4\\u9e2d'} at 10:30"
    assert MASKS.text_body(quiet, "text/plain") == quiet  # nothing personal: as written


@pytest.mark.parametrize("text", [
    "name: 北京烤鸭礼盒", "title: 王老吉凉茶 24罐", "product=张家界门票", "CN=China",
    "**状态：**\n已发货", ">商品：<font color=\"info\">西湖龙井</font>",
])
def test_keys_and_labels_before_things_keep_them(text: str) -> None:
    assert mask_text(text) == text


@pytest.mark.parametrize(("text", "phone"), [
    ("加我 1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣ 谢谢", "1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣"),
    ("call 1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣ now", "1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣"),
    ("或者 ①③⑧①②③④⑤⑥⑦⑧，", "①③⑧①②③④⑤⑥⑦⑧"),
    ("备用 壹叁捌壹贰叁肆伍陆柒捌 好", "壹叁捌壹贰叁肆伍陆柒捌"),
    ("①③⑧①②③④⑤⑥⑦⑧", "①③⑧①②③④⑤⑥⑦⑧"),
    ("1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣", "1️⃣3️⃣8️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣"),
])
def test_phones_in_keycaps_circled_digits_and_capital_numerals_are_phones(
        text: str, phone: str) -> None:
    assert [text[s.start:s.end] for s in detect(text) if s.kind is Kind.PHONE] == [phone]
    assert phone not in mask_text(text)
    assert phone not in json.dumps(MASKS.scrubber.value({"content": text}), ensure_ascii=False)
    scrubber = Scrubber(replacer=Pseudonymizer(b"spelt"))
    once = scrubber.value(text)
    assert phone not in once
    assert scrubber.value(once) == once


@pytest.mark.parametrize("text", ["①②③ 三步完成", "第⑧条", "价格 壹佰贰拾元", "1️⃣ 选尺码 2️⃣ 下单"])
def test_short_runs_of_circled_digits_and_numerals_stay(text: str) -> None:
    assert mask_text(text) == text


@pytest.mark.parametrize(("text", "name"), [
    ("Contact Wei ZHANG on arrival", "Wei ZHANG"),
    ("pax ZHANG/XIAOMING MR seat 12A", "ZHANG/XIAOMING MR"),
    ('{"n": "LIU/YUTING"}', "LIU/YUTING"),
    ("Customer LI Lingna called from London", "LI Lingna"),
])
def test_pinyin_names_with_the_family_name_last_or_before_a_slash_are_names(
        text: str, name: str) -> None:
    assert name not in mask_text(text)


@pytest.mark.parametrize("text", [
    "HONG KONG SAR", "Made in Hong Kong", "LAX/SFO", "CN/HK", "USB C", "Nintendo Switch OLED",
    "Shipping FEE", "Order USD 20",
])
def test_capitals_that_are_no_pinyin_name_stay(text: str) -> None:
    assert mask_text(text) == text


def test_a_data_uri_of_base64_json_is_read_as_its_document() -> None:
    payload = base64.b64encode(json.dumps({"mobile": "13812345678", "waybill": "YT7312345678901"})
                               .encode()).decode()
    masked = MASKS.scrubber.value({"attachment": f"data:application/json;base64,{payload}"})
    head, _, encoded = masked["attachment"].partition(";base64,")
    assert head == "data:application/json"
    opened = json.loads(base64.b64decode(encoded))
    assert opened == {"mobile": "138****5678", "waybill": "YT7312345678901"}
    image = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
             "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
    assert MASKS.scrubber.value({"icon": image}) == {"icon": image}


def test_messaging_resource_ids_and_stamped_ids_are_no_secrets_or_addresses() -> None:
    record = {"MessageSid": "SM9a1b2c3d4e5f60718293a4b5c6d7e8f9",
              "SmsMessageSid": "SM9a1b2c3d4e5f60718293a4b5c6d7e8f9",
              "CallSid": "CA9a1b2c3d4e5f60718293a4b5c6d7e8f9",
              "uid": "20261207T103015Z-8841@ops.example.cn"}
    assert MASKS.scrubber.value(record) == record
    ical = "UID:20261207T103015Z-8841@ops.example.cn\r\nDTSTART:20261207T103015Z"
    assert mask_text(ical) == ical
    assert "wang20261207" not in mask_text("mail wang20261207@qq.com")
    assert MASKS.scrubber.value({"sid": "s%3AkT9bq2LxP0aVnE7uYc4rWm"})["sid"] != \
        "s%3AkT9bq2LxP0aVnE7uYc4rWm"


def test_a_place_a_dictionary_tags_as_a_person_is_shown_in_a_finding_but_a_name_is_not() -> None:
    from seamguard.privacy.observed import shape

    assert shape("张家界门票") == "张家界门票"
    assert shape("玄武区") == "玄武区"
    # (two characters are a given name's length: places and people alike stay hidden)
    assert shape("梁平") != "梁平"
    assert shape("黄岩") != "黄岩"
    assert shape("王建国") == "王**"
