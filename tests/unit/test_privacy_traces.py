# ruff: noqa: RUF001
"""Vehicle plates, customers' IP addresses and delivery positions: found, masked in reports,
pseudonymised in recordings (recognised again, so a second scrub changes nothing)."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from seamguard.privacy import Pseudonymizer, TrafficScrubber, mask_text, mask_value
from seamguard.privacy.detect import Kind, spans
from seamguard.privacy.traces import is_global_ip, own_plate


def _kinds(text: str) -> set[Kind]:
    return {span.kind for span in spans(text)}


@pytest.mark.parametrize(("text", "value"), [
    ("车牌号粤B12345的车主已取件", "粤B12345"),
    ("车辆 京A·D12345 已到仓", "京A·D12345"),
    ("plate 沪AF12345 at dock 3", "沪AF12345"),
    ("下单IP：223.153.208.90，请核实", "223.153.208.90"),
    ("login from 8.8.4.4 failed", "8.8.4.4"),
    ("device 240e:125a:de77:2dd9:4024:798f:5da3:a70a online", "240e:125a:de77"),
    ("收货定位 22.567135,114.035354（门口）", "22.567135"),
    ("GPS: 31.230416, 121.473701", "121.473701"),
])
def test_a_trace_in_text_is_masked(text: str, value: str) -> None:
    assert value not in mask_text(text)


@pytest.mark.parametrize("text", [
    "build 4.18.2.1 released", "proxy 10.0.3.7 answered", "version 1.2.3.4",
    "SKU 粤B-STYLE", "at 22.543096,114.057865 the hub", "ratio 0.7512, 0.2488",
    "time 10:30:00", "mac 00:1a:2b:3c:4d:5e", "docs 2001:db8::1:2:3 example",
    "粤B 仓库", "京ABCDEF",
])
def test_ordinary_text_is_kept(text: str) -> None:
    assert mask_text(text) == text


def _scrub(record: dict[str, Any], headers: dict[str, list[str]] | None = None
           ) -> tuple[dict[str, Any], dict[str, Any]]:
    traffic = TrafficScrubber(replacer=Pseudonymizer(b"traces"))
    body = traffic.body(json.dumps(record, ensure_ascii=False).encode(),
                        {"Content-Type": ["application/json"]})
    assert isinstance(body, bytes)
    return json.loads(body), traffic.headers(headers or {})


def test_keys_name_ips_positions_and_plates() -> None:
    record = {"buyer_ip": "117.186.153.208", "client_ip_v6": "240e:b38a:125a:de77::1",
              "gateway_ip": "10.0.0.1", "plate_no": "粤CD88290", "version": "4.18.2.1",
              "receiver": {"location": {"lat": 22.647599, "lng": 113.967336}},
              "deliveryPoint": {"latitude": "22.647599", "longitude": "113.967336"}}
    scrubbed, headers = _scrub(record, {"X-Forwarded-For": ["117.186.153.208, 10.0.3.7"],
                                        "X-Real-IP": ["117.186.153.208"]})
    text = json.dumps(scrubbed, ensure_ascii=False) + json.dumps(headers)
    for value in ("117.186.153.208", "240e:b38a", "粤CD88290", "22.647599", "113.967336"):
        assert value not in text
    assert not is_global_ip(scrubbed["buyer_ip"])
    assert scrubbed["gateway_ip"] == "10.0.0.1"
    assert scrubbed["version"] == "4.18.2.1"
    assert "10.0.3.7" in headers["X-Forwarded-For"][0]
    location = scrubbed["receiver"]["location"]
    assert isinstance(location["lat"], float)  # still a number
    assert str(location["lat"]).startswith("22.64")  # the district kept
    assert scrubbed["deliveryPoint"]["longitude"].startswith("113.96")
    assert scrubbed["plate_no"].startswith("粤C")
    again, _ = _scrub(scrubbed)
    assert again == scrubbed  # a second scrub recognises its own pseudonyms


def test_reports_mask_traces_under_keys() -> None:
    masked = mask_value({"buyer_ip": "117.186.153.208", "lat": 22.647599,
                         "plate_number": "粤B12345", "city": "Shenzhen"})
    assert masked == {"buyer_ip": "117.*.*.*", "lat": "22.64****",
                      "plate_number": "粤B*****", "city": "Shenzhen"}


@pytest.mark.parametrize(("key", "value"), [
    ("location", "Shenzhen"), ("ip_whitelist", "office"), ("plate_type", "blue"),
    ("lat", "n/a"),
])
def test_a_trace_key_holding_something_else_is_read_by_content(key: str, value: str) -> None:
    assert mask_value({key: value}) == {key: value}


@pytest.mark.parametrize(("text", "value"), [
    ("回鄉證號碼H65149337，请核对", "H65149337"),
    ("台胞證94544225已登记", "94544225"),
    ("Home return permit no. M12345678", "M12345678"),
    ("外国人永久居留身份证号码 911840199010243518", "911840199010243518"),
    ("旧版证件号 GBR119010246563", "GBR119010246563"),
])
def test_permits_and_permanent_residence_ids_are_masked(text: str, value: str) -> None:
    from seamguard.privacy.regional_ids import foreigner_id_valid

    if text.startswith("外国人"):
        assert foreigner_id_valid(value)
    assert value not in mask_text(text)


@pytest.mark.parametrize("text", [
    "order ORD202612060001 shipped", "code ABC119913456789 (no country)",
    "批次 USA209913320001", "tracking 912345678901234567 scanned",
])
def test_codes_shaped_like_residence_ids_are_kept(text: str) -> None:
    assert mask_text(text) == text


@pytest.mark.parametrize(("text", "name"), [
    ("收件人姓名“周成”包含非法字符", "周成"),
    ("Name 'Joshua Lawrence' is too long (max 20)", "Joshua Lawrence"),
    ('recipient "Mia Hansen" not reachable', "Mia Hansen"),
])
def test_a_name_an_error_quotes_back_is_masked(text: str, name: str) -> None:
    assert name not in mask_text(text)


@pytest.mark.parametrize("text", ["name 'sku' is required", "Name 'Order Status' unknown",
                                  "客户“满意度”调查"])
def test_a_quoted_field_name_is_kept(text: str) -> None:
    assert mask_text(text) == text


def test_a_json_document_encoded_twice_in_a_query_is_read_by_its_keys() -> None:
    from urllib.parse import quote, unquote, urlencode

    payload = quote(json.dumps({"email": "mia.hansen@example.net", "name": "Mia Hansen"}))
    url = "https://api.example.com/router?" + urlencode({"app": "shop", "payload": payload})
    scrubbed = TrafficScrubber(replacer=Pseudonymizer(b"traces")).url(url)
    opened = unquote(unquote(scrubbed))
    assert "Mia Hansen" not in opened
    assert "mia.hansen" not in opened
    assert "app=shop" in scrubbed


@pytest.mark.parametrize(("media", "text"), [
    ("text/csv", "order_id;receiver;mobile\r\n4200019876543210;Mia Hansen;13812345678\r\n"),
    ("text/tab-separated-values", "订单号\t收货人\t手机\n4200019876543210\t周成\t13812345678\n"),
])
def test_csv_with_another_delimiter_is_read_by_its_header(media: str, text: str) -> None:
    out = TrafficScrubber().text_body(text, media)
    assert "Mia Hansen" not in out
    assert "周成" not in out
    assert "13812345678" not in out
    assert "4200019876543210" in out  # the order id kept, the delimiter too
    assert out.count(";") == text.count(";")
    assert out.count("\t") == text.count("\t")


def test_websocket_frames_stored_as_a_body_are_read_by_their_keys() -> None:
    frames = ('0{"sid":"kvnqpzasEFtoIkrWJqWu","pingInterval":25000}\n'
              '42["order:update",{"orderId":"4200019876543210","receiver":"周成",'
              '"tel":"13812345678"}]\n'
              "SEND\ndestination:/app/orders\ncontent-type:application/json\n\n"
              '{"customer":"Joshua Lawrence","email":"mia@example.net"}\x00')
    for out in (mask_text(frames),
                TrafficScrubber().text_body(frames, "text/plain; charset=utf-8")):
        for value in ("周成", "13812345678", "Joshua Lawrence", "mia@example.net"):
            assert value not in out
        assert "4200019876543210" in out
        assert "destination:/app/orders" in out
        assert out.endswith("\x00")
    assert mask_text('42["chat",{"name":"Joshua Lawrence","tel":"13812345678"}]').startswith(
        '42["chat"')


def _b64(text: str, *, urlsafe: bool = False) -> str:
    import base64

    return (base64.urlsafe_b64encode if urlsafe else base64.b64encode)(text.encode()).decode()


def test_a_form_wrapped_in_base64_is_read_by_its_names() -> None:
    from urllib.parse import urlencode

    form = urlencode({"receiver_name": "周成", "receiver_phone": "13812345678", "sku": "SKU-1"})
    scrubbed, _ = _scrub({"payload": _b64(form), "id": "5f8d0a3e9b1e2c0017a4b6c9"})
    import base64

    opened = base64.b64decode(scrubbed["payload"]).decode()
    assert "13812345678" not in opened
    assert "receiver_name=" in opened
    assert "sku=SKU-1" in opened
    assert scrubbed["id"] == "5f8d0a3e9b1e2c0017a4b6c9"


def test_claims_in_a_dotted_token_that_is_no_jwt_are_scrubbed_and_a_jwt_stays_a_secret() -> None:
    claims = _b64(json.dumps({"buyer": "Joshua Lawrence", "email": "mia@example.net"}),
                  urlsafe=True).rstrip("=")
    signature = "uUUfwaV6ey4zqsvzj2b9AYXn3HPPMYDYZAc7XZiJPvI"
    header = _b64(json.dumps({"alg": "RS256", "typ": "JWT"}), urlsafe=True).rstrip("=")
    scrubbed, _ = _scrub({"state": f"{claims}.{signature}", "ref": f"v1.{claims}.{signature}",
                          "credential": f"{header}.{claims}.{signature}"})
    for key in ("state", "ref"):
        assert "Joshua" not in mask_text(scrubbed[key])
        assert scrubbed[key].endswith(signature)
        assert claims not in scrubbed[key]
    assert "<redacted>" in scrubbed["credential"]


def test_a_protobuf_wrapper_means_what_its_key_says() -> None:
    record = {"recipient": {"displayName": {"value": "黄桂兰"}, "phone": "13812345678",
                            "postalAddress": {"recipients": ["黄桂兰"]}},
              "labels": {"value": "WH-SZ-03"}}
    for out in (mask_value(record), _scrub(record)[0]):
        assert "黄桂兰" not in json.dumps(out, ensure_ascii=False)
        assert out["labels"] == {"value": "WH-SZ-03"}


def test_a_customer_holding_a_document_is_named() -> None:
    assert "周成" not in mask_text("客户周成持香港身份證，请核对")


def test_a_file_name_is_read_as_the_words_it_is_made_of() -> None:
    boundary = "----B"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="id_front"; '
            f'filename="周成_13912345678_身份证正面.jpg"\r\nContent-Type: image/jpeg\r\n\r\nx\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="p"; '
            f"filename*=UTF-8''Joshua%20Lawrence%20passport.pdf\r\n"
            f"Content-Type: application/pdf\r\n\r\nx\r\n"
            f'--{boundary}\r\nContent-Disposition: form-data; name="f"; '
            f'filename="Sales_Report_2024.xlsx"\r\nContent-Type: application/pdf\r\n\r\nx\r\n'
            f"--{boundary}--\r\n")
    out = TrafficScrubber(replacer=Pseudonymizer(b"traces")).text_body(
        body, f"multipart/form-data; boundary={boundary}")
    for value in ("周成", "13912345678", "Joshua", "Lawrence"):
        assert value not in out
    assert "_身份证正面.jpg" in out
    assert "%20passport.pdf" in out
    assert 'filename="Sales_Report_2024.xlsx"' in out


def test_a_latin_name_in_a_row_beside_a_phone_is_masked() -> None:
    rows = [[100917, "XSDD000918", "Joshua Lawrence", "+1 415 555 2671", "2026-12-06"],
            [100918, "XSDD000919", "Acme Trading Co", "+1 415 555 2672", "2026-12-06"],
            ["SKU-1", "Blue Steel", 3]]
    masked = mask_value(rows)
    assert "Joshua Lawrence" not in json.dumps(masked)
    assert masked[1][2] == "Acme Trading Co"
    assert masked[2] == ["SKU-1", "Blue Steel", 3]


def test_base64_json_with_a_plus_in_a_query_is_read_as_base64() -> None:
    import base64
    from urllib.parse import parse_qs, quote, urlsplit

    # (the note's character puts a `+` between two digits of the base64 text: "444+0")
    record = {"destName": "박미숙", "destPhone": "010-0980-9365", "note": "x\u33f4"}
    blob = base64.b64encode(json.dumps(record, ensure_ascii=False).encode()).decode()
    assert "4+0" in blob
    url = f"https://api.example.com/gw?payload={quote(blob, safe='')}&v=1"
    scrubbed = TrafficScrubber(replacer=Pseudonymizer(b"traces")).url(url)
    payload = parse_qs(urlsplit(scrubbed).query)["payload"][0]
    opened = base64.b64decode(payload).decode()
    assert "박미숙" not in opened
    assert "0980-9365" not in opened
    assert json.loads(opened)["note"] == "x\u33f4"


@pytest.mark.parametrize(("text", "kept"), [
    ("login from 8.8.4.4 failed", False),
    ("order placed from 117.186.153.208", False),
    ("buyer connected from 117.186.153.208", False),
    ("response from 8.8.8.8 took 3s", True),
    ("redirected from 1.1.1.1", True),
])
def test_from_names_an_ip_only_after_what_a_customer_does(text: str, kept: bool) -> None:
    assert (mask_text(text) == text) is kept


def test_a_real_plate_is_rarely_taken_for_a_pseudonym() -> None:
    assert not own_plate("沪D07439")  # passed the one-digit check
    rng = random.Random(5)
    plates = [rng.choice("粤京沪") + rng.choice("ABCDE") + rng.choice(["", "D", "F"])
              + "".join(rng.choice("0123456789") for _ in range(5)) for _ in range(5000)]
    assert sum(own_plate(plate) for plate in plates) < 20  # about 1 in 1,000
    pseudonyms = Pseudonymizer(b"plates")
    for plate in ("沪D07439", "粤B12345", "京A·D12345", "粤CD88290"):
        fake = pseudonyms.replace(Kind.PLATE, plate)
        assert fake != plate
        assert own_plate(fake)
        assert pseudonyms.is_own(Kind.PLATE, fake)
