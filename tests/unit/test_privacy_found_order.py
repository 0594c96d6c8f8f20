"""What the detectors give for a whole value, ranked as they go: the rank read off only the
spans found since the last look is the rank read off all of them, and the precompiled cues
answer as the patterns they stand for."""

from __future__ import annotations

import importlib
import re

from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard.privacy import obfuscated
from seamguard.privacy.names import CJK

# (the module: the package exports a function named ``detect``)
detect = importlib.import_module("seamguard.privacy.detect")
_detect = vars(detect)


def _samples() -> list[str]:
    values = ["一三八一二三四五六七八", "幺三8 1234 5678", "wang(at)corp(dot)cn", "zhang [at] x.cn",
              "张伟 13812345678", "北京市朝阳区建国路88号", "13812345678", "+86 138 1234 5678",
              "110101199003074578", "4111111111111111", "wang@corp.cn 13812345678 张伟"]
    for locale in ("zh_CN", "zh_TW", "en_US", "de_DE", "ja_JP"):
        fake = Faker(locale)
        fake.seed_instance(3)
        for _ in range(30):
            values += [fake.name(), fake.address(), fake.phone_number(), fake.email(),
                       f"{fake.name()} {fake.phone_number()}", fake.street_address()]
    return values


def _ranked_once(found: list[detect.Span], length: int) -> int:
    return min((_detect["_PRIORITY"][span.kind] for span in found
                if span.start == 0 and span.end == length), default=_detect["_NO_RANK"])


def test_whole_text_rank_equals_rank_of_every_span() -> None:
    found_fn = _detect["_found"]
    for value in _samples():
        text = value.strip()
        if not text:
            continue
        whole = found_fn(text, ("CN",), False, whole=True)
        every = found_fn(text, ("CN",), False)
        # skipping detectors never loses the best span of the whole text
        assert _ranked_once(whole, len(text)) == _ranked_once(every, len(text)), text
        assert detect.whole_kind(text) == (
            _detect["_resolve"](every)[0].kind
            if len(_detect["_resolve"](every)) == 1
            and _detect["_resolve"](every)[0].start == 0
            and _detect["_resolve"](every)[0].end == len(text) else None), text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 -零一幺二两三四五六七八九\u3007at()[]{}@.张伟abc艾特",
               max_size=30))
def test_precompiled_cues_answer_as_their_patterns(text: str) -> None:
    assert (_detect["_SPELT_EMAIL"].search(text) is None) == (
        re.search(obfuscated.SPELT_EMAIL_CUE, text) is None)
    assert (_detect["_CJK_CHAR"].search(text) is None) == (re.search(f"[{CJK}]", text) is None)
    assert (obfuscated._NUMERAL.search(text) is None) == (
        not any(char in obfuscated._NUMERALS for char in text))
