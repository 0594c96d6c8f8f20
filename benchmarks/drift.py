"""Observed-drift inference throughput: profiling recorded payloads field by field, as a ratio
to just parsing the same JSON in the same run, with peak memory.

    python benchmarks/drift.py [--responses N] [--repeats R]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from timing import best_of  # noqa: E402

from seamguard.contracts.catalog import ContractCatalog  # noqa: E402
from seamguard.drift.observe import compare, profile_payloads  # noqa: E402
from seamguard.project import find_project  # noqa: E402
from seamguard.recordings.cassettes import Cassette  # noqa: E402
from seamguard.verify import RecordedVerifier  # noqa: E402


def recorded_payloads() -> list[tuple[Any, str, Any, str]]:
    """(contract, label, schema, raw JSON text) of every recorded payload of the example."""
    project = find_project(ROOT, explicit=True)
    verifier = RecordedVerifier(project, ContractCatalog(project))
    out = []
    for path in project.cassette_files():
        cassette = verifier.read(path)
        if isinstance(cassette, Cassette):
            for _, contract, label, ref, body in verifier.payloads(cassette):
                out.append((contract, label, ref, json.dumps(body, ensure_ascii=False)))
    return out


def run(responses: int, repeats: int) -> None:
    """Replicate the example's payloads to ``responses`` and time inference against parsing."""
    distinct = recorded_payloads()
    items = list(itertools.islice(itertools.cycle(distinct), responses))
    texts = [text for _, _, _, text in items]
    size = sum(len(t.encode()) for t in texts)
    print(f"{len(items):,} responses ({len(distinct)} distinct payloads), "
          f"{size / 1e6:.1f} MB of JSON")

    def parse_only() -> None:
        for text in texts:
            json.loads(text)

    def infer() -> int:
        profiles = profile_payloads(
            (contract, label, ref, json.loads(text), "bench")
            for contract, label, ref, text in items)
        return sum(1 for profile, contract, ref in profiles.values()
                   for _ in compare(profile, contract, ref))

    parse_best, parse_median = best_of(parse_only, repeats)
    infer_best, infer_median = best_of(infer, repeats)
    tracemalloc.start()
    findings = infer()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    n = len(items)
    print(f"{'measurement':<46}{'best':>9}{'median':>9}{'responses/s':>13}{'ratio':>8}")
    print(f"{'observed-drift inference (parse + profile)':<46}{infer_best:>8.2f}s"
          f"{infer_median:>8.2f}s{n / infer_best:>13,.0f}{infer_best / parse_best:>7.2f}x")
    print(f"{'json.loads alone  [BASELINE]':<46}{parse_best:>8.2f}s{parse_median:>8.2f}s"
          f"{n / parse_best:>13,.0f}{1:>7.2f}x")
    print(f"peak traced memory of one inference run: {peak / 1e6:.1f} MB; findings: {findings}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    run(args.responses, args.repeats)


if __name__ == "__main__":
    main()
