"""`contract diff` over consecutive commits of a public spec's own git history.

Nothing is copied into this repository: the versions are read from a clone (any clone or bare
mirror of, e.g., plaid/plaid-openapi, XeroAPI/Xero-OpenAPI, twilio/twilio-oai,
Adyen/adyen-openapi, box/box-openapi, Asana/openapi) at run time, written to a temporary folder
and diffed pair by pair. It prints one line a pair (changes, seconds), every pair that could not
be diffed (a crash is a bug; a spec that cannot be read is a usage error with its reason), the
count of each (rule id, level), and each error and warning entry once, to be read against the
two specs::

    python -m tests.support.diff_real_history GIT_DIR SPEC_PATH [--pairs N] [--step K]

A split spec (``$ref`` to other files) is better diffed with ``seamguard contract history``,
which brings the files it refers to along.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path

from seamguard.contracts.diff import Change, diff_contracts, load_spec
from seamguard.errors import ContractError, DocumentError, UsageError


def commits(repo: Path, spec: str, pairs: int, step: int) -> list[str]:
    """The commits touching ``spec``, oldest first: ``pairs`` + 1 of them, ``step`` apart."""
    log = subprocess.run(["git", "-C", str(repo), "log", "--format=%h", f"-n{pairs * step + 1}",
                          "--", spec], capture_output=True, text=True, check=True).stdout
    return log.split()[::step][::-1]


def run(repo: Path, spec: str, pairs: int, step: int) -> tuple[list[tuple[str, str, Change]],
                                                               list[str]]:
    found: list[tuple[str, str, Change]] = []
    problems: list[str] = []
    suffix = Path(spec).suffix or ".yaml"
    with tempfile.TemporaryDirectory() as folder:
        previous: tuple[str, Path] | None = None
        for commit in commits(repo, spec, pairs, step):
            path = Path(folder) / f"{commit}{suffix}"
            shown = subprocess.run(["git", "-C", str(repo), "show", f"{commit}:{spec}"],
                                   capture_output=True, check=False)
            if shown.returncode != 0:
                problems.append(f"{commit}: git cannot show {spec} (absent from this clone)")
                continue
            path.write_bytes(shown.stdout)
            if previous is not None:
                started = time.perf_counter()
                try:
                    changes = diff_contracts(load_spec(previous[1], platform="p",
                                                       version=previous[0]),
                                             load_spec(path, platform="p", version=commit))
                except (ContractError, DocumentError, UsageError) as error:
                    problems.append(f"{previous[0]}..{commit}: refused: {error}")
                except Exception as error:  # a crash: the bug this run looks for
                    problems.append(f"{previous[0]}..{commit}: CRASH {type(error).__name__}: "
                                    f"{error}")
                else:
                    print(f"{previous[0]}..{commit} {len(changes)} changes "
                          f"{time.perf_counter() - started:.1f}s", flush=True)
                    found.extend((previous[0], commit, change) for change in changes)
            previous = (commit, path)
    return found, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("repo", type=Path)
    parser.add_argument("spec")
    parser.add_argument("--pairs", type=int, default=10)
    parser.add_argument("--step", type=int, default=1)
    args = parser.parse_args(argv)
    found, problems = run(args.repo, args.spec, args.pairs, args.step)
    for problem in problems:
        print(problem)
    counts = Counter((change.id, change.level) for _, _, change in found)
    for (rule, level), count in counts.most_common():
        print(f"{count:6d} {level:<8} {rule}")
    seen = set()
    for before, after, change in found:
        key = (before, change.id, change.message, change.component)
        if change.level != "info" and key not in seen:
            seen.add(key)
            print(f"{before}..{after} {change.level} {change.id} {change.operation} "
                  f"{change.path}: {change.message}")
    return 1 if any("CRASH" in problem for problem in problems) else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
