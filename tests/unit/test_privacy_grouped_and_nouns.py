# ruff: noqa: RUF001
"""Grouped eight-digit mobiles in running text, US numbers under a bare ``number`` key, and
ordinary words that look like a street line or a name after a label."""

from __future__ import annotations

import json

import pytest

from seamguard.privacy import Scrubber, mask_text, mask_value


@pytest.mark.parametrize("text", [
    "Reach Mary on 9123 4567 after six",
    "Ask for Wong, 9123 4567, before noon",
    "Leave it at the door 9123 4567",
    "Ping 6123 4567 tonight",  # Macau / Hong Kong mobile
    "at 8123-4567 pls",  # Singapore mobile, hyphenated
])
def test_an_eight_digit_mobile_grouped_four_four_in_a_sentence_is_masked(text: str) -> None:
    number = next(word.strip(",") for word in text.split() if word[:1].isdigit())
    assert number not in mask_text(text)


@pytest.mark.parametrize("text", [
    "Order 9123 4567 shipped", "SKU 9123 4567", "ref 2024 0315", "range 2023-2024",
    "build 9123 4567 passed", "Versandnummer 5123 4567", "pedido 6123 4567",
    "the 9123 4567 room code", "1234 5678 units",
])
def test_grouped_ids_codes_and_non_mobiles_stay(text: str) -> None:
    assert mask_text(text) == text


def test_a_us_number_under_a_bare_number_key_is_replaced_as_string_and_json_number() -> None:
    assert mask_value({"number": "4155550123"})["number"] != "4155550123"
    text = Scrubber().json_text(json.dumps({"number": 4155550123}))
    assert text is not None
    assert "4155550123" not in text


@pytest.mark.parametrize("text", [
    "Recurring 5", "Occurring 3", "Referring 2 items", "Kunde: Neukunde",
    "Kunde: Bestandskunde", "Kundin: Stammkundin", "Empfänger: Packstation",
    "Empfänger: Lieferung", "Kunde: Unbekannt",
])
def test_ordinary_words_after_a_label_or_before_a_number_stay(text: str) -> None:
    assert mask_text(text) == text


@pytest.mark.parametrize(("text", "personal"), [
    ("Kaiserring 5", "Kaiserring 5"), ("Fliegnerring 7", "Fliegnerring 7"),
    ("Kunde: Hans Müller", "Hans Müller"), ("Kunde: Müller", "Müller"),
    ("Kunde: Leung", "Leung"), ("Kunde: Cheung", "Cheung"),
])
def test_street_lines_and_names_of_the_same_shapes_are_still_masked(text: str,
                                                                    personal: str) -> None:
    assert personal not in mask_text(text)


@pytest.mark.parametrize(("text", "number"), [
    ("Tél. 06 00 24 30 29", "24 30"), ("portable 06 12 34 56 78", "34 56"),
    ("Telefone 77 0243-0290", "0243"), ("телефон 8 (024) 302-90-85", "302"),
    ("điện thoại 024 3829 0290", "3829"), ("โทร 081 417 7763", "417"),
    ("Telepon (0702) 430-2908", "430"), ("Telefoon 0177-763170", "763"),
])
def test_phone_words_of_other_languages_announce_a_phone(text: str, number: str) -> None:
    assert number not in mask_text(text)


@pytest.mark.parametrize("iban", [
    "DE33561768375936815910", "FR95 2038 9515 7125 6100 8191 405", "NL91YKYX2277024302",
    "GB82 WEST 1234 5698 7654 32"])
def test_a_valid_iban_is_replaced_in_text_and_under_any_key(iban: str) -> None:
    assert iban not in mask_text(f"refund to {iban} please")
    assert mask_value({"acct": iban})["acct"] != iban


@pytest.mark.parametrize("text", [
    "SKU AB12CDEF3456GH78", "DE33561768375936815911",  # (a wrong IBAN check)
    "192.168.10.24", "host 10.0.0.254 up", "the 12 34 56 team"])
def test_iban_shaped_codes_addresses_and_small_groups_stay(text: str) -> None:
    assert mask_text(text) == text
    assert mask_value({"ip": text}) == {"ip": text}


def test_an_e_mail_with_a_quoted_local_part_is_replaced_whole() -> None:
    assert "john doe" not in mask_text('mail "john doe 1"@example.org today')
    assert "john doe" not in json.dumps(mask_value({"note": 'to "john doe"@example.org'}))


@pytest.mark.parametrize(("key", "value"), [
    ("nome", "Enrico Mendonça"), ("telefone", "77 0243-0290"), ("alamat", "Jalan Erlangga 19"),
    ("surel", "maimunah72@example.com"), ("pochta", "nonna2016@example.org"),
    ("fio", "Вероника Мартынова"), ("adres", "Saarring 8"), ("telefoon", "0177-763170"),
    ("nominativo", "Ettore Spanevello"), ("hoten", "Hoàng Xuân Dương")])
def test_keys_in_portuguese_italian_dutch_indonesian_and_transliterations_name_a_kind(
        key: str, value: str) -> None:
    assert mask_value({key: value})[key] != value


@pytest.mark.parametrize(("text", "name"), [
    ("Destinatário: Sr. Enrico Mendonça, Campo Maria", "Enrico"),
    ("Получатель: Вероника Мартынова, адрес", "Вероника"),
    ("Người nhận: Hoàng Xuân Dương, địa chỉ: Số 2", "Dương"),
    ("ผู้รับ: ศศินา ปานสุวรรณ โทร 081 417 7763", "ศศินา"),
    ("Penerima: Tgk. Sakti Maulana, alamat", "Sakti"),
    ("Destinatario: Dott. Ettore Spanevello, Viale", "Ettore"),
])
def test_names_after_recipient_labels_of_more_languages_are_masked(text: str, name: str) -> None:
    assert name not in mask_text(text)


@pytest.mark.parametrize("record", [
    {"dstName": "ศศินา ปานสุวรรณ", "dstPhone": "+66 814 177 763"},
    {"nama": "Okta Suryatmi, M.Ak", "telepon": "(0702) 430-2908"},
    {"name": "Véronique Leduc du Lopes", "phone": "(0702) 430-2908"},
])
def test_a_name_beside_a_phone_in_more_scripts_and_with_titles_is_replaced(
        record: dict[str, str]) -> None:
    masked = mask_value(record)
    assert all(masked[key] != value for key, value in record.items())


@pytest.mark.parametrize("record", [
    {"fileName": "Invoice March", "phone": "(0702) 430-2908"},
    {"appName": "Shop Helper", "phone": "(0702) 430-2908"},
])
def test_a_thing_name_beside_a_phone_stays(record: dict[str, str]) -> None:
    assert mask_value(record)[next(iter(record))] == next(iter(record.values()))


@pytest.mark.parametrize(("text", "street"), [
    ("Envío a Calle Mayor 12, Madrid", "Calle Mayor 12"), ("Rua Augusta, 274 - Lisboa", "Augusta"),
    ("Jalan Erlangga No. 19", "Erlangga"), ("72, boulevard Audrey Muller", "Audrey"),
    ("675, rue de Fontaine", "Fontaine"), ("Ronda de Jose Ignacio Menéndez 70", "Menéndez"),
    ("Viale Michele, 29 Appartamento 97", "Michele"), ("Calle Mayor 12 piso 3", "Mayor"),
])
def test_street_lines_of_romance_languages_and_indonesian_are_masked(text: str,
                                                                    street: str) -> None:
    assert street not in mask_text(text)


@pytest.mark.parametrize("text", [
    "Via DHL 3 days", "Via Email 3 times", "page 2, place Order 5", "Plaza Norte 2 store",
    "sent via Rua 5", "Corso Python 3 lessons"])
def test_sentences_starting_with_a_street_type_word_stay(text: str) -> None:
    assert mask_text(text) == text


@pytest.mark.parametrize("key", ["doc", "pp", "pp_no", "travel_doc_no", "hz", "document"])
def test_a_passport_number_under_an_abbreviated_document_key_is_replaced(key: str) -> None:
    assert mask_value({key: "E92227672"})[key] != "E92227672"
    assert mask_value({key: "EA1234567"})[key] != "EA1234567"


@pytest.mark.parametrize(("key", "value"), [
    ("doc_id", "E92227672"), ("doc_type", "invoice"), ("doc_no", "123456789"),
    ("sku", "E92227672"), ("docs", "A12")])
def test_document_ids_and_other_shapes_stay(key: str, value: str) -> None:
    assert mask_value({key: value}) == {key: value}


@pytest.mark.parametrize(("text", "street"), [
    ("ул. Котовского, д. 4/6 стр. 470", "Котовского"), ("x пер. М.Горького, д. 6", "Горького"),
    ("59 หมู่ 7 ถ.ผลบุญ", "ผลบุญ"), ("6/3 ถนนงามพิเชษฐ์", "งามพิเชษฐ์"),
    ("Số 82/577 Lê Đức Thọ", "Đức Thọ"), ("Gg. Dipatiukur No. 2", "Dipatiukur"),
    ("Vila Rezende, 84", "Rezende"), ("Jennahof 079", "Jennahof"), ("Chloëbaan 56", "Chloëbaan"),
    ("Dorpsstraat 12", "Dorpsstraat"), ("Herengracht 101", "Herengracht"),
    ("H.No. 751\nBhakta", "751"), ("76/33, Dass Chowk", "Dass"), ("25/99\nDeol Nagar", "Deol"),
])
def test_russian_thai_vietnamese_and_dutch_street_lines_are_masked(text: str,
                                                                  street: str) -> None:
    assert street not in mask_text(text)


@pytest.mark.parametrize("text", ["Notepad 2 app", "Số 3 tháng", "iPad 8", "Keypad 4 keys",
                                  "ratio 3/4 Full Marks", "1/2 Cup Sugar"])
def test_words_ending_like_a_street_stay(text: str) -> None:
    assert mask_text(text) == text
