"""A third campaign of hostile cases, of classes the other generators leave out.

* ``gw-settings``, ``gw-cassette``: gateway wire settings and gateway recordings
  (``hostile_fresh3_gateway``).
* ``sync-rule``, ``privacy-settings``, ``suite-nonsense``, ``dataset-odd``: sync rules of a
  mapping, ``[tool.seamguard.privacy]``, suites of cross-field nonsense, odd datasets
  (``hostile_fresh3_rules``).
* ``net3-*``: network faults on 127.0.0.1 against the live gateway call, drift's live fetch, the
  published-spec fetch, ``probe`` and ``record`` (``hostile_fresh3_net``).
* ``argv3-*``: every option of every command given twice, empty, negative, of 40 digits, a
  path with a newline, ``-`` or a folder (``hostile_fresh3_cli``).

Each case has the exit codes it may end with and is judged as ``hostile_fresh2`` judges its own:
no internal error, no hang (a case over ``--timeout`` seconds is one), no silent pass, the
documented exit code, the file and line or pointer named with a hint, the right name in a "did
you mean", no Python exception's words in a message.
``python -m tests.support.hostile_fresh3`` runs every case and prints one line per failing case
and the counts per failure class and family.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter

from tests.support.hostile import Outcome, report_rows, run_in_two, set_up_jobs
from tests.support.hostile_cases import Case
from tests.support.hostile_fresh2 import judge as judge_fresh2
from tests.support.hostile_fresh3_cli import cli_cases
from tests.support.hostile_fresh3_gateway import gateway_cases
from tests.support.hostile_fresh3_net import net_cases
from tests.support.hostile_fresh3_rules import rule_cases
from tests.support.hostile_strategies import HELD


def batch_cases() -> list[Case]:
    return [*gateway_cases(), *rule_cases(), *net_cases(), *cli_cases()]


def judge(case: Case, outcome: Outcome) -> list[str]:
    """What is wrong with ``outcome`` of ``case``: empty when it ended as it should."""
    wrong = judge_fresh2(case, outcome)
    if case.id.startswith("argv3-"):  # placed by the argument it is about, not by a file
        wrong = [w for w in wrong if w != "no-location"]
    return wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="only cases whose id contains this")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--show", type=int, default=3, help="lines of output per failure")
    parser.add_argument("--all", action="store_true", help="a line for every case")
    args = parser.parse_args()
    cases = [c for c in batch_cases() if args.only in c.id]
    with tempfile.TemporaryDirectory() as scratch, HELD:
        jobs = set_up_jobs(cases, scratch)
        outcomes = run_in_two(jobs, timeout=args.timeout)
    rows = [(case.id, judge(case, outcomes[case.id]), outcomes[case.id]) for case in cases]
    failures: Counter[str] = Counter()
    report_rows(rows, failures, args.show, args.all)


if __name__ == "__main__":
    main()
