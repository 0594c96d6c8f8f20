# ruff: noqa: RUF001
"""What follows a phone number in a shop note: a name goes, the note's time words stay."""

from __future__ import annotations

import pytest

from seamguard.privacy import mask_text
from seamguard.privacy.lexicon import starts_with_time_word
from tests.support.after_phone_notes import score


@pytest.mark.parametrize("note", [
    "请联系13812345678明天到", "电话13812345678 明天到", "13812345678周一到",
    "13812345678马上到", "13812345678，明早送", "13912345678下周发货", "13812345678凌晨到",
])
def test_time_words_after_a_phone_stay(note: str) -> None:
    masked = mask_text(note)
    assert "13812345678" not in masked
    assert "13912345678" not in masked
    assert masked.endswith(note[-3:])


@pytest.mark.parametrize(("note", "name"), [
    ("13812345678张伟", "张伟"), ("13812345678 王秀英", "王秀英"),
    ("电话13812345678，陈怡君", "陈怡君"),
    ("13812345678明慧", "明慧"), ("13812345678周杰", "周杰"), ("13812345678马丽", "马丽"),
])
def test_names_after_a_phone_still_go(note: str, name: str) -> None:
    assert name not in mask_text(note)


def test_time_words() -> None:
    assert starts_with_time_word("明天到")
    assert starts_with_time_word("马上")
    assert not starts_with_time_word("明慧")
    assert not starts_with_time_word("周杰伦")


def test_generated_notes() -> None:
    left, lost = score(8101)
    assert left == []
    assert lost == []
