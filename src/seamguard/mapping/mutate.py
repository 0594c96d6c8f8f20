"""Mutants of a mapping rule: the single edits a reviewer's mistakes look like.

Each operator changes one thing in one rule — drop, reorder or swap a transform, change one
parameter (``places``, ``max_length``, ``region``, ``tz``, a regex, a separator), delete or
redirect an enum entry, read a similar sibling field, flip ``required``, change a default or a
constant, drop ``pii`` — and says so in words a person would use, with the kind of golden example
that would notice it. Mutants that are provably identical to the rule (two steps that commute, a
``to_string`` of a field that already is a string, an enum entry for a value the source cannot
send) are marked equivalent, with the reason, so a strength score never counts them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from seamguard.documents import escape_pointer
from seamguard.mapping.spec import FieldRule, MappingSpec

__all__ = ["Mutant", "SourceFacts", "mutants"]


@dataclass(frozen=True)
class Mutant:
    """One single-edit change of a top-level rule (or of a rule nested in it)."""

    rule: int  # index of the top-level rule in spec.fields
    pointer: str  # where the edit is, e.g. /fields/3/transforms/2
    operator: str  # drop-step, swap-steps, replace-step, parameter, enum-delete, ...
    description: str  # "dropping `phone_e164`"
    wanted: str  # the example that would notice: "a national-format number (no +86)"
    field: FieldRule  # the mutated top-level rule
    enums: dict[str, dict[str, Any]] | None = None  # a mutated enum map, by name
    equivalent: str | None = None  # why the mutant cannot change any output
    static: bool = False  # only a static check (lint) can notice it


@dataclass
class SourceFacts:
    """What the source contract says, for siblings and equivalence (all optional)."""

    types: Callable[[str], set[str] | None] = lambda path: None  # JSON types of a path
    enum: Callable[[str], list[Any] | None] = lambda path: None  # the source enum of a path
    siblings: Callable[[str], list[str]] = lambda path: []  # same-type neighbours of a path


# Steps that commute (either order gives the same text), so swapping them is no mistake.
_COMMUTE = {frozenset({"trim", "upper"}), frozenset({"trim", "lower"}),
            frozenset({"to_string", "trim"})}
# A transform a reviewer confuses with another one of the same shape.
_CONFUSED = {"upper": "lower", "lower": "upper", "datetime_utc": "date_only",
             "date_only": "datetime_utc", "to_integer": "to_number", "to_number": "to_integer",
             "join": "concat", "concat": "join", "mask_phone": "mask", "mask_email": "mask",
             "mask_name": "mask", "family_name": "given_name", "given_name": "family_name"}
# What a golden example needs so that a step (or a parameter) changes its output.
_WANTED = {
    "trim": "a value with spaces around it",
    "strip_chars": "a value starting or ending with one of the stripped characters",
    "remove_chars": "a value containing each of the removed characters",
    "upper": "a value in lower or mixed case", "lower": "a value in upper or mixed case",
    "phone_e164": "a national-format number (no country code, e.g. 138 1234 5678)",
    "region": "a national-format number (no country code, e.g. 138 1234 5678)",
    "datetime_utc": "a local time without offset (e.g. 2024-07-10 10:15:00)",
    "tz": "a local time without offset (e.g. 2024-07-10 10:15:00)",
    "format": "a time in that format whose day is above 12",
    "date_only": "a date-time late in the day in a zone east of UTC",
    "datetime_local": "a time with an offset (e.g. 2024-07-10T02:15:00Z)",
    "decimal": "an amount whose decimals matter (e.g. 59.9 or 8451.285)",
    "places": "an amount with more decimals than kept (e.g. 8451.285)",
    "truncate": "a value longer than the limit", "max_length": "a value longer than the limit",
    "to_string": "a number (e.g. a 13-digit id such as 5829461287001)",
    "coalesce": "an input whose first source is empty and a later one set",
    "split_tags": "tags with spaces around the separators (e.g. 'VIP, 618 ,b2b')",
    "join": "two or more items", "concat": "two non-empty parts",
    "separator": "two or more non-empty parts",
    "regex_replace": "a value the pattern matches", "pattern": "a value the pattern matches",
    "replacement": "a value the pattern matches",
    "money_to_minor": "an amount with decimals", "currency": "an amount with decimals",
    "to_number": "a value with a fraction (e.g. \"59.90\")",
    "to_integer": "a value with a fraction (e.g. \"59.90\")",
    "email": "an address in mixed case with spaces", "country_iso2": "a country by name",
    "province_code": "a province by name", "mask": "a value longer than the shown ends",
    "mask_phone": "a phone number", "mask_email": "an e-mail address",
    "keep_start": "a value longer than the shown ends",
    "keep_end": "a value longer than the shown ends",
}
_MAX_SIBLINGS = 3


def mutants(spec: MappingSpec, facts: SourceFacts | None = None) -> Iterator[Mutant]:
    """Every mutant of every rule of ``spec``, deduplicated, in rule order."""
    facts = facts or SourceFacts()
    for index, rule in enumerate(spec.fields):
        seen: set[str] = {_key(rule, None)}
        for mutant in _rule_mutants(spec, index, rule, f"/fields/{index}", facts,
                                    lambda changed: changed):
            key = _key(mutant.field, mutant.enums)
            if key in seen:
                continue
            seen.add(key)
            yield mutant


def _key(rule: FieldRule, enums: dict[str, Any] | None) -> str:
    return json.dumps([rule.model_dump(mode="json"), enums], sort_keys=True, default=str)


def _rule_mutants(spec: MappingSpec, index: int, rule: FieldRule, pointer: str,
                  facts: SourceFacts, wrap: Callable[[FieldRule], FieldRule]
                  ) -> Iterator[Mutant]:
    """The mutants of ``rule``; ``wrap`` puts a changed rule back into its top-level rule."""

    def made(operator: str, where: str, description: str, wanted: str, changed: FieldRule,
             **extra: Any) -> Mutant:
        return Mutant(index, where, operator, description, wanted, wrap(changed), **extra)

    yield from _step_mutants(rule, pointer, facts, made)
    yield from _enum_mutants(spec, rule, pointer, facts, made)
    yield from _source_mutants(rule, pointer, facts, made)
    if not rule.items and not rule.each:
        yield made("required", f"{pointer}/required",
                   f"{'dropping' if rule.required else 'adding'} `required: true`",
                   f"an input without {_sources(rule)}"
                   + (" and `problems: {" + rule.target + ": missing-required}`"
                      if rule.required else ""),
                   _copy(rule, required=not rule.required), equivalent=_never_missing(rule))
    if rule.default is not None:
        yield made("default", f"{pointer}/default", f"dropping the default {rule.default!r}",
                   f"an input without {_sources(rule)}", _copy(rule, default=None))
        for other in _values(rule.default):
            yield made("default", f"{pointer}/default",
                       f"changing the default {rule.default!r} to {other!r}",
                       f"an input without {_sources(rule)}", _copy(rule, default=other))
    if rule.constant is not None:
        for other in _values(rule.constant):
            yield made("constant", f"{pointer}/constant",
                       f"changing the constant {rule.constant!r} to {other!r}",
                       "any example", _copy(rule, constant=other))
    if rule.pii:
        yield made("pii", f"{pointer}/pii", "dropping `pii: true`",
                   f"a source contract that marks {_sources(rule)} as personal data (format: "
                   "email, or a phone- or name-like field) so lint can tell",
                   _copy(rule, pii=False), static=True)
    for number, sub in enumerate(rule.each or []):
        def in_each(changed: FieldRule, n: int = number) -> FieldRule:
            return wrap(_copy(rule, each=_replaced(rule.each or [], n, changed)))

        yield from _rule_mutants(spec, index, sub, f"{pointer}/each/{number}",
                                 _within(facts, rule.source), in_each)
    for group_number, group in enumerate(rule.items or []):
        for number, sub in enumerate(group):
            def rebuilt(changed: FieldRule, g: int = group_number, n: int = number) -> FieldRule:
                groups = [list(items) for items in rule.items or []]
                groups[g][n] = changed
                return wrap(_copy(rule, items=groups))

            yield from _rule_mutants(spec, index, sub, f"{pointer}/items/{group_number}/{number}",
                                     facts, rebuilt)


Made = Callable[..., Mutant]


def _within(facts: SourceFacts, source: Any) -> SourceFacts:
    """The facts of an array's elements: an `each:` rule's paths are read from the element of
    its parent's source (`quantity` in `refund_line_items[]`)."""
    if not isinstance(source, str):
        return SourceFacts()
    prefix = source + ("" if source.endswith("[]") else "[]") + "."
    return SourceFacts(
        types=lambda path: facts.types(prefix + path),
        enum=lambda path: facts.enum(prefix + path),
        siblings=lambda path: [s.removeprefix(prefix) for s in facts.siblings(prefix + path)])


def _step_mutants(rule: FieldRule, pointer: str, facts: SourceFacts,
                  made: Made) -> Iterator[Mutant]:
    from seamguard.mapping.transforms import TRANSFORMS

    steps = list(rule.transforms)
    names = [name for name, _ in rule.steps()]
    for position, (name, params) in enumerate(rule.steps()):
        where = f"{pointer}/transforms/{position}"
        wanted = _WANTED.get(name, "an input this step changes")
        equivalent = None
        if name == "to_string" and position == 0 and len(rule.sources) == 1 and \
                facts.types(rule.sources[0]) == {"string"}:
            equivalent = "the source is a string already"
        yield made("drop-step", where, f"dropping `{name}`", wanted,
                   _copy(rule, transforms=steps[:position] + steps[position + 1:]),
                   equivalent=equivalent)
        if position + 1 < len(steps) and steps[position] != steps[position + 1]:
            following = names[position + 1]
            swapped = [*steps[:position], steps[position + 1], steps[position],
                       *steps[position + 2:]]
            yield made("swap-steps", where, f"running `{following}` before `{name}`",
                       f"an input where the order of `{name}` and `{following}` matters",
                       _copy(rule, transforms=swapped),
                       equivalent="they commute" if frozenset({name, following}) in _COMMUTE
                       else None)
        confused = _CONFUSED.get(name)
        if confused is not None and confused in TRANSFORMS:
            accepted = TRANSFORMS.get(confused).params
            kept = {k: v for k, v in params.items() if k in accepted}
            replaced = confused if not kept else {confused: kept}
            # join keeps "" items where concat drops them; split_tags never makes one.
            same = ({name, confused} == {"join", "concat"} and position > 0
                    and names[position - 1] == "split_tags")
            yield made("replace-step", where, f"`{confused}` instead of `{name}`", wanted,
                       _copy(rule, transforms=_replaced(steps, position, replaced)),
                       equivalent="split_tags leaves no empty item for them to treat "
                                  "differently" if same else None)
        if name not in TRANSFORMS:
            continue
        declared = TRANSFORMS.get(name).params
        for param, parameter in declared.items():
            current = params.get(param, parameter.default)
            if current is parameter.empty:
                continue
            for other in _parameter_values(param, current):
                changed = {**params, param: other}
                yield made("parameter", f"{where}/{escape_pointer(name)}/{param}",
                           f"`{name}` with {param}: {json.dumps(other, ensure_ascii=False)} "
                           f"instead of {json.dumps(current, ensure_ascii=False)}",
                           _WANTED.get(param, wanted),
                           _copy(rule, transforms=_replaced(steps, position, {name: changed})))


def _enum_mutants(spec: MappingSpec, rule: FieldRule, pointer: str, facts: SourceFacts,
                  made: Made) -> Iterator[Mutant]:
    if rule.enum is None or rule.enum not in spec.enums:
        return
    mapped = spec.enums[rule.enum]
    known = facts.enum(rule.sources[0]) if len(rule.sources) == 1 else None
    outputs = list(dict.fromkeys(mapped.values()))
    for value, output in mapped.items():
        where = f"/enums/{escape_pointer(rule.enum)}/{escape_pointer(value)}"
        dead = (f"the source never sends {value!r}" if known is not None
                and value not in known and value not in {str(k) for k in known} else None)
        # the source's own value: 1, not '1', for an integer enum written as a YAML key
        shown = next((k for k in known or [] if str(k) == str(value)), value)
        wanted = f"an input with {_sources(rule)} = {shown!r}"
        rest = {k: v for k, v in mapped.items() if k != value}
        yield made("enum-delete", where, f"deleting enum entry {value!r} of {rule.enum!r}",
                   wanted, rule, enums={rule.enum: rest}, equivalent=dead)
        for other in outputs:
            if other != output:
                yield made("enum-redirect", where,
                           f"mapping {value!r} to {other!r} instead of {output!r}", wanted,
                           rule, enums={rule.enum: {**mapped, value: other}}, equivalent=dead)


def _source_mutants(rule: FieldRule, pointer: str, facts: SourceFacts,
                    made: Made) -> Iterator[Mutant]:
    sources = rule.sources
    for position, path in enumerate(sources):
        if path.startswith("$"):
            continue
        where = f"{pointer}/source" + (f"/{position}" if isinstance(rule.source, list) else "")
        candidates = facts.siblings(path)
        leaf = path.rsplit(".", 1)[-1]
        names = {c.rsplit(".", 1)[-1]: c for c in candidates}
        chosen = _most_similar(leaf, list(names))
        for name in chosen:
            sibling = names[name]
            changed = sibling if isinstance(rule.source, str) else \
                _replaced(list(sources), position, sibling)
            yield made("sibling-source", where, f"reading `{sibling}` instead of `{path}`",
                       f"an input where `{sibling}` and `{path}` differ",
                       _copy(rule, source=changed))
    if isinstance(rule.source, list) and len(sources) > 1:
        yield made("swap-sources", f"{pointer}/source",
                   f"reading {', '.join(reversed(sources))} in the opposite order",
                   f"an input where {' and '.join(sources)} are both set and differ",
                   _copy(rule, source=list(reversed(sources))))


def _most_similar(name: str, names: list[str]) -> list[str]:
    """The few names most like ``name`` (a reviewer picks the neighbour that looks alike)."""
    from rapidfuzz import fuzz, process

    found = process.extract(name, names, scorer=fuzz.ratio, limit=_MAX_SIBLINGS)
    return [str(match[0]) for match in found]


def _parameter_values(param: str, current: Any) -> list[Any]:
    """The values a reviewer's slip turns ``current`` into (never ``current`` itself)."""
    if param == "region" and isinstance(current, str):
        return ["US" if current.upper() != "US" else "CN"]
    if param == "tz" and isinstance(current, str):
        return ["UTC" if current != "UTC" else "Asia/Shanghai"]
    if param == "currency" and isinstance(current, str):
        return ["JPY" if current.upper() != "JPY" else "CNY"]
    if param == "format" and isinstance(current, str):
        swapped = current.replace("MM", "\0").replace("dd", "MM").replace("\0", "dd")
        return [swapped] if swapped != current else []
    if param == "pattern" and isinstance(current, str):
        return _pattern_values(current)
    if param == "chars" and isinstance(current, str) and len(current) > 1:
        return list(dict.fromkeys(current.replace(c, "", 1) for c in current))
    return [v for v in _values(current) if v != current]


def _pattern_values(pattern: str) -> list[Any]:
    out = []
    if pattern == "^":
        out.append("$")
    elif pattern == "$":
        out.append("^")
    else:
        if pattern.startswith("^"):
            out.append(pattern[1:])
        if pattern.endswith("$") and not pattern.endswith("\\$"):
            out.append(pattern[:-1])
        if "+" in pattern:
            out.append(pattern.replace("+", "*", 1))
    return [p for p in dict.fromkeys(out) if p != pattern]


def _values(value: Any) -> list[Any]:
    """Slips of one value: a number off by one or a digit lost or swapped, text cut short."""
    if isinstance(value, bool):
        return [not value]
    if isinstance(value, int):
        if abs(value) < 10:
            return [v for v in (value - 1, value + 1) if v >= 0]
        digits = str(abs(value))
        found = {int(digits[:i] + digits[i + 1:]) for i in range(len(digits))}
        found |= {int(digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:])
                  for i in range(len(digits) - 1)}
        return sorted((v if value > 0 else -v) for v in found if v != abs(value))
    if isinstance(value, float):
        return [value + 1]
    if isinstance(value, str):
        if value in (";", ","):
            return ["," if value == ";" else ";"]
        return [v for v in (value[:-1], "") if v != value] if len(value) > 1 else [""] \
            if value else ["x"]
    return []


def _never_missing(rule: FieldRule) -> str | None:
    """Why the rule's value can never be missing (so `required` changes nothing), if it can't."""
    from seamguard.mapping.transforms import TRANSFORMS

    if rule.constant is not None:
        return "a constant is never missing"
    names = [name for name, _ in rule.steps()]
    # `join` of several sources gives "" when all are missing; `concat` gives None then.
    if len(rule.sources) > 1 and names and names[0] == "join" and all(
            name in TRANSFORMS and TRANSFORMS.get(name).returns == "string"
            and name != "default" for name in names[1:]) and rule.enum is None:
        return f"`{names[0]}` of several sources always gives text"
    return None


def _sources(rule: FieldRule) -> str:
    return ", ".join(f"`{s}`" for s in rule.sources) or "a value"


def _copy(rule: FieldRule, **changes: Any) -> FieldRule:
    return rule.model_copy(update=changes)


def _replaced(items: list[Any], position: int, value: Any) -> list[Any]:
    return [*items[:position], value, *items[position + 1:]]
