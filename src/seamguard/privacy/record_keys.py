"""What a record's keys and items say: a value named by its sibling, name-shaped cells, keys
naming a thing, and the parts of an address or a phone number spread over sibling keys.

Read by :mod:`seamguard.privacy.records` when it plans how to walk one set of keys.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from seamguard.privacy.detect import Kind, is_bare_name
from seamguard.privacy.holders import valued_by_holder
from seamguard.privacy.latin_names import known_given
from seamguard.privacy.names import _latin_words, _ordinary_words
from seamguard.privacy.policy import KeyInfo, key_words
from seamguard.privacy.text_scrub import _PERSON_NAME

__all__ = ["listed_names", "local_number_keys", "valued_by_holder"]

# Object keys whose value is named by a sibling: HubSpot's {"idProperty": "email", "id": "..."}.
# And a contact method's value named by its type: {"type": "wechat", "value": "…"},
# {"label": "mobile", "number": "…"}, a form field list's {"name": "password", "value": "…"},
# a form builder's widget {"title": "姓名", "value": "…"} (Jiandaoyun, Tally, Typeform).
# An ``id`` named by its ``type``, ``kind``, ``channel`` or ``platform`` is an account there only
# when that names a messenger or contact channel ({"type": "qq", "id": "…"}); a ``type`` beside an
# ``id`` is too common a shape (a record's type) to read every such object as named, and a
# ``line`` type is an order's or an invoice's line as often as the messenger.
_NAMED_BY: Mapping[str, tuple[str, ...]] = {
    "id": ("idProperty", "type", "kind", "channel", "platform"),
    "value": ("type", "kind", "label", "channel", "name", "field", "key", "property", "title",
              "caption", "field_name", "fieldName", "question", "platform"),
    "number": ("type", "kind", "label", "channel"),
    "account": ("type", "kind", "channel", "platform"),
    "handle": ("type", "kind", "channel", "platform")}


_CHANNEL_WORDS = frozenset({"qq", "wechat", "weixin", "wx", "vx", "wxid", "alipay", "zhifubao",
                            "whatsapp", "line", "telegram", "skype", "kakaotalk", "dingtalk",
                            "wangwang", "aliwangwang", "email", "mail", "phone", "mobile", "tel",
                            "sms", "signal"})
# Messengers and payment apps whose account a sibling names ({"kind": "telegram", "id": "…"}):
# the value is read as an account (a WhatsApp id is its phone number, read as a phone). Their
# names are no keys the policy knows as accounts (a ``line`` or ``alipay`` key is as often an
# order line or a payment method), so the value is read under an account key.
_ACCOUNT_KINDS = frozenset({"qq", "wechat", "weixin", "wx", "vx", "wxid", "wangwang",
                            "aliwangwang", "line", "telegram", "alipay", "zhifubao", "skype",
                            "kakaotalk", "dingtalk", "signal"})
_ACCOUNT_KEY = "messenger_account"
# (siblings that name the value only when they name a channel or an account kind)
_CHANNEL_ONLY = {"id": frozenset({"type", "kind", "channel", "platform"}),
                 "value": frozenset({"platform"})}


def _namer(value: Mapping[Any, Any], key: Any) -> str | None:
    """The sibling string that names what ``value[key]`` holds, if any."""
    for sibling in _NAMED_BY.get(key, ()) if isinstance(key, str) else ():
        name = value.get(sibling)
        if isinstance(name, str) and name:
            word = "".join(key_words(name))
            if sibling in _CHANNEL_ONLY.get(key, ()) and (
                    word not in _CHANNEL_WORDS or (sibling == "type" and word == "line")):
                continue
            return _ACCOUNT_KEY if word in _ACCOUNT_KINDS else name
    return None


# A Latin full name as a whole cell: two or three capitalised words.
# (two to four capitalised words, accented letters and particles too: "David Chevalier Le
# Gilles", "Jörg van der Berg")
_LATIN_PERSON = re.compile(
    r"(?:Mc|Mac|O')?[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+(?:[ -](?:(?:van|von|de|der|den|del|della|di|da|du"
    r"|dos|das|le|la|ter|ten|'t) )*(?:Mc|Mac|O')?[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]+){1,3}")
_PERSON_CONTEXT = frozenset({Kind.PHONE, Kind.EMAIL, Kind.ID_NUMBER, Kind.ADDRESS,
                             Kind.ACCOUNT})
def _han_first(text: str) -> bool:
    """``text`` starts with a Chinese character (a rare one beyond the BMP too: 𠮷)."""
    return "\u4e00" <= text[:1] <= "\u9fff" or text[:1] >= "\U00020000"


_CJK_START = re.compile(r"\s*[\u4e00-\u9fff\U00020000-\U0003134f]")
# Last words of keys that name a thing, not a person: a brand named after its founder (王老吉,
# 李宁) in a product title beside the shop's phone is no one's name.
_THING_WORDS = frozenset({
    "title", "product", "products", "item", "items", "goods", "sku", "spu", "brand", "shop",
    "store", "seller", "merchant", "city", "province", "district", "county", "town", "country",
    "region", "area", "status", "state", "type", "category", "cat", "color", "colour", "size",
    "unit", "spec", "specs", "model", "desc", "description", "subject", "tag", "tags", "label",
    "channel", "source", "platform", "company", "corp", "carrier", "express", "logistics",
    "bank", "warehouse", "payment", "pay", "method", "currency", "message", "msg", "error",
    "reason", "result", "remark", "memo", "note", "notes", "comment", "summary", "content",
    "text", "body", "商品", "标题", "品牌", "店铺", "状态", "类型", "备注", "城市", "省份"})


# A title before a Latin name and a suffix after it ("Dr. Anna Smith", "John Smith MD").
_TITLED = re.compile(r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+)?(?P<core>.+?)"
                     r"(?:,?\s+(?:Jr|Sr|II|III|IV|MD|DDS|DVM|PhD|MBA|Esq)\.?)?")


_CAPITAL_FIRST = re.compile(r"[A-ZÀ-ÖØ-Þ]").fullmatch


def _latin_person(item: str) -> bool:
    """A Latin name as a whole value, with a title or a suffix, starting with a given name some
    locale knows (not "Invoice March")."""
    # (what every match needs: a blank or a hyphen between two words, and a capital first, a
    # title's or the name's; most values fail here, before the two searches)
    if " " not in item and "-" not in item:
        return False
    stripped = item.strip()
    if not stripped or not _CAPITAL_FIRST(stripped[0]):
        return False
    match = _TITLED.fullmatch(stripped)
    core = match.group("core") if match else item
    return bool(_LATIN_PERSON.fullmatch(core)) and known_given(core.split()[0].split("-")[0]) \
        and not _ordinary_words(core)


def listed_names(item: Any) -> bool:
    """A person's names listed under a name key (``{"names": ["山下 くみ子"], "phone": …}``)."""
    return type(item) is list and bool(item) and all(
        type(part) is str and (_PERSON_NAME.match(part.strip()) is not None
                               or is_bare_name(part)) for part in item)


def _name_length(item: str) -> bool:
    """Long enough and short enough for a Chinese name: two to six characters, or up to twenty
    with a middle dot between its parts (阿依古丽·吐尔逊)."""
    length = len(item)
    return 2 <= length <= 6 or (length <= 20 and (
        "\u00b7" in item or "\u30fb" in item or "\u2027" in item or "\u2022" in item))


def _keyed_by_person(key: Any, value: Mapping[Any, Any]) -> bool:
    """A map keyed by people (``{"张伟": {...}}``, ``{"Emily Carter": [...]}``): among keys
    the policy does not know, one shaped as a whole like a Chinese name (a family name first,
    no ordinary word) or a Latin full name (a given name first, a family name last), holding a
    record or a list of them."""
    if not isinstance(key, str) or not isinstance(value[key], Mapping | list):
        return False
    if is_bare_name(key):
        return True
    words = key.split()
    return 2 <= len(words) <= 3 and all(word[:1].isupper() and word[1:].islower()
                                        for word in words) \
        and known_given(words[0]) and words[-1].lower() in _latin_words()[1] \
        and not _ordinary_words(key)


def _names_a_thing(key: Any) -> bool:
    words = key_words(key) if isinstance(key, str) else ()
    return bool(words) and words[-1] in _THING_WORDS


_STREET_LINE = KeyInfo(kind=Kind.ADDRESS)
_REGION_WORDS = frozenset({"province", "city", "district", "county", "state", "region", "town",
                           "prefecture", "suburb", "zip", "postcode", "postal", "country",
                           "省", "市", "区", "县", "省份", "城市", "区县"})
# (a numbered "line1", "line2"; a bare "line" may be a carrier's route)
_STREET_PARTS = frozenset({"detail", "details", "street", "house", "building", "room", "详细",
                           "详情", "街道"})


_LOCAL_NUMBER = KeyInfo(kind=Kind.PHONE)
# (a bare "area" is as often a district: {"prov", "city", "area", "detail"})
_AREA_CODE_KEYS = frozenset({"zone", "areacode", "zonecode", "dialcode", "quhao", "区号",
                             "telarea", "phonearea"})
_LOCAL_NUMBER_KEYS = frozenset({"number", "local", "localnumber", "subscriber", "haoma", "号码",
                                "telno", "telnumber", "phoneno", "phonenumber"})


# A phone number message (libphonenumber's PhoneNumber as protobuf JSON: {"countryCode": 853,
# "nationalNumber": "66123456"}): a country code makes only a *national* number a phone's (a
# bare "number" beside a country is as often a house number).
_COUNTRY_CODE_KEYS = frozenset({"countrycode", "countrycallingcode", "callingcode",
                                "dialingcode"})
_NATIONAL_NUMBER_KEYS = frozenset({"nationalnumber", "nationalsignificantnumber"})


def _joined(key: Any) -> str:
    return "".join(key_words(key)) if isinstance(key, str) else ""


def local_number_keys(keys: tuple[Any, ...]) -> frozenset[Any]:
    """The keys of ``keys`` holding the local part of a phone split in parts: beside an area
    code (``zone``, ``areaCode``) a ``number``, beside a country code a ``nationalNumber``."""
    joined = [_joined(key) for key in keys]
    if any(word in _AREA_CODE_KEYS for word in joined):
        return frozenset(key for key, word in zip(keys, joined, strict=True)
                         if word in _LOCAL_NUMBER_KEYS or word in _NATIONAL_NUMBER_KEYS)
    if any(word in _COUNTRY_CODE_KEYS for word in joined):
        return frozenset(key for key, word in zip(keys, joined, strict=True)
                         if word in _NATIONAL_NUMBER_KEYS)
    return frozenset()


def _region_key(key: Any) -> bool:
    return isinstance(key, str) and bool(key_words(key)) and key_words(key)[0] in _REGION_WORDS


def _street_part(key: Any) -> bool:
    words = key_words(key) if isinstance(key, str) else ()
    if len(words) >= 2 and words[-1].isdigit() and words[-2] == "line":
        return True
    # (WeChat shop's "detail_info" beside "province_name")
    return bool(words) and (words[-1] in _STREET_PARTS or "".join(words) in _STREET_PARTS
                            or (len(words) == 2 and words[0] in _STREET_PARTS
                                and words[1] in ("info", "text", "name", "line")))
