"""The shared loop of the scorers of gateway platforms set up from settings alone
(``gateway_fresh3``, ``gateway_fresh4``): every case through the recorded check, the settings
that must be refused, and with ``--round-trip`` the same through the CLI on disk."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from seamguard.project import find_project
from tests.support.gateway_fresh2 import F2Case, Found, platform_verdicts
from tests.support.gateway_roundtrip import refused_round_trip, report, round_trip

__all__ = ["refusals_of", "scorer_main", "write_project"]

Write = Callable[..., Path]  # (root, platform, settings text or None) -> the project
Refused = Mapping[str, tuple[str, Iterable[str]]]  # name -> (settings text, words to say)


def write_project(root: Path, settings: str, platform: str, contract: tuple[str, str]) -> Path:
    """Writes a one-platform project under ``root``: ``settings`` (the text after
    ``[tool.seamguard]``) and ``contract`` ((version, OpenAPI text)) for ``platform``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text("[tool.seamguard]\n" + settings, encoding="utf-8")
    version, text = contract
    folder = root / "contracts" / platform / version
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "openapi.yaml").write_text(text, encoding="utf-8")
    (root / "fixtures" / "cassettes").mkdir(parents=True, exist_ok=True)
    return root


def refusals_of(root: Path, refused: Refused, write: Write,
                platform: str) -> list[tuple[str, str | None]]:
    """(name, None) for each ambiguous setting refused with the words it must say, else
    (name, what happened)."""
    out: list[tuple[str, str | None]] = []
    for name, (settings, words) in refused.items():
        try:
            find_project(write(root / name, platform, settings), explicit=True)
        except Exception as problem:
            text = str(problem)
            missing = [w for w in words if w not in text]
            out.append((name, f"refused without {missing}: {text}" if missing else None))
            continue
        out.append((name, "accepted"))
    return out


def scorer_main(args: list[str], cases: Mapping[str, list[F2Case]], write: Write,
                meant: Mapping[str, str], refused: Refused,
                platform: str) -> int:
    """Prints each miss and ``exact: N/M``; 0 when every case and refusal is exact (and,
    with ``--round-trip``, the CLI agrees)."""
    trip = None
    with tempfile.TemporaryDirectory() as tmp:
        results: list[tuple[F2Case, Found | str]] = platform_verdicts(Path(tmp), cases, write,
                                                                      meant)
        refusals = refusals_of(Path(tmp), refused, write, platform)
        if "--round-trip" in args:
            trip = round_trip(Path(tmp) / "cli", cases, write, results, meant)
            refused_trip = refused_round_trip(
                Path(tmp) / "cli", refused,
                lambda root, name: write(root, platform, refused[name][0]))
            trip.differences += refused_trip.differences
            trip.differing_cases |= refused_trip.differing_cases
            trip.cases += refused_trip.cases
            trip.runs += refused_trip.runs
    exact = 0
    for case, found in results:
        if not isinstance(found, str) and sorted(found, key=str) == sorted(case.expected,
                                                                           key=str):
            exact += 1
            continue
        if isinstance(found, str):
            print(f"MISS {case.name}: {found}")
            continue
        missing = [e for e in case.expected if e not in found]
        extra = [f for f in found if f not in case.expected]
        print(f"MISS {case.name}: missing {missing}, extra {extra}")
    for name, problem in refusals:
        if problem is None:
            exact += 1
        else:
            print(f"MISS {name}: {problem}")
    total = len(results) + len(refusals)
    print(f"exact: {exact}/{total}")
    tripped = report(trip) if trip is not None else 0
    return 0 if exact == total and not tripped else 1
