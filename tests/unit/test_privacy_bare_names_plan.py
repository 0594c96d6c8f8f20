"""``RecordScrubber._bare_names`` reads what depends on an object's keys alone once per plan
(whether a key names free text, which siblings may say the object describes a person): on
generated objects (Faker names and contacts of several locales, wrapped widget values, lists
and objects of contacts, remarks, secrets, product keys) it finds the names the reading of every
key on every call finds, and asks the same siblings for a contact, in the same order."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from faker import Faker
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seamguard.privacy import Pseudonymizer
from seamguard.privacy.free_text_names import free_text_key, names_products, whole_name
from seamguard.privacy.holders import unwrapped
from seamguard.privacy.names import is_bare_name
from seamguard.privacy.policy import PrivacyPolicy
from seamguard.privacy.record_keys import (
    _CJK_START,
    _PERSON_CONTEXT,
    _han_first,
    _latin_person,
    _name_length,
)
from seamguard.privacy.records import _Plan
from seamguard.privacy.scan import Recogniser
from seamguard.privacy.scrubber import Scrubber


def _reference(scrubber: Scrubber, value: Mapping[Any, Any], plan: _Plan) -> frozenset[Any]:
    """Every key read on every call, as the search was written first."""
    if not plan.bare:
        return frozenset()
    items = [unwrapped(item) for item in value.values()]
    candidates = []
    for index in plan.bare:
        item = items[index]
        if free_text_key(plan.entries[index][0]):
            if type(item) is str and (whole_name(item) or _latin_person(item)) \
                    and not names_products(value):
                candidates.append(index)
            continue
        if type(item) is str and ((_name_length(item) and (
                "\u4e00" <= item[0] <= "\u9fff" or item[0] >= "\U00020000"
                or (item[0].isspace() and _CJK_START.match(item))))
                or _latin_person(item)):
            candidates.append(index)
    if not candidates:
        return frozenset()
    for index, ((_, info, _, _, _), item) in enumerate(zip(plan.entries, items, strict=True)):
        if index in candidates:
            continue
        if info.kind in _PERSON_CONTEXT or (
                type(item) in (str, int) and info.secret is None
                and scrubber._holds_contact(str(item), info)) or (
                type(item) is dict and info.secret is None
                and scrubber._contact_object(item)) or (
                type(item) is list and info.secret is None and any(
                    type(part) is str and scrubber._holds_contact(part, info)
                    for part in item[:4])):
            return frozenset(plan.entries[index][0] for index in candidates
                             if is_bare_name(items[index])
                             or not _han_first(items[index].lstrip()))
    return frozenset()


def _faker_values() -> list[Any]:
    values: list[Any] = []
    for locale in ("zh_CN", "en_US", "fr_FR", "de_DE", "ja_JP", "pt_BR", "es_ES", "zh_TW"):
        fake = Faker(locale)
        fake.seed_instance(5)
        for _ in range(4):
            values += [fake.name(), fake.last_name() + fake.first_name(), fake.phone_number(),
                       fake.email(), fake.address(), fake.street_name(), fake.company()]
    return values


FAKER = _faker_values()
PLAIN = ["王五", " 王五", "欧阳娜娜", "阿依古丽·吐尔逊", "Josette Picard", "Dr. Anna Smith",
         "Invoice March", "景德镇青花瓷杯", "13812345678", "wang@corp.cn", "110101199003074514",
         "深圳市南山区科技园路1号", "paid", "", "Rua das Flores", "𠮷野家"]
STRINGS = st.sampled_from(FAKER + PLAIN)
VALUES = st.recursive(
    st.one_of(STRINGS, st.integers(-10**12, 10**12), st.sampled_from([13812345678, 99999]),
              st.none(), st.booleans(), st.builds(lambda text: {"value": text}, STRINGS)),
    lambda inner: st.one_of(st.lists(inner, max_size=5),
                            st.dictionaries(st.sampled_from(["phone", "value", "x", "street"]),
                                            inner, max_size=3)),
    max_leaves=6)
KEYS = ["who", "x", "vendor", "lianxi", "dh", "phone", "email", "note", "remark", "备注", "id",
        "address", "password", "token", "product_name", "brand", "k", "verified", "shop"]
SCRUBBERS = [Scrubber(PrivacyPolicy.default(), Pseudonymizer(b"bare names key")),
             Scrubber(PrivacyPolicy.default(), Recogniser(), on_hit=lambda hit: None)]


def _asked(scrubber: Scrubber, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Each sibling asked for a contact, in order."""
    asked: list[Any] = []
    holds, contact = scrubber._holds_contact, scrubber._contact_object

    def holds_contact(text: str, info: Any) -> bool:
        asked.append(("text", text, info))
        return holds(text, info)

    def contact_object(value: Mapping[Any, Any]) -> bool:
        asked.append(("object", id(value)))
        return contact(value)

    monkeypatch.setattr(scrubber, "_holds_contact", holds_contact)
    monkeypatch.setattr(scrubber, "_contact_object", contact_object)
    return asked


def _same(record: dict[Any, Any]) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        for scrubber in SCRUBBERS:
            asked = _asked(scrubber, monkeypatch)
            for plan in (scrubber._plan(record), scrubber._plan(record, held=True)):
                for _ in range(2):  # the plan's screen computed, then reused
                    asked.clear()
                    expected = _reference(scrubber, record, plan)
                    before = list(asked)
                    asked.clear()
                    assert scrubber._bare_names(record, plan) == expected, record
                    assert asked == before, record
            scrubber.value(record)  # its strings remembered: asked again through the caches


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.dictionaries(st.sampled_from(KEYS), VALUES, min_size=1, max_size=7))
def test_the_keys_read_once_find_the_same_names(record: dict[Any, Any]) -> None:
    _same(record)


@pytest.mark.parametrize("name", FAKER[::3] + PLAIN)
def test_each_name_beside_contacts(name: str) -> None:
    for record in ({"who": name, "dh": "13812345678"}, {"remark": name, "phone": 1},
                   {"who": {"value": name}, "x": ["wang@corp.cn"]},
                   {"x": name, "password": "13812345678", "k": {"phone": "13912345678"}},
                   {"remark": name, "product_name": "杯", "email": "a@b.cn"},
                   {"who": name, "x": name, "y": "Josette Picard", "address": None}):
        _same(record)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="王五 ·・‧•A-z\u3000", max_size=24) | st.sampled_from(FAKER + PLAIN))
def test_the_name_length_test_answers_as_written(text: str) -> None:
    assert _name_length(text) == (2 <= len(text) <= 6 or (len(text) <= 20 and any(
        dot in text for dot in ("\u00b7", "\u30fb", "\u2027", "\u2022"))))
