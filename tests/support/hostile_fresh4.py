"""A fourth campaign of hostile cases, of classes the other generators leave out.

* ``queue4-*``, ``dsn4``: the broker of a queue sync target and the database of a SQL dataset,
  named by a URL that is wrong or pointing at a loopback server that refuses, stalls or speaks
  another protocol (``hostile_fresh4_services``).
* ``regex4-*``, ``probe-number4-*``, ``gx4-*``, ``dataset4``: catastrophic contract patterns
  against long recorded values, numbers ``probe`` and ``schemathesis.toml`` do not take, every
  expectation type GX ships and suites as each GX version exports them, datasets with duplicate
  headers, mixed types and huge cells (``hostile_fresh4_files``).
* ``sink4-*``, ``name4``, ``diff4-*``, ``env4-*``: report files that cannot be written, file
  names that are not UTF-8, each side of ``contract diff`` given something that is no OpenAPI
  file, pseudonym keys of odd shapes (``hostile_fresh4_places``).

Each case runs through the real CLI (``run_batch``: worker processes, a case over ``--timeout``
seconds is a hang) and is judged as ``hostile_fresh2`` judges its own: no internal error, no
hang, no silent pass, the documented exit code, the file and line, pointer or setting named with
a hint, no Python exception's words in a message.
``python -m tests.support.hostile_fresh4`` runs every case and prints one line per failing case
and the counts per failure class and family.
"""

from __future__ import annotations

import argparse
import stat
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests.support.hostile import Job, Outcome, report_rows, run_batch, run_seamguard
from tests.support.hostile_cases import Case
from tests.support.hostile_fresh2 import judge as judge_fresh2
from tests.support.hostile_fresh4_cassettes import cassette_cases
from tests.support.hostile_fresh4_files import file_cases
from tests.support.hostile_fresh4_places import place_cases
from tests.support.hostile_fresh4_services import service_cases
from tests.support.hostile_strategies import HELD

# Families run as their own ``python -m seamguard`` process: names that are not UTF-8 reach
# standard output as the real entry point sets it up (escaped), not as the batch's runner does.
_OWN_PROCESS = ("name4:",)
# Families placed by the argument or environment variable they are about, not by a file.
_BY_ARGUMENT = ("probe-number4-cli", "diff4-", "env4-", "queue4-env")


def batch_cases() -> list[Case]:
    return [*service_cases(), *file_cases(), *place_cases(), *cassette_cases()]


def judge(case: Case, outcome: Outcome) -> list[str]:
    """What is wrong with ``outcome`` of ``case``: empty when it ended as it should."""
    wrong = judge_fresh2(case, outcome)
    if case.id.startswith(_BY_ARGUMENT) and all(n in outcome.text for n in case.expect):
        wrong = [w for w in wrong if w != "no-location"]
    return wrong


def _process(job: Job, timeout: float) -> Outcome:
    try:
        return run_seamguard(*job.argv, cwd=Path(job.cwd), timeout=timeout, env=job.env)
    except AssertionError as exc:  # the hang run_seamguard reports
        return Outcome(-1, str(exc), [], str(exc))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="only cases whose id contains this")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--show", type=int, default=3, help="lines of output per failure")
    parser.add_argument("--all", action="store_true", help="a line for every case")
    parser.add_argument("--list", action="store_true", help="only list the cases")
    args = parser.parse_args()
    cases = [c for c in batch_cases() if args.only in c.id]
    if args.list:
        for case in cases:
            print(case.id)
        print(f"cases {len(cases)}; by family "
              f"{dict(Counter(c.id.split(':')[0] for c in cases))}")
        return
    with tempfile.TemporaryDirectory() as scratch, HELD:
        jobs = []
        own: list[Job] = []
        for number, case in enumerate(cases):
            root = Path(scratch) / f"c{number}"
            root.mkdir()
            job = Job(case.id, case.setup(root), cwd=str(root), env=case.env)
            (own if case.id.startswith(_OWN_PROCESS) else jobs).append(job)
        outcomes: dict[str, Outcome] = {job.id: _process(job, args.timeout) for job in own}
        with ThreadPoolExecutor(2) as pool:
            for done in pool.map(lambda js: run_batch(js, timeout=args.timeout),
                                 [jobs[0::2], jobs[1::2]]):
                outcomes.update(done)
        for path in Path(scratch).rglob("*"):
            if path.is_dir() and not path.is_symlink():
                path.chmod(stat.S_IRWXU)
    rows = [(case.id, judge(case, outcomes[case.id]), outcomes[case.id]) for case in cases]
    failures: Counter[str] = Counter()
    report_rows(rows, failures, args.show, args.all)


if __name__ == "__main__":
    main()
