"""Mapping strength (mutation testing): seconds per mapping rule, as a ratio to one `map test`.

On the example project (four mappings) and on generated mappings of 50, 100 and 200 rules
between generated contracts (tests/support/generated_mapping.py), each measured in the same run:

* ``map test``: the `mapping.examples` check (parse, lint-free compile, every golden example);
* ``--strength``: the `mapping.strength` check (every mutant of every rule judged on the examples
  and the recorded records; compile once, re-run only the mutated rule and its readers).

    python benchmarks/strength.py [--rules 50,100,200] [--repeats R]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from timing import best_of  # noqa: E402

from seamguard.contracts.catalog import ContractCatalog  # noqa: E402
from seamguard.project import find_project  # noqa: E402
from seamguard.runner import run_checks  # noqa: E402


def _measure(root: Path, repeats: int) -> tuple[int, int, float, float]:
    """(rules incl. nested, mutants judged, seconds of map test, seconds of --strength)."""
    from seamguard.mapping.check import load_mappings
    from seamguard.mapping.lint import iter_rules

    project = find_project(root, explicit=True)
    catalog = ContractCatalog(project)
    rules = 0
    for mapping in load_mappings(project):
        spec = getattr(mapping, "spec", None)
        if spec is not None:
            rules += sum(1 + sum(len(list(iter_rules(g))) for g in r.items or [])
                         for r in iter_rules(spec.fields))
    report = run_checks(project, ["mapping.strength"], command="map test", catalog=catalog)
    mutants = sum(sum(v for k, v in f.actual.items() if k != "score")
                  for f in report.findings if f.severity.value == "info"
                  and isinstance(f.actual, dict))
    test, _ = best_of(lambda: run_checks(project, ["mapping.examples"], command="map test",
                                         catalog=catalog), repeats)
    strength, _ = best_of(lambda: run_checks(project, ["mapping.strength"], command="map test",
                                             catalog=catalog), repeats)
    return rules, mutants, test, strength


def run(sizes: list[int], repeats: int) -> None:
    from tests.support.generated_mapping import generate_project

    print(f"{'project':<28}{'rules':>7}{'mutants':>9}{'map test':>11}{'--strength':>12}"
          f"{'per rule':>11}{'ratio':>8}")
    rows = [("example project", ROOT)]
    with tempfile.TemporaryDirectory(prefix="seamguard-strength-") as tmp:
        for size in sizes:
            rows.append((f"generated, {size} rules",
                         generate_project(Path(tmp) / f"g{size}", rules=size, seed=size)))
        for label, root in rows:
            rules, mutants, test, strength = _measure(root, repeats)
            print(f"{label:<28}{rules:>7}{mutants:>9}{test * 1000:>9.1f}ms"
                  f"{strength * 1000:>10.1f}ms{strength / rules * 1000:>9.2f}ms"
                  f"{strength / test:>7.1f}x")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rules", default="50,100,200")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    run([int(n) for n in args.rules.split(",")], args.repeats)
    return 0


if __name__ == "__main__":
    sys.exit(main())
