"""`map explain` on a mapping whose nested rule (inside `each:`) reads a path the contract lacks,
and on a transform name with a typo: the rule is invalid, and every problem names its file,
line and pointer."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from seamguard.cli import app
from tests.support import mapping_fresh
from tests.support.mapping_fresh_defects import defects

runner = CliRunner()


def _project(tmp_path: Path, description: str) -> tuple[Path, Path]:
    defect = next(d for d in defects() if d.description == description)
    system = next(s for s in mapping_fresh.SYSTEMS if s.name == defect.system)
    root = mapping_fresh.write_project(system, tmp_path / "project", defect)
    record = tmp_path / "record.json"
    record.write_text(json.dumps(system.records[0]), encoding="utf-8")
    return root / "contracts" / "mappings" / f"{system.name}.yaml", record


def test_a_nested_rule_reading_a_missing_field_is_invalid_at_its_own_line(
        tmp_path: Path) -> None:
    spec, record = _project(tmp_path, "line subtotal read from the retired `subtotal`")
    result = runner.invoke(app, ["map", "explain", str(spec), str(record), "--project",
                                 str(tmp_path / "project"), "--format", "json"])
    assert result.exit_code == 1, result.output
    trace = json.loads(result.output)
    entity = next(f for f in trace["fields"] if f["target"] == "FEntity")
    assert entity["verdict"] == "invalid"
    [problem] = trace["problems"]
    assert problem["pointer"] == "/fields/6/each/3/source"
    assert problem["file"].endswith("shopify-refund-to-kingdee.yaml")
    lines = spec.read_text(encoding="utf-8").splitlines()
    assert "subtotal" in lines[problem["line"] - 1]
    assert "subtotal_set.shop_money.amount" in problem["message"]


def test_the_table_names_where_each_problem_is(tmp_path: Path) -> None:
    spec, record = _project(tmp_path, "mobile phone path misspelt")
    result = runner.invoke(app, ["map", "explain", str(spec), str(record), "--project",
                                 str(tmp_path / "project")])
    assert result.exit_code == 1, result.output
    text = " ".join(result.output.split())
    assert "hubspot-to-wecom.yaml:" in text
    assert "/fields/5/source" in text
    assert "did you mean 'properties.mobilephone'?" in text


def test_a_transform_name_with_a_typo_is_a_usage_error_with_did_you_mean(
        tmp_path: Path) -> None:
    spec, record = _project(tmp_path, "transform name misspelt")
    result = runner.invoke(app, ["map", "explain", str(spec), str(record), "--project",
                                 str(tmp_path / "project")])
    assert result.exit_code == 2, result.output
    text = " ".join(result.output.split())
    assert "jd-to-salesforce.yaml:" in text
    assert "did you mean 'datetime_utc'?" in text
