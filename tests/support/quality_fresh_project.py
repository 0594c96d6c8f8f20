"""The projects the fresh quality scorer runs: contracts, a mapping, hand-written GX suites and
settings for files, PostgreSQL or Spark, around the datasets of ``quality_fresh_data``."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from tests.support.quality_fresh_data import CRM_STATUS, CSV_FILES, SCHEMAS

SHOP_CONTRACT = """openapi: 3.0.3
info: {title: Web shop, version: v1}
paths: {}
components:
  schemas:
    Order:
      type: object
      required: [order_no, status, total]
      properties:
        order_no: {type: string}
        customer_id: {type: integer}
        status: {type: string, enum: [paid, shipped, delivered, refunded, cancelled]}
        total: {type: string, description: money as a decimal string}
        currency: {type: string}
        created_at: {type: string, description: China time, no offset}
        buyer_name: {type: string}
        buyer_phone: {type: string}
        title: {type: string}
        note: {type: string, nullable: true}
"""

CRM_CONTRACT = """openapi: 3.0.3
info: {{title: CRM, version: v1}}
paths: {{}}
components:
  schemas:
    OrderRecord:
      type: object
      required: [order_no, status, total, currency]
      properties:
        order_no: {{type: string, pattern: "^SO[0-9]{{8}}$"}}
        customer_id: {{type: integer}}
        status: {{type: string, enum: [{}]}}
        total: {{type: string}}
        currency: {{type: string, enum: [CNY]}}
        created_at:
          type: string
          pattern: "^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}} [0-9]{{2}}:[0-9]{{2}}:[0-9]{{2}}$"
        buyer_name: {{type: string, maxLength: 20}}
        buyer_phone: {{type: string}}
        title: {{type: string, maxLength: 60}}
        note: {{type: string, nullable: true}}
""".format(", ".join(CRM_STATUS.values()))

MAPPING = """description: Every shop order becomes one CRM order record.
source: {{contract: shop@v1, schema: "#/components/schemas/Order"}}
target: {{contract: crm@v1, schema: "#/components/schemas/OrderRecord"}}
identity: {{source: order_no, target: order_no}}
fields:
  - {{target: order_no, source: order_no, required: true}}
  - {{target: customer_id, source: customer_id}}
  - {{target: status, source: status, enum: status, required: true}}
  - {{target: total, source: total, transforms: [{{decimal: {{places: 2}}}}], required: true}}
  - {{target: currency, constant: CNY}}
  - {{target: created_at, source: created_at}}
  - {{target: buyer_name, source: buyer_name, pii: true}}
  - {{target: buyer_phone, source: buyer_phone, pii: true}}
  - {{target: title, source: title, transforms: [{{truncate: {{max_length: 60}}}}]}}
  - {{target: note, source: note}}
enums:
  status: {{{}}}
pii:
  allowed_destinations: [buyer_name, buyer_phone]
""".format(", ".join(f"{k}: {v}" for k, v in CRM_STATUS.items()))


def _exp(kind: str, **kwargs: Any) -> dict[str, Any]:
    return {"type": kind, "kwargs": kwargs, "meta": {}}


def hand_suites() -> dict[str, dict[str, Any]]:
    """Suites as a GX 1.x user writes them (``suite.to_json_dict()`` shape)."""
    ident = "expect_column_values_to_be_unique"
    return {
        "shop_orders": {"name": "shop_orders", "meta": {"seamguard": {"dataset": "shop_orders"}},
                        "expectations": [
            _exp(ident, column="order_no"),
            _exp("expect_column_values_to_not_be_null", column="total"),
            _exp("expect_column_values_to_be_in_set", column="currency", value_set=["CNY"]),
            _exp("unexpected_rows_expectation",
                 unexpected_rows_query="SELECT * FROM {batch} "
                                       "WHERE total <> subtotal - discount + shipping",
                 description="order total = lines - discount + shipping")]},
        "shop_lines": {"name": "shop_lines", "meta": {"seamguard": {
            "dataset": "shop_lines",
            "references": [{"column": "order_no", "dataset": "shop_orders",
                            "to": "order_no"}]}},
            "expectations": [
            _exp(ident, column="line_id"),
            _exp("expect_column_values_to_be_between", column="qty", min_value=1,
                 max_value=99),
            _exp("expect_column_values_to_match_regex", column="sku",
                 regex="^SKU-[0-9]{5}$")]},
        "carrier_shipments": {"name": "carrier_shipments",
                              "meta": {"seamguard": {"dataset": "carrier_shipments"}},
                              "expectations": [
            _exp(ident, column="waybill_no"),
            _exp("expect_column_values_to_not_be_null", column="receiver"),
            _exp("expect_column_values_to_be_in_set", column="status",
                 value_set=["in_transit", "signed"]),
            _exp("expect_column_values_to_match_regex", column="waybill_no",
                 regex="^SF[0-9]{12}$")]},
        "crm_customers": {"name": "crm_customers",
                          "meta": {"seamguard": {"dataset": "crm_customers"}},
                          "expectations": [
            _exp(ident, column="customer_id"),
            _exp("expect_column_values_to_be_in_set", column="tier",
                 value_set=["普通", "银卡", "金卡", "钻石"]),
            *[_exp("expect_column_values_to_not_be_null", column=f"attr_{n:03d}")
              for n in range(0, 117, 7)],
            _exp("expect_table_column_count_to_equal", value=121)]},
        "crm_orders_hand": {"name": "crm_orders_hand",
                            "meta": {"seamguard": {"dataset": "crm_orders"}},
                            "expectations": [
            _exp("expect_column_values_to_match_regex", column="buyer_phone",
                 regex="^1[3-9][0-9]{9}$"),
            _exp("expect_column_value_lengths_to_be_between", column="buyer_name",
                 min_value=2, max_value=4)]},
        "crm_refunds": {"name": "crm_refunds",
                        "meta": {"seamguard": {"dataset": "crm_refunds"}},
                        "expectations": [
            _exp(ident, column="refund_no"),
            _exp("expect_column_values_to_not_be_null", column="amount")]},
    }


KEYS = {"shop_orders": "order_no", "shop_lines": "line_id", "shop_refunds": "refund_no",
        "crm_orders": "order_no", "crm_refunds": "refund_no", "carrier_shipments": "waybill_no",
        "crm_customers": "customer_id"}
# The projects: which datasets, suites and reconciliations each one holds.
PROJECTS = {
    "shop": (["shop_orders", "shop_lines", "carrier_shipments", "crm_customers"],
             ["shop_orders", "shop_lines", "carrier_shipments", "crm_customers"], False),
    "crm": (["shop_orders", "shop_refunds", "crm_orders", "crm_refunds"],
            ["crm_refunds", "crm_orders_hand"], True),
}
SPARK_SUITES = ["shop_orders", "shop_lines", "carrier_shipments"]


def write_project(root: Path, data_dir: Path, which: str, kind: str, *,
                  schema: str = "", url_env: str = "") -> Path:
    """A project folder; datasets read from ``data_dir`` (files) or ``schema`` (PostgreSQL)."""
    names, suites, with_crm = PROJECTS[which]
    if kind == "spark":  # the Parquet suites, and the refunds from a GBK CSV
        names, suites, with_crm = [*SPARK_SUITES, "shop_refunds", "crm_refunds"], SPARK_SUITES, \
            False
    (root / "suites").mkdir(parents=True)
    for name in suites:
        (root / "suites" / f"{name}.json").write_text(
            json.dumps(hand_suites()[name], ensure_ascii=False, indent=1), encoding="utf-8")
    blocks = ["[tool.seamguard]\n"]
    if kind == "spark":
        blocks.append('[tool.seamguard.spark]\nmaster = "local[1]"\nshuffle_partitions = 2\n')
    if with_crm:
        for platform, text in (("shop", SHOP_CONTRACT), ("crm", CRM_CONTRACT)):
            (root / "contracts" / platform / "v1").mkdir(parents=True)
            (root / "contracts" / platform / "v1" / "openapi.yaml").write_text(
                text, encoding="utf-8")
            blocks.append(f'[tool.seamguard.platforms.{platform}]\nversions = ["v1"]\n'
                          f'base_url = "https://{platform}.example.test"\n')
        (root / "contracts" / "mappings").mkdir()
        (root / "contracts" / "mappings" / "shop-order-to-crm-order.yaml").write_text(
            MAPPING, encoding="utf-8")
    for name in names:
        if kind == "sql":
            where = (f'kind = "sql"\nurl_env = "{url_env}"\ntable = "{name}"\n'
                     f'schema = "{schema}"\nconnect_timeout = 5')
        elif name in CSV_FILES:
            where = (f'kind = "{kind}"\npath = "{data_dir / name}.csv"\nencoding = "gbk"\n'
                     'null_values = ["\\\\N"]\n'
                     'dtypes = { order_no = "string", total = "string", note = "string" }'
                     if name == "crm_orders" else
                     f'kind = "{kind}"\npath = "{data_dir / name}.csv"\nencoding = "gbk"\n'
                     'dtypes = { amount = "string" }')
        else:
            where = f'kind = "{kind}"\npath = "{data_dir / name}.parquet"'
        extra = '\nmapping = "shop-order-to-crm-order"' if name == "crm_orders" else ""
        blocks.append(f'[tool.seamguard.datasets.{name}]\n{where}\nkey = ["{KEYS[name]}"]'
                      f"{extra}\n")
    if with_crm:
        blocks.append('[tool.seamguard.reconcile.orders]\nmapping = "shop-order-to-crm-order"\n'
                      'source = "shop_orders"\ntarget = "crm_orders"\nstatus = "status"\n'
                      'money = ["total"]\n'
                      'fields = ["status", "total", "currency", "created_at", "title", "note", '
                      '"buyer_phone"]\n')
    if with_crm or kind == "spark":
        blocks.append('[tool.seamguard.reconcile.refunds]\nsource = "shop_refunds"\n'
                      'target = "crm_refunds"\nkey = "refund_no"\n'
                      'fields = ["order_no", "amount"]\nmoney = ["amount"]\n')
    (root / "pyproject.toml").write_text("\n".join(blocks), encoding="utf-8")
    return root


_PG = {"string": "text", "int64": "bigint"}


def load_postgres(raw: Any, schema: str, data: dict[str, list[dict[str, Any]]]) -> None:
    """Each dataset as a table: Parquet types kept (decimals numeric, nested jsonb), the CRM's
    CSV text as text (its ids bigint)."""
    for name, rows in data.items():
        columns: list[tuple[str, str]] = []
        if name in SCHEMAS:
            for f in SCHEMAS[name]:
                kind = str(f.type)
                columns.append((f.name, "numeric(14,2)" if kind.startswith("decimal") else
                                "timestamptz" if kind.startswith("timestamp") else
                                "jsonb" if kind.startswith(("struct", "list")) else
                                _PG.get(kind, "text")))
        else:
            columns = [(c, "bigint" if isinstance(v, int) else "text")
                       for c, v in rows[0].items()]
        ddl = ", ".join(f'"{c}" {t}' for c, t in columns)
        with raw.cursor() as cursor:
            cursor.execute(f'CREATE TABLE "{schema}"."{name}" ({ddl})')
            names = ", ".join(f'"{c}"' for c, _ in columns)
            with cursor.copy(f'COPY "{schema}"."{name}" ({names}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row([_pg_value(row[c], t, name in CSV_FILES)
                                    for c, t in columns])


def _pg_value(value: Any, kind: str, from_csv: bool) -> Any:
    if value is None:
        return None
    if from_csv and kind == "text" and value in ("", "NULL", "null", "None", "\\N"):
        return None  # what a CSV loader with those null markers stores
    if kind == "jsonb":
        return json.dumps(value, ensure_ascii=False, default=lambda v: str(v)
                          if isinstance(v, Decimal) else v)
    return value
