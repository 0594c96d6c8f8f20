"""Compile a mapping spec's field rules to SQL expressions, for set-based reconciliation.

Each top-level rule becomes one expression over the source relation (alias ``s``), in DuckDB or
PostgreSQL syntax. Transforms with a faithful SQL form are compiled: ``to_string``, ``trim``,
``upper``, ``lower``, ``regex_replace``, ``remove_chars``, ``truncate``, ``decimal``,
``datetime_utc`` (ISO-8601 input, any ``tz``), ``coalesce``, ``split_tags`` + ``join``, enum
maps, constants and defaults. A rule using any other transform is reported with its index and
compared through the Python mapping engine for that one field (see ``quality.reconcile``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from seamguard.mapping.spec import FieldRule, MappingSpec
from seamguard.quality.datasets import literal, quote

__all__ = [
    "CompiledField", "NotCompilable", "compile_rule", "compile_rules", "decimal_sql",
    "stored_decimal_sql",
]

Dialect = Literal["duckdb", "postgresql"]
Kind = Literal["text", "decimal"]


class NotCompilable(Exception):
    """A rule has no SQL form; ``step`` names the transform at fault."""

    def __init__(self, step: str, reason: str) -> None:
        super().__init__(reason)
        self.step = step
        self.reason = reason


@dataclass
class CompiledField:
    """One target field as SQL over the source, and how to compare it with the target column."""

    index: int
    target: str
    sql: str
    kind: Kind = "text"
    places: int = 2
    python: bool = False  # computed by the Python mapping engine (a DuckDB scalar function)
    native: str | None = None  # without a mapping: the exact type both columns share
    sources: list[str] = field(default_factory=list)


def _text(dialect: Dialect, sql: str) -> str:
    return f"CAST({sql} AS {'VARCHAR' if dialect == 'duckdb' else 'TEXT'})"


def decimal_sql(dialect: Dialect, sql: str, places: int) -> str:
    """A number with ``places`` decimals; NULL when the text is not a number."""
    # Through text, so a float is read as its shortest spelling (2.675 -> 2.68), as in Python.
    kind = f"DECIMAL(38, {int(places)})"
    text = _text(dialect, sql)
    if dialect == "duckdb":
        return f"TRY_CAST(trim({text}) AS {kind})"
    return (f"(CASE WHEN trim({text}) ~ '^-?[0-9]+(\\.[0-9]+)?$' "
            f"THEN CAST(trim({text}) AS NUMERIC(38, {int(places)})) END)")


def stored_decimal_sql(dialect: Dialect, sql: str, exact: str | None = None) -> str:
    """A stored number read exactly as stored (no rounding); NULL when it is not a number.

    Through text, so a float column holding 8451.28 is read as 8451.28, not as the binary
    fraction nearest to it; 18 decimals and 20 integer digits (DuckDB), any (PostgreSQL).
    A column of an exact number type (``exact``: integer or decimal, see
    ``datasets.exact_type``) is cast directly, which gives the same number without the text.
    """
    if exact is not None and (exact == "integer" or exact.startswith("decimal")):
        return f"CAST({sql} AS {'DECIMAL(38, 18)' if dialect == 'duckdb' else 'NUMERIC'})"
    text = money_text_sql(dialect, _text(dialect, sql))
    if dialect == "duckdb":
        return f"TRY_CAST({text} AS DECIMAL(38, 18))"
    return (f"(CASE WHEN {text} ~ '^-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?$' "
            f"THEN CAST({text} AS NUMERIC) END)")


# Money as exports write it: full-width digits (U+FF10..), a currency sign or 元, thousands
# separators. Spelt as code points so the source stays ASCII.
_FULL_WIDTH = "".join(map(chr, [*range(0xFF10, 0xFF1A), 0xFF0E, 0xFF0C, 0xFF0D, 0xFF0B]))
# ¥ ￥ $ € £ 元 and the spaces around them (plain, no-break, ideographic)
_SIGNS = "".join(map(chr, [0xA5, 0xFFE5, 0x24, 0x20AC, 0xA3, 0x5143, 0x20, 0xA0, 0x3000]))


def money_text_sql(dialect: Dialect, text: str) -> str:
    """Stored money text as plain digits: ``￥1,234.50``, ``1,234.50 元`` and the same in
    full-width digits all read ``1234.50``; anything else is left for the cast to refuse.

    A comma is removed only where it groups thousands (``1,234``), never as a decimal comma."""
    plain = f"translate(trim({text}), '{_FULL_WIDTH}', '0123456789.,-+')"
    bare = f"regexp_replace({plain}, '[{_SIGNS}]', '', 'g')"
    grouped = "'^[-+]?[0-9]{1,3}(,[0-9]{3})+([.][0-9]+)?$'"  # no backslash: Spark reads it
    matches = (f"regexp_matches({bare}, {grouped})" if dialect == "duckdb"
               else f"{bare} ~ {grouped}")
    return f"(CASE WHEN {matches} THEN replace({bare}, ',', '') ELSE {bare} END)"


def source_sql(dialect: Dialect, path: str, alias: str = "s") -> str:
    """A dotted source path as a column (DuckDB structs; PostgreSQL jsonb for nested parts)."""
    if "[" in path or path.startswith("$"):
        raise NotCompilable("source", f"source path {path!r} has no SQL form")
    parts = path.split(".")
    if dialect == "duckdb":
        return f"{alias}." + ".".join(quote(p) for p in parts)
    head = f"{alias}.{quote(parts[0])}"
    if len(parts) == 1:
        return head
    inner = "".join(f"->{literal(p)}" for p in parts[1:-1])
    return f"({head}{inner}->>{literal(parts[-1])})"


def _regex_replace(dialect: Dialect, sql: str, pattern: str, replacement: str) -> str:
    from seamguard.mapping.regex_safety import backtracking_risk

    risk = backtracking_risk(pattern)
    if risk is not None:
        # PostgreSQL and Spark (java.util.regex) run it with no time bound on each value; the
        # Python engine runs mapping patterns bounded and names this one
        raise NotCompilable("regex_replace", f"pattern {pattern[:80]!r} backtracks "
                                             f"catastrophically ({risk}): no database is "
                                             "asked to run it")
    if pattern in ("^", "$") and "\\" not in replacement:  # a prefix or suffix: no regex needed
        return (f"({literal(replacement)} || {sql})" if pattern == "^"
                else f"({sql} || {literal(replacement)})")
    return f"regexp_replace({sql}, {literal(pattern)}, {literal(replacement)}, 'g')"


def _datetime(dialect: Dialect, sql: str, tz: str = "UTC") -> str:
    # Only ISO-8601 text is read (as the Python transform does without `format`); LIKE is a
    # cheap shape test, the cast rejects the rest. Text with an offset is that instant; text
    # without one is local time in `tz`, as the Python transform reads it.
    shape = f"({sql} LIKE '____-__-__T__:__%' OR {sql} LIKE '____-__-__ __:__%')"
    offset = "'([Zz]|[+-][0-9]{2}:?[0-9]{2})$'"
    zone = literal(tz)
    if dialect == "duckdb":
        instant = (f"(CASE WHEN regexp_matches({sql}, {offset}) "
                   f"THEN TRY_CAST({sql} AS TIMESTAMPTZ) "
                   f"ELSE timezone({zone}, TRY_CAST({sql} AS TIMESTAMP)) END)")
        return (f"(CASE WHEN {shape} THEN "
                f"strftime(timezone('UTC', {instant}), '%Y-%m-%dT%H:%M:%SZ') END)")
    instant = (f"(CASE WHEN {sql} ~ {offset} THEN CAST({sql} AS TIMESTAMPTZ) "
               f"ELSE CAST({sql} AS TIMESTAMP) AT TIME ZONE {zone} END)")
    return (f"(CASE WHEN {shape} THEN "
            f"to_char({instant} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') END)")


def _split_join(dialect: Dialect, sql: str, separator: str, joiner: str) -> str:
    if dialect == "duckdb":
        return (f"array_to_string(list_filter(list_transform(string_split({sql}, "
                f"{literal(separator)}), lambda t: trim(t)), lambda t: t <> ''), "
                f"{literal(joiner)})")
    return (f"array_to_string(ARRAY(SELECT trim(t) FROM unnest(string_to_array({sql}, "
            f"{literal(separator)})) AS t WHERE trim(t) <> ''), {literal(joiner)})")


Step = Callable[[Dialect, str, dict[str, Any]], str]
_STEPS: dict[str, Step] = {
    "to_string": lambda d, s, p: _text(d, s),
    "trim": lambda d, s, p: f"trim({_text(d, s)})",
    "upper": lambda d, s, p: f"upper({_text(d, s)})",
    "lower": lambda d, s, p: f"lower({_text(d, s)})",
    "regex_replace": lambda d, s, p: _regex_replace(d, _text(d, s), str(p["pattern"]),
                                                    str(p.get("replacement", ""))),
    "remove_chars": lambda d, s, p: _regex_replace(
        d, _text(d, s), "[" + re.escape(str(p["chars"])) + "]", ""),
    "truncate": lambda d, s, p: f"left({_text(d, s)}, {int(p['max_length'])})",
}


def compile_rule(dialect: Dialect, spec: MappingSpec, index: int,
                 rule: FieldRule) -> CompiledField:
    """One rule as SQL; NotCompilable when a step (or the source path) has no SQL form."""
    if rule.items is not None or rule.each is not None:
        raise NotCompilable("items", "rules building arrays have no SQL form")
    steps = rule.steps()
    result = CompiledField(index, rule.target, "", sources=rule.sources)
    if rule.constant is not None:
        value = rule.constant
        result.sql = _text(dialect, literal(value))
    elif len(rule.sources) == 1:
        result.sql = source_sql(dialect, rule.sources[0])
    else:
        if not steps or steps[0][0] != "coalesce":
            raise NotCompilable(steps[0][0] if steps else "source",
                                "several sources need `coalesce` first")
        parts = [f"NULLIF({_text(dialect, source_sql(dialect, p))}, '')" for p in rule.sources]
        result.sql = f"COALESCE({', '.join(parts)})"
        steps = steps[1:]
    _check_params(index, rule, steps)
    position = 0
    while position < len(steps):
        name, params = steps[position]
        if name == "split_tags":
            following = steps[position + 1] if position + 1 < len(steps) else None
            if following is None or following[0] != "join":
                raise NotCompilable(name, "split_tags without a following join")
            result.sql = _split_join(dialect, _text(dialect, result.sql),
                                     str(params.get("separator", ",")),
                                     str(following[1].get("separator", ";")))
            position += 2
            continue
        if name == "decimal":
            result.kind, result.places = "decimal", int(params.get("places", 2))
            result.sql = decimal_sql(dialect, result.sql, result.places)
        elif name == "datetime_utc":
            if params.get("format"):
                raise NotCompilable(name, "datetime_utc with a format")
            result.sql = _datetime(dialect, _text(dialect, result.sql),
                                   str(params.get("tz", "UTC")))
        elif name in _STEPS:
            result.sql = _STEPS[name](dialect, result.sql, params)
        else:
            raise NotCompilable(name, f"transform {name!r} has no SQL form")
        position += 1
    if rule.enum is not None:
        cases = " ".join(f"WHEN {literal(str(k))} THEN {literal(str(v))}"
                         for k, v in spec.enums[rule.enum].items())
        result.sql = f"(CASE {_text(dialect, result.sql)} {cases} END)"
    if rule.default is not None:
        result.sql = f"COALESCE(NULLIF({_text(dialect, result.sql)}, ''), {literal(rule.default)})"
    return result


def _check_params(index: int, rule: FieldRule, steps: list[tuple[str, dict[str, Any]]]) -> None:
    """UsageError at the step whose parameters its transform refuses (`truncate: {length: 5}`),
    as `map lint` says it: the SQL forms read the parameters by their names."""
    from seamguard.errors import UsageError
    from seamguard.mapping.transforms import TRANSFORMS

    offset = len(rule.transforms) - len(steps)  # steps the rule adds before its transforms
    for position, (name, params) in enumerate(steps):
        if name not in TRANSFORMS or name == "lookup":  # lookup reads a file: no SQL form
            continue
        try:
            TRANSFORMS.get(name).bind(params)
        except UsageError as exc:
            pointer = f"/fields/{index}/transforms/{max(position + offset, 0)}"
            raise UsageError(f"rule {index} ({rule.target}): transform {name!r}: {exc.message}",
                             pointer=pointer, hint=exc.hint or f"`seamguard map transforms` "
                             f"lists what {name!r} takes") from None


def compile_rules(dialect: Dialect, spec: MappingSpec
                  ) -> tuple[list[CompiledField], list[tuple[int, FieldRule, NotCompilable]]]:
    """Every top-level rule: the compiled ones, and (index, rule, reason) for the rest."""
    compiled, failed = [], []
    for index, rule in enumerate(spec.fields):
        try:
            compiled.append(compile_rule(dialect, spec, index, rule))
        except NotCompilable as exc:
            failed.append((index, rule, exc))
    return compiled, failed
