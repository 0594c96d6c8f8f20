"""Bad input to the quality and reconcile commands: findings or usage errors, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from seamguard.cli import app

runner = CliRunner()


def _findings(project: Path, command: str = "quality") -> tuple[int, list[dict[str, object]]]:
    result = runner.invoke(app, [command, "--project", str(project), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.output)["findings"]


def _edit_suite(project: Path, name: str, change: object) -> None:
    path = project / "suites" / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def test_missing_dataset_file_is_a_finding_with_a_hint(example: Path) -> None:
    (example / "fixtures" / "datasets" / "hubspot_contacts.csv").unlink()
    code, findings = _findings(example)
    assert code == 1
    finding = next(f for f in findings if f["code"] == "quality.dataset-unavailable")
    assert "no file fixtures/datasets/hubspot_contacts.csv" in str(finding["message"])
    assert "make_datasets" in str(finding["hint"])


def test_column_the_data_lacks_is_a_finding_at_the_expectation(example: Path) -> None:
    _edit_suite(example, "hubspot_deals", lambda d: d["expectations"].append(
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "deal_owner"}}))
    code, findings = _findings(example)
    assert code == 1
    [finding] = [f for f in findings if f["code"] == "quality.column-missing"]
    assert finding["location"]["pointer"] == "/expectations/11"  # type: ignore[index]
    assert "'deal_owner' is not in dataset 'hubspot_deals'" in str(finding["message"])


def test_expectation_gx_rejects_is_a_finding(example: Path) -> None:
    _edit_suite(example, "hubspot_deals", lambda d: d["expectations"].append(
        {"type": "expect_column_values_to_be_purple", "kwargs": {"column": "dealname"}}))
    code, findings = _findings(example)
    assert code == 1
    [finding] = [f for f in findings if f["code"] == "quality.suite-invalid"]
    assert "GX rejects it" in str(finding["message"])
    assert "expect_column_values_to_be_purple" in str(finding["message"])


def test_invalid_suite_json_names_the_line(example: Path) -> None:
    (example / "suites" / "broken.json").write_text('{"name": "x",\n "expectations": [\n}\n')
    code, findings = _findings(example)
    assert code == 1
    [finding] = [f for f in findings if f["code"] == "quality.suite-invalid"]
    assert finding["location"]["file"] == "suites/broken.json"  # type: ignore[index]
    assert finding["location"]["line"] == 3  # type: ignore[index]


def test_gx_only_expectation_runs_next_to_compiled_ones(example: Path) -> None:
    _edit_suite(example, "hubspot_contacts", lambda d: d["expectations"].append(
        {"type": "expect_column_unique_value_count_to_be_between",
         "kwargs": {"column": "city", "min_value": 50}}))
    code, findings = _findings(example)
    assert code == 1
    [finding] = [f for f in findings if f["code"] == "quality.expectation-failed"]
    assert "expect_column_unique_value_count_to_be_between" in str(finding["message"])
    assert finding["actual"]["engine"] == "gx"  # type: ignore[index]
    assert finding["actual"]["observed"] == 10  # distinct cities in the example  # type: ignore[index]


def test_unknown_dataset_setting_is_a_usage_error_with_did_you_mean(example: Path) -> None:
    pyproject = example / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace('mapping = "shopify-order-to-hubspot-deal"\nkey',
                                      'maping = "shopify-order-to-hubspot-deal"\nkey', 1))
    result = runner.invoke(app, ["quality", "--project", str(example)])
    assert result.exit_code == 2
    assert "unknown setting 'maping'" in result.output
    assert "did you mean 'mapping'?" in result.output


def test_reconcile_with_unknown_mapping_is_a_usage_error(example: Path) -> None:
    pyproject = example / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace('mapping = "shopify-customer-to-hubspot-contact"\nsource',
                                      'mapping = "shopify-customer-to-hubspot-contac"\nsource', 1))
    result = runner.invoke(app, ["reconcile", "--project", str(example)])
    assert result.exit_code == 2, result.output
    assert "no mapping 'shopify-customer-to-hubspot-contac'" in result.output
    assert "did you mean 'shopify-customer-to-hubspot-contact'" in result.output
    assert "pyproject.toml:" in result.output


def test_reconcile_from_recorded_pages(example: Path) -> None:
    pyproject = example / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    pyproject.write_text(text.replace('source = "shopify_orders"', "cassettes = true", 1))
    code, findings = _findings(example, "reconcile")
    summary = next(f for f in findings if f["code"] == "reconcile.summary"
                   and "orders-to-deals" in str(f["message"]))
    recorded = summary["actual"]["source_rows"]  # type: ignore[index]
    assert recorded > 0
    # the recorded demo orders are not in the generated deals: each is reported missing
    missing = [f for f in findings if f["code"] == "reconcile.missing-in-target"]
    assert len(missing) == len({str(f["message"]).split()[0] for f in missing}) > 0
    assert code == 1


def test_expectation_the_column_type_does_not_fit_is_a_finding(example: Path) -> None:
    _edit_suite(example, "hubspot_deals", lambda d: d["expectations"].append(
        {"type": "expect_column_values_to_be_between",
         "kwargs": {"column": "dealname", "min_value": 0, "max_value": 10}}))
    code, findings = _findings(example)
    assert code == 1
    [finding] = [f for f in findings if f["code"] == "quality.expectation-error"]
    assert finding["location"]["file"] == "suites/hubspot_deals.json"  # type: ignore[index]
    # GX raises comparing text with number bounds: the same error on every engine, for this
    # expectation only (the rest of the suite still runs), never a silent pass.
    assert finding["location"]["pointer"].startswith("/expectations/")  # type: ignore[index]
    assert "holds text" in str(finding["message"])
    assert "GX raises here" in str(finding["message"])


def test_compiled_engine_reports_what_it_cannot_run(example: Path) -> None:
    _edit_suite(example, "hubspot_contacts", lambda d: d["expectations"].append(
        {"type": "expect_column_unique_value_count_to_be_between",
         "kwargs": {"column": "city", "min_value": 50}}))
    result = runner.invoke(app, ["quality", "--engine", "compiled", "--project", str(example),
                                 "--format", "json"])
    assert result.exit_code == 1, result.output
    [finding] = [f for f in json.loads(result.output)["findings"]
                 if f["code"] == "quality.expectation-error"]
    assert "not run: the compiled engine does not know this expectation type" in str(
        finding["message"])
    # The flag applied to that run only: without it, GX runs the expectation the compiler lacks.
    result = runner.invoke(app, ["quality", "--project", str(example), "--format", "json"])
    assert not [f for f in json.loads(result.output)["findings"]
                if f["code"] == "quality.expectation-error"]
