"""Differential test: every quality engine gives GX 1.x's own verdict on generated data.

Eight seeded datasets (whole numbers with and without gaps, floats with 0.1 + 0.2, 1e20, -0.0,
NaN and infinities, text with unicode, whitespace, empty and number- or date-like values,
dates, booleans, nulls) and thirty expectations each (text value sets on number, date and
boolean columns, string bounds on every column type, min/max/mean, unique, not-null, regex
and lengths on every column type, ``mostly``). GX runs each suite on ``pandas.read_parquet``
of the file; seamguard runs the same suite file on DuckDB (the default), through its own GX
engine, on PostgreSQL and on Spark (two datasets: one shared session). Every verdict (error
or not, success, unexpected count, partial unexpected list as GX serialises it; min/max/mean:
success and observed value) must be GX's. ``python -m tests.support.differential [ENGINE…]``
prints the disagreements (``DIFF_SEED`` picks other datasets).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import differential
from tests.support.differential import Case, Verdict
from tests.support.postgres import URL, throwaway_schema


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("differential")


@pytest.fixture(scope="module")
def cases(folder: Path) -> list[Case]:
    return differential.make_cases(folder)


@pytest.fixture(scope="module")
def reference(cases: list[Case]) -> dict[str, list[Verdict]]:
    return {case.name: differential.gx_verdicts(case) for case in cases}


def _project(folder: Path, cases: list[Case], label: str, kind: str = "file",
             schema: str | None = None, url_env: str | None = None) -> Path:
    root = folder / f"project-{label}-{uuid.uuid4().hex[:6]}"
    root.mkdir()
    (root / "pyproject.toml").write_text(differential.project_settings(
        folder, cases, kind=kind, schema=schema, url_env=url_env), encoding="utf-8")
    (root / "suites").symlink_to(folder / "suites")
    return root


def _compare(root: Path, cases: list[Case], reference: dict[str, list[Verdict]],
             engine: str = "auto") -> None:
    found = {case.name: differential.seamguard_verdicts(root, case, engine) for case in cases}
    wrong = list(differential.disagreements(cases, reference, found))
    assert not wrong, "\n".join(wrong[:20])


def test_the_generated_cases_cover_every_class(cases: list[Case],
                                                reference: dict[str, list[Verdict]]) -> None:
    """The comparison is not vacuous: GX fails and raises on some, and the classes that made
    engines disagree are all present."""
    expectations = [e for case in cases for e in case.expectations]
    verdicts = [v for case in cases for v in reference[case.name]]
    assert len(expectations) == 240
    assert sum(v == ("error",) for v in verdicts) >= 20
    assert sum(v[0] is False for v in verdicts if v != ("error",)) >= 60
    assert sum(v[0] is True for v in verdicts if v != ("error",)) >= 30

    def count(kind: str, columns: str, test: object) -> int:
        return sum(1 for e in expectations if e["type"].endswith(kind)
                   and e["kwargs"]["column"] in columns and callable(test) and test(e["kwargs"]))

    def text_values(kwargs: dict[str, object]) -> bool:
        return any(isinstance(v, str) for v in kwargs["value_set"])  # type: ignore[attr-defined]

    def string_bound(kwargs: dict[str, object]) -> bool:
        return isinstance(kwargs.get("min_value"), str) or isinstance(kwargs.get("max_value"),
                                                                       str)

    assert count("_in_set", "inbd", text_values) >= 25
    assert count("_to_be_between", "d", string_bound) >= 3
    assert count("_to_be_between", "s", string_bound) >= 3
    assert count("_to_be_between", "inf", string_bound) >= 10
    assert count("_mean_to_be_between", "inbfds", string_bound) >= 3
    assert count("_match_regex", "inbfd", bool) + count("_lengths_to_be_between", "inbfd",
                                                         bool) >= 10
    samples = {s for v in verdicts if len(v) == 3 and v[2] for s in v[2]}
    assert {"0.30000000000000004", "1e+20", "-0.0", "inf", "-inf"} <= samples


def test_duckdb_agrees_with_gx(folder: Path, cases: list[Case],
                               reference: dict[str, list[Verdict]]) -> None:
    _compare(_project(folder, cases, "duckdb"), cases, reference)


def test_the_gx_engine_agrees_with_gx_on_the_file(folder: Path, cases: list[Case],
                                                  reference: dict[str, list[Verdict]]) -> None:
    _compare(_project(folder, cases, "gx"), cases, reference, engine="gx")


@pytest.fixture
def postgres_tables(cases: list[Case], monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with throwaway_schema("sg_diff") as schema:
        differential.load_postgres(URL, schema, cases)
        monkeypatch.setenv("SG_DIFF_URL", URL)
        yield schema


def test_postgres_agrees_with_gx(folder: Path, cases: list[Case], postgres_tables: str,
                                 reference: dict[str, list[Verdict]]) -> None:
    assert os.environ["SG_DIFF_URL"]
    _compare(_project(folder, cases, "pg", "sql", postgres_tables, "SG_DIFF_URL"), cases,
             reference)


def test_spark_agrees_with_gx(folder: Path, cases: list[Case],
                              reference: dict[str, list[Verdict]]) -> None:
    chosen = cases[:2]  # a Spark job per failing expectation's samples: two suites suffice
    _compare(_project(folder, chosen, "spark", "spark"), chosen, reference)
