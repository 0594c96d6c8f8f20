"""Sync properties: examples per second on the correct example service, and for each broken
variant the examples and seconds until the first failure (median over several seeds).

Everything runs in-process: the shop-sync service over ASGI with SQLite in a temporary folder,
its HubSpot traffic answered by the CRM double behind respx.

    python benchmarks/sync.py [--examples N] [--seeds S] [--budget B]
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

TARGET = "shop_sync"


def _harness(examples: int, seed: int, variant: str | None = None) -> SyncHarness:
    project = find_project(ROOT, explicit=True)
    return SyncHarness(project, ContractCatalog(project), TARGET, examples=examples, seed=seed,
                       variant=variant)


def correct(examples: int) -> RunResult:
    result = _harness(examples, seed=1).run(replay_regressions=False)
    per_example = result.seconds / max(result.examples, 1)
    print(f"correct service: {result.examples} examples in {result.seconds:.2f} s = "
          f"{result.examples / result.seconds:.1f} examples/s with all {len(PROPERTIES)} "
          f"properties checked; failures: {len(result.failures)}")
    print(f"  time per example: {per_example * 1e3:.1f} ms (delivering and reading back "
          f"{result.play_seconds / max(result.examples, 1) * 1e3:.1f} ms, reference model "
          f"{result.model_seconds / max(result.examples, 1) * 1e3:.2f} ms, generation and the "
          "rest the remainder)")
    overhead = result.seconds - sum(result.property_seconds.values())
    print(f"\n  {'property':<26} {'check µs/example':>17} {'examples/s alone':>17}")
    for name in PROPERTIES:
        spent = result.property_seconds.get(name, 0.0)
        alone = result.examples / (overhead + spent) if overhead + spent > 0 else 0.0
        print(f"  {name:<26} {spent / max(result.examples, 1) * 1e6:>17.0f} {alone:>17.1f}")
    return result


def variants(seeds: int, budget: int) -> list[tuple[str, float | None, float | None, int]]:
    from fixtures.integrations.shop_sync.variants import VARIANTS

    rows = []
    print(f"\n  {'variant':<28} {'caught':>7} {'examples (median)':>18} {'seconds (median)':>17} "
          f"{'property':<24} {'script':>6}")
    for variant in sorted(VARIANTS):
        counts, seconds, properties, lengths = [], [], [], []
        for seed in range(1, seeds + 1):
            made = _harness(budget, seed, variant)
            result = made.run(replay_regressions=False)
            if result.failures and result.first_failure_examples is not None:
                counts.append(result.first_failure_examples)
                seconds.append(result.first_failure_seconds or 0.0)
                properties.append(result.failures[0].violation.property)
                lengths.append(len(result.failures[0].script.steps))
        count = statistics.median(counts) if counts else None
        second = statistics.median(seconds) if seconds else None
        common = max(set(properties), key=properties.count) if properties else "-"
        print(f"  {variant:<28} {len(counts):>3}/{seeds:<3} "
              f"{'-' if count is None else f'{count:g}':>18} "
              f"{'-' if second is None else f'{second:.2f}':>17} {common:<24} "
              f"{max(lengths) if lengths else '-':>6}")
        rows.append((variant, count, second, len(counts)))
    caught = sum(1 for _, count, _, n in rows if count is not None and n == seeds)
    print(f"\n  {caught} of {len(rows)} variants caught under every seed within {budget} "
          "examples (script = most steps of a shrunk counterexample)")
    return rows


def run(examples: int = 100, seeds: int = 3, budget: int = 60) -> None:
    logging.getLogger("shop_sync").setLevel(logging.ERROR)
    correct(examples)
    variants(seeds, budget)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=100,
                        help="examples on the correct service (default 100)")
    parser.add_argument("--seeds", type=int, default=3, help="seeds per variant (default 3)")
    parser.add_argument("--budget", type=int, default=60,
                        help="example budget per variant run (default 60, the project's)")
    args = parser.parse_args()
    run(args.examples, args.seeds, args.budget)
    return 0


if __name__ == "__main__":
    sys.exit(main())
