"""The keyed comparison of two relations in one pass: one FULL OUTER JOIN on the key.

Two forms of the same comparison, with the same answer:

* **Counted** (DuckDB, PostgreSQL): the join yields, in one aggregate row, every unmatched or
  differing row (the key, a flag per compared field and both values) and how many joined rows
  carry a key of each side. Those two counts prove there is no duplicate key: with ``n``
  non-null keys on a side, the join holds exactly ``n`` rows of that side unless a key is
  repeated on the other side, and a key repeated on one side only shows twice among the
  unmatched rows. Only a side that may hold a duplicate costs a second query naming its
  repeated keys (on DuckDB by sorting the keys and comparing each with the one before it, which
  costs about half a hash grouping of them; on PostgreSQL by grouping).
* **Windowed** (Spark): each side carries ``count(*) OVER (PARTITION BY key)``. Spark's
  sort-merge join already shuffles and sorts each side by the key, and the window reuses that
  shuffle and sort, so every duplicated key is named in the join itself: the join returns, as
  rows, the unmatched, differing and duplicated ones. No aggregate gathers them into one list
  (which Spark builds in a single task) and no second query groups the keys.

The reconciliation reports duplicated keys apart and never pairs their rows.

SQL is written in DuckDB's dialect (a Spark connection transpiles it) or in PostgreSQL's, whose
rows come back as JSON arrays of text.
"""

from __future__ import annotations

import datetime
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from seamguard.quality.datasets import Connection

__all__ = ["Compared", "KeyedDiff", "as_text", "compare_keyed", "joined_value"]


@dataclass
class Compared:
    """One compared field: its value on each side (SQL) and the predicate saying they differ."""

    source: str  # over the source relation, alias ``s``
    target: str  # over the target relation, alias ``t``
    differs: str  # over ``s.v{i}`` and ``t.v{i}`` (see ``joined_value``)


@dataclass
class KeyedDiff:
    """Keys on one side only, duplicated keys, and (key, field position, source, target)."""

    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str, int]] = field(default_factory=list)  # side, key, count
    differences: list[tuple[str, int, Any, Any]] = field(default_factory=list)
    seconds_grouping: float = 0.0  # naming duplicated keys (only when the join shows some)


def joined_value(side: str, position: int) -> str:
    """The column of one compared value inside the join (``s.v0``)."""
    return f"{side}.v{position}"


def as_text(item: Any) -> str | None:
    """A value as its SQL text (what ``CAST(x AS VARCHAR)`` prints), for findings."""
    if item is None or isinstance(item, str):
        return item
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, Decimal):
        return format(item, "f")
    if isinstance(item, datetime.date):
        return item.isoformat()
    return str(item)


def compare_keyed(conn: Connection, source: str, key_source: str, target: str,
                  key_target: str, fields: list[Compared], keys: tuple[int, int], *,
                  form: str | None = None) -> KeyedDiff:
    """Compare ``source`` (alias ``s``) with ``target`` (alias ``t``) by key.

    Args:
        conn: where both relations live.
        source: the source relation (what follows FROM).
        key_source: the key over ``s``.
        target: the target relation.
        key_target: the key over ``t``.
        fields: the compared fields, in order.
        keys: non-null keys on each side (rows), counted by the caller's aggregate.
        form: ``"counted"`` or ``"windowed"`` (see the module); by default windowed on Spark,
            counted elsewhere. Both give the same answer on every engine.
    """
    form = form or ("windowed" if conn.kind == "spark" else "counted")
    if form == "windowed":
        return _windowed(conn, source, key_source, target, key_target, fields)
    postgres = conn.dialect == "postgresql"
    text = "TEXT" if postgres else "VARCHAR"
    flags = [f.differs for f in fields]
    selects = _selects(key_source, key_target, fields)
    wanted = " OR ".join(["s.k IS NULL", "t.k IS NULL", *flags])
    if postgres:  # values as text inside JSON: exact, whatever their type
        parts = ["CAST(s.k AS TEXT)", "CAST(t.k AS TEXT)", *flags,
                 *(f"CAST({joined_value(side, i)} AS {text})" for i in range(len(fields))
                   for side in "st")]
        rows = f"json_agg(json_build_array({', '.join(parts)})) FILTER (WHERE {wanted})"
    else:  # native values, turned into their SQL text in Python (only the differing rows)
        parts = ["sk := s.k", "tk := t.k", *(f"d{i} := {flag}" for i, flag in enumerate(flags)),
                 *(f"{side}{i} := {joined_value(side, i)}" for i in range(len(fields))
                   for side in "st")]
        rows = f"list(struct_pack({', '.join(parts)})) FILTER (WHERE {wanted})"
    joined = (f"SELECT count(s.k), count(t.k), {rows} FROM "
              f"(SELECT {selects['s']} FROM {source} s WHERE {key_source} IS NOT NULL) s "
              f"FULL JOIN (SELECT {selects['t']} FROM {target} t "
              f"WHERE {key_target} IS NOT NULL) t ON s.k = t.k")
    in_source, in_target, found = conn.rows(joined)[0]
    if isinstance(found, str):
        found = json.loads(found)
    width = len(fields)
    unmatched: dict[str, list[str]] = {"source": [], "target": []}
    pairs: list[tuple[str, Any, Any]] = []
    _sort_rows((tuple(item.values()) if isinstance(item, dict) else tuple(item)
                for item in found or []), width, unmatched, pairs)
    # A side holds a duplicate key when its unmatched keys repeat, or when the other side's
    # rows were joined more often than that side has keys (a key repeated on this side).
    suspects = [side for side, count, own, other in (
        ("source", keys[0], unmatched["source"], in_target),
        ("target", keys[1], unmatched["target"], in_source))
        if len(set(own)) != len(own) or int(other) != keys[1 if side == "source" else 0]]
    started = time.perf_counter()
    duplicates: list[tuple[str, str, int]] = []
    for side in suspects:
        relation, key, alias = ((source, key_source, "s") if side == "source"
                                else (target, key_target, "t"))
        if postgres:
            named = (f"SELECT {key}, count(*) FROM {relation} {alias} WHERE {key} IS NOT NULL "
                     "GROUP BY 1 HAVING count(*) > 1")
        else:  # sorted keys, each against the one before: cheaper than hashing them all
            named = (f"SELECT k, count(*) + 1 FROM (SELECT {key} AS k, lag({key}) OVER "
                     f"(ORDER BY {key}) AS p FROM {relation} {alias} WHERE {key} IS NOT NULL) x "
                     "WHERE k = p GROUP BY k")
        for repeated, count in conn.rows(named):
            duplicates.append((side, str(as_text(repeated)), int(count)))
    seconds = time.perf_counter() - started
    result = _finish(unmatched, pairs, duplicates)
    result.seconds_grouping = seconds
    return result


def _selects(key_source: str, key_target: str, fields: list[Compared]) -> dict[str, str]:
    """Each side's key (``k``) and compared values (``v0``, ``v1``, ...)."""
    return {side: ", ".join([f"{key} AS k", *(
        f"{getattr(f, 'source' if side == 's' else 'target')} AS v{i}"
        for i, f in enumerate(fields))]) for side, key in (("s", key_source), ("t", key_target))}


def _sort_rows(rows: Iterable[tuple[Any, ...]], width: int, unmatched: dict[str, list[str]],
               pairs: list[tuple[str, Any, Any]]) -> None:
    """The returned rows of the join (source key, target key, ``width`` flags, the values):
    each a key on one side only, or a pair of rows. Every differing row passes here, so the
    loop makes no call per row; a NULL flag (a tolerance over two NULLs) reads as False in
    :func:`_finish`."""
    only_source, only_target = unmatched["source"], unmatched["target"]
    for row in rows:
        source_key, target_key = row[0], row[1]
        if target_key is None:
            if source_key is not None:
                only_source.append(str(as_text(source_key)))
        elif source_key is None:
            only_target.append(str(as_text(target_key)))
        else:
            pairs.append((str(as_text(source_key)), row[2:2 + width], row[2 + width:]))


def _finish(unmatched: dict[str, list[str]], pairs: list[tuple[str, Any, Any]],
            duplicates: list[tuple[str, str, int]]) -> KeyedDiff:
    """Missing and extra keys, the duplicated keys in order, and the differences of the pairs
    whose key is not duplicated."""
    result = KeyedDiff(missing=sorted(set(unmatched["source"])),
                       extra=sorted(set(unmatched["target"])),
                       duplicates=sorted(duplicates, key=lambda d: (d[0] != "source", d[1])))
    duplicated = {key for _, key, _ in result.duplicates}
    for key, differs, values in pairs:
        if key in duplicated:
            continue  # reported as duplicates; pairing their rows would be a guess
        for position, flag in enumerate(differs):
            if flag:
                result.differences.append((key, position, as_text(values[2 * position]),
                                           as_text(values[2 * position + 1])))
    return result


def _windowed(conn: Connection, source: str, key_source: str, target: str, key_target: str,
              fields: list[Compared]) -> KeyedDiff:
    """The comparison with each side's key counted by a window: one query returning rows."""
    flags = [f.differs for f in fields]
    selects = _selects(key_source, key_target, fields)
    wanted = " OR ".join(["s.n > 1", "t.n > 1", "s.k IS NULL", "t.k IS NULL", *flags])
    values = ", ".join(joined_value(side, i) for i in range(len(fields)) for side in "st")
    joined = (f"SELECT s.k, t.k, s.n, t.n{''.join(', ' + flag for flag in flags)}"
              f"{', ' + values if values else ''} FROM "
              f"(SELECT {selects['s']}, count(*) OVER (PARTITION BY {key_source}) AS n "
              f"FROM {source} s WHERE {key_source} IS NOT NULL) s FULL JOIN "
              f"(SELECT {selects['t']}, count(*) OVER (PARTITION BY {key_target}) AS n "
              f"FROM {target} t WHERE {key_target} IS NOT NULL) t ON s.k = t.k WHERE {wanted}")
    width = len(fields)
    unmatched: dict[str, list[str]] = {"source": [], "target": []}
    pairs: list[tuple[str, Any, Any]] = []
    counted: dict[tuple[str, str], int] = {}
    rows = conn.rows(joined)
    for row in rows:
        source_key, target_key, in_source, in_target = row[:4]
        for side, key, count in (("source", source_key, in_source),
                                 ("target", target_key, in_target)):
            if count is not None and int(count) > 1:
                counted[(side, str(as_text(key)))] = int(count)
    _sort_rows(((row[0], row[1], *row[4:]) for row in rows), width, unmatched, pairs)
    return _finish(unmatched, pairs, [(side, key, count) for (side, key), count in
                                      counted.items()])
