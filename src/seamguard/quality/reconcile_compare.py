"""The comparison behind the ``reconcile`` check: the mapping compiled to SQL and run where the
data lives (DuckDB for files, PostgreSQL for SQL datasets), or read from the recorded API pages;
keys missing on either side, duplicate keys, field-level differences, status counts and money
totals, gathered in a :class:`Reconciliation`.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from seamguard.errors import UsageError
from seamguard.mapping.spec import FieldRule, LoadedMapping
from seamguard.project import Project, ReconcileSettings
from seamguard.quality.datasets import (
    Connection,
    DatasetError,
    Datasets,
    exact_type,
    literal,
    quote,
)
from seamguard.quality.keyed import Compared, compare_keyed, joined_value
from seamguard.quality.mappings import find_mapping
from seamguard.quality.sqlmap import CompiledField, compile_rules, stored_decimal_sql


@dataclass
class Reconciliation:
    """What one reconciliation found (every row, no sample cap)."""

    name: str
    mapping: LoadedMapping | None
    key_name: str = ""
    source_rows: int = 0
    target_rows: int = 0
    missing_in_target: list[str] = field(default_factory=list)
    extra_in_target: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str, int]] = field(default_factory=list)  # side, key, count
    differences: list[tuple[str, str, Any, Any, int]] = field(default_factory=list)
    status_counts: list[tuple[str, int, int]] = field(default_factory=list)  # value, src, tgt
    # field, source total, target total, allowed difference (tolerance x rows)
    money: list[tuple[str, str, str, Decimal]] = field(default_factory=list)
    not_compiled: list[tuple[int, str, str, bool]] = field(default_factory=list)
    compared: list[str] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # phase -> seconds

    def counts(self) -> dict[str, Any]:
        """A summary without any data values, fit for an alert."""
        return {"reconciliation": self.name, "source_rows": self.source_rows,
                "target_rows": self.target_rows,
                "missing_in_target": len(self.missing_in_target),
                "extra_in_target": len(self.extra_in_target),
                "duplicate_keys": len(self.duplicates),
                "field_differences": len(self.differences),
                "status_mismatches": sum(1 for _, a, b in self.status_counts if a != b),
                "money_mismatches": sum(1 for m in self.money if _money_differs(m)),
                "seconds": round(self.seconds, 3)}


def _source_from_cassettes(project: Project, mapping: LoadedMapping, conn: Connection,
                           name: str) -> str:
    """Load recorded source records into a DuckDB table; returns its relation."""
    from seamguard.contracts.catalog import ContractCatalog
    from seamguard.mapping.check import recorded_records
    from seamguard.recordings.cassettes import Cassette
    from seamguard.verify import RecordedVerifier

    catalog = ContractCatalog(project)
    verifier = RecordedVerifier(project, catalog)
    records: list[Any] = []
    for path in project.cassette_files():
        cassette = verifier.read(path)
        if isinstance(cassette, Cassette):
            records.extend(record for _, _, record in
                           recorded_records(verifier, catalog, cassette, mapping))
    if conn.kind != "duckdb":
        raise DatasetError(f"reconciliation {name!r}: recorded pages reconcile against a file "
                           "dataset (DuckDB); give a source dataset for a SQL target",
                           hint="add `source = \"<dataset>\"` to the reconciliation, or make "
                                "the target a file dataset")
    relation = quote(f"src_{name}")
    if not records:
        raise DatasetError(f"reconciliation {name!r}: no recorded {mapping.spec.source.contract} "
                           f"records for mapping {mapping.name!r} in the cassettes",
                           hint="record some, or give `source = DATASET`")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                        encoding="utf-8")
        conn.duckdb().execute(
            f"CREATE OR REPLACE TABLE {relation} AS SELECT * FROM read_json('{path}', "
            "format='newline_delimited', dateformat='never', timestampformat='never')")
    return relation


def _python_rule(mapping: LoadedMapping, index: int, base_dir: Path) -> Any:
    """The Python mapping engine's function for one rule: source values -> target text."""
    from seamguard.mapping.engine import compile_mapping

    compiled = compile_mapping(mapping.spec, base_dir=base_dir)
    rule = next(r for r in compiled.rules if r.index == index)

    def apply(*values: Any) -> str | None:
        value: Any = values[0] if len(values) == 1 else list(values)
        for _, step in rule.steps:
            try:
                value = step(value) if value is not None or len(values) > 1 else None
            except ValueError:
                return None
        if rule.enum is not None and value is not None:
            value = rule.enum.get(value, rule.enum.get(str(value)))
        return None if value is None or value == "" else str(value)

    return apply


def _python_field(conn: Connection, mapping: LoadedMapping, index: int, base_dir: Path,
                  rule: FieldRule) -> CompiledField:
    """A rule with no SQL form, as a DuckDB scalar function calling the Python mapping engine."""
    from duckdb.sqltypes import VARCHAR

    from seamguard.phone_metadata import load_phone_metadata
    from seamguard.quality.sqlmap import source_sql

    apply = _python_rule(mapping, index, base_dir)
    # DuckDB runs the function on its worker threads: no lazy load may race there
    load_phone_metadata()
    function = f"sg_rule_{mapping.name.replace('-', '_')}_{index}"
    with contextlib.suppress(Exception):  # not registered yet
        conn.duckdb().remove_function(function)
    # DuckDB reads the arity from the signature, so no *args here.
    arity: list[Any] = [lambda a: apply(a), lambda a, b: apply(a, b),
                        lambda a, b, c: apply(a, b, c), lambda a, b, c, d: apply(a, b, c, d)]
    conn.duckdb().create_function(function, arity[len(rule.sources) - 1],
                                  [VARCHAR] * len(rule.sources), VARCHAR,
                                  null_handling="special", side_effects=False)
    args = ", ".join(f"CAST({source_sql('duckdb', p)} AS VARCHAR)" for p in rule.sources)
    return CompiledField(index, rule.target, f"{function}({args})", python=True,
                         sources=rule.sources)


def _python_differences(conn: Connection, mapping: LoadedMapping, index: int, rule: FieldRule,
                        base_dir: Path, joined: str, key_src: str) -> list[tuple[str, Any, Any]]:
    """(key, expected, actual) for one rule with no SQL form, outside DuckDB: the database
    returns the key, the raw source values and the target value; the Python engine maps them."""
    from seamguard.quality.sqlmap import source_sql

    apply = _python_rule(mapping, index, base_dir)
    text = "TEXT" if conn.dialect == "postgresql" else "VARCHAR"
    sources = ", ".join(f"CAST({source_sql(conn.dialect, p)} AS {text})" for p in rule.sources)
    out = []
    for key, *values, actual in conn.rows(
            f"SELECT {key_src}, {sources}, NULLIF(CAST(t.{quote(rule.target)} AS {text}), '') "
            f"{joined}"):
        expected = apply(*values)
        if expected != actual:
            out.append((str(key), expected, actual))
    return out


def reconcile(project: Project, datasets: Datasets, name: str,
              settings: ReconcileSettings) -> Reconciliation:
    """Run one reconciliation; DatasetError / UsageError when it cannot run."""
    started = time.perf_counter()
    pointer = f"tool.seamguard.reconcile.{name}"
    mapping = None
    if settings.mapping is not None:
        mapping = find_mapping(project, settings.mapping)
        if mapping is None:
            raise UsageError(f"reconciliation {name!r}: no mapping {settings.mapping!r}",
                             pointer=f"{pointer}.mapping",
                             hint="give the file stem of a spec in contracts/mappings/, or "
                                  "leave `mapping` out and compare same-named columns by `key`")
    target = datasets.open(settings.target)
    conn = target.connection
    source_columns: list[str] = []
    source_types: dict[str, str] = {}
    if settings.source is not None:
        source = datasets.open(settings.source)
        if source.connection is not conn:
            raise DatasetError(f"reconciliation {name!r}: {settings.source} and "
                               f"{settings.target} live in different places; both must be in "
                               "one database (or both files)", pointer=pointer,
                               hint="export one side so both are files, or load both into the "
                                    "same database")
        source_rel = source.relation
        source_columns, source_types = list(source.columns), source.types
    elif settings.cassettes and mapping is not None:
        source_rel = _source_from_cassettes(project, mapping, conn, name)
    else:
        raise UsageError(f"reconciliation {name!r} needs `source = DATASET` or "
                         "`cassettes = true`", pointer=pointer,
                         hint='e.g. source = "shopify_orders", a dataset of the settings')
    result = Reconciliation(name, mapping)
    dialect = conn.dialect
    wanted = set(settings.fields) if settings.fields is not None else None
    python_rules: list[tuple[int, FieldRule]] = []  # compared row by row (not DuckDB)
    if mapping is None:
        fields, key_field = _plain_fields(name, settings, source_types, target.types,
                                          source_columns, list(target.columns), dialect)
        key_names = list(settings.key)
    else:
        spec = mapping.spec
        try:
            fields, failed = compile_rules(dialect, spec)
        except UsageError as exc:  # a step's parameters: said at the mapping's own line
            raise UsageError(f"reconciliation {name!r}: {exc.message}", file=mapping.display,
                             line=mapping.line_of(exc.pointer or ""), pointer=exc.pointer,
                             hint=exc.hint) from None
        for index, rule, reason in failed:
            if wanted is not None and rule.target not in wanted:
                continue
            fallback = (rule.items is None and rule.each is None and 0 < len(rule.sources) <= 4
                        and not any(s.startswith("$") for s in rule.sources))
            if fallback and conn.kind == "duckdb":
                fields.append(_python_field(conn, mapping, index, project.root, rule))
            elif fallback:
                python_rules.append((index, rule))
            result.not_compiled.append((index, rule.target, reason.reason, fallback))
        found_key = next((f for f in fields if f.target == spec.identity.target), None)
        if found_key is None:
            raise UsageError(f"reconciliation {name!r}: the identity field "
                             f"{spec.identity.target!r} has no SQL form", pointer=pointer,
                             hint="reconcile on a key the mapping copies or casts")
        key_field, key_names = found_key, [spec.identity.target]
    result.key_name = "+".join(key_names)
    columns = set(target.columns)
    compared = [f for f in fields if f.target in columns and f is not key_field
                and (wanted is None or f.target in wanted)]
    result.compared = [f.target for f in compared]
    for key_name in key_names:
        if key_name not in columns:
            raise DatasetError(f"reconciliation {name!r}: target {settings.target} has no key "
                               f"column {key_name!r}", pointer=f"{pointer}.target",
                               hint="name the target's key column in `key`, or check the "
                                    "mapping's identity.target")
    text = "VARCHAR" if dialect == "duckdb" else "TEXT"

    tolerance = _tolerances(settings, fields, compared, pointer)

    def normal(f: CompiledField, sql: str, *, target_side: bool) -> str:
        """The value as compared: decimals as numbers, text with '' read as absent.

        The stored side is read as it is stored, never rounded to the mapping's own `places`:
        rounding it would make a changed `places` agree with data written under the old one.
        """
        if f.kind == "decimal" and f.native is not None:  # the same exact type both sides
            return sql
        if f.kind == "decimal":
            stored = exact_type(target.types.get(f.target))
            return stored_decimal_sql(dialect, sql, stored) if target_side else sql
        if f.native == "text":  # the same text type on both sides: no cast needed
            return f"NULLIF({sql}, '')"
        if f.native is not None:  # equal as values exactly when equal as text
            return sql
        return f"NULLIF(CAST({sql} AS {text}), '')"

    def differs(f: CompiledField, left: str, right: str) -> str:
        allowed = tolerance.get(f.target)
        if allowed is None:
            return f"({left} IS DISTINCT FROM {right})"
        return (f"(({left} IS NULL) <> ({right} IS NULL) OR "
                f"abs({left} - {right}) > {allowed})")

    by_target = {f.target: f for f in fields}
    key_src = f"CAST({key_field.sql} AS {text})"
    key_tgt = _key_sql([f"t.{quote(k)}" for k in key_names], text)
    if key_field.native and len(key_names) == 1:  # same key type on both sides: no casts
        key_src, key_tgt = key_field.sql, f"t.{quote(key_names[0])}"
    clock = time.perf_counter()

    def phase(label: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        result.timings[label] = result.timings.get(label, 0.0) + now - clock
        clock = now

    phase("open and compile")
    rows = conn.rows
    # Row counts, counts per status and money totals: one aggregate over both sides, which
    # also counts the non-null keys the join below checks its own counts against.
    compared_names = {f.target for f in compared} | {
        rule.target for _, rule in python_rules if rule.target in columns}
    status = settings.status if settings.status in compared_names else None
    money_fields = []
    for money in settings.money:
        money_field = by_target.get(money)
        if money_field is None or money not in compared_names:
            raise UsageError(f"reconciliation {name!r}: money field {money!r} is not a "
                             "compared target field", pointer=f"{pointer}.money",
                             hint="name a target field of the mapping that holds an amount")
        money_fields.append(money_field)

    def side_select(value_of: Any, relation: str, alias: str, number: int, key: str) -> str:
        status_sql = (f"CAST({value_of(by_target[status])} AS {text})" if status else "NULL")
        # Totals of the values as compared (the stored side unrounded), so a total cannot
        # agree where the rows do not; one wide type on both sides, or the union would take
        # the source's scale and round the stored side after all.
        wide = "DECIMAL(38, 18)" if dialect == "duckdb" else "NUMERIC"
        amounts = [value_of(f) if f.kind == "decimal" else stored_decimal_sql(dialect, value_of(f))
                   for f in money_fields]
        money_sql = "".join(
            f", {sql} AS m{i}" if f.kind == "decimal" and f.native is not None  # same type
            else f", CAST({sql} AS {wide}) AS m{i}"
            for i, (f, sql) in enumerate(zip(money_fields, amounts, strict=True)))
        return (f"SELECT {number} AS side, {status_sql} AS v, {key} AS k{money_sql} "
                f"FROM {relation} {alias}")

    sums = "".join(f", sum(m{i})" for i in range(len(money_fields)))
    counts = [0, 0]
    key_counts = [0, 0]
    money_totals: list[list[Decimal]] = [[Decimal(0)] * len(money_fields) for _ in range(2)]
    status_counts: dict[str, list[int]] = {}
    source_side = side_select(lambda f: normal(f, f.sql, target_side=False), source_rel, "s", 0,
                              key_src)
    target_side = side_select(lambda f: normal(f, "t." + quote(f.target), target_side=True),
                              target.relation, "t", 1, key_tgt)
    for number, value, count, keyed, *money_sums in rows(
            f"SELECT side, v, count(*), count(k){sums} FROM ({source_side} UNION ALL "
            f"{target_side}) x GROUP BY side, v"):
        counts[number] += int(count)
        key_counts[number] += int(keyed)
        money_totals[number] = [a + Decimal(str(b or 0)) for a, b in
                                zip(money_totals[number], money_sums, strict=True)]
        status_counts.setdefault(str(value), [0, 0])[number] += int(count)
    phase("row counts, status counts and money totals")
    # Keys and field differences: one full join, every compared field flagged in the same pass.
    diff = compare_keyed(
        conn, source_rel, key_src, target.relation, key_tgt,
        [Compared(normal(f, f.sql, target_side=False),
                  normal(f, "t." + quote(f.target), target_side=True),
                  differs(f, joined_value("s", i), joined_value("t", i)))
         for i, f in enumerate(compared)],
        (key_counts[0], key_counts[1]))
    result.missing_in_target, result.extra_in_target = diff.missing, diff.extra
    result.duplicates = diff.duplicates
    duplicated = {key for _, key, _ in result.duplicates}
    found = [(key, compared[position].target, source_value, target_value,
              compared[position].index)
             for key, position, source_value, target_value in diff.differences]
    found.sort(key=lambda d: (d[4], d[0]))
    result.differences = _stored_text(conn, target, key_tgt, compared, found, text)
    phase("keys and field differences: one join")
    if diff.seconds_grouping:  # within the phase above: shown apart, the join's share reduced
        result.timings["keys and field differences: one join"] -= diff.seconds_grouping
        result.timings["duplicated keys named (grouping)"] = diff.seconds_grouping
    joined = (f"FROM {source_rel} s JOIN {target.relation} t ON {key_src} = {key_tgt}")
    for index, rule in python_rules:
        if rule.target not in columns:
            continue
        assert mapping is not None  # python rules come from a mapping's rules
        for key, expected, actual in _python_differences(conn, mapping, index, rule,
                                                         project.root, joined, key_src):
            if key not in duplicated:
                result.differences.append((key, rule.target, expected, actual, index))
        result.compared.append(rule.target)
    result.source_rows, result.target_rows = counts
    if status:
        result.status_counts = [(v, a, b) for v, (a, b) in sorted(status_counts.items())]
    for i, f in enumerate(money_fields):
        result.money.append((f.target, _money(money_totals[0][i]), _money(money_totals[1][i]),
                             tolerance.get(f.target, Decimal(0)) * max(counts)))
    result.seconds = time.perf_counter() - started
    return result


def _stored_text(conn: Connection, target: Any, key_tgt: str, compared: list[CompiledField],
                 found: list[tuple[Any, str, Any, Any, int]], text: str
                 ) -> list[tuple[Any, str, Any, Any, int]]:
    """Differences whose stored money text reads as no number (``1.234,50``) show that text,
    not "none": one query for those keys."""
    readable = {f.target for f in compared if f.kind != "decimal" or f.native is not None
                or exact_type(target.types.get(f.target)) != "text"}
    unread = {(d[0], d[1]) for d in found if d[3] is None and d[1] not in readable}
    if not unread:
        return found
    stored: dict[tuple[Any, str], Any] = {}
    for column in sorted({c for _, c in unread}):
        keys = sorted({str(k) for k, c in unread if c == column})
        listed = ", ".join(literal(k) for k in keys)
        for key, value in conn.rows(
                f"SELECT CAST({key_tgt} AS {text}), t.{quote(column)} FROM {target.relation} t "
                f"WHERE CAST({key_tgt} AS {text}) IN ({listed}) AND t.{quote(column)} IS NOT "
                "NULL"):
            stored[(key, column)] = value
    return [(k, c, s, stored.get((str(k), c), t), i) for k, c, s, t, i in found]


def _key_sql(columns: list[str], text: str) -> str:
    """One text key from one or more key columns (``|`` between the parts of a composite key)."""
    if len(columns) == 1:
        return f"CAST({columns[0]} AS {text})"
    return "concat_ws('|', " + ", ".join(f"CAST({c} AS {text})" for c in columns) + ")"


def _plain_fields(name: str, settings: ReconcileSettings, source_types: dict[str, str],
                  target_types: dict[str, str], source_columns: list[str],
                  target_columns: list[str], dialect: Any) -> tuple[list[CompiledField],
                                                                    CompiledField]:
    """Without a mapping: the key and every compared column, read by the same name on both
    sides (money columns compared as the numbers they store on both sides)."""
    pointer = f"tool.seamguard.reconcile.{name}"
    for column in settings.key:
        if column not in source_columns:
            raise DatasetError(f"reconciliation {name!r}: source {settings.source} has no key "
                               f"column {column!r}", pointer=f"{pointer}.key",
                               hint="name the columns that identify a row in both datasets")
    shared = [c for c in source_columns if c in target_columns and c not in settings.key]
    wanted = settings.fields if settings.fields is not None else shared
    for column in [*wanted, *settings.money, *([settings.status] if settings.status else [])]:
        if column not in source_columns or column not in target_columns:
            side = "source" if column not in source_columns else "target"
            raise DatasetError(f"reconciliation {name!r}: the {side} has no column {column!r}",
                               pointer=f"{pointer}.fields",
                               hint=f"columns on both sides: {', '.join(shared) or 'none'}")
    def shared_type(column: str) -> str | None:
        kind = exact_type(source_types.get(column))
        return kind if kind is not None and kind == exact_type(target_types.get(column)) else None

    key = CompiledField(-1, "+".join(settings.key),
                        _key_sql([f"s.{quote(k)}" for k in settings.key], "VARCHAR"))
    if len(settings.key) == 1:
        key.native = shared_type(settings.key[0])
        if key.native is not None:
            key.sql = f"s.{quote(settings.key[0])}"
    fields = []
    for column in dict.fromkeys([*wanted, *settings.money,
                                 *([settings.status] if settings.status else [])]):
        native = shared_type(column)
        if column in settings.money and native is not None and native != "text" and (
                native == "integer" or native.startswith("decimal")):
            # One exact number type (same scale) on both sides: compared and summed as stored
            # (no wide cast, which Spark would hold as BigDecimal objects).
            fields.append(CompiledField(-1, column, f"s.{quote(column)}", kind="decimal",
                                        native=native))
        elif column in settings.money:
            fields.append(CompiledField(-1, column, stored_decimal_sql(
                dialect, f"s.{quote(column)}", exact_type(source_types.get(column))),
                kind="decimal"))
        else:
            fields.append(CompiledField(-1, column, f"s.{quote(column)}", native=native))
    return [key, *fields], key


def _money(value: Decimal) -> str:
    """A total as exact text: at least two decimals, none lost (``12.5`` -> ``12.50``)."""
    exact = format(value.normalize(), "f")
    whole, _, fraction = exact.partition(".")
    return f"{whole}.{fraction.ljust(2, '0')}"


def _money_differs(total: tuple[str, str, str, Decimal]) -> bool:
    _, source, target, allowed = total
    return abs(Decimal(source) - Decimal(target)) > allowed


def _tolerances(settings: ReconcileSettings, fields: list[CompiledField],
                compared: list[CompiledField], pointer: str) -> dict[str, Decimal]:
    """``tolerance = {amount = "0.01"}``: per decimal field, the largest difference that still
    counts as equal. None by default: a stored value must equal the mapping's output."""
    kinds = {f.target: f.kind for f in fields}
    names = {f.target for f in compared}
    out = {}
    for name, allowed in settings.tolerance.items():
        where = f"{pointer}.tolerance.{name}"
        if name not in names:
            raise UsageError(f"tolerance for {name!r}, which this reconciliation does not "
                             "compare", pointer=where,
                             hint=f"compared fields: {', '.join(sorted(names)) or 'none'}")
        if kinds[name] != "decimal":
            raise UsageError(f"tolerance for {name!r}: only fields the mapping makes decimals "
                             "(a `decimal` step) take a tolerance", pointer=where,
                             hint="give tolerances to money fields only")
        out[name] = allowed
    return out
