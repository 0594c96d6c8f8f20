"""Great Expectations' comparison rules, for the compiled SQL to follow on every engine.

GX 1.x validates a file on pandas: a value set is matched with ``Series.isin`` (Python
equality: ``1 == 1.0 == True``, but ``1 != "1"`` and ``date(2024, 1, 1) != "2024-01-01"``),
bounds are first coerced by the expectation's model (``"2"`` becomes ``2.0``,
``"2024-01-01"`` a date, ``"2024-01-01T10:00"`` a datetime) and then compared with the
column's values as Python compares them (a date with a number or a datetime, or text with
anything but text, raises), and NaN is a missing value like None. SQL engines would instead
cast the literal to the column's type (``1 = '1'``), compare text bounds as text, or fail the
whole query; this module decides, per column type, the predicate or the error GX gives.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any, Literal

__all__ = ["Family", "between_problem", "coerce_bound", "family", "matching_values"]

Family = Literal["integer", "float", "decimal", "boolean", "text", "date"]

_INTEGER = re.compile(r"^(U?(BIG|SMALL|TINY|HUGE)?INT(EGER)?|INT[248]|LONG|SHORT|BYTE|"
                      r"BIGSERIAL|SERIAL)$")
_FLOAT = re.compile(r"^(DOUBLE( PRECISION)?|FLOAT[48]?|REAL)$")
_TEXT = re.compile(r"^(VARCHAR|TEXT|STRING|CHAR|BPCHAR|CHARACTER( VARYING)?|NVARCHAR)"
                   r"(\(\d+\))?$")


def family(type_name: str | None) -> Family | None:
    """The family of a column type as DuckDB, PostgreSQL or Spark names it (None: other)."""
    if not type_name:
        return None
    name = type_name.strip().upper()
    if name in ("BOOLEAN", "BOOL"):
        return "boolean"
    if _INTEGER.match(name):
        return "integer"
    if _FLOAT.match(name):
        return "float"
    if name.startswith(("DECIMAL", "NUMERIC")):
        return "decimal"
    if _TEXT.match(name):
        return "text"
    if name == "DATE":
        return "date"
    return None


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not (isinstance(value, float)
                                                   and math.isnan(value))


def matching_values(column: Family, values: list[Any]) -> list[Any]:
    """The items of a value set that can equal a value of the column, as Python compares them
    (the others never match): numbers (and booleans, 1 and 0) on number columns, booleans
    and the numbers 1 and 0 on boolean columns (as booleans), text on text columns, nothing
    on date columns (a JSON value set holds no dates)."""
    if column in ("integer", "float", "decimal"):
        return [int(v) if isinstance(v, bool) else v for v in values if _number(v)]
    if column == "boolean":
        found = []
        for value in values:
            if _number(value) and value in (0, 1):
                found.append(bool(value))
        return list(dict.fromkeys(found))
    if column == "text":
        return [v for v in values if isinstance(v, str)]
    return []


Bound = float | dt.date | dt.datetime | None


def coerce_bound(value: Any) -> Bound:
    """A bound as GX's expectation models read it (pydantic v1's parsers, in GX's order): a
    number (``"2"``, ``" 3 "``, ``"1e3"``, ``True`` become floats), else a date, else a
    datetime; None stays None, and so does text none of them reads (GX rejects it)."""
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, bool | int | float):
        return float(value)
    from pydantic.v1.datetime_parse import parse_date, parse_datetime

    text = str(value)
    for parse in (float, parse_date, parse_datetime):
        try:
            return parse(text)
        except (TypeError, ValueError):
            continue
    return None


def _kind(bound: Bound) -> str:
    if isinstance(bound, dt.datetime):
        return "a datetime"
    if isinstance(bound, dt.date):
        return "a date"
    return "a number"


def between_problem(column: Family, low: Bound, high: Bound, type_name: str) -> str | None:
    """Why GX raises comparing this column's values with these bounds, or None.

    Number and boolean columns take number bounds, date columns date bounds (a datetime
    bound raises too: Python does not order a date and a datetime), text columns none.
    """
    bounds = [b for b in (low, high) if b is not None]
    if column == "text":
        shown = ", ".join(f"{_kind(b)} ({b})" for b in bounds)
        return (f"column type {type_name} holds text, which GX compares with no number or date "
                f"bound (it reads the bounds as {shown}): GX raises here; check text with "
                "expect_column_value_lengths_to_be_between or …_match_regex, or store the "
                "column as a number or date")
    wanted = "a date" if column == "date" else "a number"
    for bound in bounds:
        if _kind(bound) != wanted:
            return (f"bound {bound} is {_kind(bound)} as GX reads it, but column type "
                    f"{type_name} takes {wanted}: comparing them raises in GX")
    if low is not None and high is not None and low > high:  # type: ignore[operator]
        return f"min_value {low} is greater than max_value {high}: GX raises"
    return None


def aggregate_verdict(stat: str, column: Family, observed: Any, present: int, rows: int,
                      kwargs: dict[str, Any]) -> tuple[bool, Any, str | None]:
    """``(success, observed, error)`` of ``expect_column_{stat}_to_be_between`` as GX on
    pandas decides it, from the column's statistic over its ``present`` values (of ``rows``).

    pandas' min and max of an object column with a gap compare the values with NaN, so text
    and date columns with a gap raise; text never compares with a number or a date bound,
    a date only with a date, a number or boolean only with a number; no statistic (every
    value missing) fails.
    """
    low, high = coerce_bound(kwargs.get("min_value")), coerce_bound(kwargs.get("max_value"))
    bounds = [b for b in (low, high) if b is not None]
    if not present:
        return False, None, None
    if column == "text":
        return False, None, (f"GX cannot take the {stat} of text values and compare it with "
                             "a number or date bound: it raises")
    if column == "date":
        if stat == "mean":
            return False, None, "GX cannot take the mean of dates: it raises"
        if present < rows:
            return False, None, (f"GX (pandas) cannot take the {stat} of a date column with "
                                 "missing values: it raises")
        if any(_kind(b) != "a date" for b in bounds):
            return False, None, (f"a date {stat} compares only with date bounds in GX; "
                                 f"bounds read as {', '.join(_kind(b) for b in bounds)} raise")
    if column == "boolean" and stat != "mean" and observed is not None:
        observed = bool(observed)
    elif column == "integer" and present < rows and observed is not None:
        observed = float(observed)  # pandas holds a whole-number column with gaps as float64
    elif stat == "mean" or column in ("float", "decimal"):
        observed = float(observed)  # GX serialises a decimal as a float
    if isinstance(observed, float) and math.isnan(observed):
        return False, None, None  # GX checks for no statistic before it reads the bounds
    if column != "date" and any(_kind(b) != "a number" for b in bounds):
        return False, None, (f"the {stat} of column type {column} compares only with number "
                             f"bounds in GX; a date or datetime bound raises")
    ok = True
    if low is not None:
        ok = ok and (observed > low if kwargs.get("strict_min") else observed >= low)
    if high is not None:
        ok = ok and (observed < high if kwargs.get("strict_max") else observed <= high)
    return bool(ok), observed, None
