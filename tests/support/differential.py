"""Differential testing of the quality engines against Great Expectations 1.x itself.

Small seeded datasets (whole numbers with and without gaps, floats with 0.1 + 0.2, 1e20, -0.0,
NaN and infinities, text with unicode, whitespace, empty and number- or date-like values,
dates, booleans, nulls) and a seeded set of expectations with kwargs of every type (text
value sets on number columns, string bounds on dates and numbers, …). GX runs each suite on
the Parquet file as ``pandas.read_parquet`` reads it; seamguard runs the same suite file on
its engines. A verdict is what a user compares: error or not, success, unexpected count, and
the partial unexpected list (values as GX reports them, float64 as Python's ``repr``).

``python -m tests.support.differential`` prints the disagreements of each engine.
"""

from __future__ import annotations

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

Verdict = tuple[Any, ...]

ROWS = 9
SAMPLE_ROWS = 50  # more than any dataset's rows: every unexpected value is listed

_FLOATS = [0.1 + 0.2, 1e20, -0.0, 0.0, float("nan"), float("inf"), float("-inf"), 1.5, 2.0,
           -3.25, 1e-7, 123456789.125, None]
_TEXT = ["a", "b", "1", "2", "1.0", "", " ", "  a ", "é", "Ωmega", "日本", "2024-01-01",
         "2024-06-01", "True", "0.30000000000000004", "\t", None]
_DATES = [dt.date(2023, 12, 31), dt.date(2024, 1, 1), dt.date(2024, 6, 1), dt.date(2024, 2, 29),
          dt.date(1999, 1, 1), None]
_VALUE_POOL: list[Any] = [1, 2, 0, -1, 1.5, 2.0, 0.30000000000000004, 1e20, -0.0, "1", "2",
                          "1.0", "2024-01-01", "2024-06-01", "True", "true", True, False, "a",
                          "", " ", "é", "日本"]
_BOUND_POOL: list[Any] = [0, 1, 2.5, -1e30, 1e30, "2", "1e3", " 3 ", "2024-01-01",
                          "2024-06-01", "2024-01-01T10:00:00", True, None]
COLUMNS = ("i", "n", "f", "s", "d", "b")

_SCHEMA = pa.schema([("k", pa.int64()), ("i", pa.int64()), ("n", pa.int64()),
                     ("f", pa.float64()), ("s", pa.string()), ("d", pa.date32()),
                     ("b", pa.bool_())])


def dataset_rows(rng: random.Random) -> list[dict[str, Any]]:
    """One small dataset: ``k`` a key, then a column of each kind."""
    rows = []
    for k in range(ROWS):
        rows.append({"k": k, "i": rng.choice([0, 1, 2, 2, 3, -1, 10**12]),
                     "n": rng.choice([1, 2, 2, 5, None]),
                     "f": rng.choice(_FLOATS), "s": rng.choice(_TEXT),
                     "d": rng.choice(_DATES), "b": rng.choice([True, False, None])})
    return rows


def expectations(rng: random.Random, count: int) -> list[dict[str, Any]]:
    """``count`` expectations (type and kwargs) over the columns of ``dataset_rows``."""
    found: list[dict[str, Any]] = []
    while len(found) < count:
        column = rng.choice(COLUMNS)
        kind = rng.choice(["in_set", "not_in_set", "in_set", "between", "between", "unique",
                           "not_null", "min", "max", "mean", "regex", "lengths"])
        kwargs: dict[str, Any] = {"column": column}
        if kind in ("in_set", "not_in_set"):
            kwargs["value_set"] = rng.sample(_VALUE_POOL, rng.randint(1, 3))
            name = f"expect_column_values_to_{'be' if kind == 'in_set' else 'not_be'}_in_set"
        elif kind in ("between", "min", "max", "mean"):
            low, high = rng.choice(_BOUND_POOL), rng.choice(_BOUND_POOL + [None] * 4)
            if low is None and high is None:
                continue
            if low is not None:
                kwargs["min_value"] = low
            if high is not None:
                kwargs["max_value"] = high
            if kind == "between":
                name = "expect_column_values_to_be_between"
                if rng.random() < 0.3:
                    kwargs["strict_min"] = True
            else:
                name = f"expect_column_{kind}_to_be_between"
        elif kind == "unique":
            name = "expect_column_values_to_be_unique"
        elif kind == "not_null":
            name = "expect_column_values_to_not_be_null"
        elif kind == "regex":
            name = "expect_column_values_to_match_regex"
            kwargs["regex"] = rng.choice(["^a", r"\d", "^$", r"^\s*$", "[^a-z]", r"\.0$",
                                          "^T", "^-", "e", "^2024"])
        else:
            name = "expect_column_value_lengths_to_be_between"
            kwargs.update(min_value=1, max_value=rng.choice([1, 2, 3]))
        if rng.random() < 0.15:
            kwargs["mostly"] = 0.5
        found.append({"type": name, "kwargs": kwargs})
    return found


@dataclass
class Case:
    """One dataset and its suite, written to ``folder``."""

    name: str
    parquet: Path
    suite: Path
    rows: list[dict[str, Any]]
    expectations: list[dict[str, Any]]


def make_cases(folder: Path, *, seed: int = 20261205, datasets: int = 8,
               per_dataset: int = 30) -> list[Case]:
    rng = random.Random(seed)
    (folder / "suites").mkdir(parents=True, exist_ok=True)
    cases = []
    for number in range(datasets):
        name = f"diff{number}"
        rows = dataset_rows(rng)
        parquet = folder / f"{name}.parquet"
        pq.write_table(pa.Table.from_pylist(rows, schema=_SCHEMA), parquet)
        exps = expectations(rng, per_dataset)
        suite = folder / "suites" / f"{name}.json"
        suite.write_text(json.dumps({"name": name, "meta": {"seamguard": {"dataset": name}},
                                     "expectations": exps}), encoding="utf-8")
        cases.append(Case(name, parquet, suite, rows, exps))
    return cases


def canon(value: Any) -> str:
    """A value as GX's result reports it: float64 (and pandas' float64 of a whole-number
    column with gaps) as Python's ``repr``, dates as ISO text."""
    if isinstance(value, bool) or value is None:
        return repr(value)
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        value = value.item()
    if isinstance(value, bool):
        return repr(value)
    if isinstance(value, int | float):
        return repr(float(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return repr(str(value))


def _partial(values: list[Any]) -> tuple[str, ...]:
    from great_expectations.util import convert_to_json_serializable

    # As GX's validation result serialises them: NaN (pandas' missing value) as None.
    return tuple(sorted(canon(convert_to_json_serializable(v)) for v in values))


def _observed(value: Any) -> str:
    from great_expectations.util import convert_to_json_serializable

    return canon(convert_to_json_serializable(value))


def gx_batch(frame: Any, name: str) -> Any:
    """A GX 1.x batch over a pandas frame in an ephemeral context, quiet (no progress bars,
    no analytics, no logging)."""
    import logging

    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations").setLevel(logging.CRITICAL)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False,
                                                         metric_calculations=False)
    asset = context.data_sources.add_pandas("p").add_dataframe_asset(name)
    return asset.add_batch_definition_whole_dataframe("all").get_batch(
        batch_parameters={"dataframe": frame})


def gx_verdicts(case: Case) -> list[Verdict]:
    """GX 1.x on ``pandas.read_parquet`` of the dataset, one verdict per expectation."""
    import pandas as pd
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    batch = gx_batch(pd.read_parquet(case.parquet), case.name)
    verdicts: list[Verdict] = []
    for raw in case.expectations:
        try:
            built = ExpectationConfiguration(type=raw["type"],
                                             kwargs=dict(raw["kwargs"])).to_domain_obj()
        except Exception:  # GX's models reject the kwargs
            verdicts.append(("error",))
            continue
        result = batch.validate(built, result_format={
            "result_format": "SUMMARY", "partial_unexpected_count": SAMPLE_ROWS})
        info = result.exception_info or {}
        parts = [info, *(v for v in info.values() if isinstance(v, dict))]
        if any(isinstance(p, dict) and p.get("raised_exception") for p in parts):
            verdicts.append(("error",))
            continue
        res = result.result or {}
        if "observed_value" in res and "unexpected_count" not in res:
            verdicts.append((bool(result.success), _observed(res["observed_value"])))
            continue
        verdicts.append((bool(result.success), res.get("unexpected_count"),
                         _partial([_as_shown(v) for v in res.get("partial_unexpected_list") or []])
                         if "partial_unexpected_list" in res else None))
    return verdicts


def _as_shown(value: Any) -> Any:
    """A sample value as reports show samples (personal data masked, a value that is not
    provably impersonal by its shape), so GX's samples compare with seamguard's."""
    from seamguard.quality.privacy import masked_rows

    return masked_rows([{"value": value}], set())[0]["value"]


def project_settings(folder: Path, cases: list[Case], *, kind: str = "file",
                     schema: str | None = None, url_env: str | None = None) -> str:
    blocks = ["[tool.seamguard]\n",
              f'[tool.seamguard.quality]\nsuites = "suites"\nsample_rows = {SAMPLE_ROWS}\n']
    if kind == "spark":
        blocks.append('[tool.seamguard.spark]\nmaster = "local[1]"\n')
    for case in cases:
        where = (f'kind = "sql"\nurl_env = "{url_env}"\ntable = "{case.name}"\n'
                 f'schema = "{schema}"' if kind == "sql"
                 else f'kind = "{kind}"\npath = "{case.parquet}"')
        blocks.append(f'[tool.seamguard.datasets.{case.name}]\n{where}\nkey = ["k"]\n')
    return "\n".join(blocks)


def seamguard_verdicts(project_dir: Path, case: Case, engine: str) -> list[Verdict]:
    """seamguard's verdict on each expectation of the case's suite (an error finding, a
    rejected expectation or a failed query are all "error")."""
    from seamguard.project import find_project
    from seamguard.quality.check import suite_findings
    from seamguard.quality.suites import load_suite

    project = find_project(project_dir, explicit=True)
    suite = load_suite(case.suite, display=case.suite.name)
    findings, outcome = suite_findings(project, suite, engine=engine)
    if outcome is None:
        return [("error",)] * len(case.expectations)
    by_index = {e["index"]: e for e in outcome[1]["expectations"]}
    verdicts: list[Verdict] = []
    for index, raw in enumerate(case.expectations):
        found = by_index.get(index)
        if found is None or found["error"]:
            verdicts.append(("error",))
            continue
        column = raw["kwargs"]["column"]
        aggregate = raw["type"].startswith(("expect_column_min", "expect_column_max",
                                            "expect_column_mean"))
        if aggregate:
            verdicts.append((bool(found["success"]), _observed(found["observed"])))
            continue
        verdicts.append((bool(found["success"]), found["unexpected_count"],
                         _partial([row.get(column) for row in found["samples"]])))
    del findings
    return verdicts


def disagreements(cases: list[Case], reference: dict[str, list[Verdict]],
                  found: dict[str, list[Verdict]]) -> Iterator[str]:
    for case in cases:
        for raw, want, got in zip(case.expectations, reference[case.name], found[case.name],
                                  strict=True):
            if want != got:
                yield f"{case.name} {raw['type']} {json.dumps(raw['kwargs'])}: GX {want} got {got}"


def load_postgres(url: str, schema: str, cases: list[Case]) -> None:
    """Each case's rows as a table of ``schema`` (bigint, double precision, text, date,
    boolean), NaN and infinities kept."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.begin() as db:
            db.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
            raw = db.connection.driver_connection
            for case in cases:
                with raw.cursor() as cursor:
                    cursor.execute(f'CREATE TABLE "{schema}"."{case.name}" (k bigint, i bigint, '
                                   "n bigint, f double precision, s text, d date, b boolean)")
                    with cursor.copy(f'COPY "{schema}"."{case.name}" FROM STDIN') as copy:
                        for row in case.rows:
                            copy.write_row([row[c] for c in ("k", *COLUMNS)])
    finally:
        engine.dispose()


def _main() -> None:  # pragma: no cover - a report for people
    import sys
    import tempfile

    from tests.support.postgres import URL, throwaway_schema

    engines = sys.argv[1:] or ["duckdb", "gx", "postgresql"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        cases = make_cases(folder, seed=int(os.environ.get("DIFF_SEED", "20261205")))
        reference = {c.name: gx_verdicts(c) for c in cases}
        total = sum(len(c.expectations) for c in cases)
        for engine in engines:
            root = folder / engine
            root.mkdir()
            kind, env = "file", None
            with throwaway_schema("sg_diff") as schema:
                if engine == "postgresql":
                    load_postgres(URL, schema, cases)
                    kind, env = "sql", "SG_DIFF_URL"
                    os.environ[env] = URL
                (root / "pyproject.toml").write_text(project_settings(
                    folder, cases, kind="spark" if engine == "spark" else kind, schema=schema,
                    url_env=env), encoding="utf-8")
                (root / "suites").symlink_to(folder / "suites")
                mode = "gx" if engine == "gx" else "auto"
                found = {c.name: seamguard_verdicts(root, c, mode) for c in cases}
                wrong = list(disagreements(cases, reference, found))
            print(f"{engine}: {total} cases, {len(wrong)} disagree")
            for line in wrong:
                print("  " + line)



if __name__ == "__main__":  # pragma: no cover
    _main()
