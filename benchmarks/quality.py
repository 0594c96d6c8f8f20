"""Quality and reconciliation benchmark: synced HubSpot deals checked by ~8 typical expectations,
and reconciled against Shopify orders of the same size, as ratios to a hand-written single-pass
DuckDB query doing the same checks in the same run.

Engines (each in a fresh subprocess, so peak memory is the process's own high-water mark):

- ``baseline``        one hand-written DuckDB query with every check (the yardstick)
- ``compiled``        seamguard's default: the suite compiled to one aggregate query (DuckDB)
- ``gx-pandas``       Great Expectations on a pandas DataFrame (the file read included)
- ``compiled-pg``     the compiled query pushed down to PostgreSQL        (``--postgres``)
- ``gx-pg``           Great Expectations' SQL data source on PostgreSQL    (``--postgres``)
- ``gx-spark``        Great Expectations on local Spark                    (``--spark``)
- reconciliation: ``recon-baseline`` (hand-written DuckDB full join) vs ``reconcile`` (the
  mapping compiled to SQL by seamguard), and ``reconcile-pg`` with ``--postgres``.

    python benchmarks/quality.py [--rows 1000000,5000000] [--postgres] [--spark] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

PG_URL = os.environ.get("SEAMGUARD_BENCH_POSTGRES_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")
STAGES = ["closedwon", "closedwon", "contractsent", "closedlost", "decisionmakerboughtin"]
FINANCIAL = {"closedwon": "paid", "contractsent": "pending", "closedlost": "refunded",
             "decisionmakerboughtin": "authorized"}

SUITE: dict[str, Any] = {
    "name": "deals",
    "meta": {"seamguard": {"dataset": "deals"}},
    "expectations": [
        {"type": "expect_table_row_count_to_be_between", "kwargs": {"min_value": 1}},
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "shopify_order_id"}},
        {"type": "expect_column_values_to_be_unique", "kwargs": {"column": "shopify_order_id"}},
        {"type": "expect_column_values_to_not_be_null", "kwargs": {"column": "dealname"}},
        {"type": "expect_column_values_to_be_in_set",
         "kwargs": {"column": "dealstage", "value_set": sorted(set(STAGES))}},
        {"type": "expect_column_values_to_be_in_set",
         "kwargs": {"column": "pipeline", "value_set": ["default"]}},
        {"type": "expect_column_values_to_match_regex",
         "kwargs": {"column": "closedate",
                    "regex": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"}},
        {"type": "expect_column_values_to_be_between",
         "kwargs": {"column": "amount", "min_value": 0, "max_value": 1000000}},
        {"type": "expect_column_value_lengths_to_be_between",
         "kwargs": {"column": "dealname", "min_value": 1, "max_value": 255}},
    ],
}

BASELINE_SQL = """
SELECT count(*),
       count(*) FILTER (WHERE shopify_order_id IS NULL),
       (SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM {t}
          WHERE shopify_order_id IS NOT NULL GROUP BY shopify_order_id HAVING count(*) > 1)),
       count(*) FILTER (WHERE dealname IS NULL),
       count(*) FILTER (WHERE dealstage NOT IN ('closedlost', 'closedwon', 'contractsent',
                                                'decisionmakerboughtin')),
       count(*) FILTER (WHERE pipeline <> 'default'),
       count(*) FILTER (WHERE NOT regexp_matches(closedate,
                        '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}T[0-9]{{2}}:[0-9]{{2}}:[0-9]{{2}}Z$')),
       count(*) FILTER (WHERE amount < 0 OR amount > 1000000),
       count(*) FILTER (WHERE length(dealname) NOT BETWEEN 1 AND 255)
FROM {t}
"""

RECON_BASELINE_SQL = """
WITH s AS (
  SELECT CAST(id AS VARCHAR) AS k, 'Shopify ' || trim(name) AS dealname,
         TRY_CAST(total_price AS DECIMAL(38, 2)) AS amount,
         CASE financial_status WHEN 'paid' THEN 'closedwon' WHEN 'pending' THEN 'contractsent'
              WHEN 'refunded' THEN 'closedlost' WHEN 'authorized' THEN 'decisionmakerboughtin'
         END AS dealstage,
         strftime(timezone('UTC', CAST(processed_at AS TIMESTAMPTZ)), '%Y-%m-%dT%H:%M:%SZ')
           AS closedate,
         upper(trim(currency)) AS cur
  FROM read_parquet('{orders}')),
t AS (
  SELECT shopify_order_id AS k, dealname, CAST(amount AS DECIMAL(38, 2)) AS amount, dealstage,
         closedate, deal_currency_code AS cur
  FROM read_parquet('{deals}'))
SELECT s.k, t.k, s.dealname, t.dealname, s.amount, t.amount, s.dealstage, t.dealstage,
       s.closedate, t.closedate
FROM s FULL JOIN t ON s.k = t.k
WHERE s.k IS NULL OR t.k IS NULL OR s.dealname IS DISTINCT FROM t.dealname
   OR s.amount IS DISTINCT FROM t.amount OR s.dealstage IS DISTINCT FROM t.dealstage
   OR s.closedate IS DISTINCT FROM t.closedate OR s.cur IS DISTINCT FROM t.cur
"""


def generate(folder: Path, rows: int) -> dict[str, Path]:
    """Deals (synced, with ~0.1% defects of each class) and the orders they came from."""
    import duckdb

    deals, orders = folder / "deals.parquet", folder / "orders.parquet"
    stages = "[" + ", ".join(f"'{s}'" for s in STAGES) + "]"
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    con.execute(f"""
        CREATE TABLE base AS SELECT i,
          5829461300001 + i AS id,
          round(((hash(i) % 899000) + 990) / 100.0, 2) AS amount,
          {stages}[1 + (hash(i * 7) % 5)::INTEGER] AS stage,
          TIMESTAMP '2024-06-01' + to_minutes(i::BIGINT) AS ts
        FROM range({rows}) t(i)""")
    financial = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in FINANCIAL.items())
    con.execute(f"""
        COPY (SELECT id, '#' || (1001 + i) AS name, printf('%.2f', amount) AS total_price,
                     'CNY' AS currency, CASE stage {financial} END AS financial_status,
                     strftime(ts + INTERVAL 8 HOUR, '%Y-%m-%dT%H:%M:%S+08:00') AS processed_at,
                     '' AS tags, NULL::VARCHAR AS cancel_reason
              FROM base) TO '{orders}' (FORMAT parquet)""")
    con.execute(f"""
        COPY (SELECT CAST(id AS VARCHAR) AS shopify_order_id,
                     CASE WHEN i % 1009 = 0 THEN NULL ELSE 'Shopify #' || (1001 + i) END
                       AS dealname,
                     CASE WHEN i % 997 = 0 THEN amount + 1 ELSE amount END AS amount,
                     'CNY' AS deal_currency_code,
                     CASE WHEN i % 2003 = 0 THEN 'weird' ELSE stage END AS dealstage,
                     'default' AS pipeline, strftime(ts, '%Y-%m-%dT%H:%M:%SZ') AS closedate,
                     '' AS shopify_tags
              FROM base WHERE i % 3001 <> 0
              UNION ALL
              SELECT CAST(id AS VARCHAR), 'Shopify #' || (1001 + i), amount, 'CNY', stage,
                     'default', strftime(ts, '%Y-%m-%dT%H:%M:%SZ'), ''
              FROM base WHERE i % 5003 = 1) TO '{deals}' (FORMAT parquet)""")
    con.close()
    (folder / "suites").mkdir(exist_ok=True)
    (folder / "suites" / "deals.json").write_text(json.dumps(SUITE), encoding="utf-8")
    return {"deals": deals, "orders": orders}


def write_project(folder: Path, *, postgres_schema: str | None = None,
                  spark: bool = False) -> Path:
    """A project whose datasets are the generated files (or their PostgreSQL copies, or the
    files as Spark datasets)."""
    project = folder / ("project-pg" if postgres_schema else
                        "project-spark" if spark else "project")
    project.mkdir(exist_ok=True)
    blocks = []
    for name in ("deals", "orders"):
        where = (f'kind = "sql"\nurl_env = "SEAMGUARD_BENCH_PG"\ntable = "{name}"\n'
                 f'schema = "{postgres_schema}"' if postgres_schema
                 else ('kind = "spark"\n' if spark else "")
                 + f'path = "{folder / name}.parquet"')
        key = "\nkey = [\"shopify_order_id\"]" if name == "deals" else ""
        blocks.append(f"[tool.seamguard.datasets.{name}]\n{where}{key}\n")
    datasets = "\n".join(blocks)
    (project / "pyproject.toml").write_text(f"""
[tool.seamguard]
contracts = "{ROOT / 'contracts'}"

[tool.seamguard.quality]
suites = "{folder / 'suites'}"

{datasets}
[tool.seamguard.reconcile.orders]
mapping = "shopify-order-to-hubspot-deal"
source = "orders"
target = "deals"
status = "dealstage"
money = ["amount"]
""", encoding="utf-8")
    return project


def load_postgres(folder: Path, schema: str) -> float:
    """Copy the generated files into PostgreSQL (timed; not part of any engine's figure)."""
    import duckdb
    import psycopg

    started = time.perf_counter()
    url = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    types = {"VARCHAR": "text", "BIGINT": "bigint", "DOUBLE": "double precision"}
    with psycopg.connect(url) as db, db.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA "{schema}"')
        for name in ("deals", "orders"):
            con = duckdb.connect()
            relation = f"read_parquet('{folder / name}.parquet')"
            columns = [(c, types.get(t, "text")) for c, t, *_ in
                       con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()]
            cursor.execute(f'CREATE TABLE "{schema}"."{name}" ('
                           + ", ".join(f'"{c}" {t}' for c, t in columns) + ")")
            with cursor.copy(f'COPY "{schema}"."{name}" FROM STDIN') as copy:
                result = con.execute(f"SELECT * FROM {relation}")
                while batch := result.fetchmany(50_000):
                    for row in batch:
                        copy.write_row(row)
            con.close()
        cursor.execute(f'ANALYZE "{schema}"."deals"')
        db.commit()
    return time.perf_counter() - started


def drop_postgres(schema: str) -> None:
    import psycopg

    url = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url, autocommit=True) as db:
        db.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


# -- one engine, in its own process ------------------------------------------------------------


def _rss_mb() -> float:
    """This process's peak resident set (VmHWM): unlike ru_maxrss, not inherited at fork."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(engine: str, folder: Path, schema: str | None) -> dict[str, Any]:
    """Run one engine once; the parent reads the JSON this prints."""
    os.environ["SEAMGUARD_BENCH_PG"] = PG_URL
    breakdown: dict[str, float] = {}
    # imports are paid once per process, not per run: done before the clock starts
    import duckdb

    from seamguard.project import find_project
    from seamguard.quality.check import run_suite
    from seamguard.quality.datasets import Connection, Datasets
    from seamguard.quality.suites import load_suite

    if engine.startswith("gx"):
        import great_expectations  # noqa: F401
    if engine == "gx-spark":
        import pyspark
    project = find_project(write_project(folder, postgres_schema=schema), explicit=True)
    suite = load_suite(folder / "suites" / "deals.json", display="deals.json")
    before = _rss_mb()
    original_rows = Connection.rows

    def timed_rows(self: Connection, sql: str) -> list[tuple[Any, ...]]:
        start = time.perf_counter()
        try:
            return original_rows(self, sql)
        finally:
            label = ("sample rows" if ") d WHERE" in sql else
                     "schema" if sql.startswith("DESCRIBE") else "aggregate scans")
            breakdown[label] = breakdown.get(label, 0.0) + time.perf_counter() - start

    Connection.rows = timed_rows  # type: ignore[method-assign]
    started = time.perf_counter()
    counts: Any = None
    if engine == "baseline":
        con = duckdb.connect()
        counts = list(con.execute(BASELINE_SQL.format(
            t=f"read_parquet('{folder / 'deals.parquet'}')")).fetchone() or ())
    elif engine == "recon-baseline":
        con = duckdb.connect()
        con.execute("SET TimeZone = 'UTC'")
        counts = len(con.execute(RECON_BASELINE_SQL.format(
            orders=folder / "orders.parquet", deals=folder / "deals.parquet")).fetchall())
    elif engine.startswith("reconcile"):
        from seamguard.quality.reconcile import reconcile

        with Datasets(project) as datasets:
            result = reconcile(project, datasets, "orders", project.settings.reconcile["orders"])
        counts = result.counts()
        breakdown = dict(result.timings)
    elif engine == "gx-spark":
        import pyspark.sql

        from seamguard.quality import gx_runner

        spark_start = time.perf_counter()
        pyspark.sql.SparkSession.builder.master("local[*]").getOrCreate()
        breakdown["spark session start"] = time.perf_counter() - spark_start
        started = time.perf_counter()
        on_spark = find_project(write_project(folder, spark=True), explicit=True)
        with Datasets(on_spark) as datasets:
            deals = datasets.open("deals")
            outcomes = gx_runner.run_gx_spark(deals, suite.expectations,
                                              key=["shopify_order_id"], sample_rows=20)
        counts = [o.unexpected_count for o in outcomes]
    else:
        mode = "gx" if engine.startswith("gx") else "auto"
        if engine == "gx-pandas":
            from seamguard.quality import gx_runner

            read = gx_runner.read_pandas

            def timed_read(*args: Any) -> Any:
                start = time.perf_counter()
                try:
                    return read(*args)
                finally:
                    breakdown["read into pandas"] = time.perf_counter() - start

            gx_runner.read_pandas = timed_read  # type: ignore[assignment]
        with Datasets(project) as datasets:
            result = run_suite(datasets, suite, engine=mode, sample_rows=20)  # type: ignore[arg-type]
        counts = [o.unexpected_count for o in result.outcomes]
    seconds = time.perf_counter() - started
    if engine.startswith("gx") and engine != "gx-spark":
        known = sum(v for k, v in breakdown.items() if k != "aggregate scans")
        breakdown = {k: v for k, v in breakdown.items() if k == "read into pandas"}
        breakdown["GX validate"] = seconds - known
    return {"engine": engine, "seconds": seconds, "peak_mb": _rss_mb(),
            "peak_delta_mb": _rss_mb() - before, "breakdown": breakdown, "counts": counts}


def run_engine(engine: str, folder: Path, schema: str | None, repeats: int) -> dict[str, Any]:
    best: dict[str, Any] | None = None
    for _ in range(repeats):
        args = [sys.executable, __file__, "--worker", engine, "--dir", str(folder)]
        if schema:
            args += ["--schema", schema]
        done = subprocess.run(args, capture_output=True, text=True, timeout=3600, check=False)
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            return {"engine": engine, "error": " | ".join(tail)}
        result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        if best is None or result["seconds"] < best["seconds"]:
            best = result
    assert best is not None
    return best


def report(rows: int, results: list[dict[str, Any]], base: str) -> None:
    baseline = next(r for r in results if r["engine"] == base)
    print(f"\n{rows:,} synced deals; ratios to `{base}` (best of runs)")
    header = ["engine", "seconds", "x time", "peak RSS", "x memory", "peak-start",
              "where the time goes"]
    lines = []
    for r in results:
        if "error" in r:
            lines.append([r["engine"], "failed", "-", "-", "-", "-", r["error"][:70]])
            continue
        parts = ", ".join(f"{k} {v:.2f}s" for k, v in r["breakdown"].items())
        lines.append([r["engine"], f"{r['seconds']:.2f}",
                      f"{r['seconds'] / baseline['seconds']:.1f}x",
                      f"{r['peak_mb']:.0f} MB", f"{r['peak_mb'] / baseline['peak_mb']:.1f}x",
                      f"{r['peak_delta_mb']:.0f} MB", parts])
    widths = [max(len(str(x[i])) for x in [header, *lines]) for i in range(len(header))]
    for line in [header, ["-" * w for w in widths], *lines]:
        print("  ".join(str(c).ljust(widths[i]) if i in (0, 6) else str(c).rjust(widths[i])
                        for i, c in enumerate(line)))


def run_headline(scale: float, *, spark: bool = True) -> list[Any]:
    """The TPC-H-like figures: quality, reconcile, and both on Spark (when ``spark`` and pyspark
    is importable), as ratios to hand-written DuckDB and Spark SQL measured in the same run;
    returns the printed rows (``tpch.Row``)."""
    import tpch

    with tempfile.TemporaryDirectory(prefix="seamguard-tpch-") as tmp:
        started = time.perf_counter()
        tpch.generate(Path(tmp), scale)
        print(f"\ngenerated TPC-H-like data at scale {scale:g} in "
              f"{time.perf_counter() - started:.1f}s")
        on_spark = spark and tpch.spark_available()
        if spark and not on_spark:
            print("Spark rows left out: pyspark is not importable (pip install 'seamguard[spark]')")
        rows = tpch.headline(Path(tmp), spark=on_spark) + tpch.other_engines(Path(tmp))
        tpch.print_headline(rows, scale)
        return rows


def run(sizes: list[int], repeats: int, *, postgres: bool, spark: bool) -> None:
    print("engines run in fresh processes; peak = the process's max RSS (imports included); "
          "5M rows: --quality-rows 1000000,5000000 (run.py) or --rows (quality.py)")
    for rows in sizes:
        with tempfile.TemporaryDirectory(prefix="seamguard-quality-") as tmp:
            folder = Path(tmp)
            started = time.perf_counter()
            generate(folder, rows)
            print(f"\ngenerated {rows:,} orders and deals in {time.perf_counter() - started:.1f}s")
            schema = f"sg_bench_{os.getpid()}" if postgres else None
            try:
                if schema:
                    print(f"loaded into PostgreSQL in {load_postgres(folder, schema):.1f}s "
                          "(not timed below)")
                checks = ["baseline", "compiled", "gx-pandas"]
                if schema:
                    checks += ["compiled-pg", "gx-pg"]
                if spark:
                    checks.append("gx-spark")
                results = [run_engine(e, folder, schema if e.endswith("pg") else None, repeats)
                           for e in checks]
                counts = {r["engine"]: r.get("counts") for r in results}
                report(rows, results, "baseline")
                agree = {json.dumps(c[1:]) for c in counts.values() if c}
                print(f"unexpected counts of all engines agree with the baseline: "
                      f"{len(agree) == 1} ({counts['baseline'][1:]})")
                recon = ["recon-baseline", "reconcile"] + (["reconcile-pg"] if schema else [])
                results = [run_engine(e, folder, schema if e.endswith("pg") else None, repeats)
                           for e in recon]
                report(rows, results, "recon-baseline")
                for r in results:
                    if isinstance(r.get("counts"), dict):
                        c = r["counts"]
                        print(f"  {r['engine']}: {c['missing_in_target']} missing, "
                              f"{c['extra_in_target']} extra, {c['duplicate_keys']} duplicate "
                              f"keys, {c['field_differences']} field differences")
            finally:
                if schema:
                    drop_postgres(schema)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="1000000")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--spark", action="store_true")
    parser.add_argument("--worker")
    parser.add_argument("--dir", type=Path)
    parser.add_argument("--schema")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.dir, args.schema), default=str))
        return
    run([int(n) for n in args.rows.split(",")], args.repeats, postgres=args.postgres,
        spark=args.spark)


if __name__ == "__main__":
    main()
