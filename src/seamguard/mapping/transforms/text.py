"""Text transforms: trimming, case, regular expressions, lists, missing values and names."""

from __future__ import annotations

from typing import Any

from seamguard.mapping import reference_data as ref
from seamguard.mapping.transforms.core import (
    NON_EMPTY,
    TransformError,
    checked,
    string_normaliser,
    text_of,
    transform,
)
from seamguard.regex_limits import BoundedRegex, RegexTimeout

string_normaliser("trim", ref.trim)


@transform("strip_chars", accepts=["string"], returns="string", idempotent=True)
def strip_chars(value: str, chars: str) -> str:
    """Strip any of ``chars`` from both ends."""
    return value.strip(chars)


@transform("remove_chars", accepts=["string"], returns="string", idempotent=True)
def remove_chars(value: str, chars: str) -> str:
    """Remove any of ``chars`` anywhere: ``{remove_chars: {chars: " -()"}}`` on phones."""
    return value.translate(str.maketrans("", "", chars))


string_normaliser("lower", str.lower)
string_normaliser("upper", str.upper)
string_normaliser("title", ref.title_case)


@transform("regex_replace", accepts=["string"], returns="string", prepare=lambda params: {
    **params, "_regex": ref.compile_regex(params["pattern"], params["replacement"])})
def regex_replace(value: str, pattern: str, replacement: str, *,
                  _regex: BoundedRegex | None = None) -> str:
    """Replace every match of a Python regular expression (``\\1`` inserts a group).

    Bounded per value and per run (``seamguard.regex_limits``): a value the pattern backtracks
    on fails with a TransformError naming the pattern, and later values go on being mapped."""
    try:
        return (_regex or ref.compile_regex(pattern, replacement)).sub(replacement, value)
    except RegexTimeout as exc:
        raise TransformError(f"{exc}; hint: {exc.hint}") from None


@transform("truncate", accepts=["string"], returns="string", idempotent=True,
           prepare=checked(max_length=("at least 1", lambda length: length >= 1)))
def truncate(value: str, max_length: int) -> str:
    """Cut to at most ``max_length`` characters (code points), never inside a surrogate pair."""
    if len(value) <= max_length:
        return value
    return value[: max_length - ("\ud800" <= value[max_length - 1] <= "\udbff")]


# --- missing values and lists -----------------------------------------------------------------


@transform("default", accepts=["any"], returns="any", idempotent=True, nullable_input=False)
def default(item: Any, /, value: Any) -> Any:
    """Replace ``None`` or ``""`` with ``value`` (positional ``item`` leaves the name free)."""
    return value if item is None or item == "" else item


def _is_empty(value: Any) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or (isinstance(value, list | dict) and not value)


@transform("coalesce", accepts=["array"], returns="any")
def coalesce(value: list[Any]) -> Any:
    """First item that is not empty (None, blank text, [] or {}), or None if all are."""
    return next((item for item in value if not _is_empty(item)), None)


@transform("concat", accepts=["array"], returns="string")
def concat(value: list[Any], separator: str = "") -> str | None:
    """Join a list of values (``[first, last]``) into text, skipping None and ``""``; None
    when every value is None, so missing sources stay missing for ``default`` and ``required``
    (PostgreSQL's and DuckDB's ``concat_ws`` give ``""`` there); an empty list gives ``""``."""
    if value and all(item is None for item in value):
        return None
    return separator.join(text_of(item) for item in value if item is not None and item != "")


@transform("join", accepts=["array"], returns="string")
def join(value: list[Any], separator: str = ";") -> str:
    """Join a list into text, skipping None: ``["vip", "b2b"]`` -> ``vip;b2b``."""
    return separator.join(text_of(item) for item in value if item is not None)


@transform("split", accepts=["string"], returns="array", prepare=checked(separator=NON_EMPTY))
def split(value: str, separator: str) -> list[str]:
    """Split text at each ``separator``; empty text gives an empty list."""
    return value.split(separator) if value else []


@transform("split_tags", accepts=["string"], returns="array",
           prepare=checked(separator=NON_EMPTY))
def split_tags(value: str, separator: str = ",") -> list[str]:
    """Split a tag list: Shopify's ``"a, b ,c"`` -> ``["a", "b", "c"]``, trimmed, no empties."""
    return [tag for tag in (ref.trim(part) for part in value.split(separator)) if tag]


@transform("split_name", accepts=["string"], returns="array")
def split_name(value: str) -> list[str]:
    """Split a full name into ``[family, given]``: 张伟 -> [张, 伟], 欧阳娜娜 -> [欧阳, 娜娜].

    Compound surnames (欧阳, 司马, 诸葛...) take two characters when one follows; a Chinese name
    with a space keeps its order (张 伟). Others split at the last space or middle dot, family
    last: ``Mary Ann Smith`` -> [Smith, Mary Ann]; one word is a family name: [Madonna, ""].
    """
    return ref.split_full_name(ref.trim(value))


@transform("family_name", accepts=["string"], returns="string")
def family_name(value: str) -> str:
    """The family name of a full name, as ``split_name`` finds it."""
    return ref.split_full_name(ref.trim(value))[0]


@transform("given_name", accepts=["string"], returns="string")
def given_name(value: str) -> str:
    """The given name of a full name, as ``split_name`` finds it (may be empty)."""
    return ref.split_full_name(ref.trim(value))[1]
