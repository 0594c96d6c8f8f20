"""A plan walks an embedded-document site's path with a walker compiled for it: the same values,
in the same order, as ``values_at`` finds, on generated instances and paths."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from seamguard.contracts.embedded import _Any, values_at
from seamguard.verify_gateway_documents import _walker

KEYS = st.sampled_from(["a", "b", "c"])
WILD = st.frozensets(KEYS, max_size=2).map(_Any)
TOKENS = KEYS | st.integers(0, 2) | WILD
# names around one ANY: the shape the compiled walk takes
NAMED = st.tuples(st.lists(KEYS, max_size=2), WILD, st.lists(KEYS, max_size=2)).map(
    lambda parts: (*parts[0], parts[1], *parts[2]))
INSTANCES = st.recursive(
    st.none() | st.integers() | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=20)


@settings(max_examples=400, deadline=None)
@given(path=NAMED | st.lists(TOKENS, min_size=1, max_size=5).map(tuple), instance=INSTANCES)
def test_the_compiled_walk_finds_what_values_at_finds(path: tuple[Any, ...],
                                                      instance: Any) -> None:
    assert _walker(path)(instance) == [value for _, value in values_at(path, instance)]


def test_the_usual_gateway_path_is_compiled() -> None:
    path = ("trades", "trade", _Any(), "trade_attr")
    walk = _walker(path)
    assert not hasattr(walk, "func")  # not the generic walk
    body = {"trades": {"trade": [{"trade_attr": "{}"}, {"x": 1}, 3, {"trade_attr": "[]"}]}}
    assert walk(body) == ["{}", "[]"]
