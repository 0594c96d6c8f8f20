"""Reconciliation on PostgreSQL reads the tables' column types and compares same-typed columns as
they are stored (bigint keys joined as numbers, numerics and dates compared and summed natively,
no text casts): against a row-by-row Python reference on generated typed tables with missing,
extra, repeated and null keys, emptied and nulled text, changed amounts and dates."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from seamguard.project import find_project
from seamguard.quality.datasets import Datasets
from seamguard.quality.reconcile import Reconciliation, reconcile
from tests.support.postgres import URL, throwaway_schema

FIELDS = ["a", "b", "m", "d"]
Row = tuple[int | None, int | None, str | None, Decimal | None, datetime.date | None]
DAY = datetime.date(2024, 1, 1)


def generated(seed: int) -> tuple[list[Row], list[Row]]:
    rng = random.Random(seed)

    def row(key: int | None) -> Row:
        return (key, rng.randint(0, 3), rng.choice(["x", "y", "", None]),
                Decimal(rng.randint(-500, 500)).scaleb(-2),
                DAY + datetime.timedelta(rng.randint(0, 9)))

    source = [row(k) for k in rng.sample(range(3000), 400)]
    target: list[Row] = []
    for key, a, b, m, d in source:
        roll = rng.random()
        if roll < 0.05:
            continue  # missing in the target
        if roll < 0.10:
            a = rng.choice([None, 9])
        elif roll < 0.15:
            b = rng.choice(["z", "", None])
        elif roll < 0.20:
            m = rng.choice([None, (m or Decimal(0)) + Decimal("0.01")])
        elif roll < 0.25:
            d = None if rng.random() < 0.5 else DAY
        target.append((key, a, b, m, d))
    target += [row(k) for k in rng.sample(range(3000, 3100), 6)]  # extra keys
    target += [row(None), row(None)]
    source.append(row(None))
    target += [target[i] for i in rng.sample(range(len(target) - 2), 5)]  # repeated keys
    source += [row(k) for k, *_ in rng.sample(source[:-1], 3)]
    rng.shuffle(source)
    rng.shuffle(target)
    return source, target


def text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def reference(source: list[Row], target: list[Row]) -> dict[str, Any]:
    """Every figure of the reconciliation, computed row by row in Python."""
    counts = {"source": Counter(r[0] for r in source if r[0] is not None),
              "target": Counter(r[0] for r in target if r[0] is not None)}
    by_key = {r[0]: r for r in target if r[0] is not None}
    differences = []
    for row in source:
        key = row[0]
        if key is None or counts["source"][key] != 1 or counts["target"][key] != 1:
            continue
        for position, name in enumerate(FIELDS, start=1):
            mine, theirs = text(row[position]), text(by_key[key][position])
            if mine != theirs:
                differences.append((str(key), name, mine, theirs))
    status: dict[str, list[int]] = {}
    for number, rows in enumerate((source, target)):
        for r in rows:
            status.setdefault(str(r[2] or None), [0, 0])[number] += 1
    return {
        "missing": sorted(str(k) for k in counts["source"] if k not in counts["target"]),
        "extra": sorted(str(k) for k in counts["target"] if k not in counts["source"]),
        "duplicates": sorted(((side, str(k), n) for side, c in counts.items()
                              for k, n in c.items() if n > 1),
                             key=lambda d: (d[0] != "source", d[1])),
        "differences": sorted(differences),
        "status": sorted((v, a, b) for v, (a, b) in status.items()),
        "money": [sum((r[3] for r in rows if r[3] is not None), Decimal(0))
                  for rows in (source, target)],
        "rows": (len(source), len(target)),
    }


def found(result: Reconciliation) -> dict[str, Any]:
    return {
        "missing": result.missing_in_target, "extra": result.extra_in_target,
        "duplicates": result.duplicates,
        "differences": sorted((k, f, s, t) for k, f, s, t, _ in result.differences),
        "status": result.status_counts,
        "money": [Decimal(result.money[0][1]), Decimal(result.money[0][2])],
        "rows": (result.source_rows, result.target_rows),
    }


@pytest.fixture(scope="module")
def engine() -> Any:
    engine = sa.create_engine(URL)
    yield engine
    engine.dispose()


@pytest.mark.parametrize("seed", range(4))
def test_typed_postgres_tables_reconcile_as_the_rows_say(seed: int, engine: Any,
                                                         tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    source, target = generated(seed)
    expected = reference(source, target)
    assert expected["duplicates"]
    assert expected["missing"]
    assert expected["extra"]
    assert {name for _, name, _, _ in expected["differences"]} == set(FIELDS)
    with throwaway_schema("sg_recon_types") as schema:
        with engine.begin() as db:
            db.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
            for name, rows in (("src", source), ("tgt", target)):
                db.execute(sa.text(f'CREATE TABLE "{schema}".{name} (k bigint, a integer, '
                                   "b text, m numeric(12, 2), d date)"))
                db.execute(sa.text(f'INSERT INTO "{schema}".{name} VALUES (:k, :a, :b, :m, :d)'),
                           [dict(zip(["k", *FIELDS], r, strict=True)) for r in rows])
        monkeypatch.setenv("SEAMGUARD_TEST_RECON_URL", URL)
        (tmp_path / "pyproject.toml").write_text(
            "[tool.seamguard]\n" + "".join(
                f'[tool.seamguard.datasets.{name}]\nkind = "sql"\n'
                f'url_env = "SEAMGUARD_TEST_RECON_URL"\ntable = "{name}"\n'
                f'schema = "{schema}"\n' for name in ("src", "tgt"))
            + '[tool.seamguard.reconcile.typed]\nsource = "src"\ntarget = "tgt"\nkey = "k"\n'
              f'fields = {FIELDS!r}\nstatus = "b"\nmoney = ["m"]\n'.replace("'", '"'),
            encoding="utf-8")
        project = find_project(tmp_path, explicit=True)
        with Datasets(project) as datasets:
            # The types are read, so the comparison runs on the stored types.
            assert datasets.open("src").types == {"k": "BIGINT", "a": "INTEGER", "b": "text",
                                                  "m": "numeric(12,2)", "d": "date"}
            result = reconcile(project, datasets, "typed", project.settings.reconcile["typed"])
    assert found(result) == expected
