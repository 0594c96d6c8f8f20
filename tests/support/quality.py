"""Defect injection into the example datasets, and loading them into PostgreSQL."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

DATASETS = "fixtures/datasets"

# Expected counts after inject_defects(), per defect class.
EXPECTED = {
    "nulls": 4,             # deals.dealname
    "unknown_status": 2,    # deals.dealstage = "weird"
    "orphans": 3,           # deals.contact_email with no contact
    "changed_amounts": 4,   # deals.amount + 1
    "duplicate_keys": 3,    # deals rows copied (6 rows share 3 keys)
    "duplicate_rows": 6,
    "missing_keys": 2,      # deals removed
    "extra_keys": 1,        # a deal with no order
    "bad_phones": 5,        # contacts.mobilephone
}


def _read_parquet(path: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
    return rows


def inject_defects(project: Path) -> None:
    """Every defect class of EXPECTED, on distinct rows of the example's synced datasets."""
    deals_path = project / DATASETS / "hubspot_deals.parquet"
    deals = _read_parquet(deals_path)
    schema = pq.read_schema(deals_path)
    for row in deals[10:14]:
        row["dealname"] = None
    for row in deals[20:22]:
        row["dealstage"] = "weird"
    for i, row in enumerate(deals[30:33]):
        row["contact_email"] = f"ghost{i}@example.com"
    for row in deals[40:44]:
        row["amount"] = row["amount"] + 1
    copies = [dict(row) for row in deals[50:53]]
    extra = dict(deals[70], shopify_order_id="999", dealname="Shopify #999")
    del deals[60:62]
    deals.extend([*copies, extra])
    pq.write_table(pa.Table.from_pylist(deals, schema=schema), deals_path)

    contacts_path = project / DATASETS / "hubspot_contacts.csv"
    lines = contacts_path.read_text(encoding="utf-8").splitlines()
    for number in range(6, 11):  # data rows 5..9 (line 0 is the header)
        lines[number] = re.sub(r",\+86[0-9]+,", ",12345,", lines[number])
    contacts_path.write_text("\n".join(lines) + "\n", encoding="utf-8")


_PG_TYPES = {"VARCHAR": "text", "BIGINT": "bigint", "INTEGER": "bigint",
             "DOUBLE": "double precision", "FLOAT": "double precision", "BOOLEAN": "boolean",
             "DATE": "date",
             '"NULL"': "text"}

FILES = {
    "shopify_orders": "shopify_orders.jsonl",
    "shopify_customers": "shopify_customers.jsonl",
    "hubspot_deals": "hubspot_deals.parquet",
    "hubspot_contacts": "hubspot_contacts.csv",
    "sfexpress_shipments": "sfexpress_shipments.jsonl",
}


def load_into_postgres(engine: Any, schema: str, project: Path,
                       names: Iterable[str] = FILES) -> None:
    """Copy each dataset file into ``schema`` (text stays text, structs become jsonb)."""
    from seamguard.project import find_project
    from seamguard.quality.datasets import Datasets

    loaded = find_project(project, explicit=True)
    with Datasets(loaded) as datasets, engine.begin() as db:
        raw = db.connection.driver_connection
        for name in names:
            dataset = datasets.open(name)
            con: duckdb.DuckDBPyConnection = dataset.connection.duckdb()
            described = con.execute(f"DESCRIBE {dataset.relation}").fetchall()
            columns = []
            for column, kind, *_ in described:
                pg = _PG_TYPES.get(kind, "jsonb" if kind.startswith(("STRUCT", "MAP")) or
                                   kind.endswith("[]") else kind.replace("DECIMAL", "numeric")
                                   if kind.startswith("DECIMAL") else "text")
                columns.append((column, pg))
            ddl = ", ".join(f'"{c}" {t}' for c, t in columns)
            with raw.cursor() as cursor:
                cursor.execute(f'CREATE TABLE "{schema}"."{name}" ({ddl})')
                rows = con.execute(f"SELECT * FROM {dataset.relation}").fetchall()
                names_sql = ", ".join(f'"{c}"' for c, _ in columns)
                with cursor.copy(f'COPY "{schema}"."{name}" ({names_sql}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row([_pg_value(v, t) for v, (_, t) in
                                        zip(row, columns, strict=True)])


def _pg_value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "jsonb":
        return json.dumps(value, ensure_ascii=False)
    if kind == "text" and not isinstance(value, str):
        return str(value)
    return value


def postgres_settings(schema: str, url_env: str) -> str:
    """``[tool.seamguard.datasets.*]`` pointing at the tables load_into_postgres made."""
    blocks = []
    for name in FILES:
        blocks.append(f'[tool.seamguard.datasets.{name}]\nkind = "sql"\nurl_env = "{url_env}"\n'
                      f'table = "{name}"\nschema = "{schema}"\nconnect_timeout = 5\n')
    return "\n".join(blocks)


def use_settings(project: Path, datasets_block: str) -> None:
    """Replace the example's dataset settings (keys, mappings, pii kept) with ``datasets_block``.

    Each new block is merged with the original block's non-location keys.
    """
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    sections = re.split(r"(?m)^(?=\[)", text)
    kept: dict[str, list[str]] = {}
    out = []
    for section in sections:
        match = re.match(r"\[tool\.seamguard\.datasets\.([\w-]+)\]", section)
        if match:
            kept[match.group(1)] = [line for line in section.splitlines()[1:]
                                    if line.split("=")[0].strip() in
                                    ("key", "mapping", "contract", "pii")]
            continue
        out.append(section)
    merged = []
    for block in re.split(r"(?m)^(?=\[)", datasets_block):
        match = re.match(r"\[tool\.seamguard\.datasets\.([\w-]+)\]", block)
        if match:
            block = block.rstrip("\n") + "\n" + "\n".join(kept.get(match.group(1), [])) + "\n\n"
        merged.append(block)
    body = "".join(out)
    marker = "[tool.ruff]"
    pyproject.write_text(body.replace(marker, "".join(merged) + marker, 1), encoding="utf-8")


def defect_counts(project_dir: Path, engine: str = "auto") -> dict[str, int]:
    """What the suites and the orders reconciliation find, per defect class of EXPECTED."""
    from seamguard.project import find_project
    from seamguard.quality.check import SuiteResult, run_suite
    from seamguard.quality.datasets import Datasets
    from seamguard.quality.reconcile import reconcile
    from seamguard.quality.suites import load_suite

    project = find_project(project_dir, explicit=True)

    def unexpected(result: SuiteResult, kind: str, column: str) -> int:
        found = [o for o in result.outcomes
                 if o.expectation.type == kind and o.expectation.column == column]
        assert found, f"no {kind} on {column}"
        assert all(o.error is None for o in found), [o.error for o in found]
        return max(o.unexpected_count for o in found)

    with Datasets(project) as datasets:
        def suite(name: str) -> SuiteResult:
            path = project.root / "suites" / f"{name}.json"
            return run_suite(datasets, load_suite(path, display=path.name),
                             engine=engine, sample_rows=5)  # type: ignore[arg-type]

        deals, contacts = suite("hubspot_deals"), suite("hubspot_contacts")
        orders = reconcile(project, datasets, "orders-to-deals",
                           project.settings.reconcile["orders-to-deals"])
        customers = reconcile(project, datasets, "customers-to-contacts",
                              project.settings.reconcile["customers-to-contacts"])
    differs = [d[1] for d in orders.differences]
    return {
        "nulls": unexpected(deals, "expect_column_values_to_not_be_null", "dealname"),
        "unknown_status": unexpected(deals, "expect_column_values_to_be_in_set", "dealstage"),
        "orphans": deals.references[0].orphans,
        "changed_amounts": differs.count("amount"),
        "duplicate_keys": len(orders.duplicates),
        "duplicate_rows": unexpected(deals, "expect_column_values_to_be_unique",
                                     "shopify_order_id"),
        "missing_keys": len(orders.missing_in_target),
        "extra_keys": len(orders.extra_in_target),
        "bad_phones": unexpected(contacts, "expect_column_values_to_match_regex", "mobilephone"),
        "recon_null_names": differs.count("dealname"),
        "recon_unknown_status": differs.count("dealstage"),
        "recon_bad_phones": [d[1] for d in customers.differences].count("mobilephone"),
    }
