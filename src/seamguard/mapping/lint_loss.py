"""What a rule silently loses: items of a list, digits of an amount, the unit of an amount,
source values an inline enum map does not know.

Each question looks at one rule's source field (as the contract gives it), its pipeline and its
target field, and answers with a ``ValueProblem`` (the step it is about, a message, a hint):

- **items dropped**: ``coalesce`` over ``line_items[].sku`` (one value per element) keeps the
  first item, so an order with three items arrives with one;
- **precision lost**: ``decimal`` with fewer places than the source amount has (``places: 0`` on
  ``"199.99"``) rounds cents away before a field that holds them;
- **minor units read as major**: a source in fen or cents (named ``*_fen``, ``*_cents``,
  ``*_minor``, or described so: "单位为分", "in cents", "smallest currency unit") reaches a
  decimal amount without ``money_from_minor``, so 59.90 arrives as 5990; and a decimal amount
  reaches a fen/cents field without ``money_to_minor``.
- **enum map not total**: an inline ``enum_map`` without ``default`` lacks values the source
  enum has, so those records fail.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from seamguard.mapping.lint_values import ValueProblem
from seamguard.mapping.shapes import Shape
from seamguard.mapping.spec import FieldRule

__all__ = ["enum_total_problem", "items_dropped_problem", "loss_problems", "minor_unit_problem",
           "precision_problem"]

Steps = Sequence[tuple[str, dict[str, Any]]]

# A field named for minor units (amount_fen, price_cents, total_minor).
_MINOR_NAME = re.compile(r"(fen|cents?|minor)([^a-z]|$)", re.I)
# A description that says the amount is in minor units: 单位为分, "in cents", "smallest currency
# unit" (Stripe), "minor units".
_MINOR_TEXT = re.compile(r"单位(为|是)?[:\uff1a]?\s*分|\bin (fen|cents)\b|\bminor units?\b|"
                         r"smallest currency unit", re.I)
# The decimals a pattern allows after the point: [.][0-9]{1,2}, \.\d{2}, \.[0-9]+ ...
_DECIMALS = re.compile(r"(?:\[\.\]|\\\.)(?:\[0-9\]|\\d)(?:\{(\d+)(?:,(\d*))?\}|([+*]))?")
_UNBOUNDED_PLACES = 30
# Steps whose output still holds every item of a list.
_KEEPS_ITEMS = frozenset({"join", "concat", "split", "split_tags"})


def _in_minor_units(name: str, description: str | None = None) -> bool:
    return bool(_MINOR_NAME.search(name.rsplit(".", 1)[-1])) or bool(
        description and _MINOR_TEXT.search(description))


def _holds_decimals(shape: Shape | None) -> bool:
    if shape is None:
        return False
    if "number" in shape.types:
        return True
    return "string" in shape.types and bool(shape.pattern) and _source_places(shape) != 0


def _source_places(shape: Shape) -> int | None:
    """How many decimals the source can carry: None when unknown (a float),
    ``_UNBOUNDED_PLACES`` when its pattern repeats without bound."""
    if shape.pattern:
        found = list(_DECIMALS.finditer(shape.pattern))
        if not found:
            return 0
        places = 0
        for match in found:
            low, high, repeat = match.groups()
            if repeat or (high is not None and high == ""):
                return _UNBOUNDED_PLACES
            places = max(places, int(high or low or 1))
        return places
    return None


def items_dropped_problem(source: str | list[str] | None, steps: Steps,
                          target: Shape | None) -> ValueProblem | None:
    """``coalesce`` over one path that reads every element of a list, into a field that is
    not a list (a step that joins or splits them first keeps them all)."""
    if not isinstance(source, str) or "[]" not in source or (
            target is not None and "array" in target.types):
        return None
    for position, (name, _) in enumerate(steps):
        if name in _KEEPS_ITEMS:
            return None
        if name == "coalesce":
            return ValueProblem(
                position, f"`coalesce` keeps the first of the values {source!r} reads (one per "
                "element), so a record with several elements loses the others",
                "keep them all: {join: {separator: \",\"}} into a text field, or `each:` into "
                "a list field", error=False)
    return None


def precision_problem(steps: Steps, source: Shape | None, target: Shape | None,
                      field: str) -> ValueProblem | None:
    """``decimal`` rounding to fewer places than the source amount has, into a field that holds
    decimals (a number, or text), not into one of whole minor units."""
    if source is None or target is None or _in_minor_units(field):
        return None
    if not ({"number", "string"} & target.types) or not _holds_decimals(source):
        return None
    have = _source_places(source)
    # A bound the contract states is kept; without one (a float, `\.[0-9]+`) an amount of
    # money is taken to have cents, so rounding to 2 places loses nothing.
    keep = 2 if have is None or have >= _UNBOUNDED_PLACES else have
    for position, (name, params) in enumerate(steps):
        if name in {"money_to_minor", "money_from_minor", "to_integer"}:
            return None
        if name != "decimal":
            continue
        places = params.get("places", 2)
        # (places out of 0..30 or of another kind is the parameter's own finding)
        if type(places) is int and 0 <= places < keep:
            return ValueProblem(
                position, f"`decimal` with places: {places} rounds amounts the source gives "
                f"with {'decimals' if keep != have else f'up to {have} decimals'} "
                f"({'pattern ' + repr(source.pattern) if source.pattern else 'type number'}) "
                f"before {field!r}, which holds them: 199.99 arrives as "
                f"{round(199.99, places):.{places}f}",
                f"keep the places the amount has: {{decimal: {{places: {keep}}}}}, or "
                "to_number", error=False)
    return None


def minor_unit_problem(steps: Steps, source_path: str, source: Shape | None,
                       target: Shape | None, field: str,
                       said: str | None = None) -> ValueProblem | None:
    """Fen/cents read as a decimal amount, or a decimal amount written where fen/cents go;
    ``said`` is the source field's description."""
    if target is None or source is None:
        return None
    names = [name for name, _ in steps]
    if _in_minor_units(source_path, said) and "number" in target.types and not (
            _in_minor_units(field)) and not {"money_from_minor", "decimal"} & set(names):
        evidence = "by its name" if _in_minor_units(source_path) else \
            f"its description says {said!r}"[:100]
        return ValueProblem(
            None, f"{source_path!r} is in minor units (fen, cents, {evidence}), but "
            f"{field!r} holds an amount with decimals, so 59.90 arrives as 5990",
            "start the pipeline with {money_from_minor: {currency: CNY}} (then to_number)")
    if _in_minor_units(field) and not _in_minor_units(source_path, said) and (
            _holds_decimals(source) and "money_to_minor" not in names
            and {"integer", "number"} & target.types):
        return ValueProblem(
            None, f"{field!r} takes minor units (fen, cents, by its name), but "
            f"{source_path!r} is an amount with decimals and nothing converts it, so 8.50 "
            "arrives as 8 or 9, not 850",
            "use {money_to_minor: {currency: CNY}}")
    return None


def enum_total_problem(steps: Steps, source: Shape | None, field: str) -> ValueProblem | None:
    """An inline ``enum_map`` first in the pipeline, without ``default``, that lacks source
    enum values."""
    if not steps or steps[0][0] != "enum_map" or source is None or not source.enum:
        return None
    params = steps[0][1]
    table = params.get("mapping")
    if "default" in params or not isinstance(table, dict):
        return None
    keys = {str(key) for key in table}
    missing = [value for value in source.enum if str(value) not in keys]
    if not missing:
        return None
    return ValueProblem(
        0, f"`enum_map` of {field!r} has no entry for {', '.join(map(repr, missing[:12]))} of "
        "the source enum and no `default`, so those records fail",
        "map every source value, or add a `default`")


def loss_problems(rule: FieldRule, source: Shape | None, target: Shape | None,
                  said: str | None = None) -> list[tuple[str, ValueProblem]]:
    """(finding code, problem) for each way the rule loses something; ``said`` is the
    description the source contract gives the rule's source field."""
    steps = [(name, params if isinstance(params, dict) else {}) for name, params in rule.steps()]
    path = rule.source if isinstance(rule.source, str) else ""
    field = rule.target
    found = [("mapping.items-dropped", items_dropped_problem(rule.source, steps, target)),
             ("mapping.precision-lost", precision_problem(steps, source, target, field)),
             ("mapping.unit-mismatch", minor_unit_problem(steps, path, source, target, field,
                                                          said)
              if path and rule.enum is None else None),
             ("mapping.enum-not-total", enum_total_problem(steps, source, field))]
    return [(code, problem) for code, problem in found if problem is not None]
