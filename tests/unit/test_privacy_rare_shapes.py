# ruff: noqa: RUF001
"""Classes the fourth fresh corpus (``tests.support.fresh_pii4``) found: names written with rare
characters outside the Basic Multilingual Plane, and ``\\u`` surrogate pairs of them."""

from __future__ import annotations

import json
import random

import pytest

from seamguard.privacy import Pseudonymizer, TrafficScrubber, mask_text, mask_value

PSEUDONYMS = TrafficScrubber(replacer=Pseudonymizer(b"rare-shapes"))


@pytest.mark.parametrize("name", ["张𬌗", "王𫖯", "李𠇔玲", "𠮷辉"])
@pytest.mark.parametrize("template", ["收件人：{}，电话请留言", "联系人 {} 已签收",
                                      "{}您好，包裹已到"])
def test_names_with_characters_beyond_the_bmp_are_found(name: str, template: str) -> None:
    text = template.format(name)
    for scrubbed in (mask_text(text), PSEUDONYMS.text_body(text, "text/plain")):
        assert name not in scrubbed, scrubbed


def test_surrogate_pair_escapes_of_a_rare_name_are_read() -> None:
    body = '{"note": "' + json.dumps("送到仓库，收件人：张𬌗")[1:-1] + '", "sku": "SKU-1"}'
    assert "\\ud870" in body  # written as JSON with ensure_ascii writes it
    for scrubbed in (mask_text(body), PSEUDONYMS.text_body(body, "application/json")):
        opened = json.loads(scrubbed)["note"]
        assert "张𬌗" not in opened
        assert "SKU-1" in scrubbed


@pytest.mark.parametrize("name", ["张𬌗", "𠮷辉"])
def test_rare_names_in_records_are_found_as_their_bmp_spellings_are(name: str) -> None:
    record = {"receiver": name, "row": [name, "13812345678"],
              "party": {"n": name, "tel": "13812345678"}, "sku": "SKU-1"}
    for pure in (mask_value(record), PSEUDONYMS.scrubber.value(record)):
        assert name not in json.dumps(pure, ensure_ascii=False), pure
        assert pure["sku"] == "SKU-1"


@pytest.mark.parametrize("key", ["loc", "latlng", "lngLat", "geo_loc", "latlon", "geopoint"])
def test_positions_under_short_position_keys_are_replaced(key: str) -> None:
    record = {key: "30.287351,120.046535", "sku": "SKU-1"}
    for scrubbed in (mask_value(record), PSEUDONYMS.scrubber.value(record)):
        assert "287351" not in scrubbed[key], scrubbed
        assert "046535" not in scrubbed[key], scrubbed
    xml = f'<Party {key}="30.287351,120.046535" sku="SKU-1"/>'
    for text in (mask_text(xml), PSEUDONYMS.text_body(xml, "application/xml")):
        assert "287351" not in text, text
        assert 'sku="SKU-1"' in text


def test_what_a_short_position_key_holds_besides_a_position_stays() -> None:
    record = {"storage_loc": "A-01-03", "bin_loc": "WH-HZ-07", "loc": "zh-CN",
              "lnglat": "120.21,30.25"}  # (a district, two decimals: no one's door)
    assert mask_value(record) == record
    assert PSEUDONYMS.scrubber.value(record) == record


ORDER = "15019283746"  # an order number shaped like a mobile number


@pytest.mark.parametrize("table", [
    f"订单号,收件人,手机\n{ORDER},吕淑华,13812345678\n",
    f"运单编号\t收货人\t电话\n{ORDER}\t吕淑华\t13812345678\n",
    f"order,who,tel\n{ORDER},Lena Jonsson,13812345678\n",
])
def test_order_columns_keep_phone_shaped_order_numbers(table: str) -> None:
    for scrubbed in (mask_text(table), PSEUDONYMS.text_body(table, "text/csv")):
        assert ORDER in scrubbed
        assert "13812345678" not in scrubbed


def test_order_keys_in_chinese_and_alone_name_the_number() -> None:
    record = {"订单号": ORDER, "交易号": ORDER, "order": ORDER, "订单电话": "13812345678",
              "order_contact": "13812345678"}
    for scrubbed in (mask_value(record), PSEUDONYMS.scrubber.value(record)):
        assert [scrubbed[key] for key in ("订单号", "交易号", "order")] == [ORDER] * 3
        assert scrubbed["订单电话"] != "13812345678"
        assert scrubbed["order_contact"] != "13812345678"


@pytest.mark.parametrize("xml", [
    f'<Order no="{ORDER}" sku="SKU-1"><Party r="吕淑华" m="13812345678"/></Order>',
    f"<Order><no>{ORDER}</no><tel>13812345678</tel></Order>",
])
def test_a_bare_number_name_in_xml_is_read_with_its_element(xml: str) -> None:
    for scrubbed in (mask_text(xml), PSEUDONYMS.text_body(xml, "application/xml")):
        assert ORDER in scrubbed
        assert "13812345678" not in scrubbed


@pytest.mark.parametrize("xml", ['<Contact no="13812345678"/>',
                                 "<Mobile><no>13812345678</no></Mobile>",
                                 '<Phone number="13812345678" kind="m"/>'])
def test_a_phone_under_a_bare_number_name_is_still_found(xml: str) -> None:
    for scrubbed in (mask_text(xml), PSEUDONYMS.text_body(xml, "application/xml")):
        assert "13812345678" not in scrubbed


def test_a_multipart_body_quoted_in_a_message_is_read_part_by_part() -> None:
    body = ("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"o.csv\"\r\n"
            f"Content-Type: text/csv\r\n\r\n订单号,收件人,手机\n{ORDER},吕淑华,13812345678\n\r\n"
            "--b0undary--\r\n")
    masked = mask_text(body)
    assert ORDER in masked
    assert "13812345678" not in masked
    assert "吕淑华" not in masked


ECHO = ("<!DOCTYPE html><html><body><h1>400</h1><pre>POST /api/receiver?name=%E5%90%95%E6%B7%91"
        "%E5%8D%8E&amp;email=lena%40example.org&amp;sku=SKU-1</pre><p>Back to "
        "https://shop.example.com/cb?order_no=15019283746&amp;buyer_name=%E5%90%95%E6%B7%91%E5%8D%8E"
        "</p></body></html>")


def test_an_html_error_page_echoing_the_request_is_read_url_by_url() -> None:
    for scrubbed in (mask_text(ECHO), PSEUDONYMS.text_body(ECHO, "text/html; charset=utf-8")):
        assert "%E5%90%95%E6%B7%91%E5%8D%8E" not in scrubbed, scrubbed
        assert "lena" not in scrubbed
        assert "&amp;email=" in scrubbed  # the parameters keep their names
        assert "sku=SKU-1" in scrubbed
        assert "order_no=15019283746" in scrubbed


@pytest.mark.parametrize("text", ["name=%E5%A4%8F%E4%BE%AF&email=lena.berg@example.org",
                                  "<p>a=1&amp;email=lena.berg@example.org</p>"])
def test_an_address_after_a_parameter_is_cut_at_the_separator(text: str) -> None:
    for masked in (mask_text(text), PSEUDONYMS.scrubber.text(text)):
        assert "email=" in masked
        assert "lena.berg" not in masked


FLOATS = ('{"m": 13812345678.0, "rows": [[15019283746.0, 1.3912345678E10, 2399.5]], '
          '"order_no": 15019283746.0, "ts": 1765015200.0, "amount": 2000000.0}')


@pytest.mark.parametrize("extra", ["", ', "lat": 30.287351'])  # (a position: read exactly)
def test_phones_read_as_floats_are_found_in_documents(extra: str) -> None:
    body = FLOATS[:-1] + extra + "}"
    for scrubbed in (mask_text(body), PSEUDONYMS.text_body(body, "application/json")):
        assert "13812345678" not in scrubbed, scrubbed
        assert "1.3912345678E10" not in scrubbed
        for kept in ('"order_no":15019283746.0', "1765015200.0", "2000000.0", "2399.5"):
            assert kept in scrubbed.replace(": ", ":")
    pseudonymised = json.loads(PSEUDONYMS.text_body(body, "application/json"))
    assert isinstance(pseudonymised["m"], float)  # a pseudonym stays a number
    assert PSEUDONYMS.text_body(json.dumps(pseudonymised), "application/json") == json.dumps(
        pseudonymised)  # and is left alone when scrubbed again


OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"


def test_openids_are_pseudonymised_one_character_for_one_and_stay_so() -> None:
    record = {"openid": OPENID, "unionid": "o6_bmjrPTlm6_2sgVt7hMZOPfL2M", "appid": "wx8888"}
    masked = mask_value(record)
    assert OPENID not in masked.values()
    assert masked["appid"] == "wx8888"  # the app's own id is no one's
    pseudonymised = PSEUDONYMS.scrubber.value(record)
    assert pseudonymised["openid"] != OPENID
    assert len(pseudonymised["openid"]) == len(OPENID)
    assert pseudonymised["openid"].startswith("o")
    assert PSEUDONYMS.scrubber.value(pseudonymised) == pseudonymised
    url = PSEUDONYMS.url(f"https://api.weixin.qq.com/sns/userinfo?openid={OPENID}&lang=zh_CN")
    assert OPENID not in url
    assert url.endswith("&lang=zh_CN")


def test_a_real_plate_with_letters_in_its_serial_is_rarely_taken_for_a_pseudonym() -> None:
    from seamguard.privacy import Kind
    from seamguard.privacy.traces import own_plate
    from tests.support.fresh_pii3 import _serial  # GA 36 serials: up to two letters

    assert not own_plate("粤DE2T26")  # passed the one-digit check
    rng = random.Random(11)
    plates = [rng.choice("粤京沪浙") + rng.choice("ABCDE") + _serial(rng) for _ in range(5000)]
    assert sum(own_plate(plate) for plate in plates) < 40  # under 1 in 125 (was 1 in 40)
    for plate in plates[:200]:
        fake = PSEUDONYMS.scrubber.replacer.replace(Kind.PLATE, plate)
        assert fake != plate
        assert own_plate(fake)
        assert fake[:2] == plate[:2]
        assert [char.isdigit() for char in fake] == [char.isdigit() for char in plate]


def test_a_json_answer_holding_urls_is_masked_as_one_document() -> None:
    answer = ('{"node": {"id": "gid://shop/Order/6930127718392047561", "avatar": '
              '"https://cdn.example.com/a.png", "shippingAddress": {"name": "Vittoria Anguillara",'
              ' "phone": "+39 034267098"}, "hook": "tgram://123456:ABCdefGhIJKlmNoPQRsTUVwxyZ/9",'
              ' "db": "postgresql://app:s3cret@db/x"}}')
    masked = mask_text(answer)
    assert "Vittoria" not in masked  # (the URL before it no longer cuts the record apart)
    assert "034267098" not in masked
    assert "gid://shop/Order/6930127718392047561" in masked
    assert "https://cdn.example.com/a.png" in masked
    assert "ABCdefGhIJ" not in masked
    assert "s3cret" not in masked


def test_a_real_position_is_rarely_taken_for_a_pseudonym() -> None:
    from seamguard.privacy import Kind
    from seamguard.privacy.traces import own_location

    assert not own_location("120.046535")  # passed the one-digit check
    rng = random.Random(7)
    points = [f"{rng.uniform(18, 53):.6f}" for _ in range(5000)]
    assert sum(own_location(point) for point in points) < 15  # about 1 in 1,000 (was 1 in 10)
    for point in [*points[:200], "22.5671", "114.05353", "30.2873512345"]:
        fake = PSEUDONYMS.scrubber.replacer.replace(Kind.LOCATION, point)
        assert fake != point
        assert own_location(fake)
        assert fake[:point.index(".") + 3] == point[:point.index(".") + 3]  # the district stays
        assert len(fake) == len(point)
