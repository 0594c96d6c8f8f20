"""Expectation suites in Great Expectations' own vocabulary and datasets damaged as files are,
for ``hostile_fresh8``.

* ``gx8``: expectation types of GX's gallery that earlier campaigns never wrote (types,
  monotony, regex lists, LIKE patterns, dates, JSON, distinct values, statistics, column pairs
  and multi-column sums), each over a dataset that breaks it, so it must be run and fail or be
  refused by name, never pass unread; GX habits: ``row_condition`` with ``condition_parser``,
  ``result_format`` as an object or an unknown word, ``meta`` as a list, a regex list with a
  bad member, ``mostly`` as text.
* ``ds8``: a Parquet file cut before its footer, only its magic, a footer length past the file,
  junk after a good file; JSON Lines with a 50 MB row; a CSV of 10,000 columns, of one 8 MB
  cell; a workbook that is a zip of nothing, a truncated workbook, a
  CSV named ``.xlsx``, an old ``.xls`` renamed: each named by file, never a crash or a hang.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

from tests.support.hostile_cases import Case
from tests.support.hostile_fresh6_data import _GOOD, _SETTINGS, _quality_project
from tests.support.hostile_strategies import ANY, FAILS, json_args

_SUITE = ("orders.json",)


def _e(kind: str, **kwargs: Any) -> dict[str, Any]:
    return {"type": kind, "kwargs": kwargs}


# label -> (expectation that the three rows 1,paid,10.00 / 2,open,5.50 / 3,paid,7.25 break)
GALLERY: dict[str, dict[str, Any]] = {
    "of-type": _e("expect_column_values_to_be_of_type", column="status", type_="int"),
    "in-type-list": _e("expect_column_values_to_be_in_type_list", column="status",
                       type_list=["int", "float"]),
    "increasing": _e("expect_column_values_to_be_increasing", column="total"),
    "decreasing": _e("expect_column_values_to_be_decreasing", column="id"),
    "regex-list-any": _e("expect_column_values_to_match_regex_list", column="status",
                         regex_list=["^x", "^y"], match_on="any"),
    "not-regex-list": _e("expect_column_values_to_not_match_regex_list", column="status",
                         regex_list=["^p"]),
    "like-pattern": _e("expect_column_values_to_match_like_pattern", column="status",
                       like_pattern="x%"),
    "dateutil": _e("expect_column_values_to_be_dateutil_parseable", column="status"),
    "json-parseable": _e("expect_column_values_to_be_json_parseable", column="status"),
    "json-schema": _e("expect_column_values_to_match_json_schema", column="id",
                      json_schema={"type": "string", "minLength": 5}),
    "distinct-in-set": _e("expect_column_distinct_values_to_be_in_set", column="status",
                          value_set=["paid"]),
    "distinct-equal-set": _e("expect_column_distinct_values_to_equal_set", column="status",
                             value_set=["paid", "refunded"]),
    "most-common": _e("expect_column_most_common_value_to_be_in_set", column="status",
                      value_set=["open"]),
    "unique-count": _e("expect_column_unique_value_count_to_be_between", column="status",
                       min_value=3),
    "unique-proportion": _e("expect_column_proportion_of_unique_values_to_be_between",
                            column="status", min_value=0.9),
    "median": _e("expect_column_median_to_be_between", column="id", min_value=10),
    "stdev": _e("expect_column_stdev_to_be_between", column="id", max_value=0.1),
    "sum": _e("expect_column_sum_to_be_between", column="id", max_value=1),
    "quantiles": _e("expect_column_quantile_values_to_be_between", column="id",
                    quantile_ranges={"quantiles": [0.5], "value_ranges": [[10, 20]]}),
    "pair-a-greater": _e("expect_column_pair_values_a_to_be_greater_than_b", column_A="id",
                         column_B="total"),
    "pair-in-set": _e("expect_column_pair_values_to_be_in_set", column_A="id",
                      column_B="status", value_pairs_set=[[1, "paid"]]),
    "multicolumn-sum": _e("expect_multicolumn_sum_to_equal", column_list=["id"], sum_total=99),
    "unique-within-record": _e("expect_select_column_values_to_be_unique_within_record",
                               column_list=["status", "status"]),
    "column-types-match": _e("expect_table_columns_to_match_set", column_set=["id"],
                             exact_match=True),
}

# label -> (expectations, exits, names)
HABITS: dict[str, tuple[list[Any], frozenset[int], tuple[str, ...]]] = {
    # only the paid rows are held to the regex, and they keep it
    "row-condition-pandas": ([{**_e("expect_column_values_to_match_regex", column="total",
                                    regex="^(10|7)", row_condition='status=="paid"',
                                    condition_parser="pandas")}], frozenset({0, 2}), ()),
    "row-condition-no-parser": ([_e("expect_column_values_to_match_regex", column="total",
                                    regex="^(10|7)", row_condition='status=="paid"')],
                                frozenset({0, 2}), ()),
    "row-condition-bad-syntax": ([_e("expect_column_values_to_not_be_null", column="status",
                                     row_condition='status=="paid', condition_parser="pandas")],
                                 FAILS, ("row_condition",)),
    "result-format-object": ([_e("expect_column_values_to_be_in_set", column="status",
                                 value_set=["paid"], result_format={
                                     "result_format": "COMPLETE",
                                     "unexpected_index_column_names": ["id"]})], FAILS,
                             ("open",)),
    "result-format-unknown": ([_e("expect_column_values_to_not_be_null", column="status",
                                  result_format="EVERYTHING")], FAILS, ("result_format",)),
    "meta-list": ([{**_GOOD[0], "meta": ["owner", "ops"]}], FAILS, ("meta",)),
    "regex-list-bad-member": ([_e("expect_column_values_to_match_regex_list", column="status",
                                  regex_list=["^p", "(open"])], FAILS, ("(open",)),
    "regex-bad-lookbehind": ([_e("expect_column_values_to_match_regex", column="status",
                                 regex="(?<=a+)b")], FAILS, ("regex",)),
    "mostly-text": ([_e("expect_column_values_to_be_in_set", column="status",
                        value_set=["paid"], mostly="0.5")], FAILS, ("mostly",)),
    "mostly-percent": ([_e("expect_column_values_to_be_in_set", column="status",
                           value_set=["paid"], mostly=95)], FAILS, ("mostly",)),
}


def _gallery_case(label: str, expectation: dict[str, Any]) -> Case:
    def setup(root: Path) -> list[str]:
        return json_args("quality", _quality_project(root, {"name": "orders",
                                                            "expectations": [expectation]}))
    return Case(f"gx8:{label}", setup, FAILS, _SUITE)


def _habit_case(label: str, expectations: list[Any], exits: frozenset[int],
                names: tuple[str, ...]) -> Case:
    def setup(root: Path) -> list[str]:
        return json_args("quality", _quality_project(root, {"name": "orders",
                                                            "expectations": expectations}))
    return Case(f"gx8:{label}", setup, exits, names)


# --- damaged datasets ---------------------------------------------------------------------------

def _parquet() -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq
    sink = io.BytesIO()
    pq.write_table(pa.table({"id": [1, 2, 3], "status": ["paid", "open", "paid"],
                             "total": ["10.00", "5.50", "7.25"]}), sink)
    return sink.getvalue()


def _footer_length_past(data: bytes) -> bytes:
    return data[:-8] + (len(data) * 4).to_bytes(4, "little") + b"PAR1"


def _zip(names: dict[str, bytes]) -> bytes:
    sink = io.BytesIO()
    with zipfile.ZipFile(sink, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return sink.getvalue()


def _workbook() -> bytes:
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["id", "status", "total"], [1, "paid", "10.00"], [2, "open", "5.50"]):
        sheet.append(row)
    sink = io.BytesIO()
    book.save(sink)
    return sink.getvalue()


_CSV = b"id,status,total\n1,paid,10.00\n2,open,5.50\n3,paid,7.25\n"
_WIDE = (",".join(["id", "status", "total"] + [f"c{n}" for n in range(10_000)]) + "\n"
         + ",".join(["1", "paid", "10.00"] + ["x"] * 10_000) + "\n").encode()

# label -> (bytes maker, file name, exits, names)
DAMAGED: dict[str, tuple[Any, str, frozenset[int], tuple[str, ...]]] = {
    "parquet-cut-before-footer": (lambda: _parquet()[:-40], "orders.parquet", FAILS,
                                  ("orders.parquet",)),
    "parquet-magic-only": (lambda: b"PAR1PAR1", "orders.parquet", FAILS, ("orders.parquet",)),
    "parquet-footer-length-past-file": (lambda: _footer_length_past(_parquet()),
                                        "orders.parquet", FAILS, ("orders.parquet",)),
    "parquet-junk-between": (lambda: _parquet()[:4] + b"\xff" * 64 + _parquet()[4:],
                             "orders.parquet", ANY, ()),
    "parquet-half": (lambda: _parquet()[: len(_parquet()) // 2] + b"PAR1", "orders.parquet",
                     FAILS, ("orders.parquet",)),
    "jsonl-50mb-row": (lambda: (json.dumps({"id": 1, "status": "paid", "total": "10.00",
                                            "pad": "x" * (50 << 20)}) + "\n").encode(),
                       "orders.jsonl", ANY, ()),
    "csv-10k-columns": (lambda: _WIDE, "orders.csv", ANY, ()),
    "csv-8mb-cell": (lambda: b"id,status,total\n1,paid," + b"9" * (8 << 20) + b"\n",
                     "orders.csv", ANY, ()),
    "xlsx-empty-zip": (lambda: _zip({}), "orders.xlsx", FAILS, ("orders.xlsx",)),
    "xlsx-zip-no-workbook": (lambda: _zip({"hello.txt": b"hi"}), "orders.xlsx", FAILS,
                             ("orders.xlsx",)),
    "xlsx-truncated": (lambda: _workbook()[:600], "orders.xlsx", FAILS, ("orders.xlsx",)),
    "xlsx-is-csv": (lambda: _CSV, "orders.xlsx", FAILS, ("orders.xlsx",)),
    "xlsx-is-old-xls": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
                        "orders.xlsx", FAILS, ("orders.xlsx",)),
    "xlsx-workbook-xml-garbage": (lambda: _zip({"[Content_Types].xml": b"<Types/>",
                                                "xl/workbook.xml": b"<not xml"}),
                                  "orders.xlsx", FAILS, ("orders.xlsx",)),
    "xlsm-zip-bomb-ish": (lambda: _zip({"[Content_Types].xml": b"<Types/>",
                                        "xl/workbook.xml": b" " * (30 << 20)}),
                          "orders.xlsm", FAILS, ("orders.xlsm",)),
}


def _damaged_case(label: str, make: Any, name: str, exits: frozenset[int],
                  names: tuple[str, ...]) -> Case:
    settings = _SETTINGS.replace("data/orders.csv", f"data/{name}")

    def setup(root: Path) -> list[str]:
        return json_args("quality", _quality_project(
            root, {"name": "orders", "expectations": _GOOD}, data=make(), settings=settings,
            data_name=name))
    return Case(f"ds8:{label}", setup, exits, names)


def quality_cases() -> list[Case]:
    return [*(_gallery_case(label, expectation) for label, expectation in GALLERY.items()),
            *(_habit_case(label, *row) for label, row in HABITS.items()),
            *(_damaged_case(label, *row) for label, row in DAMAGED.items())]


