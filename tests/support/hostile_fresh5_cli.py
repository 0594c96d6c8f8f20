"""Command lines and environments as a shell leaves them, for ``hostile_fresh5``; each case is a
``python -m seamguard`` process of its own (the consoles read ``COLUMNS`` once per process).

* ``cli5-columns``: ``COLUMNS`` of 0 (some CI runners set it), 1, 5, 12, -3 and 39, for a run
  with a finding, a usage error of a command and of the program, and a contract lint error:
  what the run says must be there to read (the finding's value, the option's name), not
  nothing or a column of single letters.
* ``cli5-tilde``: a ``~`` the shell did not expand (``--reports=~/out``, a quoted ``~/out``, the
  same for ``--baseline``, ``init`` and ``privacy scan``): it is the home folder; a folder named
  ``~`` made in the working tree is wrong (and ``rm -rf ~`` is how users clean it up).
* ``cli5-dash``: ``-`` where a file or folder is named (``--reports``, ``--baseline``, ``init``,
  ``privacy scan``, ``privacy scrub``): refused, or read as a path that exists; a file or folder
  named ``-`` made in the working tree is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.hostile import Outcome, run_seamguard
from tests.support.hostile_strategies import FAILS, ONE, TWO, classify
from tests.support.projects import MINI_CONTRACT, good_order, interaction, mini_project


@dataclass(frozen=True)
class ProcessCase:
    """One ``python -m seamguard`` run: ``setup`` lays out the project and gives argv and
    environment; ``after`` names what the run left wrong on disk."""

    id: str
    setup: Callable[[Path], tuple[list[str], dict[str, str]]]
    exits: frozenset[int]
    expect: tuple[str, ...] = ()
    after: Callable[[Path], list[str]] = field(default=lambda root: [])


def _project(root: Path, contract: str = MINI_CONTRACT) -> Path:
    return mini_project(root / "p", contract=contract, interactions=[interaction(
        {"order": good_order(status="lost")})])


_BROKEN = MINI_CONTRACT.replace("paths:\n", "servers: [{url: 'https://{host}.example.com'}]\n"
                                "paths:\n", 1)
# name -> (argv after the project is laid out, contract, exits, expected text)
_RUNS: dict[str, tuple[Callable[[Path], list[str]], str, frozenset[int], tuple[str, ...]]] = {
    "verify": (lambda p: ["verify", "--project", str(p)], MINI_CONTRACT, ONE, ("lost",)),
    "usage": (lambda p: ["verify", "--project", str(p), "--bogus"], MINI_CONTRACT, TWO,
              ("--bogus",)),
    "program-usage": (lambda p: ["--bogus"], MINI_CONTRACT, TWO, ("--bogus",)),
    "lint": (lambda p: ["contract", "lint", "--project", str(p)], _BROKEN, FAILS, ("{host}",)),
}


def column_cases() -> list[ProcessCase]:
    cases = []
    for columns in ("0", "1", "5", "12", "-3", "39"):
        for name, (argv, contract, exits, expect) in _RUNS.items():
            def setup(root: Path, argv: Callable[[Path], list[str]] = argv,
                      contract: str = contract, columns: str = columns
                      ) -> tuple[list[str], dict[str, str]]:
                return argv(_project(root, contract)), {"COLUMNS": columns}
            cases.append(ProcessCase(f"cli5-columns:{columns}:{name}", setup, exits, expect))
    return cases


def _left(name: str) -> Callable[[Path], list[str]]:
    def after(root: Path) -> list[str]:
        return [f"made-{'tilde' if name == '~' else 'dash'}-path"] if (root / name).exists() \
            or (root / "p" / name).exists() else []
    return after


# name -> argv with {p} for the project and {v} for the value under test, exits
_PLACES: dict[str, tuple[list[str], frozenset[int]]] = {
    "reports-equals": (["verify", "--project", "{p}", "--reports={v}/out"], ONE),
    "reports": (["verify", "--project", "{p}", "--reports", "{v}/out"], ONE),
    "baseline": (["verify", "--project", "{p}", "--baseline", "{v}/b.json"], FAILS),
    "init": (["init", "{v}/newproject"], frozenset({0, 2})),
    "privacy-scan": (["privacy", "scan", "--project", "{p}", "{v}/data"], ONE),
    "lint-reports": (["contract", "lint", "--project", "{p}", "--reports={v}/lint"],
                     frozenset({0})),
}


# what ``privacy scan`` must find in the home folder the ``~`` names
_PERSONAL = "customer: zhang.wei@example.com, +86 138 1234 5678\n"


def tilde_cases() -> list[ProcessCase]:
    cases = []
    for name, (template, exits) in _PLACES.items():
        def setup(root: Path, template: list[str] = template
                  ) -> tuple[list[str], dict[str, str]]:
            project = _project(root)
            home = root / "home"
            (home / "data").mkdir(parents=True)
            (home / "data" / "note.txt").write_text(_PERSONAL, encoding="utf-8")
            argv = [a.replace("{p}", str(project)).replace("{v}", "~") for a in template]
            return argv, {"HOME": str(home)}
        cases.append(ProcessCase(f"cli5-tilde:{name}", setup, exits, after=_left("~")))
    return cases


def dash_cases() -> list[ProcessCase]:
    cases = []
    places = {**_PLACES, "scrub": (["privacy", "scrub", "--project", "{p}", "{v}"], TWO),
              "scan-alone": (["privacy", "scan", "--project", "{p}", "{v}"], TWO),
              "init-alone": (["init", "{v}"], TWO)}
    for name, (template, _) in places.items():
        def setup(root: Path, template: list[str] = template
                  ) -> tuple[list[str], dict[str, str]]:
            project = _project(root)
            argv = [a.split("{v}")[0] + "-" if "{v}" in a else a.replace("{p}", str(project))
                    for a in template]
            return argv, {}
        cases.append(ProcessCase(f"cli5-dash:{name}", setup, TWO, after=_left("-")))
    return cases


def process_cases() -> list[ProcessCase]:
    return [*column_cases(), *tilde_cases(), *dash_cases()]


def run_process_case(case: ProcessCase, root: Path, timeout: float) -> tuple[list[str], Outcome]:
    argv, env = case.setup(root)
    try:
        outcome = run_seamguard(*argv, cwd=root, timeout=timeout, env=env)
    except AssertionError as exc:  # the hang run_seamguard reports
        outcome = Outcome(-1, str(exc), [], str(exc))
    wrong = classify(outcome, case.exits, ())
    wrong = [w for w in wrong if w != "no-location"]  # placed by the argument it is about
    if outcome.code in (0, 1, 2) and not all(text in outcome.raw for text in case.expect):
        wrong.append("unreadable" if outcome.raw.strip() else "said-nothing")
    return wrong + case.after(root), outcome
