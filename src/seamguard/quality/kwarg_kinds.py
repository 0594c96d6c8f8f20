"""Kwargs whose kind GX's models coerce where the compiled engine would read the raw value: a
flag written as text (``"strict_min": "no"``, which GX reads as false and Python's truth as
true), a count or length that is not whole (``"value": 3.5``, which GX truncates to 3), one
pattern or one bound given as a list or a table (``"regex": ["^p"]``), a list given as a table
or a word (``"value_set": {"paid": 1}``, read as its keys). Each means one thing to one engine
and another to the other, so the suite is refused with the kwarg's pointer before either
runs."""

from __future__ import annotations

from typing import Any

__all__ = ["kind_problem"]

# GX's boolean kwargs (expectation models of GX 1.x, and the kwargs every expectation takes)
_FLAGS = ("strict_min", "strict_max", "strictly", "exact_match", "catch_exceptions",
          "include_config", "ties_okay", "allow_cross_type_comparisons", "or_equal",
          "parse_strings_as_datetimes")
# expectations whose bounds or value count rows, columns, characters or distinct values
_COUNTED = ("expect_table_row_count_to_equal", "expect_table_row_count_to_be_between",
            "expect_table_column_count_to_equal", "expect_table_column_count_to_be_between",
            "expect_column_value_lengths_to_equal", "expect_column_value_lengths_to_be_between",
            "expect_column_unique_value_count_to_be_between")
_COUNTS = ("value", "min_value", "max_value")
_ONE_PATTERN = ("regex", "like_pattern", "strftime_format")
# kwargs GX reads as a list: a table there is iterated as its keys, a word as its letters
_LISTS = ("value_set", "column_list", "column_set", "type_list", "regex_list",
          "like_pattern_list", "value_pairs_set")
# a bound is a number, a date or time as text, or null; a suite parameter is caught before
_BOUNDS = ("min_value", "max_value")


def _whole(value: Any) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool)) or (
        isinstance(value, float) and value.is_integer())


def kind_problem(kind: str, kwargs: dict[str, Any]) -> tuple[str, str] | None:
    """(pointer below the expectation, message) of the first kwarg of the wrong kind, or None."""
    for key in _FLAGS:
        value = kwargs.get(key)
        if key in kwargs and value is not None and not isinstance(value, bool):
            return (f"/kwargs/{key}", f"`{key}` must be true or false, not {value!r} "
                    f"({type(value).__name__}): write it without quotes, e.g. \"{key}\": true")
    if kind in _COUNTED:
        for key in _COUNTS:
            value = kwargs.get(key)
            if value is not None and not _whole(value):
                return (f"/kwargs/{key}", f"`{key}` of {kind} counts, so it must be a whole "
                        f"number, not {value!r} ({type(value).__name__}): e.g. \"{key}\": 3")
    for key in _LISTS:
        value = kwargs.get(key)
        if isinstance(value, dict | str):
            return (f"/kwargs/{key}", f"`{key}` must be a list, not {type(value).__name__} "
                    f"{str(value)[:80]!r}: e.g. \"{key}\": [\"a\", \"b\"]")
    for key in _BOUNDS:
        value = kwargs.get(key)
        if isinstance(value, dict | list):
            return (f"/kwargs/{key}", f"`{key}` must be one bound (a number, or a date as "
                    f"text), not {type(value).__name__} {str(value)[:80]}: e.g. \"{key}\": 10")
    for key in _ONE_PATTERN:
        value = kwargs.get(key)
        if isinstance(value, list | dict):
            plural = " (use expect_column_values_to_match_regex_list for several)" \
                if key == "regex" else ""
            return (f"/kwargs/{key}", f"`{key}` must be one pattern (a string), not "
                    f"{type(value).__name__} {str(value)[:80]}{plural}")
    return None
