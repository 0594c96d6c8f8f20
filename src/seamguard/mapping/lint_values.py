"""What a rule does to values that the JSON types alone do not show.

Three questions mapping lint asks of a rule's source field, its pipeline and its target field:

- a time the source contract gives **without an offset** (its pattern takes
  ``2024-07-10 10:15:00`` and refuses every offset; or, with no pattern, the schema's examples
  and the mapping's golden example inputs are all such times): is it read in a named zone
  before it becomes a ``date-time`` or ``date``? ``datetime_utc`` without ``tz`` reads it as
  UTC, which shifts every China time by eight hours, and ``date_only`` refuses it;
- an amount: does ``money_to_minor`` (fen, cents) write into a field that holds decimal amounts,
  or ``money_from_minor`` read a field that already holds them?
- how long can the value get: is a ``maxLength`` warning needed at all when the source is
  bounded (its own ``maxLength``, an anchored pattern, an enum, an int64 spelt as text)?
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from seamguard.mapping.shapes import Shape
from seamguard.regex_limits import sample_search

__all__ = [
    "CHINA_TIME_PROTOCOLS",
    "FORMAT_SAMPLES",
    "ValueProblem",
    "enum_map_problem",
    "matches",
    "max_length_of",
    "naive_time_problem",
    "observed",
    "unit_problem",
    "written_value_problem",
]

Steps = Sequence[tuple[str, dict[str, Any]]]

_NAIVE_SAMPLE = "2024-07-10 10:15:00"
_OFFSET_SAMPLES = ("2024-07-10T10:15:00Z", "2024-07-10T10:15:00+08:00",
                   "2024-07-10 10:15:00+08:00")
# Gateway protocols of platforms that give their times in China time (UTC+8) without offset.
CHINA_TIME_PROTOCOLS = frozenset({"taobao-top", "jd", "pinduoduo", "sf-fengqiao"})
_UTC_NAMES = frozenset({"UTC", "ETC/UTC", "GMT", "ETC/GMT", "Z", "ZULU", "UCT", "UNIVERSAL"})
# A field named for minor units (amount_fen, price_cents, total_minor) takes them as a number too.
_MINOR_NAME = re.compile(r"(fen|cents?|minor)([^a-z]|$)", re.I)
_TIME_FORMATS = frozenset({"date-time", "date"})
_DECIMAL_TEXT = re.compile(r"-?[0-9]+[.][0-9]+")
# Steps after which a value is no longer than before.
_SHORTENING = frozenset({"trim", "strip_chars", "remove_chars", "mask_phone"})
# Steps that change letter case: ``"ß".upper()`` is ``"SS"``, but ASCII text keeps its length.
_CASE_STEPS = frozenset({"upper", "lower", "title"})
_INT64_TEXT = len(str(-(2 ** 63)))
_UNBOUNDED = 1_000_000  # a pattern wider than this repeats without bound


@dataclass(frozen=True)
class ValueProblem:
    """A finding to make: the step it is about (None: the rule), its message and its hint."""

    step: int | None
    message: str
    hint: str
    error: bool = True


# A value of each format a transform returns, to try against a target field's pattern.
FORMAT_SAMPLES = {"date-time": "2024-07-10T02:15:00Z", "date": "2024-07-10",
                  "email": "buyer@example.com", "e164": "+8613812345678"}


def matches(pattern: str, text: str) -> bool:
    """Whether a JSON Schema ``pattern`` (a search, not anchored) matches; True when Python
    cannot read it (an ECMA-262 construct such as ``\\p{L}``) or it backtracks past its
    bound on the value: no finding on a guess."""
    found = sample_search(pattern, text)  # bounded: the contract's pattern is not ours
    return True if found is None else found


def _searches(pattern: str, text: str) -> bool:
    return sample_search(pattern, text) is True


# A date and a time of day with nothing after it: no offset, no zone name.
_NAIVE_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?")


def is_naive_time(shape: Shape | None) -> bool:
    """Whether the contract gives this field as a date-time without an offset: by its pattern,
    or, without one, by its example values (all such times)."""
    if shape is None or shape.format == "date-time" or (
            shape.types and "string" not in shape.types):
        return False
    if not shape.pattern:
        texts = [value for value in shape.examples if isinstance(value, str)]
        return bool(texts) and all(_NAIVE_VALUE.fullmatch(text.strip()) for text in texts)
    return _searches(str(shape.pattern), _NAIVE_SAMPLE) and not any(
        _searches(str(shape.pattern), sample) for sample in _OFFSET_SAMPLES)


def observed(source: Shape | None, values: Sequence[Any]) -> Shape | None:
    """``source`` with ``values`` (what the golden examples feed the rule) as its examples, when
    the contract gives neither a pattern nor examples of its own."""
    if source is None or source.pattern or source.examples or not values:
        return source
    return replace(source, examples=list(values))


def _evidence(source: Shape) -> str:
    if source.pattern:
        return f"pattern {source.pattern!r}"
    if texts := [value for value in source.examples if isinstance(value, str)]:
        return f"values like {texts[0]!r}"
    return "its description gives the format"


def naive_time_problem(steps: Steps, source: Shape | None, target: Shape | None,
                       field: str, *, china_time: bool,
                       described: bool = False) -> ValueProblem | None:
    """A local time without offset that the rule reads as UTC, or never reads at all.

    ``china_time``: the source platform is known to give China time (its gateway protocol, or
    the field's description); ``described``: the field's description gives a format or an
    example without offset, which counts when the schema has no pattern of its own.
    """
    if source is None or not (is_naive_time(source) or (
            described and not source.pattern and not source.examples and source.format is None
            and (not source.types or "string" in source.types))):
        return None
    said_local = china_time
    for position, (name, params) in enumerate(steps):
        if name == "date_only":
            return ValueProblem(
                position, f"`date_only` gets the source's time without an offset "
                f"({_evidence(source)}) and refuses every such value",
                "read it in the platform's zone first: "
                "{datetime_utc: {format: \"yyyy-MM-dd HH:mm:ss\", tz: Asia/Shanghai}}, then "
                "date_only")
        if name != "datetime_utc":
            continue
        zone = params.get("tz")
        if zone is not None and str(zone).upper() not in _UTC_NAMES:
            return None
        if zone is not None and not said_local:
            return None  # the author says the platform's time is UTC
        if zone is None and not said_local:
            return ValueProblem(
                position, f"the source gives {field!r} without an offset ({_evidence(source)}) "
                "and `datetime_utc` has no `tz`, so it is read as UTC", "name the platform's zone "
                "(tz: Asia/Shanghai for China platforms; tz: UTC if it really is UTC)",
                error=False)
        return ValueProblem(
            position, f"the source platform gives this time in China time without an offset "
            f"({_evidence(source)}), and `datetime_utc` reads it as UTC: every value "
            "lands eight hours late",
            "set tz to the platform's zone: {datetime_utc: {tz: Asia/Shanghai}}")
    if target is not None and target.format in _TIME_FORMATS:
        return ValueProblem(
            None, f"{field!r} must be a {target.format!r} with its zone, and the source gives "
            f"a local time without an offset ({_evidence(source)}) that no step converts",
            "add {datetime_utc: {format: \"yyyy-MM-dd HH:mm:ss\", tz: Asia/Shanghai}}"
            + (", then date_only" if target.format == "date" else ""))
    return None


def unit_problem(steps: Steps, source: Shape | None, target: Shape | None,
                 field: str) -> ValueProblem | None:
    """Minor units (fen, cents) written where decimal amounts are held, or read from them."""
    names = [name for name, _ in steps]
    if "money_to_minor" in names and target is not None:
        position = len(names) - 1 - names[::-1].index("money_to_minor")
        later = set(names[position + 1:])
        if ("number" in target.types and not later & {"money_from_minor", "decimal"}
                and not _MINOR_NAME.search(field)):
            return ValueProblem(
                position, f"`money_to_minor` gives whole fen/cents, but {field!r} holds an "
                "amount with decimals (type number), so 59.90 arrives as 5990",
                "drop money_to_minor (to_number or decimal keep the amount), or map into a "
                "field that takes minor units")
    if names and names[0] == "money_from_minor" and source is not None and _holds_decimals(
            source):
        return ValueProblem(
            0, "`money_from_minor` divides by 100, but the source already holds an amount "
            "with decimals (" + (f"pattern {source.pattern!r}" if source.pattern
                                 else "type number" if "number" in source.types
                                 else _evidence(source)) + "), so 59.90 arrives as 0.60",
            "drop money_from_minor: the amount is in major units already (decimal or "
            "to_number)")
    return None


def enum_map_problem(steps: Steps, target: Shape | None, field: str) -> ValueProblem | None:
    """A pipeline ending in ``enum_map`` whose outputs (or default) the target's enum lacks."""
    if not steps or steps[-1][0] != "enum_map" or target is None or not target.enum:
        return None
    params = steps[-1][1]
    table = params.get("mapping")
    outputs = list(table.values()) if isinstance(table, dict) else []
    if "default" in params:
        outputs.append(params["default"])
    wrong = [value for value in dict.fromkeys(map(str, outputs)) if value not in
             {str(allowed) for allowed in target.enum}]
    if not wrong:
        return None
    return ValueProblem(
        len(steps) - 1, f"`enum_map` gives {field!r} {', '.join(map(repr, wrong))}, which its "
        f"enum does not take ({', '.join(map(repr, target.enum[:12]))})",
        "map to the values the target takes")


def written_value_problem(value: Any, target: Shape) -> tuple[str, str] | None:
    """(finding code, what is wrong) for a value written as it is (a constant without steps, a
    default) that the target's enum or pattern refuses."""
    if value == "" and target.blank:
        return None  # the target takes "" besides its schema (HubSpot clears a field so)
    if target.enum and value not in target.enum:
        return ("mapping.enum-target-value",
                f"{value!r} is not one of the target's values "
                f"({', '.join(map(repr, target.enum[:12]))})")
    if isinstance(value, str) and target.pattern and not matches(str(target.pattern), value):
        return ("mapping.format-mismatch",
                f"{value!r} does not match the target's pattern {target.pattern!r}")
    return None


def _holds_decimals(shape: Shape) -> bool:
    if shape.types and shape.types <= {"integer"}:
        return False
    if shape.pattern:
        return "\\." in shape.pattern
    if "number" in shape.types:
        return True
    # text without a pattern: its example values ("199.00") show the unit
    return any(isinstance(value, str) and _DECIMAL_TEXT.fullmatch(value.strip())
               for value in shape.examples)


def max_length_of(source: Shape | None, steps: Steps, constant: Any = None,
                  parts: Sequence[Shape | None] = ()) -> int | None:
    """The most characters the rule's value can have, when the source and steps bound it;
    ``parts`` are the shapes of several sources, which a first ``concat``/``join`` adds up."""
    if constant is not None:
        return len(constant) if isinstance(constant, str) else None
    if source is None:
        return None
    bound = _source_bound(source)
    if len(parts) > 1 and steps and steps[0][0] in ("concat", "join"):
        name, params = steps[0]
        separator = params.get("separator", "" if name == "concat" else ";")
        bounds = [None if part is None else _source_bound(part) or (
            _INT64_TEXT if part.types == {"integer"} else None) for part in parts]
        known = [b for b in bounds if b is not None]
        bound = sum(known) + len(separator) * (len(parts) - 1) if len(known) == len(
            bounds) and isinstance(separator, str) else None
        source, steps = Shape(types={"string"}), steps[1:]
    for name, params in steps:  # None: unbounded so far; a later step may bound it again
        if name == "truncate" and isinstance(params.get("max_length"), int):
            limit = params["max_length"]
            bound = limit if bound is None else min(bound, limit)
        elif name in _SHORTENING or (name in _CASE_STEPS and _ascii_source(source)):
            continue
        elif (fixed := _output_bound(name)) is not None:
            bound = fixed
        elif name == "to_string" and bound is None and source.types == {"integer"}:
            bound = _INT64_TEXT
        elif name == "to_string" and source.types == {"string"}:
            continue
        elif name == "regex_replace" and bound is not None:
            bound = _anchored_insert(bound, params)
        else:
            bound = None
    return bound


def _anchored_insert(bound: int, params: dict[str, Any]) -> int | None:
    """``^`` or ``$`` replaced with fixed text (a prefix or a suffix) adds that text once."""
    pattern, replacement = params.get("pattern"), params.get("replacement")
    if pattern not in ("^", "$", "\\A", "\\Z") or not isinstance(replacement, str):
        return None
    if "\\" in replacement:
        return None
    return bound + len(replacement)


def _output_bound(name: str) -> int | None:
    """The longest text the transform ``name`` gives whatever it is given (phone_e164: 16)."""
    from seamguard.mapping.transforms import TRANSFORMS

    spec = TRANSFORMS.get(name) if name in TRANSFORMS else None
    return None if spec is None else spec.max_length


def _ascii_source(source: Shape) -> bool:
    """Whether the contract admits only ASCII text here (an enum of it, or a pattern of
    ASCII literals and ranges), so a change of case keeps the length."""
    if source.enum:
        return all(isinstance(value, str) and value.isascii() for value in source.enum)
    if not source.pattern:
        return False
    try:
        from re import _constants, _parser

        parsed = _parser.parse(str(source.pattern))
    except (ImportError, re.error, ValueError, RecursionError):
        return False
    return _ascii_items(list(parsed), _constants)


def _ascii_items(items: list[Any], constants: Any) -> bool:
    for op, value in items:
        if op in (constants.AT,):
            continue
        if op is constants.LITERAL or op is constants.NOT_LITERAL:
            if op is constants.NOT_LITERAL or value > 127:
                return False
        elif op is constants.IN:
            if not all((kind is constants.LITERAL and arg <= 127)
                       or (kind is constants.RANGE and arg[1] <= 127)
                       for kind, arg in value):
                return False
        elif op in (constants.MAX_REPEAT, constants.MIN_REPEAT):
            if not _ascii_items(list(value[2]), constants):
                return False
        elif op is constants.SUBPATTERN:
            if not _ascii_items(list(value[-1]), constants):
                return False
        elif op is constants.BRANCH:
            if not all(_ascii_items(list(branch), constants) for branch in value[1]):
                return False
        else:
            return False  # ., \w, \S, classes by category: non-ASCII letters too
    return True


def _source_bound(source: Shape) -> int | None:
    if source.max_length is not None:
        return int(source.max_length)
    if source.enum:
        return max(len(value) if isinstance(value, str) else len(str(value))
                   for value in source.enum)
    if source.pattern:
        return _pattern_width(source.pattern)
    return None


def _pattern_width(pattern: str) -> int | None:
    """The longest text an anchored (``^…$``) pattern matches, when it is bounded."""
    try:
        from re import _constants, _parser

        parsed = _parser.parse(pattern)
    except (ImportError, re.error, ValueError, RecursionError):
        return None
    items = list(parsed)
    if len(items) < 2 or items[0] != (_constants.AT, _constants.AT_BEGINNING) or items[-1] not \
            in ((_constants.AT, _constants.AT_END), (_constants.AT, _constants.AT_END_STRING)):
        return None
    high = parsed.getwidth()[1]
    return None if high > _UNBOUNDED else int(high)
