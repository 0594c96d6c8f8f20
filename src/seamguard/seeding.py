"""What a hypothesis run's examples depend on: its seed and its settings, nothing else.

A sync run's scripts and a probe's requests are drawn by hypothesis, which keeps two kinds of
process-wide state that would otherwise reach a run:

- the settings profile loaded at the time (``settings.load_profile``, the pytest plugin's
  ``--hypothesis-profile``): a ``settings(...)`` object inherits every setting it does not name
  from it, e.g. ``backend`` (what draws the choices: ``hypothesis-urandom`` reads os.urandom,
  which no seed repeats) or ``verbosity`` (``verbose`` prints every script, personal data
  included);
- the pool of "local constants": before drawing, hypothesis sometimes picks a literal found in
  the source of the non-library modules imported *so far*. The pool grows with every module the
  process happens to have imported (other checks of ``seamguard check``, earlier tests of a
  pytest session), and one more constant that fits a draw shifts every later draw of the seed.

``run_settings`` names every setting (the sync harness builds its own), ``own_profile`` puts
hypothesis' own defaults in force for a run whose settings another library builds from the loaded
profile (schemathesis, for probe), and ``own_constants`` empties the pool for the length of a run
(and gives it back afterwards), so one seed draws the same examples in a fresh interpreter and
late in a long process alike.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

from hypothesis import HealthCheck, Phase, Verbosity, settings
from hypothesis.errors import InvalidArgument
from hypothesis.internal.conjecture import providers
from hypothesis.internal.constants_ast import Constants

__all__ = ["own_constants", "own_profile", "run_settings"]

_lock = threading.Lock()
_inside = 0  # runs under way
_saved: Any = None  # hypothesis' own lookup, while replaced
_profiled = 0  # runs under own_profile
_profile_before: str | None = None  # the profile loaded before the first of them
PROFILE = "seamguard-run"


def run_settings(examples: int) -> settings:
    """Every hypothesis setting of one exploration, none left to the loaded profile."""
    return settings(max_examples=examples, derandomize=False, database=None,
                    verbosity=Verbosity.quiet, phases=[Phase.explicit, Phase.generate],
                    stateful_step_count=50, report_multiple_bugs=True,
                    suppress_health_check=list(HealthCheck), deadline=None, print_blob=False,
                    backend="hypothesis")


def _defaults() -> settings:
    """hypothesis' documented defaults, each named (a re-registered "default" profile is not
    read), without the example database: a run leaves no files behind."""
    return settings(parent=None, max_examples=100, derandomize=False, database=None,
                    verbosity=Verbosity.normal, phases=tuple(Phase), stateful_step_count=50,
                    report_multiple_bugs=True, suppress_health_check=(),
                    deadline=200, print_blob=False, backend="hypothesis")


@contextlib.contextmanager
def own_profile() -> Iterator[None]:
    """hypothesis' own defaults are the loaded profile for the length of a run.

    For a library that builds its hypothesis settings on the loaded profile (schemathesis
    does, and takes a setting the profile changed over its own configuration): the profile
    loaded before (a test session's, the ``ci`` profile in CI) reaches none of its draws. The
    profile is named process-wide, so the library's worker threads load it too; the one loaded
    before is back when the last run ends.
    """
    global _profiled, _profile_before
    with _lock:
        if _profiled == 0:
            _profile_before = settings.get_current_profile_name()
            try:
                settings.get_profile(PROFILE)
            except InvalidArgument:
                settings.register_profile(PROFILE, _defaults())
        _profiled += 1
        settings.load_profile(PROFILE)
    try:
        yield
    finally:
        with _lock:
            _profiled -= 1
            if _profiled == 0 and _profile_before is not None:
                settings.load_profile(_profile_before)


def _no_local_constants() -> Constants:
    return Constants()


@contextlib.contextmanager
def own_constants() -> Iterator[None]:
    """hypothesis draws constants from its own fixed table only, not from the code loaded.

    Its provider looks the pool up by module attribute on every test case; the cache of
    constants allowed per draw is emptied on entry and on the last exit, as it holds the pool it
    was made from. Runs in several threads at once share one replacement until the last ends.
    """
    global _saved, _inside
    if not hasattr(providers, "_get_local_constants"):
        yield  # an older hypothesis, without the pool: nothing to keep out
        return
    with _lock:
        if _inside == 0:
            _saved = providers._get_local_constants
            providers._get_local_constants = _no_local_constants
            providers.CONSTANTS_CACHE.cache.clear()
        _inside += 1
    try:
        yield
    finally:
        with _lock:
            _inside -= 1
            if _inside == 0:
                providers._get_local_constants = _saved
                providers.CONSTANTS_CACHE.cache.clear()
