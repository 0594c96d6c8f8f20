"""The keyed comparison's two forms (counted: join counts, then the repeated keys named by a
sorted pass; windowed: a per-key window inside the join) against a plain Python reference, on
generated relations with and without duplicated, missing, extra and null keys: the same
missing, extra and duplicated keys and the same field differences, whichever form runs."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import duckdb
import pytest

from seamguard.quality.datasets import Connection
from seamguard.quality.keyed import Compared, KeyedDiff, as_text, compare_keyed

FIELDS = [Compared("s.a", "t.a", "(s.v0 IS DISTINCT FROM t.v0)"),
          Compared("NULLIF(s.b, '')", "NULLIF(t.b, '')", "(s.v1 IS DISTINCT FROM t.v1)")]
Row = tuple[int | None, int | None, str | None]


def generated(seed: int, duplicates: bool) -> tuple[list[Row], list[Row]]:
    """A source and a target of 300 rows drawn from nearby keys: some missing, extra, null or
    (when asked) repeated on either side, with changed, emptied and nulled values."""
    rng = random.Random(seed)
    source: list[Row] = [(k, rng.randint(0, 3), rng.choice(["x", "y", "", None]))
                         for k in rng.sample(range(400), 300)]
    target: list[Row] = []
    for key, a, b in source:
        roll = rng.random()
        if roll < 0.05:
            continue  # missing in the target
        if roll < 0.15:
            a = rng.choice([a, None, 9])
        elif roll < 0.25:
            b = rng.choice(["x", "z", "", None])
        target.append((key, a, b))
    target += [(k, 1, "x") for k in rng.sample(range(400, 450), 5)]  # extra keys
    target += [(None, 1, "x"), (None, 2, None)]
    source.append((None, 0, "x"))
    if duplicates:
        target += [target[i] for i in rng.sample(range(len(target) - 2), 6)]
        target += [(k, 3, "y") for k in rng.sample(range(400, 450), 2) * 2]  # extra, repeated
        source += [(k, 2, "x") for k, _, _ in rng.sample(source[:-1], 4)]
        source += [(k, 0, None) for k in rng.sample(range(450, 500), 2) * 3]  # missing, repeated
    rng.shuffle(source)
    rng.shuffle(target)
    return source, target


def reference(source: list[Row], target: list[Row]) -> KeyedDiff:
    """What the reconciliation must report, computed row by row in Python."""
    def value(row: Row, position: int) -> Any:
        item = row[1 + position]
        return None if item == "" else item

    counts = {"source": Counter(r[0] for r in source if r[0] is not None),
              "target": Counter(r[0] for r in target if r[0] is not None)}
    result = KeyedDiff(missing=sorted({str(k) for k in counts["source"]
                                       if k not in counts["target"]}),
                       extra=sorted({str(k) for k in counts["target"]
                                     if k not in counts["source"]}))
    result.duplicates = sorted(((side, str(k), n) for side, counter in counts.items()
                                for k, n in counter.items() if n > 1),
                               key=lambda d: (d[0] != "source", d[1]))
    by_key = {r[0]: r for r in target if r[0] is not None}
    for row in source:
        key = row[0]
        if key is None or counts["source"][key] != 1 or counts["target"][key] != 1:
            continue
        other = by_key[key]
        for position in range(len(FIELDS)):
            if value(row, position) != value(other, position):
                result.differences.append((str(key), position, as_text(value(row, position)),
                                           as_text(value(other, position))))
    return result


class Counting(Connection):
    """A DuckDB connection that counts the queries the comparison runs."""

    def __init__(self) -> None:
        super().__init__("duckdb", duckdb.connect(), "duckdb")
        self.queries = 0

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        self.queries += 1
        return super().rows(sql)


def run(conn: Counting, source: list[Row], target: list[Row], form: str) -> KeyedDiff:
    handle = conn.duckdb()
    for name, rows in (("src", source), ("tgt", target)):
        handle.execute(f"CREATE OR REPLACE TABLE {name} (k INTEGER, a INTEGER, b VARCHAR)")
        handle.executemany(f"INSERT INTO {name} VALUES (?, ?, ?)", rows)
    keys = (sum(r[0] is not None for r in source), sum(r[0] is not None for r in target))
    conn.queries = 0
    return compare_keyed(conn, "src", "s.k", "tgt", "t.k", FIELDS, keys, form=form)


def same(found: KeyedDiff, expected: KeyedDiff) -> None:
    assert (found.missing, found.extra, found.duplicates) == (
        expected.missing, expected.extra, expected.duplicates)
    assert sorted(found.differences) == sorted(expected.differences)


@pytest.mark.parametrize("duplicates", [False, True])
@pytest.mark.parametrize("seed", range(8))
def test_both_forms_report_what_the_rows_hold(seed: int, duplicates: bool) -> None:
    source, target = generated(seed, duplicates)
    expected = reference(source, target)
    assert bool(expected.duplicates) == duplicates
    assert expected.missing
    assert expected.extra
    assert expected.differences
    conn = Counting()
    try:
        counted = run(conn, source, target, "counted")
        # The repeated keys are named by a query per side only when the data holds some.
        assert conn.queries == (3 if duplicates else 1)
        windowed = run(conn, source, target, "windowed")
        assert conn.queries == 1
    finally:
        conn.close()
    same(counted, expected)
    same(windowed, expected)


def test_a_key_repeated_on_both_sides_is_named_once_per_side() -> None:
    source: list[Row] = [(1, 1, "x"), (1, 2, "x"), (2, 1, "x")]
    target: list[Row] = [(1, 1, "x"), (1, 1, "x"), (1, 1, "x"), (2, 5, "x")]
    conn = Counting()
    try:
        for form in ("counted", "windowed"):
            found = run(conn, source, target, form)
            assert found.duplicates == [("source", "1", 2), ("target", "1", 3)]
            assert found.differences == [("2", 0, "1", "5")]
            assert (found.missing, found.extra) == ([], [])
    finally:
        conn.close()


def test_spark_runs_the_windowed_form_with_the_same_answer() -> None:
    """On a local Spark session (the form Spark runs by default, transpiled from DuckDB's SQL):
    the reference's answer, with duplicates and without."""
    from seamguard.project import SparkSettings
    from seamguard.quality.spark import spark_session

    spark = spark_session(SparkSettings(master="local[1]"))
    conn = Connection("spark", spark, "spark")
    # Keys repeated only in the source, matched and unmatched, besides the generated cases.
    only_matched: tuple[list[Row], list[Row]] = (
        [(1, 1, "x"), (1, 2, "x"), (2, 1, "x"), (3, 1, None)], [(1, 1, "x"), (2, 1, "y")])
    only_unmatched: tuple[list[Row], list[Row]] = (
        [(1, 1, "x"), (5, 1, "x"), (5, 1, "x"), (None, 1, "x")], [(1, 1, "x"), (None, 2, "x")])
    for source, target in [generated(3, True), generated(4, False), only_matched,
                           only_unmatched]:
        for name, rows in (("sg_keyed_src", source), ("sg_keyed_tgt", target)):
            spark.createDataFrame(rows, "k INT, a INT, b STRING").createOrReplaceTempView(name)
        keys = (sum(r[0] is not None for r in source), sum(r[0] is not None for r in target))
        found = compare_keyed(conn, "sg_keyed_src", "s.k", "sg_keyed_tgt", "t.k", FIELDS, keys)
        same(found, reference(source, target))
    assert [d[:2] for d in reference(*only_matched).duplicates] == [("source", "1")]
    assert [d[:2] for d in reference(*only_unmatched).duplicates] == [("source", "5")]
