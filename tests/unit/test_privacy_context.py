# ruff: noqa: RUF001
"""Values no label announces: card numbers by their scheme (Chinese banks' domestic ranges
included) or a payment word, names by the phone or address beside them in one object, form or
element, and the ordinary words (高度, 周末) that such a cue must not turn into names."""

from __future__ import annotations

import json
import random
from urllib.parse import quote, unquote

import pytest
from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import luhn

from seamguard.privacy import Pseudonymizer, Scrubber, TrafficScrubber, mask_text, mask_value
from seamguard.privacy.detect import Kind, spans
from seamguard.privacy.mask import Masker

rng = random.Random(61)
zh = Faker("zh_CN")
zh.seed_instance(61)
MOBILE = "13912345678"


def _card(prefix: str, length: int) -> str:
    body = prefix + "".join(str(rng.randint(0, 9)) for _ in range(length - len(prefix) - 1))
    return body + luhn.calc_check_digit(body)


def _names(count: int) -> list[str]:
    names: set[str] = set()
    while len(names) < count:
        name = zh.name()
        if len(name) in (2, 3):
            names.add(name)
    return sorted(names)


# Bank of China 601382, ICBC 9558, ABC 95599, the UnionPay 81 range, UnionPay 62, Mir
DOMESTIC = [_card(prefix, length) for prefix in ("601382", "9558", "95599", "81", "62", "2202")
            for length in (16, 19)]
NAMES = _names(12)
WORDS = ["高度", "方便", "黄金", "周末", "安全", "金额", "毛重", "常规", "包装", "包邮", "谢谢"]


@pytest.mark.parametrize("number", DOMESTIC)
def test_unlabelled_cards_of_chinese_ranges_are_found_everywhere(number: str) -> None:
    assert number not in mask_text(f"备注 {number} 谢谢")
    assert mask_value({"fkk": number})["fkk"] != number
    grouped = " ".join(number[i:i + 4] for i in range(0, len(number), 4))
    assert grouped not in mask_text(f"备注 {grouped}")
    document = f'{{"zhifu": {number}, "n": 1}}'  # a JSON number, beyond 2**63 for 9558…
    scrubbed = Scrubber(replacer=Masker()).json_text(document)
    assert scrubbed is not None
    assert number not in scrubbed


def test_a_payment_word_makes_any_luhn_number_a_card() -> None:
    faker = Faker("en_US")
    faker.seed_instance(7)
    for _ in range(30):
        number = faker.credit_card_number(card_type="visa13")
        assert number not in mask_text(f"付款 {number} 已到账")
        assert number not in mask_text(f"paid with {number}")
        assert [s.kind for s in spans(number)] == []  # alone: a 13-digit id as likely


@pytest.mark.parametrize("template", ["订单号 {}", "订单编号：{}", "tid: {}", "order {} shipped",
                                      "运单 {}", "orderId={}", "230701-{}"])
def test_card_shaped_ids_after_an_id_label_stay(template: str) -> None:
    for number in DOMESTIC:
        text = template.format(number)
        assert not [s for s in spans(text) if s.kind is Kind.CARD], text


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=10**17, max_value=10**19 - 1))
def test_long_ids_never_break_detection(identifier: int) -> None:
    # python-stdnum's place table has gaps: a lookup used to raise KeyError (233017568205258983)
    for text in (str(identifier), "233017568205258983"):
        spans(text)
        assert mask_value({"tid": text}) == {"tid": text}


@pytest.mark.parametrize("name", NAMES)
def test_names_beside_a_phone_or_an_address_under_unlisted_keys(name: str) -> None:
    for record in ({"lx": name, "dh": MOBILE}, {"who": name, "addr2": "文一西路100号3幢"},
                   {"a": name, "b": f"call {MOBILE}"}):
        masked = mask_value(record)
        assert name not in json.dumps(masked, ensure_ascii=False), record
        text = json.dumps({"outer": [record]}, ensure_ascii=False)
        scrubbed = Scrubber(replacer=Masker()).json_text(text)
        assert scrubbed is not None
        assert name not in scrubbed
    traffic = TrafficScrubber(replacer=Masker())
    assert name not in traffic.form(f"lx={name}&dh={MOBILE}")
    assert name not in traffic.text_body(f"<r><c lx='{name}' dh='{MOBILE}'/></r>",
                                         "application/xml")
    assert name not in traffic.text_body(f"id,lx,dh\n1,{name},{MOBILE}\n", "text/csv")
    xml = traffic.text_body(f"<r><c><lx>{name}</lx><dh>{MOBILE}</dh></c></r>", "application/xml")
    assert name not in xml
    headers = traffic.headers({"X-Lx": [quote(name)], "X-Dh": [MOBILE]})
    assert name not in unquote(headers["X-Lx"][0])
    assert name not in traffic.headers({"X-Lx": name, "X-Dh": MOBILE})["X-Lx"]
    assert name not in json.dumps(mask_value({"rows": [[1, name, MOBILE]]}), ensure_ascii=False)
    assert name not in mask_text(f"lianxi:{name} dh:{MOBILE}")
    assert name not in mask_text(f"lx={name}&dh={MOBILE}")
    assert name not in mask_text(f"姓名：{name}")
    assert name not in mask_text(f"{name} {MOBILE}")


def test_a_lone_name_shaped_value_and_words_beside_a_phone_stay_in_xml_and_headers() -> None:
    traffic = TrafficScrubber(replacer=Masker())
    lone = f"<r><lx>{NAMES[0]}</lx><n>3</n></r>"
    assert traffic.text_body(lone, "application/xml") == lone  # nothing says a person
    words = f"<r><t>高度</t><title>李宁</title><dh>{MOBILE}</dh></r>"
    assert "<t>高度</t><title>李宁</title>" in traffic.text_body(words, "application/xml")
    assert traffic.headers({"X-Lx": NAMES[0], "X-Other": "abc"})["X-Lx"] == NAMES[0]


def test_names_by_their_company_are_pseudonymised_once() -> None:
    record = {"lx": NAMES[0], "dh": MOBILE, "shou": {"who": NAMES[1], "addr2": "文三路90号"}}
    once = Scrubber(replacer=Pseudonymizer(b"context")).value(record)
    assert once["lx"] != NAMES[0]
    assert once["shou"]["who"] != NAMES[1]
    assert Scrubber(replacer=Pseudonymizer(b"context")).value(once) == once
    assert Scrubber(replacer=Pseudonymizer(b"context")).value(record) == once  # deterministic


@pytest.mark.parametrize("word", WORDS)
def test_ordinary_words_a_cue_points_at_stay(word: str) -> None:
    for text in (f"{word} {MOBILE}", f"联系{word} {MOBILE}", f"{MOBILE} {word}",
                 f"{word} dh:{MOBILE}"):
        assert word in mask_text(text), text
    assert mask_value({"lx": word, "dh": MOBILE})["lx"] == word
    assert mask_value({"rows": [[word, MOBILE]]})["rows"][0][0] == word


@pytest.mark.parametrize("record", [
    {"title": "李宁", "phone": MOBILE},  # a brand named after its founder
    {"status": "已发货", "dh": MOBILE},
    {"city": "江门", "addr2": "文一西路100号"},
    {"order_no": "王五", "dh": MOBILE},  # an identifier key
])
def test_values_under_keys_naming_a_thing_stay(record: dict[str, str]) -> None:
    key = next(iter(record))
    assert mask_value(record)[key] == record[key]
