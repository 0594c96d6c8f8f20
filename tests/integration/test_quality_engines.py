"""One suite (six expectations and a foreign key) and one keyed reconciliation on generated
orders with seeded defects, on every engine: DuckDB on Parquet, the same SQL pushed down to
PostgreSQL, transpiled to Spark SQL, and Great Expectations. Every count must be the one the
generator seeded, on all of them."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from seamguard.project import find_project
from seamguard.quality.check import SuiteResult, run_suite
from seamguard.quality.datasets import Datasets
from seamguard.quality.reconcile import Reconciliation, reconcile
from seamguard.quality.suites import load_suite
from tests.support import seeded_orders
from tests.support.postgres import URL, throwaway_schema
from tests.support.quality import load_into_postgres


def run(project_dir: Path, engine: str = "auto") -> tuple[SuiteResult, Reconciliation]:
    project = find_project(project_dir, explicit=True)
    suite = load_suite(project.root.parent / "suites" / "orders_synced.json",
                       display="orders_synced")
    with Datasets(project) as datasets:
        checked = run_suite(datasets, suite, engine=engine, sample_rows=3)  # type: ignore[arg-type]
        compared = reconcile(project, datasets, "orders", project.settings.reconcile["orders"])
    return checked, compared


def summary(checked: SuiteResult, compared: Reconciliation) -> dict[str, Any]:
    differences: dict[str, int] = {}
    for _, name, *_ in compared.differences:
        differences[name] = differences.get(name, 0) + 1
    return {"unexpected": [o.unexpected_count for o in checked.outcomes],
            "errors": [o.error for o in checked.outcomes if o.error],
            "orphans": [r.orphans for r in checked.references],
            "missing": compared.missing_in_target, "extra": compared.extra_in_target,
            "duplicates": compared.duplicates, "differences": differences,
            "status": compared.status_counts,
            "money": [(m[0], m[1], m[2]) for m in compared.money],
            "rows": (compared.source_rows, compared.target_rows)}


def samples_are_failing_rows(checked: SuiteResult, seeded: seeded_orders.Seeded) -> None:
    """Each failing expectation and the reference show min(count, 3) sample rows, every one
    a row the generator broke that way (key and offending value)."""
    for outcome, keys in zip(checked.outcomes, seeded.failing, strict=True):
        column = outcome.expectation.column
        assert len(outcome.samples) == min(outcome.unexpected_count, 3), outcome.expectation
        assert {int(row["o_orderkey"]) for row in outcome.samples} <= keys
        assert all(set(row) == {"o_orderkey", column} for row in outcome.samples)
    (reference,) = checked.references
    assert len(reference.samples) == 3
    assert {int(row["o_orderkey"]) for row in reference.samples} <= seeded.orphan_keys
    assert all(int(row["o_custkey"]) > 300 for row in reference.samples)


def project(folder: Path, label: str, kind: str = "file", **options: Any) -> Path:
    root = folder / f"project-{label}"
    root.mkdir()
    (root / "pyproject.toml").write_text(seeded_orders.settings(folder, kind, **options),
                                         encoding="utf-8")
    return root


@pytest.fixture
def postgres_schema() -> Iterator[tuple[Any, str]]:
    import sqlalchemy

    engine = sqlalchemy.create_engine(URL)
    with throwaway_schema("sg_engines") as schema:
        with engine.begin() as db:
            db.execute(sqlalchemy.text(f'CREATE SCHEMA "{schema}"'))
        try:
            yield engine, schema
        finally:
            engine.dispose()


@pytest.mark.parametrize("seed", [7, 2024])
def test_every_engine_reports_the_seeded_counts(tmp_path: Path, seed: int,
                                                postgres_schema: tuple[Any, str]) -> None:
    seeded = seeded_orders.generate(tmp_path, seed)
    files_run = run(project(tmp_path, "files"))
    on_files = summary(*files_run)
    samples_are_failing_rows(files_run[0], seeded)
    assert on_files["errors"] == []
    assert on_files["unexpected"] == seeded.unexpected
    assert on_files["orphans"] == [seeded.orphans]
    assert (len(on_files["missing"]), len(on_files["extra"]), len(on_files["duplicates"])) == (
        seeded.missing, seeded.extra, seeded.duplicate_keys)
    assert on_files["differences"] == seeded.differences
    assert on_files["money"][0][1] != on_files["money"][0][2]  # negated prices

    engine, schema = postgres_schema
    url_env = f"SG_ENGINES_{uuid.uuid4().hex[:6].upper()}"
    os.environ[url_env] = URL
    try:
        load_into_postgres(engine, schema, project(tmp_path, "load"),
                           names=["customer", "orders", "orders_synced"])
        postgres_run = run(project(tmp_path, "pg", "sql", schema=schema, url_env=url_env))
        on_postgres = summary(*postgres_run)
    finally:
        del os.environ[url_env]
    on_spark = run(project(tmp_path, "spark", "spark"))
    assert on_spark[0].engine == "compiled-spark"
    assert on_postgres == on_files
    assert summary(*on_spark) == on_files
    for checked, _ in (postgres_run, on_spark):
        samples_are_failing_rows(checked, seeded)
    # Prices differ as stored (two decimals, the sign flipped), on every engine.
    for _, compared in (files_run, postgres_run, on_spark):
        prices = [(a, b) for _, name, a, b, _ in compared.differences if name == "o_totalprice"]
        assert len(prices) == seeded.differences["o_totalprice"]
        assert all(a.split(".")[1] == b.split(".")[1] and len(a.split(".")[1]) == 2
                   and a.lstrip("-") == b.lstrip("-") and a != b for a, b in prices)
    # The reference's orphans are sampled inside the scan on DuckDB and Spark: the rows with
    # the smallest keys, the same on both.
    smallest = sorted(seeded.orphan_keys)[:3]
    for checked in (files_run[0], on_spark[0]):
        assert [int(row["o_orderkey"]) for row in checked.references[0].samples] == smallest
    through_gx, _ = run(project(tmp_path, "gx"), engine="gx")
    assert through_gx.engine == "gx"
    assert [o.unexpected_count for o in through_gx.outcomes] == seeded.unexpected
