"""A user regex that backtracks on a value is stopped with a finding: mapping and suite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from seamguard import regex_limits
from seamguard.cli import app
from seamguard.mapping.regex_safety import backtracking_risk

runner = CliRunner()
ORDER = "contracts/mappings/shopify-order-to-hubspot-deal.yaml"
# Exponential on a run of digits that then fails, and unknown to the static check.
MISSED = r"(\w\w|\w\d|\d\w)+$"
ATTACK = "1" * 40 + "!"


@pytest.fixture(autouse=True)
def tight(monkeypatch: pytest.MonkeyPatch) -> None:
    assert backtracking_risk(MISSED) is None
    monkeypatch.setattr(regex_limits, "PER_VALUE_SECONDS", 0.05)
    monkeypatch.setattr(regex_limits, "TOTAL_SECONDS", 5.0)


def test_a_mapping_regex_that_backtracks_is_a_finding_not_a_hang(example: Path) -> None:
    path = example / ORDER
    text = path.read_text(encoding="utf-8")
    old = '{pattern: "^", replacement: "Shopify "}'
    assert old in text
    path.write_text(text.replace(old, '{pattern: "' + MISSED.replace("\\", "\\\\")
                                 + '", replacement: "Shopify "}'), encoding="utf-8")
    record = {"id": 1, "name": ATTACK, "total_price": "12.5", "currency": "cny",
              "financial_status": "paid", "processed_at": "2024-07-01T08:00:00+08:00"}
    result = runner.invoke(app, ["map", "explain", "shopify-order-to-hubspot-deal", "-",
                                 "--project", str(example), "--format", "json"],
                           input=json.dumps(record))
    assert result.exit_code == 1, result.output
    fields = {f["target"]: f for f in json.loads(result.output)["fields"]}
    error = fields["dealname"]["error"]
    assert error.startswith("regex_replace:")
    assert repr(MISSED) in error
    assert "backtracks catastrophically" in error
    assert "atomic group" in error
    assert fields["amount"]["error"] is None  # the other rules of the record still ran


def test_a_suite_regex_that_backtracks_is_an_expectation_error(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "suites").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.seamguard]\n\n[tool.seamguard.datasets.t]\npath = "data/t.csv"\nkey = ["id"]\n',
        encoding="utf-8")
    (tmp_path / "data" / "t.csv").write_text(f"id,code\n1,{ATTACK}\n2,\n3,ab\n",
                                             encoding="utf-8")
    suite = {"expectations": [
        {"type": "expect_column_values_to_match_regex",
         "kwargs": {"column": "code", "regex": MISSED}},
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "code"}}]}
    (tmp_path / "suites" / "t.json").write_text(json.dumps(suite, indent=1), encoding="utf-8")
    result = runner.invoke(app, ["quality", "--project", str(tmp_path), "--engine", "gx",
                                 "--format", "json"])
    assert result.exit_code == 1, result.output
    findings = {f["location"]["pointer"]: f for f in json.loads(result.output)["findings"]}
    regex_finding = findings["/expectations/0"]
    assert regex_finding["code"] == "quality.expectation-error"
    assert repr(MISSED) in regex_finding["message"]
    assert "column 'code'" in regex_finding["message"]
    assert "atomic group" in regex_finding["hint"]
    assert regex_finding["location"]["line"] is not None
    # the suite's other expectation still ran, on GX
    assert "1 of 3 rows unexpected" in findings["/expectations/1"]["message"]


# Known to the static check; exponential in java.util.regex and re on `aaaa…!`.
KNOWN = r"^(a+)+$"


@pytest.mark.parametrize(("engine", "regex"), [
    ("compiled", KNOWN),  # portable: the compiled query would send it to PostgreSQL
    ("gx", KNOWN),  # GX on a PostgreSQL data source sends it as `~`
    ("auto", r"^(?=a)(a+)+$"),  # lookahead: not portable, so GX on PostgreSQL would run it
])
def test_a_backtracking_suite_regex_is_not_sent_to_postgresql(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str, regex: str) -> None:
    import sqlalchemy

    from tests.support.postgres import URL, throwaway_schema

    assert backtracking_risk(regex) is not None
    monkeypatch.setenv("SG_REGEX_PG_URL", URL)
    db = sqlalchemy.create_engine(URL)
    with throwaway_schema("sg_regex") as schema:
        with db.begin() as connection:
            connection.execute(sqlalchemy.text(f'CREATE SCHEMA "{schema}"'))
            connection.execute(sqlalchemy.text(
                f'CREATE TABLE "{schema}".t (id integer, code text)'))
            connection.execute(sqlalchemy.text(
                f"INSERT INTO \"{schema}\".t VALUES (1, 'aa'), (2, NULL), (3, 'b')"))
        db.dispose()
        (tmp_path / "suites").mkdir()
        (tmp_path / "pyproject.toml").write_text(
            '[tool.seamguard]\n\n[tool.seamguard.datasets.t]\nkind = "sql"\n'
            f'url_env = "SG_REGEX_PG_URL"\ntable = "t"\nschema = "{schema}"\nkey = ["id"]\n',
            encoding="utf-8")
        suite = {"expectations": [
            {"type": "expect_column_values_to_match_regex",
             "kwargs": {"column": "code", "regex": regex}},
            {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "code"}}]}
        (tmp_path / "suites" / "t.json").write_text(json.dumps(suite), encoding="utf-8")
        result = runner.invoke(app, ["quality", "--project", str(tmp_path), "--engine", engine,
                                     "--format", "json"])
    assert result.exit_code == 1, result.output
    findings = {f["location"]["pointer"]: f for f in json.loads(result.output)["findings"]}
    refused = findings["/expectations/0"]
    assert refused["code"] == "quality.expectation-error"
    assert repr(regex) in refused["message"]
    assert "not sent to PostgreSQL" in refused["message"]
    assert "atomic group" in refused["message"]
    # the suite's other expectation still ran on the database
    assert "1 of 3 rows unexpected" in findings["/expectations/1"]["message"]
