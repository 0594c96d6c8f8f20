# ruff: noqa: RUF001
"""WeChat IDs and QQ numbers: under the keys that name them and after a label in free text; and
the platform's own ids, payments and groups, which are no one's account."""

from __future__ import annotations

import json

import pytest

from seamguard.privacy import (
    Kind,
    Pseudonymizer,
    Scrubber,
    classify_key,
    detect,
    mask_text,
    mask_value,
)
from seamguard.privacy.mask import mask_account


@pytest.mark.parametrize("key", ["wechat", "weixin", "wx_id", "wxid", "WeChatID", "weChatId",
                                 "微信号", "微信", "weixinhao", "qq", "qq_no", "QQ号", "qqhao",
                                 "buyer_wechat", "receiver_qq"])
def test_keys_naming_an_account_hold_one(key: str) -> None:
    assert classify_key(key) is Kind.ACCOUNT


@pytest.mark.parametrize("key", ["wx_appid", "wxAppId", "openid_connect_url", "wechat_pay",
                                 "WeChatPay", "qq_group", "wx_code", "wechat_bound", "qqMusic",
                                 "wx_mch_id", "appid"])
def test_the_platform_s_own_ids_and_settings_are_no_account(key: str) -> None:
    assert classify_key(key) is not Kind.ACCOUNT


@pytest.mark.parametrize("key", ["openid", "openId", "wx_openid", "sub_openid", "unionid",
                                 "union_id", "wx_unionid", "buyer_open_uid"])
def test_a_platform_s_id_of_one_user_is_an_account(key: str) -> None:
    # (WeChat's openid and unionid, Taobao's open_uid: linkable to the person, so personal)
    assert classify_key(key) is Kind.ACCOUNT


@pytest.mark.parametrize(("record", "value"), [
    ({"wechat": "abc_123xy"}, "abc_123xy"), ({"weixin": "wxid_8c7a1b2d3e"}, "wxid_8c7a1b2d3e"),
    ({"wx_id": "zhangsan1988"}, "zhangsan1988"), ({"qq": "12345678"}, "12345678"),
    ({"qq": 1234567890}, "1234567890"), ({"qq_no": "987654321"}, "987654321"),
    ({"WeChatID": "lily-chen"}, "lily-chen"), ({"微信号": "Zhang_Wei"}, "Zhang_Wei"),
])
def test_accounts_under_their_keys_are_replaced_and_stay_replaced(record: dict[str, object],
                                                                  value: str) -> None:
    from seamguard.privacy import mask_value

    assert value not in json.dumps(mask_value(record), ensure_ascii=False)
    scrubber = Scrubber(replacer=Pseudonymizer(b"accounts"))
    once = scrubber.value(record)
    assert value not in json.dumps(once, ensure_ascii=False)
    assert scrubber.value(once) == once
    (old,), (new,) = record.values(), once.values()
    assert type(new) is type(old)  # the same shape
    assert len(str(new)) == len(str(old))


@pytest.mark.parametrize(("text", "value"), [
    ("微信: abc_123", "abc_123"), ("加微信 zhangsan1988 备注", "zhangsan1988"),
    ("微信 zhangsan", "zhangsan"), ("微信号：Lily_Chen", "Lily_Chen"),
    ("WeChat ID: wx_lily_88", "wx_lily_88"), ("wechat: lilychen", "lilychen"),
    ("加vx abc-2024", "abc-2024"), ("QQ：12345678", "12345678"), ("qq号 987654321", "987654321"),
    ("扣扣 88776655", "88776655"), ("请加QQ12345678联系", "12345678"),
    ("自动回复 from wxid_8c7a1b2d3e4f", "wxid_8c7a1b2d3e4f"),
])
def test_labelled_accounts_in_free_text_are_found(text: str, value: str) -> None:
    assert [text[s.start:s.end] for s in detect(text) if s.kind is Kind.ACCOUNT] == [value]
    assert value not in mask_text(text)


@pytest.mark.parametrize("text", [
    "微信支付 20240710 到账", "QQ群 12345678", "QQ mail sent", "WeChat official account",
    "wechat pay 123456789", "微信小程序", "wx.login 调用", "vx 5", "order wx20240710123456 paid",
    "QQ音乐 会员 12个月", "wxpay_order 4200001234", "微信支付单号 4200001234202407101234567890",
    "paid by WeChat Pay, order 5829461287001",
])
def test_payments_groups_and_services_named_after_the_apps_stay(text: str) -> None:
    assert mask_text(text) == text


def test_an_account_mask_keeps_its_first_and_last_characters() -> None:
    assert mask_account("wx_zhang88") == "w********8"
    assert mask_account("abc") == "***"


@pytest.mark.parametrize(("record", "value"), [
    ({"im": {"type": "wechat", "value": "wang_xm1988"}}, "wang_xm1988"),
    ({"contacts": [{"type": "qq", "value": "88776655"}]}, "88776655"),
    ({"contacts": [{"kind": "mobile", "value": "9123 4567"}]}, "9123 4567"),
    ({"methods": [{"label": "email", "value": "lily.chen@example.cn"}]}, "lily.chen"),
    ({"fields": [{"name": "password", "value": "Pw-2024-xyz"}]}, "Pw-2024-xyz"),
    ({"phones": [{"type": "home", "number": "+852 9123 4567"}]}, "9123 4567"),
])
def test_a_contact_method_s_value_is_read_as_what_its_type_names(record: dict[str, object],
                                                                 value: str) -> None:
    from seamguard.privacy import mask_value

    assert value not in json.dumps(mask_value(record), ensure_ascii=False)


def test_values_whose_type_names_nothing_personal_stay() -> None:
    from seamguard.privacy import mask_value

    record = {"attrs": [{"type": "size", "value": "XL"},
                        {"name": "order_id", "value": "13812345678"},
                        {"type": "string", "value": "SKU-2024-RED"}]}
    assert mask_value(record) == record


@pytest.mark.parametrize("text", ["微信号是wang_xm1988", "微信为 wang_xm1988"])
def test_an_account_after_a_copula_is_found(text: str) -> None:
    assert "wang_xm1988" not in mask_text(text)


def test_a_plain_name_beside_an_account_is_a_person_s_name() -> None:
    from seamguard.privacy import mask_value

    masked = json.dumps(mask_value({"buyer": {"name": "王小明", "wechat": "abc_1234"}}),
                        ensure_ascii=False)
    assert "王小明" not in masked
    assert "abc_1234" not in masked


@pytest.mark.parametrize("record", [
    {"wxid_abc123xyz": {"n": 1}}, {"wxid_abcdefgh": {"n": 1}}, {"13812345678": {"orders": 2}},
    {"zhang.wei@example.com": {"orders": 2}}, {"buyers": {"wxid_Ab12cd34": ["5829461287001"]}}])
def test_personal_values_used_as_keys_are_replaced(record: dict[str, object]) -> None:
    def keys(value: object) -> list[str]:
        if isinstance(value, dict):
            return [*value, *(k for item in value.values() for k in keys(item))]
        return []

    personal = [key for key in keys(record) if key not in ("n", "orders", "buyers")]
    for out in (mask_value(record), Scrubber(replacer=Pseudonymizer(b"keys")).value(record)):
        text = json.dumps(out, ensure_ascii=False)
        assert not any(key in text for key in personal), text
    if "buyers" in record:
        assert "5829461287001" in json.dumps(mask_value(record))  # the value under it stays


@pytest.mark.parametrize("text", ["加我 wxid_abcdefgh", "wxid_Ab12cd34 留言"])
def test_short_and_mixed_case_wechat_internal_ids_are_accounts(text: str) -> None:
    assert "wxid_" not in mask_text(text)
