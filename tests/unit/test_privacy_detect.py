"""Content detection: every spelling of personal data is found, ordinary integration data is not."""

from __future__ import annotations

import phonenumbers
import pytest
from faker import Faker
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.cn import ric

from seamguard.privacy import Kind, classify_field, classify_key, detect
from seamguard.privacy.detect import fold

FULL_WIDTH = str.maketrans("0123456789+", "".join(chr(0xFF10 + d) for d in range(10)) + "\uff0b")


def kinds(text: str) -> list[tuple[str, Kind]]:
    return [(text[s.start:s.end], s.kind) for s in detect(text)]


def found(text: str, kind: Kind) -> list[str]:
    return [value for value, k in kinds(text) if k is kind]


# --- phones -------------------------------------------------------------------------------------


@pytest.mark.parametrize("phone", [
    "+86 138 1234 5678", "+8613812345678", "0086-138-1234-5678", "0086 138 1234 5678",
    "13812345678", "138 1234 5678", "138-1234-5678", "(+86)13812345678", "+86-21-6123-4567",
    "(010) 1234-5678", "010 1234 5678", "021-12345678", "0755-8888 8888", "+1 415 555 2671",
    "+44 20 7946 0958", "+852 5123 4567", "+886 912 345 678",
])
@pytest.mark.parametrize("template", ["{}", "电话\uff1a{}", "call me at {} after 6pm", "手机{}谢谢",
                                      "tel:{}", "note: {}; thanks"])
def test_phones_in_any_spelling_are_found(phone: str, template: str) -> None:
    text = template.format(phone)
    assert found(text, Kind.PHONE) == [phone]


def test_full_width_digits_are_phones_too() -> None:
    wide = "13812345678".translate(FULL_WIDTH)
    assert found(f"联系电话\uff1a{wide}", Kind.PHONE) == [wide]
    wide_intl = "+86 138 1234 5678".translate(FULL_WIDTH)
    assert found(wide_intl, Kind.PHONE) == [wide_intl]
    assert fold(wide) == "13812345678"


_REGIONS = sorted(phonenumbers.SUPPORTED_REGIONS)


@st.composite
def example_phones(draw: st.DrawFn) -> str:
    """phonenumbers' own example numbers, for every region and several types and formats."""
    region = draw(st.sampled_from(_REGIONS))
    kind = draw(st.sampled_from([phonenumbers.PhoneNumberType.MOBILE,
                                 phonenumbers.PhoneNumberType.FIXED_LINE]))
    number = phonenumbers.example_number_for_type(region, kind)
    if number is None:
        number = phonenumbers.example_number_for_type("CN", kind)
    form = draw(st.sampled_from([phonenumbers.PhoneNumberFormat.INTERNATIONAL,
                                 phonenumbers.PhoneNumberFormat.E164]))
    return phonenumbers.format_number(number, form)


@settings(max_examples=150, deadline=None)
@given(example_phones(), st.sampled_from(["", "备注 ", "Contact: "]), st.booleans())
def test_international_numbers_of_every_region_are_found(phone: str, lead: str,
                                                         wide: bool) -> None:
    if wide:
        phone = phone.translate(FULL_WIDTH)
    assert found(f"{lead}{phone}", Kind.PHONE) == [phone]


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10**4))
def test_faker_chinese_phones_are_found(seed: int) -> None:
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    phone = fake.phone_number()
    assert found(f"收货人电话 {phone}", Kind.PHONE) == [phone]


# --- what must NOT be found ---------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "5829462287003", "order 5829462287003 shipped", "7460231900001", "SF1234567890123",
    "waybill SF1462053916401 signed", "2024-07-14T03:20:05Z", "2024-07-14 10:21:00",
    "2024-07-14T03:20:05.284519371Z", "100.00", "1650.00", "-12.50", "SCARF-SILK-BLUE",
    "TEA-LJ-250", "550e8400-e29b-41d4-a716-446655440000",
    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "gid://shopify/Order/5829461287002", "1720000000", "1720000000000", "192.168.1.10",
    "v1.2.3", "SG5829461300001", "#1001", "400-811-1111", "95338", "7551234567",
    "order_ids=5829461287001,5829461287002", "12345678", "2024-0714-0001",
    "深圳市南山区科技园营业点", "易碎品，轻拿轻放", "杯子有一只破损，已部分退款",  # noqa: RUF001
    "快件已到达【上海浦东集散中心】", "龙井绿茶礼盒 250g", "2号杯子", "Bamboo Cutting Board - M",
])
def test_ordinary_integration_data_is_not_personal(text: str) -> None:
    assert kinds(text) == []


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=10**12, max_value=10**13 - 1))
def test_thirteen_digit_ids_are_not_phones_or_cards(identifier: int) -> None:
    # Shopify ids; one in ten passes Luhn, which is why cards also need a scheme prefix. An id
    # that reads as 86 + a mobile number is taken for a phone: that is how WeCom stores them.
    text = str(identifier)
    assume(not text.startswith(("8613", "8614", "8615", "8616", "8617", "8618", "8619")))
    assert [k for _, k in kinds(text)] in ([], [Kind.ID_NUMBER])
    assert not found(text, Kind.PHONE)
    assert not found(f"order {text} shipped", Kind.CARD)


@settings(max_examples=200, deadline=None)
@given(st.uuids(), st.binary(min_size=32, max_size=32))
def test_uuids_and_hex_digests_are_not_personal(uuid: object, digest: bytes) -> None:
    assert kinds(str(uuid)) == []
    assert kinds(digest.hex()) == []


def test_bare_digits_under_identifier_keys_are_ids() -> None:
    from seamguard.privacy import mask_value

    record = {"order_id": "13812345678", "tid": "110105194912310021", "deal_id": 19823400101,
              "waybill_no": "4111111111111111"}
    assert mask_value(record) == record


# --- e-mail, ID numbers, cards, secrets ---------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(st.emails())
def test_every_email_address_is_found(email: str) -> None:
    if not email.split("@")[0][:1].isalnum():
        return  # a leading punctuation character is technically allowed but never seen
    assert found(f"reply to {email} please", Kind.EMAIL) == [email]


def test_full_width_at_sign_is_an_email() -> None:
    assert found("邮箱\uff1azhangwei\uff20example.com", Kind.EMAIL) == ["zhangwei\uff20example.com"]


@st.composite
def resident_ids(draw: st.DrawFn) -> str:
    region = draw(st.sampled_from(["110101", "110105", "110108", "120101", "120104"]))
    born = draw(st.dates(min_value=__import__("datetime").date(1950, 1, 1),
                         max_value=__import__("datetime").date(2005, 12, 31)))
    sequence = draw(st.integers(min_value=0, max_value=999))
    body = f"{region}{born:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")


@settings(max_examples=100, deadline=None)
@given(resident_ids())
def test_resident_id_numbers_are_found(number: str) -> None:
    assert ric.is_valid(number)
    assert found(f"身份证号 {number}。", Kind.ID_NUMBER) == [number]


def test_a_mistyped_id_number_still_counts_but_not_any_eighteen_digits() -> None:
    assert found("11010519491231002X", Kind.ID_NUMBER) == ["11010519491231002X"]
    assert found("110105194912310021", Kind.ID_NUMBER) == ["110105194912310021"]
    assert found("990105194912310021", Kind.ID_NUMBER) == []  # no such province
    assert found("110105194913310021", Kind.ID_NUMBER) == []  # no 13th month


@st.composite
def card_numbers(draw: st.DrawFn) -> str:
    prefix, length = draw(st.sampled_from([("4", 16), ("51", 16), ("6222", 16), ("6222", 19),
                                           ("34", 15), ("3528", 16), ("6011", 16)]))
    middle = draw(st.text("0123456789", min_size=length - len(prefix) - 1,
                          max_size=length - len(prefix) - 1))
    body = prefix + middle
    return body + luhn.calc_check_digit(body)


@settings(max_examples=100, deadline=None)
@given(card_numbers(), st.sampled_from(["", " ", "-"]))
def test_card_numbers_are_found(number: str, separator: str) -> None:
    spaced = separator.join(number[i:i + 4] for i in range(0, len(number), 4))
    assert found(f"card {spaced} exp 12/29", Kind.CARD) == [spaced]


@pytest.mark.parametrize("secret", [
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "rk_live_0123456789abcdefABCDEF",
    "shpat_0123456789abcdef0123456789abcdef", "pat-na1-6f2c1e3a-8b4d-4c7e-9a1f-2d3e4f5a6b7c",
    "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
    "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB", "AKIAIOSFODNN7EXAMPLE",
])
def test_token_formats_are_secrets_anywhere(secret: str) -> None:
    assert found(f"the key was {secret}, rotate it", Kind.SECRET) == [secret]


def test_credential_pairs_in_text_are_secrets() -> None:
    text = "GET /callback?code=1&access_token=abcDEF123456&state=x; password: hunter22"
    assert found(text, Kind.SECRET) == ["abcDEF123456", "hunter22"]


# --- addresses and labelled names ---------------------------------------------------------------


@pytest.mark.parametrize(("text", "address"), [
    ("请送到上海市浦东新区张江镇碧波路690号", "上海市浦东新区张江镇碧波路690号"),
    ("地址：北京市朝阳区建国路88号SOHO现代城3号楼1单元1502室",  # noqa: RUF001
     "北京市朝阳区建国路88号SOHO现代城3号楼1单元1502室"),
    ("收货地址广东省深圳市南山区科技南十二路2号", "广东省深圳市南山区科技南十二路2号"),
    ("送到天河区珠江新城花城大道85号", "天河区珠江新城花城大道85号"),
])
def test_chinese_street_addresses_are_found(text: str, address: str) -> None:
    assert found(text, Kind.ADDRESS) == [address]


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=0, max_value=10**4))
def test_faker_chinese_street_addresses_are_found(seed: int) -> None:
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    street = f"{fake.province()}{fake.city()}{fake.district()}区{fake.street_name()}" \
             f"{fake.random_int(1, 999)}号"
    assert found(f"备注：{street}，放门口", Kind.ADDRESS) == [street]  # noqa: RUF001


@pytest.mark.parametrize(("text", "name"), [
    ("联系人：张伟，电话见下", "张伟"), ("收件人:欧阳娜娜", "欧阳娜娜"),  # noqa: RUF001
    ("签收人：李娜 已签收", "李娜"), ("Contact: Emily Carter", "Emily Carter"),  # noqa: RUF001
])
def test_labelled_names_in_free_text_are_found(text: str, name: str) -> None:
    assert found(text, Kind.NAME) == [name]


def test_a_label_followed_by_no_one_is_no_name() -> None:
    assert found("签收人：本人", Kind.NAME) == []  # noqa: RUF001


# --- keys and fields ----------------------------------------------------------------------------


@pytest.mark.parametrize(("key", "kind"), [
    ("receiver_mobile", Kind.PHONE), ("receiverMobile", Kind.PHONE), ("buyer_phone", Kind.PHONE),
    ("联系电话", Kind.PHONE), ("contact_email", Kind.EMAIL), ("emailAddress", Kind.EMAIL),
    ("buyer_name", Kind.NAME), ("receiver_name", Kind.NAME), ("consignee", Kind.NAME),
    ("buyer_nick", Kind.NAME), ("收件人", Kind.NAME), ("first_name", Kind.NAME),
    ("full_address", Kind.ADDRESS), ("receiverAddress", Kind.ADDRESS), ("address2", Kind.ADDRESS),
    ("id_card_no", Kind.ID_NUMBER), ("idCardNo", Kind.ID_NUMBER), ("bank_card", Kind.CARD),
    ("cardNumber", Kind.CARD), ("refreshToken", Kind.SECRET), ("appSecret", Kind.SECRET),
    ("password", Kind.SECRET), ("sign", Kind.SECRET), ("checkword", Kind.SECRET),
    ("X-Api-Key", Kind.SECRET), ("client_secret", Kind.SECRET),
    # a customer's IP address (GB/T 35273 names it among a person's online identifiers)
    ("ip_address", Kind.IP), ("browser_ip", Kind.IP), ("X-Forwarded-For", Kind.IP),
    ("latitude", Kind.LOCATION), ("plate_no", Kind.PLATE), ("home_return_permit", Kind.ID_NUMBER),
])
def test_keys_name_their_kind(key: str, kind: Kind) -> None:
    assert classify_key(key) is kind


@pytest.mark.parametrize("key", [
    "name", "dealname", "product_name", "last_order_name", "shop_name", "company_name", "order_id",
    "idempotency_key", "Idempotency-Key", "token_type", "sign_type", "signMethod", "mailNo",
    "acceptAddress", "email_marketing_consent", "verified_email", "phone_verified",
    "phone_country_code", "page_token", "design", "keyword", "app_key", "x-request-id",
])
def test_keys_that_are_not_personal(key: str) -> None:
    assert classify_key(key) is None


def test_classify_field_reads_format_and_examples() -> None:
    assert classify_field("contact.kontakt", {"type": "string", "format": "email"}) is Kind.EMAIL
    assert classify_field("x", {"type": "string", "example": "+86 138 1234 5678"}) is Kind.PHONE
    assert classify_field("x", {"examples": {"a": {"value": "li@example.cn"}}}) is Kind.EMAIL
    assert classify_field("shipping_address.phone") is Kind.PHONE
    assert classify_field("total_price", {"type": "string", "example": "100.00"}) is None


_WIDE = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}  # ASCII -> full-width forms


@pytest.mark.parametrize(("text", "kind"), [
    ("138\u200b1234\u200b5678", Kind.PHONE),  # zero-width spaces pasted into a number
    ("(149) 9975 4311", Kind.PHONE),  # a prefix phonenumbers does not know yet, grouped
    ("13812345678".translate({48 + d: 0x0660 + d for d in range(10)}), Kind.PHONE),  # Arabic-Indic
    ("13812345678".translate({48 + d: 0x0966 + d for d in range(10)}), Kind.PHONE),  # Devanagari
    ("149.9975.4311", Kind.PHONE),
    ("\ufeff13812345678\u2060", Kind.PHONE),
    ("zhang\u200b.wei@example.com", Kind.EMAIL),
    ("zhang@example.com".translate(_WIDE), Kind.EMAIL),  # full-width letters too
    ("zhang.wei%40example.com", Kind.EMAIL),  # percent-encoded at-sign in text
    ("11010519491231002X".translate(_WIDE), Kind.ID_NUMBER),  # full-width check letter
    ("姓名:张三", Kind.NAME),  # a label and a two-character name: five characters in all
])
def test_spellings_that_hide_a_value(text: str, kind: Kind) -> None:
    found = detect(text)
    assert [span.kind for span in found] == [kind], found
    assert len(fold(text)) == len(text)


def test_an_email_after_a_credential_in_a_query_is_found_on_its_own() -> None:
    text = "access_token=abcDEF123456secret&email=zhang.wei@example.com"
    kinds = {text[span.start:span.end]: span.kind for span in detect(text)}
    assert kinds == {"abcDEF123456secret": Kind.SECRET, "zhang.wei@example.com": Kind.EMAIL}
    assert [s.kind for s in detect('error="invalid_token", token="abcDEF123456xyz"')] == [
        Kind.SECRET]


@pytest.mark.parametrize(("text", "secret"), [
    ("密码\uff1ahunter2", "hunter2"),
    ("支付密码:123456\uff0c请勿泄露", "123456"),
    ("AccessKeySecret: abcdefghijklmnopqrstuvwxyz1234", "abcdefghijklmnopqrstuvwxyz1234"),
    ("SecretKey=0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef"),
    ('clientSecret="s3cr3t-value"', "s3cr3t-value"),
])
def test_credentials_named_in_chinese_or_with_a_prefix(text: str, secret: str) -> None:
    assert [(text[s.start:s.end], s.kind) for s in detect(text)] == [(secret, Kind.SECRET)]


@pytest.mark.parametrize("text", ["next_page_token=abc123", "design=abc123", "tokenType: bearer",
                                  "secret: not set", "error: invalid token"])
def test_words_near_credential_names_are_not_credentials(text: str) -> None:
    assert list(detect(text)) == []


@pytest.mark.parametrize("identifier", ["5018203977902", "6304492753504", "6761105680897",
                                        "6390945795804", "5893399527228"])
def test_thirteen_digit_ids_with_a_maestro_prefix_are_cards_only_after_a_payment_word(
        identifier: str) -> None:
    # Luhn-valid 13-digit Shopify-style ids that begin like a Maestro card
    assert [k for _, k in kinds(identifier)] == []
    assert found(f"paid with {identifier}", Kind.CARD)
