"""The name a user most likely meant, for every "did you mean" seamguard says.

``difflib`` alone compares characters as they are, so the mistakes people make most often with
names they half remember — the wrong case (``BASE_URL``, ``--FAIL-ON``, ``RUN``), hyphens for
underscores or the other way (``history-env``, ``--fail_on``), another tool's CamelCase
(``ExpectColumnValuesToNotBeNull``) — score far below the cut-off and get no suggestion at all.
Names equal but for those are matched first; then the closest spelling, as written and folded.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["nearest"]


def nearest(name: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The choice ``name`` most likely stands for, or None when none is close.

    Args:
        name: what the user wrote.
        choices: the names that exist.
        cutoff: the least ``difflib`` similarity (0..1) of a spelling suggestion.
    """
    import difflib  # on the error path only: `import seamguard` stays light

    options = list(dict.fromkeys(choices))
    folded = _fold(name)
    same = [option for option in options if _fold(option) == folded]
    if same:
        return same[0]
    close = difflib.get_close_matches(name, options, n=1, cutoff=cutoff)
    if close:
        return close[0]
    by_fold: dict[str, str] = {}
    for option in options:
        by_fold.setdefault(_fold(option), option)
    # Folding drops separators, so short names come closer than they are (``nope_at`` and
    # ``note`` fold to 0.6 alike): a folded suggestion must be clearly close.
    close = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=max(cutoff, 0.75))
    return by_fold[close[0]] if close else None


def _fold(name: str) -> str:
    return name.casefold().replace("-", "").replace("_", "")
