# ruff: noqa: RUF001
"""Digits joined to a code (``SKU-13912345678`` is a SKU, ``TEL-13812345678`` a phone), a
fixed line after ``86`` written without ``+``, an account named by its ``kind``, a landline
split into area code and number, a name before ``本人``, and brands jieba takes for people —
through ``mask_text``, ``mask_value`` and the recording hooks."""

from __future__ import annotations

import json
from typing import Any

import pytest

from seamguard.privacy import mask_text, mask_value, vcr_hooks
from seamguard.privacy.observed import observed


def _recorded(body: Any) -> Any:
    hooks = vcr_hooks(key=b"codes")
    response = hooks["before_record_response"]({
        "status": {"code": 200, "message": "OK"},
        "headers": {"Content-Type": ["application/json"]},
        "body": {"string": json.dumps(body, ensure_ascii=False).encode()}})
    return json.loads(response["body"]["string"])


_NO_FIXED_LINE = ("1986-12-25", "order 86-2026-12071234", "86-571", "SN 86-571-87654321-99999",
                  "x86-571-87654321", "86-571-0001")


@pytest.mark.parametrize(("code", "phone"), [
    ("SKU-13912345678", "TEL-13812345678"), ("ITEM_13912345678", "Tel-13812345678"),
    ("GOODS_13912345678", "M-13812345678"), ("SPU-RED-13912345678", "mobile_13812345678"),
    ("BATCH_2026_13912345678", "手机 13812345678"), ("BOX-13912345678", "customer-13812345678")])
def test_digits_joined_to_a_code_stay_and_to_a_phone_word_are_a_phone(code: str,
                                                                      phone: str) -> None:
    assert mask_text(f"商品 {code} 已出库") == f"商品 {code} 已出库"
    assert mask_value({"sku": code}) == {"sku": code}
    assert _recorded({"outer_id": code}) == {"outer_id": code}
    assert "13812345678" not in mask_text(phone)
    assert "13812345678" not in json.dumps(mask_value({"contact": phone}))
    assert "13812345678" not in json.dumps(_recorded({"note": phone}))


@pytest.mark.parametrize("written", ["86-571-87654321", "86-10-62345678", "86-0571-87654321",
                                     "86 (571) 87654321"])
def test_a_fixed_line_after_86_without_plus_is_a_phone(written: str) -> None:
    local = "".join(ch for ch in written if ch.isdigit())[-8:]
    assert local not in mask_text(f"总机 {written}，分机 801")
    assert local not in json.dumps(mask_value({"remark": f"总机 {written}"}),
                                   ensure_ascii=False)
    assert local not in json.dumps(_recorded({"remark": f"总机 {written}"}), ensure_ascii=False)
    for text in _NO_FIXED_LINE:  # digits after 86 that are no fixed line
        assert mask_text(text) == text


def test_an_id_named_by_a_messenger_kind_is_an_account_and_by_a_record_kind_stays() -> None:
    record = {"im": [{"kind": "qq", "id": "1234567890"},
                     {"kind": "WeChat", "id": "zhang_ab12cd"},
                     {"channel": "whatsapp", "id": "8613812345678"}],
              "refs": [{"kind": "order", "id": "1234567890"},
                       {"platform": "shopify", "id": "7012345678901"},
                       {"channel": "web", "id": "abc_12345678"}]}
    for masked in (mask_value(record), _recorded(record)):
        ids = {item["id"] for item in masked["im"]}
        assert not ids & {"1234567890", "zhang_ab12cd", "8613812345678"}
        assert masked["refs"] == record["refs"]


def test_a_landline_split_into_area_code_and_number_is_masked_and_a_bin_is_not() -> None:
    record = {"office_tel": {"zone": "0755", "number": "26881234", "extension": "8001"},
              "fax": {"areaCode": "0571", "localNumber": "8765-4321"},
              "bin": {"zone": "A", "number": "12"}, "slot": {"zone": "B2", "number": "0042"}}
    for masked in (mask_value(record), _recorded(record)):
        text = json.dumps(masked)
        assert "26881234" not in text
        assert "8765-4321" not in text
        assert masked["office_tel"]["zone"] == "0755"
        assert masked["office_tel"]["extension"] == "8001"
        assert (masked["bin"], masked["slot"]) == (record["bin"], record["slot"])


@pytest.mark.parametrize(("text", "name"), [
    ("请交给王建国本人签收", "王建国"), ("交给张伟本人", "张伟"),
    ("请送给欧阳娜娜本人签收", "欧阳娜娜")])
def test_a_name_before_in_person_after_a_verb_is_a_name(text: str, name: str) -> None:
    assert name not in mask_text(text)
    assert name not in json.dumps(mask_value({"remark": text}), ensure_ascii=False)
    assert name not in json.dumps(_recorded({"remark": text}), ensure_ascii=False)
    for plain in ("客户本人签收", "联系本人", "本人已确认"):  # in person, with no name
        assert mask_text(plain) == plain


@pytest.mark.parametrize("product", ["华为 Mate 60 Pro 12GB+512GB", "海尔 冰箱 BCD-470",
                                     "索尼 WH-1000XM5"])
def test_a_brand_jieba_tags_as_a_person_is_shown_in_a_finding(product: str) -> None:
    shown, _ = observed({"goods_name": product})
    assert shown == {"goods_name": product}
    shown, _ = observed({"goods_name": "王建国"})  # a person's name is still shaped
    assert shown != {"goods_name": "王建国"}


def test_alipays_id_of_a_user_is_an_account_and_a_merchants_is_not() -> None:
    record = {"alipay_user_id": "2088102122524333", "alipayUid": "2088102122524334",
              "buyer_alipay_no": "2088102122524335", "alipay_partner_id": "2088101568338364",
              "seller_alipay_id": "2088101568338365", "alipay_trade_no": "2026120722001401231"}
    for masked in (mask_value(record), _recorded(record)):
        assert not {masked[key] for key in ("alipay_user_id", "alipayUid", "buyer_alipay_no")} \
            & {"2088102122524333", "2088102122524334", "2088102122524335"}
        assert [masked[key] for key in ("alipay_partner_id", "seller_alipay_id",
                                        "alipay_trade_no")] == \
            ["2088101568338364", "2088101568338365", "2026120722001401231"]


def test_a_name_under_a_key_naming_who_acted_on_a_record_is_masked() -> None:
    record = {"modified_by": "王建国", "createdBy": "Emily Carter", "operator": "张伟",
              "assignee": "赵磊", "approver": "孙丽", "操作人": "王芳",
              "updated_by": "system", "created_by": "Admin", "modifiedBy": "api-sync",
              "sort_by": "Price", "group_by": "status", "handler_id": "12"}
    for masked in (mask_value(record), _recorded(record)):
        assert not {masked[key] for key in list(record)[:6]} & set(record.values())
        assert [masked[key] for key in list(record)[6:]] == list(record.values())[6:]


@pytest.mark.parametrize("written", ["+852 51505405", "+852-51505405"])
def test_a_calling_code_apart_from_a_possible_national_number_is_a_phone(written: str) -> None:
    # (5150 5405 is in a Hong Kong range the metadata does not yet know as allocated)
    assert "51505405" not in mask_text(f"联系 {written} 谢谢")
    assert "51505405" not in json.dumps(mask_value({"contact_way": written}))
    assert "51505405" not in json.dumps(_recorded({"contact_way": written}))
    assert mask_text("score +12 3456789") == "score +12 3456789"


@pytest.mark.parametrize(("written", "national"), [
    ("+852 5150 5405", "51505405"), ("+852 5150-5405", "51505405"),
    ("+65 8150 5405", "81505405"), ("+853 6150 5405", "61505405"),
    ("+44 7000 123456", "7000123456"), ("+61 4 0000 5678", "400005678")])
def test_a_calling_code_then_a_grouped_possible_national_number_is_a_phone(
        written: str, national: str) -> None:
    # (the national numbers are in ranges the metadata does not know as allocated: of a length
    # the plan dials, in groups after the calling code)
    for text in (written, f"联系 {written} 谢谢", f"phone is {written}."):
        masked = mask_text(text)
        assert written not in masked
        assert national not in masked.replace(" ", "")
    assert written not in json.dumps(mask_value({"contact_way": written}), ensure_ascii=False)
    assert written not in json.dumps(_recorded({"contact_way": written}), ensure_ascii=False)
    assert written not in json.dumps(_recorded({"note": f"电话 {written}"}), ensure_ascii=False)


@pytest.mark.parametrize("ordinary", [
    "+1 2024 0710", "+1 2026-12-07", "+44 12", "+852 12 34", "+999 5150 5405", "+7 1",
    "score +12 3456789", "v+852 5150 5405"])
def test_signed_groups_no_plan_dials_stay(ordinary: str) -> None:
    assert mask_text(ordinary) == ordinary
    assert mask_value({"note": ordinary}) == {"note": ordinary}


# (a line type beside an id is an order's or an invoice's line as often: below, it stays)
@pytest.mark.parametrize(("namer", "holder", "channel"), [
    (namer, holder, channel) for namer in ("type", "kind", "channel", "platform")
    for holder in ("id", "account", "value")
    for channel in ("qq", "QQ", "wechat", "weixin", "wangwang", "line", "telegram", "alipay",
                    "skype")
    if (namer, holder, channel) != ("type", "id", "line")])
def test_an_id_named_by_its_account_kind_is_that_account(namer: str, holder: str,
                                                         channel: str) -> None:
    for account in ("12345678", "amy_li88"):
        record = {namer: channel, holder: account}
        for masked in (mask_value(record), _recorded(record)):
            assert masked[namer] == channel
            assert masked[holder] != account
            assert len(masked[holder]) == len(account)


def test_a_whatsapp_id_is_its_phone() -> None:
    record = {"type": "whatsapp", "id": "+852 5150 5405"}
    assert "5150" not in json.dumps(mask_value(record))
    assert "5150" not in json.dumps(_recorded(record))


@pytest.mark.parametrize("record", [
    {"type": "line", "id": "8812345"}, {"type": "order", "id": "12345678"},
    {"kind": "sku", "id": "12345678"}, {"platform": "shopify", "value": "12345678"},
    {"platform": "taobao", "id": "12345678"}, {"type": "customer", "account": "8812345"}])
def test_an_id_beside_a_type_naming_no_account_stays(record: dict[str, str]) -> None:
    assert mask_value(record) == record
    assert _recorded(record) == record
