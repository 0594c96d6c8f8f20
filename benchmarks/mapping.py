"""Mapping throughput: the compiled Shopify order -> HubSpot deal mapping on generated orders,
as a ratio to a hand-written Python function doing the same field moves in the same run.

The hand-written function calls the same transform functions (bound once, like a developer
would write them with this library), so the ratio is the engine's own overhead: path getters,
the step loop, enum lookup, default/required handling and target writes.

    python benchmarks/mapping.py [--records N] [--repeats R]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from timing import best_of  # noqa: E402

from seamguard.mapping.engine import compile_mapping  # noqa: E402
from seamguard.mapping.spec import load_mapping  # noqa: E402
from seamguard.mapping.transforms import TRANSFORMS  # noqa: E402

MAPPING = ROOT / "contracts" / "mappings" / "shopify-order-to-hubspot-deal.yaml"
STATUSES = ["pending", "authorized", "partially_paid", "paid", "partially_refunded", "refunded",
            "voided"]
TAGS = ["VIP", "复购", "618", "双11", "新客", "wholesale"]


def generate(count: int, seed: int = 7) -> list[dict[str, Any]]:
    """Deterministic Shopify-like orders with the fields the mapping reads."""
    rng = random.Random(seed)
    orders = []
    for number in range(count):
        day = 1 + number % 28
        orders.append({
            "id": 5829461280000 + number,
            "name": f" #{1001 + number} ",
            "total_price": f"{rng.randint(100, 999_999) / 100:.2f}",
            "currency": rng.choice(["CNY", "cny", "USD"]),
            "financial_status": rng.choice(STATUSES),
            "processed_at": f"2024-07-{day:02d}T{rng.randint(0, 23):02d}:15:00+08:00",
            "tags": ", ".join(rng.sample(TAGS, rng.randint(0, 3))),
            "cancel_reason": rng.choice([None, None, None, "customer", "fraud"]),
        })
    return orders


def hand_written() -> Any:
    """What an engineer would write by hand for the same table, with the same transforms."""
    bind = {name: TRANSFORMS.get(name).bind for name in TRANSFORMS.names()}
    to_string = bind["to_string"]({})
    trim = bind["trim"]({})
    upper = bind["upper"]({})
    prefix = bind["regex_replace"]({"pattern": "^", "replacement": "Shopify "})
    decimal2 = bind["decimal"]({"places": 2})
    datetime_utc = bind["datetime_utc"]({})
    split_tags = bind["split_tags"]({})
    join = bind["join"]({"separator": ";"})
    stages = {"pending": "contractsent", "authorized": "decisionmakerboughtin",
              "partially_paid": "contractsent", "paid": "closedwon",
              "partially_refunded": "closedwon", "refunded": "closedlost",
              "voided": "closedlost"}

    def apply(order: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {
            "shopify_order_id": to_string(order.get("id")),
            "dealname": prefix(trim(order.get("name"))),
            "amount": decimal2(order.get("total_price")),
            "deal_currency_code": upper(trim(order.get("currency"))),
            "dealstage": stages[order["financial_status"]],
            "pipeline": "default",
            "closedate": datetime_utc(order.get("processed_at")),
            "shopify_tags": join(split_tags(order.get("tags"))),
        }
        reason = to_string(order.get("cancel_reason"))
        if reason is not None:
            out["shopify_cancel_reason"] = reason
        return out

    return apply


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    run(args.records, args.repeats)


def run(records: int, repeats: int) -> None:
    """Generate ``records`` orders, check both paths agree, time them and print the ratio."""
    started = time.perf_counter()
    orders = generate(records)
    print(f"generated {len(orders):,} orders in {time.perf_counter() - started:.1f} s")
    compiled = compile_mapping(load_mapping(MAPPING, display=MAPPING.name).spec, base_dir=ROOT)
    baseline = hand_written()

    sample = orders[:2000]
    mismatches = sum(1 for o in sample if compiled.apply(o)[0] != baseline(o))
    print(f"outputs identical on a {len(sample):,}-record sample: "
          f"{'yes' if not mismatches else f'NO ({mismatches} differ)'}")

    apply = compiled.apply
    engine_best, engine_median = best_of(lambda: [apply(o) for o in orders], repeats)
    hand_best, hand_median = best_of(lambda: [baseline(o) for o in orders], repeats)
    n = len(orders)
    print()
    print(f"{'measurement':<44}{'best':>9}{'median':>9}{'records/s':>12}{'ratio':>8}")
    print(f"{'seamguard compiled mapping (apply)':<44}{engine_best:>8.2f}s{engine_median:>8.2f}s"
          f"{n / engine_best:>12,.0f}{engine_best / hand_best:>7.2f}x")
    print(f"{'hand-written function  [BASELINE]':<44}{hand_best:>8.2f}s{hand_median:>8.2f}s"
          f"{n / hand_best:>12,.0f}{1:>7.2f}x")
    ratio = engine_best / hand_best
    print(f"\nheadline: {ratio:.2f}x the hand-written function "
          f"(aim ≤ 3.00x: {'met' if ratio <= 3 else 'NOT met'})")


if __name__ == "__main__":
    main()
