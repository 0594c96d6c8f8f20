"""Hostile cases as parametrised tests: a case lays out a broken project, every case a module
selects runs in one batch through the real CLI (``run_batch``), and each test reads its own
outcome.

A test module imports :class:`Case` and the ``outcomes`` / ``outcome`` fixtures, and
parametrises its test over cases under the argument name ``case``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.support.hostile import Job, Outcome, run_batch

Setup = Callable[[Path], list[str]]


@dataclass(frozen=True)
class Case:
    """One hostile input: how to lay it out, the exit codes allowed, text the output must hold."""

    id: str
    setup: Setup
    exits: frozenset[int] = frozenset({2})
    expect: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)


@pytest.fixture(scope="module")
def outcomes(request: pytest.FixtureRequest,
             tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every selected case of the requesting module laid out and run in one batch."""
    jobs = []
    for item in request.session.items:
        case = getattr(item, "callspec", None) and item.callspec.params.get("case")
        if getattr(item, "module", None) is request.module and isinstance(case, Case):
            root = tmp_path_factory.mktemp(case.id[:40])
            jobs.append(Job(item.nodeid, case.setup(root), cwd=str(root), env=case.env))
    return run_batch(jobs)


@pytest.fixture
def outcome(request: pytest.FixtureRequest, outcomes: dict[str, Outcome]) -> Outcome:
    """The outcome of the requesting test's own case."""
    return outcomes[request.node.nodeid]
