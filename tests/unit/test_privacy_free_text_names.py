"""A free-text key (a remark, a note, a memo) whose whole value is a person's name beside the
contact's phone is read as a name (WeCom's ``follow_user[].remark``, the name staff gave the
contact); an order's short note, a brand or a place under the same key stays."""

from __future__ import annotations

from typing import Any

import pytest

from seamguard.privacy import mask_value

PHONE = "13912345678"


def _follow(remark: Any, **more: Any) -> dict[str, Any]:
    return {"userid": "rocky", "remark": remark, "description": "采购 床垫",
            "createtime": 1765101015, "remark_mobiles": [PHONE], **more}


@pytest.mark.parametrize("name", ["李雷", "欧阳娜娜", "王先生", "李总", "Emily Carter",
                                  "梁桂兰", "张建国", "刘海燕"])
def test_a_remark_naming_the_contact_is_masked(name: str) -> None:
    out = mask_value({"follow_user": [_follow(name)]})
    assert out["follow_user"][0]["remark"] != name
    assert out["follow_user"][0]["userid"] == "rocky"


@pytest.mark.parametrize("key", ["note", "memo", "comment", "备注", "buyer_remark"])
def test_other_free_text_keys_naming_a_person_are_masked(key: str) -> None:
    out = mask_value({key: "张伟", "mobile": PHONE})
    assert out[key] != "张伟"


@pytest.mark.parametrize("note", ["加急", "周末送", "放门口", "发顺丰", "李宁", "华为", "小米",
                                  "王府井", "Leave at door"])
def test_short_notes_brands_and_places_stay(note: str) -> None:
    assert mask_value({"follow_user": [_follow(note)]})["follow_user"][0]["remark"] == note
    assert mask_value({"remark": note, "mobile": PHONE})["remark"] == note


def test_a_name_shaped_remark_beside_a_product_stays() -> None:
    record = {"product": "运动鞋", "remark": "张伟", "shop_phone": PHONE}
    assert mask_value(record)["remark"] == "张伟"


def test_a_remark_alone_stays() -> None:
    assert mask_value({"remark": "李雷"})["remark"] == "李雷"


def test_the_same_shape_again_is_read_again() -> None:
    """(the compiled walk remembers the shape: a list of phones beside the name still sends it
    to the object's reading)"""
    for name in ("李雷", "王先生", "韩梅梅"):
        assert mask_value({"follow_user": [_follow(name)]})["follow_user"][0]["remark"] != name


def test_a_list_of_phones_beside_a_bare_name_is_its_company() -> None:
    out = mask_value({"lianxi": "王五", "numbers": [PHONE]})
    assert out["lianxi"] != "王五"
