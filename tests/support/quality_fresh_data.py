"""Synced datasets of a Chinese web shop, its CRM and its carrier, with seeded defects.

Two snapshots from one seed: a clean one (every copy agrees with its source) and a later,
defective one. The CRM exports GBK CSVs with money as text (``￥1,234.50``, ``1,234.50``, full-width
digits), China-time timestamps without an offset and mixed spellings of a missing value; the
shop and the carrier write Parquet (the carrier's with nested columns), and the CRM keeps a wide
customer table. Defect rows are drawn without overlap, so every expected count and key follows
from the construction alone.
"""

from __future__ import annotations

import csv
import datetime
import io
import random
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

SHOP_STATUSES = ["paid", "shipped", "delivered", "refunded", "cancelled"]
CRM_STATUS = {"paid": "已付款", "shipped": "已发货", "delivered": "已签收", "refunded": "已退款",
              "cancelled": "已取消"}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英"
PRODUCTS = ["【旗舰店】玻尿酸补水保湿精华液 30ml*2 瓶装", "纯棉男士短袖T恤 夏季新款 宽松圆领",
            "进口智利车厘子 JJ级 2.5kg 礼盒装 顺丰包邮", "儿童保温杯 316不锈钢 带吸管 500ml",
            "无线蓝牙降噪耳机 超长续航 运动款", "家用全自动咖啡机 意式 小型 研磨一体"]
NULL_SPELLINGS = ["", "NULL", "null", "\\N", "None"]
# Full-width digits, stop and comma (U+FF10..FF19, U+FF0E, U+FF0C), as typed in a Chinese IME.
FULL_WIDTH = str.maketrans("0123456789.,",
                           "".join(map(chr, [*range(0xFF10, 0xFF1A), 0xFF0E, 0xFF0C])))
WIDE_COLUMNS = 117
CHINA = datetime.timezone(datetime.timedelta(hours=8))


@dataclass
class Seeded:
    """Where each defect sits in the defective snapshot (keys), per defect class."""

    keys: dict[str, set[str]] = field(default_factory=dict)
    pii: set[str] = field(default_factory=set)  # clear personal values that must never show
    orders: int = 0
    lines: int = 0


def _money(value: Decimal, rng: random.Random) -> str:
    """Money as a CRM export writes it: thousands separators, sometimes ¥ or full width."""
    text = f"{value:,.2f}"
    style = rng.random()
    if style < 0.3:
        return "￥" + text
    if style < 0.4:
        return text.translate(FULL_WIDTH)
    return text


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def build(seed: int, orders: int = 1200) -> tuple[dict[str, list[dict[str, Any]]], Seeded]:
    """The clean snapshot's rows per dataset."""
    rng = random.Random(seed)
    seeded = Seeded(orders=orders)
    start = datetime.datetime(2024, 11, 1, 9, 0, 0)
    shop_orders, lines, refunds, shipments = [], [], [], []
    crm_customers: dict[int, dict[str, Any]] = {}
    for i in range(orders):
        order_no = f"SO{seed % 97:02d}{i + 1:06d}"
        customer = rng.randint(1, orders // 4)
        status = rng.choice(SHOP_STATUSES)
        created = start + datetime.timedelta(seconds=37 * i + rng.randint(0, 30))
        n_lines = rng.randint(1, 12)
        subtotal = Decimal(0)
        for n in range(n_lines):
            qty = rng.randint(1, 5)
            price = Decimal(rng.randint(990, 299_900)) / 100
            lines.append({"line_id": f"{order_no}-{n + 1:02d}", "order_no": order_no,
                          "sku": f"SKU-{rng.randint(1, 400):05d}", "qty": qty,
                          "unit_price": price, "amount": price * qty})
            subtotal += price * qty
        discount = Decimal(rng.choice([0, 0, 500, 1000, 2000])) / 100
        shipping = Decimal(rng.choice([0, 600, 1200])) / 100
        buyer, phone = _name(rng), f"1{rng.choice('3589')}{rng.randint(0, 999_999_999):09d}"
        seeded.pii |= {buyer, phone}
        shop_orders.append({
            "order_no": order_no, "customer_id": customer, "status": status,
            "subtotal": subtotal, "discount": discount, "shipping": shipping,
            "total": subtotal - discount + shipping, "currency": "CNY",
            "created_at": created.strftime("%Y-%m-%d %H:%M:%S"), "buyer_name": buyer,
            "buyer_phone": phone, "title": rng.choice(PRODUCTS),
            "note": rng.choice([None, None, None, "请周末送货", "不要发顺丰", "礼品包装"])})
        if status == "refunded" or rng.random() < 0.05:
            refunds.append({"refund_no": f"RF{order_no[2:]}", "order_no": order_no,
                            "amount": subtotal - discount,
                            "created_at": (created + datetime.timedelta(days=2)).strftime(
                                "%Y-%m-%d %H:%M:%S")})
        if status in ("shipped", "delivered", "refunded"):
            city = rng.choice(["上海市", "杭州市", "深圳市", "成都市", "北京市"])
            shipments.append({
                "waybill_no": f"SF{rng.randint(10**11, 10**12 - 1)}", "order_no": order_no,
                "status": "signed" if status == "delivered" else "in_transit",
                "shipped_at": created.replace(tzinfo=CHINA) + datetime.timedelta(hours=20),
                "receiver": {"name": buyer, "phone": phone,
                             "address": {"city": city, "district": "某区"}},
                "items": [{"sku": line["sku"], "qty": line["qty"]}
                          for line in lines[-n_lines:]],
                "fee": Decimal(rng.randint(800, 3000)) / 100})
        crm_customers.setdefault(customer, {"customer_id": customer, "name": buyer,
                                            "phone": phone})
    crm_orders = []
    for row in shop_orders:
        crm_orders.append({
            "order_no": row["order_no"], "customer_id": row["customer_id"],
            "status": CRM_STATUS[row["status"]], "total": _money(row["total"], rng),
            "currency": "CNY", "created_at": row["created_at"], "buyer_name": row["buyer_name"],
            "buyer_phone": row["buyer_phone"], "title": row["title"],
            "note": row["note"] if row["note"] is not None else rng.choice(NULL_SPELLINGS)})
    crm_refunds = [{"refund_no": r["refund_no"], "order_no": r["order_no"],
                    "amount": _money(r["amount"], rng), "created_at": r["created_at"]}
                   for r in refunds]
    wide = []
    for customer, row in sorted(crm_customers.items()):
        record = dict(row, tier=rng.choice(["普通", "银卡", "金卡", "钻石"]))
        for n in range(WIDE_COLUMNS):
            record[f"attr_{n:03d}"] = (rng.randint(0, 9) if n % 3 else
                                       rng.choice(["是", "否", "未知"]))
        wide.append(record)
        del customer
    seeded.lines = len(lines)
    return {"shop_orders": shop_orders, "shop_lines": lines, "shop_refunds": refunds,
            "crm_orders": crm_orders, "crm_refunds": crm_refunds,
            "carrier_shipments": shipments, "crm_customers": wide}, seeded


def break_snapshot(data: dict[str, list[dict[str, Any]]], seed: int,
                   seeded: Seeded) -> dict[str, list[dict[str, Any]]]:
    """A later snapshot with every defect class on its own rows; ``seeded.keys`` says where."""
    rng = random.Random(seed * 31 + 7)
    out = {name: [dict(row) for row in rows] for name, rows in data.items()}
    crm = out["crm_orders"]
    shop = {row["order_no"]: row for row in out["shop_orders"]}
    counts = {name: rng.randint(3, 9) for name in (
        "duplicate", "regression", "shift", "truncated", "key_variant", "currency", "phone")}
    picked = rng.sample(range(len(crm)), sum(counts.values()))
    at: dict[str, list[int]] = {}
    for name, count in counts.items():
        at[name], picked = picked[:count], picked[count:]
    keys = seeded.keys
    for i in at["regression"]:  # a later status overwritten by an earlier one
        crm[i]["status"] = "已付款"
        shop[crm[i]["order_no"]]["status"] = "delivered"
    for i in at["shift"]:  # stored as UTC wall time: 8 hours early
        moment = datetime.datetime.strptime(crm[i]["created_at"], "%Y-%m-%d %H:%M:%S")
        crm[i]["created_at"] = (moment - datetime.timedelta(hours=8)).strftime(
            "%Y-%m-%d %H:%M:%S")
    for i in at["truncated"]:
        crm[i]["title"] = crm[i]["title"][:10]
    for i in at["currency"]:  # converted to dollars in the same column
        amount = shop[crm[i]["order_no"]]["total"]
        crm[i]["currency"], crm[i]["total"] = "USD", f"${amount / Decimal('7.2'):,.2f}"
    for i in at["phone"]:  # re-typed by hand in the CRM: country code and spaces
        phone = crm[i]["buyer_phone"]
        crm[i]["buyer_phone"] = f"+86 {phone[:3]} {phone[3:7]} {phone[7:]}"
        seeded.pii |= {crm[i]["buyer_phone"], phone[3:]}
    keys["phone"] = {crm[i]["order_no"] for i in at["phone"]}
    variants = {}
    for n, i in enumerate(at["key_variant"]):
        original = crm[i]["order_no"]
        crm[i]["order_no"] = original.lower() if n % 2 else original + " "
        variants[original] = crm[i]["order_no"]
    keys["regression"] = {crm[i]["order_no"] for i in at["regression"]}
    keys["shift"] = {crm[i]["order_no"] for i in at["shift"]}
    keys["truncated"] = {crm[i]["order_no"] for i in at["truncated"]}
    keys["currency"] = {crm[i]["order_no"] for i in at["currency"]}
    keys["key_variant"] = set(variants)
    keys["key_variant_target"] = set(variants.values())
    keys["duplicate"] = {crm[i]["order_no"] for i in at["duplicate"]}
    crm.extend(dict(crm[i]) for i in at["duplicate"])  # a retried page written twice
    # Rows dropped at a page boundary: pages of 100 by time, the last row of two pages.
    by_time = sorted(range(len(crm)), key=lambda i: (crm[i]["created_at"], i))
    used = {i for group in at.values() for i in group}
    dropped = [i for page in (2, 5) for i in by_time[page * 100 - 3: page * 100]
               if i not in used][:2]
    keys["page_drop"] = {crm[i]["order_no"] for i in dropped}
    out["crm_orders"] = [row for i, row in enumerate(crm) if i not in set(dropped)]
    # Totals that do not add up on the shop side (the CRM copied them as they were).
    sums = rng.sample([r for r in out["shop_orders"] if r["order_no"] not in
                       set().union(*keys.values())], rng.randint(3, 8))
    for row in sums:
        row["total"] += Decimal("10.00")
    keys["sum"] = {row["order_no"] for row in sums}
    crm_by_key = {row["order_no"]: row for row in out["crm_orders"]}
    for row in sums:
        crm_by_key[row["order_no"]]["total"] = f"{row['total']:,.2f}"
    # Lines whose order never arrived.
    orphans = rng.sample(out["shop_lines"], rng.randint(3, 8))
    for n, line in enumerate(orphans):
        line["order_no"] = f"SO99{900000 + n}"
    keys["orphan"] = {line["line_id"] for line in orphans}
    # Refunds missing on the CRM side.
    missing = rng.sample(out["crm_refunds"], min(len(out["crm_refunds"]), rng.randint(2, 6)))
    keys["refund_missing"] = {r["refund_no"] for r in missing}
    out["crm_refunds"] = [r for r in out["crm_refunds"] if r["refund_no"] not in
                          keys["refund_missing"]]
    # A carrier callback retried: the same waybill twice.
    twice = rng.sample(out["carrier_shipments"], rng.randint(2, 5))
    out["carrier_shipments"].extend(dict(s) for s in twice)
    keys["waybill_duplicate"] = {s["waybill_no"] for s in twice}
    # A wide table column left empty by a partial update.
    gaps = rng.sample(out["crm_customers"], rng.randint(3, 7))
    for row in gaps:
        row["attr_077"] = None
    keys["wide_null"] = {str(row["customer_id"]) for row in gaps}
    return out


MONEY = pa.decimal128(14, 2)
SCHEMAS = {
    "shop_orders": pa.schema([
        ("order_no", pa.string()), ("customer_id", pa.int64()), ("status", pa.string()),
        ("subtotal", MONEY), ("discount", MONEY), ("shipping", MONEY), ("total", MONEY),
        ("currency", pa.string()), ("created_at", pa.string()), ("buyer_name", pa.string()),
        ("buyer_phone", pa.string()), ("title", pa.string()), ("note", pa.string())]),
    "shop_lines": pa.schema([
        ("line_id", pa.string()), ("order_no", pa.string()), ("sku", pa.string()),
        ("qty", pa.int64()), ("unit_price", MONEY), ("amount", MONEY)]),
    "shop_refunds": pa.schema([
        ("refund_no", pa.string()), ("order_no", pa.string()), ("amount", MONEY),
        ("created_at", pa.string())]),
    "carrier_shipments": pa.schema([
        ("waybill_no", pa.string()), ("order_no", pa.string()), ("status", pa.string()),
        ("shipped_at", pa.timestamp("us", tz="UTC")),
        ("receiver", pa.struct([("name", pa.string()), ("phone", pa.string()),
                                ("address", pa.struct([("city", pa.string()),
                                                       ("district", pa.string())]))])),
        ("items", pa.list_(pa.struct([("sku", pa.string()), ("qty", pa.int64())]))),
        ("fee", MONEY)]),
}
CSV_FILES = ("crm_orders", "crm_refunds")


def write(folder: Path, data: dict[str, list[dict[str, Any]]]) -> None:
    """Parquet for the shop, the carrier and the wide table; GBK CSV for the CRM exports."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in data.items():
        if name in CSV_FILES:
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
            writer.writeheader()
            writer.writerows(rows)
            (folder / f"{name}.csv").write_bytes(buffer.getvalue().encode("gbk"))
            continue
        schema = SCHEMAS.get(name)
        table = (pa.Table.from_pylist(rows, schema=schema) if schema is not None
                 else pa.Table.from_pylist(rows))
        pq.write_table(table, folder / f"{name}.parquet")
