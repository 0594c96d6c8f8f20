"""A block-style document nested deeper than the parser recurses is refused at the line where
it passes the limit, not at the file alone."""

from __future__ import annotations

import pytest

from seamguard.document_parsing import parse_text
from seamguard.errors import DocumentError


def test_deep_block_mappings_name_the_line() -> None:
    head = "interactions: []\nversion: 1\nrest:\n"
    text = head + "".join("  " * (n + 1) + f"k{n}:\n" for n in range(3000))
    with pytest.raises(DocumentError) as caught:
        parse_text(text, file="orders.yaml", max_depth=128)
    assert caught.value.line is not None
    assert 100 < caught.value.line < 140


def test_deep_block_sequences_name_the_line() -> None:
    text = "".join("  " * n + "-\n" for n in range(3000))
    with pytest.raises(DocumentError) as caught:
        parse_text(text, file="orders.yaml", max_depth=64)
    assert caught.value.line is not None
    assert caught.value.line <= 70
