"""Compile the common expectation types of a suite into one aggregate SQL query per dataset.

One scan counts every expectation at once (``count(*) FILTER (WHERE …)`` per expectation), in
DuckDB for files and in the database for SQL datasets; only expectations that fail cost a second,
small query for their sample rows. Counts follow Great Expectations' definitions, so both engines
report the same numbers: map expectations ignore nulls and report the percentage of non-null
values; ``unique`` counts every row whose value occurs more than once.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from seamguard.quality.datasets import Dataset, columns_text, literal, quote
from seamguard.quality.gx_semantics import (
    Bound,
    Family,
    aggregate_verdict,
    between_problem,
    coerce_bound,
    family,
    matching_values,
)
from seamguard.quality.suites import Expectation

__all__ = ["COMPILED_TYPES", "Lookup", "Orphans", "Outcome", "compilable", "run_compiled"]


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
# Kwargs that change no verdict: how GX shows a result, and what GX 0.x suites saved from a
# validator carry (the batch it was built on; whether to catch errors, which are always
# reported here).
_NEUTRAL = ("result_format", "meta", "batch_id", "catch_exceptions")
# Expectations that read no value as such: compiled whatever the column's type.
_ANY_TYPE = {"expect_column_values_to_not_be_null", "expect_column_values_to_be_unique",
             "expect_column_to_exist"}
# Column statistics, compiled where the column's type is known (GX's rules need it).
_STATISTICS = {"expect_column_min_to_be_between": "min",
               "expect_column_max_to_be_between": "max",
               "expect_column_mean_to_be_between": "mean"}
COMPILED_TYPES = frozenset(_COLUMN_TYPES | _TABLE_TYPES | set(_STATISTICS))


# Escapes that mean the same in Python's re (GX on pandas), RE2 (DuckDB, Spark's Java regex)
# and PostgreSQL's AREs; `\b` is a word boundary in the first two and a backspace in the third.
_PORTABLE_ESCAPE = re.compile(r"\\(?:[dDwWsS]|[^A-Za-z0-9])")


def portable_regex(pattern: str) -> bool:
    """Whether ``pattern`` matches alike in every engine the compiled query runs on: no
    lookaround, backreference, atomic group or conditional (RE2 has none of them, and a query
    using one fails as a whole), only the common escapes, and inline flags only as a leading
    ``(?i)``. Any other regex is left to GX, which reads it as Python does."""
    body = pattern[4:] if pattern.startswith("(?i)") else pattern
    if "(?" in body.replace("(?:", ""):
        return False
    return "\\" not in _PORTABLE_ESCAPE.sub("", body)


def compilable(expectation: Expectation, dataset: Dataset | None = None) -> bool:
    """Whether the compiled engine runs this expectation on ``dataset`` (else GX does)."""
    kwargs = expectation.kwargs
    if expectation.type not in COMPILED_TYPES:
        return False
    if expectation.type in _STATISTICS:
        column = expectation.column
        if dataset is None or column is None or _family(dataset, column) is None:
            return False
        if set(kwargs) - {"column", "min_value", "max_value", "strict_min", "strict_max",
                          *_NEUTRAL}:
            return False
        if _family(dataset, column) == "text" and expectation.type != (
                "expect_column_mean_to_be_between") and any(
                isinstance(coerce_bound(kwargs.get(k)), dt.date)
                for k in ("min_value", "max_value")):
            # GX reads the text minimum or maximum as a date (dateutil) to compare it with a
            # date bound, and raises when it cannot: its own parser decides, on any engine.
            return False
        return kwargs.get("min_value") is not None or kwargs.get("max_value") is not None
    regex = kwargs.get("regex")
    if "regex" in expectation.type and not (isinstance(regex, str) and portable_regex(regex)):
        return False
    column = expectation.column
    if (dataset is not None and column is not None and column in dataset.columns
            and expectation.type not in _ANY_TYPE and _family(dataset, column) is None
            and str(dataset.types.get(column, "")).strip('"').upper() != "NULL"):
        # A timestamp (with or without a zone), a time, a list...: GX compares, matches and
        # writes its values by pandas' rules (a date bound on a timestamp raises, a zone-less
        # bound on a zoned one too), which SQL's casts do not follow. A column with no value
        # at all (DuckDB's NULL type) meets every map expectation either way.
        return False
    known = {"column", "value_set", "regex", "min_value", "max_value", "strict_min",
             "strict_max", "mostly", "value", *_NEUTRAL}
    if set(kwargs) - known:
        return False  # options such as parse_strings_as_datetimes: leave them to GX
    if (dataset is not None and dataset.connection.kind == "spark" and expectation.column
            and ("regex" in expectation.type or "lengths" in expectation.type)
            and _family(dataset, expectation.column) == "float"):
        return False  # Spark writes doubles as 1.0E20: GX's Spark data source reads them
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


def _family(dataset: Dataset, column: str) -> Family | None:
    return family(dataset.types.get(column))


def present(dataset: Dataset, column: str) -> str:
    """The predicate of a value GX examines: not null, and not NaN (pandas' missing value)."""
    sql = quote(column)
    if _family(dataset, column) != "float":
        return f"{sql} IS NOT NULL"
    kind = dataset.connection.kind
    # DuckDB reads a Parquet column's min/max statistics, which leave NaN out, and then
    # decides isnan(x) and x > 'Infinity' are false for every row: its text is reliable.
    nan = ("isnan(" + sql + ")" if kind == "spark" else f"{sql} = 'NaN'" if kind == "postgresql"
           else f"CAST({sql} AS VARCHAR) IN ('nan', '-nan')")
    return f"{sql} IS NOT NULL AND NOT {nan}"


def _number(value: float | int) -> str:
    if isinstance(value, float) and math.isinf(value):
        return f"CAST('{'-' if value < 0 else ''}Infinity' AS DOUBLE PRECISION)"
    return repr(value)


def _typed_literal(value: Any, kind: Family) -> str:
    if kind == "boolean":
        return "TRUE" if value else "FALSE"
    if kind in ("integer", "float", "decimal"):
        return _number(value)
    return literal(value)


def _typed_in_set(dataset: Dataset, column: str, kind: Family, values: list[Any]) -> str:
    """Membership as ``Series.isin`` decides it: only the items Python finds equal to a
    value of this column type can match (``"1"`` never matches the number 1)."""
    found = matching_values(kind, values)
    if not found:
        return "FALSE"
    return f"{quote(column)} IN ({', '.join(_typed_literal(v, kind) for v in found)})"


def _bound_sql(bound: Bound, kind: Family) -> str:
    if isinstance(bound, dt.date):
        return f"DATE '{bound.isoformat()}'"
    assert isinstance(bound, float)
    return _number(bound)


def _typed_between(dataset: Dataset, column: str, kind: Family,
                   kwargs: dict[str, Any]) -> str | None:
    """Inside the bounds as GX compares them, or None when GX raises (``between_problem``)."""
    low, high = coerce_bound(kwargs.get("min_value")), coerce_bound(kwargs.get("max_value"))
    if low is None and high is None:
        return None
    if between_problem(kind, low, high, dataset.types.get(column, "")) is not None:
        return None
    if any(isinstance(b, float) and math.isnan(b) for b in (low, high)):
        return "FALSE"  # pandas: no value compares with NaN
    sql = quote(column)
    if kind == "boolean":
        sql = f"CAST({sql} AS INTEGER)"
    parts = []
    if low is not None:
        parts.append(f"{sql} {'>' if kwargs.get('strict_min') else '>='} {_bound_sql(low, kind)}")
    if high is not None:
        parts.append(f"{sql} {'<' if kwargs.get('strict_max') else '<='} "
                     f"{_bound_sql(high, kind)}")
    return " AND ".join(parts)


_TYPED = {"expect_column_values_to_be_in_set", "expect_column_values_to_not_be_in_set",
          "expect_column_values_to_be_between"}


def type_problem(dataset: Dataset, exp: Expectation) -> str | None:
    """Why GX raises on this expectation for this column's type (when the column holds a
    value), or None."""
    col = exp.column
    if exp.type != "expect_column_values_to_be_between" or col is None:
        return None
    kind = _family(dataset, col)
    if kind is None:
        return None
    low, high = coerce_bound(exp.kwargs.get("min_value")), coerce_bound(
        exp.kwargs.get("max_value"))
    if low is None and high is None:
        return None
    return between_problem(kind, low, high, dataset.types.get(col, ""))


def _condition(dataset: Dataset, exp: Expectation) -> str | None:
    """The predicate marking one unexpected row, or None for table-level expectations."""
    col = exp.column
    if col is None:
        return None
    sql = quote(col)
    if exp.type == "expect_column_values_to_not_be_null":
        return f"NOT ({present(dataset, col)})"
    if exp.type == "expect_column_values_to_be_unique":
        return (f"{present(dataset, col)} AND {sql} IN (SELECT {sql} FROM {dataset.relation} "
                f"WHERE {present(dataset, col)} GROUP BY {sql} HAVING count(*) > 1)")
    kind = _family(dataset, col)
    if kind is not None and exp.type in _TYPED:
        if exp.type == "expect_column_values_to_be_between":
            inside = _typed_between(dataset, col, kind, exp.kwargs)
            return f"{present(dataset, col)} AND NOT ({inside})" if inside else "FALSE"
        member = _typed_in_set(dataset, col, kind, list(exp.kwargs.get("value_set") or []))
        if exp.type == "expect_column_values_to_be_in_set":
            member = f"NOT ({member})"
        return f"{present(dataset, col)} AND {member}"
    builder = _MAP_BUILDERS.get(exp.type)
    if builder is None:
        return None
    if kind not in (None, "text"):  # regex and lengths read the values as text
        sql = _as_python_text(dataset, col)
    return f"{present(dataset, col)} AND {builder(dataset.dialect, sql, exp.kwargs)}"


def _as_python_text(dataset: Dataset, column: str) -> str:
    """A column's values as text the way GX on pandas reads them for a regex or a length
    (``astype(str)``): ``True``/``False``, a whole-number column with gaps as floats
    (``1.0``: pandas holds it as float64), floats as Python's ``repr`` (``inf``, ``-0.0``)."""
    sql = quote(column)
    kind = _family(dataset, column)
    pg = dataset.dialect == "postgresql"
    text = f"CAST({sql} AS {'TEXT' if pg else 'VARCHAR'})"
    if kind == "boolean":
        return f"(CASE WHEN {sql} THEN 'True' ELSE 'False' END)"
    if kind == "integer":
        gaps = f"EXISTS (SELECT 1 FROM {dataset.relation} WHERE {sql} IS NULL)"
        return f"(CASE WHEN {gaps} THEN {text} || '.0' ELSE {text} END)"
    if kind == "float" and pg:  # PostgreSQL writes 2, -0 and Infinity
        return (f"(CASE WHEN {sql} = 'Infinity' THEN 'inf' WHEN {sql} = '-Infinity' THEN "
                f"'-inf' WHEN {text} ~ '^-?[0-9]+$' THEN {text} || '.0' ELSE {text} END)")
    return text  # DuckDB writes a double as Python's repr does; dates are ISO text


@dataclass(frozen=True)
class Lookup:
    """A reference checked inside the scan: ``column`` of the scanned rows must occur as ``to``
    in ``relation`` (another dataset of the same connection)."""

    column: str
    relation: str
    to: str


@dataclass
class Orphans:
    """What one reference found: rows whose value has no match, and a few of them."""

    count: int = 0
    samples: list[dict[str, Any]] = field(default_factory=list)


class _Scan:
    """The one aggregate query of a dataset, built slot by slot (``SELECT c0, c1, …``)."""

    def __init__(self, dataset: Dataset, key: list[str], sample_rows: int) -> None:
        self.dataset = dataset
        self.key = [k for k in key if k in dataset.columns]
        self.limit = max(int(sample_rows), 0)
        self.selects: list[str] = []
        self.ctes: list[str] = []
        self.joins: list[str] = []
        self.tails: list[str] = []  # one-row summaries cross-joined after the aggregate

    def add(self, sql: str) -> int:
        self.selects.append(f"{sql} AS c{len(self.selects)}")
        return len(self.selects) - 1

    def add_samples(self, condition: str, column: str) -> int | None:
        """A slot holding up to ``limit`` rows meeting ``condition`` (smallest key first).

        Only where the condition needs the scan's own joins (a reference's orphans): DuckDB
        and Spark keep the n smallest rows in bounded memory (``min_by(x, x, n)``).
        PostgreSQL has no such aggregate, and a bounded aggregate costs every row of the scan
        while a separate query stops after n rows, so expectations sample apart (``samples``).
        """
        if not self.limit or self.dataset.connection.kind == "postgresql":
            return None
        names = sample_columns(self.dataset, self.key, column)
        row = "struct_pack(" + ", ".join(f"f{i} := d.{quote(n)}"
                                         for i, n in enumerate(names)) + ")"
        return self.add(f"min_by({row}, {row}, {self.limit}) FILTER (WHERE {condition})")

    def sql(self) -> str:
        relation = self.dataset.relation
        with_clause = f"WITH {', '.join(self.ctes)} " if self.ctes else ""
        joins = "".join(f" {j}" for j in self.joins)
        aggregate = f"SELECT {', '.join(self.selects)} FROM (SELECT * FROM {relation}) d{joins}"
        if not self.tails:
            return f"{with_clause}{aggregate}"
        tails = "".join(f" CROSS JOIN ({t}) u{i}" for i, t in enumerate(self.tails))
        return f"{with_clause}SELECT * FROM ({aggregate}) a{tails}"

    def rows_of(self, value: Any, column: str) -> list[dict[str, Any]]:
        """Sample rows from a folded slot (DuckDB gives dicts, Spark Rows)."""
        names = sample_columns(self.dataset, self.key, column)
        out = []
        for item in value or []:
            values = list(item.values()) if isinstance(item, dict) else list(item)
            out.append({n: _plain(v) for n, v in zip(names, values, strict=True)})
        return out


def run_compiled(dataset: Dataset, expectations: list[Expectation], *, key: list[str],
                 sample_rows: int, lookups: Sequence[Lookup] = ()
                 ) -> tuple[list[Outcome], list[Orphans]]:
    """Run the expectations, and count each lookup's orphans, in one scan of ``dataset``.

    Every expectation is a ``count(*) FILTER (WHERE …)`` of the scan; a lookup is a left join
    of the scanned rows to the distinct referenced keys (its sample rows come from the same
    scan on DuckDB and Spark); a ``unique`` expectation groups its column once, into a one-row
    summary joined to the aggregate. The failing expectations' sample rows then come from one
    more query, each part of which stops after ``sample_rows`` rows.
    """
    outcomes: list[Outcome] = []
    scan = _Scan(dataset, key, sample_rows)
    total_at = scan.add("count(*)")
    slots: list[tuple[Expectation, int, int]] = []  # expectation, unexpected slot, nonnull slot
    nonnull_slot: dict[str, int] = {}
    tails: dict[int, int] = {}  # expectation index -> its unique summary
    for exp in expectations:
        col = exp.column
        if col is not None and col not in dataset.columns:
            if exp.type == "expect_column_to_exist":  # its failure, as GX reports it
                outcomes.append(Outcome(exp, False))
                continue
            outcomes.append(Outcome(exp, False, error=f"column {col!r} is not in dataset "
                                    f"{dataset.name!r} ({columns_text(dataset)})"))
            continue
        if exp.type in _TABLE_TYPES or exp.type == "expect_column_to_exist":
            slots.append((exp, -1, -1))
            continue
        assert col is not None
        if col not in nonnull_slot:
            counted = (f"count({quote(col)})" if _family(dataset, col) != "float"
                       else f"count(*) FILTER (WHERE {present(dataset, col)})")
            nonnull_slot[col] = scan.add(counted)
        if exp.type == "expect_column_values_to_be_unique":
            tails[exp.index] = _unique(scan, col)
            slot = -1  # set below, once the aggregate's width is known
        elif exp.type in _STATISTICS:
            slot = scan.add(_statistic(dataset, col, _STATISTICS[exp.type]))
        else:
            slot = scan.add(f"count(*) FILTER (WHERE {_condition(dataset, exp)})")
        slots.append((exp, slot, nonnull_slot[col]))
    looked: list[tuple[Lookup, int, int | None]] = []
    for number, lookup in enumerate(lookups):
        alias, known = quote(f"sg_ref{number}"), quote(f"sg_ref{number}_key")
        scan.joins.append(f"LEFT JOIN (SELECT DISTINCT {quote(lookup.to)} AS {known} FROM "
                          f"{lookup.relation} WHERE {quote(lookup.to)} IS NOT NULL) {alias} "
                          f"ON {alias}.{known} = d.{quote(lookup.column)}")
        orphan = f"d.{quote(lookup.column)} IS NOT NULL AND {alias}.{known} IS NULL"
        looked.append((lookup, scan.add(f"count(*) FILTER (WHERE {orphan})"),
                       scan.add_samples(orphan, lookup.column)))
    row = dataset.connection.rows(scan.sql())[0]
    total = int(row[total_at])
    width = len(scan.selects)  # each summary's two columns follow the aggregate's
    wanted: list[tuple[str, str | None]] = []  # (condition, column) of each sampled part
    sampled: list[Outcome | Orphans] = []
    for exp, slot, nonnull_at in slots:
        values = None
        if exp.index in tails:
            slot = width + 2 * tails[exp.index]
            values = row[slot + 1]
        if exp.type in _STATISTICS:
            assert exp.column is not None
            kind = _family(dataset, exp.column)
            assert kind is not None
            ok, observed, error = aggregate_verdict(
                _STATISTICS[exp.type], kind, row[slot], int(row[nonnull_at] or 0), total,
                exp.kwargs)
            outcomes.append(Outcome(exp, ok, total, observed=observed, error=error))
            continue
        outcome = _outcome(exp, row, slot, nonnull_at, total)
        problem = type_problem(dataset, exp)
        if problem is not None and int(row[nonnull_at] or 0):
            outcome = Outcome(exp, False, total, error=problem)
        outcomes.append(outcome)
        if outcome.unexpected_count and scan.limit and exp.column is not None:
            condition = _condition(dataset, exp) or "FALSE"
            # A unique's sample rows are those of any repeated value, compared as values
            # (-0.0 repeats 0.0): the first failing rows found, as GX lists them.
            if exp.index in tails and set(scan.key) <= {exp.column}:  # the values are the samples
                outcome.samples = [{exp.column: _plain(v)}
                                   for v in list(values or [])[:scan.limit]]
                continue
            wanted.append((condition, exp.column))
            sampled.append(outcome)
    outcomes.sort(key=lambda o: o.expectation.index)
    orphans = []
    for lookup, count_at, samples_at in looked:
        found = Orphans(int(row[count_at] or 0))
        if found.count and samples_at is not None:
            found.samples = scan.rows_of(row[samples_at], lookup.column)
        elif found.count and scan.limit:
            alias = quote("sg_ref")
            wanted.append((f"d.{quote(lookup.column)} IS NOT NULL AND NOT EXISTS (SELECT 1 "
                           f"FROM {lookup.relation} {alias} WHERE {alias}.{quote(lookup.to)} = "
                           f"d.{quote(lookup.column)})", lookup.column))
            sampled.append(found)
        orphans.append(found)
    for part, rows in zip(sampled, samples(dataset, wanted, scan.key, scan.limit), strict=True):
        part.samples = rows
    return outcomes, orphans


def _statistic(dataset: Dataset, column: str, stat: str) -> str:
    """The min, max or mean of the values GX examines (booleans as 0 and 1, as Python)."""
    sql = quote(column)
    kind = _family(dataset, column)
    if kind in ("text", "date") and stat == "mean":
        return "NULL"
    if kind == "boolean":
        sql = f"CAST({sql} AS INTEGER)"
    if stat == "mean":
        sql = f"CAST({sql} AS DOUBLE PRECISION)"
    function = {"mean": "avg"}.get(stat, stat)
    return f"{function}({sql}) FILTER (WHERE {present(dataset, column)})"


def _unique(scan: _Scan, col: str) -> int:
    """A ``unique`` expectation: its column grouped once, into a one-row summary (rows whose
    value repeats, and the smallest repeated values) joined after the aggregate."""
    dataset, limit = scan.dataset, max(scan.limit, 1)
    cte, column = quote(f"sg_dup{len(scan.ctes)}"), quote(col)
    scan.ctes.append(f"{cte} AS (SELECT {column} AS v, count(*) AS n FROM {dataset.relation} "
                     f"WHERE {present(dataset, col)} GROUP BY {column} HAVING count(*) > 1)")
    if dataset.dialect == "duckdb":  # DuckDB and Spark: the n smallest in bounded memory
        values = f"min_by(v, v, {limit})"
    else:
        values = (f"(SELECT array_agg(s) FROM (SELECT v AS s FROM {cte} ORDER BY v "
                  f"LIMIT {limit}) x)")
    tail = len(scan.tails)
    scan.tails.append(f"SELECT coalesce(sum(n), 0) AS n{tail}, {values} AS v{tail} FROM {cte}")
    return tail


def _outcome(exp: Expectation, row: tuple[Any, ...], slot: int, nonnull_at: int,
             total: int) -> Outcome:
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
    return Outcome(exp, ok, total, unexpected, percent)


def sample_columns(dataset: Dataset, key: list[str], column: str | None) -> list[str]:
    """The columns a sample row shows: the key columns and the offending value."""
    names = [k for k in key if k in dataset.columns]
    if column is not None and column not in names:
        names.append(column)
    return names or dataset.columns[:3]


def samples(dataset: Dataset, parts: list[tuple[str, str | None]], key: list[str],
            limit: int) -> list[list[dict[str, Any]]]:
    """A few rows meeting each condition, in one query: each part stops after ``limit`` rows.

    Each part is ``(condition, column)``; its rows show the key columns and ``column``. The
    parts are one ``UNION ALL`` of ``LIMIT`` queries (one round trip, one Spark job); each
    reads only until it has its rows, so common failures cost little and rare ones a scan of
    a few columns. No ORDER BY: the counts are always complete, the samples are the first
    rows found. On Spark each part is a query of its own: a ``LIMIT`` at the top of a query
    reads the first partition and stops once it has its rows (one task, no shuffle), where a
    ``LIMIT`` inside a union shuffles each part into one partition first (measured: about a
    quarter less CPU for the four parts of the benchmark's suite).
    """
    if not parts:
        return []
    shown = [sample_columns(dataset, key, column) for _, column in parts]
    every = list(dict.fromkeys(name for names in shown for name in names))
    # Every part selects every shown column (typed alike in every branch; a NULL would need
    # a type on PostgreSQL) and keeps its own.
    columns = ", ".join(f"d.{quote(n)}" for n in every)
    branches = []
    for number, (condition, _) in enumerate(parts):
        branches.append(f"SELECT * FROM (SELECT {number} AS sg_part, {columns} FROM "
                        f"(SELECT * FROM {dataset.relation}) d WHERE {condition} "
                        f"LIMIT {int(limit)}) p{number}")
    found: list[list[dict[str, Any]]] = [[] for _ in parts]
    conn = dataset.connection
    rows = ([row for branch in branches for row in conn.rows(branch)] if conn.kind == "spark"
            else conn.rows(" UNION ALL ".join(branches)))
    for part, *values in rows:
        names = shown[int(part)]
        by_name = dict(zip(every, values, strict=True))
        found[int(part)].append({n: _plain(by_name[n]) for n in names})
    return found


def _plain(value: Any) -> Any:
    """A sample value as GX serialises it: NaN as None, a decimal as a float."""
    if value is None or isinstance(value, str | int | bool):
        return value
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, float):
        return None if math.isnan(value) else value
    return str(value)
