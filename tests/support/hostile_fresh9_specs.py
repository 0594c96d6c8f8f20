"""Mapping specs and expectation suites of the wrong shape, for ``hostile_fresh9``.

* ``mty9``: a copy of the example mapping with one value of the wrong kind, at every level of
  the spec (walked from the file itself, so a new key is attacked the day it lands): a scalar
  made a list, a list or a table made a word. ``map lint`` must name the key and say what kind
  it wanted, never crash and never read the spec as if the value were missing.
* ``mtr9``: transforms that do not exist, that take no such parameter, whose parameter is of
  the wrong kind, written as a word where a list is wanted or as a table of two; rules that
  read each other's targets in a circle (``$target.x``).
* ``gxk9``: suites in GX 1.x's shape with a kwarg given a list where one value is wanted (and
  a word where a list is wanted), ``severity`` outside GX's words, ``notes``, ``meta`` and
  ``id`` of the wrong kind, ``expectations`` as a table: each named in the suite.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from tests.support.hostile_cases import Case
from tests.support.hostile_fresh6_data import _GOOD, _quality_project
from tests.support.hostile_strategies import ANY, FAILS, json_args, stable_pick
from tests.support.projects import REPO, copy_example

_MAPPING = "contracts/mappings/shopify-order-to-hubspot-deal.yaml"
_NAME = _MAPPING.rsplit("/", 1)[1]


def _nodes(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if path:
        yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _nodes(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _nodes(value, (*path, index))


def _wrong(key: Any, value: Any) -> Any:
    if key == "source":  # one source path or several (`source: [a, b]`) are both a source
        return 7
    if isinstance(value, (dict, list)):
        return "seven"
    if isinstance(value, bool):
        return [value, value]
    return [value]


def _replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    copy = json.loads(json.dumps(data))
    node = copy
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return copy


def _named(path: tuple[Any, ...]) -> str:
    return next((str(key) for key in reversed(path) if isinstance(key, str)), _NAME)


def _type_case(path: tuple[Any, ...], value: Any) -> Case:
    label = "/".join(str(key) for key in path)

    def setup(root: Path) -> list[str]:
        project = copy_example(root / "p", sync_examples=1)
        spec = project / _MAPPING
        data = yaml.safe_load(spec.read_text(encoding="utf-8"))
        wrong = _replaced(data, path, _wrong(path[-1], value))
        spec.write_text(yaml.safe_dump(wrong, sort_keys=False, allow_unicode=True),
                        encoding="utf-8")
        return json_args("map lint", project)
    return Case(f"mty9:{label}", setup, FAILS, (_named(path),))


def _type_cases(count: int = 48) -> list[Case]:
    data = yaml.safe_load((REPO / _MAPPING).read_text(encoding="utf-8"))
    nodes = [(path, value) for path, value in _nodes(data) if len(path) <= 4
             and not (path[0] == "examples" and len(path) > 2)]
    return [_type_case(path, value) for path, value in stable_pick("mty9", nodes, count)]


# label -> (old text, new text, exits, names)
TRANSFORMS: dict[str, tuple[str, str, frozenset[int], tuple[str, ...]]] = {
    "unknown-name": ("transforms: [to_string]\n    required: true",
                     "transforms: [to_strng]\n    required: true", FAILS, ("to_strng",)),
    "unknown-parameter": ("{decimal: {places: 2}}", "{decimal: {place: 2}}", FAILS, ("place",)),
    "parameter-word": ("{decimal: {places: 2}}", "{decimal: {places: two}}", FAILS,
                       ("places",)),
    "parameter-list": ("{decimal: {places: 2}}", "{decimal: {places: [2]}}", FAILS,
                       ("places",)),
    "parameters-scalar": ("{decimal: {places: 2}}", "{decimal: 2}", FAILS, ("decimal",)),
    "two-in-one-table": ("[trim, upper]", "[{trim: {}, upper: {}}]", FAILS, ("trim",)),
    "transforms-word": ("transforms: [trim, upper]", "transforms: trim", FAILS,
                        ("transforms",)),
    "transform-number": ("transforms: [trim, upper]", "transforms: [trim, 7]", FAILS,
                         ("transforms",)),
    "transform-null": ("transforms: [trim, upper]", "transforms: [trim, null]", FAILS,
                       ("transforms",)),
    "separator-list": ('{join: {separator: ";"}}', '{join: {separator: [";"]}}', FAILS,
                       ("separator",)),
    "tz-unknown": ("{datetime_utc: {tz: Asia/Shanghai}}", "{datetime_utc: {tz: Mars/Olympus}}",
                   FAILS, ("Mars/Olympus",)),
    "tz-number": ("{datetime_utc: {tz: Asia/Shanghai}}", "{datetime_utc: {tz: 8}}", FAILS,
                  ("tz",)),
    "regex-replace-word": ('{regex_replace: {pattern: "^", replacement: "Shopify "}}',
                           '{regex_replace: "^"}', FAILS, ("regex_replace",)),
    "transform-capitals": ("transforms: [trim, upper]", "transforms: [Trim, upper]", FAILS,
                           ("Trim",)),
    "cycle-two": ("    source: name\n", "    source: $target.amount\n", FAILS, ()),
    "enum-table-missing": ("    enum: deal_stage\n", "    enum: deal_stages\n", FAILS,
                           ("deal_stages",)),
    "enum-inline-list": ("    enum: deal_stage\n", "    enum: [paid, open]\n", FAILS,
                         ("enum",)),
}


def _transform_case(label: str, old: str, new: str, exits: frozenset[int],
                    names: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        project = copy_example(root / "p", sync_examples=1)
        spec = project / _MAPPING
        text = spec.read_text(encoding="utf-8")
        assert old in text, old
        text = text.replace(old, new, 1)
        if label == "cycle-two":
            text = text.replace("    source: total_price\n", "    source: $target.dealname\n", 1)
        spec.write_text(text, encoding="utf-8")
        return json_args("map lint", project)
    return Case(f"mtr9:{label}", setup, exits, names)


def _self_cycle_case() -> Case:
    def setup(root: Path) -> list[str]:
        project = copy_example(root / "p", sync_examples=1)
        spec = project / _MAPPING
        text = spec.read_text(encoding="utf-8").replace("    source: name\n",
                                                         "    source: $target.dealname\n", 1)
        spec.write_text(text, encoding="utf-8")
        return json_args("map lint", project)
    return Case("mtr9:cycle-self", setup, FAILS, ("dealname",))


# --- GX 1.x suites ----------------------------------------------------------------------------

def _e(kind: str, **kwargs: Any) -> dict[str, Any]:
    return {"type": kind, "kwargs": kwargs}


# label -> expectation whose one kwarg is of the wrong kind (names: the kwarg)
KWARGS: dict[str, tuple[dict[str, Any], str]] = {
    "column-list": (_e("expect_column_values_to_not_be_null", column=["status"]), "column"),
    "column-table": (_e("expect_column_values_to_not_be_null", column={"name": "status"}),
                     "column"),
    "column-number": (_e("expect_column_values_to_not_be_null", column=2), "column"),
    "value-set-word": (_e("expect_column_values_to_be_in_set", column="status",
                          value_set="paid"), "value_set"),
    "value-set-table": (_e("expect_column_values_to_be_in_set", column="status",
                           value_set={"paid": 1}), "value_set"),
    "mostly-list": (_e("expect_column_values_to_be_in_set", column="status",
                       value_set=["paid"], mostly=[0.5]), "mostly"),
    "min-value-list": (_e("expect_column_values_to_be_between", column="id", min_value=[1]),
                       "min_value"),
    "max-value-table": (_e("expect_column_values_to_be_between", column="id",
                           max_value={"v": 1}), "max_value"),
    "regex-list": (_e("expect_column_values_to_match_regex", column="status", regex=["^p"]),
                   "regex"),
    "regex-number": (_e("expect_column_values_to_match_regex", column="status", regex=5),
                     "regex"),
    "strict-min-word": (_e("expect_column_values_to_be_between", column="id", min_value=0,
                           strict_min="yes"), "strict_min"),
    "value-lengths-list": (_e("expect_column_value_lengths_to_be_between", column="status",
                              min_value=[1], max_value=[9]), "min_value"),
    "row-count-word": (_e("expect_table_row_count_to_equal", value="three"), "value"),
    "row-count-list": (_e("expect_table_row_count_to_be_between", min_value=[1]),
                       "min_value"),
    "column-list-word": (_e("expect_table_columns_to_match_ordered_list",
                            column_list="id,status,total"), "column_list"),
    "column-count-float": (_e("expect_table_column_count_to_equal", value=3.5), "value"),
    "unique-list-of-lists": (_e("expect_compound_columns_to_be_unique",
                                column_list=[["id"], ["status"]]), "column_list"),
    "type-list": (_e("expect_column_values_to_be_of_type", column="id", type_=["int"]),
                  "type_"),
    "parse-strings-word": (_e("expect_column_values_to_be_in_set", column="status",
                              value_set=["paid"], parse_strings_as_datetimes="no"),
                           "parse_strings_as_datetimes"),
    "catch-exceptions-word": (_e("expect_column_values_to_not_be_null", column="status",
                                 catch_exceptions="sometimes"), "catch_exceptions"),
}

# label -> (suite, exits, names)
SUITES: dict[str, tuple[Any, frozenset[int], tuple[str, ...]]] = {
    "severity-unknown": ({"name": "orders", "expectations": [{**_GOOD[0],
                                                               "severity": "fatal"}]}, FAILS,
                         ("severity",)),
    "severity-number": ({"name": "orders", "expectations": [{**_GOOD[0], "severity": 3}]},
                        FAILS, ("severity",)),
    "severity-known": ({"name": "orders", "expectations": [{**_GOOD[0], "severity": "warning"}]},
                       ANY, ()),
    "notes-list": ({"name": "orders", "notes": ["a", "b"], "expectations": _GOOD}, ANY, ()),
    "notes-number": ({"name": "orders", "notes": 5, "expectations": _GOOD}, FAILS, ("notes",)),
    "expectation-notes-table": ({"name": "orders", "expectations": [{**_GOOD[0], "notes": {
        "format": "markdown", "content": ["x"]}}]}, ANY, ()),
    "meta-word": ({"name": "orders", "meta": "ops", "expectations": _GOOD}, FAILS, ("meta",)),
    "id-number": ({"name": "orders", "id": 7, "expectations": _GOOD}, FAILS, ("id",)),
    "expectation-id-list": ({"name": "orders", "expectations": [{**_GOOD[0], "id": [1]}]},
                            FAILS, ("id",)),
    "expectations-table": ({"name": "orders", "expectations": {"a": _GOOD[0]}}, FAILS,
                           ("expectations",)),
    "expectation-word": ({"name": "orders", "expectations": ["expect_column_to_exist"]},
                         FAILS, ("expectations",)),
    "type-list": ({"name": "orders", "expectations": [{"type": [
        "expect_column_values_to_not_be_null"], "kwargs": {"column": "status"}}]}, FAILS,
                  ("type",)),
    "name-list": ({"name": ["orders"], "expectations": _GOOD}, FAILS, ("name",)),
    "kwargs-list": ({"name": "orders", "expectations": [{"type":
                                                         "expect_column_values_to_not_be_null",
                                                         "kwargs": [["column", "status"]]}]},
                    FAILS, ("kwargs",)),
    "type-and-expectation-type-agree": ({"name": "orders", "expectations": [{
        **_GOOD[0], "expectation_type": _GOOD[0]["type"]}]}, ANY, ()),
    "data-asset-type-null": ({"name": "orders", "data_asset_type": None,
                              "expectations": _GOOD}, ANY, ()),
}


def _kwarg_case(label: str, expectation: dict[str, Any], name: str) -> Case:
    def setup(root: Path) -> list[str]:
        return json_args("quality", _quality_project(root, {"name": "orders",
                                                            "expectations": [expectation]}))
    return Case(f"gxk9:{label}", setup, FAILS, (name,))


def _suite_case(label: str, suite: Any, exits: frozenset[int], names: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        return json_args("quality", _quality_project(root, suite))
    return Case(f"gxs9:{label}", setup, exits, names)


def spec_cases() -> list[Case]:
    return [*_type_cases(),
            *(_transform_case(label, *row) for label, row in TRANSFORMS.items()),
            _self_cycle_case(),
            *(_kwarg_case(label, *row) for label, row in KWARGS.items()),
            *(_suite_case(label, *row) for label, row in SUITES.items())]
