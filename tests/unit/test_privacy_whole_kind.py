# ruff: noqa: RUF001
"""The kind of a whole value is found without the detectors that could not change it.

``whole_kind`` stops running detectors once a span of the whole value ranks at least as high
as anything they could add. The reference is the kind read off every detector's resolved
spans (``spans``), on Faker values of fifteen locales (names, addresses, phones, e-mails,
cards, IBANs, addresses of IP, plates, companies, sentences), Chinese ID and phone numbers in
several spellings, values glued together, and hostile strings; no detector gives an empty span,
which the shortcut relies on.
"""

from __future__ import annotations

import importlib
import random

import pytest
from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard.privacy.detect import Kind, spans, whole_kind

_detect = importlib.import_module("seamguard.privacy.detect")
_LOCALES = ("zh_CN", "zh_TW", "en_US", "en_GB", "de_DE", "fr_FR", "it_IT", "es_ES", "pt_BR",
            "ja_JP", "ko_KR", "pl_PL", "ru_RU", "tr_TR", "nl_NL")
_REGIONS = (("CN",), ("CN", "HK", "US"), ("CN", "TW", "JP", "KR"))


def _reference(text: str, regions: tuple[str, ...]) -> Kind | None:
    found = spans(text, regions)
    if len(found) != 1:
        return None
    stripped = text.strip()
    offset = len(text) - len(text.lstrip())
    span = found[0]
    return span.kind if (span.start, span.end) == (offset, offset + len(stripped)) else None


def _values() -> list[str]:
    rng = random.Random(61)
    values: list[str] = []
    for locale in _LOCALES:
        fake = Faker(locale)
        fake.seed_instance(67)
        for _ in range(30):
            values += [fake.name(), fake.address(), fake.phone_number(), fake.email(),
                       fake.company(), fake.sentence(), fake.credit_card_number(),
                       fake.iban(), fake.ipv4_public(), fake.license_plate(), fake.street_address(),
                       fake.date_time().isoformat()]
    zh = Faker("zh_CN")
    zh.seed_instance(71)
    for _ in range(150):
        phone, ssn = zh.phone_number(), zh.ssn()
        values += [phone, "+86" + phone, "0086 " + phone, f"{phone[:3]}-{phone[3:7]}-{phone[7:]}",
                   ssn, ssn[:6] + " " + ssn[6:14] + " " + ssn[14:], f"{zh.name()} {phone}",
                   f"{zh.address()} {zh.name()}", f"{zh.name()}先生", f"收件人: {zh.name()}",
                   str(rng.randrange(10**6, 10**19)), f"{rng.randrange(10**10)}.0",
                   f"sk_live_{rng.randrange(10**20)}", f"{phone}@qq.com"]
    alphabet = "0123456789+-(). @:：_abcxyzABCXYZ省市路号栋室张伟李娜收様수령인ул"
    values += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 30)))
               for _ in range(600)]
    return values


_VALUES = _values()


@pytest.mark.parametrize("regions", _REGIONS)
def test_whole_kind_equals_the_kind_read_off_every_span(regions: tuple[str, ...]) -> None:
    kinds = set()
    for value in _VALUES:
        expected = _reference(value, regions)
        assert whole_kind(value, regions) == expected, value
        kinds.add(expected)
    assert {Kind.PHONE, Kind.EMAIL, Kind.ADDRESS, Kind.ID_NUMBER, Kind.CARD,
            Kind.SECRET, None} <= kinds


def test_no_detector_gives_an_empty_span() -> None:
    for value in _VALUES:
        for regions in _REGIONS:
            for identifiers in (False, True):
                found = _detect._found(value, regions, identifiers)
                assert all(span.end > span.start for span in found), value


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789+-()./@ ：:_abAB张伟李省市路号栋收先生联系人电话", min_size=5,
               max_size=40))
def test_whole_kind_on_generated_text(text: str) -> None:
    assert whole_kind(text) == _reference(text, ("CN",))
