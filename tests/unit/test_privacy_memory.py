"""Answers remembered per process, keyed by values read from data, can be forgotten."""

from __future__ import annotations

import importlib

from seamguard.privacy import Pseudonymizer, detect, forget_values, pseudonym_digits

# (the package's `detect` is the function; the module is reached by its full name)
detect_module = importlib.import_module("seamguard.privacy.detect")


def test_forget_values_empties_every_table_keyed_by_values() -> None:
    phone = "+86 139 1234 5678"
    assert detect(f"call {phone} today")
    Pseudonymizer(b"k").replace(detect(phone)[0].kind, phone)
    tables = (detect_module._spans.cache_info, pseudonym_digits._parse_typed.cache_info)
    assert all(info().currsize for info in tables)
    assert pseudonym_digits._AREAS

    forget_values()

    assert [info().currsize for info in tables] == [0, 0]
    assert detect_module._whole_kind.cache_info().currsize == 0
    assert not pseudonym_digits._AREAS


def test_answers_after_forgetting_are_the_same() -> None:
    texts = ["寄给 13912345678", "mail a.b@example.com", "order 20261206001"]
    found = [(text[span.start:span.end], span) for text in texts for span in detect(text)]
    first = [Pseudonymizer(b"k").replace(span.kind, value) for value, span in found]
    forget_values()
    assert [(text[span.start:span.end], span) for text in texts for span in detect(text)] == found
    assert [Pseudonymizer(b"k").replace(span.kind, value) for value, span in found] == first
