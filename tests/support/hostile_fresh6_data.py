"""Mappings, expectation suites and datasets as their users write them, for ``hostile_fresh6``.

* ``map6``: a mapping's enum table with a key the source contract never sends (a misspelt
  status, a number, ``null``), YAML tags and timestamps in golden examples, merge keys that bring
  examples in: a key no source value can reach is dead and likely a typo, so ``map lint`` must
  name it; a merge or an anchor used as YAML means it stays clean.
* ``gx6``: suites written by Great Expectations users — a suite exported by GX 0.x
  (``expectation_suite_name``, ``expectation_type``, ``meta.great_expectations_version``), one of
  GX 1.x with ``id``, ``notes``, ``rendered_content``, kwargs GX accepts everywhere
  (``result_format``, ``catch_exceptions``, ``meta``): clean; and their mistakes — an expectation
  type misspelt or of a plugin seamguard does not run, a kwarg misspelt, ``type`` and
  ``expectation_type`` that disagree, ``kwargs`` that are not an object, a column the dataset
  lacks, a suite named after no dataset, a suite with no expectations: each named in the suite.
* ``csv6``: a dataset with a short or long row, a Latin-1 cell in a UTF-8 file, UTF-16, lone CR
  line ends, a JSON Lines file that is one JSON array: named by file (and line where one is at
  fault), never read as fewer rows without a word.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.support.hostile_cases import Case
from tests.support.hostile_strategies import ANY, FAILS, ONE, json_args
from tests.support.projects import copy_example

CLEAN = frozenset({0})
_MAPPING = "contracts/mappings/shopify-order-to-hubspot-deal.yaml"

# label -> (edit of the mapping text, command, exits, names the output must hold)
MAPPINGS: dict[str, tuple[Callable[[str], str], str, frozenset[int], tuple[str, ...]]] = {
    "enum-misspelt-key": (lambda t: t.replace("    partially_paid: contractsent",
                                              "    partialy_paid: contractsent", 1),
                          "lint", FAILS, ("partialy_paid",)),
    "enum-unknown-key": (lambda t: t.replace("    paid: closedwon",
                                             "    paid: closedwon\n    settled: closedwon", 1),
                         "lint", FAILS, ("settled",)),
    "enum-number-key": (lambda t: t.replace("    paid: closedwon",
                                            "    paid: closedwon\n    1: closedwon", 1),
                        "lint", FAILS, ("deal_stage",)),
    "enum-null-key": (lambda t: t.replace("    paid: closedwon",
                                          "    paid: closedwon\n    null: closedlost", 1),
                      "lint", FAILS, ("deal_stage",)),
    "enum-anchor-reused": (lambda t: t.replace("    paid: closedwon", "    paid: &won closedwon",
                                               1).replace("    partially_refunded: closedwon",
                                                          "    partially_refunded: *won", 1),
                           "lint", CLEAN, ()),
    "example-merge-key": (lambda t: t.replace(
        "  - name: refunded order\n    input: {",
        "  - name: refunded order\n    input: {<<: {currency: CNY}, ", 1), "test", CLEAN, ()),
    "example-str-tag": (lambda t: t.replace('      name: "#1001"', '      name: !!str "#1001"', 1),
                        "test", CLEAN, ()),
    "example-set-tag": (lambda t: t.replace('      name: "#1001"', "      name: !!set {a, b}", 1),
                        "test", FAILS, (_MAPPING.rsplit("/", 1)[1],)),
    "example-omap-tag": (lambda t: t.replace('      name: "#1001"',
                                             "      name: !!omap [a: 1]", 1),
                         "test", FAILS, (_MAPPING.rsplit("/", 1)[1],)),
    "example-output-timestamp": (lambda t: t.replace('      closedate: "2024-07-10T02:15:00Z"',
                                                     "      closedate: 2024-07-10T02:15:00Z", 1),
                                 "test", ANY, ()),
    "example-output-bare-number": (lambda t: t.replace('      amount: "935.00"',
                                                       "      amount: 935.00", 1),
                                   "test", ONE, ("amount",)),
}


def _example(root: Path) -> Path:
    return copy_example(root / "p", sync_examples=1)


def _mapping_case(label: str, edit: Callable[[str], str], verb: str, exits: frozenset[int],
                  names: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        project = _example(root)
        path = project / _MAPPING
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
        return json_args(f"map {verb}", project)
    return Case(f"map6:{label}", setup, exits, names)


# --- suites -----------------------------------------------------------------------------------

_SETTINGS = """[tool.seamguard]

[tool.seamguard.datasets.orders]
path = "data/orders.csv"
key = ["id"]
"""
_CSV = b"id,status,total\n1,paid,10.00\n2,open,5.50\n3,paid,7.25\n"
_GOOD = [
    {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "status"}},
    {"type": "expect_column_values_to_be_in_set",
     "kwargs": {"column": "status", "value_set": ["paid", "open"]}},
]


def _quality_project(root: Path, suite: Any, *, data: bytes = _CSV, name: str = "orders",
                     settings: str = _SETTINGS, data_name: str = "orders.csv") -> Path:
    project = root / "p"
    (project / "suites").mkdir(parents=True)
    (project / "data").mkdir()
    (project / "pyproject.toml").write_text(settings, encoding="utf-8")
    (project / "data" / data_name).write_bytes(data)
    text = suite if isinstance(suite, str) else json.dumps(suite, indent=2)
    (project / "suites" / f"{name}.json").write_text(text, encoding="utf-8")
    return project


def _with(index: int, **changes: Any) -> list[dict[str, Any]]:
    expectations = json.loads(json.dumps(_GOOD))
    for key, value in changes.items():
        if value is ...:
            expectations[index].pop(key)
        else:
            expectations[index][key] = value
    return expectations


def _kwargs(index: int, **changes: Any) -> list[dict[str, Any]]:
    expectations = json.loads(json.dumps(_GOOD))
    expectations[index]["kwargs"].update(changes)
    return expectations


_GX0 = {
    "expectation_suite_name": "orders", "data_asset_type": None, "ge_cloud_id": None,
    "meta": {"great_expectations_version": "0.18.12"},
    "expectations": [{"expectation_type": e["type"], "kwargs": e["kwargs"], "meta": {}}
                     for e in _GOOD],
}
_GX1 = {
    "name": "orders", "id": "8c0c7f3a-3c77-4a55-9d3b-2f4f0f6c9b11", "notes": None,
    "meta": {"great_expectations_version": "1.3.0"},
    "expectations": [{**e, "id": f"0c4b7c8e-0000-4000-8000-00000000000{n}", "meta": None,
                      "notes": "checked nightly", "rendered_content": None,
                      "description": None}
                     for n, e in enumerate(_GOOD)],
}

# label -> (suite, exits, names the output must hold)
SUITES: dict[str, tuple[Any, frozenset[int], tuple[str, ...]]] = {
    "gx0-export": (_GX0, CLEAN, ()),
    "gx1-export": (_GX1, CLEAN, ()),
    "gx-common-kwargs": ({"name": "orders", "expectations": _kwargs(
        1, result_format="SUMMARY", catch_exceptions=True, meta={"owner": "ops"})}, CLEAN, ()),
    "gx-meta-notes-markdown": ({"name": "orders", "expectations": _with(0, meta={
        "notes": {"format": "markdown", "content": ["*status* is always set"]}})}, CLEAN, ()),
    "type-misspelt": ({"name": "orders", "expectations": _with(
        0, type="expect_column_values_to_not_be_nul")}, FAILS,
        ("orders.json", "expect_column_values_to_not_be_null")),
    "type-plugin": ({"name": "orders", "expectations": _with(
        0, type="expect_column_values_to_be_valid_shopify_order_status")}, FAILS,
        ("orders.json", "expect_column_values_to_be_valid_shopify_order_status")),
    "type-and-expectation-type-disagree": ({"name": "orders", "expectations": _with(
        0, expectation_type="expect_column_values_to_be_unique")}, FAILS, ("orders.json",)),
    "type-camel-case": ({"name": "orders", "expectations": _with(
        0, type="ExpectColumnValuesToNotBeNull")}, ANY, ("orders.json",)),
    "kwarg-misspelt": ({"name": "orders", "expectations": [
        _GOOD[0], {"type": "expect_column_values_to_be_in_set",
                   "kwargs": {"column": "status", "valu_set": ["paid"]}}]}, FAILS,
        ("orders.json", "value_set")),
    "kwarg-unknown-extra": ({"name": "orders", "expectations": _kwargs(
        0, colour="red")}, FAILS, ("orders.json", "colour")),
    "kwargs-null": ({"name": "orders", "expectations": _with(0, kwargs=None)}, FAILS,
                    ("orders.json",)),
    "kwargs-list": ({"name": "orders", "expectations": _with(0, kwargs=["status"])}, FAILS,
                    ("orders.json",)),
    "kwargs-missing": ({"name": "orders", "expectations": _with(0, kwargs=...)}, FAILS,
                       ("orders.json",)),
    "value-set-string": ({"name": "orders", "expectations": _kwargs(1, value_set="paid")},
                         FAILS, ("orders.json",)),
    "column-list": ({"name": "orders", "expectations": _kwargs(0, column=["status"])}, FAILS,
                    ("orders.json",)),
    "column-missing-from-data": ({"name": "orders", "expectations": _kwargs(0, column="stauts")},
                                 FAILS, ("stauts",)),
    "expectation-string": ({"name": "orders", "expectations": [
        "expect_column_values_to_not_be_null"]}, FAILS, ("orders.json",)),
    "expectations-object": ({"name": "orders", "expectations": {"0": _GOOD[0]}}, FAILS,
                            ("orders.json",)),
    "expectations-empty": ({"name": "orders", "expectations": []}, ANY, ("orders.json",)),
    "name-disagrees": ({"name": "customers", "expectations": _GOOD}, ANY, ("orders.json",)),
    "suite-top-list": (_GOOD, FAILS, ("orders.json",)),
    "suite-jsonc-comment": ('// orders\n{"name": "orders", "expectations": []}', FAILS,
                            ("orders.json",)),
    "suite-trailing-comma": ('{"name": "orders", "expectations": [' + json.dumps(_GOOD[0])
                             + ",]}", FAILS, ("orders.json",)),
}


def _suite_case(label: str, suite: Any, exits: frozenset[int], names: tuple[str, ...],
                name: str = "orders") -> Case:
    def setup(root: Path) -> list[str]:
        return json_args("quality", _quality_project(root, suite, name=name))
    return Case(f"gx6:{label}", setup, exits, names)


# label -> (data bytes, file name, exits, names)
DATASETS: dict[str, tuple[bytes, str, frozenset[int], tuple[str, ...]]] = {
    "csv-short-row": (b"id,status,total\n1,paid,10.00\n2,open\n3,paid,7.25\n", "orders.csv",
                      FAILS, ("orders.csv",)),
    "csv-long-row": (b"id,status,total\n1,paid,10.00\n2,open,5.50,extra,more\n3,paid,7.25\n",
                     "orders.csv", FAILS, ("orders.csv",)),
    "csv-latin1-cell": (b"id,status,total\n1,paid,10.00\n2,open,5.50\n3,pay\xe9,7.25\n",
                        "orders.csv", FAILS, ("orders.csv",)),
    # read, or refused as a dataset that cannot be read (a finding, as every unreadable
    # dataset is), with the encoding setting that reads it
    "csv-utf16-bom": (_CSV.decode().encode("utf-16"), "orders.csv", ANY, ()),
    "csv-cr-only": (_CSV.replace(b"\n", b"\r"), "orders.csv", frozenset({0, 2}), ()),
    "csv-crlf-bom": (b"\xef\xbb\xbf" + _CSV.replace(b"\n", b"\r\n"), "orders.csv", CLEAN, ()),
    # the CSV reader detects the delimiter, so the rows read as they were meant
    "csv-semicolon": (_CSV.replace(b",", b";"), "orders.csv", CLEAN, ()),
    "jsonl-one-array": (json.dumps([{"id": 1, "status": "paid"},
                                    {"id": 2, "status": "open"}]).encode(), "orders.jsonl",
                        FAILS, ("orders.jsonl",)),
    "jsonl-pretty-printed": (json.dumps({"id": 1, "status": "paid"}, indent=2).encode(),
                             "orders.jsonl", FAILS, ("orders.jsonl",)),
}


def _dataset_case(label: str, data: bytes, data_name: str, exits: frozenset[int],
                  names: tuple[str, ...]) -> Case:
    settings = _SETTINGS.replace("data/orders.csv", f"data/{data_name}")

    def setup(root: Path) -> list[str]:
        return json_args("quality", _quality_project(
            root, {"name": "orders", "expectations": _GOOD}, data=data, settings=settings,
            data_name=data_name))
    return Case(f"csv6:{label}", setup, exits, names)


def data_cases() -> list[Case]:
    return [*(_mapping_case(label, *row) for label, row in MAPPINGS.items()),
            *(_suite_case(label, *row) for label, row in SUITES.items()),
            _suite_case("suite-for-no-dataset", {"name": "ordres", "expectations": _GOOD},
                        FAILS, ("ordres",), name="ordres"),
            *(_dataset_case(label, *row) for label, row in DATASETS.items())]
