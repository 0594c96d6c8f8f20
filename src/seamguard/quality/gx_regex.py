"""A suite's regexes kept from running unbounded, on every engine.

- **pandas** (GX on a file dataset): GX evaluates ``…_match_regex`` and ``…_regex_list`` with
  ``str.contains`` (``re``, unbounded): one backtracking pattern on one long value would hang
  ``check``. Each such pattern is first run over the column's values as GX reads them
  (``astype(str)``), bounded per value and in total (``seamguard.regex_limits``); an
  expectation whose pattern hits the bound becomes an error outcome naming the pattern and
  column, and is not handed to GX (:func:`screen_regexes`).
- **DuckDB** (the compiled engine on a file dataset): ``regexp_matches`` is RE2, whose time is
  linear in the value: nothing to bound.
- **PostgreSQL** and **Spark** (compiled SQL, and GX on those data sources): the pattern runs in
  the database (``~``) or the JVM (``rlike``, ``java.util.regex``, a backtracking engine), where
  seamguard sets no bound per value. Before anything is sent, the static check of
  ``mapping.regex_safety`` reads each pattern; one of a shape known to backtrack
  catastrophically becomes an error outcome with the shape and a rewrite, and is not sent
  (:func:`refuse_backtracking`). A shape the check does not know still reaches the engine:
  the database's ``statement_timeout`` or the Spark job's own limits are the bound there.
"""

from __future__ import annotations

import re
from typing import Any

from seamguard.quality.compiler import Outcome
from seamguard.quality.suites import Expectation
from seamguard.regex_limits import BoundedRegex, RegexTimeout

__all__ = ["BACKTRACKING_ENGINES", "refuse_backtracking", "screen_regexes"]

#: Connection kinds whose regex engine backtracks and takes no time bound from seamguard.
BACKTRACKING_ENGINES = frozenset({"postgresql", "spark"})


def _patterns(exp: Expectation) -> list[str]:
    found = exp.kwargs.get("regex")
    listed = exp.kwargs.get("regex_list")
    patterns = [found] if isinstance(found, str) else []
    if isinstance(listed, list):
        patterns += [p for p in listed if isinstance(p, str)]
    return patterns


def screen_regexes(frame: Any, expectations: list[Expectation]
                   ) -> tuple[list[Expectation], list[Outcome]]:
    """The expectations safe to hand to GX, and an error outcome for each whose regex hit its
    time bound on a value of the frame."""
    kept: list[Expectation] = []
    stopped: list[Outcome] = []
    for exp in expectations:
        patterns = _patterns(exp) if "regex" in exp.type else []
        if not patterns or exp.column not in frame.columns:
            kept.append(exp)
            continue
        values = [str(v) for v in frame[exp.column].dropna().astype(str)]
        try:
            for pattern in patterns:
                bounded = BoundedRegex(pattern)
                for value in values:
                    bounded.search(value)
        except RegexTimeout as exc:
            stopped.append(Outcome(exp, False, error=f"{exc} (column {exp.column!r}); GX was "
                                   "not asked to run it", engine="gx"))
        except re.error:  # a pattern re refuses: GX reports it as before
            kept.append(exp)
        else:
            kept.append(exp)
    return kept, stopped


def refuse_backtracking(expectations: list[Expectation], kind: str
                        ) -> tuple[list[Expectation], list[Outcome]]:
    """The expectations safe to send to a ``kind`` engine, and an error outcome for each whose
    regex has a shape that backtracks catastrophically (nothing is refused on an engine that
    does not backtrack)."""
    if kind not in BACKTRACKING_ENGINES:
        return expectations, []
    from seamguard.mapping.regex_safety import backtracking_risk
    from seamguard.regex_limits import REWRITE_HINT

    kept: list[Expectation] = []
    refused: list[Outcome] = []
    for exp in expectations:
        risky = [(pattern, risk) for pattern in (_patterns(exp) if "regex" in exp.type else ())
                 if (risk := backtracking_risk(pattern)) is not None]
        if not risky:
            kept.append(exp)
            continue
        pattern, risk = risky[0]
        refused.append(Outcome(exp, False, engine=kind, error=(
            f"regular expression {pattern[:80]!r} (column {exp.column!r}) backtracks "
            f"catastrophically: {risk}; it was not sent to {_ENGINE_NAMES[kind]}, which would "
            f"run it with no time bound on each value — {REWRITE_HINT}")))
    return kept, refused


_ENGINE_NAMES = {"postgresql": "PostgreSQL", "spark": "Spark (java.util.regex)"}
