"""Target keys that collide: two different source records written to one target record.

A key that is unique in one shop is not unique across shops: Shopify order numbers, Jiandaoyun
serial numbers and JD order ids seen by several vendor accounts repeat, and a mapping that writes
only that number into the target's key makes the second record overwrite the first. Among the
recorded source records, two whose mapped key is equal are different records when the mapping's
own source identity differs, or when a field naming their shop, store, vendor, seller, app or
form (``venderId``, ``shop_id``, ``entryId``) does — an update of one record keeps both.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from seamguard.findings import Finding, Location, Severity
from seamguard.mapping.lint_endpoints import CHECK_ID
from seamguard.mapping.paths import compile_getter
from seamguard.mapping.spec import LoadedMapping

__all__ = ["identity_collisions", "read_path"]

# A field naming the account a record belongs to: venderId, shop_id, store, seller_nick, entryId.
_SCOPE = re.compile(r"(^|_)(shop|store|vend[eo]r|seller|mall|tenant|merchant|entry|app|site|"
                    r"org)(_?(id|no|code|nick|domain|name))?$", re.I)


def read_path(record: Any, path: str) -> Any:
    """The value at a dotted source path, None when absent or the path does not parse."""
    try:
        return compile_getter(path)(record)
    except (ValueError, TypeError):
        return None


def _scope_fields(record: Any, prefix: str = "", depth: int = 0) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not isinstance(record, dict) or depth > 2:
        return out
    for key, value in record.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_scope_fields(value, f"{path}.", depth + 1))
        elif isinstance(value, str | int) and _SCOPE.search(str(key)):
            out[path] = value
    return out


def _apart(mapping: LoadedMapping, first: Any, other: Any) -> tuple[str, Any, Any] | None:
    """(field, value, value) that shows two records are different records, or None."""
    source = mapping.spec.identity.source
    mine, theirs = read_path(first, source), read_path(other, source)
    if mine is not None and theirs is not None and mine != theirs:
        return source, mine, theirs
    scopes, others = _scope_fields(first), _scope_fields(other)
    for path, value in scopes.items():
        if path in others and others[path] != value:
            return path, value, others[path]
    return None


def identity_collisions(mapping: LoadedMapping,
                        mapped: Iterable[tuple[str, Any, dict[str, Any]]]) -> Iterator[Finding]:
    """One finding per target key that two different recorded records write.

    ``mapped`` holds (label, source record, mapped output) for each recorded record."""
    key = mapping.spec.identity.target
    seen: dict[str, tuple[str, Any]] = {}
    reported: set[str] = set()
    for label, record, output in mapped:
        value = read_path(output, key)
        if value is None:
            continue
        text = json.dumps(value, sort_keys=True, default=str)
        if text not in seen:
            seen[text] = (label, record)
            continue
        first_label, first = seen[text]
        apart = _apart(mapping, first, record)
        if apart is None or text in reported:
            continue
        reported.add(text)
        field, one, two = apart
        yield Finding(
            code="mapping.identity-collision", severity=Severity.ERROR, check=CHECK_ID,
            message=f"{first_label} and {label} are different records ({field} {one!r} and "
                    f"{two!r}) but both get {key} {value!r}: in "
                    f"{mapping.spec.target.contract} the second overwrites the first",
            location=Location(file=mapping.display, pointer="/identity",
                              line=mapping.line_of("/identity"),
                              operation=f"mapping {mapping.name}"),
            expected=f"a {key} per record", actual=value,
            # (the records' values and identities the message quotes: data read from them)
            quoted=(one, two, *(read_path(item, mapping.spec.identity.source)
                                for item in (first, record))),
            hint=f"make {key} unique across them: build it from {field} and the record's id "
                 f"(source: [{field}, ...] with {{concat: {{separator: \"-\"}}}})")
