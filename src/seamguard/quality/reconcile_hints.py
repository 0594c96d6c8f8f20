"""What a reconciliation difference most likely is, told in its finding's hint: a timestamp off by
a whole time-zone offset, a value cut to a length limit, a value or key that differs only in
case or spaces. Values are compared as the finding shows them; nothing here decides a verdict.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

__all__ = ["difference_hint", "near_keys"]

_STAMP = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)"
                    r"\s*(Z|[+-]\d{2}:?\d{2})?\s*$")


def _moment(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        return None
    found = _STAMP.match(value)
    if found is None:
        return None
    zone = found.group(3) or ""
    text = f"{found.group(1)}T{found.group(2)}" + ("+00:00" if zone == "Z" else zone)
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def _fold(value: str) -> str:
    """The text with case, full-width forms and spaces set aside."""
    return "".join(unicodedata.normalize("NFKC", value).casefold().split())


def difference_hint(source: Any, target: Any) -> str | None:
    """A sentence on what the difference looks like, or None."""
    first, second = _moment(source), _moment(target)
    if first is not None and second is not None and (
            (first.tzinfo is None) == (second.tzinfo is None)):
        seconds = (second - first).total_seconds()
        if seconds and seconds % 900 == 0 and abs(seconds) <= 14 * 3600:
            hours = abs(seconds) / 3600
            amount = f"{hours:g} h"
            side = "later" if seconds > 0 else "earlier"
            return (f"the target is exactly {amount} {side} than the source: a time-zone slip "
                    f"(a local time such as China time, UTC+8, stored as UTC, or the reverse); "
                    "write times with their offset, or convert them with `datetime_utc` and "
                    "the source's `tz`")
    if isinstance(source, str) and isinstance(target, str) and source != target:
        if target and source.startswith(target):
            return (f"the target holds the first {len(target)} of {len(source)} characters: "
                    "cut to a length limit (a column width, a `truncate` step, a byte limit "
                    "in another encoding)")
        if _fold(source) == _fold(target):
            return ("the values differ only in case, width or spaces: normalise them on one "
                    "side (`trim`, `upper`, `lower` in the mapping)")
    return None


def near_keys(missing: Iterable[Any], extra: Iterable[Any]) -> dict[str, str]:
    """Missing and extra keys that are the same key but for case, width or spaces, each mapped
    to its counterpart (both ways)."""
    folded: dict[str, str] = {}
    for key in missing:
        folded.setdefault(_fold(str(key)), str(key))
    out: dict[str, str] = {}
    for key in extra:
        twin = folded.get(_fold(str(key)))
        if twin is not None and twin != str(key):
            out[str(key)], out[twin] = twin, str(key)
    return out
