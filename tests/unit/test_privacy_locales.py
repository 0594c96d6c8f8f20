# ruff: noqa: RUF001
"""Names and addresses in Japanese, Korean and European-language text (after their labels, and
Korean road addresses and German street lines by shape); phones of those plans written run
together or with the trunk prefix in brackets; personal values used as form parameter names;
and the words, codes and ids of the same shapes that stay."""

from __future__ import annotations

import pytest
from faker import Faker

from seamguard.privacy import Kind, Pseudonymizer, Scrubber, TrafficScrubber, detect, mask_text


def _kinds(text: str) -> dict[str, Kind]:
    return {text[s.start:s.end]: s.kind for s in detect(text)}


@pytest.mark.parametrize(("text", "value", "kind"), [
    ("お届け先：橋本 零様 住所 912 佐藤 Street", "橋本 零", Kind.NAME),
    ("お届け先：橋本 零様 住所 912 佐藤 Street 電話 090-2515-3732", "912 佐藤 Street",
     Kind.ADDRESS),
    ("お名前：山田 太郎 さん", "山田 太郎", Kind.NAME),
    ("수령인: 이재호 주소 인천광역시 영등포구 테헤란거리 529", "이재호", Kind.NAME),
    ("배송 메모 광주광역시 서초구 가락0로 984 부탁", "광주광역시 서초구 가락0로 984", Kind.ADDRESS),
    ("이름: 김영철님", "김영철", Kind.NAME),
    ("Empfänger: Erik Tlustek, Concetta-Boucsein-Platz 1/1, Tel. 05251537324", "Erik Tlustek",
     Kind.NAME),
    ("Empfänger: Erik Tlustek, Concetta-Boucsein-Platz 1/1", "Concetta-Boucsein-Platz 1/1",
     Kind.ADDRESS),
    ("Lieferung an Heidrichallee 144 bitte", "Heidrichallee 144", Kind.ADDRESS),
    ("Adresse: Hauptstraße 5, 10115 Berlin", "Hauptstraße 5", Kind.ADDRESS),
    ("destinataire: Amélie Dupont", "Amélie Dupont", Kind.NAME),
    ("收件人：庞强，地址 李路G座", "李路G座", Kind.ADDRESS),
])
def test_names_and_addresses_of_other_locales_are_found(text: str, value: str,
                                                        kind: Kind) -> None:
    assert _kinds(text).get(value) is kind, detect(text)
    scrubber = Scrubber(replacer=Pseudonymizer(b"locales"))
    assert value not in mask_text(text)
    assert value not in scrubber.text(text)


@pytest.mark.parametrize("locale", ["ja_JP", "ko_KR", "de_DE"])
def test_faker_names_and_streets_after_labels_are_found(locale: str) -> None:
    faker = Faker(locale)
    faker.seed_instance(31)
    label = {"ja_JP": ("氏名：{}様", "住所 {}"), "ko_KR": ("수령인: {}", "주소 {}"),
             "de_DE": ("Empfänger: {}", "{}")}[locale]
    left = []
    for _ in range(40):
        name = faker.name() if locale != "de_DE" else f"{faker.first_name()} {faker.last_name()}"
        street = faker.street_address()
        for template, value in ((label[0], name), (label[1], street)):
            text = f"{template.format(value)}, Tel 1"
            if value in mask_text(text):
                left.append(value)
    assert len(left) <= 2, left


@pytest.mark.parametrize("text", [
    "地址 已确认", "请更新地址信息", "地址：同上", "address: see above", "Hallo Welt",
    "Kunde: Firma Müller GmbH", "the weg 5", "UPC 036000291452", "036000291452",
    "order 05829461287", "0000123456", "Bestellung 20261206051000", "Spring 2026 collection",
    "String 5", "Offering 10 units", "Catering 3 tables", "4155552671 - work order"])
def test_words_and_codes_of_the_same_shapes_stay(text: str) -> None:
    assert mask_text(text) == text


@pytest.mark.parametrize("number", ["05251537324", "07700900123", "01012345678",
                                    "+49(0)1947104058", "+49 (0) 9141 777631",
                                    "+44(0)28 9018631"])
def test_numbers_of_other_plans_run_together_or_with_a_bracketed_trunk_are_phones(
        number: str) -> None:
    assert [s.kind for s in detect(number)] == [Kind.PHONE]
    assert number not in Scrubber(replacer=Pseudonymizer(b"plans")).value({"v6": number})["v6"]


def test_personal_values_as_form_parameter_names_are_replaced() -> None:
    traffic = TrafficScrubber(replacer=Pseudonymizer(b"form-names"))
    body = "a=1&wxid_3z9fc2citq7z6q=2&jun45%40example.net=x&order_id=5829461287003"
    out = traffic.form(body)
    assert "wxid_3z9fc2citq7z6q" not in out
    assert "jun45" not in out
    assert out.startswith("a=1&")
    assert out.endswith("&order_id=5829461287003")
    assert traffic.form(out) == out


@pytest.mark.parametrize(("text", "name"), [
    ("수령인 김민준", "김민준"),
    ("받는분 이서연 님", "이서연"),
    ("받는 사람 박지훈, 서울 배송", "박지훈"),
    ("고객명 최수아 010-1234-5678", "최수아"),
])
def test_a_korean_name_after_its_label_without_a_colon_is_replaced(text: str, name: str) -> None:
    scrubbed = Scrubber().value({"memo": text})["memo"]
    assert name not in scrubbed
    assert scrubbed.split()[0] == text.split()[0]


@pytest.mark.parametrize("text", [
    "수령인 정보 없음", "수령인정보 확인", "수령인 변경 요청", "주문자 확인 완료",
    "받는분 본인 수령", "수령인 SF1234567890123",
])
def test_korean_words_after_a_name_label_stay(text: str) -> None:
    assert Scrubber().value({"memo": text}) == {"memo": text}
