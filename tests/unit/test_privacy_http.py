"""Recorded traffic: every URL, header and body kind is scrubbed, and bodies stay well-formed."""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, quote_plus, urlsplit

import brotli
import httpx
import pytest
import vcr

from seamguard.privacy import REDACTED, TrafficScrubber, vcr_hooks
from seamguard.privacy.mask import Masker
from seamguard.recordings.bodies import decode_body

MASKS = TrafficScrubber(replacer=Masker())
PHONE, EMAIL, NAME = "13812345678", "zhangwei@example.com", "张伟"
ADDRESS = "上海市浦东新区张江镇碧波路690号"


def _clean(text: str) -> None:
    for value in (PHONE, "1234 5678", EMAIL, "zhangwei%40", NAME, "碧波路690"):
        assert value not in text, value


# --- URLs ---------------------------------------------------------------------------------------


def test_query_parameters_are_scrubbed_by_name_and_content() -> None:
    url = (f"https://api.example.cn/orders?access_token=abcDEF123456&email={quote(EMAIL)}"
           f"&phone={PHONE}&limit=10&order_id=5829461287001&sign=0A1B2C")
    scrubbed = MASKS.url(url)
    _clean(scrubbed)
    assert "access_token=<redacted>" in scrubbed
    assert "sign=<redacted>" in scrubbed
    assert "limit=10" in scrubbed
    assert "order_id=5829461287001" in scrubbed
    assert MASKS.url(scrubbed) == scrubbed


def test_path_segments_and_userinfo() -> None:
    # with a password beside it, the user name is half of the credential
    assert MASKS.url("https://user:pw@host/x") == "https://<redacted>:<redacted>@host/x"
    shopify_private_app = "https://4f1c2a9d8e7b6a5c4d3e2f1a0b9c8d7e:shppa_x@shop.example/admin"
    assert "4f1c2a9d" not in MASKS.url(shopify_private_app)
    by_email = "https://api.hubapi.com/crm/v3/objects/contacts/lina%40example.com?idProperty=email"
    assert MASKS.url(by_email) == (
        "https://api.hubapi.com/crm/v3/objects/contacts/l***@example.com?idProperty=email")
    by_id = "https://api.hubapi.com/crm/v3/objects/deals/19823400101?idProperty=order_id"
    assert MASKS.url(by_id) == by_id
    plain = "https://sfapi.sf-express.com/api/v1/routes/SF1234567890123?checkPhoneNo=5678"
    assert MASKS.url(plain) == plain
    _clean(MASKS.url(f"https://x.example/users/{quote(EMAIL)}/orders"))
    _clean(MASKS.url(f"https://x.example/users/{quote('+86 ' + PHONE)}"))


# --- headers ------------------------------------------------------------------------------------


def test_secret_headers_are_redacted_and_others_scrubbed_by_content() -> None:
    headers = MASKS.headers({
        "Authorization": ["Bearer pat-na1-6f2c1e3a-8b4d-4c7e-9a1f-2d3e4f5a6b7c"],
        "Api-Key": "k-9f8e7d6c5b4a", "X-Partner-Key": "Zx81kLm02PqR7sTu", "Cookie": ["a=1", "b=2"],
        "Set-Cookie": "session=abc; Path=/", "X-Signature": "c2lnbmF0dXJl",
        "Location": "https://app.example.cn/cb?access_token=abcDEF123456&state=1",
        "Referer": f"https://shop.example.cn/account?email={quote_plus(EMAIL)}",
        "From": EMAIL, "X-Request-Id": "550e8400-e29b-41d4-a716-446655440000",
        "Idempotency-Key": "550e8400-e29b-41d4-a716-446655440001",
        "Content-Type": "application/json",
    })
    assert headers["Authorization"] == ["Bearer <redacted>"]
    for name in ("Api-Key", "X-Partner-Key", "Set-Cookie", "X-Signature"):
        assert headers[name] == REDACTED, name
    assert headers["Cookie"] == [REDACTED, REDACTED]
    assert headers["Location"] == "https://app.example.cn/cb?access_token=<redacted>&state=1"
    _clean(json.dumps(headers, ensure_ascii=False))
    assert headers["X-Request-Id"] == "550e8400-e29b-41d4-a716-446655440000"
    assert headers["Idempotency-Key"] == "550e8400-e29b-41d4-a716-446655440001"
    assert MASKS.headers(headers) == headers


@pytest.mark.parametrize("name", [
    "x-csrftoken", "X-CSRFToken", "x-xsrf-token", "x-authtoken", "x-apisecret",
    "x-sessiontoken", "x-amz-security-token"])
def test_credential_headers_are_redacted_whatever_their_case(name: str) -> None:
    # httpx and vcrpy store header names lower-cased: `X-CSRFToken` arrives as `x-csrftoken`.
    assert MASKS.headers({name: "walkthrough-csrf-7Hq2"}) == {name: REDACTED}


@pytest.mark.parametrize("name", ["nextpagetoken", "x-synctoken", "x-request-id"])
def test_headers_that_only_look_like_credentials_are_kept(name: str) -> None:
    assert MASKS.headers({name: "p2"}) == {name: "p2"}


def test_a_django_csrf_form_field_is_redacted() -> None:
    scrubbed, _ = _body(b"csrfmiddlewaretoken=Zq81kLm02PqR7sTu&title=tea",
                        "application/x-www-form-urlencoded")
    assert scrubbed is not None
    assert "Zq81kLm02PqR7sTu" not in str(scrubbed)
    assert "title=tea" in str(scrubbed)


# --- bodies -------------------------------------------------------------------------------------


def _body(body: bytes, content_type: str,
          **extra: str) -> tuple[bytes | str | None, dict[str, Any]]:
    headers: dict[str, Any] = {"Content-Type": [content_type], "Content-Length": [str(len(body))],
                               **{k: [v] for k, v in extra.items()}}
    scrubbed = MASKS.body(body, headers)
    return scrubbed, headers


def test_json_documents_inside_strings_stay_valid_json() -> None:
    inner = json.dumps({"contactInfoList": [{"contact": NAME, "mobile": PHONE,
                                             "address": ADDRESS}]}, ensure_ascii=False)
    body = json.dumps({"serviceCode": "EXP_RECE_CREATE_ORDER", "msgData": inner,
                       "360buy_param_json": json.dumps({"receiver": {"mobile": PHONE}}),
                       "apiResultData": json.dumps({"success": True, "remark": f"电话{PHONE}"},
                                                   ensure_ascii=False)},
                      ensure_ascii=False).encode()
    scrubbed, headers = _body(body, "application/json")
    assert isinstance(scrubbed, bytes)
    outer = json.loads(scrubbed)
    for key in ("msgData", "360buy_param_json", "apiResultData"):
        json.loads(outer[key])
    _clean(scrubbed.decode())
    assert headers["Content-Length"] == [str(len(scrubbed))]


def test_form_bodies_scrub_every_parameter() -> None:
    body = (f"grant_type=password&username={quote_plus(EMAIL)}&password=s3cr3t&app_secret=abc"
            f"&sign=ABCDEF&msgData={quote_plus(json.dumps({'tel': PHONE}))}&page=2").encode()
    scrubbed, _ = _body(body, "application/x-www-form-urlencoded")
    assert isinstance(scrubbed, bytes)
    text = scrubbed.decode()
    _clean(text)
    for name in ("password", "app_secret", "sign"):
        assert f"{name}=<redacted>" in text
    assert text.startswith("grant_type=password&")
    assert text.endswith("&page=2")


def test_form_values_percent_encoded_in_gbk() -> None:
    body = f"receiver_name={quote_plus(NAME, encoding='gbk')}&remark=ok".encode()
    scrubbed, _ = _body(body, "application/x-www-form-urlencoded; charset=GBK")
    assert isinstance(scrubbed, bytes)
    assert quote_plus(NAME, encoding="gbk") not in scrubbed.decode()


@pytest.mark.parametrize("charset", ["GBK", "GB18030", "gb2312", "Big5"])
def test_bodies_in_national_charsets_are_decoded_scrubbed_and_re_encoded(charset: str) -> None:
    document = {"buyer_name": "李娜" if charset != "Big5" else "陳傑", "note": f"电话 {PHONE}",
                "remark": "收件人：王芳"}  # noqa: RUF001
    if charset == "Big5":
        document["note"] = f"電話 {PHONE}"
        document["remark"] = "收件人：陳美玲"  # noqa: RUF001
    body = json.dumps(document, ensure_ascii=False).encode(charset)
    scrubbed, headers = _body(body, f"application/json; charset={charset}")
    assert isinstance(scrubbed, bytes)
    text, problem = decode_body(scrubbed, {"content-type": headers["Content-Type"][0]}, 1 << 20)
    assert problem is None
    assert text is not None
    result = json.loads(text)
    assert PHONE not in text
    for key in ("buyer_name", "remark"):
        assert result[key] != document[key]


def test_a_gbk_body_without_charset_is_detected() -> None:
    body = json.dumps({"收件人": NAME, "地址": ADDRESS, "备注": "请工作日送货，谢谢"},  # noqa: RUF001
                      ensure_ascii=False).encode("gbk")
    scrubbed, _ = _body(body, "application/json")
    assert isinstance(scrubbed, bytes)
    text = scrubbed.decode("gb18030")
    _clean(text)


def test_xml_text_nodes_and_attributes() -> None:
    body = (f'<?xml version="1.0" encoding="UTF-8"?><Request service="OrderService">'
            f'<Order orderid="SG1001" j_mobile="{PHONE}" j_contact="{NAME}">'
            f"<d_address>{ADDRESS}</d_address><remark>电话 {PHONE}</remark>"
            f'<field name="email" value="{EMAIL}"/><![CDATA[{{"tel": "{PHONE}"}}]]>'
            f"</Order><checkword>abc123def</checkword></Request>").encode()
    scrubbed, _ = _body(body, "application/xml")
    assert isinstance(scrubbed, bytes)
    text = scrubbed.decode()
    _clean(text)
    assert 'orderid="SG1001"' in text
    assert "<checkword>&lt;redacted&gt;</checkword>" in text
    import xml.etree.ElementTree as ET

    ET.fromstring(text)  # still well-formed


# SF's XML-mode route push: the XML document sits in a form field, a JSON string or a query.
_PUSH = (f'<Request service="RoutePushService" lang="zh-CN"><Body><WaybillRoute id="a51f9d5" '
         f'mailno="SF1462053916511" acceptTime="2024-07-05 12:00:00" acceptAddress="深圳市" '
         f'j_contact="{NAME}" remark="派送中"/><consignee>{NAME}</consignee></Body></Request>')


def _xml_inside(text: str) -> str:
    assert NAME not in text
    assert 'mailno="SF1462053916511"' in text  # the rest of the document as it was
    import xml.etree.ElementTree as ET

    ET.fromstring(text)  # still well-formed
    return text


def test_xml_inside_a_form_field_a_json_string_and_a_query_is_scrubbed_by_structure() -> None:
    hits: list[Any] = []
    traffic = TrafficScrubber(replacer=Masker(), on_hit=hits.append)
    form = traffic.text_body(f"content={quote_plus(_PUSH)}&partnerID=P1",
                             "application/x-www-form-urlencoded")
    _xml_inside(parse_qs(form)["content"][0])
    body = traffic.text_body(json.dumps({"msgData": _PUSH}), "application/json")
    _xml_inside(json.loads(body)["msgData"])
    url = traffic.url(f"https://hooks.example.cn/push?xml={quote(_PUSH)}")
    _xml_inside(parse_qs(urlsplit(url).query)["xml"][0])
    places = {hit.pointer for hit in hits if hit.value == NAME}
    assert {"body/content/Request/Body/consignee", "/msgData/Request/Body/consignee",
            "url/xml/Request/Body/consignee", "url/xml/Request/Body/WaybillRoute/@j_contact"
            } <= places, places


def test_a_key_naming_a_secret_or_a_kind_decides_before_markup() -> None:
    assert NAME not in MASKS.scrubber.text(f"<b>{NAME}</b>", "receiver_name")
    assert MASKS.scrubber.text("<aK9>Zq7Lm2XpW4rT8vB3nC6yD1fG5hJ0", "signing_key") == REDACTED
    assert PHONE not in MASKS.scrubber.text(f"<b>{PHONE}</b>", "mobile")


@pytest.mark.parametrize("text", [f"<{PHONE}>", f"<{NAME}> {PHONE}",
                                  f"<Request><consignee>{NAME}</consignee><Body>{PHONE}"])
def test_text_that_only_looks_like_markup_is_still_scrubbed(text: str) -> None:
    scrubbed = MASKS.scrubber.text(text, "content")
    assert PHONE not in scrubbed
    if "consignee" in text:  # cut off: still read by its structure
        assert NAME not in scrubbed


def test_text_and_multipart_bodies() -> None:
    scrubbed, _ = _body(f"客户 {NAME} 的电话是 {PHONE}".encode(), "text/plain; charset=utf-8")
    assert isinstance(scrubbed, bytes)
    assert PHONE not in scrubbed.decode()
    boundary = "XyZ"
    disposition = "Content-Disposition: form-data; name="
    multipart = (f"--{boundary}\r\n{disposition}\"password\"\r\n\r\nhunter22\r\n"
                 f"--{boundary}\r\n{disposition}\"note\"\r\n\r\n"
                 f"call {PHONE}\r\n--{boundary}--\r\n").encode()
    scrubbed, _ = _body(multipart, f"multipart/form-data; boundary={boundary}")
    assert isinstance(scrubbed, bytes)
    assert b"hunter22" not in scrubbed
    assert PHONE.encode() not in scrubbed
    assert scrubbed.count(f"--{boundary}".encode()) == 3


def test_gzip_and_deflate_bodies_are_inflated_then_scrubbed() -> None:
    raw = json.dumps({"email": EMAIL}).encode()
    for encoding, packed in (("gzip", gzip.compress(raw)), ("deflate", zlib.compress(raw))):
        scrubbed, headers = _body(packed, "application/json", **{"Content-Encoding": encoding})
        # the replaced value is written back into the document, which keeps its layout
        assert scrubbed == b'{"email": "z***@example.com"}'
        assert "Content-Encoding" not in headers
        assert headers["Content-Length"] == [str(len(scrubbed))]


def test_every_member_of_a_multi_member_gzip_body_is_inflated_then_scrubbed() -> None:
    # RFC 1952 allows several members; a concatenating server sends the record in the second.
    first = gzip.compress(b'{"orders": [{"id": 1}, ')
    second = gzip.compress(json.dumps({"email": EMAIL, "phone": PHONE}).encode() + b"]}")
    scrubbed, headers = _body(first + second + b"\0\0", "application/json",
                              **{"Content-Encoding": "gzip"})
    assert isinstance(scrubbed, bytes)
    assert EMAIL.encode() not in scrubbed
    assert PHONE.encode() not in scrubbed
    assert scrubbed.startswith(b'{"orders": [{"id": 1}, {"email": "z***@example.com"')
    assert "Content-Encoding" not in headers


def test_stacked_codings_are_undone_in_reverse_order() -> None:
    raw = json.dumps({"email": EMAIL}).encode()
    scrubbed, _ = _body(zlib.compress(gzip.compress(raw)), "application/json",
                        **{"Content-Encoding": "gzip, deflate"})
    assert scrubbed == b'{"email": "z***@example.com"}'


def test_multi_member_bodies_stay_within_the_byte_limit() -> None:
    member = gzip.compress(b"0" * (40 * 1_048_576))
    scrubbed, _ = _body(member * 3, "application/json", **{"Content-Encoding": "gzip"})
    assert isinstance(scrubbed, bytes)
    assert scrubbed.startswith(b"<redacted: body inflates to over")


def test_garbage_after_a_gzip_member_is_not_stored() -> None:
    body = gzip.compress(b'{"a": 1}') + f"call {PHONE}".encode()
    scrubbed, _ = _body(body, "application/json", **{"Content-Encoding": "gzip"})
    assert isinstance(scrubbed, bytes)
    assert scrubbed.startswith(b"<redacted: ")
    assert PHONE.encode() not in scrubbed


@pytest.mark.parametrize("encoding", ["br", "gzip, br", "br, deflate"])
def test_brotli_bodies_are_decoded_and_scrubbed(encoding: str) -> None:
    data = json.dumps({"email": EMAIL}).encode()
    for coding in encoding.split(", "):
        data = {"br": brotli.compress, "gzip": gzip.compress, "deflate": zlib.compress}[coding](
            data)
    scrubbed, headers = _body(data, "application/json", **{"Content-Encoding": encoding})
    assert scrubbed == b'{"email": "z***@example.com"}'
    assert "Content-Encoding" not in headers  # stored decoded, like gzip
    assert headers["Content-Length"] == [str(len(scrubbed))]


@pytest.mark.parametrize("encoding", ["br", "gzip, br", "br, gzip"])
def test_brotli_bombs_become_a_placeholder(encoding: str) -> None:
    data = b"0" * (256 << 20)
    for coding in encoding.split(", "):
        data = brotli.compress(data, quality=5) if coding == "br" else gzip.compress(data)
    scrubbed, _ = _body(data, "application/json", **{"Content-Encoding": encoding})
    assert isinstance(scrubbed, bytes)
    assert scrubbed.startswith(b"<redacted: body inflates to over")


def test_a_false_brotli_claim_becomes_a_placeholder_saying_why() -> None:
    scrubbed, _ = _body(f"call {PHONE}".encode(), "application/json",
                        **{"Content-Encoding": "br"})
    assert isinstance(scrubbed, bytes)
    assert scrubbed.startswith(b"<redacted: ")
    assert b"br" in scrubbed
    assert PHONE.encode() not in scrubbed


def test_bodies_that_cannot_be_read_become_a_placeholder() -> None:
    bomb = gzip.compress(b"0" * (80 * 1_048_576))
    scrubbed, headers = _body(bomb, "application/json", **{"Content-Encoding": "gzip"})
    assert isinstance(scrubbed, bytes)
    assert scrubbed.startswith(b"<redacted: body inflates to over")
    assert headers["Content-Type"] == ["text/plain; charset=utf-8"]
    for body, content_type, extra in ((b"\x1f\x8bnot gzip", "application/json",
                                       {"Content-Encoding": "gzip"}),
                                      (b"compressed", "application/json",
                                       {"Content-Encoding": "br"}),
                                      (bytes(range(256)) * 8, "application/octet-stream", {})):
        scrubbed, _ = _body(body, content_type, **extra)
        assert isinstance(scrubbed, bytes)
        assert scrubbed.startswith(b"<redacted: ")
    assert len(MASKS.notes) >= 4


def test_deep_json_falls_back_to_text_scrubbing() -> None:
    body = ("[" * 200_000 + f'"{PHONE}"' + "]" * 200_000).encode()
    scrubbed, _ = _body(body, "application/json")
    assert isinstance(scrubbed, bytes)
    assert PHONE.encode() not in scrubbed


# --- vcrpy hooks --------------------------------------------------------------------------------


def _shop(request: httpx.Request) -> httpx.Response:
    payload = {"order": {"id": 5829461287001, "note": f"联系人：{NAME} {PHONE}",  # noqa: RUF001
                         "buyer_email": EMAIL, "full_address": ADDRESS}}
    return httpx.Response(200, headers={"Set-Cookie": "sid=abc", "Content-Encoding": "gzip",
                                        "Content-Type": "application/json"},
                          content=gzip.compress(json.dumps(payload, ensure_ascii=False).encode()))


def test_vcr_hooks_record_nothing_personal(tmp_path: Path) -> None:
    recorder = vcr.VCR(**vcr_hooks(key=b"test-key", secrets=("tok_1234567890abcdef",)))
    cassette = tmp_path / "shop.yaml"
    with recorder.use_cassette(str(cassette)), httpx.Client(
            transport=httpx.MockTransport(_shop)) as client:
        response = client.post(f"https://shop.example.cn/orders?email={quote(EMAIL)}",
                               json={"receiver_mobile": PHONE, "password": "pw"},
                               headers={"Authorization": "Bearer tok_1234567890abcdef"})
        assert response.json()["order"]["buyer_email"] == EMAIL  # the live answer is untouched
    text = cassette.read_text("utf-8")
    _clean(text)
    assert "tok_1234567890abcdef" not in text
    assert "sid=abc" not in text
    assert "5829461287001" in text



# --- people named by their role -------------------------------------------------------------


@pytest.mark.parametrize(("key", "name"), [
    ("Buyer", "王建国"), ("customer", "Emily Carter"), ("receiver", "欧阳娜娜"),
    ("客户", "李娜"), ("consignee", "陈晓明"), ("shipper", "Ahmed Khan"),
])
def test_a_name_under_a_role_key_is_a_name_in_json_and_xml(key: str, name: str) -> None:
    body = json.dumps({"order": {key: name, "tid": "2024071012345678"}}, ensure_ascii=False)
    scrubbed = MASKS.text_body(body, "application/json")
    assert name not in scrubbed
    assert "2024071012345678" in scrubbed
    xml = f"<Order><{key}>{name}</{key}><Qty>2</Qty></Order>"
    assert name not in MASKS.text_body(xml, "application/xml")


@pytest.mark.parametrize(("key", "value"), [
    ("customer", "cus_NffrFeUfNV2Hib"), ("customer", "gid://shopify/Customer/7460231900001"),
    ("buyer", "buyer_open_uid_AAH3xU"), ("member", "GOLD"), ("customer_id", "7460231900001"),
])
def test_ids_under_a_role_key_are_kept(key: str, value: str) -> None:
    body = json.dumps({key: value})
    assert value in MASKS.text_body(body, "application/json")


@pytest.mark.parametrize("text", [
    "客户 王建国 电话未接通", "收货人张伟，请尽快发货", "买家：欧阳娜娜 备注：周末送",  # noqa: RUF001
])
def test_a_name_after_a_role_word_in_free_text(text: str) -> None:
    scrubbed = MASKS.text_body(json.dumps({"note": text}, ensure_ascii=False),
                               "application/json")
    for name in ("王建国", "张伟", "欧阳娜娜"):
        assert name not in scrubbed


@pytest.mark.parametrize("text", ["客户 满意度很高", "客户反馈：包装破损",  # noqa: RUF001
                                  "会员 积分已到账"])
def test_role_words_before_ordinary_words_stay(text: str) -> None:
    body = json.dumps({"note": text}, ensure_ascii=False)
    assert json.loads(MASKS.text_body(body, "application/json"))["note"] == text


@pytest.mark.parametrize("name", ["Dr. Matthew Lowe", "Prof. Anna Meier", "Lowe, Matthew",
                                  "Ludwig van Beethoven", "Mary-Jane O'Neil"])
def test_a_plain_name_beside_contact_data_is_replaced_however_it_is_written(name: str) -> None:
    # A speaker list as a conference system answers it: `name` beside `email`.
    from seamguard.privacy.pseudonym import Pseudonymizer

    body = json.dumps({"results": [{"code": "39BMTB", "name": name,
                                    "email": "m.lowe@gmail.com"}]}).encode()
    scrubber = TrafficScrubber(replacer=Pseudonymizer(b"test-key"))
    out = json.loads(scrubber.body(body, {"content-type": "application/json"}))
    assert out["results"][0]["name"] != name
    assert out["results"][0]["code"] == "39BMTB"
    # And the pseudonym is recognised: scrubbing again changes nothing.
    again = scrubber.body(json.dumps(out).encode(), {"content-type": "application/json"})
    assert json.loads(again) == out


def test_punctuation_after_a_url_in_prose_stays_prose() -> None:
    from seamguard.privacy.guard import mask_text

    text = ("did you mean --base-url http://127.0.0.1:8000/api/v1? Or (see "
            "https://shop.example.com/orders?access_token=abc123secret).")
    masked = mask_text(text)
    assert "http://127.0.0.1:8000/api/v1? Or (see" in masked
    assert masked.endswith(").")
    assert "abc123secret" not in masked


def test_credentials_and_addresses_that_free_text_spells_oddly() -> None:
    # a challenge naming the rejected token, a fragment after a redacted token, a part's file name
    challenge = MASKS.header("WWW-Authenticate",
                             'Bearer realm="api", error="invalid_token", token="abcDEF123456xyz"')
    assert "abcDEF123456xyz" not in challenge
    fragment = MASKS.url(f"https://x.example/cb#access_token=abcDEF123456&email={EMAIL}")
    _clean(fragment)
    assert "access_token=<redacted>" in fragment
    _clean(MASKS.text_body(f"see https://x.example/?e={quote(EMAIL)} for details", "text/plain"))
    boundary = "b0undary"
    multipart = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"f\"; "
                 f"filename=\"{PHONE}.xlsx\"\r\nContent-Type: text/plain\r\n\r\nok\r\n"
                 f"--{boundary}--\r\n")
    scrubbed = MASKS.text_body(multipart, f"multipart/form-data; boundary={boundary}")
    _clean(scrubbed)
    assert 'name="f"' in scrubbed


def test_a_duplicated_key_inside_embedded_json_never_keeps_its_hidden_value() -> None:
    # SF's msgData or JD's 360buy_param_json written twice under one key: json keeps the last
    inner = f'{{"mobile":"{PHONE}","mobile":"x"}}'
    scrubbed, _ = _body(json.dumps({"msgData": inner}).encode(), "application/json")
    assert isinstance(scrubbed, bytes)
    _clean(scrubbed.decode())
    assert json.loads(json.loads(scrubbed)["msgData"]) == {"mobile": "x"}
    from seamguard.privacy import Scrubber

    found: list[Any] = []
    Scrubber(replacer=Masker(), on_hit=found.append).text(inner)
    assert [hit.value for hit in found] == [PHONE]  # a scan still reports what the text held


def test_csv_exports_are_scrubbed_row_by_row_with_their_header_as_keys() -> None:
    export = "name,phone,city\r\n张伟,13812345678,上海市\r\n\"Li, Lei\",021-12345678,北京市\r\n"
    scrubbed = MASKS.text_body(export, "text/csv; charset=utf-8")
    _clean(scrubbed)
    assert "Li, Lei" not in scrubbed
    assert scrubbed.startswith("name,phone,city\r\n")
    assert scrubbed.endswith("北京市\r\n")
    plain = "sku,qty\nA-1,2\n\"B,2\",3"
    assert MASKS.text_body(plain, "text/csv") == plain


@pytest.mark.parametrize("content_type", ["application/json", "text/plain", None])
def test_a_json_body_after_a_byte_order_mark_is_scrubbed_by_its_keys(
        content_type: str | None) -> None:
    document = {"receiver_name": "王小明", "buyer_nick": "t**3",
                "receiver_address": "浙江省杭州市西湖区文三路90号"}
    text = json.dumps(document, ensure_ascii=False)
    scrubbed = MASKS.text_body("\ufeff" + text, content_type)
    assert scrubbed.startswith("\ufeff")  # the body keeps its shape; verify says the mark
    assert json.loads(scrubbed[1:]) == json.loads(MASKS.text_body(text, content_type))
    assert "小明" not in scrubbed
