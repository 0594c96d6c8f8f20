"""Run expectations through Great Expectations 1.x: pandas for files, SQL for databases, Spark.

Always an ephemeral context: nothing is written to disk, so no connection string (with its
password) ever lands in a GX config file. Results come back as the same ``Outcome``s as the
compiled engine, so reports and tests treat both engines alike.
"""

from __future__ import annotations

import difflib
import logging
import os
import re
from typing import Any

from seamguard.quality.compiler import Outcome
from seamguard.quality.datasets import Dataset, Datasets
from seamguard.quality.gx_regex import screen_regexes
from seamguard.quality.kwarg_kinds import kind_problem
from seamguard.quality.suites import Expectation
from seamguard.quality.unexpected_rows import TYPE as UNEXPECTED_ROWS
from seamguard.quality.unexpected_rows import query_problem
from seamguard.spelling import nearest

__all__ = ["build_expectations", "invalid_expectations", "run_gx", "run_gx_spark"]

_INDEX = "seamguard_index"


def _gx() -> Any:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import great_expectations as gx

    for name in ("great_expectations", "py4j"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    return gx


def build_expectations(expectations: list[Expectation]) -> tuple[list[Any], list[Outcome]]:
    """GX expectation objects, and an error outcome for each one GX rejects."""
    _gx()
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    built: list[Any] = []
    rejected: list[Outcome] = []
    for exp in expectations:
        try:
            # GX does not keep the suite's order in its results: the index in meta maps back.
            config = ExpectationConfiguration(type=exp.type, kwargs=dict(exp.kwargs),
                                              meta={**exp.meta, _INDEX: exp.index})
            built.append(config.to_domain_obj())
        except Exception as exc:  # GX raises many kinds; each means "this config is invalid"
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
            rejected.append(Outcome(exp, False, error=f"GX rejects it: {message}", engine="gx"))
    return built, rejected


def invalid_expectations(expectations: list[Expectation]) -> dict[int, tuple[str, str]]:
    """Expectations whose type or kwargs GX's own models reject, checked before any engine runs
    (the compiled engine must not run what GX would refuse): index -> (pointer below the
    expectation, message). A ``mostly`` of 7, a string where a bound or count goes, a missing
    ``column``, an unknown kwarg or expectation type, a regex that does not compile."""
    _gx()
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    invalid: dict[int, tuple[str, str]] = {}
    for exp in expectations:
        parameter = _suite_parameter(exp)
        if parameter is not None:
            invalid[exp.index] = parameter
            continue
        # Before GX's model, which prints (to stdout) about a query without {batch}.
        problem = query_problem(exp.kwargs.get("unexpected_rows_query")) \
            if exp.type == UNEXPECTED_ROWS else None
        if problem:
            invalid[exp.index] = ("/kwargs/unexpected_rows_query", problem)
            continue
        try:
            ExpectationConfiguration(type=exp.type, kwargs=dict(exp.kwargs)).to_domain_obj()
        except Exception as exc:  # GX raises many kinds; each means "this config is invalid"
            invalid[exp.index] = _gx_problem(exp, exc)
            continue
        mostly = _mostly_problem(exp.kwargs)
        if mostly:
            invalid[exp.index] = ("/kwargs/mostly", mostly)
            continue
        wrong_kind = kind_problem(exp.type, exp.kwargs)
        if wrong_kind:
            invalid[exp.index] = wrong_kind
            continue
        for key in ("regex", "regex_list"):
            patterns = exp.kwargs.get(key)
            listed = isinstance(patterns, list)
            each: list[Any] = patterns if isinstance(patterns, list) else [patterns]
            for number, pattern in enumerate(each):
                if key not in exp.kwargs:
                    break
                problem = _regex_problem(pattern)
                if problem and listed:
                    invalid[exp.index] = (f"/kwargs/{key}/{number}",
                                          f"`{key}` item {number} ({str(pattern)[:80]!r}) "
                                          f"{problem}")
                    break
                if problem:
                    invalid[exp.index] = (f"/kwargs/{key}", f"`{key}` {problem}")
    return invalid


def _mostly_problem(kwargs: dict[str, Any]) -> str | None:
    """Why ``mostly`` is no fraction: GX's model turns the text "0.5" into a number, which the
    compiled engine would not, so the suite means one thing to each; a number is wanted."""
    value = kwargs.get("mostly")
    if value is None:  # GX's default: every row
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return (f"`mostly` must be a number from 0 to 1 (the share of rows that must pass), "
                f"not {value!r}: write it without quotes, e.g. \"mostly\": 0.95")
    return None


def _suite_parameter(exp: Expectation) -> tuple[str, str] | None:
    """A kwarg left to a suite parameter (``{"$PARAMETER": "max_rows"}``: GX 0.x's evaluation
    parameters, GX 1.x's suite parameters), filled in by whoever runs the suite in GX. GX's
    models accept it, then validation stops; a suite here carries its own values."""
    for key, value in exp.kwargs.items():
        if isinstance(value, dict) and "$PARAMETER" in value:
            name = str(value["$PARAMETER"])[:60]
            return (f"/kwargs/{key}",
                    f"kwarg `{key}` is the suite parameter {name!r} ({{\"$PARAMETER\": …}}), "
                    "which GX fills in from the parameters its caller passes; a suite here "
                    f"runs without them: write the value itself, e.g. \"{key}\": 100, or "
                    "give the parameter a value in the suite's `evaluation_parameters` (GX "
                    "0.x's place for them)")
    return None


def _regex_problem(pattern: Any) -> str | None:
    if not isinstance(pattern, str):
        return f"must be a regular expression (a string), not {pattern!r}"
    try:
        re.compile(pattern)
    except re.error as exc:
        return f"is not a valid regular expression: {exc}"
    return None


# Kwargs of GX 0.x suites that GX 1.x no longer takes, and what to write instead.
_REMOVED_KWARGS = {
    "parse_strings_as_datetimes": "GX 1.x removed it (GX 0.x only): store the column as a "
                                  "date or timestamp, or check ISO-8601 text with "
                                  "expect_column_values_to_match_strftime_format",
    "allow_cross_type_comparisons": "GX 1.x removed it (GX 0.x only): compare values of one "
                                    "type, e.g. number bounds for a number column",
    "output_strftime_format": "GX 1.x removed it (GX 0.x only): drop it, it only changed how "
                              "dates were shown",
    "include_config": "GX 1.x removed it (GX 0.x only): drop it, results always carry their "
                      "configuration",
}


# Expectation types of GX 0.x suites that GX 1.x no longer has, and what to write instead.
_STATISTICAL_TESTS = ("GX 1.x removed the statistical tests: compare a distribution with "
                      "expect_column_kl_divergence_to_be_less_than, or bound its statistics with "
                      "expect_column_mean/stdev/quantile_values_to_be_between")
_REMOVED_TYPES = {
    "expect_multicolumn_values_to_be_unique":
        "GX 1.x removed this 0.x name: write expect_select_column_values_to_be_unique_within_"
        "record (same column_list and ignore_row_if), or expect_compound_columns_to_be_unique "
        "for a combination of values that must not repeat across rows",
    "expect_column_pair_cramers_phi_value_to_be_less_than":
        "GX 1.x removed it, with no replacement",
    "expect_column_bootstrapped_ks_test_p_value_to_be_greater_than": _STATISTICAL_TESTS,
    "expect_column_chisquare_test_p_value_to_be_greater_than": _STATISTICAL_TESTS,
    "expect_column_parameterized_distribution_ks_test_p_value_to_be_greater_than":
        _STATISTICAL_TESTS,
}


def _unknown_type(name: str) -> str:
    """GX's "not found", with what replaced a GX 0.x type, or the nearest types GX 1.x knows."""
    if name in _REMOVED_TYPES:
        return f"{name}: {_REMOVED_TYPES[name]}"
    if name.startswith("expect_file_"):
        return (f"{name}: GX 1.x removed GX 0.x's file expectations (FileDataAsset); a "
                "dataset here is a table, checked by column and table expectations")

    from great_expectations.expectations.registry import (
        list_registered_expectation_implementations,
    )

    known = list_registered_expectation_implementations()
    # the same name in another case or CamelCase (GX 0.x's class names) first
    same = nearest(name, known, cutoff=1.0)
    close = [same] if same else difflib.get_close_matches(name, known, n=3, cutoff=0.7)
    hint = f"; did you mean {' or '.join(close)}?" if close else (
        "; GX 1.x knows: " + ", ".join(sorted(known)[:8]) + ", …")
    if name.startswith("expect_column_values_to_be_valid_") or not close:
        # Expectations Gallery types (great_expectations_experimental) and custom ones
        hint = ("; it is not one of GX 1.x's core expectations: custom and Expectations "
                "Gallery types (great_expectations_experimental) are not loaded, so it was "
                "not run — check a format with expect_column_values_to_match_regex, or a "
                "list with expect_column_values_to_be_in_set")
    return f"{name} not found: GX 1.x has no such expectation type{hint}"


def _gx_problem(exp: Expectation, exc: Exception) -> tuple[str, str]:
    """GX's error told as "kwarg: what is wrong (found: value)"; union noise dropped."""
    for key, advice in _REMOVED_KWARGS.items():
        if key in exp.kwargs:
            return f"/kwargs/{key}", f"kwarg `{key}`: {advice}"
    errors = getattr(exc, "errors", None)
    if callable(errors):
        try:
            found = [e for e in errors() if e.get("loc")]
        except Exception:  # not a pydantic error after all
            found = []
        # Fields that also take a suite parameter {"$PARAMETER": ...} fail that branch too.
        meaningful = [e for e in found if "valid dict" not in str(e.get("msg"))] or found
        if meaningful:
            key = str(meaningful[0]["loc"][0])
            message = str(meaningful[0]["msg"])
            if key == "__root__":  # a rule about several kwargs together
                return "/kwargs", message
            if key in exp.kwargs:
                message += f" (found {exp.kwargs[key]!r})"[:120]
                if "extra" in message.lower():
                    message += _nearest_kwarg(exp.type, key)
            elif "required" in message:
                message = "required, but missing"
                typo = _misspelling_of(key, exp.kwargs, {str(e["loc"][0]) for e in found})
                if typo is not None:  # the kwarg is there, under a wrong name: point at it
                    return f"/kwargs/{typo}", (f"kwarg `{key}`: {message}; `{typo}` is no "
                                               f"kwarg of {exp.type}: did you mean `{key}`?")
            return f"/kwargs/{key}", f"kwarg `{key}`: {message}"
    text = str(exc).strip()
    if text.endswith("not found"):
        return "/type", _unknown_type(exp.type)
    return "/type", text.splitlines()[0] if text else type(exc).__name__


def _misspelling_of(key: str, given: dict[str, Any], failing: set[str]) -> str | None:
    """The kwarg given that is ``key`` misspelt (``colum`` for a missing ``column``), if any:
    one GX refused as unknown, or one nearest to ``key`` of all the names given."""
    unknown = [name for name in given if name in failing or name not in _COMMON_KWARGS]
    unknown = [name for name in unknown if name != key]
    return next((name for name in unknown if nearest(name, [key]) == key), None)


# Fields of GX's expectation models that a suite never spells as kwargs.
_NOT_KWARGS = frozenset({"batch_id", "id", "rendered_content", "windows", "description",
                         "notes", "severity", "meta"})

_COMMON_KWARGS = frozenset({"catch_exceptions", "condition_parser", "row_condition",
                            "result_format", "mostly"})


def _nearest_kwarg(type_: str, key: str) -> str:
    """"; did you mean `min_value`?" for a kwarg the expectation does not take ("" if none is
    near): a name it starts (``min``), else the closest spelling (``value_sett``)."""
    from great_expectations.expectations.registry import get_expectation_impl

    try:
        fields = getattr(get_expectation_impl(type_), "__fields__", {})
    except Exception:  # an unknown type is said elsewhere
        return ""
    names = sorted(set(fields) - _NOT_KWARGS)
    near = [n for n in names if n.startswith(key.lower()) or key.lower().startswith(n)]
    meant = nearest(key, names)
    near = near or ([meant] if meant else [])
    # its own kwargs first, then those every expectation of its kind takes
    names.sort(key=lambda n: n in _COMMON_KWARGS)
    return f"; did you mean `{near[0]}`?" if near else f"; it takes {', '.join(names)}"


def _context() -> Any:
    gx = _gx()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False,
                                                         metric_calculations=False)
    return context


def _result_format(key: list[str], sample_rows: int) -> dict[str, Any]:
    fmt: dict[str, Any] = {"result_format": "SUMMARY",
                           "partial_unexpected_count": max(sample_rows, 1)}
    if key:
        fmt["unexpected_index_column_names"] = key
    return fmt


def _validate(batch: Any, name: str, expectations: list[Expectation], key: list[str],
              sample_rows: int) -> list[Outcome]:
    gx = _gx()
    built, outcomes = build_expectations(expectations)
    if not built:
        return outcomes
    by_index = {e.index: e for e in expectations}
    suite = gx.ExpectationSuite(name=name, expectations=built)
    try:
        result = batch.validate(suite, result_format=_result_format(key, sample_rows))
    except Exception as exc:  # GX refused the suite as a whole: each expectation is an error
        text = str(exc).strip()
        message = f"GX raised: {text.splitlines()[0]}" if text else f"GX raised {exc!r}"
        outcomes.extend(Outcome(e, False, error=message, engine="gx") for e in expectations
                        if e.index not in {o.expectation.index for o in outcomes})
        return sorted(outcomes, key=lambda o: o.expectation.index)
    for item in result.results:
        exp = by_index[int(item.expectation_config.meta[_INDEX])]
        outcomes.append(_outcome(exp, item, key, sample_rows))
    outcomes.sort(key=lambda o: o.expectation.index)
    return outcomes


def _outcome(exp: Expectation, item: Any, key: list[str], sample_rows: int) -> Outcome:
    message = _raised(item.exception_info)
    if message is not None and "row_condition" in exp.kwargs:
        # the usual cause: GX could not evaluate the condition, which the message never says
        message += (f" (while applying row_condition {str(exp.kwargs['row_condition'])[:120]!r}"
                    f" with condition_parser {exp.kwargs.get('condition_parser')!r}: check "
                    "its quotes and column names)")
    if message is not None:
        return Outcome(exp, False, error=message, engine="gx")
    res = dict(item.result or {})
    observed = res.get("observed_value")
    samples: list[dict[str, Any]] = []
    for row in (res.get("partial_unexpected_index_list") or [])[:sample_rows]:
        if isinstance(row, dict):
            samples.append({str(k): _plain(v) for k, v in row.items()})
    if not samples and res.get("partial_unexpected_list"):
        column = exp.column or "value"
        samples = [{column: _plain(v)} for v in res["partial_unexpected_list"][:sample_rows]]
    observed = _set_difference(res, observed)
    element = res.get("element_count")
    if element is None and isinstance(observed, int):
        element = observed
    return Outcome(exp, bool(item.success), int(element or 0),
                   int(res.get("unexpected_count") or 0), res.get("unexpected_percent"),
                   observed, samples, engine="gx")


def _set_difference(res: dict[str, Any], observed: Any) -> Any:
    """What a set expectation found, where GX 1.x reports it beside ``observed_value``.

    ``expect_column_distinct_values_to_contain_set`` / ``_equal_set`` / ``_be_in_set`` give
    no observed value, only the set's values the column lacks (``partial_missing_list``) and
    the column's distinct values outside the set (``partial_unexpected_list``);
    ``expect_table_columns_to_match_set`` gives them under ``details.mismatched``. Without
    them a failure would say nothing of what differs.
    """
    details = res.get("details")
    mismatched = details.get("mismatched") if isinstance(details, dict) else None
    if isinstance(mismatched, dict):
        return {"columns": observed, **{str(k): [_plain(v) for v in values or []]
                                        for k, values in mismatched.items()}}
    if observed is not None or "element_count" in res:
        return observed
    found = {name: [_plain(v) for v in res[key]]
             for name, key in (("missing", "partial_missing_list"),
                               ("unexpected", "partial_unexpected_list"))
             if isinstance(res.get(key), list)}
    return found or observed


def _raised(info: Any) -> str | None:
    """GX's error message when computing the expectation raised, else None.

    GX gives ``{raised_exception, exception_message}`` for the expectation itself, or one such
    dict per metric that failed to compute (keyed by the metric's id): a metric that raised
    leaves the expectation unsuccessful with no counts, which is an error, not a failure.
    """
    if not isinstance(info, dict):
        return None
    parts = [info, *(v for v in info.values() if isinstance(v, dict))]
    for part in parts:
        if part.get("raised_exception"):
            text = str(part.get("exception_message") or "").strip()
            return f"GX raised: {text.splitlines()[0]}" if text else "GX raised an error"
    return None


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, str | bool | int):
        return value
    if getattr(getattr(value, "dtype", None), "kind", None) == "b":  # numpy's boolean
        return bool(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if number != number:  # NaN: pandas' null
        return None
    return int(number) if number.is_integer() and not isinstance(value, float) else number


def run_gx(datasets: Datasets, dataset: Dataset, expectations: list[Expectation], *,
           key: list[str], sample_rows: int) -> list[Outcome]:
    """GX on pandas (files) or on the database itself (SQL datasets)."""
    context = _context()
    settings = dataset.settings
    stopped: list[Outcome] = []
    if settings.kind == "file":
        frame = read_pandas(datasets, dataset)
        # pandas runs regexes with re, unbounded: a backtracking one is stopped here instead
        expectations, stopped = screen_regexes(frame, expectations)
        asset = context.data_sources.add_pandas("files").add_dataframe_asset(dataset.name)
        batch = asset.add_batch_definition_whole_dataframe("all").get_batch(
            batch_parameters={"dataframe": frame})
    else:
        url = os.environ.get(settings.url_env or "", "")
        source = context.data_sources.add_postgres(
            "db", connection_string=url,
            kwargs={"connect_args": {"connect_timeout": max(1, round(settings.connect_timeout))}})
        if settings.table is not None:
            asset = source.add_table_asset(dataset.name, table_name=settings.table,
                                           schema_name=settings.db_schema)
        else:
            asset = source.add_query_asset(dataset.name, query=settings.query)
        batch = asset.add_batch_definition_whole_table("all").get_batch()
    if not expectations:
        return stopped
    outcomes = _validate(batch, dataset.name, expectations, key, sample_rows) + stopped
    return sorted(outcomes, key=lambda o: o.expectation.index)


def read_pandas(datasets: Datasets, dataset: Dataset) -> Any:
    """The dataset as the compiled engine reads it (the same DuckDB view), as a pandas frame.

    Both engines then see the same columns and values: CSV text such as ``01234`` or
    ``2024-05-05T10:00:00Z`` stays the text the file holds, and the ``dtypes`` settings apply
    to GX too. Columns with gaps get the dtypes ``pandas.read_parquet`` and ``read_csv`` give
    them (GX's pandas metrics fail on ``pd.NA``): whole numbers become float64, booleans
    objects, with NaN for the gaps.
    """
    del datasets  # the dataset is already open
    import numpy as np
    import pandas as pd

    frame = dataset.connection.duckdb().sql(f"SELECT * FROM {dataset.relation}").df()
    for name, dtype in frame.dtypes.items():
        kind = str(dtype)
        if str(dataset.types.get(str(name), "")).upper() == "DATE":
            # Dates as pandas.read_parquet gives them (datetime.date objects, None for gaps),
            # not DuckDB's datetime64: GX then compares them as dates, so "2024-01-01" in a
            # value set is not a date and a datetime bound is an error, as on the file.
            column = frame[name]
            frame[name] = [None if v is pd.NaT else v.date() for v in column]
            continue
        if getattr(dtype, "na_value", None) is None or kind == "object":
            continue  # a numpy dtype
        if pd.api.types.is_datetime64_any_dtype(dtype):
            continue  # timestamps with a zone stay timestamps (NaT for gaps), as pandas reads them
        column = frame[name]
        if not column.isna().any() and kind.lower().startswith(("int", "uint", "float")):
            frame[name] = column.to_numpy(dtype=kind.lower())
        elif kind.lower().startswith(("int", "uint", "float")):
            frame[name] = column.astype("float64")
        else:
            frame[name] = column.astype(object).where(column.notna(), np.nan)
    return frame


def run_gx_spark(dataset: Dataset, expectations: list[Expectation], *, key: list[str],
                 sample_rows: int) -> list[Outcome]:
    """GX's Spark data source on the DataFrame of an opened Spark dataset."""
    from pyspark.sql import functions

    context = _context()
    asset = context.data_sources.add_spark("spark").add_dataframe_asset(dataset.name)
    frame = dataset.frame
    doubles = [name for name, kind in frame.dtypes if kind in ("double", "float")]
    if doubles:  # NaN is a missing value, as GX on pandas (and the compiled query) reads it
        frame = frame.withColumns({name: functions.when(~functions.isnan(name), frame[name])
                                   for name in doubles})
    batch = asset.add_batch_definition_whole_dataframe("all").get_batch(
        batch_parameters={"dataframe": frame})
    return _validate(batch, dataset.name, expectations, key, sample_rows)
