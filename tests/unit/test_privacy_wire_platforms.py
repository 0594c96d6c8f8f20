# ruff: noqa: RUF001
"""Platform ciphertexts beside their masked copies, phone-shaped order numbers after an order
word, and the other classes the third fresh corpus (``tests.support.fresh_pii3``) found."""

from __future__ import annotations

import json

import pytest

from seamguard.privacy import classify_key, mask_text, mask_value
from seamguard.privacy.policy import PrivacyPolicy

_CIPHER = "#kmwE#jP8DqpinJUMI2huQZ0ezcwCkb9UlAJhDzl1g4U53bWaE44cz#1##"


@pytest.mark.parametrize("key", ["encrypt_post_tel", "encrypt_post_receiver",
                                 "encryptedConsignee", "encrypted_mobile", "enc_mobile"])
def test_a_platform_ciphertext_of_a_personal_field_is_kept_out(key: str) -> None:
    assert PrivacyPolicy.default().key(key).secret == "always"
    masked = mask_value({key: _CIPHER, "mask_post_tel": "152****9903"})
    assert _CIPHER not in json.dumps(masked)
    assert masked["mask_post_tel"] == "152****9903"


@pytest.mark.parametrize("key", ["encryptType", "encrypt_detail_flag", "encrypted"])
def test_a_key_about_encryption_itself_is_no_ciphertext(key: str) -> None:
    assert PrivacyPolicy.default().key(key).secret != "always"
    assert mask_value({key: "AES"}) == {key: "AES"}
    assert classify_key("encryptType") is None


@pytest.mark.parametrize("text", [
    "order 07700900123 was split into two parcels.",
    "Order no. 15019283746 paid 1,299.00 on 2026-12-06.",
    "<c:OrderRef>15019283746</c:OrderRef>",
    "订单号15019283746已发货",
    "运单 13812345678 已揽收",
    "tracking: 13812345678",
])
def test_a_phone_shaped_number_an_order_word_names_stays(text: str) -> None:
    assert mask_text(text) == text


@pytest.mark.parametrize(("text", "number"), [
    ("call me at 15019283746, order 07700900123", "15019283746"),
    ("ordered by 15019283746", "15019283746"),
    ("订单 13812345678 收件人电话 13912345678", "13912345678"),
    ("联系电话15019283746 订单", "15019283746"),
])
def test_a_phone_not_right_after_an_order_word_is_still_masked(text: str, number: str) -> None:
    assert number not in mask_text(text)


@pytest.mark.parametrize(("text", "name"), [
    ("Courier Tim Barrett ((0151) 496 0990) collected the parcel.", "Tim Barrett"),
    ("Prefers calls; assistant Sig. Fausto Padovano", "Fausto Padovano"),
    ("Bitte Empfänger Mirja Weitzel, Gerlachplatz 2/6.", "Mirja Weitzel"),
    ("Destinatario Enrico Botta-Orengo, Via Giulio 85", "Enrico Botta-Orengo"),
    ("亲爱的丁峰，您的包裹已发出", "丁峰"),
    ("客户黄刚身份证110105197211213730", "黄刚"),
    ("您的快件已由沈秀兰签收，感谢使用顺丰", "沈秀兰"),
    ("山下 くみ子様宛にお届けします", "くみ子"),
    ("山田太郎様、ご注文ありがとうございます", "山田太郎"),
    ("권도현님, 충청북도로 배송됩니다", "권도현"),
    ("收件人: 심주원 / 042-569-9032", "심주원"),
])
def test_a_name_a_role_salutation_or_honorific_points_at_is_masked(text: str,
                                                                   name: str) -> None:
    assert name not in mask_text(text)


@pytest.mark.parametrize("text", [
    "Driver Assigned: pending", "Customer Service will call back", "Courier Service Ltd",
    "收件人：前台代收，寄到公司仓库。", "已由顺丰签收", "尊敬的客户", "고객님께서 주문하신 상품",
    "회원님 안녕하세요", "お客様各位", "会員様へのお知らせ", "ご担当者様",
])
def test_role_words_and_honorifics_before_no_name_stay(text: str) -> None:
    assert mask_text(text) == text


def test_a_latin_name_under_an_unlisted_key_beside_a_contact_is_masked() -> None:
    record = {"in": {"a": "Tina Peterson", "b": "110105197211213730"},
              "list": [{"who": "Josette Picard", "mail": "josette@example.org"}]}
    masked = json.dumps(mask_value(record))
    assert "Tina Peterson" not in masked
    assert "Josette Picard" not in masked


def test_a_latin_name_shaped_brand_with_no_contact_beside_it_stays() -> None:
    record = {"brand": "Calvin Klein", "vendor": "Marc Jacobs", "sku": "SKU-1", "price": "9.90"}
    assert mask_value(record) == record


def test_wechat_shops_detail_info_beside_its_regions_is_the_street_line() -> None:
    masked = mask_value({"address_info": {"province_name": "四川省", "city_name": "成都市",
                                          "county_name": "武侯区", "detail_info": "郑路R座"}})
    assert "郑路R座" not in json.dumps(masked, ensure_ascii=False)
    kept = {"detail_info": "郑路R座", "status": "ok", "city_name": "成都市"}
    assert mask_value(kept) == kept


@pytest.mark.parametrize(("text", "number"), [
    ("電話番号は070-5072-9078、メールは", "5072"),
    ("Chiamami al 094290320. Destinatario", "094290320"),
    ("Appelez-moi au 0582990320.", "0582990320"),
    ("Prefers calls at 094290320; assistant", "094290320"),
    ("Bitte rufen Sie mich unter 030 12345678 an.", "12345678"),
    ("Hi, please call me at (0151) 496 0990 or email", "496 0990"),
    ("Courier Mike Stewart ((0151) 496 0990) collected the parcel", "496 0990"),
])
def test_a_phone_after_another_languages_call_cue_or_with_its_area_code_in_brackets(
        text: str, number: str) -> None:
    assert number not in mask_text(text)


@pytest.mark.parametrize("text", ["call 1234567 times", "Chiamami al più presto",
                                  "Ordering 2 items from Notepad 2"])
def test_call_cues_and_english_words_before_no_phone_or_street_stay(text: str) -> None:
    assert mask_text(text) == text


@pytest.mark.parametrize(("text", "street"), [
    ("Empfänger: Caren Klemm, Buttering 0, Tel. +49 (0) 1202 297490", "Buttering 0"),
    ("Ontvanger: Nadine Bruijne, Wesleypad 290. E-mail: x@example.net", "Wesleypad 290"),
    ("Paket wurde in Nordhaven 3 abgegeben", "Nordhaven 3"),
])
def test_a_street_whose_type_ends_an_english_word_counts_in_german_or_dutch_text(
        text: str, street: str) -> None:
    assert street not in mask_text(text)


def test_a_whole_xml_document_with_namespaces_is_masked_by_its_elements() -> None:
    soap = ('<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/'
            'envelope/"><s:Body><shr>黄淑兰</shr><FullName>Miss Chloe Charlton</FullName>'
            "<cb>https://x.example/cb?access_token=abcdefgh12345678</cb></s:Body></s:Envelope>")
    masked = mask_text(soap)
    assert masked.startswith('<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.')
    for value in ("黄淑兰", "Chloe Charlton", "abcdefgh12345678"):
        assert value not in masked


def test_a_persons_names_listed_beside_a_phone_are_masked() -> None:
    masked = mask_value({"receiver": {"names": ["山下 くみ子"], "phone": "18083804944"}})
    assert "くみ子" not in json.dumps(masked, ensure_ascii=False)
    options = {"names": ["Red", "Blue"], "phone": "15221507290"}
    assert mask_value(options)["names"] == ["Red", "Blue"]


def test_listed_names_are_masked_in_a_recorded_json_body_too() -> None:
    from seamguard.privacy import TrafficScrubber

    body = json.dumps({"receiver": {"names": ["山下 くみ子"], "phone": "18083804944"}},
                      ensure_ascii=False)
    assert "くみ子" not in TrafficScrubber().scrubber.json_text(body)


@pytest.mark.parametrize(("text", "name"), [
    ("Empfänger Univ.Prof. Agnieszka Salz, Zorbachgasse 86/19.", "Agnieszka Salz"),
    ("Deliver to Dipl.-Ing. Dr. Hans Wolf, Hauptstraße 1", "Hans Wolf"),
])
def test_a_name_after_titles_in_a_row_is_masked(text: str, name: str) -> None:
    assert name not in mask_text(text)


@pytest.mark.parametrize(("text", "street"), [
    ("address '1 LEE STREET' could not be geocoded", "LEE STREET"),
    ("SHIP TO: FLAT 60\nPAULA COURT", "PAULA COURT"),
    ("Row 7: 141 CARTER MOUNTAINS rejected", "CARTER MOUNTAINS"),
])
def test_a_street_line_in_capitals_is_masked(text: str, street: str) -> None:
    assert street not in mask_text(text)


@pytest.mark.parametrize("text", ["ORDER 12 SHIPPED TODAY", "SKU 4471 RED LARGE",
                                  "PLEASE CALL 3 TIMES BEFORE NOON"])
def test_capitals_after_a_number_that_are_no_street_stay(text: str) -> None:
    assert mask_text(text) == text


@pytest.mark.parametrize(("text", "names"), [
    ("Hello Anne Hooper,\nthanks for your order.\nKind regards,\nTim Barrett",
     ["Anne Hooper", "Tim Barrett"]),
    ("Hallo Mirja Weitzel,\nvielen Dank.\nMit freundlichen Grüßen\nCaren Klemm",
     ["Mirja Weitzel", "Caren Klemm"]),
    ("Bonjour X,\nmerci.\nCordialement,\nThéophile Lesage-Lévêque", ["Lesage-Lévêque"]),
    ("Beste Nadine Bruijne, bedankt. Groeten, Myrthe Jonkman", ["Nadine", "Myrthe"]),
    ("From: Tina Peterson <tina@example.com>\nTo: Mirja Weitzel <m@example.de>",
     ["Tina Peterson", "Mirja Weitzel"]),
    ("林怡君您好，感謝您的訂購。張家豪 敬上", ["林怡君", "張家豪"]),
    ("안녕하세요 권도현 고객님, 주문 감사합니다. 담당자 심주원 드림", ["권도현", "심주원"]),
    ("山下 くみ子様\nご注文ありがとうございます。\n担当：山田 太郎", ["くみ子", "太郎"]),
    ("派件员贾桂英正在派件（电话：19873565905）", ["贾桂英"]),
])
def test_names_in_greetings_closings_and_mail_headers_are_masked(text: str,
                                                                 names: list[str]) -> None:
    masked = mask_text(text)
    assert all(name not in masked for name in names), masked


@pytest.mark.parametrize("text", ["Regards, The Support Team", "Hello Team,", "Hi there",
                                  "Thanks Customer Service", "Hello World", "您好，请问",
                                  "담당자 변경 요청", "고객님 안녕하세요"])
def test_greetings_and_closings_before_no_name_stay(text: str) -> None:
    assert mask_text(text) == text


@pytest.mark.parametrize(("text", "number"), [
    ("Courier Alison Moss (+441632960181) collected", "1632960181"),
    ("Bel mij op +31060 451620. Ontvanger", "451620"),
    ("Bel mij op +31441-167416.", "167416"),
])
def test_an_international_number_run_together_or_after_a_call_cue_is_masked(
        text: str, number: str) -> None:
    assert number not in mask_text(text)


@pytest.mark.parametrize("name", ["Dr. Anna Smith", "John Smith MD", "Derrick Kelly Jr."])
def test_a_titled_latin_name_under_an_unlisted_key_beside_an_id_is_masked(name: str) -> None:
    masked = mask_value({"a": name, "b": "110105197211213730"})
    assert masked["a"] != name
    kept = {"a": "Mrs. Invoice March", "b": "110105197211213730"}
    assert mask_value(kept)["a"] == kept["a"]


@pytest.mark.parametrize("name", ["Mick van 't Houteveen", "Victoire-Constance Barbe"])
def test_particled_and_double_given_names_beside_a_contact_are_masked(name: str) -> None:
    assert mask_value({"who": name, "mail": "a@example.com"})["who"] != name
    assert name not in mask_text(f"Groeten, {name}")


@pytest.mark.parametrize(("text", "value"), [
    ("佐々木 直樹様宛にお届けします", "直樹"),
    ("Ontvanger: Sara Reimes, Boring 8. E-mail: x@example.org", "Boring 8"),
    ("Bonjour X,\nmerci.\nCordialement,\nLucy Parent", "Lucy Parent"),
    ("Chiamami al +39 34612736892. Destinatario", "2736892"),
])
def test_iteration_marks_short_dutch_streets_word_surnames_and_voicemail_numbers(
        text: str, value: str) -> None:
    assert value not in mask_text(text)
