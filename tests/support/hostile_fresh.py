"""Hostile cases of classes the other generators leave out, judged as they judge theirs.

* Network faults on 127.0.0.1 against ``record`` as well as drift's live fetch, the published-spec
  fetch and ``probe``: header floods, status lines without a version or code, byte-order marks
  before the status line, chunk sizes with signs and spaces, an interim answer and then silence,
  hand-made zstd and deflate bombs, lying content types, a server on IPv6 ``::1``, a port where
  nothing listens.
* Drift history files: text, zeros, cut short, of another schema version, a folder, a link to
  nowhere, a hot journal of garbage beside it, locked by another writer; baseline files of another
  version or shape, ``baseline save`` from a damaged ``report.json``.
* Command lines: arguments that are not UTF-8 (surrogate-escaped) or hold NUL, arguments of 100 kB,
  options given twice with different values, misspelt subcommands (a "did you mean" is expected).
* The environment: settings that come from variables with bad values; projects a user may not
  read or write (as root, run through ``setpriv`` without the capabilities that let root ignore
  file modes, so the interpreter stays reachable wherever it is installed).
* Every file kind in UTF-16 with a byte-order mark, UTF-8 with one, CRLF and lone CR line ends:
  each is judged against the same project unchanged (its control), so a file read as empty is a
  silent pass, and a harmless change (BOM, CRLF) must not change the result.

``python -m tests.support.hostile_fresh`` runs every case and prints one line per failing case and
the count per failure class.
"""

from __future__ import annotations

import argparse
import re
import stat
import tempfile
from collections import Counter
from pathlib import Path

from tests.support.hostile import Outcome, report_rows, run_in_two, set_up_jobs
from tests.support.hostile_cases import Case
from tests.support.hostile_classes import judge
from tests.support.hostile_fresh_cli import (
    ProcessCase,
    cli_cases,
    concurrent_outcomes,
    process_cases,
    request_cases,
    run_processes,
)
from tests.support.hostile_fresh_files import (
    baseline_cases,
    encoding_cases,
    history_cases,
    judge_encoding,
)
from tests.support.hostile_fresh_net import network_cases
from tests.support.hostile_strategies import ANY, HELD

# --- the campaign --------------------------------------------------------------------------------

def batch_cases() -> list[Case]:
    return [*network_cases(), *history_cases(), *baseline_cases(), *cli_cases(), *request_cases(),
            *encoding_cases()]


# Words of Python's own exceptions: a message that holds them tells the user nothing.
_INTERNALS = re.compile(r"object has no attribute|list indices must be|not subscriptable"
                        r"|unhashable type|NoneType|takes \d+ positional|KeyError"
                        r"|cannot read the run's findings: '\w+'\s")


def internals(outcome: Outcome) -> list[str]:
    """``python-internals`` when an error message repeats a Python exception's words."""
    return ["python-internals"] if outcome.code in (1, 2) and _INTERNALS.search(
        outcome.text) else []


def judge_case(case: Case, outcome: Outcome, outcomes: dict[str, Outcome]) -> list[str]:
    if case.id.startswith("encoding-"):
        control = outcomes[case.id.split(":", 1)[0] + ":control"]
        return judge_encoding(case, outcome, control) + internals(outcome)
    return judge(case, outcome) + internals(outcome)


def judge_process(case: ProcessCase, outcome: Outcome) -> list[str]:
    wrong = judge(Case(case.id, lambda root: [], case.exits, case.expect), outcome)
    if case.id.startswith("perm:") and case.expect and all(n in outcome.text
                                                           for n in case.expect):
        wrong = [w for w in wrong if w != "no-location"]  # a whole file or folder: its path
    if case.id.startswith("argv:") or (case.id.startswith("env:") and re.search(
            r"\$[A-Z_]{3,}|environment variable [A-Z_]{3,}", outcome.text)):
        wrong = [w for w in wrong if w != "no-location"]
    return wrong + internals(outcome)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="only cases whose id contains this")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--show", type=int, default=3, help="lines of output per failure")
    parser.add_argument("--all", action="store_true", help="a line for every case")
    args = parser.parse_args()
    cases = [c for c in batch_cases() if args.only in c.id or (
        args.only and c.id.endswith(":control") and args.only.split(":")[0] in c.id)]
    procs = [c for c in process_cases() if args.only in c.id]
    failures: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as scratch, HELD:
        jobs = set_up_jobs(cases, scratch)
        outcomes = run_in_two(jobs, timeout=args.timeout)
        (Path(scratch) / "proc").mkdir()
        process_outcomes = run_processes(procs, Path(scratch) / "proc", args.timeout)
        concurrent = concurrent_outcomes(Path(scratch) / "concurrent", args.timeout) \
            if args.only in "history:concurrent-drift" else []
        for path in Path(scratch).rglob("*"):  # nobody's cases may leave closed folders
            if path.is_dir() and not path.is_symlink():
                path.chmod(stat.S_IRWXU)
    rows: list[tuple[str, list[str], Outcome]] = []
    for case in cases:
        rows.append((case.id, judge_case(case, outcomes[case.id], outcomes),
                     outcomes[case.id]))
    for proc in procs:
        rows.append((proc.id, judge_process(proc, process_outcomes[proc.id]),
                     process_outcomes[proc.id]))
    for number, outcome in enumerate(concurrent):
        rows.append((f"history:concurrent-drift#{number}", judge(Case(
            "concurrent", lambda root: [], ANY, ()), outcome), outcome))
    report_rows(rows, failures, args.show, args.all)


if __name__ == "__main__":
    main()
