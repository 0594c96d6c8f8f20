"""Every kind of input the user running seamguard may not read, for ``hostile_fresh2``.

The rule (README, exit codes): a path the system refuses is no fault of the data in it, so it
stops the run with exit code 2 whatever the file is — settings, contract, mapping, suite,
dataset (read by Python or by DuckDB), baseline, drift history, cassette — and the message
names the path. A case runs as root without the capabilities that let root ignore file modes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from tests.support.hostile import Outcome
from tests.support.hostile_fresh_cli import ProcessCase
from tests.support.hostile_fresh_files import _drift_project, _real_history
from tests.support.hostile_operators import BASELINE
from tests.support.hostile_strategies import CASSETTE, CONTRACT, TWO, classify, mini
from tests.support.projects import MINI_SETTINGS

_DATA = MINI_SETTINGS + """
[tool.seamguard.datasets.orders]
path = "data/orders.{ext}"
"""
_SUITE = {"name": "orders", "dataset": "orders", "expectations": [
    {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "id"}}]}


def _data_project(root: Path, ext: str) -> Path:
    project = mini(root, _DATA.replace("{ext}", ext))
    (project / "data").mkdir()
    target = project / "data" / f"orders.{ext}"
    if ext == "parquet":
        import duckdb

        duckdb.connect().execute(
            f"COPY (SELECT 1 AS id UNION ALL SELECT 2) TO '{target}' (FORMAT PARQUET)")
    elif ext == "csv":
        target.write_text("id\n1\n2\n", encoding="utf-8")
    else:
        target.write_text('{"id": 1}\n{"id": 2}\n', encoding="utf-8")
    (project / "suites").mkdir()
    (project / "suites" / "orders.json").write_text(json.dumps(_SUITE), encoding="utf-8")
    return project


Layout = Callable[[Path], Path]


def _baseline_project(root: Path) -> Path:
    project = mini(root, MINI_SETTINGS.replace("[tool.seamguard]\n",
                                               '[tool.seamguard]\nbaseline = "accepted.yaml"\n'))
    (project / "accepted.yaml").write_text(BASELINE, encoding="utf-8")
    return project


def _history_project(root: Path) -> Path:
    project = _drift_project(root)
    _real_history(project)
    return project


# (name, layout, the path made unreadable, command, text the output must hold)
KINDS: list[tuple[str, Layout, str, str, str]] = [
    ("settings", mini, "pyproject.toml", "verify", "pyproject.toml"),
    ("contract", mini, CONTRACT, "contract lint", "openapi.yaml"),
    ("cassette", mini, CASSETTE, "verify", "orders.yaml"),
    ("suite", lambda r: _data_project(r, "csv"), "suites/orders.json", "quality",
     "suites/orders.json"),
    ("dataset-csv", lambda r: _data_project(r, "csv"), "data/orders.csv", "quality",
     "data/orders.csv"),
    ("dataset-jsonl", lambda r: _data_project(r, "jsonl"), "data/orders.jsonl", "quality",
     "data/orders.jsonl"),
    ("dataset-parquet", lambda r: _data_project(r, "parquet"), "data/orders.parquet", "quality",
     "data/orders.parquet"),
    ("dataset-folder", lambda r: _data_project(r, "parquet"), "data", "quality", "data"),
    ("suite-in-check", lambda r: _data_project(r, "jsonl"), "suites/orders.json", "check",
     "suites/orders.json"),
    ("dataset-in-check", lambda r: _data_project(r, "parquet"), "data/orders.parquet", "check",
     "data/orders.parquet"),
    ("baseline", _baseline_project, "accepted.yaml", "verify", "accepted.yaml"),
    ("drift-history", _history_project, "reports/drift-history.sqlite", "drift run",
     "drift-history.sqlite"),
]


def _refused_case(name: str, layout: Layout, relative: str, command: str, named: str
                  ) -> ProcessCase:
    def setup(root: Path) -> tuple[list[str], dict[str, str]]:
        project = layout(root)
        for path in (root, *root.rglob("*")):
            path.chmod(0o777 if path.is_dir() else 0o666)
        (project / relative).chmod(0)
        return [*command.split(), "--project", str(project), "-f", "json"], {}
    return ProcessCase(f"perm2:{name}", setup, TWO, (named,), as_nobody=True)


def perm_cases() -> list[ProcessCase]:
    return [_refused_case(*kind) for kind in KINDS]


def judge_refused(case: ProcessCase, outcome: Outcome) -> list[str]:
    """``classify``, where the whole file is the place: its path in the message is the
    location; and the message must say it was refused, not that the file is damaged."""
    wrong = classify(outcome, case.exits, case.expect)
    if all(name in outcome.text for name in case.expect):
        wrong = [w for w in wrong if w != "no-location"]
    if outcome.code == 2 and not _REFUSAL.search(outcome.text):
        wrong.append("refusal-not-said")
    return wrong


_REFUSAL = re.compile(r"path\.refused|[Pp]ermission denied")
