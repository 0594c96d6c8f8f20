"""A second campaign of hostile cases, of classes the other generators leave out.

* ``settings-name``, ``mapping-name``, ``toml-shape``, ``argv-command``, ``argv-option``,
  ``argv-value``: names
  a careless user gets wrong, generated from the settings and mapping models and the CLI's
  command tree
  (``hostile_fresh2_names``).
* ``cassette-shape``, ``cassette-version``, ``dataset-disguise``, ``dataset-parquet``,
  ``suite-type``, ``suite-kwarg``, ``json-number``, ``ref-escape``, ``discriminator``,
  ``yaml-attack``: files built by an attacker or a careless user (``hostile_fresh2_files``).
* ``net2-*``: network faults on 127.0.0.1 against drift's live fetch, the published-spec fetch
  and ``probe`` (``hostile_fresh2_net``).
* ``perm2``: every kind of input the user may not read, as root without the capabilities that
  let it ignore file modes (``hostile_fresh2_perm``).

Each case has the exit codes it may end with; the judge (``hostile_strategies.classify``) also
wants the place named and a hint, and here besides: the right name in a "did you mean" where a
name was misspelt, no YAML tag that ran a command, no Python exception's words in a message.
``python -m tests.support.hostile_fresh2`` runs every case and prints one line per failing case
and the counts per failure class and family.
"""

from __future__ import annotations

import argparse
import stat
import tempfile
from collections import Counter
from pathlib import Path

from tests.support.hostile import Outcome, report_rows, run_in_two, set_up_jobs
from tests.support.hostile_cases import Case
from tests.support.hostile_classes import judge as judge_located
from tests.support.hostile_fresh import internals
from tests.support.hostile_fresh2_files import MARKERS, file_cases
from tests.support.hostile_fresh2_names import (
    cli_name_cases,
    mapping_name_cases,
    settings_name_cases,
)
from tests.support.hostile_fresh2_net import net_cases
from tests.support.hostile_fresh2_perm import judge_refused, perm_cases
from tests.support.hostile_fresh_cli import run_processes
from tests.support.hostile_strategies import HELD

# Families whose message is placed by the argument it is about, not by a file.
_BY_ARGUMENT = ("argv-",)


def batch_cases() -> list[Case]:
    return [*settings_name_cases(), *mapping_name_cases(), *cli_name_cases(), *file_cases(),
            *net_cases()]


def judge(case: Case, outcome: Outcome) -> list[str]:
    """What is wrong with ``outcome`` of ``case``: empty when it ended as it should."""
    wrong = judge_located(case, outcome)
    if case.id.startswith(_BY_ARGUMENT):
        wrong = [w for w in wrong if w != "no-location"]
    if any("did you mean" in name for name in case.expect) and "location-not-named" in wrong:
        wrong = [w if w != "location-not-named" else "no-did-you-mean" for w in wrong]
    marker = MARKERS.get(case.id)
    if marker is not None and marker.exists():
        wrong.append("code-ran")
    return wrong + internals(outcome)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="only cases whose id contains this")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--show", type=int, default=3, help="lines of output per failure")
    parser.add_argument("--all", action="store_true", help="a line for every case")
    args = parser.parse_args()
    cases = [c for c in batch_cases() if args.only in c.id]
    procs = [c for c in perm_cases() if args.only in c.id]
    failures: Counter[str] = Counter()
    rows: list[tuple[str, list[str], Outcome]] = []
    with tempfile.TemporaryDirectory() as scratch, HELD:
        jobs = set_up_jobs(cases, scratch)
        outcomes = run_in_two(jobs, timeout=args.timeout)
        rows += [(case.id, judge(case, outcomes[case.id]), outcomes[case.id])
                 for case in cases]
        if procs:
            (Path(scratch) / "proc").mkdir()
            by_process = run_processes(procs, Path(scratch) / "proc", args.timeout)
            rows += [(proc.id, judge_refused(proc, by_process[proc.id]) + internals(
                by_process[proc.id]), by_process[proc.id]) for proc in procs]
        for path in Path(scratch).rglob("*"):  # no case may leave a closed folder behind
            if path.is_dir() and not path.is_symlink():
                path.chmod(stat.S_IRWXU)
    report_rows(rows, failures, args.show, args.all)


if __name__ == "__main__":
    main()
