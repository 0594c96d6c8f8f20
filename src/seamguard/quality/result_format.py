"""GX's ``result_format`` on an expectation: how many failing rows a finding shows.

GX users write ``"result_format": "COMPLETE"`` (or ``{"result_format": "SUMMARY",
"partial_unexpected_count": 50}``) into an expectation's kwargs to say how much of a failure to
return. The verdict and the counts never depend on it, here or in GX. What it changes here is
the sample: ``BOOLEAN_ONLY`` shows no rows, a ``partial_unexpected_count`` at most that many, and
no finding shows more than ``[tool.seamguard.quality] sample_rows`` — a format asking for more
(``COMPLETE``, a larger count) says so in the finding's hint instead of being ignored.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FORMATS", "format_problem", "sample_limit"]

FORMATS = ("BOOLEAN_ONLY", "BASIC", "SUMMARY", "COMPLETE")
_KEYS = frozenset({"result_format", "partial_unexpected_count", "unexpected_index_column_names",
                   "include_unexpected_rows", "return_unexpected_index_query",
                   "exclude_unexpected_values"})


def format_problem(value: Any) -> str | None:
    """What is wrong with a ``result_format`` value GX would refuse, or None."""
    if isinstance(value, str):
        return None if value.upper() in FORMATS else (
            f"result_format {value!r} is not one of {', '.join(FORMATS)}")
    if not isinstance(value, dict):
        return f"result_format must be one of {', '.join(FORMATS)} or an object, not {value!r}"
    unknown = sorted(set(value) - _KEYS)
    if unknown:
        return f"result_format has no key {unknown[0]!r} (keys: {', '.join(sorted(_KEYS))})"
    level = value.get("result_format", "BASIC")
    if not isinstance(level, str) or level.upper() not in FORMATS:
        return f"result_format.result_format {level!r} is not one of {', '.join(FORMATS)}"
    count = value.get("partial_unexpected_count")
    if count is not None and (isinstance(count, bool) or not isinstance(count, int)
                              or count < 0):
        return f"partial_unexpected_count must be a whole number >= 0, not {count!r}"
    return None


def sample_limit(kwargs: dict[str, Any], sample_rows: int) -> tuple[int, str | None]:
    """(how many failing rows to show, a note when the format asks for more than shown)."""
    value = kwargs.get("result_format")
    if value is None or format_problem(value) is not None:
        return sample_rows, None
    level = (value if isinstance(value, str) else value.get("result_format", "BASIC")).upper()
    if level == "BOOLEAN_ONLY":
        return 0, None
    wanted = value.get("partial_unexpected_count") if isinstance(value, dict) else None
    if level == "COMPLETE" or (wanted is not None and wanted > sample_rows):
        asked = "every failing row" if level == "COMPLETE" else f"{wanted} failing rows"
        return sample_rows, (f"result_format asks for {asked}; the counts are complete and at "
                             f"most sample_rows = {sample_rows} rows are shown: raise "
                             "[tool.seamguard.quality] sample_rows to see more")
    return (sample_rows if wanted is None else min(wanted, sample_rows)), None
