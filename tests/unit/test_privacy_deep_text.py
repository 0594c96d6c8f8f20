"""Text nested deeper than a parse can go is scanned in linear time, not once per bracket."""

from __future__ import annotations

import json
from typing import Any

import pytest

from seamguard.privacy import json_text
from seamguard.privacy.json_text import array_fragments


class _Counting(json.JSONDecoder):
    calls = 0

    def raw_decode(self, s: str, idx: int = 0) -> tuple[Any, int]:
        type(self).calls += 1
        return super().raw_decode(s, idx)


def test_a_deep_nest_is_tried_once_not_at_every_bracket(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_text.json, "JSONDecoder", _Counting)
    _Counting.calls = 0
    deep = "[" * 20_000 + "]" * 20_000
    assert array_fragments(f'seen: {deep} and rows: [["SO-1", "6148737187"]]') == [
        (len(f"seen: {deep} and rows: "), len(f'seen: {deep} and rows: [["SO-1", "6148737187"]]'))]
    assert _Counting.calls <= 3


def test_shallow_arrays_inside_prose_are_still_found() -> None:
    text = 'rows: [["a", "b"]] then [[1]] and ["x"]'
    assert [text[a:b] for a, b in array_fragments(text)] == ['[["a", "b"]]', '[[1]]', '["x"]']
