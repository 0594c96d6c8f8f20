# ruff: noqa: RUF001
"""Values from a corpus written apart from the detectors: vendors' token formats, bare private
keys, Big5 bodies that do not say so, and the ordinary values that must survive beside them."""

from __future__ import annotations

import json

import pytest

from seamguard.privacy import REDACTED, Pseudonymizer, TrafficScrubber, mask_text
from seamguard.privacy.mask import Masker
from seamguard.recordings.bodies import decode

MASKS = TrafficScrubber(replacer=Masker())
PSEUDONYMS = TrafficScrubber(replacer=Pseudonymizer(b"apart"))

# Shapes of the vendors' formats; the characters are random, no real credential.
WHSEC = "whsec_d1iaeOV4qBkdfQ1y3GQsMpSscDlkrCaq"
RSA_PKCS8 = ("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCXP/tKsf2rcDkdfrUnW5gcF+Ha6ili8GjHEAD6/Wj9Kfzjs"
             "QGMrb9h+ImB+LK777pzNk8cL6j5IXAAjlsHUqJoUD/+Ydua+5ZMs1SWOpQaPRYpzbLGViYXjU2")
RSA_PKCS1 = "MIIEpAIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0"
EC_PKCS8 = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgY4s1Kx9Qb7vF3nPq2Lm8ZtR0"
PUBLIC_KEY = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0t"
PEM_BODY = "Akg05rK+gqv81RKMGHZEM9YpvujA/C5Q52ryFlwRlOEVHzc0X0AWIRh/JUqBlIFX"
SLACK_HOOK = ("https://hooks.slack.com/services/TL1ERBFQF/BOEQH3AV9/"
              "A76rNicHTp8hkqdlm7tOtHWn")
AWS_SECRET = "3QlY7Zkuvqdt7s8Stqcbnr3yBdGBLEPH1qhT61qt"
SESSION = "241911a73ba097c217519b47560a3c09"


@pytest.mark.parametrize("secret", [WHSEC, RSA_PKCS8, RSA_PKCS1, EC_PKCS8])
@pytest.mark.parametrize("template", ["{}", "备注{}。", "key={}", '{{"cfg": "{}"}}'])
def test_vendor_secrets_are_found_by_content(secret: str, template: str) -> None:
    text = template.format(secret)
    for scrubbed in (mask_text(text), PSEUDONYMS.text_body(text, "text/plain")):
        assert secret[8:24] not in scrubbed, scrubbed
        assert REDACTED in scrubbed


def test_a_public_key_is_no_secret() -> None:
    assert mask_text(f"alipay_public_cert: {PUBLIC_KEY}") == f"alipay_public_cert: {PUBLIC_KEY}"


def test_a_bare_private_key_in_json_keeps_the_document_valid() -> None:
    body = json.dumps({"merchant": {"k": RSA_PKCS8[:40] + "\n" + RSA_PKCS8[40:]}, "n": 1})
    scrubbed = PSEUDONYMS.body(body.encode(), {"Content-Type": ["application/json"]})
    assert isinstance(scrubbed, bytes)
    assert json.loads(scrubbed)["merchant"]["k"] == REDACTED
    assert json.loads(scrubbed)["n"] == 1


@pytest.mark.parametrize("text", [
    f"-----BEGIN PRIVATE KEY-----\n{PEM_BODY}",  # cut short: no END line
    f'{{"k": "-----BEGIN RSA PRIVATE KEY-----\\n{PEM_BODY}\\n{PEM_BODY}"}}',
])
def test_a_private_key_without_its_end_line_is_still_a_secret(text: str) -> None:
    assert PEM_BODY[:20] not in mask_text(text)


def test_a_slack_webhook_is_a_secret_in_text_in_urls_and_in_headers() -> None:
    secret_part = SLACK_HOOK.rsplit("/", 1)[1]
    assert secret_part not in mask_text(f"posting to {SLACK_HOOK} failed")
    assert secret_part not in PSEUDONYMS.url(SLACK_HOOK)
    assert PSEUDONYMS.url(SLACK_HOOK).startswith("https://hooks.slack.com/")
    headers = PSEUDONYMS.headers({"Referer": [SLACK_HOOK]})
    assert secret_part not in json.dumps(headers)
    # a URL of another host that merely says "services" keeps its path
    plain = "https://api.example.com/services/orders/SF1234567890123"
    assert PSEUDONYMS.url(plain) == plain


@pytest.mark.parametrize("text", [
    f"Cookie: sid={SESSION}; uid=7",
    f"set-cookie: sid={SESSION}; HttpOnly; Path=/",
    f"aws_secret_access_key={AWS_SECRET}",
    f'{{"db_password_hash": "{AWS_SECRET}"}}',
    f"private_key_pem: {AWS_SECRET}",
])
def test_credentials_written_into_a_text_by_their_header_or_snake_case_name(text: str) -> None:
    scrubbed = mask_text(text)
    assert SESSION not in scrubbed
    assert AWS_SECRET not in scrubbed


def test_ordinary_values_beside_the_new_patterns_survive() -> None:
    text = ("order 5829461287001 waybill SF1234567890123 sku MII-2024-RED paid 199.00 at "
            "2024-07-10T10:00:00+08:00; token_type=bearer; cookie policy accepted")
    assert mask_text(text) == text


@pytest.mark.parametrize("content_type", ["text/plain", "application/json"])
def test_a_big5_body_without_charset_is_read_as_big5(content_type: str) -> None:
    phone, name = "18620246633", "陳秀玉"
    text = f"客戶備註：{phone}，請儘快發貨" if content_type == "text/plain" else json.dumps(
        {"備註": f"收件人：{name}，電話{phone}"}, ensure_ascii=False)
    headers = {"Content-Type": [content_type]}
    scrubbed = PSEUDONYMS.body(text.encode("big5"), headers)
    assert isinstance(scrubbed, bytes)
    assert phone.encode() not in scrubbed
    assert name.encode("big5") not in scrubbed
    # written back in Big5, or in UTF-8 (said in the header) when a pseudonym is not in Big5
    decoded = decode(scrubbed, headers["Content-Type"][0])
    assert decoded is not None
    assert "備註" in decoded.text
    assert name not in decoded.text


# --- values encoded twice, labels glued to the number -----------------------------------------

PHONE, NAME, EMAIL = "19984212661", "王淑兰", "DAVIS.ROGER+orders@EXAMPLE-SHOP.COM"


@pytest.mark.parametrize("value", [f"+86-{PHONE}", f"(+86){PHONE}", f"86 {PHONE}", EMAIL])
def test_query_and_form_values_percent_encoded_twice_are_scrubbed(value: str) -> None:
    from urllib.parse import quote, quote_plus

    twice = quote(quote(value, safe=""), safe="")
    url = f"https://api.example.com/v1/search?q={twice}&page=2"
    for scrubbed in (PSEUDONYMS.url(url), mask_text(f"GET {url} failed")):
        assert PHONE not in scrubbed
        assert "DAVIS" not in scrubbed.upper().replace("%25", "%")
        assert "page=2" in scrubbed
    form = f"receiver_name={quote_plus(quote_plus(NAME))}&note={quote_plus(quote_plus(value))}"
    scrubbed_form = PSEUDONYMS.body(form.encode(), {
        "Content-Type": ["application/x-www-form-urlencoded"]})
    assert isinstance(scrubbed_form, bytes)
    assert quote_plus(quote_plus(NAME)).encode() not in scrubbed_form
    assert PHONE.encode() not in scrubbed_form
    # a second scrub changes nothing
    assert PSEUDONYMS.url(PSEUDONYMS.url(url)) == PSEUDONYMS.url(url)


def test_ordinary_values_encoded_twice_are_kept() -> None:
    url = ("https://shop.example.cn/cb?next=%252Forders%252F5829461287001%253Fsku%253DSKU-889"
           "&ts=2024-07-10T10%253A00%253A00&waybill=SF1234567890123")
    assert PSEUDONYMS.url(url) == url


@pytest.mark.parametrize("text", ["Tel15087366946", "mobile:15087366946", "TEL.15087366946",
                                  "Fax0571-88219161"])
def test_a_phone_glued_to_its_latin_label(text: str) -> None:
    digits = text.split(":")[-1].lstrip("TELFaxmobile.").replace("-", "")
    assert digits[-8:] not in mask_text(text).replace("-", "")


def test_words_that_start_like_a_label_are_not_labels() -> None:
    text = "telegram 13 items, cellar 2024071012, phones 88219161"
    assert mask_text(text) == text


# --- Hong Kong, Macau and Taiwan -------------------------------------------------------------

@pytest.mark.parametrize("number", ["A123456(3)", "V338750(A)", "AB987654(3)", "1234567(8)",
                                    "A123456789", "F231784566"])
def test_hong_kong_macau_and_taiwan_identity_numbers(number: str) -> None:
    from seamguard.privacy.regional_ids import hkid_valid, taiwan_id_valid

    if number[0].isalpha() and "(" in number:
        letters = number[:number.index("(") - 6]
        assert hkid_valid(letters, number[len(letters):len(letters) + 6], number[-2])
    elif number[0].isalpha():
        assert taiwan_id_valid(number[0], number[1:])
    labelled = ("身份證號碼：{}，謝謝", '{{"zjhm": "{}"}}', "<r sfz='{}'/>", "ID no. {}")
    for template in labelled if "(" not in number or number[0].isdigit() else ("{}", *labelled):
        text = template.format(number)
        assert number not in mask_text(text)
        pseudonym = PSEUDONYMS.text_body(text, "text/plain")
        assert number not in pseudonym
        assert PSEUDONYMS.text_body(pseudonym, "text/plain") == pseudonym  # idempotent


@pytest.mark.parametrize("number", ["A123456(4)", "A123456780", "B0123456789", "A1234567",
                                    "SF1234567890123"])
def test_shapes_that_fail_their_check_stay(number: str) -> None:
    assert mask_text(f"code {number}") == f"code {number}"


def test_taiwan_and_macau_shapes_without_an_identity_word_are_product_codes() -> None:
    assert PSEUDONYMS.scrubber.value({"sku": "A123456789"}) == {"sku": "A123456789"}
    for text in ("款号 A123456789 黑色", "part 1234567(8) x2", '{"model": "F231784566"}'):
        assert mask_text(text) == text


@pytest.mark.parametrize("phone", ["0983-415-673", "0912 345 678"])
def test_taiwan_mobiles_written_nationally_become_taiwan_mobiles(phone: str) -> None:
    import phonenumbers

    text = f"聯絡 {phone}，謝謝"
    assert phone not in mask_text(text)
    pseudonym = PSEUDONYMS.text_body(text, "text/plain")
    fake = pseudonym[3:3 + len(phone)]
    assert fake != phone
    assert phonenumbers.is_valid_number(phonenumbers.parse(fake, "TW"))
    assert PSEUDONYMS.text_body(pseudonym, "text/plain") == pseudonym


def test_a_blank_encoded_twice_between_digits_is_read_the_same_way_on_every_scrub() -> None:
    # `86 17744019192` encoded twice; read once it is `86+17744019192`, where `+1774…` is a
    # valid North American number: only the blank reading may count, or a second scrub would
    # replace the pseudonym again
    form = "b=86%2B17744019192&t=2024-07-31%2B23:59:59&n=1%2B1"
    once = PSEUDONYMS.form(form)
    assert "17744019192" not in once
    assert PSEUDONYMS.form(once) == once
    assert once.endswith("&t=2024-07-31%2B23:59:59&n=1%2B1")


# --- resident ID numbers under id keys, international numbers run into other digits ----------

RIC = "110105195905220776"


@pytest.mark.parametrize("key", ["id", "card_id", "personal_id", "citizen_id", "zjhm", "tid"])
def test_a_whole_valid_resident_id_number_is_found_under_any_key(key: str) -> None:
    scrubbed = PSEUDONYMS.scrubber.value({key: RIC, "order_id": "5829461287001"})
    assert scrubbed[key] != RIC
    assert scrubbed["order_id"] == "5829461287001"
    assert RIC not in PSEUDONYMS.url(f"https://x.example/api/trades/{RIC}/detail")


def test_taobao_style_trade_ids_under_id_keys_stay() -> None:
    # 18 digits with a province and a date but no valid place and checksum: an id
    ids = ["110105195905220777", "310115200001011234", "230701482915307263", "200000012345678901"]
    for value in ids:
        assert PSEUDONYMS.scrubber.value({"tid": value}) == {"tid": value}


@pytest.mark.parametrize(("text", "hidden"), [("澳 +853 66446212 1503212(0)", "6644"),
                                             ("HK +852 9667 4969 1234567", "9667"),
                                             ("+86 199 3662 3336 0571", "3662")])
def test_an_international_number_followed_by_other_digits(text: str, hidden: str) -> None:
    assert hidden not in mask_text(text)
    assert hidden not in PSEUDONYMS.text_body(text, "text/plain")


# --- names: bracketed labels and honorifics, traditional family names, Latin titles ----------

@pytest.mark.parametrize(("text", "name"), [
    ("【收件人】李桂芳", "桂芳"), ("【收件人】：常婷婷", "婷婷"), ("[联系人]曹丽", "曹丽"),
    ("刘云（先生）", "刘云"), ("李宇(女士)", "李宇"),
    ("黃明哲 0912-345-678", "明哲"), ("鄭嘉宏，13812345678", "嘉宏"),
    ("Dear Mr. Thomas Blackwell,", "Blackwell"), ("Name: Dr. Kimberly Garza", "Garza"),
    ("ship to Mrs Emily Carter", "Carter"),
])
def test_names_behind_brackets_titles_and_traditional_family_names(text: str, name: str) -> None:
    assert name not in mask_text(text)
    assert name not in PSEUDONYMS.text_body(text, "text/plain")


@pytest.mark.parametrize(("text", "kept"), [
    ("Dear Customer,", "Dear Customer,"), ("Hi Mr. Smith", "Hi Mr. Smith"),
    ("【收件人】须知", "【收件人】须知"), ("王师傅（先生）", "王师傅（先生）"),
    ("台北 0912-345-678", "台北 "),  # a place beside a phone is no name
])
def test_no_name_without_one(text: str, kept: str) -> None:
    assert mask_text(text).startswith(kept)


def test_credential_looking_values_under_access_sid_and_ticket_keys() -> None:
    token = "cqe28-ajY75FnCttn6kfaqDeMqG3omjMyXHCabM6"
    headers = PSEUDONYMS.headers({"x-shop-access": [token], "x-sid": [token],
                                  "x-csrf": [token],
                                  "access-control-allow-origin": ["https://a.example"],
                                  "x-request-id": ["4f1c2a9d8e7b6a5c4d3e2f1a0b9c8d7e"],
                                  # a body's HMAC is no credential: webhook replays check it
                                  "x-shopify-hmac-sha256": ["nLCDBEhzLNjybkRrPCMw+k9="]})
    for name in ("x-shop-access", "x-sid", "x-csrf"):
        assert headers[name] == [REDACTED], name
    assert headers["access-control-allow-origin"] == ["https://a.example"]
    assert headers["x-shopify-hmac-sha256"] == ["nLCDBEhzLNjybkRrPCMw+k9="]
    assert headers["x-request-id"] == ["4f1c2a9d8e7b6a5c4d3e2f1a0b9c8d7e"]
    document = {"jsapi_ticket": token, "access_level": "admin", "access_count": 12,
                "last_access": "2024-07-10T10:00:00Z"}
    assert PSEUDONYMS.scrubber.value(document) == {**document, "jsapi_ticket": REDACTED}


@pytest.mark.parametrize("text", [
    "Authorization=Bearer%20eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijklmnop",
    "cfg%3Dsk_live_abcdefghijkl1234%26x%3D1", "note%3A" + WHSEC])
def test_a_token_right_after_a_percent_escape(text: str) -> None:
    scrubbed = mask_text(text)
    assert "abcdefghijkl" not in scrubbed
    assert WHSEC[8:] not in scrubbed


def test_a_resident_id_number_in_groups_of_four_with_its_check_alone() -> None:
    for text in ("1101 0519 4912 3100 2X", "身份证 1101-0519-4912-3100-2X"):
        assert "4912" not in mask_text(text)
    assert mask_text("1234 5678 9012 3456 78") == "1234 5678 9012 3456 78"  # no valid number


@pytest.mark.parametrize("address", [
    "PSC 7540, Box 0917, APO AE 96248", "USNV Morgan, FPO AP 53733",
    "Unit 2835 Box 7753, DPO AA 45550"])
def test_us_military_addresses(address: str) -> None:
    text = f"ship to {address}"
    assert address[:8] not in mask_text(text)
    pseudonym = PSEUDONYMS.text_body(text, "text/plain")
    assert address[:8] not in pseudonym
    assert PSEUDONYMS.text_body(pseudonym, "text/plain") == pseudonym
    assert mask_text("APO AE 96248 is the code; Box 12 at the door") == (
        "APO AE 96248 is the code; Box 12 at the door")
