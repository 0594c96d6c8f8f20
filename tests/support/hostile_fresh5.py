"""A fifth campaign of hostile cases, of classes the other generators leave out.

* ``oas5-*``: contracts the OpenAPI meta-schema accepts and that are still wrong: schemas no
  value satisfies and their satisfiable neighbours, server URL variables, twin templated paths,
  undeclared security schemes, ignored header parameters, path templates that are not templates
  (``hostile_fresh5_contracts``).
* ``toml5*``, ``num5``: the settings table written where seamguard does not read it, and
  recorded JSON numbers at the edge of JSON (``hostile_fresh5_settings``).
* ``cli5-*``: ``COLUMNS`` no report fits in, a ``~`` the shell left unexpanded, ``-`` where a
  file or folder is named, each a process of its own (``hostile_fresh5_cli``).

Each case runs through the real CLI (``run_batch``: worker processes, a case over ``--timeout``
seconds is a hang) and is judged as ``hostile_fresh2`` judges its own (no internal error, no
hang, no silent pass, the documented exit code, the place named with a hint, no Python
exception's words in a message); besides, a case that may end clean but names something must
name it (a warning nobody prints is silence), and one that must end clean must not cry wolf.

A third of the cases (by a stable hash of their id) form the ``apart`` part: ``--part seen``
runs the others, ``--part apart`` only those, and prints counts without case lines unless
``--show-apart`` is given. ``python -m tests.support.hostile_fresh5`` runs every case.
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.support.hostile import Outcome, report_rows, run_in_two, set_up_jobs
from tests.support.hostile_cases import Case
from tests.support.hostile_fresh2 import judge as judge_fresh2
from tests.support.hostile_fresh5_cli import process_cases, run_process_case
from tests.support.hostile_fresh5_contracts import contract_cases
from tests.support.hostile_fresh5_settings import number_cases, settings_cases
from tests.support.hostile_strategies import HELD


def batch_cases() -> list[Case]:
    return [*contract_cases(), *settings_cases(), *number_cases()]


def apart(case_id: str) -> bool:
    """One case in three, the same ones on every run and every machine."""
    return hashlib.sha256(case_id.encode()).digest()[0] % 3 == 0


def judge(case: Case, outcome: Outcome) -> list[str]:
    """What is wrong with ``outcome`` of ``case``: empty when it ended as it should."""
    if case.exits == frozenset({0}):
        if outcome.code == 0 and ("error " in outcome.text or "warning " in outcome.text):
            return ["false-alarm"]
        if outcome.code in (1, 2):
            return ["false-alarm"]
    wrong = judge_fresh2(case, outcome)
    if outcome.code == 0 and 0 in case.exits and case.expect and not wrong \
            and not all(name in outcome.text for name in case.expect):
        wrong.append("silent-pass")
    return wrong


def campaign_args(doc: str) -> argparse.Namespace:
    """The command line every campaign from the fifth on takes."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--only", default="", help="only cases whose id contains this")
    parser.add_argument("--part", choices=("all", "seen", "apart"), default="all")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--show", type=int, default=3, help="lines of output per failure")
    parser.add_argument("--all", action="store_true", help="a line for every case")
    parser.add_argument("--list", action="store_true", help="only list the cases")
    parser.add_argument("--show-apart", action="store_true",
                        help="print the failing cases of the apart part too")
    args = parser.parse_args()
    return args


def report_campaign(rows: list[Any], args: argparse.Namespace) -> None:
    """Print ``rows`` (case id, what is wrong, outcome), the apart part as counts only unless
    ``--show-apart`` or ``--part apart`` asks for its lines."""
    hidden = args.part != "seen" and not args.show_apart
    shown = [row for row in rows if not (hidden and apart(row[0]))]
    failures: Counter[str] = Counter()
    report_rows(shown, failures, args.show, args.all)
    kept = [row for row in rows if hidden and apart(row[0])]
    if kept:
        by_family = Counter(case_id.split(":")[0] for case_id, wrong, _ in kept if wrong)
        classes = Counter(w for _, wrong, _ in kept for w in wrong)
        print(f"apart: cases {len(kept)}; failing {sum(1 for _, w, _ in kept if w)}; "
              f"by class {dict(classes)}; by family {dict(by_family)}")


def run_campaign(doc: str, cases: list[Case],
                 judge_case: Callable[[Case, Outcome, Path], list[str]]) -> None:
    """A campaign's command line: list, or run the chosen ``cases`` two at a time and report
    them, each judged by ``judge_case`` with the folder it ran in."""
    args = campaign_args(doc)
    chosen = [c for c in cases if args.only in c.id
              and (args.part == "all" or apart(c.id) == (args.part == "apart"))]
    if args.list:
        for case in chosen:
            print(case.id)
        print(f"cases {len(chosen)}; by family "
              f"{dict(Counter(c.id.split(':')[0] for c in chosen))}")
        return
    with tempfile.TemporaryDirectory() as scratch, HELD:
        jobs = set_up_jobs(chosen, scratch)
        outcomes = run_in_two(jobs, timeout=args.timeout)
        rows = [(case.id, judge_case(case, outcomes[case.id], Path(job.cwd)), outcomes[case.id])
                for case, job in zip(chosen, jobs, strict=True)]
    report_campaign(rows, args)


def main() -> None:
    args = campaign_args(__doc__ or "")
    def chosen(case_id: str) -> bool:
        return args.only in case_id and (args.part == "all"
                                         or apart(case_id) == (args.part == "apart"))

    cases = [c for c in batch_cases() if chosen(c.id)]
    procs = [c for c in process_cases() if chosen(c.id)]
    if args.list:
        for case_id in [c.id for c in cases] + [c.id for c in procs]:
            print(case_id)
        print(f"cases {len(cases) + len(procs)}; by family "
              f"{dict(Counter(c.id.split(':')[0] for c in [*cases, *procs]))}")
        return
    with tempfile.TemporaryDirectory() as scratch, HELD:
        jobs = set_up_jobs(cases, scratch)
        outcomes = run_in_two(jobs, timeout=args.timeout)
        rows = [(case.id, judge(case, outcomes[case.id]), outcomes[case.id]) for case in cases]
        for number, proc in enumerate(procs):
            root = Path(scratch) / f"proc{number}"
            root.mkdir()
            wrong, outcome = run_process_case(proc, root, args.timeout)
            rows.append((proc.id, wrong, outcome))
    report_campaign(rows, args)


if __name__ == "__main__":
    main()
