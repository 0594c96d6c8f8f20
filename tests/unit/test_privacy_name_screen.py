"""The compiled screen in front of the search for a name by its company
(``seamguard._privscreen.may_name``) passes over an object only where
``RecordScrubber._bare_names`` finds no name in it: on generated objects of Latin names (titles,
suffixes, particles, accents, every Faker locale), Chinese names, street lines without a
number, contacts and ids as strings and ints, before and after their strings are remembered."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from faker import Faker
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seamguard.privacy import Pseudonymizer
from seamguard.privacy import settled_walk as settled_walk_module
from seamguard.privacy.policy import PrivacyPolicy
from seamguard.privacy.scan import Recogniser
from seamguard.privacy.scrubber import Scrubber
from seamguard.privacy.text_scrub import _NOTHING
from tests.support.compiled import accelerator

COMPILED = accelerator("_privscreen")


@pytest.fixture(autouse=True)
def _compiled(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(settled_walk_module, "may_name", COMPILED.may_name)
    return


def _faker_names() -> list[str]:
    names = []
    for locale in ("en_US", "fr_FR", "de_DE", "es_ES", "pt_BR", "it_IT", "nl_NL", "sv_SE",
                   "pl_PL", "ga_IE", "zh_CN", "ja_JP"):
        fake = Faker(locale)
        fake.seed_instance(11)
        names += [fake.name() for _ in range(6)] + [fake.street_name() for _ in range(2)]
    return names


NAMES = [*_faker_names(), "Dr. Anna Smith", "John Smith MD", "Jörg van der Berg",
         "O'Neil Brown", "McAdams Ryan", "Émile Zola-Marchand", "Mrs\u3000Jane Doe",
         "Josette Picard, PhD", "  Dr. Anna Smith", "Rua das Flores", "United States",
         "Invoice March", "Seamguard Demo", "WAP,WAP", "China", "Ab", "A b", "Ö ö", "Anna\tSmith",
         "Anna Smith\n", "Anna\nSmith", "Anna Smith 3", "Anna_Smith", "Anna Smith\u00d7", "王五",
         " 王五", "王五 ", "欧阳娜娜", "景德镇青花瓷杯", "山下 くみ子"]
CONTACTS = ["13812345678", "+86 138 1234 5678", "wang@corp.cn", "深圳市南山区科技园路1号",
            "110101199003074514", "Rua das Flores 12", "paid", "manual", "gid://shopify/1",
            "12345", "1234",
            # street lines without a number, shaped like Latin names: a contact by content
            "Rua das Flores", "Avenida Paulista", "Calle Mayor"]
KEYS = ["who", "x", "vendor", "lianxi", "memo2", "dh", "phone", "email", "note", "id",
        "title", "address", "contact", "k"]
VALUES = st.one_of(st.sampled_from(NAMES), st.sampled_from(CONTACTS),
                   st.integers(-10**12, 10**12), st.sampled_from([13812345678, 99999, 9999]),
                   st.none(), st.booleans(), st.text(alphabet="Aaé- .,'\tZz王1@", max_size=12))
SCRUBBERS = [Scrubber(PrivacyPolicy.default(), Pseudonymizer(b"screen test key")),
             Scrubber(PrivacyPolicy.default(), Recogniser(), on_hit=lambda hit: None)]


def _screened_only_where_no_name(scrubber: Scrubber, record: dict[str, Any]) -> None:
    plan = scrubber._plan(record)
    if not plan.bare:
        return
    found = scrubber._bare_names(record, plan)
    passed = not COMPILED.may_name(record, (scrubber._special_plan(plan)[0], plan.bare),
                                   _NOTHING)
    assert not (passed and found), (record, found)
    assert scrubber._names_by_company(record, plan) == found


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.dictionaries(st.sampled_from(KEYS), VALUES, min_size=1, max_size=6))
def test_the_name_screen_passes_over_no_name(record: dict[str, Any]) -> None:
    for scrubber in SCRUBBERS:
        _screened_only_where_no_name(scrubber, record)
        scrubber.value(record)  # its strings remembered
        _screened_only_where_no_name(scrubber, record)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("contact", [*CONTACTS, 13812345678])
def test_each_name_beside_each_contact(name: str, contact: Any) -> None:
    for scrubber in SCRUBBERS:
        for record in ({"who": name, "dh": contact}, {"who": name, "x": contact},
                       {"who": name, "phone": contact, "id": 123456789}):
            _screened_only_where_no_name(scrubber, record)
            scrubber.value(record)
            _screened_only_where_no_name(scrubber, record)


def test_the_screen_passes_over_what_holds_no_name() -> None:
    scrubber = SCRUBBERS[0]
    for record in ({"vendor": "China", "phone": "13812345678"},
                   {"vendor": "Taobao 3845120936412", "email": "wang@corp.cn"},
                   {"vendor": "WAP,WAP", "phone": "13812345678"}):
        plan = scrubber._plan(record)
        assert not COMPILED.may_name(record, (scrubber._special_plan(plan)[0], plan.bare),
                                     _NOTHING)
    # a street line shaped like a Latin name is still read as the sibling that holds a contact
    for record in ({"who": "王五", "x": "Rua das Flores"},
                   {"who": "Josette Picard", "x": "Avenida Paulista"}):
        plan = scrubber._plan(record)
        assert scrubber._bare_names(record, plan) == {"who"}
        assert COMPILED.may_name(record, (scrubber._special_plan(plan)[0], plan.bare), _NOTHING)
    # a remembered id beside a Latin name says nothing of a person
    record = {"who": "Josette Picard", "id": 123456789012}
    scrubber.value(record)
    plan = scrubber._plan(record)
    assert not COMPILED.may_name(record, (scrubber._special_plan(plan)[0], plan.bare), _NOTHING)
    assert scrubber._bare_names(record, plan) == frozenset()
