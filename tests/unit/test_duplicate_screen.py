"""The duplicate-key screen against a reference (``json`` with ``object_pairs_hook``) on
generated texts: it may flag a text without a repeat (the careful path then clears it), never
miss one, and every reader refuses exactly the texts with a repeat."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seamguard.document_duplicates import may_repeat_keys, refuse_duplicates
from seamguard.documents import (
    DuplicateKeyError,
    loads_embedded,
    loads_json,
    loads_json_screened,
)

# Spellings of a few keys: the same key written plainly and escaped, keys holding colons
# (plain and as \u003a), a key that is a prefix of another.
KEYS = ['"a"', '"\\u0061"', '"A"', '"\\u0041"', '"a:b"', '"a\\u003ab"', '"a\\u003Ab"', '"ab"',
        '"\\/"', '"/"', '"\\""', '":"', '""']
SCALARS = ['1', '-0', '1.5e3', '1' + '0' * 25, '-' + '9' * 30, 'true', 'false', 'null', '"x"',
           '":"', '"10:02:03"', '"\\u003a"', '"\\ud800"', '"\\ud83d\\ude00"', '"\\u00e9:"',
           '"深圳:"', '"{\\"a\\": 1, \\"a\\": 2}"', '"\\\\u003a"']
SPACES = st.sampled_from(["", " ", "\n", " \t"])


def _texts() -> st.SearchStrategy[str]:
    def containers(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        member = st.tuples(st.sampled_from(KEYS), SPACES, children)
        objects = st.lists(member, max_size=5).map(
            lambda items: "{" + ",".join(f"{k}{s}:{s}{v}" for k, s, v in items) + "}")
        arrays = st.lists(children, max_size=4).map(lambda items: "[" + ", ".join(items) + "]")
        return objects | arrays

    return st.recursive(st.sampled_from(SCALARS), containers, max_leaves=12)


def _repeats(text: str) -> bool:
    """The reference: does some object of ``text`` name a key twice?"""
    found = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal found
        made = dict(items)
        found = found or len(made) != len(items)
        return made

    json.loads(text, object_pairs_hook=pairs)
    return found


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts())
def test_the_screen_never_misses_a_repeat(text: str) -> None:
    value = json.loads(text)
    escapes = "\\u" in text
    if _repeats(text):
        assert may_repeat_keys(text, value, escapes=escapes)
        with pytest.raises(DuplicateKeyError):
            refuse_duplicates(text, value, escapes=escapes)
    else:
        refuse_duplicates(text, value, escapes=escapes)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts())
def test_every_reader_refuses_exactly_the_texts_with_a_repeat(text: str) -> None:
    repeats = _repeats(text)
    readers = [loads_json, lambda t: loads_json_screened(t)[0]]
    if "\\u" not in text and re.search(r"[0-9]{19}", text) is None:
        # loads_embedded reads only what a screened text holds
        readers.append(loads_embedded)
    for read in readers:
        try:
            read(text)
        except DuplicateKeyError:
            assert repeats, text
        except ValueError:  # a lone surrogate: refused before any repeat is looked for
            assert "\\ud800" in text
        else:
            assert not repeats, text


@pytest.mark.parametrize("text", [
    '{"a": 1, "\\u0061": 2}',  # the same key, escaped once: a repeat
    '{"a": {"b": 1, "b": 2}}',  # nested under an object with one key
    '{"a": 1, "b": {"c": 1, "c": 1}}',  # colons 4, top-level keys 2: not cleared early
    '[{"a": 1, "a": 1}]',
    '{"k": "\\u003a", "k": 2}',  # an escaped colon makes up for the dropped key's colon
])
def test_small_documents_with_a_repeat_are_flagged(text: str) -> None:
    assert may_repeat_keys(text, json.loads(text))


@pytest.mark.parametrize("text", [
    '{"a": 1, "b": 2}',  # as many colons as keys: cleared without writing it out
    '{"a": "1:2"}',  # one key
    '[":", ":"]',  # no object
    '{"a": []}',
])
def test_documents_without_a_repeat_are_cleared(text: str) -> None:
    assert not may_repeat_keys(text, json.loads(text))
