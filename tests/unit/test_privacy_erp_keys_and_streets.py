# ruff: noqa: RUF001
"""ERP and carrier keys (Kingdee's F-fields, party names, pinyin initials, ``_nm``), the labels
of Polish, Turkish, Czech, Swedish and Arabic texts, and street lines of more types."""

from __future__ import annotations

import json

import pytest

from seamguard.privacy import mask_text
from seamguard.privacy.detect import Kind
from seamguard.privacy.http import TrafficScrubber
from seamguard.privacy.policy import PrivacyPolicy


def _scrubbed(record: dict[str, str]) -> dict[str, str]:
    body = json.dumps(record, ensure_ascii=False).encode()
    out = TrafficScrubber().body(body, {"Content-Type": "application/json"})
    assert isinstance(out, bytes)
    result: dict[str, str] = json.loads(out)
    return result


@pytest.mark.parametrize(("key", "kind"), [
    ("FLinkMan", Kind.NAME), ("FTEL", Kind.PHONE), ("FEMail", Kind.EMAIL),
    ("FADDRESS1", Kind.ADDRESS), ("FContact", Kind.NAME), ("FLinkPhone", Kind.PHONE),
    ("FReceiveAddress", Kind.ADDRESS), ("receiveMan", Kind.NAME), ("receiverMan", Kind.NAME),
    ("contactPerson", Kind.NAME), ("user_nm", Kind.NAME), ("lxr", Kind.NAME),
    ("sjrdh", Kind.PHONE), ("shrdz", Kind.ADDRESS),
])
def test_erp_keys_say_what_they_hold(key: str, kind: Kind) -> None:
    assert PrivacyPolicy().key(key).kind is kind


@pytest.mark.parametrize("key", ["FAX", "FROM", "FILE", "FNumber", "FBillNo", "SignName"])
def test_f_words_and_brand_keys_keep_their_meaning(key: str) -> None:
    info = PrivacyPolicy().key(key)
    assert info.kind is (Kind.PHONE if key == "FAX" else None)


@pytest.mark.parametrize("key", ["destName", "dest_name", "recvName", "rcvName", "receive_name",
                                 "cust_nm", "rcv_nm", "shipper", "consignee"])
@pytest.mark.parametrize("name", ["Mr. Timothy Browning", "المهندس مُناضل مشعشع", "우영식",
                                  "Zbyněk Pavlík", "Ivo Vacek DiS."])
def test_a_party_name_in_any_script_is_replaced(key: str, name: str) -> None:
    assert _scrubbed({key: name, "weight": "1.25"})[key] != name


def test_a_party_key_keeps_a_data_source_name() -> None:
    record = {"destName": "crm_db", "recvName": "orders.v2"}
    assert _scrubbed(record) == record


@pytest.mark.parametrize(("text", "value"), [
    ("Odbiorca: Nicole Hirsch, adres: al. Leśna 74/39, telefon: 501 234 567", "Nicole Hirsch"),
    ("Odbiorca: Nicole Hirsch, adres: al. Leśna 74/39, telefon: 501 234 567", "Leśna 74/39"),
    ("Alıcı: Seracettin Akdeniz, adres: Atatürk Cad. No: 12", "Seracettin Akdeniz"),
    ("Příjemce: Břetislav Ježek, adresa: Na Příkopě 12", "Břetislav Ježek"),
    ("Mottagare: Kristina Persson, adress: Storgränd 915", "Kristina Persson"),
    ("المستلم: الأستاذ عالم السادة الراويون، العنوان: شارع الملك فهد", "عالم السادة"),
    ("المستلم: الأستاذ عالم السادة الراويون، العنوان: شارع الملك فهد", "الملك فهد"),
    ("Paczka dostarczona pod plac Listopada 80 o 14:05.", "Listopada 80"),
    ("Zásilka byla doručena na Chotovická 1/12 dnes ráno.", "Chotovická"),
    ("Zásilka byla doručena na Vratislavova 44 dnes ráno.", "Vratislavova"),
    ("Paketet lämnades på Ekstigen 636 i morse.", "Ekstigen"),
    ("Kargo Gül Sok. No:5 adresine teslim edildi.", "Gül Sok"),
    ("تم التسليم إلى 806 محمود Stream صباح اليوم.", "محمود"),
    ("delivered to 439 青木 Street today", "青木"),
    ("livré avenue Meyer ce matin", "Meyer"),
    ("entregue no Pátio Samuel das Neves, 70 ontem", "Samuel das Neves"),
    ("entregue na Colônia Maria Souza, 12 ontem", "Maria Souza"),
    ("consegnato a Canale Meucci, 250 Piano 6", "Meucci"),
    ("entregado en Vial de Virginia Pujadas 78", "Virginia Pujadas"),
    ("left at 12 Glen Brae by the door", "Glen Brae"),
    ("left at 875 Santos Extension by the door", "Santos Extension"),
    ("Ship to Ravi, 86/925\nRaja. Phone 98", "Raja"),
    ("Kargo 73831 Mübetcel Valley Suite 452 adresine teslim edildi.", "Mübetcel"),
    ("Kargo 3966 Durmuş Grove Suite 732 adresine", "Durmuş Grove"),
    ("Zásilka byla doručena na Nad Plynovodem 331 dnes ráno.", "Plynovodem"),
    ("تم التسليم إلى 46676 جوليا Key صباح اليوم.", "جوليا"),
    ("Odbiorca: pan Tymoteusz Michnowicz, adres: aleja Jana 60", "Tymoteusz Michnowicz"),
    ("المستلم: مشرف جرهم، هاتف: +1-711-369-6569x293", "369-6569"),
    ("경상남도 성남시 분당구 역삼81로 1 (민지김면) 으로 배송 예정입니다.", "역삼81로"),
    ("Alıcı: Okt. Saire Müferrih Hayrioğlu Türk, adres: 466 Aysoy Roads", "Saire Müferrih"),
    ("Alıcı: Sevginur Akçay, telefon: 109 6 525, e-posta: z@example.org", "109 6"),
    ("Zásilka byla doručena na Heineho 90 dnes ráno.", "Heineho"),
    ("Zásilka byla doručena na Souběžná 782 dnes ráno.", "Souběžná"),
])
def test_labels_and_street_lines_of_more_locales(text: str, value: str) -> None:
    assert value not in mask_text(text)


@pytest.mark.parametrize("text", [
    "Python 3 is nice, Nova 3 launched, Windows 11 ships", "The revenue Meyer reported",
    "Step 3 Key Part of the plan", "Top 10 Brands", "ul. zamówienie 5",
    "Meeting at 10 with Novak 3 times", "period 12/2026\nTotal 5", "Via Email 3 times a day",
    "Corso Python 3 lessons", "U Turn 5", "V Neck 3 pack", "5 Key Part", "Café 12 open",
    "Hotline 400-811-1111", "电话 400-811-1111",
])
def test_ordinary_text_is_kept(text: str) -> None:
    assert mask_text(text) == text


def test_xml_attributes_are_read_as_one_record() -> None:
    xml = ('<orders><party role="buyer" nm="Inger Andersson" mail="m@example.com" '
           'ph="+46 (0)8 518 313 53"/><item name="Blue Widget" sku="SKU-2" qty="2"/></orders>')
    masked = mask_text(xml)
    assert "Inger Andersson" not in masked
    assert 'name="Blue Widget" sku="SKU-2"' in masked


@pytest.mark.parametrize("record", [
    {"province": "广东省", "city": "深圳市", "district": "南山区", "detail": "宋街e座"},
    {"country": "CN", "state": "GD", "line1": "宋街e座"},
])
def test_the_street_part_of_a_split_address_is_personal(record: dict[str, str]) -> None:
    from seamguard.privacy import mask_value

    assert "宋街e座" not in str(mask_value({"_widget_1615776382003": record}))


def test_a_street_part_alone_is_left_to_its_content() -> None:
    from seamguard.privacy import mask_value

    record = {"detail": "宋街e座", "status": "ok", "city": "深圳"}
    assert mask_value(record) == record
    route = {"country": "CN", "state": "GD", "line": "SF Express"}
    assert mask_value(route) == route


@pytest.mark.parametrize(("text", "name"), [
    ("已签收，签收人是：谢荣", "谢荣"),
    ("派件员轩辕旭涛（13483104900）运单 SF1420098765432", "轩辕旭涛"),
    ("快递员：王五，电话 13800000000", "王五"),
])
def test_couriers_and_signers_in_route_texts(text: str, name: str) -> None:
    masked = mask_text(text)
    assert name not in masked
    assert "SF1420098765432" in masked or "SF" not in text


@pytest.mark.parametrize("text", ["派件员已出发", "司机师傅", "派送员正在派送"])
def test_courier_words_alone_stay(text: str) -> None:
    assert mask_text(text) == text


def test_a_url_in_a_json_string_is_read_as_a_url() -> None:
    from seamguard.privacy import mask_value

    url = ("https://open.example.com/track?sku=SKU-JP-4471-RED#contact=a.b@example.org"
           "&tel=%28339%29497-5897x49246&waybill=SF1420098765432")
    masked = mask_value({"redirect": url})["redirect"]
    assert "497-5897" not in masked
    assert "a.b@" not in masked
    assert masked.startswith("https://open.example.com/track?sku=SKU-JP-4471-RED#contact=")
    assert masked.endswith("&waybill=SF1420098765432")


@pytest.mark.parametrize("columns", [
    "FID,FBillNo,FLinkMan,FLinkPhone,FReceiveAddress",
    ["FID", "FBillNo", "FLinkMan", "FLinkPhone", "FReceiveAddress"],
    [{"name": "FID"}, {"name": "FBillNo"}, {"name": "FLinkMan"}, {"name": "FLinkPhone"},
     {"name": "FReceiveAddress"}],
])
def test_rows_of_a_table_are_read_by_their_column_names(columns: object) -> None:
    from seamguard.privacy import mask_value
    from seamguard.privacy.http import TrafficScrubber

    document = {"FieldKeys" if isinstance(columns, str) else "columns": columns,
                "rows": [[100123, "XSDD000417", "Inger Andersson", "08-518 313 53",
                          "Storgatan 5"], ["short row"]]}
    body = TrafficScrubber().body(json.dumps(document).encode(),
                                  {"Content-Type": ["application/json"]})
    assert isinstance(body, bytes)
    for scrubbed in (str(mask_value(document)), body.decode()):
        for value in ("Inger Andersson", "518 313", "Storgatan 5"):
            assert value not in scrubbed
        assert "100123" in scrubbed
        assert "XSDD000417" in scrubbed
        assert "short row" in scrubbed


def test_a_table_of_things_is_kept() -> None:
    from seamguard.privacy import mask_value

    document = {"meta": [{"name": "sku", "type": "String"}, {"name": "qty", "type": "UInt32"}],
                "data": [["SKU-1", 3], ["SKU-2", 13812345]]}
    assert mask_value(document) == document


@pytest.mark.parametrize(("text", "street"), [
    ("Paczka dostarczona pod plac Żwirki i Wigury 905 o 14:05.", "Żwirki i Wigury 905"),
    ("Zásilka byla doručena na Kostnické Náměstí 321 dnes ráno.", "Kostnické Náměstí 321"),
])
def test_street_lines_with_a_link_word_or_a_square_after_the_adjective(text: str,
                                                                       street: str) -> None:
    assert street not in mask_text(text)


@pytest.mark.parametrize(("text", "street"), [
    ("Flat 74e\nMartin Corner", "Martin Corner"),
    ("Flat 8, Catherine Curve", "Catherine Curve"),
    ("Studio 79A\nWright Courts", "Wright Courts"),
])
def test_a_house_number_with_a_letter_or_a_comma_before_the_street(text: str,
                                                                   street: str) -> None:
    assert street not in mask_text(text)


@pytest.mark.parametrize(("text", "kept"), [
    ("levering op Vismarkt 12", None), ("Oudezijdswal 7 is het adres", None),
    ("Order 12 shipped via Notepad 3", "Notepad 3"), ("ferry to Newhaven 3 times", "Newhaven 3"),
])
def test_dutch_embankments_and_squares_but_not_english_compounds(text: str,
                                                                 kept: str | None) -> None:
    masked = mask_text(text)
    assert (kept in masked) if kept else masked != text
