"""Near misses: a name one or two edits away from a declared one is most likely a typo of it.

Open records (HubSpot's ``*PropertiesInput`` takes any property) accept a misspelt field
silently, so mapping lint cannot rely on "unknown field" there: it asks whether the name is a
near miss of a declared one instead. Distance is the optimal string alignment distance (an
adjacent transposition is one edit: ``dealnmae`` -> ``dealname``); names that differ only in
case, ``_`` or ``-`` (``close_date``, ``closeDate``) always count.
"""

from __future__ import annotations

from collections.abc import Iterable

from seamguard.spelling import nearest

__all__ = ["closest", "near_miss"]


def _squeezed(name: str) -> str:
    return name.replace("_", "").replace("-", "").lower()


def near_miss(name: str, known: Iterable[str]) -> str | None:
    """The known name ``name`` most likely misspells (None when it is known or none is close).

    Short names (under six characters) allow one edit, longer ones two.
    """
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    candidates = [k for k in dict.fromkeys(known) if k]
    if name in candidates:
        return None
    squeezed = _squeezed(name)
    same = [k for k in candidates if _squeezed(k) == squeezed]
    if same:
        return same[0]
    limit = 1 if len(name) < 6 else 2
    best = process.extractOne(name, candidates, scorer=OSA.distance, score_cutoff=limit)
    return None if best is None else str(best[0])


def closest(name: str, known: Iterable[str]) -> str | None:
    """A near miss, else the most similar known name (for a did-you-mean on a real error)."""
    candidates = list(dict.fromkeys(known))
    found = near_miss(name, candidates)
    if found is not None:
        return found
    close = nearest(name, candidates)
    return close
