"""Generate the example synced datasets in ``fixtures/datasets/`` (seeded, so reproducible).

The people in them are seamguard pseudonyms (names, phones, e-mails, addresses made with the
example project's public key), so ``seamguard privacy scan`` finds nothing personal here, while
every value still has the shape a real one has (valid phones, e-mails, street addresses).

``python -m tests.support.make_datasets`` rewrites the committed files. The synced (target) rows
are produced by the project's own mapping specs applied to the generated source records, so the
example reconciles cleanly; tests inject defects into copies.

- ``shopify_orders.jsonl``      source extract: Shopify orders (API field names)
- ``shopify_customers.jsonl``   source extract: Shopify customers with a default address
- ``hubspot_deals.parquet``     synced: one HubSpot deal per order (+ the contact's e-mail)
- ``hubspot_contacts.csv``      synced: one HubSpot contact per customer
- ``sfexpress_shipments.jsonl`` synced: one SF Express shipment per won deal, PII masked
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from seamguard.privacy import Pseudonymizer
from tests.support.record_examples import PSEUDONYM_KEY

REPO = Path(__file__).resolve().parents[2]
PSEUDONYMS = Pseudonymizer(PSEUDONYM_KEY)
OUT = REPO / "fixtures" / "datasets"

FAMILY = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘")
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
         "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "晓明", "婷婷",
         "子涵", "浩然", "欣怡", "梓萱", "宇轩", "一诺"]
PINYIN = ["wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu",
          "sun", "ma", "zhu", "hu", "guo", "he", "gao", "lin", "luo"]
PLACES = [  # province, city, district, street
    ("上海市", "上海市", "浦东新区", "张江路"), ("上海市", "上海市", "徐汇区", "漕溪北路"),
    ("北京市", "北京市", "朝阳区", "建国路"), ("北京市", "北京市", "海淀区", "中关村大街"),
    ("广东省", "深圳市", "南山区", "科技南十二路"), ("广东省", "广州市", "天河区", "体育西路"),
    ("浙江省", "杭州市", "西湖区", "文三路"), ("江苏省", "南京市", "鼓楼区", "中山北路"),
    ("四川省", "成都市", "武侯区", "人民南路"), ("湖北省", "武汉市", "洪山区", "珞喻路"),
    ("陕西省", "西安市", "雁塔区", "长安南路"), ("福建省", "厦门市", "思明区", "湖滨南路"),
]
FINANCIAL = ["paid"] * 10 + ["pending"] * 2 + ["authorized", "partially_paid", "refunded",
                                               "partially_refunded", "voided"]
TAGS = ["VIP", "复购", "618", "双11", "新客", "直播间", "企业客户"]
STATES = ["enabled"] * 6 + ["invited", "disabled", "declined"]
PREFIXES = ["130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "152", "155",
            "158", "159", "177", "180", "181", "186", "187", "188", "189"]
ROUTE = ["picked_up", "in_transit", "out_for_delivery", "delivered", "delivered"]


def _phone(rng: random.Random) -> str:
    return PSEUDONYMS.phone(f"{rng.choice(PREFIXES)}{rng.randrange(10**8):08d}")


def _shopify_phone(rng: random.Random, digits: str) -> str | None:
    style = rng.randrange(5)
    if style == 0:
        return None
    if style == 1:
        return f"({digits[:3]}) {digits[3:7]}-{digits[7:]}"
    if style == 2:
        return f"+86 {digits[:3]}-{digits[3:7]}-{digits[7:]}"
    if style == 3:
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    return digits


def customers(rng: random.Random, count: int) -> list[dict[str, Any]]:
    out = []
    start = datetime(2024, 1, 5, 9, 0, tzinfo=UTC)
    for i in range(count):
        family, given = PSEUDONYMS.replace_names(rng.choice(FAMILY), rng.choice(GIVEN))
        province, city, district, street = rng.choice(PLACES)
        digits = _phone(rng)
        email = PSEUDONYMS.email(f"{rng.choice(PINYIN)}.{rng.choice(PINYIN)}{i}@example.com")
        if rng.random() < 0.2:
            email = f" {email.title()} "  # what shops really send: case and blanks
        updated = start + timedelta(minutes=97 * i)
        phone = _shopify_phone(rng, digits)
        out.append({
            "id": 7312450001 + i,
            "email": email,
            "first_name": given,
            "last_name": family,
            "phone": phone,
            "state": rng.choice(STATES),
            "default_address": {
                "phone": None if phone else _shopify_phone(rng, digits) or digits,
                "province": province, "city": city,
                "address1": PSEUDONYMS.address(
                    f"{province if province != city else ''}{city}{district}"
                    f"{street}{rng.randrange(1, 300)}号"),
            },
            "updated_at": updated.strftime("%Y-%m-%dT%H:%M:%SZ"),
        })
    return out


def orders(rng: random.Random, count: int, people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    start = datetime(2024, 6, 1, 0, 0, tzinfo=UTC)
    for i in range(count):
        person = rng.choice(people)
        cents = rng.randrange(990, 899_900)
        price = f"{cents // 100}.{cents % 100:02d}"
        if cents % 100 == 0 and rng.random() < 0.5:
            price = str(cents // 100)  # Shopify sometimes drops ".00"
        processed = start + timedelta(minutes=37 * i + rng.randrange(30))
        local = processed + timedelta(hours=8)
        tags = rng.sample(TAGS, rng.randrange(0, 3))
        out.append({
            "id": 5829461300001 + i,
            "name": f"#{1001 + i}",
            "email": person["email"].strip().lower(),
            "total_price": price,
            "currency": "CNY",
            "financial_status": rng.choice(FINANCIAL),
            "processed_at": local.strftime("%Y-%m-%dT%H:%M:%S+08:00"),
            "tags": " ,".join(tags) if rng.random() < 0.3 else ", ".join(tags),
            "cancel_reason": None,
            "updated_at": local.strftime("%Y-%m-%dT%H:%M:%S+08:00"),
        })
    return out


def _mapping(name: str) -> Any:
    from seamguard.mapping.engine import compile_mapping
    from seamguard.mapping.spec import load_mapping

    path = REPO / "contracts" / "mappings" / f"{name}.yaml"
    return compile_mapping(load_mapping(path, display=path.name).spec, base_dir=REPO)


def deals(source: list[dict[str, Any]]) -> list[dict[str, Any]]:
    mapping = _mapping("shopify-order-to-hubspot-deal")
    out = []
    for order in source:
        deal, problems = mapping.apply(order)
        assert not problems, problems
        deal["amount"] = float(deal["amount"])
        deal["contact_email"] = order["email"]
        deal.setdefault("shopify_tags", "")
        out.append(deal)
    return out


def contacts(source: list[dict[str, Any]]) -> list[dict[str, Any]]:
    mapping = _mapping("shopify-customer-to-hubspot-contact")
    out = []
    for customer in source:
        contact, problems = mapping.apply(customer)
        assert not problems, problems
        out.append(contact)
    return out


def shipments(rng: random.Random, won: list[dict[str, Any]],
              people: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    from seamguard.privacy import mask_name, mask_phone

    out = []
    for deal in won:
        person = people[deal["contact_email"]]
        address = person["default_address"]
        digits = "".join(ch for ch in (person["phone"] or address["phone"] or "") if ch.isdigit())
        out.append({
            "order_id": f"SG{deal['shopify_order_id']}",
            "shopify_order_id": deal["shopify_order_id"],
            "waybill_no": f"SF{rng.randrange(10**12):012d}",
            "receiver_name": mask_name(person["last_name"] + person["first_name"]),
            "receiver_mobile": mask_phone(digits[-11:]),
            "province": address["province"],
            "city": address["city"],
            "status": rng.choice(ROUTE),
            "freight": round(rng.choice([12, 15, 18, 23, 28]) + rng.random() * 5, 2),
            "currency": "CNY",
        })
    return out


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_csv(path: Path, rows: list[dict[str, Any]], columns: list[str]) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c) for c in columns})


DEAL_COLUMNS = ["shopify_order_id", "dealname", "amount", "deal_currency_code", "dealstage",
                "pipeline", "closedate", "shopify_tags", "contact_email"]
CONTACT_COLUMNS = ["email", "firstname", "lastname", "mobilephone", "city",
                   "shopify_customer_id", "lifecyclestage"]


def write_parquet(path: Path, rows: list[dict[str, Any]], columns: list[str]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"amount": pa.float64()}
    schema = pa.schema([(c, types.get(c, pa.string())) for c in columns])
    table = pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows],
                                 schema=schema)
    pq.write_table(table, path)


def generate(out: Path, *, orders_count: int = 2000, customers_count: int = 600,
             seed: int = 20240701) -> dict[str, Path]:
    """Write the five example files to ``out``; returns name -> path."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    people = customers(rng, customers_count)
    source = orders(rng, orders_count, people)
    synced = deals(source)
    by_email = {p["email"].strip().lower(): p for p in people}
    won = [d for d in synced if d["dealstage"] == "closedwon"]
    paths = {
        "shopify_customers": out / "shopify_customers.jsonl",
        "shopify_orders": out / "shopify_orders.jsonl",
        "hubspot_deals": out / "hubspot_deals.parquet",
        "hubspot_contacts": out / "hubspot_contacts.csv",
        "sfexpress_shipments": out / "sfexpress_shipments.jsonl",
    }
    write_jsonl(paths["shopify_customers"], people)
    write_jsonl(paths["shopify_orders"], source)
    write_parquet(paths["hubspot_deals"], synced, DEAL_COLUMNS)
    write_csv(paths["hubspot_contacts"], contacts(people), CONTACT_COLUMNS)
    write_jsonl(paths["sfexpress_shipments"], shipments(rng, won, by_email))
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--orders", type=int, default=2000)
    parser.add_argument("--customers", type=int, default=600)
    args = parser.parse_args()
    for name, path in generate(args.out, orders_count=args.orders,
                               customers_count=args.customers).items():
        print(f"{name}: {path}")


if __name__ == "__main__":
    main()
