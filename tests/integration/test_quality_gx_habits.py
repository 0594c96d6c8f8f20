"""Habits of Great Expectations users: a checkpoint or validation result dropped into the suites
folder, ``result_format`` on an expectation, and Expectations Gallery types — each is told, never
silently ignored."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from seamguard.cli import app

runner = CliRunner()
ROWS = "id,amount,status\n1,10.5,paid\n2,-3,refunded\n3,-20,void\n4,0,void\n"
EXISTS = {"type": "expect_column_to_exist", "kwargs": {"column": "id"}}


def _project(root: Path, suites: dict[str, Any]) -> Path:
    (root / "suites").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "data" / "orders.csv").write_text(ROWS, encoding="utf-8")
    (root / "pyproject.toml").write_text(
        '[tool.seamguard]\n[tool.seamguard.datasets.orders]\npath = "data/orders.csv"\n',
        encoding="utf-8")
    for name, data in suites.items():
        (root / "suites" / f"{name}.json").write_text(json.dumps(data, indent=1),
                                                      encoding="utf-8")
    return root


def _findings(root: Path) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["quality", "--project", str(root), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    findings: list[dict[str, Any]] = json.loads(result.output)["findings"]
    return findings


def _suite(*expectations: dict[str, Any]) -> dict[str, Any]:
    return {"name": "orders", "id": "5b1e", "notes": None,
            "meta": {"great_expectations_version": "1.3.0"},
            "expectations": [{"meta": {}, "id": f"e{n}", "severity": "critical", **e}
                             for n, e in enumerate(expectations)]}


def _between(result_format: Any = None) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"column": "amount", "min_value": 0}
    if result_format is not None:
        kwargs["result_format"] = result_format
    return {"type": "expect_column_values_to_be_between", "kwargs": kwargs}


@pytest.mark.parametrize("other", [
    {"name": "nightly", "id": "9c7f", "validation_definitions": [{"id": "a", "name": "vd"}],
     "actions": [{"name": "slack", "type": "slack", "slack_webhook": "${SLACK}"}],
     "result_format": {"result_format": "COMPLETE"}},
    {"name": "nightly", "config_version": 1.0, "class_name": "Checkpoint",
     "validations": [{"batch_request": {}, "expectation_suite_name": "orders"}],
     "action_list": [{"name": "store_validation_result"}]},
], ids=["gx1", "gx018"])
def test_a_checkpoint_in_the_suites_folder_is_named_as_one(tmp_path: Path,
                                                            other: dict[str, Any]) -> None:
    findings = _findings(_project(tmp_path, {"orders": _suite(EXISTS), "nightly": other}))
    [finding] = [f for f in findings if f["code"] == "quality.suite-invalid"]
    assert finding["location"]["file"] == "suites/nightly.json"
    assert "checkpoint, not an expectation suite" in finding["message"]
    assert "sample_rows" in finding["hint"]
    assert "[tool.seamguard.alerts]" in finding["hint"]


def test_a_validation_result_in_the_suites_folder_is_named_as_one(tmp_path: Path) -> None:
    result = {"success": False, "results": [], "statistics": {"evaluated_expectations": 1},
              "meta": {}, "suite_name": "orders"}
    findings = _findings(_project(tmp_path, {"orders": _suite(EXISTS), "run": result}))
    [finding] = [f for f in findings if f["code"] == "quality.suite-invalid"]
    assert "validation result, not an expectation suite" in finding["message"]


def test_boolean_only_shows_no_failing_rows_and_says_why(tmp_path: Path) -> None:
    [finding] = _findings(_project(tmp_path, {"orders": _suite(_between("BOOLEAN_ONLY"))}))
    assert finding["code"] == "quality.expectation-failed"
    assert finding["actual"]["unexpected_count"] == 2
    assert "samples" not in finding["actual"]
    assert "BOOLEAN_ONLY" in finding["hint"]


def test_complete_shows_the_sample_and_names_the_setting_for_more(tmp_path: Path) -> None:
    [finding] = _findings(_project(tmp_path, {"orders": _suite(_between("COMPLETE"))}))
    assert len(finding["actual"]["samples"]) == 2
    assert "sample_rows = 20" in finding["hint"]


def test_partial_unexpected_count_bounds_the_sample(tmp_path: Path) -> None:
    [finding] = _findings(_project(tmp_path, {"orders": _suite(_between(
        {"result_format": "SUMMARY", "partial_unexpected_count": 1}))}))
    assert len(finding["actual"]["samples"]) == 1
    assert "result_format" not in finding["hint"]


def test_a_result_format_gx_would_refuse_is_an_error_at_its_pointer(tmp_path: Path) -> None:
    [finding] = _findings(_project(tmp_path, {"orders": _suite(_between("FULL"))}))
    assert finding["code"] == "quality.suite-invalid"
    assert finding["location"]["pointer"] == "/expectations/0/kwargs/result_format"
    assert "COMPLETE" in finding["message"]


def test_an_expectations_gallery_type_is_reported_as_not_run(tmp_path: Path) -> None:
    findings = _findings(_project(tmp_path, {"orders": _suite(
        {"type": "expect_column_values_to_be_valid_email", "kwargs": {"column": "status"}})}))
    [finding] = [f for f in findings if f["code"] == "quality.suite-invalid"]
    assert "Expectations Gallery" in finding["message"]
    assert "not run" in finding["message"]


@pytest.mark.parametrize(("kwargs", "said"), [
    ({"column": "amount", "min": 0}, "did you mean `min_value`?"),
    ({"column": "amount", "min_value": 0, "strictmin": True}, "did you mean `strict_min`?"),
    ({"column": "amount", "min_value": 0, "zzz": 1}, "it takes column, max_value, min_value"),
])
def test_a_kwarg_the_expectation_does_not_take_names_the_nearest(tmp_path: Path,
                                                                 kwargs: dict[str, Any],
                                                                 said: str) -> None:
    [finding] = _findings(_project(tmp_path, {"orders": _suite(
        {"type": "expect_column_values_to_be_between", "kwargs": kwargs})}))
    assert finding["code"] == "quality.suite-invalid"
    assert said in finding["message"]


@pytest.mark.parametrize("store", ["gx/expectations", "great_expectations/expectations"])
def test_suites_left_in_a_gx_store_are_named_not_passed(tmp_path: Path, store: str) -> None:
    root = _project(tmp_path, {})
    (root / store).mkdir(parents=True)
    (root / store / "orders.json").write_text(json.dumps(_suite(EXISTS)), encoding="utf-8")
    [finding] = _findings(root)
    assert finding["code"] == "quality.no-suites"
    assert finding["severity"] == "error"
    assert f'suites = "{store}"' in finding["hint"]
