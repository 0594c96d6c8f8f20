"""contract diff on numeric bounds written the OpenAPI 3.0 way (``minimum`` with a boolean
``exclusiveMinimum``) and the 3.1 way (a numeric ``exclusiveMinimum``): compared as the bounds
they mean, so a rewrite between the two forms reports nothing and a real move is graded by the
side it narrows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.test_diff_rules import Doc, base_spec, diff, get_op

V30, V31 = "3.0.3", "3.1.0"


def pair(old_version: str, old: Doc, new_version: str, new: Doc) -> tuple[Doc, Doc]:
    """Two specs whose request (ThingIn) and response (Thing) ``id`` have these bounds."""
    docs = []
    for version, bounds in ((old_version, old), (new_version, new)):
        doc = base_spec(version)
        for schema in ("Thing", "ThingIn"):
            doc["components"]["schemas"][schema]["properties"]["id"] = {"type": "integer",
                                                                        **bounds}
        if version.startswith("3.0"):
            # 3.0 has no type arrays: keep the base spec valid for either version
            for schema in ("Thing", "ThingIn"):
                doc["components"]["schemas"][schema]["properties"]["name"].pop("pattern")
        docs.append(doc)
    return docs[0], docs[1]


def found(tmp_path: Path, base: Doc, revision: Doc) -> set[tuple[str, str]]:
    return {(c.id, c.level) for c in diff(tmp_path, base, revision)
            if "pattern" not in c.id}


SAME_MEANING = [
    # 3.0 exclusive bound → the 3.1 spelling of it
    (V30, {"minimum": 5, "exclusiveMinimum": True}, V31, {"exclusiveMinimum": 5}),
    (V30, {"maximum": 9.5, "exclusiveMaximum": True}, V31, {"exclusiveMaximum": 9.5}),
    # an explicit `false` is the 3.0 default
    (V30, {"minimum": 5, "exclusiveMinimum": False}, V31, {"minimum": 5}),
    (V30, {"maximum": 9}, V30, {"maximum": 9, "exclusiveMaximum": False}),
    # 3.1 with both keywords: the tighter one holds
    (V31, {"exclusiveMinimum": 5}, V31, {"minimum": 3, "exclusiveMinimum": 5}),
    (V31, {"maximum": 7}, V31, {"maximum": 7, "exclusiveMaximum": 8}),
    # a 3.0 boolean without the bound it qualifies says nothing
    (V30, {}, V30, {"exclusiveMinimum": True}),
]


@pytest.mark.parametrize(("v_old", "old", "v_new", "new"), SAME_MEANING)
def test_the_same_bound_spelled_another_way_is_no_change(
        tmp_path: Path, v_old: str, old: Doc, v_new: str, new: Doc) -> None:
    base, revision = pair(v_old, old, v_new, new)
    assert found(tmp_path, base, revision) == set()
    assert found(tmp_path, revision, base) == set()


MOVES = [
    # 5 itself is no longer valid: a request narrows, a response does not widen
    (V30, {"minimum": 5}, V30, {"minimum": 5, "exclusiveMinimum": True},
     {("request-property-exclusive-min-increased", "error")}),
    # the reverse: 5 is valid again; a response may now send it
    (V30, {"minimum": 5, "exclusiveMinimum": True}, V31, {"minimum": 5},
     {("request-property-min-decreased", "info"), ("response-property-min-decreased", "error")}),
    (V31, {"exclusiveMinimum": 5}, V31, {"exclusiveMinimum": 7},
     {("request-property-exclusive-min-increased", "error")}),
    # across the versions, the value moves too
    (V30, {"maximum": 10, "exclusiveMaximum": True}, V31, {"exclusiveMaximum": 9},
     {("request-property-exclusive-max-decreased", "error")}),
    (V30, {"maximum": 10, "exclusiveMaximum": True}, V31, {"maximum": 10},
     {("request-property-max-increased", "info"), ("response-property-max-increased", "error")}),
    (V31, {"exclusiveMaximum": 10}, V30, {"maximum": 12, "exclusiveMaximum": True},
     {("request-property-exclusive-max-increased", "info"),
      ("response-property-exclusive-max-increased", "error")}),
    # a bound set where there was none
    (V30, {}, V30, {"minimum": 0, "exclusiveMinimum": True},
     {("request-property-exclusive-min-set", "warning")}),
]


@pytest.mark.parametrize(("v_old", "old", "v_new", "new", "expected"), MOVES)
def test_a_bound_that_moves_is_graded_by_what_it_narrows(
        tmp_path: Path, v_old: str, old: Doc, v_new: str, new: Doc,
        expected: set[tuple[str, str]]) -> None:
    base, revision = pair(v_old, old, v_new, new)
    assert found(tmp_path, base, revision) == expected


def test_a_parameter_bound_is_read_the_same_way(tmp_path: Path) -> None:
    base, revision = base_spec(V30), base_spec(V31)
    for doc in (base, revision):
        for schema in ("Thing", "ThingIn"):
            doc["components"]["schemas"][schema]["properties"]["name"].pop("pattern")
    get_op(base)["parameters"].append({"name": "limit", "in": "query", "schema": {
        "type": "integer", "minimum": 0, "exclusiveMinimum": True}})
    get_op(revision)["parameters"].append({"name": "limit", "in": "query", "schema": {
        "type": "integer", "exclusiveMinimum": 0}})
    assert found(tmp_path, base, revision) == set()
    get_op(revision)["parameters"][-1]["schema"] = {"type": "integer", "exclusiveMinimum": 1}
    assert found(tmp_path, base, revision) == {
        ("request-parameter-exclusive-min-increased", "error")}


_SIDES = (("minimum", "exclusiveMinimum", True), ("maximum", "exclusiveMaximum", False))


def _admits(bound: dict[str, Any], value: float, side: tuple[str, str, bool]) -> bool:
    """Whether ``value`` passes a 3.0- or 3.1-style lower (or upper) bound: the oracle."""
    ok = True
    for plain, exclusive, lower in [side]:
        limit, flag = bound.get(plain), bound.get(exclusive)
        if limit is not None:
            strict = flag is True
            ok &= (value > limit if strict else value >= limit) if lower else \
                (value < limit if strict else value <= limit)
        if isinstance(flag, int | float) and not isinstance(flag, bool):
            ok &= value > flag if lower else value < flag
    return ok


def _bound(version: str) -> st.SearchStrategy[dict[str, Any]]:
    small = st.integers(-3, 3)
    if version == V30:
        return st.fixed_dictionaries({}, optional={
            "minimum": small, "exclusiveMinimum": st.booleans(),
            "maximum": small, "exclusiveMaximum": st.booleans()})
    return st.fixed_dictionaries({}, optional={
        "minimum": small, "exclusiveMinimum": small, "maximum": small, "exclusiveMaximum": small})


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from([V30, V31]), st.data())
def test_a_request_bound_is_breaking_exactly_when_it_refuses_a_value_it_took(
        tmp_path_factory: Any, old_version: str, data: st.DataObject) -> None:
    new_version = data.draw(st.sampled_from([V30, V31]))
    old, new = data.draw(_bound(old_version)), data.draw(_bound(new_version))
    base, revision = pair(old_version, old, new_version, new)
    got = found(tmp_path_factory.mktemp("bounds"), base, revision)
    # error, or warning for a bound set where there was none (oasdiff's "-set" rules)
    request_errors = {rule for rule, level in got if rule.startswith("request-")
                      and level in ("error", "warning")}
    # integers and the halves between them: every bound above sits on an integer
    values = [x / 2 for x in range(-10, 11)]
    # each bound on its own, as the rules speak of each (a range may even be empty)
    refused = any(_admits(old, v, side) and not _admits(new, v, side)
                  for v in values for side in _SIDES)
    assert bool(request_errors) == refused, (old, new, got)


# -- lower length bounds: no minLength/minItems is 0 ------------------------------------------


@pytest.mark.parametrize(("keyword", "prop", "old", "new", "expected"), [
    # written where there was none: a narrowing from 0
    ("minLength", "name", None, 1, {("request-property-min-length-increased", "error")}),
    ("minItems", "tags", None, 2, {("request-property-min-items-increased", "error")}),
    # dropped: relaxed to 0
    ("minLength", "name", 3, None, {("request-property-min-length-decreased", "info"),
                                    ("response-property-min-length-decreased", "error")}),
    # (oasdiff has no rule for a request list that may now be shorter)
    ("minItems", "tags", 1, None, {("response-property-min-items-decreased", "error")}),
    # 0 written out is the default
    ("minLength", "name", 0, None, set()),
    ("minItems", "tags", None, 0, set()),
])
def test_a_lower_length_bound_absent_is_zero(tmp_path: Path, keyword: str, prop: str,
                                             old: int | None, new: int | None,
                                             expected: set[tuple[str, str]]) -> None:
    docs = []
    for value in (old, new):
        doc = base_spec(V31)
        for schema in ("Thing", "ThingIn"):
            node = doc["components"]["schemas"][schema]["properties"][prop]
            node.pop(keyword, None)
            if value is not None:
                node[keyword] = value
        docs.append(doc)
    assert {(i, level) for i, level in found(tmp_path, docs[0], docs[1])} == expected
