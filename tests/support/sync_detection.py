"""How many broken sync services the harness catches, and how many correct ones it wrongly fails.

The services are the flavours of ``tests.support.sync_alt`` (a webhook service written apart
from the bundled example): every correct flavour must keep every property (a failure is a false
alarm), every broken one must be caught within the budget. Each flavour runs under the given
seeds with the given budget, as ``seamguard sync test --seed S -n N`` would::

    python -m tests.support.sync_detection                 # seed 1, 60 examples
    python -m tests.support.sync_detection --seeds 1 2 3 --examples 60 --only arrival_lww

It prints one line per flavour and seed (caught: the property and the minimal script's length;
missed; or, for a correct flavour, the false alarm) and the score ``caught: C/T, false alarms:
F/K``; it exits 0 when every broken flavour is caught and no correct one fails.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.support.projects import copy_example
from tests.support.sync_alt import BROKEN, CORRECT, GAPS, MORE, add_target

__all__ = ["Outcome", "detect", "main"]


@dataclass(frozen=True)
class Outcome:
    flavor: str
    seed: int
    broken: bool
    failed: str | None  # the property of the first failure, None: kept every property
    steps: int = 0  # steps of the minimal script
    examples: int = 0

    @property
    def right(self) -> bool:
        return (self.failed is not None) == self.broken

    def line(self) -> str:
        if self.broken:
            verdict = f"caught ({self.failed}, {self.steps} steps)" if self.failed else "MISSED"
        else:
            verdict = "ok" if self.failed is None else f"FALSE ALARM ({self.failed})"
        return f"{self.flavor:32} seed {self.seed}: {verdict} [{self.examples} examples]"


def flavours() -> dict[str, bool]:
    """Every flavour of the alt service and whether it is broken."""
    return {**dict.fromkeys(CORRECT, False), **dict.fromkeys([*BROKEN, *GAPS, *MORE], True)}


def detect(root: Path, flavor: str, seed: int, examples: int, *, broken: bool,
           shrink_budget: int = 60) -> Outcome:
    """Run one flavour under one seed on a project holding the ``alt_sync`` target."""
    from seamguard.contracts.catalog import ContractCatalog
    from seamguard.project import find_project
    from seamguard.sync.harness import SyncHarness

    project = find_project(root, explicit=True)
    made = SyncHarness(project, ContractCatalog(project), "alt_sync", examples=examples,
                       seed=seed, variant=flavor)
    made.shrink_budget = shrink_budget
    result = made.run(replay_regressions=False)
    if not result.failures:
        return Outcome(flavor, seed, broken, None, examples=result.examples)
    failure = result.failures[0]
    return Outcome(flavor, seed, broken, failure.violation.property,
                   len(failure.script.steps), result.examples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.support.sync_detection")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1])
    parser.add_argument("--examples", type=int, default=60)
    parser.add_argument("--only", nargs="+", default=None, help="these flavours only")
    args = parser.parse_args(argv)
    chosen = {f: b for f, b in flavours().items() if args.only is None or f in args.only}
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="sync-detection-") as folder:
        root = copy_example(Path(folder) / "example")
        add_target(root)
        for flavor, broken in chosen.items():
            for seed in args.seeds:
                outcome = detect(root, flavor, seed, args.examples, broken=broken)
                outcomes.append(outcome)
                print(outcome.line(), flush=True)
    caught = sum(o.right for o in outcomes if o.broken)
    alarms = sum(not o.right for o in outcomes if not o.broken)
    print(f"caught: {caught}/{sum(o.broken for o in outcomes)}, false alarms: "
          f"{alarms}/{sum(not o.broken for o in outcomes)}")
    return 0 if all(o.right for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
