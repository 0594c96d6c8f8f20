"""Enum, boolean, number and money transforms; amounts never pass through floats."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from seamguard.mapping import reference_data as ref
from seamguard.mapping.transforms.core import (
    ABSENT,
    NON_EMPTY,
    PLACES,
    TransformError,
    checked,
    must,
    shown,
    text_of,
    transform,
)


@transform("enum_map", accepts=["string", "integer", "number", "boolean"], returns="any",
           prepare=checked(mapping=NON_EMPTY))
def enum_map(value: Any, mapping: Mapping[Any, Any], default: Any = ABSENT) -> Any:
    """Map known values to others (``{paid: PAID}``); unknown ones fail unless ``default``."""
    if (found := mapping.get(value, ABSENT)) is not ABSENT:
        return found
    if default is not ABSENT:
        return default
    note = ""
    if isinstance(value, str) and any(isinstance(key, bool) for key in mapping):
        note = " (YAML reads unquoted yes/no/on/off/y/n keys as booleans: quote them)"
    known = ", ".join(sorted(map(repr, mapping))[:20])
    raise TransformError(f"expected one of {known}, got {shown(value)}{note}")


@transform("to_bool", accepts=["string", "boolean", "integer"], returns="boolean",
           idempotent=True)
def to_bool(value: str | bool | int) -> bool:
    """``true/false, yes/no, y/n, on/off, 1/0, 是/否`` (any case) -> boolean."""
    if isinstance(value, bool):
        return value
    return must(ref.to_boolean(str(value)), "true/false, yes/no, y/n, on/off, 1/0 or 是/否",
                 value)


@transform("to_string", accepts=["string", "integer", "number", "boolean"], returns="string",
           idempotent=True)
def to_string(value: str | int | float | bool) -> str:
    """Text of a scalar: ``42`` -> ``"42"``, ``true`` -> ``"true"`` (JSON spelling)."""
    return text_of(value)


def _decimal(value: str | int | float) -> Decimal:
    return must(ref.parse_decimal(value), "a decimal number like 199.00", value)


def _fixed(value: str | int | float | Decimal, places: int) -> str:
    number = value if isinstance(value, Decimal) else _decimal(value)
    return must(ref.fixed_decimal(number, places), "a number of at most 60 digits", value)


@transform("to_integer", accepts=["string", "integer", "number"], returns="integer",
           idempotent=True)
def to_integer(value: str | int | float) -> int:
    """Whole number: ``"42"``, ``"42.0"``, ``42.0`` -> 42; ``"4.2"`` fails (nothing is cut)."""
    if (number := _decimal(value)) != number.to_integral_value():
        raise TransformError(f"expected a whole number, got {shown(value)}")
    return value if isinstance(value, int) else int(number)


@transform("to_number", accepts=["string", "integer", "number"], returns="number",
           idempotent=True)
def to_number(value: str | int | float) -> int | float:
    """Number from text (``"42"`` -> 42, ``"19.90"`` -> 19.9); numbers pass through."""
    if not isinstance(value, str):
        _decimal(value)  # rejects NaN and infinities, which JSON cannot carry
        return value
    return must(ref.number_from_text(value), "a number like 19.90", value)


@transform("decimal", accepts=["string", "integer", "number"], returns="string",
           idempotent=True, prepare=checked(places=PLACES))
def decimal(value: str | int | float, places: int = 2) -> str:
    """Decimal text with exactly ``places`` (0-30) decimals, rounded half up: 19.9 -> ``"19.90"``.

    Never float arithmetic: a float is read as its shortest spelling, so 2.675 gives "2.68".
    """
    return _fixed(value, places)


def _prepare_currency(params: dict[str, Any]) -> dict[str, Any]:
    ref.currency_exponent(params["currency"])  # UsageError now rather than on the first record
    return params


@transform("money_to_minor", accepts=["string", "integer", "number"], returns="integer",
           prepare=_prepare_currency)
def money_to_minor(value: str | int | float, currency: str) -> int:
    """Amount -> integer minor units, rounded half up: ``"199.00"`` CNY -> 19900, JPY 500 -> 500."""
    exponent = ref.currency_exponent(currency)
    return int(Decimal(_fixed(value, exponent)).scaleb(exponent))


@transform("money_from_minor", accepts=["integer", "string"], returns="string",
           prepare=_prepare_currency)
def money_from_minor(value: int | str, currency: str) -> str:
    """Integer minor units (or their text) -> amount: 19900 CNY -> ``"199.00"``."""
    exponent = ref.currency_exponent(currency)
    if isinstance(value, str):
        if not re.fullmatch(r"[+-]?\d+", text := ref.folded(value), re.ASCII):
            raise TransformError(f"expected whole minor units, got {shown(value)}")
        value = int(text)
    return _fixed(Decimal(value).scaleb(-exponent), exponent)
