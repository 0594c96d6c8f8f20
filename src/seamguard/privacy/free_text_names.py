"""A free-text key (a remark, a note, a memo) whose whole value is a person's name.

The policy reads ``remark`` and its kin as holding a thing: an order's note (加急, 周末送, 放门口)
is no one's name. But a CRM's remark on a contact is often the name staff gave them (WeCom's
``follow_user[].remark``, 备注名): beside the contact's phone, a value that is as a whole a
Chinese name (a family name and a given name, or a family name and an honorific: 王先生, 李总)
or a Latin full name is read as a name. A brand named like a person (李宁, 华为), a place or a
note starting with an ordinary word (王府井, 周末送) stays, and so does any of them beside a
product's keys.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from seamguard.privacy.lexicon import is_brand, is_common_word
from seamguard.privacy.names import is_bare_name
from seamguard.privacy.policy import key_words

__all__ = ["free_text_key", "names_products", "whole_name"]

_FREE_TEXT_WORDS = frozenset({
    "remark", "remarks", "memo", "memos", "note", "notes", "comment", "comments",
    "description", "desc", "备注", "说明", "备注名"})
# Keys beside which a name-shaped free text is a brand's or a product's (李宁 as a brand).
_PRODUCT_WORDS = frozenset({
    "title", "product", "products", "item", "items", "goods", "sku", "spu", "brand", "shop",
    "store", "model", "商品", "品牌", "店铺", "标题"})
_HONORIFIC_END = re.compile("(?:先生|女士|小姐|老师|师傅|经理|总)$")


def free_text_key(key: Any) -> bool:
    """``key``'s last word names free text (``remark``, ``order_note``, ``备注``)."""
    words = key_words(key) if isinstance(key, str) else ()
    return bool(words) and words[-1] in _FREE_TEXT_WORDS


def names_products(keys: Any) -> bool:
    """One of ``keys`` names a product, a brand or a shop."""
    for key in keys:
        words = key_words(key) if isinstance(key, str) else ()
        if words and words[-1] in _PRODUCT_WORDS:
            return True
    return False


def whole_name(value: str) -> bool:
    """A Chinese ``value`` that is as a whole a person's name, read strictly (a free text's
    two or three characters are far more often a note than a name): a name by the bare-name
    screen, no brand, and no ordinary word in it."""
    value = value.strip()
    if not ("\u4e00" <= value[:1] <= "\u9fff" or value[:1] >= "\U00020000") \
            or not is_bare_name(value):
        return False
    core = _HONORIFIC_END.sub("", value) or value
    # (a common given name after the family name is no ordinary word there: 梁桂兰, 张建国)
    return not is_brand(core) and not is_brand(value) and not any(
        is_common_word(core[start:start + 2])
        and not (start >= 1 and core[start:start + 2] in _given_names())
        for start in range(len(core) - 1))


@cache
def _given_names() -> frozenset[str]:
    """Common Chinese given names (Faker's ``zh_CN`` list, read as data)."""
    from faker.providers.person.zh_CN import Provider

    return frozenset(Provider.first_names)
