"""Differential test of GX 1.x's wider catalogue: seamguard gives GX's own verdict.

Four seeded datasets, each as Parquet and as CSV (half the suites saved in GX 0.18's shape),
and forty expectations each drawn from what GX users write beyond the compiled types: regex
lists, column pairs, compound and within-record uniqueness, multicolumn sums, distinct-value
sets, most common value, proportions, lengths, JSON and strftime parsing, table column sets,
median, quantiles, stdev, sum, types, ``row_condition`` with both parsers. GX runs on
``pandas.read_parquet`` / ``pandas.read_csv`` of the file; seamguard runs the same suite file
with each engine. Every verdict (error or not, success, unexpected count; for set
expectations the values missing and unexpected; else the observed value) must be GX's.
``python -m tests.support.differential_catalogue`` prints the disagreements.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import differential_catalogue as catalogue
from tests.support.differential_catalogue import Case, Verdict


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("catalogue")


@pytest.fixture(scope="module")
def cases(folder: Path) -> list[Case]:
    return catalogue.make_cases(folder)


@pytest.fixture(scope="module")
def reference(cases: list[Case]) -> dict[str, list[Verdict]]:
    return {case.name: catalogue.gx_verdicts(case) for case in cases}


def test_the_generated_cases_are_not_vacuous(cases: list[Case],
                                             reference: dict[str, list[Verdict]]) -> None:
    verdicts = [v for case in cases for v in reference[case.name]]
    types = {e["type"] for case in cases for e in case.expectations}
    assert len(verdicts) == 320
    assert len(types) >= 30
    assert sum(v[0] is False for v in verdicts) >= 60
    assert sum(v[0] is True for v in verdicts) >= 60
    assert sum(1 for v in verdicts if len(v) == 4 and v[0] is False and v[2]) >= 5  # missing
    assert sum(1 for case in cases for e in case.expectations
               if "row_condition" in e["kwargs"]) >= 15
    saved = [case.suite.read_text(encoding="utf-8") for case in cases]
    assert sum('"expectation_type"' in text for text in saved) == 4  # GX 0.18's shape
    assert any("_A_to_be_greater_than_B" in text for text in saved)


@pytest.mark.parametrize("engine", ["auto", "gx"])
def test_seamguard_agrees_with_gx_on_the_catalogue(folder: Path, cases: list[Case],
                                                   reference: dict[str, list[Verdict]],
                                                   engine: str) -> None:
    root = folder / f"project-{engine}"
    root.mkdir()
    (root / "pyproject.toml").write_text(catalogue.project_settings(cases), encoding="utf-8")
    (root / "suites").symlink_to(folder / "suites")
    found = {case.name: catalogue.seamguard_verdicts(root, case, engine) for case in cases}
    wrong = list(catalogue.disagreements(cases, reference, found))
    assert not wrong, "\n".join(wrong[:20])
