"""YAML ``<<`` merges of the mapping they stand in, or of one holding it: refused at the line of
the merge, never read as an empty or partial mapping."""

from __future__ import annotations

import pytest

from seamguard.documents import parse_text
from seamguard.errors import DocumentError


@pytest.mark.parametrize(("text", "line"), [
    ("a: &a\n  <<: *a\n", 2),  # PyYAML reads {"a": {}}
    ("a: &a\n  x: 1\n  <<: *a\n", 3),
    ("a: &a\n  <<: [*a]\n  y: 2\n", 2),
    ("b: &b {x: 1}\na: &a\n  <<: [*b, *a]\n", 3),
    ("&r\n<<: *r\nx: 1\n", 2),
    ("paths: &p {/orders: {<<: *p}}\n", 1),
])
def test_a_merge_of_itself_is_refused_at_its_line(text: str, line: int) -> None:
    with pytest.raises(DocumentError) as caught:
        parse_text(text, file="contracts/shop/v1/openapi.yaml")
    assert caught.value.line == line
    assert caught.value.hint
    assert "merge" in str(caught.value) or "recursive" in str(caught.value)


def test_a_merge_of_a_mapping_holding_it_names_the_loop() -> None:
    with pytest.raises(DocumentError) as caught:
        parse_text("a: &a\n  b:\n    <<: *a\n", file="x.yaml")
    assert "alias used inside the node its anchor names" in str(caught.value)
    assert caught.value.hint == "point the alias at a node defined outside this one"


def test_a_merge_of_another_mapping_still_reads() -> None:
    assert parse_text("b: &b {x: 1, y: 1}\na:\n  <<: *b\n  y: 2\n", file="x.yaml") == {
        "b": {"x": 1, "y": 1}, "a": {"x": 1, "y": 2}}
