"""Suite regexes tried bounded before GX on pandas runs them with ``re`` (unbounded).

GX evaluates ``…_match_regex`` and ``…_regex_list`` on a pandas frame with ``str.contains``:
one backtracking pattern on one long value would hang ``check``. Each such pattern is first run
over the column's values as GX reads them (``astype(str)``), bounded per value and in total
(``seamguard.regex_limits``); an expectation whose pattern hits the bound becomes an error
outcome naming the pattern and column, and is not handed to GX. The others run as before.
"""

from __future__ import annotations

import re
from typing import Any

from seamguard.quality.compiler import Outcome
from seamguard.quality.suites import Expectation
from seamguard.regex_limits import BoundedRegex, RegexTimeout

__all__ = ["screen_regexes"]


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
