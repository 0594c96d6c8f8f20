"""Compile the common expectation types of a suite into one aggregate SQL query per dataset.

One scan counts every expectation at once (``count(*) FILTER (WHERE …)`` per expectation), in
DuckDB for files and in the database for SQL datasets; only expectations that fail cost a second,
small query for their sample rows. Counts follow Great Expectations' definitions, so both engines
report the same numbers: map expectations ignore nulls and report the percentage of non-null
values; ``unique`` counts every row whose value occurs more than once.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from seamguard.quality.datasets import Dataset, literal, quote
from seamguard.quality.suites import Expectation

__all__ = ["COMPILED_TYPES", "Outcome", "compilable", "run_compiled"]


@dataclass
class Outcome:
    """What one expectation found, whichever engine ran it."""

    expectation: Expectation
    success: bool
    element_count: int = 0
    unexpected_count: int = 0
    unexpected_percent: float | None = None
    observed: Any = None
    samples: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    engine: str = "compiled"


def _text(dialect: str, sql: str) -> str:
    return f"CAST({sql} AS {'VARCHAR' if dialect == 'duckdb' else 'TEXT'})"


def _regex(dialect: str, sql: str, pattern: str) -> str:
    if dialect == "duckdb":
        return f"regexp_matches({_text(dialect, sql)}, {literal(pattern)})"
    return f"({_text(dialect, sql)} ~ {literal(pattern)})"


def _between(sql: str, kwargs: dict[str, Any]) -> str | None:
    low, high = kwargs.get("min_value"), kwargs.get("max_value")
    if low is None and high is None:
        return None
    parts = []
    if low is not None:
        parts.append(f"{sql} {'>' if kwargs.get('strict_min') else '>='} {literal(low)}")
    if high is not None:
        parts.append(f"{sql} {'<' if kwargs.get('strict_max') else '<='} {literal(high)}")
    return " AND ".join(parts)


def _in_set(dialect: str, col: str, values: list[Any]) -> str:
    if not values:
        return "FALSE"
    if all(isinstance(v, str) for v in values):
        col = _text(dialect, col)
    return f"{col} IN ({', '.join(literal(v) for v in values)})"


# Each builder returns the SQL predicate that is TRUE for an unexpected (non-null) value.
Builder = Callable[[str, str, dict[str, Any]], str | None]

_MAP_BUILDERS: dict[str, Builder] = {
    "expect_column_values_to_be_in_set":
        lambda d, c, k: f"NOT ({_in_set(d, c, list(k.get('value_set') or []))})",
    "expect_column_values_to_not_be_in_set":
        lambda d, c, k: _in_set(d, c, list(k.get("value_set") or [])),
    "expect_column_values_to_match_regex":
        lambda d, c, k: f"NOT {_regex(d, c, str(k['regex']))}" if "regex" in k else None,
    "expect_column_values_to_not_match_regex":
        lambda d, c, k: _regex(d, c, str(k["regex"])) if "regex" in k else None,
    "expect_column_values_to_be_between":
        lambda d, c, k: (f"NOT ({cond})" if (cond := _between(c, k)) else None),
    "expect_column_value_lengths_to_be_between":
        lambda d, c, k: (f"NOT ({cond})" if (cond := _between(
            f"length({_text(d, c)})", k)) else None),
}
_COLUMN_TYPES = {"expect_column_values_to_not_be_null", "expect_column_values_to_be_unique",
                 "expect_column_to_exist", *_MAP_BUILDERS}
_TABLE_TYPES = {"expect_table_row_count_to_be_between", "expect_table_row_count_to_equal"}
COMPILED_TYPES = frozenset(_COLUMN_TYPES | _TABLE_TYPES)


def compilable(expectation: Expectation) -> bool:
    """Whether the compiled engine runs this expectation (else GX does)."""
    kwargs = expectation.kwargs
    if expectation.type not in COMPILED_TYPES:
        return False
    known = {"column", "value_set", "regex", "min_value", "max_value", "strict_min",
             "strict_max", "mostly", "value", "result_format", "meta"}
    if set(kwargs) - known:
        return False  # options such as parse_strings_as_datetimes: leave them to GX
    if expectation.type in _MAP_BUILDERS:
        return _MAP_BUILDERS[expectation.type]("duckdb", "x", kwargs) is not None
    return True


def _mostly_ok(kwargs: dict[str, Any], unexpected: int, nonnull: int) -> bool:
    if nonnull == 0 or unexpected == 0:
        return True
    mostly = kwargs.get("mostly")
    if not isinstance(mostly, int | float):
        return False
    return (nonnull - unexpected) / nonnull >= mostly - 1e-12


def _condition(dataset: Dataset, exp: Expectation) -> str | None:
    """The predicate marking one unexpected row, or None for table-level expectations."""
    col = exp.column
    if col is None:
        return None
    sql = quote(col)
    if exp.type == "expect_column_values_to_not_be_null":
        return f"{sql} IS NULL"
    if exp.type == "expect_column_values_to_be_unique":
        return (f"{sql} IS NOT NULL AND {sql} IN (SELECT {sql} FROM {dataset.relation} "
                f"GROUP BY {sql} HAVING count(*) > 1)")
    builder = _MAP_BUILDERS.get(exp.type)
    if builder is None:
        return None
    return f"{sql} IS NOT NULL AND {builder(dataset.dialect, sql, exp.kwargs)}"


def run_compiled(dataset: Dataset, expectations: list[Expectation], *, key: list[str],
                 sample_rows: int) -> list[Outcome]:
    """Run the expectations in one scan of ``dataset``; sample rows only for failures."""
    outcomes: list[Outcome] = []
    selects = ["count(*)"]
    slots: list[tuple[Expectation, int, int]] = []  # expectation, unexpected slot, nonnull slot
    nonnull_slot: dict[str, int] = {}
    ctes: list[str] = []
    duplicates_at: dict[int, int] = {}  # expectation index -> slot of its duplicated values
    for exp in expectations:
        col = exp.column
        if col is not None and col not in dataset.columns:
            outcomes.append(Outcome(exp, False,
                                    error=f"column {col!r} is not in dataset {dataset.name!r}"))
            continue
        if exp.type in _TABLE_TYPES or exp.type == "expect_column_to_exist":
            slots.append((exp, -1, -1))
            continue
        assert col is not None
        if col not in nonnull_slot:
            nonnull_slot[col] = len(selects)
            selects.append(f"count({quote(col)})")
        if exp.type == "expect_column_values_to_be_unique":
            # One grouping gives the count and the first duplicated values (the samples).
            cte = quote(f"dup_{exp.index}")
            ctes.append(f"{cte} AS (SELECT {quote(col)} AS v, count(*) AS n FROM "
                        f"{dataset.relation} WHERE {quote(col)} IS NOT NULL "
                        f"GROUP BY {quote(col)} HAVING count(*) > 1)")
            selects.append(f"(SELECT coalesce(sum(n), 0) FROM {cte})")
            slot = len(selects) - 1
            agg = "list" if dataset.dialect == "duckdb" else "array_agg"
            selects.append(f"(SELECT {agg}(v) FROM (SELECT {_text(dataset.dialect, 'v')} AS v "
                           f"FROM {cte} LIMIT {max(int(sample_rows), 1)}) x)")
            duplicates_at[exp.index] = len(selects) - 1
        else:
            selects.append(f"count(*) FILTER (WHERE {_condition(dataset, exp)})")
            slot = len(selects) - 1
        slots.append((exp, slot, nonnull_slot[col]))
    with_clause = f"WITH {', '.join(ctes)} " if ctes else ""
    row = dataset.connection.rows(
        f"{with_clause}SELECT {', '.join(selects)} FROM {dataset.relation}")[0]
    total = int(row[0])
    for exp, slot, nonnull_at in slots:
        values = row[duplicates_at[exp.index]] if exp.index in duplicates_at else None
        outcomes.append(_outcome(dataset, exp, row, slot, nonnull_at, total, key, sample_rows,
                                 duplicated=list(values or [])))
    outcomes.sort(key=lambda o: o.expectation.index)
    return outcomes


def _outcome(dataset: Dataset, exp: Expectation, row: tuple[Any, ...], slot: int,
             nonnull_at: int, total: int, key: list[str], sample_rows: int,
             duplicated: list[Any]) -> Outcome:
    kwargs = exp.kwargs
    if exp.type == "expect_column_to_exist":
        return Outcome(exp, True, observed=exp.column)
    if exp.type in _TABLE_TYPES:
        if exp.type == "expect_table_row_count_to_equal":
            ok = total == kwargs.get("value")
        else:
            low, high = kwargs.get("min_value"), kwargs.get("max_value")
            ok = (low is None or total >= low) and (high is None or total <= high)
        return Outcome(exp, ok, element_count=total, observed=total)
    unexpected = int(row[slot] or 0)
    nonnull = int(row[nonnull_at] or 0)
    if exp.type == "expect_column_values_to_not_be_null":
        percent = 100.0 * unexpected / total if total else 0.0
        ok = _mostly_ok(kwargs, unexpected, total)
    else:
        percent = 100.0 * unexpected / nonnull if nonnull else 0.0
        ok = _mostly_ok(kwargs, unexpected, nonnull)
    outcome = Outcome(exp, ok, total, unexpected, percent)
    if unexpected and sample_rows:
        condition = _condition(dataset, exp) or "FALSE"
        if exp.type == "expect_column_values_to_be_unique" and exp.column is not None:
            if set(key) <= {exp.column}:  # the values are the samples: no second scan
                outcome.samples = [{exp.column: v} for v in duplicated[:sample_rows]]
                return outcome
            values = ", ".join(literal(str(v)) for v in duplicated) or "NULL"
            condition = f"{_text(dataset.dialect, quote(exp.column))} IN ({values})"
        outcome.samples = sample(dataset, condition, exp.column, key, sample_rows)
    return outcome


def sample(dataset: Dataset, condition: str, column: str | None, key: list[str],
           limit: int) -> list[dict[str, Any]]:
    """A few unexpected rows: their key columns and the offending value."""
    names = [k for k in key if k in dataset.columns]
    if column is not None and column not in names:
        names.append(column)
    if not names:
        names = dataset.columns[:3]
    # No ORDER BY: the first rows found let the scan stop early; the counts are always complete.
    columns = ", ".join(quote(n) for n in names)
    sql = (f"SELECT {columns} FROM (SELECT * FROM {dataset.relation}) d WHERE {condition} "
           f"LIMIT {int(limit)}")
    return [{n: _plain(v) for n, v in zip(names, values, strict=True)}
            for values in dataset.connection.rows(sql)]


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, str | int | bool):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    return str(value)
