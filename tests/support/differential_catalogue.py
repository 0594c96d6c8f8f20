"""Differential testing of GX 1.x's wider expectation catalogue: seamguard against GX itself.

``differential`` covers the types seamguard compiles to SQL on every column kind. This module
covers what users of GX suites write beyond them: regex lists, column pairs, compound and
within-record uniqueness, multicolumn sums, distinct-value sets, most common value, unique
proportions, value lengths, JSON and strftime parsing, table column sets, statistics
(median, quantiles, stdev, sum), types, and ``row_condition`` with both condition parsers.
Each seeded dataset is written as Parquet and as CSV; GX runs the suite on
``pandas.read_parquet`` / ``pandas.read_csv`` of the file (what a GX user does), seamguard on
the same file through ``seamguard check``'s quality engine. A verdict is: error or not,
success, unexpected count, and the observed value of aggregate expectations.

Half the suites are saved in GX 0.18's shape, half in GX 1.x's.
``python -m tests.support.differential_catalogue`` prints the disagreements.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from tests.support.differential import canon

Verdict = tuple[Any, ...]

ROWS = 12
SAMPLE_ROWS = 50

_SCHEMA = pa.schema([("k", pa.int64()), ("a", pa.int64()), ("b", pa.int64()),
                     ("c", pa.int64()), ("x", pa.float64()), ("s", pa.string()),
                     ("j", pa.string()), ("t", pa.string()), ("d", pa.date32())])
_TEXT = ["a1", "b22", "ab", "A", "", "x-9", "zz", "ümlaut", "12", None]
_JSON = ['{"a": 1}', "[1, 2]", "3", "nope", "{'a': 1}", '"q"', "", "null", None]
_TIMES = ["2024-01-31", "2024-02-30", "2024-13-01", "31/01/2024", "2024-1-5", "20240131",
          "2024-01-31 10:00:00", None]
_DATES = [dt.date(2024, 1, 1), dt.date(2024, 3, 1), dt.date(2023, 12, 31), None]


def dataset_rows(rng: random.Random) -> list[dict[str, Any]]:
    rows = []
    for k in range(ROWS):
        rows.append({"k": k, "a": rng.choice([1, 2, 3, 3, None]),
                     "b": rng.choice([1, 2, 3, None]), "c": rng.choice([0, 1, 3, 5, None]),
                     "x": rng.choice([0.5, 1.5, 2.0, -1.0, None]), "s": rng.choice(_TEXT),
                     "j": rng.choice(_JSON), "t": rng.choice(_TIMES), "d": rng.choice(_DATES)})
    return rows


_NUMBERS = ("a", "b", "c")
_REGEXES = ["^a", r"\d", "^$", "[A-Z]", "z$", "^.{2}$", "b"]
_CONDITIONS = [("pandas", 'a > 1'), ("pandas", 'b == 2'), ("pandas", 's == "ab"'),
               ("great_expectations", 'col("a") > 1'),
               ("great_expectations", 'col("s") == "ab"')]


def _pair(rng: random.Random) -> tuple[str, str]:
    first, second = rng.sample(_NUMBERS, 2)
    return first, second


def _one(rng: random.Random) -> dict[str, Any]:
    kind = rng.randrange(27)
    number = rng.choice(_NUMBERS)
    if kind == 0:
        return {"type": "expect_column_values_to_match_regex_list",
                "kwargs": {"column": "s", "regex_list": rng.sample(_REGEXES, 2),
                           "match_on": rng.choice(["any", "all"])}}
    if kind == 1:
        return {"type": "expect_column_values_to_not_match_regex",
                "kwargs": {"column": "s", "regex": rng.choice(_REGEXES)}}
    if kind == 2:
        return {"type": "expect_column_values_to_not_match_regex_list",
                "kwargs": {"column": "s", "regex_list": rng.sample(_REGEXES, 2)}}
    if kind == 3:
        kwargs: dict[str, Any] = {"column_list": list(_pair(rng))}
        if rng.random() < 0.5:
            kwargs["ignore_row_if"] = rng.choice(["all_values_are_missing",
                                                  "any_value_is_missing", "never"])
        return {"type": "expect_compound_columns_to_be_unique", "kwargs": kwargs}
    if kind == 4:
        return {"type": "expect_select_column_values_to_be_unique_within_record",
                "kwargs": {"column_list": list(_NUMBERS),
                           "ignore_row_if": rng.choice(["all_values_are_missing",
                                                        "any_value_is_missing", "never"])}}
    if kind == 5:
        first, second = _pair(rng)
        return {"type": "expect_column_pair_values_to_be_equal",
                "kwargs": {"column_A": first, "column_B": second,
                           "ignore_row_if": rng.choice(["both_values_are_missing",
                                                        "either_value_is_missing", "neither"])}}
    if kind == 6:
        first, second = _pair(rng)
        return {"type": "expect_column_pair_values_a_to_be_greater_than_b",
                "kwargs": {"column_A": first, "column_B": second,
                           "or_equal": rng.choice([True, False]),
                           "ignore_row_if": rng.choice(["both_values_are_missing",
                                                        "either_value_is_missing"])}}
    if kind == 7:
        return {"type": "expect_multicolumn_sum_to_equal",
                "kwargs": {"column_list": list(_pair(rng)), "sum_total": rng.choice([3, 4, 5]),
                           "ignore_row_if": rng.choice(["all_values_are_missing",
                                                        "any_value_is_missing"])}}
    if kind == 8:
        return {"type": "expect_column_proportion_of_unique_values_to_be_between",
                "kwargs": {"column": rng.choice([number, "s"]),
                           "min_value": rng.choice([0.1, 0.3, 0.5]),
                           "max_value": rng.choice([0.6, 0.9, 1.0])}}
    if kind == 9:
        return {"type": "expect_column_value_lengths_to_equal",
                "kwargs": {"column": rng.choice(["s", "t"]), "value": rng.choice([1, 2, 10])}}
    if kind == 10:
        return {"type": "expect_column_values_to_be_json_parseable", "kwargs": {"column": "j"}}
    if kind == 11:
        return {"type": "expect_column_values_to_match_strftime_format",
                "kwargs": {"column": "t", "strftime_format": rng.choice(
                    ["%Y-%m-%d", "%d/%m/%Y", "%Y%m%d", "%Y-%m-%d %H:%M:%S"])}}
    if kind == 12:
        columns = ["k", "a", "b", "c", "x", "s", "j", "t", "d"]
        chosen = rng.sample(columns, rng.choice([len(columns), len(columns) - 1]))
        if rng.random() < 0.3:
            chosen.append("extra")
        return {"type": "expect_table_columns_to_match_set",
                "kwargs": {"column_set": chosen, "exact_match": rng.choice([True, False])}}
    if kind == 13:
        return {"type": "expect_column_most_common_value_to_be_in_set",
                "kwargs": {"column": number, "value_set": rng.sample([1, 2, 3], 2),
                           "ties_okay": rng.choice([True, False])}}
    if kind in (14, 15, 16):
        name = ["contain_set", "equal_set", "be_in_set"][kind - 14]
        return {"type": f"expect_column_distinct_values_to_{name}",
                "kwargs": {"column": number, "value_set": rng.sample([1, 2, 3, 4], 3)}}
    if kind == 17:
        return {"type": "expect_column_unique_value_count_to_be_between",
                "kwargs": {"column": rng.choice([number, "s"]), "min_value": 2,
                           "max_value": rng.choice([3, 5, 8])}}
    if kind == 18:
        stat = rng.choice(["median", "stdev", "sum"])
        return {"type": f"expect_column_{stat}_to_be_between",
                "kwargs": {"column": rng.choice([number, "x"]),
                           "min_value": rng.choice([0, 1, 1.5]),
                           "max_value": rng.choice([2, 2.5, 30])}}
    if kind == 19:
        return {"type": "expect_column_quantile_values_to_be_between",
                "kwargs": {"column": rng.choice([number, "x"]), "quantile_ranges": {
                    "quantiles": [0.25, 0.5], "value_ranges": [[0, 2], [1, 3]]}}}
    if kind == 20:
        return {"type": "expect_column_values_to_be_null",
                "kwargs": {"column": rng.choice([number, "s", "d"]),
                           "mostly": rng.choice([0.1, 0.2])}}
    if kind == 21:
        return {"type": "expect_column_values_to_be_in_type_list",
                "kwargs": {"column": rng.choice(["a", "x", "s"]),
                           "type_list": rng.choice([["int64", "float64"], ["object", "str"],
                                                    ["INTEGER"], ["float"]])}}
    if kind == 22:
        return {"type": "expect_table_column_count_to_equal",
                "kwargs": {"value": rng.choice([8, 9])}}
    if kind == 23:
        return {"type": "expect_table_columns_to_match_ordered_list",
                "kwargs": {"column_list": rng.choice([["k", "a", "b", "c", "x", "s", "j", "t",
                                                       "d"], ["a", "k"]])}}
    if kind == 24:
        return {"type": "expect_column_values_to_be_unique",
                "kwargs": {"column": rng.choice([number, "s"])}}
    # kinds 25, 26: row_condition on a common type
    parser, condition = rng.choice(_CONDITIONS)
    inner = rng.choice([
        {"type": "expect_column_values_to_be_in_set",
         "kwargs": {"column": number, "value_set": [1, 2]}},
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "s"}},
        {"type": "expect_column_values_to_be_between",
         "kwargs": {"column": number, "min_value": 2}},
        {"type": "expect_column_values_to_match_regex", "kwargs": {"column": "s",
                                                                   "regex": "^a"}},
        {"type": "expect_column_values_to_be_unique", "kwargs": {"column": number}},
        {"type": "expect_column_mean_to_be_between",
         "kwargs": {"column": number, "min_value": 1.5, "max_value": 2.5}},
    ])
    inner["kwargs"].update(row_condition=condition, condition_parser=parser)
    return inner


def expectations(rng: random.Random, count: int) -> list[dict[str, Any]]:
    # One column pair first: GX 0.18 spelt its type with capitals (A_to_be_greater_than_B).
    found = [{"type": "expect_column_pair_values_a_to_be_greater_than_b",
              "kwargs": {"column_A": "a", "column_B": "b", "or_equal": True}}]
    for _ in range(count - 1):
        item = _one(rng)
        if "column" in item["kwargs"] and rng.random() < 0.1 and item["type"].endswith(
                ("regex", "_json_parseable", "_format", "_to_be_null")):
            item["kwargs"]["mostly"] = 0.5
        found.append(item)
    return found


@dataclass
class Case:
    name: str
    path: Path
    fmt: str
    rows: list[dict[str, Any]]
    expectations: list[dict[str, Any]]
    suite: Path


def make_cases(folder: Path, *, seed: int = 20261206, datasets: int = 4,
               per_dataset: int = 40) -> list[Case]:
    """``datasets`` seeded datasets, each written as Parquet and as CSV, with one suite each."""
    rng = random.Random(seed)
    (folder / "suites").mkdir(parents=True, exist_ok=True)
    cases = []
    for number in range(datasets):
        rows = dataset_rows(rng)
        exps = expectations(rng, per_dataset)
        for fmt in ("parquet", "csv"):
            name = f"cat{number}_{fmt}"
            path = folder / f"{name}.{fmt}"
            if fmt == "parquet":
                pq.write_table(pa.Table.from_pylist(rows, schema=_SCHEMA), path)
            else:
                with path.open("w", newline="", encoding="utf-8") as handle:
                    writer = csv.writer(handle)
                    writer.writerow(_SCHEMA.names)
                    for row in rows:
                        writer.writerow(["" if row[c] is None else row[c]
                                         for c in _SCHEMA.names])
            suite = folder / "suites" / f"{name}.json"
            meta = {"seamguard": {"dataset": name}}
            document = ({"name": name, "meta": meta, "expectations": exps} if number % 2 == 0
                        else gx_0_18_suite(name, meta, exps))
            suite.write_text(json.dumps(document), encoding="utf-8")
            cases.append(Case(name, path, fmt, rows, exps, suite))
    return cases


def gx_0_18_suite(name: str, meta: dict[str, Any], exps: list[dict[str, Any]]
                  ) -> dict[str, Any]:
    """The suite as GX 0.18 saved it: ``expectation_suite_name``, ``expectation_type`` (with
    0.x's capitals in ``A_to_be_greater_than_B``), ``ge_cloud_id``, ``data_asset_type``,
    ``meta.great_expectations_version``, and an empty ``meta`` per expectation."""
    saved = []
    for item in exps:
        kind = item["type"].replace("_a_to_be_greater_than_b", "_A_to_be_greater_than_B")
        saved.append({"expectation_type": kind, "kwargs": item["kwargs"], "meta": {}})
    return {"expectation_suite_name": name, "ge_cloud_id": None, "data_asset_type": None,
            "meta": {**meta, "great_expectations_version": "0.18.19"}, "expectations": saved}


def _observed(value: Any) -> str:
    from great_expectations.util import convert_to_json_serializable

    value = convert_to_json_serializable(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(canon(v) for v in value) + "]"
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, default=str)
    return canon(value)


def _values(values: Any) -> tuple[str, ...]:
    from great_expectations.util import convert_to_json_serializable

    return tuple(sorted(canon(convert_to_json_serializable(v)) for v in values or []))


def _verdict(success: Any, res: dict[str, Any]) -> Verdict:
    """GX's result as a verdict: counts of map expectations, what differs for set ones (the
    set's values the column lacks, its distinct values outside the set, columns missing or
    unexpected), else the observed value."""
    if "element_count" in res:
        return (bool(success), res.get("unexpected_count"))
    mismatched = (res.get("details") or {}).get("mismatched")
    if isinstance(mismatched, dict):
        return (bool(success), "set", _values(mismatched.get("missing")),
                _values(mismatched.get("unexpected")))
    if "partial_missing_list" in res or "partial_unexpected_list" in res:
        return (bool(success), "set", _values(res.get("partial_missing_list")),
                _values(res.get("partial_unexpected_list")))
    return (bool(success), _observed(res.get("observed_value")))


def gx_verdicts(case: Case) -> list[Verdict]:
    """GX 1.x on pandas' reading of the file, as a GX user would load it."""
    import pandas as pd
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    from tests.support.differential import gx_batch

    frame = pd.read_parquet(case.path) if case.fmt == "parquet" else pd.read_csv(case.path)
    batch = gx_batch(frame, case.name)
    verdicts: list[Verdict] = []
    for raw in case.expectations:
        try:
            built = ExpectationConfiguration(type=raw["type"],
                                             kwargs=dict(raw["kwargs"])).to_domain_obj()
            result = batch.validate(built, result_format={
                "result_format": "SUMMARY", "partial_unexpected_count": SAMPLE_ROWS})
        except Exception:  # GX's models reject the kwargs, or validation raises
            verdicts.append(("error",))
            continue
        info = result.exception_info or {}
        parts = [info, *(v for v in info.values() if isinstance(v, dict))]
        if any(isinstance(p, dict) and p.get("raised_exception") for p in parts):
            verdicts.append(("error",))
            continue
        verdicts.append(_verdict(result.success, dict(result.result or {})))
    return verdicts


def project_settings(cases: list[Case]) -> str:
    blocks = ["[tool.seamguard]\n",
              f'[tool.seamguard.quality]\nsuites = "suites"\nsample_rows = {SAMPLE_ROWS}\n']
    for case in cases:
        blocks.append(f'[tool.seamguard.datasets.{case.name}]\nkind = "file"\n'
                      f'path = "{case.path}"\nkey = ["k"]\n')
    return "\n".join(blocks)


def seamguard_verdicts(project_dir: Path, case: Case, engine: str = "auto") -> list[Verdict]:
    from seamguard.project import find_project
    from seamguard.quality.check import suite_findings
    from seamguard.quality.suites import load_suite

    project = find_project(project_dir, explicit=True)
    suite = load_suite(case.suite, display=case.suite.name)
    _findings, outcome = suite_findings(project, suite, engine=engine)
    if outcome is None:
        return [("error",)] * len(case.expectations)
    by_index = {e["index"]: e for e in outcome[1]["expectations"]}
    verdicts: list[Verdict] = []
    for index in range(len(case.expectations)):
        found = by_index.get(index)
        if found is None or found["error"]:
            verdicts.append(("error",))
        elif isinstance(found["observed"], dict) and ({"missing", "unexpected"}
                                                     & set(found["observed"])):
            observed = found["observed"]
            verdicts.append((bool(found["success"]), "set", _values(observed.get("missing")),
                             _values(observed.get("unexpected"))))
        elif found["observed"] is None:
            verdicts.append((bool(found["success"]), found["unexpected_count"]))
        else:
            verdicts.append((bool(found["success"]), _observed(found["observed"])))
    return verdicts


def disagreements(cases: list[Case], reference: dict[str, list[Verdict]],
                  found: dict[str, list[Verdict]]) -> Iterator[str]:
    for case in cases:
        for raw, want, got in zip(case.expectations, reference[case.name], found[case.name],
                                  strict=True):
            if want != got:
                yield (f"{case.name} {raw['type']} {json.dumps(raw['kwargs'])}: "
                       f"GX {want} got {got}")


def _main() -> None:  # pragma: no cover - a report for people
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = make_cases(folder, seed=int(os.environ.get("DIFF_SEED", "20261206")))
        reference = {c.name: gx_verdicts(c) for c in cases}
        root = folder / "project"
        root.mkdir()
        (root / "pyproject.toml").write_text(project_settings(cases), encoding="utf-8")
        (root / "suites").symlink_to(folder / "suites")
        total = sum(len(c.expectations) for c in cases)
        for engine in os.environ.get("DIFF_ENGINES", "auto").split(","):
            found = {c.name: seamguard_verdicts(root, c, engine) for c in cases}
            wrong = list(disagreements(cases, reference, found))
            print(f"{engine}: {total} cases, {total - len(wrong)} agree, {len(wrong)} disagree")
            for line in wrong:
                print("  " + line)
        errors = sum(v == ("error",) for c in cases for v in reference[c.name])
        print(f"GX reference: {errors} errors")


if __name__ == "__main__":  # pragma: no cover
    _main()
