from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seamguard.errors import UsageError
from seamguard.mapping.engine import compile_mapping
from seamguard.mapping.paths import compile_getter, parse_path
from seamguard.mapping.spec import MappingSpec


def spec(fields: list[dict[str, Any]], **extra: Any) -> MappingSpec:
    return MappingSpec.model_validate({
        "source": {"contract": "a@v1", "schema": "#/components/schemas/A"},
        "target": {"contract": "b@v1", "schema": "#/components/schemas/B"},
        "identity": {"source": "id", "target": "id"},
        "fields": fields,
        **extra,
    })


@pytest.mark.parametrize("path", ["", ".a", "a.", "a..b", "a[0]", "a[]]"])
def test_malformed_paths(path: str) -> None:
    with pytest.raises(ValueError, match="malformed"):
        parse_path(path)


def test_getters_walk_objects_and_lists() -> None:
    record = {"customer": {"phone": "1"}, "items": [{"sku": "a"}, {"sku": "b"}, {}]}
    assert compile_getter("customer.phone")(record) == "1"
    assert compile_getter("customer.missing.deeper")(record) is None
    assert compile_getter("items[].sku")(record) == ["a", "b", None]
    assert compile_getter("nothing[].sku")(record) is None


def test_rules_run_in_dependency_order() -> None:
    compiled = compile_mapping(spec([
        {"target": "greeting", "source": "$target.name", "transforms": ["upper"]},
        {"target": "name", "source": "first", "transforms": ["trim"]},
    ]))
    assert compiled.apply({"first": " li "})[0] == {"greeting": "LI", "name": "li"}


def test_a_cycle_is_refused() -> None:
    with pytest.raises(UsageError, match="circle"):
        compile_mapping(spec([
            {"target": "a", "source": "$target.b"},
            {"target": "b", "source": "$target.a"},
        ]))


def test_unknown_transform_suggests_the_nearest() -> None:
    with pytest.raises(UsageError) as caught:
        compile_mapping(spec([{"target": "a", "source": "x", "transforms": ["trimm"]}]))
    assert caught.value.hint == "did you mean 'trim'?"


def test_problems_name_the_rule_and_value() -> None:
    compiled = compile_mapping(spec(
        [{"target": "stage", "source": "status", "enum": "stages", "required": True},
         {"target": "total", "source": "amount", "transforms": [{"decimal": {"places": 2}}]}],
        enums={"stages": {"paid": "won"}},
    ))
    out, problems = compiled.apply({"status": "expired", "amount": "abc"})
    assert out == {}
    assert {(p.target, p.code, p.value) for p in problems} == {
        ("stage", "mapping.enum-unmapped", "expired"),
        ("stage", "mapping.missing-required", None),
        ("total", "mapping.transform-failed", "abc"),
    }


def test_each_and_items_build_arrays() -> None:
    compiled = compile_mapping(spec([
        {"target": "lines", "source": "line_items[]",
         "each": [{"target": "name", "source": "title", "transforms": ["trim"]}]},
        {"target": "contacts", "items": [
            [{"target": "type", "constant": 1}],
            [{"target": "type", "constant": 2}, {"target": "name", "source": "buyer"}],
        ]},
    ]))
    out, problems = compiled.apply({"line_items": [{"title": " a "}, {"title": "b"}],
                                    "buyer": "张伟"})
    assert problems == []
    assert out == {"lines": [{"name": "a"}, {"name": "b"}],
                   "contacts": [{"type": 1}, {"type": 2, "name": "张伟"}]}


def test_explain_traces_every_step() -> None:
    compiled = compile_mapping(spec([
        {"target": "phone", "source": "tel",
         "transforms": [{"remove_chars": {"chars": " -()"}}, {"phone_e164": {"region": "CN"}}]},
    ]))
    out, traces, problems = compiled.explain({"tel": "(010) 1234-5678"})
    assert out == {"phone": "+861012345678"}
    assert problems == []
    assert traces[0].raw == "(010) 1234-5678"
    assert [name for name, _ in traces[0].steps] == ["remove_chars", "phone_e164"]


@given(st.dictionaries(st.sampled_from(["a", "b", "c"]), st.text(max_size=8)))
def test_apply_equals_explain(record: dict[str, str]) -> None:
    compiled = compile_mapping(spec([
        {"target": "x", "source": "a", "transforms": ["trim", "lower"]},
        {"target": "y", "source": ["b", "c"], "transforms": [{"concat": {"separator": "-"}}]},
        {"target": "z", "source": "$target.x", "default": "none"},
    ]))
    assert compiled.apply(record)[0] == compiled.explain(record)[0]
