"""The recording scrubber: masks are stable, reveal no more than declared, and secrets go."""

from __future__ import annotations

import gzip
import json
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seamguard.recordings.scrub import (
    REDACTED,
    ScrubPolicy,
    mask_address,
    mask_email,
    mask_id_number,
    mask_name,
    mask_phone,
    scrub_headers,
    scrub_json,
    scrub_text_body,
    scrub_url,
    vcr_request_hook,
    vcr_response_hook,
)

POLICY = ScrubPolicy.default()
SHOPIFY_TOKEN = "shpat_" + "0123456789abcdef" * 2
HUBSPOT_TOKEN = "pat-na1-6f2c1e3a-8b4d-4c7e-9a1f-2d3e4f5a6b7c"

digits = st.text(alphabet="0123456789", min_size=1, max_size=20)
separators = st.sampled_from(["", " ", "-"])


@st.composite
def phone_numbers(draw: st.DrawFn) -> str:
    """Phone-like strings: optional +country code, digit groups, spaces or dashes between."""
    groups = draw(st.lists(digits, min_size=1, max_size=4))
    sep = draw(separators)
    prefix = draw(st.sampled_from(["", "+", "+86 ", "+1 "]))
    return prefix + sep.join(groups)


# --- fixed examples -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("+8613812345678", "+86138****5678"),
        ("13812345678", "138****5678"),
        ("+86 138 1234 5678", "+86 138 **** 5678"),
        ("021-61234567", "021-****4567"),
        ("", ""),
        ("n/a", "n/a"),
    ],
)
def test_mask_phone_examples(value: str, expected: str) -> None:
    assert mask_phone(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("zhangwei@example.com", "z***@example.com"),
        ("li.na+orders@example.cn", "l***@example.cn"),
        ("@example.com", "****@example.com"),
    ],
)
def test_mask_email_examples(value: str, expected: str) -> None:
    assert mask_email(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("张伟", "张*"), ("欧阳娜娜", "欧***"), ("Alice", "A****"), ("伟", "*"), ("", "")],
)
def test_mask_name_examples(value: str, expected: str) -> None:
    assert mask_name(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("上海市浦东新区张江镇碧波路690号", "上海市浦东新区****"),
        ("北京市朝阳区建国路88号", "北京市朝阳区****"),
        ("广东省深圳市南山区科技南十二路2号", "广东省深圳市南山区****"),
        ("碧波路690号5号楼", "****"),
        ("221B Baker Street", "****"),
        ("上海市", "上海市"),
    ],
)
def test_mask_address_examples(value: str, expected: str) -> None:
    assert mask_address(value) == expected


def test_mask_id_number_keeps_at_most_three_and_four() -> None:
    assert mask_id_number("11010519491231002X") == "110***********002X"
    assert mask_id_number("G1234567") == "********"


# --- properties -----------------------------------------------------------------------------


@given(st.text())
def test_every_mask_is_idempotent(value: str) -> None:
    for mask in (mask_phone, mask_email, mask_name, mask_address, mask_id_number):
        once = mask(value)
        assert mask(once) == once


@given(phone_numbers())
def test_phone_masks_are_idempotent(value: str) -> None:
    assert mask_phone(mask_phone(value)) == mask_phone(value)


def _visible_digits(value: str) -> list[int]:
    return [i for i, char in enumerate(value) if char.isdigit()]


@given(phone_numbers())
def test_masked_phone_shows_only_country_code_first_three_and_last_four(value: str) -> None:
    masked = mask_phone(value)
    assert len(masked) == len(value)
    slots = [i for i, char in enumerate(value) if char.isdigit()]
    country_code = 3 if value.startswith("+") else 0  # the longest calling code has 3 digits
    allowed = set(slots[: country_code + 3]) | set(slots[-4:])
    shown = _visible_digits(masked)
    assert set(shown) <= allowed
    for index in shown:
        assert masked[index] == value[index]
    # at least four digits, or all of them when there are fewer, are always hidden
    assert len(slots) - len(shown) >= min(4, len(slots))


@given(st.emails())
def test_masked_email_keeps_domain_and_one_letter(value: str) -> None:
    masked = mask_email(value)
    local, domain = masked.rsplit("@", 1)
    assert domain == value.rsplit("@", 1)[1]
    assert local == value[0] + "***"


@given(st.text(min_size=2))
def test_masked_name_reveals_only_first_character(value: str) -> None:
    masked = mask_name(value)
    assert masked[0] == value[0]
    assert set(masked[1:]) == {"*"}


# --- JSON -----------------------------------------------------------------------------------


def test_scrub_json_masks_by_field_name_and_keeps_order_names() -> None:
    order: dict[str, Any] = {
        "name": "#1001",
        "email": "zhangwei@example.com",
        "phone": "+8613812345678",
        "line_items": [{"name": "真丝围巾 - 蓝", "sku": "SCARF-BLUE"}],
        "shipping_address": {
            "first_name": "伟",
            "last_name": "张",
            "name": "张伟",
            "address1": "张江镇碧波路690号",
            "city": "上海市",
            "phone": "13812345678",
        },
    }
    scrubbed = scrub_json(order, POLICY)
    assert isinstance(scrubbed, dict)
    assert scrubbed["name"] == "#1001"
    assert scrubbed["line_items"][0]["name"] == "真丝围巾 - 蓝"
    assert scrubbed["email"] == "z***@example.com"
    assert scrubbed["phone"] == "+86138****5678"
    address = scrubbed["shipping_address"]
    assert address == {
        "first_name": "*",
        "last_name": "*",
        "name": "张*",
        "address1": "****",
        "city": "上海市",
        "phone": "138****5678",
    }
    assert order["email"] == "zhangwei@example.com", "the input is not modified"


def test_scrub_json_keeps_depot_addresses_and_redacts_credentials() -> None:
    payload = {
        "acceptAddress": "深圳市南山区科技园营业点",
        "contactInfoList": [{"contact": "王芳", "mobile": "13912345678", "tel": None}],
        "access_token": "abc",
        "accessToken": "def",
        "note": f"token was {SHOPIFY_TOKEN}",
    }
    scrubbed = scrub_json(payload, POLICY)
    assert scrubbed == {
        "acceptAddress": "深圳市南山区科技园营业点",
        "contactInfoList": [{"contact": "王*", "mobile": "139****5678", "tel": None}],
        "access_token": REDACTED,
        "accessToken": REDACTED,
        "note": f"token was {REDACTED}",
    }


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(
        st.sampled_from(["phone", "email", "name", "first_name", "address1", "contact", "sku",
                         "tel", "note", "access_token", "acceptAddress"]),
        inner,
        max_size=5,
    ),
    max_leaves=20,
)


@given(json_values)
def test_scrub_json_is_idempotent(value: object) -> None:
    once = scrub_json(value, POLICY)
    assert scrub_json(once, POLICY) == once


@given(json_values)
def test_scrubbed_json_body_round_trips_and_is_stable(value: object) -> None:
    body = json.dumps(value, ensure_ascii=False, indent=2)
    once = scrub_text_body(body, "application/json; charset=utf-8", POLICY)
    assert json.loads(once) == scrub_json(value, POLICY)
    assert scrub_text_body(once, "application/json", POLICY) == once


def test_json_body_keeps_number_spelling_and_non_ascii() -> None:
    body = '{ "amount": 199.00, "big": 12345678901234567890, "city": "上海市" }'
    assert scrub_text_body(body, "application/json", POLICY) == (
        '{"amount":199.00,"big":12345678901234567890,"city":"上海市"}'
    )


@given(st.text().filter(lambda text: text.lstrip()[:1] not in ("{", "[")))
def test_non_json_bodies_are_untouched(body: str) -> None:
    assert scrub_text_body(body, "text/plain", POLICY) == body
    assert scrub_text_body(body, None, POLICY) == body


def test_invalid_json_is_left_as_it_is() -> None:
    assert scrub_text_body('{"phone": "138', "application/json", POLICY) == '{"phone": "138'


# --- secrets --------------------------------------------------------------------------------

tokens = st.one_of(
    st.just(SHOPIFY_TOKEN),
    st.just(HUBSPOT_TOKEN),
    st.text(alphabet="0123456789abcdef", min_size=32, max_size=32).map(lambda h: "shpat_" + h),
)


@given(tokens, st.text(max_size=20), st.text(max_size=20))
def test_tokens_never_survive_anywhere(token: str, before: str, after: str) -> None:
    text = f"{before} {token} {after}"
    assert token not in scrub_text_body(text, "text/plain", POLICY)
    assert token not in json.dumps(scrub_json({"message": text}, POLICY))
    headers = scrub_headers(
        {"X-Shopify-Access-Token": token, "Authorization": f"Bearer {token}", "Link": text},
        POLICY,
    )
    assert token not in json.dumps(headers)
    assert token not in scrub_url(f"https://x.example/a?access_token={token}&page=2", POLICY)


def test_secret_headers_are_kept_with_redacted_values() -> None:
    headers = scrub_headers(
        {
            "Authorization": ["Bearer " + HUBSPOT_TOKEN],
            "x-shopify-access-token": SHOPIFY_TOKEN,
            "Cookie": ["a=1", "b=2"],
            "Content-Type": ["application/json"],
        },
        POLICY,
    )
    assert headers == {
        "Authorization": ["Bearer <redacted>"],
        "x-shopify-access-token": REDACTED,
        "Cookie": [REDACTED, REDACTED],
        "Content-Type": ["application/json"],
    }
    assert scrub_headers(headers, POLICY) == headers


def test_scrub_url_redacts_secret_parameters_only() -> None:
    url = "https://api.hubapi.com/crm/v3/objects/contacts?hapikey=abc&limit=10&Sign=xyz"
    assert scrub_url(url, POLICY) == (
        "https://api.hubapi.com/crm/v3/objects/contacts?hapikey=<redacted>&limit=10&Sign=<redacted>"
    )
    assert scrub_url("https://user:pw@host/x", POLICY) == "https://user:<redacted>@host/x"
    plain = "https://sfapi.sf-express.com/api/v1/routes/SF1234567890123?checkPhoneNo=5678"
    assert scrub_url(plain, POLICY) == plain


def test_records_addressed_by_a_personal_value_are_masked() -> None:
    url = "https://api.hubapi.com/crm/v3/objects/contacts/lina%40example.com?idProperty=email"
    assert scrub_url(url, POLICY) == (
        "https://api.hubapi.com/crm/v3/objects/contacts/l***@example.com?idProperty=email"
    )
    by_order = "https://api.hubapi.com/crm/v3/objects/deals/5829461287001?idProperty=order_id"
    assert scrub_url(by_order, POLICY) == by_order
    upsert = {"inputs": [{"idProperty": "email", "id": "lina@example.com"},
                         {"idProperty": "shopify_order_id", "id": "5829461287001"}]}
    assert scrub_json(upsert, POLICY) == {
        "inputs": [{"idProperty": "email", "id": "l***@example.com"},
                   {"idProperty": "shopify_order_id", "id": "5829461287001"}]
    }


def test_form_bodies_lose_their_secret_parameters() -> None:
    body = "grant_type=authorization_code&client_secret=s3cr3t&code=abc"
    assert scrub_text_body(body, "application/x-www-form-urlencoded", POLICY) == (
        "grant_type=authorization_code&client_secret=<redacted>&code=abc"
    )


# --- vcrpy hooks ----------------------------------------------------------------------------


def test_request_hook_scrubs_uri_headers_and_body() -> None:
    from vcr.request import Request

    body = json.dumps({"customer": {"email": "wangfang@example.cn"}}).encode()
    request = Request(
        "POST",
        "https://seamguard-demo.myshopify.com/admin/api/2024-07/customers.json?token=abc",
        body,
        {"X-Shopify-Access-Token": SHOPIFY_TOKEN, "Content-Type": "application/json",
         "Content-Length": str(len(body))},
    )
    scrubbed = vcr_request_hook(POLICY)(request)
    assert scrubbed.uri.endswith("customers.json?token=<redacted>")
    assert scrubbed.headers["X-Shopify-Access-Token"] == REDACTED
    assert scrubbed.body == b'{"customer":{"email":"w***@example.cn"}}'
    assert scrubbed.headers["Content-Length"] == str(len(scrubbed.body))


@pytest.mark.parametrize("as_text", [False, True])
def test_response_hook_keeps_body_type_and_fixes_length(as_text: bool) -> None:
    raw = json.dumps({"properties": {"phone": "+8613912345678"}}).encode()
    body: bytes | str = raw.decode() if as_text else raw
    response = {
        "status": {"code": 200, "message": "OK"},
        "headers": {"Content-Type": ["application/json"], "Content-Length": [str(len(raw))],
                    "Set-Cookie": ["__cf_bm=abc; path=/"]},
        "body": {"string": body},
    }
    scrubbed = vcr_response_hook(POLICY)(response)
    expected = '{"properties":{"phone":"+86139****5678"}}'
    assert scrubbed["body"]["string"] == (expected if as_text else expected.encode())
    assert scrubbed["headers"]["Content-Length"] == [str(len(expected))]
    assert scrubbed["headers"]["Set-Cookie"] == [REDACTED]
    assert response["body"]["string"] == body, "the recorded response is not modified"


def test_response_hook_inflates_gzip_bodies_so_they_can_be_scrubbed() -> None:
    raw = json.dumps({"email": "lina@example.com"}).encode()
    response = {
        "status": {"code": 200, "message": "OK"},
        "headers": {"Content-Type": ["application/json"], "Content-Encoding": ["gzip"],
                    "Content-Length": ["999"]},
        "body": {"string": gzip.compress(raw)},
    }
    scrubbed = vcr_response_hook(POLICY)(response)
    assert scrubbed["body"]["string"] == b'{"email":"l***@example.com"}'
    assert "Content-Encoding" not in scrubbed["headers"]
    assert scrubbed["headers"]["Content-Length"] == ["28"]


def test_policy_lists_the_platforms_pii_fields() -> None:
    keys = POLICY.pii_keys
    for name in ("phone", "mobile", "mobilephone", "tel", "email", "first_name", "last_name",
                 "firstname", "lastname", "contact", "address1", "address2", "address",
                 "receiver_name", "receiver_mobile", "receiver_phone", "receiver_address",
                 "fullname", "fulladdress"):
        assert name in keys
    assert "name" not in keys
    assert "acceptaddress" not in keys
    assert all(re.fullmatch(r"[a-z0-9_-]+", header) for header in POLICY.secret_headers)
