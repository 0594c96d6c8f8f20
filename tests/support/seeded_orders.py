"""Generated orders with seeded defects, for the cross-engine tests: a source extract, the copy
a sync made of it, and the customers its orders point to, as Parquet.

Defect positions come from a seeded random generator and never overlap, so the number each check
must report follows from the construction alone.
"""

from __future__ import annotations

import datetime
import json
import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

STATUSES = ["F", "O", "P"]
PRIORITIES = ["1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW"]
FIELDS = ["o_custkey", "o_orderstatus", "o_totalprice", "o_orderdate", "o_orderpriority",
          "o_clerk"]
SCHEMA = pa.schema([("o_orderkey", pa.int64()), ("o_custkey", pa.int64()),
                    ("o_orderstatus", pa.string()), ("o_totalprice", pa.decimal128(15, 2)),
                    ("o_orderdate", pa.date32()), ("o_orderpriority", pa.string()),
                    ("o_clerk", pa.string())])
SUITE: dict[str, Any] = {
    "name": "orders_synced",
    "meta": {"seamguard": {"dataset": "orders_synced", "references": [
        {"column": "o_custkey", "dataset": "customer", "to": "c_custkey"}]}},
    "expectations": [
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "o_orderpriority"}},
        {"type": "expect_column_values_to_be_unique", "kwargs": {"column": "o_orderkey"}},
        {"type": "expect_column_values_to_be_in_set",
         "kwargs": {"column": "o_orderstatus", "value_set": STATUSES}},
        {"type": "expect_column_values_to_be_between",
         "kwargs": {"column": "o_totalprice", "min_value": 0, "max_value": 600000}},
        {"type": "expect_column_values_to_match_regex",
         "kwargs": {"column": "o_clerk", "regex": "^Clerk#[0-9]{9}$"}},
        {"type": "expect_column_value_lengths_to_be_between",
         "kwargs": {"column": "o_orderpriority", "min_value": 5, "max_value": 15}},
    ],
}


@dataclass
class Seeded:
    """What each check must find in the generated data."""

    unexpected: list[int]  # per expectation of SUITE, in order
    orphans: int
    missing: int
    extra: int
    duplicate_keys: int
    differences: dict[str, int] = field(default_factory=dict)  # per field
    failing: list[set[int]] = field(default_factory=list)  # keys of failing rows, per expectation
    orphan_keys: set[int] = field(default_factory=set)  # keys of the rows pointing nowhere


def generate(folder: Path, seed: int, orders: int = 1500, customers: int = 300) -> Seeded:
    """customer.parquet, orders.parquet, orders_synced.parquet and suites/orders_synced.json."""
    rng = random.Random(seed)
    source = []
    for i in range(orders):
        source.append({
            "o_orderkey": (i // 8) * 32 + i % 8 + 1,
            "o_custkey": rng.randint(1, customers),
            "o_orderstatus": rng.choice(STATUSES),
            "o_totalprice": Decimal(rng.randint(85_000, 50_000_000)) / 100,
            "o_orderdate": datetime.date(1992, 1, 1) + datetime.timedelta(rng.randint(0, 2405)),
            "o_orderpriority": rng.choice(PRIORITIES),
            "o_clerk": f"Clerk#{rng.randint(1, 1000):09d}"})
    counts = {name: rng.randint(3, 12) for name in (
        "nulls", "status", "range", "format", "orphans", "long", "duplicates", "missing")}
    picked = rng.sample(range(orders), sum(counts.values()))
    at: dict[str, list[int]] = {}
    for name, count in counts.items():
        at[name], picked = picked[:count], picked[count:]
    target = [dict(row) for row in source]
    for i in at["nulls"]:
        target[i]["o_orderpriority"] = None
    for i in at["status"]:
        target[i]["o_orderstatus"] = rng.choice(["X", "f", "", "OPEN"])
    for i in at["range"]:
        target[i]["o_totalprice"] = -target[i]["o_totalprice"]
    for i in at["format"]:
        target[i]["o_clerk"] = rng.choice(["clerk#000000001", "Clerk#12", "Clerk# 000000001"])
    for i in at["orphans"]:
        target[i]["o_custkey"] = customers + 1 + rng.randint(0, 10_000)
    for i in at["long"]:
        target[i]["o_orderpriority"] = "6-VERY VERY VERY LOW"
    extra = rng.randint(2, 9)
    synced = [row for i, row in enumerate(target) if i not in set(at["missing"])]
    synced += [dict(target[i]) for i in at["duplicates"]]
    synced += [dict(source[0], o_orderkey=10**9 + n) for n in range(extra)]
    rng.shuffle(synced)
    _write(folder / "orders.parquet", source, SCHEMA)
    _write(folder / "orders_synced.parquet", synced, SCHEMA)
    _write(folder / "customer.parquet",
           [{"c_custkey": k, "c_name": f"Customer#{k:09d}"} for k in range(1, customers + 1)],
           pa.schema([("c_custkey", pa.int64()), ("c_name", pa.string())]))
    (folder / "suites").mkdir(exist_ok=True)
    (folder / "suites" / "orders_synced.json").write_text(json.dumps(SUITE), encoding="utf-8")

    def keys(name: str) -> set[int]:
        return {int(target[i]["o_orderkey"]) for i in at[name]}

    differences = {"o_orderpriority": counts["nulls"] + counts["long"],
                   "o_orderstatus": counts["status"], "o_totalprice": counts["range"],
                   "o_clerk": counts["format"], "o_custkey": counts["orphans"]}
    return Seeded(
        unexpected=[counts["nulls"], 2 * counts["duplicates"], counts["status"],
                    counts["range"], counts["format"], counts["long"]],
        orphans=counts["orphans"], missing=counts["missing"], extra=extra,
        duplicate_keys=counts["duplicates"],
        differences={k: v for k, v in differences.items() if v},
        failing=[keys(name) for name in ("nulls", "duplicates", "status", "range", "format",
                                         "long")],
        orphan_keys=keys("orphans"))


def _write(path: Path, rows: list[dict[str, Any]], schema: pa.Schema) -> None:
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)


def settings(folder: Path, kind: str = "file", *, schema: str | None = None,
             url_env: str | None = None) -> str:
    """``[tool.seamguard]`` for the generated data: files, Spark datasets or PostgreSQL tables."""
    blocks = []
    for name, key in (("customer", "c_custkey"), ("orders", "o_orderkey"),
                      ("orders_synced", "o_orderkey")):
        where = (f'kind = "sql"\nurl_env = "{url_env}"\ntable = "{name}"\nschema = "{schema}"'
                 if kind == "sql" else f'kind = "{kind}"\npath = "{folder / name}.parquet"')
        blocks.append(f'[tool.seamguard.datasets.{name}]\n{where}\nkey = ["{key}"]\n')
    spark = '[tool.seamguard.spark]\nmaster = "local[1]"\n\n' if kind == "spark" else ""
    return ("[tool.seamguard]\n\n" + spark
            + f'[tool.seamguard.quality]\nsuites = "{folder / "suites"}"\n\n'
            + "\n".join(blocks)
            + '\n[tool.seamguard.reconcile.orders]\nsource = "orders"\n'
              'target = "orders_synced"\nkey = "o_orderkey"\n'
              f"fields = {json.dumps(FIELDS)}\n"
              'status = "o_orderstatus"\nmoney = ["o_totalprice"]\n')
