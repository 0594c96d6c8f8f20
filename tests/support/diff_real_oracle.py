"""`contract diff` verdicts on consecutive versions of real published specs, against the
verdict read by hand off each pair's raw diff (``diff_real_oracle_cases``).

The specs are read from clones of their public repositories at run time, never copied here::

    python -m tests.support.diff_real_oracle --clones DIR [--verbose]

``DIR`` holds one clone (or bare mirror) per repository, as ``DIR/owner+name`` (a ``repo``
folder inside it is used when present) or ``DIR/owner/name``. Each pair prints the level
seamguard gives it (its highest change), the expected one, and each label's; the totals are
pairs agreeing with oasdiff's grading, pairs agreeing once seamguard's documented stances are
taken as its expected level, and labels agreeing. A repository or commit the clones lack is
said and the pair left out of the totals.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path

from seamguard.contracts.diff import Change, diff_contracts, load_spec
from seamguard.errors import ContractError, DocumentError, UsageError
from tests.support.diff_real_oracle_cases import PAIRS, Pair

_RANK = {"error": 0, "warning": 1, "info": 2}


def clone_of(clones: Path, repo: str) -> Path | None:
    owner, name = repo.split("/")
    for folder in (clones / f"{owner}+{name}" / "repo", clones / f"{owner}+{name}",
                   clones / owner / name):
        if folder.is_dir():
            return folder
    return None


def highest(changes: list[Change]) -> str:
    return min((c.level for c in changes), key=_RANK.__getitem__, default="info")


def _text(change: Change) -> str:
    return " ".join((change.operation, change.path, change.message, change.field or "",
                     change.component))


def diff_pair(clone: Path, pair: Pair, folder: Path) -> list[Change]:
    """seamguard's changes from ``pair.before`` to ``pair.after`` (UsageError when git lacks
    a version)."""
    sides = []
    for label, commit in (("before", pair.before), ("after", pair.after)):
        shown = subprocess.run(["git", "-C", str(clone), "show", f"{commit}:{pair.spec}"],
                               capture_output=True, check=False)
        if shown.returncode != 0:
            raise UsageError(f"git cannot show {commit}:{pair.spec}")
        path = folder / f"{pair.name}-{label}{Path(pair.spec).suffix}"
        path.write_bytes(shown.stdout)
        sides.append(load_spec(path, platform=pair.name, version=commit))
    return diff_contracts(sides[0], sides[1])


def score(clones: Path, *, verbose: bool = False) -> dict[str, int]:
    totals = dict.fromkeys(("pairs", "agree", "agree_stance", "labels", "labels_agree",
                            "missing"), 0)
    with tempfile.TemporaryDirectory() as tmp:
        for pair in PAIRS:
            clone = clone_of(clones, pair.repo)
            if clone is None:
                print(f"{pair.name}: no clone of {pair.repo} under {clones}")
                totals["missing"] += 1
                continue
            try:
                changes = diff_pair(clone, pair, Path(tmp))
            except (ContractError, DocumentError, UsageError) as error:
                print(f"{pair.name}: refused: {error}")
                got = "refused"
                changes = []
            else:
                got = highest(changes)
            totals["pairs"] += 1
            wanted = pair.stance[0] if pair.stance else pair.expected
            totals["agree"] += got == pair.expected
            totals["agree_stance"] += got == wanted
            marks = []
            for word, level in pair.labels:
                found = [c for c in changes if word.lower() in _text(c).lower()]
                seen = highest(found) if found else "none"
                totals["labels"] += 1
                totals["labels_agree"] += seen == level
                marks.append(f"{word}={seen}{'' if seen == level else f' (want {level})'}")
            flag = "ok" if got == wanted else "DIFFERS"
            stance = f" (seamguard's stance: {wanted})" if pair.stance else ""
            print(f"{flag:7} {pair.name}: seamguard {got}, oasdiff reading {pair.expected}"
                  f"{stance}; {len(changes)} changes; {', '.join(marks)}")
            if verbose and got != wanted:
                for change in changes:
                    if change.level != "info" or pair.expected != "info":
                        print(f"          {change.level} {change.id} {change.operation} "
                              f"{change.path}: {change.message}")
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clones", type=Path, required=True)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    totals = score(args.clones, verbose=args.verbose)
    print(f"pairs agreeing with oasdiff's grading: {totals['agree']}/{totals['pairs']}")
    print(f"pairs agreeing, documented stances taken: {totals['agree_stance']}/"
          f"{totals['pairs']}")
    print(f"labels agreeing: {totals['labels_agree']}/{totals['labels']}")
    if totals["missing"]:
        print(f"pairs without a clone: {totals['missing']}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
