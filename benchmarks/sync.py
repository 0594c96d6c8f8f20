"""Sync properties: examples per second on the correct example service, and for each broken
variant the examples and seconds until the first failure (median over several seeds).

Every transport is measured: webhooks (``shop_sync``), polling (``shop_poll``, ``taobao_poll``)
and a RabbitMQ queue (``shop_queue``, the broker at 127.0.0.1:5672 or $SEAMGUARD_BROKER_URL).
The shop-sync service runs in-process over ASGI with SQLite in a temporary folder, its HubSpot
traffic answered by the CRM double behind respx. Seconds to the first failure exclude shrinking.

    python benchmarks/sync.py [--examples N] [--seeds S] [--budget B] [--transport T]
                              [--variant V] [--markdown]

``--markdown`` ends with the variant table as benchmarks/README.md (section 6) shows it.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from seamguard.contracts.catalog import ContractCatalog  # noqa: E402
from seamguard.project import find_project  # noqa: E402
from seamguard.sync.harness import RunResult, SyncHarness  # noqa: E402
from seamguard.sync.properties import PROPERTIES  # noqa: E402

# One target per transport; each variant is run through the target that reaches its bug.
TRANSPORTS = {"shop_sync": "webhook", "shop_poll": "polling", "taobao_poll": "polling",
              "shop_queue": "queue"}


def _harness(target: str, examples: int, seed: int, variant: str | None = None,
             shrink: int = 0) -> SyncHarness:
    project = find_project(ROOT, explicit=True)
    made = SyncHarness(project, ContractCatalog(project), target, examples=examples, seed=seed,
                       variant=variant)
    made.shrink_budget = shrink
    return made


def correct(target: str, examples: int) -> RunResult:
    result = _harness(target, examples, seed=1).run(replay_regressions=False)
    per_example = result.seconds / max(result.examples, 1)
    print(f"correct service, {target} ({TRANSPORTS[target]}): {result.examples} examples in "
          f"{result.seconds:.2f} s = {result.examples / result.seconds:.1f} examples/s with all "
          f"{len(PROPERTIES)} properties checked; failures: {len(result.failures)}")
    print(f"  time per example: {per_example * 1e3:.1f} ms (delivering and reading back "
          f"{result.play_seconds / max(result.examples, 1) * 1e3:.1f} ms, reference model "
          f"{result.model_seconds / max(result.examples, 1) * 1e3:.2f} ms, generation and the "
          "rest the remainder)")
    return result


def properties(result: RunResult) -> None:
    overhead = result.seconds - sum(result.property_seconds.values())
    print(f"\n  {'property':<26} {'check µs/example':>17} {'examples/s alone':>17}")
    for name in PROPERTIES:
        spent = result.property_seconds.get(name, 0.0)
        alone = result.examples / (overhead + spent) if overhead + spent > 0 else 0.0
        print(f"  {name:<26} {spent / max(result.examples, 1) * 1e6:>17.0f} {alone:>17.1f}")


# variant, transport, examples (median), seconds (median), seeds caught, seconds (slowest),
# the properties that caught it (most often first)
Row = tuple[str, str, float | None, float | None, int, float | None, list[str]]


def variants(seeds: int, budget: int, shrink: int = 0,
             only: set[str] | None = None, names: set[str] | None = None) -> list[Row]:
    from fixtures.integrations.shop_sync.variants import VARIANTS, target_of

    rows: list[Row] = []
    print(f"\n  {'variant':<28} {'transport':<9} {'caught':>7} {'examples (median)':>18} "
          f"{'seconds (median)':>17} {'seconds (max)':>14} {'property':<24}")
    for variant in sorted(VARIANTS, key=lambda v: (TRANSPORTS[target_of(v)], v)):
        target = target_of(variant)
        if (only is not None and TRANSPORTS[target] not in only) or (
                names is not None and variant not in names):
            continue
        counts, seconds, found = [], [], []
        for seed in range(1, seeds + 1):
            result = _harness(target, budget, seed, variant, shrink).run(
                replay_regressions=False)
            if result.failures and result.first_failure_examples is not None:
                counts.append(result.first_failure_examples)
                seconds.append(result.first_failure_seconds or 0.0)
                found.append(result.failures[0].violation.property)
        count = statistics.median(counts) if counts else None
        second = statistics.median(seconds) if seconds else None
        common = max(set(found), key=found.count) if found else "-"
        print(f"  {variant:<28} {TRANSPORTS[target]:<9} {len(counts):>3}/{seeds:<3} "
              f"{'-' if count is None else f'{count:g}':>18} "
              f"{'-' if second is None else f'{second:.2f}':>17} "
              f"{'-' if not seconds else f'{max(seconds):.2f}':>14} {common:<24}", flush=True)
        ranked = sorted(set(found), key=lambda p: (-found.count(p), p))
        rows.append((variant, TRANSPORTS[target], count, second, len(counts),
                     max(seconds) if seconds else None, ranked))
    caught = sum(1 for row in rows if row[2] is not None and row[4] == seeds)
    slow = [row[0] for row in rows if row[3] is not None and row[3] >= 5.0]
    print(f"\n  {caught} of {len(rows)} variants caught under every one of seeds 1-{seeds} "
          f"within {budget} examples; median seconds to the first failure under 5 s for "
          f"{len(rows) - len(slow)} of {len(rows)}" + (f" (not: {', '.join(slow)})"
                                                        if slow else ""))
    return rows


def markdown(rows: list[Row], seeds: int) -> str:
    """The variant table of benchmarks/README.md, section 6."""
    lines = ["| variant | transport | caught | examples (median) | seconds (median) | "
             "seconds (slowest seed) | property |", "|---|---|---|---|---|---|---|"]
    for variant, transport, count, second, caught, slowest, found in rows:
        lines.append(
            f"| {variant} | {transport} | {caught}/{seeds} | "
            f"{'-' if count is None else f'{count:g}'} | "
            f"{'-' if second is None else f'{second:.2f}'} | "
            f"{'-' if slowest is None else f'{slowest:.2f}'} | {' / '.join(found) or '-'} |")
    return "\n".join(lines)


def run(examples: int = 100, seeds: int = 5, budget: int = 60,
        transports: set[str] | None = None, names: set[str] | None = None,
        table: bool = False) -> None:
    logging.getLogger("shop_sync").setLevel(logging.ERROR)
    logging.getLogger("aiormq").setLevel(logging.ERROR)
    logging.getLogger("aio_pika").setLevel(logging.ERROR)
    for target, transport in TRANSPORTS.items():
        if (transports is None or transport in transports) and examples > 0:
            result = correct(target, examples)
            if target == "shop_sync":
                properties(result)
    rows = variants(seeds, budget, only=transports, names=names)
    if table:
        print("\n" + markdown(rows, seeds))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=100,
                        help="examples on the correct service (default 100)")
    parser.add_argument("--seeds", type=int, default=5, help="seeds per variant (default 5)")
    parser.add_argument("--budget", type=int, default=60,
                        help="example budget per variant run (default 60, the project's)")
    parser.add_argument("--transport", action="append", choices=("webhook", "polling", "queue"),
                        help="only these transports (repeatable; default all)")
    parser.add_argument("--variant", action="append",
                        help="only these broken variants (repeatable; default all)")
    parser.add_argument("--markdown", action="store_true",
                        help="end with the variant table in Markdown (benchmarks/README.md)")
    args = parser.parse_args()
    run(args.examples, args.seeds, args.budget, set(args.transport) if args.transport else None,
        set(args.variant) if args.variant else None, args.markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
