"""Score expectation suites and reconciliation on synced datasets of shapes the example lacks.

A Chinese web shop's orders synced to a CRM (GBK CSV exports, money as text, China-time stamps
without an offset, mixed null spellings) and to a carrier (Parquet with nested columns), with a
wide customer table and a long order-line table (``quality_fresh_data``). Each backend (DuckDB
on the files, the same tables in PostgreSQL, a subset on local Spark) runs ``suites generate``
on the clean snapshot, then ``quality`` and ``reconcile`` on the clean snapshot (no finding may
fail) and on a later defective one (each seeded defect found by the right expectation or
finding, with the right keys, nothing else failing, no personal data in any sample). Verdicts
must be identical across backends.

    python -m tests.support.quality_fresh [--seeds 11,12] [--no-postgres] [--no-spark]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.support.quality_fresh_data import Seeded, break_snapshot, build, write
from tests.support.quality_fresh_project import SPARK_SUITES, load_postgres, write_project

Findings = list[dict[str, Any]]
FAILING = ("error", "warning")


def cli(*args: str) -> tuple[int, str]:
    from typer.testing import CliRunner

    from seamguard.cli import app

    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout


def findings(command: str, project: Path, engine: str = "auto") -> tuple[int, Findings]:
    options = ["--engine", engine] if command == "quality" else []
    code, out = cli(command, "--project", str(project), "--format", "json",
                    "--reports", str(project / "reports"), *options)
    try:
        report = json.loads(out)
    except ValueError:
        return code, [{"code": "scorer.unreadable", "severity": "error", "message": out[-800:]}]
    found: Findings = report["findings"]
    return code, found


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def failing(found: Findings) -> Findings:
    return [f for f in found if f.get("severity") in FAILING]


def _keys(found: Findings, code: str, reconciliation: str = "") -> set[str]:
    out = set()
    for f in found:
        if f["code"] == code and reconciliation in str(f.get("case", "")) + f["message"]:
            key = (f.get("location") or {}).get("key")
            out.add(str(key))
    return out


def _expectation(found: Findings, dataset: str, kind: str, column: str) -> dict[str, Any]:
    for f in found:
        expected = f.get("expected")
        if (f["code"] == "quality.expectation-failed" and isinstance(expected, dict)
                and expected.get("expectation") == kind
                and f["message"].startswith(f"{dataset}.{column}" if column else dataset)):
            return f
    return {}


def _sample_keys(finding: dict[str, Any], key: str) -> set[str]:
    actual = _dict(finding.get("actual"))
    return {str(row.get(key)) for row in actual.get("samples", [])}


def judge(found: Findings, seeded: Seeded, which: str, spark: bool = False) -> dict[str, str]:
    """Per defect class: "ok" or what went wrong."""
    k = seeded.keys
    out: dict[str, str] = {}

    def expect(name: str, finding: dict[str, Any], count: int, keys: set[str],
               key: str, field: str = "unexpected_count") -> None:
        if not finding:
            out[name] = "not found"
            return
        seen = _dict(finding.get("actual")).get(field)
        samples = _sample_keys(finding, key)
        if seen != count:
            out[name] = f"count {seen}, want {count}"
        elif not samples or not samples <= keys:
            out[name] = f"samples {sorted(samples)[:4]} not among the seeded rows"
        else:
            out[name] = "ok"

    if which == "shop":
        expect("sum", _expectation(found, "shop_orders", "unexpected_rows_expectation", ""),
               len(k["sum"]), k["sum"], "order_no")
        ref = next((f for f in found if f["code"] == "quality.reference-broken"), {})
        expect("orphan", ref, len(k["orphan"]), k["orphan"], "line_id", "orphans")
        expect("waybill_duplicate", _expectation(
            found, "carrier_shipments", "expect_column_values_to_be_unique", "waybill_no"),
            2 * len(k["waybill_duplicate"]), k["waybill_duplicate"], "waybill_no")
        if spark:
            out["refund/reconcile"] = _same(
                _keys(found, "reconcile.missing-in-target", "refunds"), k["refund_missing"])
        else:
            expect("wide_null", _expectation(
                found, "crm_customers", "expect_column_values_to_not_be_null", "attr_077"),
                len(k["wide_null"]), k["wide_null"], "customer_id")
        return out
    dup = _expectation(found, "crm_orders", "expect_column_values_to_be_unique", "order_no")
    expect("duplicate/suite", dup, 2 * len(k["duplicate"]), k["duplicate"], "order_no")
    out["duplicate/reconcile"] = _same(_keys(found, "reconcile.duplicate-key", "orders"),
                                       k["duplicate"])
    expect("key_variant/suite", _expectation(
        found, "crm_orders", "expect_column_values_to_match_regex", "order_no"),
        len(k["key_variant"]), k["key_variant_target"], "order_no")
    out["key_variant/reconcile"] = _same(
        _keys(found, "reconcile.extra-in-target", "orders"), k["key_variant_target"])
    out["missing/reconcile"] = _same(_keys(found, "reconcile.missing-in-target", "orders"),
                                     k["page_drop"] | k["key_variant"])
    expect("currency/suite", _expectation(
        found, "crm_orders", "expect_column_values_to_be_in_set", "currency"),
        len(k["currency"]), k["currency"], "order_no")
    expect("phone/suite", _expectation(
        found, "crm_orders", "expect_column_values_to_match_regex", "buyer_phone"),
        len(k["phone"]), k["phone"], "order_no")
    for name, column in (("regression", "status"), ("shift", "created_at"),
                         ("truncated", "title"), ("currency", "total"),
                         ("phone", "buyer_phone")):
        differs = {str((f.get("location") or {}).get("key")) for f in found
                   if f["code"] == "reconcile.field-differs"
                   and str(f.get("case", "")).endswith(f"field {column}")}
        out[f"{name}/reconcile"] = _same(differs, k[name])
    shift = [f for f in found if f["code"] == "reconcile.field-differs"
             and (f.get("location") or {}).get("key") in k["shift"]]
    out["shift/named"] = ("ok" if shift and all("8 h" in (f.get("hint") or "") + f["message"]
                                                 for f in shift) else "no 8-hour hint")
    variants = [f for f in found if f["code"] == "reconcile.extra-in-target"
                and (f.get("location") or {}).get("key") in k["key_variant_target"]]
    out["key_variant/named"] = ("ok" if variants and all(
        "case" in (f.get("hint") or "") or "space" in (f.get("hint") or "") for f in variants)
        else "no hint on the near-identical key")
    out["refund/reconcile"] = _same(_keys(found, "reconcile.missing-in-target", "refunds"),
                                    k["refund_missing"])
    out["status-count/reconcile"] = ("ok" if any(f["code"] == "reconcile.status-count"
                                                 for f in found) else "not found")
    return out


def _same(seen: set[str], want: set[str]) -> str:
    if seen == want:
        return "ok"
    return f"got {len(seen)} want {len(want)}: extra {sorted(seen - want)[:3]} " \
           f"missing {sorted(want - seen)[:3]}"


def unexplained(found: Findings, seeded: Seeded) -> list[str]:
    """Failing findings no seeded defect explains (false alarms on the defective snapshot)."""
    every = set().union(*seeded.keys.values())
    out = []
    for f in failing(found):
        key = (f.get("location") or {}).get("key")
        if key is not None and str(key) in every:
            continue
        if f["code"] in ("quality.expectation-failed", "quality.reference-broken"):
            samples = _dict(f.get("actual")).get("samples") or []
            if samples and all(set(map(str, row.values())) & every for row in samples):
                continue
        if f["code"] in ("reconcile.status-count", "reconcile.money-total"):
            continue
        out.append(f"{f['code']}: {f['message'][:140]}")
    return out


def leaks(found: Findings, seeded: Seeded) -> list[str]:
    text = json.dumps(found, ensure_ascii=False)
    return sorted(value for value in seeded.pii if value in text)[:5]


def score_backend(label: str, seed: int, folder: Path,
                  make: Callable[[str, Path, dict[str, Any]], Path],
                  engine: str = "auto") -> dict[str, Any]:
    """One backend: generate on the clean snapshot, then check clean and defective data."""
    data, seeded = build(seed)
    broken = break_snapshot(data, seed, seeded)
    result: dict[str, Any] = {"cases": {}, "clean_alarms": [], "false_alarms": [], "leaks": [],
                              "verdicts": {}}
    for which in (("shop",) if label == "spark" else ("shop", "crm")):
        commands = ("quality", "reconcile") if which == "crm" or label == "spark" else (
            "quality",)
        clean_dir = make(which, folder / f"{label}-{which}-clean", data)
        if which == "crm":
            code, out = cli("suites", "generate", "--project", str(clean_dir))
            if code != 0:
                result["clean_alarms"].append(f"suites generate exit {code}: {out[-300:]}")
        alarms = []
        for command in commands:
            alarms += failing(findings(command, clean_dir, engine)[1])
        result["clean_alarms"] += [f"{which}: {f['code']}: {f['message'][:140]}"
                                   for f in alarms]
        broken_dir = make(which, folder / f"{label}-{which}-broken", broken)
        if which == "crm":
            shutil.copytree(clean_dir / "suites", broken_dir / "suites", dirs_exist_ok=True)
        found: Findings = []
        for command in commands:
            found += findings(command, broken_dir, engine)[1]
        cases = judge(found, seeded, which, spark=label == "spark")
        result["cases"].update({f"{which}:{name}": verdict for name, verdict in cases.items()})
        result["false_alarms"] += unexplained(found, seeded)
        result["leaks"] += leaks(found, seeded)
        result["verdicts"][which] = sorted(
            (f["code"], str(f.get("case", "")), str((f.get("location") or {}).get("key")),
             json.dumps(_dict(f.get("actual")).get("unexpected_count")))
            for f in failing(found))
    return result


def file_maker(data_root: Path) -> Callable[[str, Path, dict[str, Any]], Path]:
    def make(which: str, root: Path, data: dict[str, Any]) -> Path:
        write(root / "data", data)
        return write_project(root, root / "data", which, "file")
    del data_root
    return make


def spark_maker() -> Callable[[str, Path, dict[str, Any]], Path]:
    def make(which: str, root: Path, data: dict[str, Any]) -> Path:
        write(root / "data", data)
        return write_project(root, root / "data", which, "spark")
    return make


def postgres_maker(engine: Any, schemas: list[str], url_env: str
                   ) -> Callable[[str, Path, dict[str, Any]], Path]:
    def make(which: str, root: Path, data: dict[str, Any]) -> Path:
        schema = f"sg_fresh_{uuid.uuid4().hex[:10]}"
        schemas.append(schema)
        with engine.begin() as db:
            raw = db.connection.driver_connection
            with raw.cursor() as cursor:
                cursor.execute(f'CREATE SCHEMA "{schema}"')
            load_postgres(raw, schema, data)
        return write_project(root, root, which, "sql", schema=schema, url_env=url_env)
    return make


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.quality_fresh")
    parser.add_argument("--seeds", default="11,12")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-spark", action="store_true")
    args = parser.parse_args(argv)
    total = passed = 0
    for seed in (int(s) for s in args.seeds.split(",")):
        with tempfile.TemporaryDirectory(prefix="sg-fresh-") as tmp:
            folder = Path(tmp)
            runs = {"duckdb": score_backend("duckdb", seed, folder, file_maker(folder))}
            if not args.no_postgres:
                runs["postgres"] = _on_postgres(seed, folder)
            runs["gx"] = score_backend("gx", seed, folder, file_maker(folder), engine="gx")
            if not args.no_spark:
                runs["spark"] = score_backend("spark", seed, folder, spark_maker())
            for label, run in runs.items():
                for name, verdict in sorted(run["cases"].items()):
                    total += 1
                    passed += verdict == "ok"
                    if verdict != "ok":
                        print(f"  FAIL seed {seed} {label} {name}: {verdict}")
                for kind in ("clean_alarms", "false_alarms", "leaks"):
                    total += 1
                    passed += not run[kind]
                    for line in run[kind][:6]:
                        print(f"  FAIL seed {seed} {label} {kind}: {line}")
            base = sorted(v for vs in runs["duckdb"]["verdicts"].values() for v in vs)
            for label, run in runs.items():
                if label == "duckdb":
                    continue
                verdict = sorted(v for vs in run["verdicts"].values() for v in vs)
                total += 1
                wanted = [v for v in base if label != "spark"
                          or v[1].split(" · ")[0] in {*SPARK_SUITES, "refunds"}]
                same = verdict == wanted
                passed += same
                if not same:
                    print(f"  FAIL seed {seed} {label}: verdicts differ from DuckDB: "
                          f"{sorted(set(verdict) ^ set(wanted))[:4]}")
    print(f"quality_fresh: {passed}/{total} checks pass")
    return 0 if passed == total else 1


def _on_postgres(seed: int, folder: Path) -> dict[str, Any]:
    import sqlalchemy as sa

    from tests.support.postgres import URL

    engine = sa.create_engine(URL)
    schemas: list[str] = []
    url_env = f"SG_FRESH_{uuid.uuid4().hex[:6].upper()}"
    os.environ[url_env] = URL
    try:
        return score_backend("postgres", seed, folder, postgres_maker(engine, schemas, url_env))
    finally:
        del os.environ[url_env]
        with engine.begin() as db:
            for schema in schemas:
                db.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()


if __name__ == "__main__":
    raise SystemExit(main())
