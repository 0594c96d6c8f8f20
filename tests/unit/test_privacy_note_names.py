# ruff: noqa: RUF001
"""Chinese names in the notes a shop writes (a name first, then what the person asked or did;
after "我是", "代", "帮", "已和"; after a role word with a verb glued on) and names written first,
with a note after them, under keys naming a person (``receiver``, ``buyer``, ``customer``); and
the ordinary words of the same shapes that stay."""

from __future__ import annotations

import json

import pytest
from faker import Faker

from seamguard.privacy import Pseudonymizer, Scrubber, mask_text, mask_value


def _names(count: int, seed: int = 11) -> list[str]:
    faker = Faker("zh_CN")
    faker.seed_instance(seed)
    return [name for name in (faker.name() for _ in range(count * 3))
            if len(name) in (2, 3)][:count]


NAMES = _names(120)


@pytest.mark.parametrize("template", [
    "{} 请尽快发货", "{}要求开发票", "{}说下午送", "我是{}，请尽快发货", "代{}下单", "帮{}买的",
    "{}的订单，加急", "顾客{}要求开发票", "客户{}反馈少发一件", "已和{}确认", "{}已确认地址",
    "货到了，{}来电说不要了", "本人{}", "我叫{}",
])
def test_names_in_a_shop_s_notes_are_found(template: str) -> None:
    leaked = [name for name in NAMES
              if name in json.dumps(mask_value({"memo": template.format(name)}),
                                    ensure_ascii=False)]
    assert len(leaked) <= len(NAMES) // 50, leaked  # a name that is also a word may stay


@pytest.mark.parametrize("key", ["receiver", "buyer", "customer", "consignee", "收货人", "买家"])
@pytest.mark.parametrize("template", ["{} 请放门口", "{}/前台代收", "{}(18号楼)", "{}，老客户",
                                      "{} VIP", "{}（会员）"])
def test_a_name_written_first_under_a_person_key_is_replaced(key: str, template: str) -> None:
    scrubber = Scrubber(replacer=Pseudonymizer(b"notes"))
    for name in NAMES[:40]:
        value = template.format(name)
        assert name not in json.dumps(mask_value({key: value}), ensure_ascii=False)
        once = scrubber.value({key: value})
        assert name not in json.dumps(once, ensure_ascii=False), once
        assert scrubber.value(once) == once  # a second scrub changes nothing
        if key not in ("consignee", "收货人"):  # (keys that hold a name as a whole)
            assert template.format("").lstrip(" ，") in once[key]  # the note is kept


@pytest.mark.parametrize("text", [
    "易碎品，轻拿轻放", "易碎品要求轻放", "黄色要求加大", "周末下单的", "包装要求严格", "毛重确认",
    "金额确认无误", "邮费说明", "顺丰的订单", "易碎品的包裹", "本人签收", "本人已签收",
    "我是老客户，请尽快发货", "我是学生，便宜点", "代收点签收", "帮忙确认一下", "代购的订单",
    "已和客服确认", "已与商家确认", "全部要求退货", "高温请注意", "江浙沪包邮", "司机来电",
    "快递员说下午到", "和田玉的订单", "安全要求", "方便的话请电话联系", "成人款购买",
    "温馨提示：请验货", "欧码下单偏大", "童装确认尺码", "万能表确认",
])
def test_ordinary_words_before_the_same_verbs_stay(text: str) -> None:
    assert mask_text(text) == text


@pytest.mark.parametrize("record", [
    {"buyer": "老客户 VIP"}, {"customer": "cus_8812"}, {"receiver": "门卫/前台"},
    {"customer": "高端 会员"}, {"receiver": "黄色包装 2件"},
])
def test_words_under_a_person_key_that_name_no_one_stay(record: dict[str, str]) -> None:
    assert mask_value(record) == record


@pytest.mark.parametrize("key", ["receiver_info", "buyerDetail", "consignee_text", "receiver"])
def test_a_text_about_a_person_reads_hong_kong_and_macau_numbers(key: str) -> None:
    value = "王小明 9123 4567 九龙旺角弥敦道123号"
    masked = json.dumps(mask_value({key: value}), ensure_ascii=False)
    for part in ("王小明", "9123 4567", "弥敦道123号"):
        assert part not in masked


def test_hong_kong_shaped_numbers_elsewhere_stay_ids() -> None:
    record = {"remark": "批次 9123 4567 已入库", "order_info": "order 91234567 shipped"}
    assert mask_value(record) == record


@pytest.mark.parametrize("text", ["東京都港区芝公園4丁目2番8号", "送到 大阪市北区梅田1丁目2-3"])
def test_japanese_block_addresses_are_addresses(text: str) -> None:
    masked = mask_text(text)
    assert "丁目" not in masked


def _tw_names(count: int) -> list[str]:
    faker = Faker("zh_TW")
    faker.seed_instance(5)
    return [name for name in (faker.name() for _ in range(count * 4)) if len(name) == 3][:count]


@pytest.mark.parametrize("template", [
    "{}說下午送", "顧客{}要求開發票", "客戶{}的訂單", "已和{}確認", "{}的訂單，加急", "聯絡人：{}",
    "{} 請盡快出貨", "代{}下單", "買家{}來電", "買家{}",
])
def test_traditional_cues_point_at_names_as_simplified_ones_do(template: str) -> None:
    names = _tw_names(60)
    leaked = [name for name in names if name in mask_text("備註：" + template.format(name))]
    assert len(leaked) <= len(names) // 50, leaked


@pytest.mark.parametrize("label", ["Contact person:", "Customer:", "Buyer:", "Sender:",
                                   "Receiver:", "Full name:", "Customer name:"])
def test_english_labels_announce_latin_names(label: str) -> None:
    faker = Faker("en_US")
    faker.seed_instance(5)
    for name in (faker.name() for _ in range(20)):
        first, _, last = name.partition(" ")
        if first.endswith(".") or not last:
            continue  # ("Dr. …", "… Jr."): a title is kept by design
        assert name not in mask_text(f"{label} {name}, order 5829461287001")


@pytest.mark.parametrize("text", ["Customer: Warehouse B", "Buyer: Same as above",
                                  "Receiver: Customer", "Sender: Shop"])
def test_english_labels_followed_by_no_one_stay(text: str) -> None:
    assert mask_text(text) == text


@pytest.mark.parametrize("key", ["receiver", "buyer", "customer"])
def test_japanese_full_names_under_a_person_key_are_names(key: str) -> None:
    faker = Faker("ja_JP")
    faker.seed_instance(3)
    scrubber = Scrubber(replacer=Pseudonymizer(b"ja"))
    for name in (faker.name() for _ in range(20)):
        assert name not in json.dumps(mask_value({key: name}), ensure_ascii=False)
        once = scrubber.value({key: name})
        assert name not in json.dumps(once, ensure_ascii=False)
        assert scrubber.value(once) == once


def test_a_japanese_full_name_beside_a_phone_is_a_name() -> None:
    masked = mask_value({"zz": "鈴木 晃", "tel": "090-1234-5678"})
    assert "鈴木 晃" not in json.dumps(masked, ensure_ascii=False)
    assert mask_value({"zz": "鈴木 晃"}) == {"zz": "鈴木 晃"}  # alone, nothing says who it is


@pytest.mark.parametrize("text", ["李宁的订单", "李宁的订单已发货", "华为的手机", "周大福的订单",
                                  "周大福收", "安踏的包裹", "李宁旗舰店的订单", "，康师傅的订单",
                                  "王建国专卖店的订单"])
def test_brands_and_shops_named_like_people_stay(text: str) -> None:
    assert mask_text(text) == text
    assert Scrubber(replacer=Pseudonymizer(b"brands")).text(text) == text


@pytest.mark.parametrize(("text", "name"), [
    ("客户李宁的订单", "李宁"), ("收件人：李宁", "李宁"), ("张伟的订单", "张伟"),
    ("王建国的订单已发货", "王建国")])
def test_a_role_or_a_label_still_makes_a_brand_shaped_word_a_name(text: str, name: str) -> None:
    assert name not in mask_text(text)


def test_faker_names_before_an_order_stay_found() -> None:
    names = _names(200, seed=29)
    missed = [name for name in names if name in mask_text(f"{name}的订单")]
    assert len(missed) <= 2, missed
