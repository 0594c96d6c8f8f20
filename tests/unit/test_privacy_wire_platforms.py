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
