"""A Chinese mobile written whole with its calling code is found without phonenumbers' matcher,
and the phones found are those the matcher path finds (reference: the same search with the
shortcut off), on generated numbers of every prefix, valid or not, and strings around them."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard.privacy import phones
from seamguard.privacy.detect import fold


def _both(text: str, regions: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    folded = fold(text)
    fast = list(phones.phone_spans(folded, regions))
    with monkeypatch.context() as patch:
        patch.setattr(phones, "_whole_mobile_found", lambda folded, seen: False)
        slow = list(phones.phone_spans(folded, regions))
    assert fast == slow, text


def _texts() -> list[str]:
    rng = random.Random(53)
    texts = []
    for _ in range(400):
        digits = "1" + str(rng.randrange(10)) + "".join(str(rng.randrange(10)) for _ in range(9))
        lead = rng.choice(["+86", "0086", "+86 ", "86", "+852", "+", "+\uff18\uff16"])
        texts.append(lead + digits)
        texts.append(lead + digits + str(rng.randrange(10)))
        texts.append(lead + digits[:-1])
    return texts


@pytest.mark.parametrize("regions", [("CN",), ("CN", "HK", "US"), ("CN", "TW")])
def test_calling_code_mobiles_are_found_as_by_the_matcher(
        regions: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    for text in _texts():
        _both(text, regions, monkeypatch)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["+86", "0086", "+"]),
       st.text(alphabet="0123456789", min_size=9, max_size=14),
       st.sampled_from(["", " ", "x", "/", " 13912345678"]))
def test_generated_calling_code_runs(lead: str, digits: str, tail: str) -> None:
    monkeypatch = pytest.MonkeyPatch()
    try:
        _both(lead + digits + tail, ("CN",), monkeypatch)
    finally:
        monkeypatch.undo()
