"""Suites and reconciliation pushed down to the real PostgreSQL server: same counts as files.

Not skipped when the server is missing: CI provides it. Each test module loads the example's
datasets (with every defect injected) into its own schema and drops it afterwards.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from seamguard.cli import app
from tests.support.postgres import URL, throwaway_schema
from tests.support.projects import copy_example
from tests.support.quality import (
    EXPECTED,
    defect_counts,
    inject_defects,
    load_into_postgres,
    postgres_settings,
    use_settings,
)

pytestmark = pytest.mark.postgres

ENV = "SEAMGUARD_TEST_QUALITY_URL"
runner = CliRunner()


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """(files project, PostgreSQL project) holding the same broken data."""
    files = copy_example(tmp_path_factory.mktemp("files") / "example")
    inject_defects(files)
    database = copy_example(tmp_path_factory.mktemp("pg") / "example")
    inject_defects(database)
    engine = sa.create_engine(URL)
    previous = os.environ.get(ENV)
    os.environ[ENV] = URL
    try:
        with throwaway_schema("sg_quality") as schema:
            with engine.begin() as db:
                db.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
            load_into_postgres(engine, schema, files)
            use_settings(database, postgres_settings(schema, ENV))
            yield files, database
    finally:
        engine.dispose()
        if previous is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = previous


def test_each_defect_class_has_identical_counts_on_files_and_postgres(
        projects: tuple[Path, Path]) -> None:
    files, database = projects
    on_files = defect_counts(files)
    on_postgres = defect_counts(database)
    assert {k: on_postgres[k] for k in EXPECTED} == EXPECTED
    assert on_postgres == on_files


def test_gx_on_postgres_reports_the_same_counts(projects: tuple[Path, Path]) -> None:
    _, database = projects
    assert defect_counts(database, engine="gx") == defect_counts(database)


def test_reconcile_on_postgres_reports_every_difference(projects: tuple[Path, Path]) -> None:
    _, database = projects
    result = runner.invoke(app, ["reconcile", "--project", str(database), "--format", "json"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)["findings"]
    codes = [f["code"] for f in findings]
    assert codes.count("reconcile.missing-in-target") == EXPECTED["missing_keys"]
    assert codes.count("reconcile.extra-in-target") == EXPECTED["extra_keys"]
    # phone_e164 has no SQL form: said clearly, with the rule index, and that one field is
    # compared through the Python mapping engine
    in_python = [f for f in findings if f["code"] == "reconcile.rule-in-python"]
    assert [f["location"]["pointer"] for f in in_python] == ["/fields/3"]
    assert "phone_e164" in in_python[0]["message"]
    phones = [f for f in findings if f["code"] == "reconcile.field-differs"
              and "mobilephone differs" in f["message"]]
    assert len(phones) == EXPECTED["bad_phones"]
    assert all(f["actual"] == "****5" and f["expected"].startswith("+86") and "*" in f["expected"]
               for f in phones)


def test_suites_generate_reads_columns_from_postgres(projects: tuple[Path, Path]) -> None:
    _, database = projects
    result = runner.invoke(app, ["suites", "generate", "--dry-run", "--project", str(database)])
    assert result.exit_code == 0, result.output
    assert "suites/hubspot_deals.json unchanged" in result.output


def test_missing_table_is_a_finding_not_a_traceback(projects: tuple[Path, Path]) -> None:
    _, database = projects
    pyproject = database / "pyproject.toml"
    original = pyproject.read_text(encoding="utf-8")
    try:
        pyproject.write_text(original.replace('table = "hubspot_deals"', 'table = "no_such"'),
                             encoding="utf-8")
        result = runner.invoke(app, ["quality", "--project", str(database), "--format", "json"])
    finally:
        pyproject.write_text(original, encoding="utf-8")
    assert result.exit_code == 1, result.output
    finding = next(f for f in json.loads(result.output)["findings"]
                   if f["code"] == "quality.dataset-unavailable")
    assert "no_such" in finding["message"]
    assert "does not exist" in finding["message"]


def test_unreachable_database_times_out_with_a_finding(example: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # 10.255.255.1 is routable-looking but unanswered: a connect that would hang without timeout
    monkeypatch.setenv("SEAMGUARD_TEST_DEAD_URL",
                       "postgresql+psycopg://postgres:secret-pw@10.255.255.1:5432/test")
    use_settings(example, '[tool.seamguard.datasets.hubspot_deals]\nkind = "sql"\n'
                          'url_env = "SEAMGUARD_TEST_DEAD_URL"\ntable = "deals"\n'
                          'connect_timeout = 1\n')
    started = time.monotonic()
    result = runner.invoke(app, ["quality", "--project", str(example), "--format", "json"])
    assert time.monotonic() - started < 20
    assert result.exit_code == 1, result.output
    assert "secret-pw" not in result.output
    finding = next(f for f in json.loads(result.output)["findings"]
                   if f["code"] == "quality.dataset-unavailable" and "unreachable" in f["message"])
    assert "dataset 'hubspot_deals': database 10.255.255.1:5432 unreachable" in finding["message"]
    assert "SEAMGUARD_TEST_DEAD_URL" in finding["hint"]


def test_query_dataset_runs_its_suite_and_references_in_the_database(
        projects: tuple[Path, Path]) -> None:
    _, database = projects
    pyproject = database / "pyproject.toml"
    original = pyproject.read_text(encoding="utf-8")
    schema = original.split('schema = "', 1)[1].split('"', 1)[0]
    try:
        pyproject.write_text(original.replace(
            'table = "hubspot_deals"',
            f"query = \"SELECT * FROM {schema}.hubspot_deals WHERE dealstage <> 'weird'\""),
            encoding="utf-8")
        result = runner.invoke(app, ["quality", "--project", str(database), "--format", "json"])
    finally:
        pyproject.write_text(original, encoding="utf-8")
    findings = json.loads(result.output)["findings"]
    messages = [f["message"] for f in findings if f["code"].startswith("quality.")]
    assert not any("hubspot_deals.dealstage" in m for m in messages)
    assert any(m.startswith("hubspot_deals.dealname: expect_column_values_to_not_be_null: 4 of "
                            "2000 rows") for m in messages)
    orphans = next(f for f in findings if f["code"] == "quality.reference-broken"
                   and f["message"].startswith("hubspot_deals."))
    assert orphans["actual"]["orphans"] == EXPECTED["orphans"]


def test_reconcile_on_postgres_reads_stored_amounts_unrounded(
        projects: tuple[Path, Path], tmp_path: Path) -> None:
    """A mapping whose `places` changed disagrees with the stored amounts on PostgreSQL too,
    row for row as on files."""
    import shutil

    counts = []
    for original in projects:
        project = tmp_path / original.parent.name
        shutil.copytree(original, project)
        mapping = project / "contracts/mappings/shopify-order-to-hubspot-deal.yaml"
        text = mapping.read_text(encoding="utf-8")
        mapping.write_text(text.replace("{decimal: {places: 2}}", "{decimal: {places: 0}}", 1),
                           encoding="utf-8")
        result = runner.invoke(app, ["reconcile", "--project", str(project), "--format", "json"])
        assert result.exit_code == 1, result.output
        findings = json.loads(result.output)["findings"]
        counts.append(sum(1 for f in findings if f["code"] == "reconcile.field-differs"
                          and "amount differs" in f["message"]))
        assert any(f["code"] == "reconcile.money-total" for f in findings)
    assert counts[0] == counts[1] > 1000
