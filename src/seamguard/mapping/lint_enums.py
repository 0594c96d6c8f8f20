"""Mapping lint: an enum map against the enum of its source field.

Every value the source can send needs an entry (else a record fails to map at run time), and
every entry needs a value the source can send: a key the source enum lacks is never used, and
is most often a misspelling of the value that is then missing (``partialy_paid``), a number or
``null`` that YAML read from a bare key (a null passes the map untouched), or a value of
another platform's enum.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from seamguard.document_yaml import key_text
from seamguard.mapping.names import closest

__all__ = ["EnumProblem", "enum_key_problems"]


class EnumProblem(NamedTuple):
    code: str
    message: str
    expected: Any
    actual: Any
    hint: str


def enum_key_problems(name: str, target: str, mapped: dict[str, Any],
                      source_enum: Sequence[Any], *, keys_are_source: bool) -> list[EnumProblem]:
    """What is wrong between enum map ``name`` (used by field ``target``) and the source enum:
    values without an entry, and (when ``keys_are_source``: no transform runs before the map
    and no other rule shares it) entries for no value the source sends."""
    problems = []
    # A null passes an enum map untouched: it needs no entry, and an entry for it is unused.
    source_enum = [v for v in source_enum if v is not None]
    missing = [v for v in source_enum if v not in mapped and str(v) not in mapped]
    if missing:
        problems.append(EnumProblem(
            "mapping.enum-not-total",
            f"enum map {name!r} (used by {target!r}) has no entry for "
            f"{', '.join(map(repr, missing))} of the source enum",
            list(source_enum), list(mapped), "map every source value"))
    if not keys_are_source:
        return problems
    sent = {key_text(v) for v in source_enum} | {str(v) for v in source_enum}
    unknown = [key for key in mapped if key not in sent]
    if unknown:
        twin = closest(unknown[0], [key_text(v) for v in missing] or sorted(sent))
        problems.append(EnumProblem(
            "mapping.enum-unknown-key",
            f"enum map {name!r} (used by {target!r}) has entries for "
            f"{', '.join(map(repr, unknown))}, which the source enum does not hold "
            f"({', '.join(map(repr, source_enum))}), so they are never used",
            list(source_enum), unknown,
            (f"did you mean {twin!r}? " if twin else "")
            + "key each entry by a value the source sends (quote a key YAML would read as a "
              "number, a boolean or null), or drop the entry"))
    return problems
