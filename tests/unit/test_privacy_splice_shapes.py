"""The compiled write-back (``seamguard._privsplice.splice``) looks a literal up only when its
length, first and last characters are those of some planned string; that screen must never
hide a literal the Python reference (``json_text._splice``) replaces. Generated texts of every
string width (ASCII, Latin-1, Chinese, beyond the BMP), planned strings that share a length, a
first or a last character, or only the low byte of one (``a`` and ``š``, U+0061 and U+0161),
the empty string, and literals longer than the screen's table of lengths."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard.privacy.json_text import _splice
from tests.support.compiled import accelerator

SPLICE = accelerator("_privsplice").splice

# U+0061/U+0161/U+0561 share their low byte, as U+738B (王) and U+008B do; 𠮷 is beyond the BMP
_ALPHABET = "aš \u0561王\x8b五𠮷1 3x"
_LONG = "长" * 1023 + "a", "长" * 1024, "a" * 1500, "a" * 1499 + "b"
_STRINGS = st.one_of(st.text(_ALPHABET, max_size=6), st.sampled_from(_LONG))


@st.composite
def _cases(draw: st.DrawFn) -> tuple[str, dict[str, list[Any]]]:
    literals = draw(st.lists(_STRINGS, min_size=1, max_size=12))
    text = json.dumps(literals, ensure_ascii=False, indent=draw(st.sampled_from([None, 1])))
    olds = draw(st.lists(st.one_of(st.sampled_from(literals), _STRINGS), max_size=5,
                         unique=True))
    plan = {old: [json.dumps(f"<{old[:8]}>", ensure_ascii=False), draw(st.integers(0, 3))]
            for old in olds}
    return text, plan


@settings(max_examples=500, deadline=None)
@given(_cases())
def test_the_screened_splice_equals_the_python_one(case: tuple[str, dict[str, list[Any]]]
                                                   ) -> None:
    text, plan = case
    mine, theirs = copy.deepcopy(plan), copy.deepcopy(plan)
    got = SPLICE(text, mine)
    assert got == _splice(text, theirs)
    if got is not None:
        assert mine == theirs  # the counts left


def test_literals_sharing_a_low_byte_or_a_length_are_told_apart() -> None:
    text = json.dumps(["a", "š", "\u0561", "王", "\x8b", "𠮷", "", "ab", "a" * 1500],
                      ensure_ascii=False)
    plan = {"š": ['"S"', 1], "𠮷": ['"J"', 1], "": ['"E"', 1], "a" * 1500: ['"L"', 1]}
    assert SPLICE(text, plan) == json.dumps(
        ["a", "S", "\u0561", "王", "\x8b", "J", "E", "ab", "L"], ensure_ascii=False)
    assert all(count == 0 for _encoded, count in plan.values())
