"""Suites as GX users bring them: GX 0.x and 1.x layouts, checked against GX itself."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from seamguard.cli import app

runner = CliRunner()

CSV = """id,name,amount,code,created,a,b,cat,zip
1,alice,10,AB-1,2024-05-05T10:00:00Z,5,3,x,01234
2,bob,20,ab-2,2024-05-06T11:00:00+08:00,1,3,y,12345
3,,30,XAB-3,2024-05-07,4,4,z,00001
4,dan,,AB-4x,,2,1,x,
5,eve,40,CD-5,2024-05-08T12:00:00Z,9,,,54321
"""


def _project(tmp_path: Path, suite: dict[str, Any]) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "suites").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard]\n\n[tool.seamguard.datasets.t]\npath = "data/t.csv"\nkey = ["id"]\n',
        encoding="utf-8")
    (tmp_path / "data" / "t.csv").write_text(CSV, encoding="utf-8")
    (tmp_path / "suites" / "t.json").write_text(json.dumps(suite, indent=1), encoding="utf-8")
    return tmp_path


def _run(project: Path, engine: str = "auto") -> tuple[int, list[dict[str, Any]]]:
    result = runner.invoke(app, ["quality", "--project", str(project), "--engine", engine,
                                 "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.output)["findings"]


def _by_pointer(findings: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {str(f["location"]["pointer"]): f for f in findings}


def _ours_and_gx(project: Path, expectations: list[dict[str, Any]], engine: str) -> tuple[
        list[dict[str, Any]], dict[str, dict[str, Any]], list[tuple[bool, Any]]]:
    """Our findings on the project's suite, the same by pointer, and what GX says of it."""
    _, findings = _run(project, engine)
    return findings, _by_pointer(findings), _gx_on_pandas(expectations,
                                                          project / "data" / "t.csv")


def _gx_on_pandas(expectations: list[dict[str, Any]], csv: Path) -> list[tuple[bool, Any]]:
    """What GX 1.x itself says, on the file as pandas reads it."""
    import great_expectations as gx
    import pandas as pd
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    context = gx.get_context(mode="ephemeral")
    batch = (context.data_sources.add_pandas("p").add_dataframe_asset("t")
             .add_batch_definition_whole_dataframe("all")
             .get_batch(batch_parameters={"dataframe": pd.read_csv(csv)}))
    out = []
    for item in expectations:
        config = ExpectationConfiguration(type=item["type"], kwargs=item["kwargs"])
        result = batch.validate(config.to_domain_obj())
        out.append((bool(result.success), result.result.get("unexpected_count")))
    return out


def _x(kind: str, **kwargs: Any) -> dict[str, Any]:
    return {"type": f"expect_{kind}", "kwargs": kwargs}


GX1_EXPECTATIONS: list[dict[str, Any]] = [
    _x("column_values_to_not_be_null", column="name", mostly=0.8),
    _x("column_values_to_not_be_null", column="name", mostly=0.9),
    _x("column_values_to_be_between", column="amount", min_value=10, max_value=40,
       strict_min=True),
    _x("column_values_to_be_between", column="amount", min_value=10, max_value=40,
       strict_max=True, mostly=0.7),
    _x("column_values_to_match_regex", column="code", regex="AB-\\d"),  # search, not match
    _x("column_values_to_not_match_regex", column="code", regex="^CD"),
    _x("column_values_to_be_in_set", column="cat", value_set=["x", "y"]),
    _x("column_values_to_be_unique", column="cat"),
    _x("table_row_count_to_be_between", min_value=1, max_value=4),
    _x("column_value_lengths_to_be_between", column="code", min_value=4, max_value=4),
    _x("column_pair_values_a_to_be_greater_than_b", column_A="a", column_B="b", or_equal=True),
    _x("compound_columns_to_be_unique", column_list=["cat", "b"]),
    _x("column_values_to_be_of_type", column="amount", type_="int64"),
    _x("column_values_to_be_in_type_list", column="amount", type_list=["int64", "float64"]),
    _x("column_mean_to_be_between", column="amount", min_value=20, max_value=30),
    _x("table_columns_to_match_ordered_list", column_list=["id", "name"]),
    _x("multicolumn_sum_to_equal", column_list=["a", "b"], sum_total=8),
    _x("column_values_to_be_unique", column="cat", row_condition="a>1",
       condition_parser="pandas"),
    _x("column_values_to_not_be_null", column="amount", result_format="BOOLEAN_ONLY"),
]


@pytest.mark.parametrize("engine", ["auto", "gx"])
def test_every_engine_agrees_with_gx_itself(tmp_path: Path, engine: str) -> None:
    project = _project(tmp_path, {"name": "t", "expectations": GX1_EXPECTATIONS})
    _, found, truth = _ours_and_gx(project, GX1_EXPECTATIONS, engine)
    for index, (success, unexpected) in enumerate(truth):
        finding = found.get(f"/expectations/{index}")
        assert (finding is None) == success, (index, GX1_EXPECTATIONS[index], finding)
        if finding is not None:
            assert finding["code"] == "quality.expectation-failed", finding
            if unexpected is not None:
                assert finding["actual"]["unexpected_count"] == unexpected, finding


def test_a_gx_0_18_suite_runs_with_its_own_spellings(tmp_path: Path) -> None:
    suite = {"expectation_suite_name": "orders_v0", "data_asset_type": None,
             "meta": {"great_expectations_version": "0.18.8"},
             "expectations": [
                 {"expectation_type": "expect_column_pair_values_A_to_be_greater_than_B",
                  "kwargs": {"column_A": "a", "column_B": "b", "or_equal": True}, "meta": {}},
                 {"expectation_type": "expect_column_values_to_not_be_null",
                  "kwargs": {"column": "name", "catch_exceptions": True}, "meta": {}}]}
    project = _project(tmp_path, suite)
    result = runner.invoke(app, ["quality", "--project", str(project), "--format", "json"])
    report = json.loads(result.output)
    findings = _by_pointer(report["findings"])
    assert result.exit_code == 1
    pair = findings["/expectations/0"]
    assert pair["code"] == "quality.expectation-failed"
    assert pair["actual"]["unexpected_count"] == 2  # (1, 3) and (9, empty), as GX counts
    assert findings["/expectations/1"]["actual"]["unexpected_count"] == 1
    assert "orders_v0" in str(pair["case"])


def test_a_typo_in_a_type_names_the_nearest_gx_types(tmp_path: Path) -> None:
    suite = {"expectation_suite_name": "t", "expectations": [
        {"expectation_type": "expect_column_values_to_be_betwen",
         "kwargs": {"column": "amount", "min_value": 1}, "meta": {}}]}
    _, findings = _run(_project(tmp_path, suite))
    [finding] = findings
    assert finding["code"] == "quality.suite-invalid"
    assert finding["location"]["pointer"] == "/expectations/0/expectation_type"
    assert finding["location"]["line"] == 5  # the `expectation_type` line
    assert "did you mean expect_column_values_to_be_between" in finding["message"]


@pytest.mark.parametrize("kwarg", ["parse_strings_as_datetimes", "allow_cross_type_comparisons",
                                   "output_strftime_format"])
def test_a_kwarg_gx_1_removed_is_refused_with_what_to_do(tmp_path: Path, kwarg: str) -> None:
    suite = {"name": "t", "expectations": [
        {"type": "expect_column_values_to_be_between",
         "kwargs": {"column": "created", "min_value": "2024-01-01", kwarg: True}}]}
    _, findings = _run(_project(tmp_path, suite))
    [finding] = findings
    assert finding["code"] == "quality.suite-invalid"
    assert finding["location"]["pointer"] == f"/expectations/0/kwargs/{kwarg}"
    assert "GX 1.x removed it" in finding["message"]


def test_an_expectation_gx_cannot_compute_is_an_error_not_a_failure(tmp_path: Path) -> None:
    # GX on pandas refuses string bounds on this column: its metric raises.
    suite = {"name": "t", "expectations": [
        {"type": "expect_column_values_to_be_between",
         "kwargs": {"column": "created", "min_value": "2024-01-01", "max_value": "2024-12-31"}}]}
    _, findings = _run(_project(tmp_path, suite), "gx")
    [finding] = findings
    assert finding["code"] == "quality.expectation-error"
    assert "GX raised: Column values, min_value, and max_value" in finding["message"]


@pytest.mark.parametrize("engine", ["auto", "gx"])
def test_csv_text_is_checked_as_the_file_holds_it(tmp_path: Path, engine: str) -> None:
    suite = {"name": "t", "expectations": [
        {"type": "expect_column_values_to_match_regex",
         "kwargs": {"column": "created", "regex": "^\\d{4}-\\d{2}-\\d{2}(T|$)"}},
        {"type": "expect_column_values_to_match_regex", "kwargs": {"column": "zip",
                                                                   "regex": "^\\d{5}$"}},
        {"type": "expect_column_value_lengths_to_be_between",
         "kwargs": {"column": "zip", "min_value": 5, "max_value": 5}}]}
    code, findings = _run(_project(tmp_path, suite), engine)
    assert (code, findings) == (0, [])


PYTHON_ONLY_REGEXES = [
    _x("column_values_to_match_regex", column="code", regex="^(?!CD)"),       # lookahead
    _x("column_values_to_match_regex", column="code", regex="^(A)B-\\d\\b"),  # \b: boundary
    _x("column_values_to_not_match_regex", column="name", regex="(.)\\1"),    # backreference
    _x("column_values_to_match_regex", column="code", regex="\\d\\Z"),        # Python's \Z
    _x("column_values_to_not_be_null", column="name"),
]


@pytest.mark.parametrize("engine", ["auto", "gx"])
def test_regexes_only_python_reads_are_evaluated_as_gx_does(tmp_path: Path,
                                                            engine: str) -> None:
    # RE2 (DuckDB) has no lookaround or backreference and PostgreSQL reads \b as a backspace:
    # such a regex in the one compiled query failed the whole suite.
    project = _project(tmp_path, {"name": "t", "expectations": PYTHON_ONLY_REGEXES})
    findings, found, truth = _ours_and_gx(project, PYTHON_ONLY_REGEXES, engine)
    assert [f["code"] for f in findings] == ["quality.expectation-failed"] * len(findings)
    for index, (success, unexpected) in enumerate(truth):
        finding = found.get(f"/expectations/{index}")
        assert (finding is None) == success, (index, finding)
        if finding is not None:
            assert finding["actual"]["unexpected_count"] == unexpected


def test_gx_severity_decides_what_a_failure_is(tmp_path: Path) -> None:
    suite = {"name": "t", "id": None, "notes": None,
             "meta": {"great_expectations_version": "1.24.1"}, "expectations": [
                 {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "name"},
                  "meta": {}, "severity": "warning", "id": "6f1c"},
                 {"type": "expect_column_values_to_be_unique", "kwargs": {"column": "cat"},
                  "meta": {}, "severity": "info"}]}
    code, findings = _run(_project(tmp_path, suite))
    assert code == 0  # nothing critical failed
    assert {(f["location"]["pointer"], f["severity"]) for f in findings} == {
        ("/expectations/0", "warning"), ("/expectations/1", "info")}


def test_an_unknown_severity_is_refused_at_its_pointer(tmp_path: Path) -> None:
    suite = {"name": "t", "expectations": [
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "name"},
         "severity": "low"}]}
    _, findings = _run(_project(tmp_path, suite))
    [finding] = findings
    assert finding["code"] == "quality.suite-invalid"
    assert finding["location"]["pointer"] == "/expectations/0/severity"
    assert "critical" in finding["hint"]


@pytest.mark.parametrize("engine", ["auto", "gx"])
def test_a_suite_parameter_is_refused_at_its_kwarg(tmp_path: Path, engine: str) -> None:
    # GX 1.x writes {"$PARAMETER": name} for a bound its caller fills in (GX 0.x's evaluation
    # parameters): the compiled query read it as no bound and passed, GX stopped the run.
    suite = {"name": "t", "expectations": [
        _x("table_row_count_to_be_between", min_value=1, max_value={"$PARAMETER": "max_rows"}),
        _x("column_values_to_be_between", column="amount", min_value={"$PARAMETER": "low"}),
        _x("column_values_to_not_be_null", column="name")]}
    code, findings = _run(_project(tmp_path, suite), engine)
    found = _by_pointer(findings)
    assert code == 1
    for pointer, name in (("/expectations/0/kwargs/max_value", "max_rows"),
                          ("/expectations/1/kwargs/min_value", "low")):
        assert found[pointer]["code"] == "quality.suite-invalid"
        assert f"suite parameter {name!r}" in found[pointer]["message"]
        assert "write the value itself" in found[pointer]["message"]
    assert found["/expectations/2"]["actual"]["unexpected_count"] == 1  # the rest still ran


CASE_FOLDED = [
    _x("column_values_to_not_be_null", column="NAME"),
    _x("column_values_to_be_between", column="Amount", min_value=15),
    _x("column_pair_values_a_to_be_greater_than_b", column_A="A", column_B="b"),
    _x("select_column_values_to_be_unique_within_record", column_list=["A", "B"]),
    _x("column_max_to_be_between", column="AMOUNT", max_value=35),
    _x("column_to_exist", column="Name"),  # GX asks this one for the exact name
    _x("column_to_exist", column="customer_id"),
]


@pytest.mark.parametrize("engine", ["auto", "gx"])
def test_columns_are_found_as_gx_finds_them(tmp_path: Path, engine: str) -> None:
    project = _project(tmp_path, {"name": "t", "expectations": CASE_FOLDED})
    _, found, truth = _ours_and_gx(project, CASE_FOLDED, engine)
    assert [success for success, _ in truth] == [False] * len(CASE_FOLDED)
    for index, (_, unexpected) in enumerate(truth):
        finding = found[f"/expectations/{index}"]
        assert finding["code"] == "quality.expectation-failed", finding
        if unexpected is not None:
            assert finding["actual"]["unexpected_count"] == unexpected, finding
    assert "no column 'customer_id'" in found["/expectations/6"]["message"]
    assert "NAME" in found["/expectations/0"]["message"]  # as the suite writes it


@pytest.mark.parametrize("engine", ["auto", "gx"])
def test_a_missing_column_fails_expect_column_to_exist_at_its_severity(tmp_path: Path,
                                                                      engine: str) -> None:
    suite = {"name": "t", "expectations": [
        {"type": "expect_column_to_exist", "kwargs": {"column": "customer_id"},
         "severity": "warning"}]}
    code, findings = _run(_project(tmp_path, suite), engine)
    [finding] = findings
    assert (code, finding["code"], finding["severity"]) == (
        0, "quality.expectation-failed", "warning")


TEXT_DATES = "id,day\n1,2024-05-10\n2,2024-05-31\n3,2024-05-12\n"


@pytest.mark.parametrize("engine", ["auto", "gx"])
def test_the_min_of_text_dates_is_compared_as_gx_compares_it(tmp_path: Path,
                                                           engine: str) -> None:
    # GX parses a text minimum or maximum as a date to compare it with a date bound.
    cases = [_x("column_min_to_be_between", column="day", min_value="2024-05-01"),
             _x("column_min_to_be_between", column="day", min_value="2024-05-11"),
             _x("column_max_to_be_between", column="day", max_value="2024-05-30"),
             _x("column_max_to_be_between", column="day", min_value="2024-05-01T00:00:00")]
    project = _project(tmp_path, {"name": "t", "expectations": cases})
    (project / "data" / "t.csv").write_text(TEXT_DATES, encoding="utf-8")
    _, found, truth = _ours_and_gx(project, cases, engine)
    assert [success for success, _ in truth] == [True, False, False, True]
    for index, (success, _) in enumerate(truth):
        assert (f"/expectations/{index}" not in found) == success, (index, found)
        if not success:
            assert found[f"/expectations/{index}"]["code"] == "quality.expectation-failed"


@pytest.mark.parametrize(("kind", "advice"), [
    ("expect_multicolumn_values_to_be_unique",
     "expect_select_column_values_to_be_unique_within_record"),
    ("expect_column_chisquare_test_p_value_to_be_greater_than",
     "expect_column_kl_divergence_to_be_less_than"),
    ("expect_file_line_regex_match_count_to_be_between", "file expectations"),
])
def test_a_type_gx_1_removed_says_what_replaced_it(tmp_path: Path, kind: str,
                                                    advice: str) -> None:
    suite = {"expectation_suite_name": "t", "expectations": [
        {"expectation_type": kind, "kwargs": {"column_list": ["a", "b"]}, "meta": {}}]}
    _, findings = _run(_project(tmp_path, suite))
    [finding] = findings
    assert finding["code"] == "quality.suite-invalid"
    assert finding["location"]["pointer"] == "/expectations/0/expectation_type"
    assert advice in finding["message"]
    assert "did you mean" not in finding["message"]


def _timestamps_project(tmp_path: Path, expectations: list[dict[str, Any]]) -> Path:
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "data").mkdir()
    (tmp_path / "suites").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard]\n\n[tool.seamguard.datasets.t]\npath = "data/t.parquet"\n'
        'key = ["id"]\n', encoding="utf-8")
    naive = [dt.datetime(2024, 5, 1, 8) + dt.timedelta(hours=7 * i) for i in range(6)]
    naive[2] = dt.datetime(2023, 12, 31, 23)
    pq.write_table(pa.table({
        "id": pa.array(range(1, 7), pa.int32()),
        "created": pa.array(naive, pa.timestamp("us")),
        "created_utc": pa.array([t.replace(tzinfo=dt.UTC) for t in naive],
                                pa.timestamp("us", tz="UTC")),
    }), tmp_path / "data" / "t.parquet")
    (tmp_path / "suites" / "t.json").write_text(
        json.dumps({"name": "t", "expectations": expectations}), encoding="utf-8")
    return tmp_path


TIMESTAMPS = [
    _x("column_values_to_be_between", column="created", min_value=5),  # GX raises
    _x("column_values_to_be_between", column="created", min_value="2024-01-01"),  # raises
    _x("column_values_to_be_between", column="created", min_value="2024-01-01T00:00:00"),
    _x("column_values_to_be_between", column="created_utc", min_value="2024-01-01T00:00:00"),
    _x("column_values_to_be_between", column="created_utc",
       min_value="2024-01-01T00:00:00+00:00"),
    _x("column_values_to_not_be_in_set", column="created_utc",
       value_set=["2024-05-01 08:00:00+00:00"]),
    _x("column_values_to_be_in_set", column="created", value_set=["2024-05-01T08:00:00"]),
    _x("column_values_to_match_regex", column="created", regex="^2024-05-01 08:00:00$"),
    _x("column_values_to_be_unique", column="created"),
]


@pytest.mark.parametrize("engine", ["auto", "gx"])
def test_timestamp_columns_are_compared_as_gx_compares_them(tmp_path: Path,
                                                           engine: str) -> None:
    # A number bound on a timestamp failed the whole compiled query (every other verdict
    # lost); a date bound passed where GX raises; a zoned column reached GX as objects.
    import great_expectations as gx
    import pandas as pd
    from great_expectations.expectations.expectation_configuration import (
        ExpectationConfiguration,
    )

    project = _timestamps_project(tmp_path, TIMESTAMPS)
    _, findings = _run(project, engine)
    found = _by_pointer(findings)
    batch = (gx.get_context(mode="ephemeral").data_sources.add_pandas("p")
             .add_dataframe_asset("t").add_batch_definition_whole_dataframe("all")
             .get_batch(batch_parameters={
                 "dataframe": pd.read_parquet(project / "data" / "t.parquet")}))
    verdicts = []
    for index, item in enumerate(TIMESTAMPS):
        result = batch.validate(ExpectationConfiguration(**item).to_domain_obj())
        raised = any(isinstance(v, dict) and v.get("raised_exception")
                     for v in [result.exception_info, *result.exception_info.values()])
        finding = found.get(f"/expectations/{index}")
        ours = "pass" if finding is None else {
            "quality.expectation-failed": "fail", "quality.expectation-error": "error"}.get(
            finding["code"], finding["code"])
        verdicts.append((ours, "error" if raised else "pass" if result.success else "fail"))
        if ours == "fail" and not raised:
            assert finding is not None
            assert finding["actual"]["unexpected_count"] == result.result["unexpected_count"]
    assert [ours for ours, _ in verdicts] == [theirs for _, theirs in verdicts]
    assert [theirs for _, theirs in verdicts] == [
        "error", "error", "fail", "error", "fail", "fail", "fail", "fail", "pass"]


NA_CSV = "id,amount,name\n1,12.5,NA\n2,N/A,bob\n3,30,null\n4,,None\n5,nan,n/a\n6,40,ann\n"
NA_EXPECTATIONS = [
    _x("column_values_to_not_be_null", column="amount"),
    _x("column_values_to_not_be_null", column="name"),
    _x("column_values_to_be_between", column="amount", min_value=10, max_value=35),
    _x("column_mean_to_be_between", column="amount", min_value=20, max_value=30),
    _x("column_values_to_be_in_set", column="name", value_set=["bob", "ann"]),
]


@pytest.mark.parametrize("engine", ["auto", "gx"])
def test_csv_missing_markers_are_missing_as_pandas_reads_them(tmp_path: Path,
                                                             engine: str) -> None:
    # "N/A" in an amount column made it text (GX raised on its bounds) and "NA" a name.
    project = _project(tmp_path, {"name": "t", "expectations": NA_EXPECTATIONS})
    (project / "data" / "t.csv").write_text(NA_CSV, encoding="utf-8")
    _, found, truth = _ours_and_gx(project, NA_EXPECTATIONS, engine)
    assert truth == [(False, 3), (False, 4), (False, 1), (True, None), (True, 0)]
    for index, (success, unexpected) in enumerate(truth):
        finding = found.get(f"/expectations/{index}")
        assert (finding is None) == success, (index, finding)
        if finding is not None:
            assert finding["code"] == "quality.expectation-failed", finding
            assert finding["actual"]["unexpected_count"] == unexpected


def test_a_sql_only_expectation_on_a_file_says_what_to_use_instead(tmp_path: Path) -> None:
    suite = {"expectation_suite_name": "t", "expectations": [
        {"expectation_type": "expect_column_values_to_match_like_pattern",
         "kwargs": {"column": "code", "like_pattern": "AB-%"}, "meta": {}}]}
    _, findings = _run(_project(tmp_path, suite))
    [finding] = findings
    assert finding["code"] == "quality.expectation-error"
    assert "SQL datasets only" in finding["hint"]
    assert "…_match_regex" in finding["hint"]


def test_a_suite_saved_from_a_gx_0_validator_is_still_compiled(tmp_path: Path) -> None:
    # GX 0.15-0.18 wrote the batch an expectation was built on into its kwargs.
    kwargs = {"batch_id": "c2d1e3f4a5b6", "catch_exceptions": True}
    suite = {"expectation_suite_name": "t", "expectations": [
        {"expectation_type": "expect_column_values_to_not_be_null",
         "kwargs": {"column": "name", **kwargs}, "meta": {}},
        {"expectation_type": "expect_column_values_to_be_between",
         "kwargs": {"column": "amount", "min_value": 15, **kwargs}, "meta": {}}]}
    _, findings = _run(_project(tmp_path, suite))
    assert [(f["location"]["pointer"], f["actual"]["unexpected_count"], f["actual"]["engine"])
            for f in findings] == [("/expectations/0", 1, "compiled"),
                                   ("/expectations/1", 1, "compiled")]


def test_a_suite_in_a_subfolder_as_gx_0_stored_it_is_run(tmp_path: Path) -> None:
    # GX 0.x kept a suite named "t.warning" as expectations/t/warning.json.
    project = _project(tmp_path, {"name": "t", "expectations": [
        _x("column_values_to_not_be_null", column="name")]})
    nested = project / "suites" / "t" / "warning.json"
    nested.parent.mkdir()
    nested.write_text(json.dumps({
        "expectation_suite_name": "t.warning", "meta": {"seamguard": {"dataset": "t"}},
        "expectations": [{"expectation_type": "expect_column_values_to_be_unique",
                          "kwargs": {"column": "cat"}, "meta": {}}]}), encoding="utf-8")
    hidden = project / "suites" / ".ipynb_checkpoints" / "t-checkpoint.json"
    hidden.parent.mkdir()
    hidden.write_text("{not json", encoding="utf-8")
    _, findings = _run(project)
    assert sorted((f["location"]["file"], f["code"]) for f in findings) == [
        ("suites/t.json", "quality.expectation-failed"),
        ("suites/t/warning.json", "quality.expectation-failed")]


@pytest.mark.parametrize("engine", ["auto", "gx"])
def test_a_gx_0_suite_fills_parameters_from_its_evaluation_parameters(tmp_path: Path,
                                                                      engine: str) -> None:
    # GX 0.x's validator filled {"$PARAMETER": name} from the suite's evaluation_parameters;
    # a name the suite does not hold (an expression, or one its caller passed) is refused.
    suite = {"expectation_suite_name": "t", "evaluation_parameters": {"max_rows": 4, "low": 15},
             "expectations": [
                 {"expectation_type": "expect_table_row_count_to_be_between",
                  "kwargs": {"min_value": 1, "max_value": {"$PARAMETER": "max_rows"}}},
                 {"expectation_type": "expect_column_values_to_be_between",
                  "kwargs": {"column": "amount", "min_value": {"$PARAMETER": "low"}}},
                 {"expectation_type": "expect_column_values_to_be_between",
                  "kwargs": {"column": "amount", "max_value": {"$PARAMETER": "low * 2"}}}]}
    code, findings = _run(_project(tmp_path, suite), engine)
    found = _by_pointer(findings)
    assert code == 1
    assert "observed 5" in found["/expectations/0"]["message"]
    assert found["/expectations/1"]["actual"]["unexpected_count"] == 1  # amount 10 < 15
    assert found["/expectations/2/kwargs/max_value"]["code"] == "quality.suite-invalid"
    assert "evaluation_parameters" in found["/expectations/2/kwargs/max_value"]["message"]
    assert set(found) == {"/expectations/0", "/expectations/1", "/expectations/2/kwargs/max_value"}
