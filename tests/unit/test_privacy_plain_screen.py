"""The screen that passes plain strings over without detection is remembered per value: it
answers as its uncached reading does, the policy's literal secrets still apply, and forgetting the
values empties it."""

from __future__ import annotations

import pytest
from faker import Faker

from seamguard.privacy import PrivacyPolicy, Scrubber, forget_values, text_scrub


def _uncached(value: str) -> bool:
    return value[0] != "<" and (
        text_scrub._is_short(value) or text_scrub._CANDIDATE.search(value) is None
        or text_scrub._ORDINARY.fullmatch(value) is not None) \
        and not text_scrub._maybe_base64(value)


def _values() -> list[str]:
    values = ["fields", "timestamp", "page_size", "paid", "CNY", "2024-07-31", "12.50",
              "<b>王小明</b>", "13812345678", "wang@corp.cn", "token abc", "送给张利",
              "张利收", "QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "gid://shopify/Customer/1", "x"]
    for locale in ("zh_CN", "en_US", "de_DE", "ja_JP", "pt_BR"):
        fake = Faker(locale)
        fake.seed_instance(7)
        for _ in range(40):
            values += [fake.word(), fake.name(), fake.city(), fake.phone_number(),
                       fake.street_address(), fake.uuid4(), fake.color_name()]
    return values


def test_remembered_answers_equal_uncached_ones() -> None:
    forget_values()
    values = _values()
    first = [text_scrub._quiet(v) for v in values]
    again = [text_scrub._quiet(v) for v in values]
    assert first == again == [_uncached(v) for v in values]
    assert any(first)
    assert not all(first)
    assert text_scrub._quiet.cache_info().currsize > 0
    forget_values()
    assert text_scrub._quiet.cache_info().currsize == 0


@pytest.mark.parametrize("secret", ["qzvvkwxmq"])
def test_a_policy_secret_is_still_found_in_a_remembered_plain_value(secret: str) -> None:
    forget_values()
    value = f"ref {secret} end"
    assert text_scrub._quiet(value)  # remembered as quiet before the secret is known
    assert Scrubber(PrivacyPolicy.default()).text(value) == value
    told = Scrubber(PrivacyPolicy.default().with_secrets(secret))
    assert secret not in told.text(value)
