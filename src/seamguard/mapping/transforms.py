"""Named value transforms for field-mapping specs (``transforms: [trim, {phone_e164: ...}]``).

Each is a function ``func(value, **params)`` registered with the JSON types it accepts and
returns (the mapping lint type-checks pipelines with them) and the laws it keeps (idempotence,
tested on generated data). All built-ins are registered here, with their parsing and tables in
``reference_data``; other packages publish theirs as ``seamguard.transforms`` entry points.
``None`` passes through, except for ``default``; ``""`` is not missing (``phone_e164("")``
fails), so put ``{default: {value: null}}`` first to treat blanks as missing.
"""

from __future__ import annotations

import functools
import inspect
import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import tzinfo
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, TypeVar

from seamguard.errors import UsageError
from seamguard.mapping import reference_data as ref
from seamguard.privacy import mask as scrub
from seamguard.regex_limits import BoundedRegex, RegexTimeout
from seamguard.registry import Registry
from seamguard.spelling import nearest

__all__ = [
    "JSON_TYPES", "TRANSFORMS", "JsonType", "TransformError", "TransformSpec", "load_plugins",
    "transform",
]

JsonType = Literal["string", "integer", "number", "boolean", "null", "array", "object", "any"]
JSON_TYPES: frozenset[str] = frozenset(typing.get_args(JsonType))

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")
Prepare = Callable[[dict[str, Any]], dict[str, Any]]
Masker = Callable[[str], str]


class TransformError(ValueError):
    """A value a transform cannot handle: the message says what was expected and what was got
    (masked if it may be personal data).
    """


class _Absent:  # an optional parameter not given, where None is a legitimate value
    def __repr__(self) -> str:
        return "<absent>"


_ABSENT: Any = _Absent()


@dataclass(frozen=True)
class TransformSpec:
    """A registered transform: its function, the JSON types it maps and the laws it keeps."""

    name: str
    func: Callable[..., Any]
    accepts: frozenset[str]
    returns: str
    returns_format: str | None
    idempotent: bool
    nullable_input: bool
    doc: str
    params: Mapping[str, inspect.Parameter] = field(hash=False)
    # Turns checked params into the keyword arguments the function gets (a compiled regex, a
    # loaded table); runs once in bind and raises UsageError for values no record can fix.
    prepare: Prepare | None = field(default=None, compare=False, repr=False)
    max_length: int | None = None  # the longest text it gives, whatever it is given

    def bind(self, params: Mapping[str, Any], *,
             base_dir: Path | None = None) -> Callable[[Any], Any]:
        """Check params against the signature and bind them, once per rule.

        Args:
            params: The rule's parameters, e.g. ``{"region": "CN"}``.
            base_dir: The project root, for relative files; passed to a function that declares
                a keyword-only ``_base_dir`` parameter (``lookup``).

        Returns:
            The transform as a one-argument function.

        Raises:
            UsageError: Unknown (did-you-mean), missing or mistyped parameter, or a value the
                transform rejects (bad regex, currency or zone, unreadable table).
        """
        signature = _signature(self.func)
        for name in params:
            if name not in self.params:
                close = nearest(name, list(self.params))
                raise UsageError(f"unknown parameter {name!r}",
                                 hint=f"did you mean {close!r}?" if close else
                                 f"parameters: {', '.join(self.params) or 'none'}")
        missing = [n for n, p in self.params.items() if p.default is p.empty and n not in params]
        if missing:
            raise UsageError(f"missing parameter {missing[0]!r}",
                             hint=f"write {{{self.name}: {{{missing[0]}: ...}}}}")
        hints = _hints(self.func)
        for name, value in params.items():
            if name in hints and not _fits(value, hints[name]):
                wanted = self.params[name].annotation
                wanted = wanted if isinstance(wanted, str) else inspect.formatannotation(wanted)
                raise UsageError(f"parameter {name!r} must be {wanted}, got {_shown(value)}")
        kwargs = dict(params)
        if "_base_dir" in signature.parameters:
            kwargs["_base_dir"] = base_dir
        return functools.partial(self.func, **(self.prepare(kwargs) if self.prepare else kwargs))


@functools.cache
def _signature(func: Callable[..., Any]) -> inspect.Signature:
    return inspect.signature(func)


@functools.cache
def _hints(func: Callable[..., Any]) -> dict[str, Any]:
    """The function's resolved annotations, once per function (binding is per rule)."""
    try:
        return typing.get_type_hints(func)
    except (NameError, TypeError):  # a plugin's unresolvable annotation: skip type checks
        return {}


TRANSFORMS: Registry[TransformSpec] = Registry("transform")


def transform(name: str, *, accepts: Iterable[str], returns: str,
              returns_format: str | None = None, idempotent: bool = False,
              nullable_input: bool = True, prepare: Prepare | None = None,
              max_length: int | None = None) -> Callable[[F], F]:
    """Register a function ``func(value, **params)`` in :data:`TRANSFORMS`.

    The function registered (and returned) lets ``None`` through when ``nullable_input`` and
    raises :class:`TransformError` for a value of a JSON type not in ``accepts``.

    Args:
        name: The name specs use.
        accepts: JSON types of the input (``"any"``: everything).
        returns: JSON type of the output (``"any"``: depends on the parameters).
        returns_format: JSON Schema format of the output (``date-time``, ``date``, ``email``,
            seamguard's ``e164``).
        idempotent: Whether ``f(f(x)) == f(x)`` holds.
        nullable_input: Whether ``None`` passes through unchanged.
        prepare: Converts params once in ``bind`` (see ``TransformSpec.prepare``).
        max_length: The most characters the output has, for any input (lint's length check).

    Returns:
        The decorator.
    """
    accepted = frozenset(accepts)
    if unknown := (accepted | {returns}) - JSON_TYPES:
        raise ValueError(f"transform {name!r}: unknown JSON types {sorted(unknown)}")
    check = "any" not in accepted
    allowed = accepted | {"integer"} if "number" in accepted else accepted  # integers are numbers
    expected = " or ".join(sorted(accepted))

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def guarded(value: Any, /, *args: Any, **kwargs: Any) -> Any:
            if value is None and nullable_input:
                return None
            if check and (kind := ref.json_type(value)) not in allowed:
                raise TransformError(f"expected {expected}, got {kind}")
            return func(value, *args, **kwargs)

        parameters = list(inspect.signature(func).parameters.values())[1:]
        TRANSFORMS.add(name, TransformSpec(
            name=name, func=guarded, accepts=accepted, returns=returns,
            returns_format=returns_format, idempotent=idempotent, nullable_input=nullable_input,
            doc=(inspect.getdoc(func) or "").split("\n", 1)[0],
            params=MappingProxyType({
                p.name: p for p in parameters
                if not p.name.startswith("_") and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
            }),
            prepare=prepare, max_length=max_length,
        ))
        return typing.cast(F, guarded)

    return decorate


def load_plugins() -> None:
    """Register transforms published in the ``seamguard.transforms`` entry-point group.

    Each loads a :class:`TransformSpec` or a function decorated with :func:`transform`; calling
    this again changes nothing.

    Raises:
        UsageError: A plugin fails to import, is neither of the above, or takes a used name.
    """
    for entry in metadata.entry_points(group="seamguard.transforms"):
        where = f"transform plugin {entry.name!r} ({entry.value})"
        try:
            loaded = entry.load()
        except Exception as error:  # third-party import code can fail in any way
            raise UsageError(f"cannot load {where}: {error}") from error
        spec = loaded if isinstance(loaded, TransformSpec) else next(
            (s for s in TRANSFORMS if s.func is loaded), None)
        if spec is None:
            raise UsageError(f"{where} is neither a TransformSpec nor decorated with @transform")
        if spec.name not in TRANSFORMS:
            TRANSFORMS.add(spec.name, spec)
        elif TRANSFORMS.get(spec.name) is not spec:
            raise UsageError(f"{where} redefines transform {spec.name!r}")


# --- helpers ----------------------------------------------------------------------------------

def _fits(value: Any, hint: Any) -> bool:
    """Whether a parameter value fits a simple annotation; other constructs are not checked."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return any(_fits(value, arg) for arg in typing.get_args(hint))
    cls = typing.get_origin(hint) or hint
    if cls is Any or not isinstance(cls, type):
        return True
    return isinstance(value, cls) and not (cls is int and isinstance(value, bool))


def _shown(value: Any, mask: Masker | None = None) -> str:
    """A value for an error message: masked when it may be personal data, and kept short."""
    text = repr(mask(value) if mask is not None and isinstance(value, str) else value)
    return text if len(text) <= 60 else text[:57] + "..."


def _must(result: T | None, expected: str, value: Any, mask: Masker | None = None) -> T:
    """``result``, unless the parser gave None for ``value``: then a TransformError."""
    if result is None:
        raise TransformError(f"expected {expected}, got {_shown(value, mask)}")
    return result


def _checked(**rules: tuple[str, Callable[[Any], bool]]) -> Prepare:
    """A prepare step checking parameter values (their types are checked already)."""

    def prepare(params: dict[str, Any]) -> dict[str, Any]:
        for name, (wanted, holds) in rules.items():
            if name in params and not holds(params[name]):
                raise UsageError(f"parameter {name!r} must be {wanted}, got {_shown(params[name])}")
        return params

    return prepare


_NON_EMPTY = ("non-empty", lambda value: len(value) > 0)
_AT_LEAST_0 = ("at least 0", lambda value: value >= 0)
# Decimals an amount can keep: its text holds at most 60 digits in all.
_PLACES = ("from 0 to 30", lambda value: 0 <= value <= 30)


def _string_normaliser(name: str, func: Callable[[str], str]) -> None:
    transform(name, accepts=["string"], returns="string", idempotent=True)(func)


# --- text -------------------------------------------------------------------------------------

_string_normaliser("trim", ref.trim)


@transform("strip_chars", accepts=["string"], returns="string", idempotent=True)
def strip_chars(value: str, chars: str) -> str:
    """Strip any of ``chars`` from both ends."""
    return value.strip(chars)


@transform("remove_chars", accepts=["string"], returns="string", idempotent=True)
def remove_chars(value: str, chars: str) -> str:
    """Remove any of ``chars`` anywhere: ``{remove_chars: {chars: " -()"}}`` on phones."""
    return value.translate(str.maketrans("", "", chars))


_string_normaliser("lower", str.lower)
_string_normaliser("upper", str.upper)
_string_normaliser("title", ref.title_case)


@transform("regex_replace", accepts=["string"], returns="string", prepare=lambda params: {
    **params, "_regex": ref.compile_regex(params["pattern"], params["replacement"])})
def regex_replace(value: str, pattern: str, replacement: str, *,
                  _regex: BoundedRegex | None = None) -> str:
    """Replace every match of a Python regular expression (``\\1`` inserts a group).

    Bounded per value and per run (``seamguard.regex_limits``): a value the pattern backtracks
    on fails with a TransformError naming the pattern, and later values go on being mapped."""
    try:
        return (_regex or ref.compile_regex(pattern, replacement)).sub(replacement, value)
    except RegexTimeout as exc:
        raise TransformError(f"{exc}; hint: {exc.hint}") from None


@transform("truncate", accepts=["string"], returns="string", idempotent=True,
           prepare=_checked(max_length=("at least 1", lambda length: length >= 1)))
def truncate(value: str, max_length: int) -> str:
    """Cut to at most ``max_length`` characters (code points), never inside a surrogate pair."""
    if len(value) <= max_length:
        return value
    return value[: max_length - ("\ud800" <= value[max_length - 1] <= "\udbff")]


# --- missing values and lists -----------------------------------------------------------------


@transform("default", accepts=["any"], returns="any", idempotent=True, nullable_input=False)
def default(item: Any, /, value: Any) -> Any:
    """Replace ``None`` or ``""`` with ``value`` (positional ``item`` leaves the name free)."""
    return value if item is None or item == "" else item


def _is_empty(value: Any) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or (isinstance(value, list | dict) and not value)


@transform("coalesce", accepts=["array"], returns="any")
def coalesce(value: list[Any]) -> Any:
    """First item that is not empty (None, blank text, [] or {}), or None if all are."""
    return next((item for item in value if not _is_empty(item)), None)


def _text(value: Any) -> str:
    """Scalar -> text, booleans and numbers spelt as JSON spells them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float | Decimal):
        return str(value)
    raise TransformError(f"expected a string, number or boolean, got {ref.json_type(value)}")


@transform("concat", accepts=["array"], returns="string")
def concat(value: list[Any], separator: str = "") -> str | None:
    """Join a list of values (``[first, last]``) into text, skipping None and ``""``; None
    when every value is None, so missing sources stay missing for ``default`` and ``required``
    (PostgreSQL's and DuckDB's ``concat_ws`` give ``""`` there); an empty list gives ``""``."""
    if value and all(item is None for item in value):
        return None
    return separator.join(_text(item) for item in value if item is not None and item != "")


@transform("join", accepts=["array"], returns="string")
def join(value: list[Any], separator: str = ";") -> str:
    """Join a list into text, skipping None: ``["vip", "b2b"]`` -> ``vip;b2b``."""
    return separator.join(_text(item) for item in value if item is not None)


@transform("split", accepts=["string"], returns="array", prepare=_checked(separator=_NON_EMPTY))
def split(value: str, separator: str) -> list[str]:
    """Split text at each ``separator``; empty text gives an empty list."""
    return value.split(separator) if value else []


@transform("split_tags", accepts=["string"], returns="array",
           prepare=_checked(separator=_NON_EMPTY))
def split_tags(value: str, separator: str = ",") -> list[str]:
    """Split a tag list: Shopify's ``"a, b ,c"`` -> ``["a", "b", "c"]``, trimmed, no empties."""
    return [tag for tag in (ref.trim(part) for part in value.split(separator)) if tag]


@transform("split_name", accepts=["string"], returns="array")
def split_name(value: str) -> list[str]:
    """Split a full name into ``[family, given]``: 张伟 -> [张, 伟], 欧阳娜娜 -> [欧阳, 娜娜].

    Compound surnames (欧阳, 司马, 诸葛...) take two characters when one follows; a Chinese name
    with a space keeps its order (张 伟). Others split at the last space or middle dot, family
    last: ``Mary Ann Smith`` -> [Smith, Mary Ann]; one word is a family name: [Madonna, ""].
    """
    return ref.split_full_name(ref.trim(value))


@transform("family_name", accepts=["string"], returns="string")
def family_name(value: str) -> str:
    """The family name of a full name, as ``split_name`` finds it."""
    return ref.split_full_name(ref.trim(value))[0]


@transform("given_name", accepts=["string"], returns="string")
def given_name(value: str) -> str:
    """The given name of a full name, as ``split_name`` finds it (may be empty)."""
    return ref.split_full_name(ref.trim(value))[1]


# --- enums, booleans and numbers --------------------------------------------------------------


@transform("enum_map", accepts=["string", "integer", "number", "boolean"], returns="any",
           prepare=_checked(mapping=_NON_EMPTY))
def enum_map(value: Any, mapping: Mapping[Any, Any], default: Any = _ABSENT) -> Any:
    """Map known values to others (``{paid: PAID}``); unknown ones fail unless ``default``."""
    if (found := mapping.get(value, _ABSENT)) is not _ABSENT:
        return found
    if default is not _ABSENT:
        return default
    note = ""
    if isinstance(value, str) and any(isinstance(key, bool) for key in mapping):
        note = " (YAML reads unquoted yes/no/on/off/y/n keys as booleans: quote them)"
    known = ", ".join(sorted(map(repr, mapping))[:20])
    raise TransformError(f"expected one of {known}, got {_shown(value)}{note}")


@transform("to_bool", accepts=["string", "boolean", "integer"], returns="boolean",
           idempotent=True)
def to_bool(value: str | bool | int) -> bool:
    """``true/false, yes/no, y/n, on/off, 1/0, 是/否`` (any case) -> boolean."""
    if isinstance(value, bool):
        return value
    return _must(ref.to_boolean(str(value)), "true/false, yes/no, y/n, on/off, 1/0 or 是/否",
                 value)


@transform("to_string", accepts=["string", "integer", "number", "boolean"], returns="string",
           idempotent=True)
def to_string(value: str | int | float | bool) -> str:
    """Text of a scalar: ``42`` -> ``"42"``, ``true`` -> ``"true"`` (JSON spelling)."""
    return _text(value)


def _decimal(value: str | int | float) -> Decimal:
    return _must(ref.parse_decimal(value), "a decimal number like 199.00", value)


def _fixed(value: str | int | float | Decimal, places: int) -> str:
    number = value if isinstance(value, Decimal) else _decimal(value)
    return _must(ref.fixed_decimal(number, places), "a number of at most 60 digits", value)


@transform("to_integer", accepts=["string", "integer", "number"], returns="integer",
           idempotent=True)
def to_integer(value: str | int | float) -> int:
    """Whole number: ``"42"``, ``"42.0"``, ``42.0`` -> 42; ``"4.2"`` fails (nothing is cut)."""
    if (number := _decimal(value)) != number.to_integral_value():
        raise TransformError(f"expected a whole number, got {_shown(value)}")
    return value if isinstance(value, int) else int(number)


@transform("to_number", accepts=["string", "integer", "number"], returns="number",
           idempotent=True)
def to_number(value: str | int | float) -> int | float:
    """Number from text (``"42"`` -> 42, ``"19.90"`` -> 19.9); numbers pass through."""
    if not isinstance(value, str):
        _decimal(value)  # rejects NaN and infinities, which JSON cannot carry
        return value
    return _must(ref.number_from_text(value), "a number like 19.90", value)


@transform("decimal", accepts=["string", "integer", "number"], returns="string",
           idempotent=True, prepare=_checked(places=_PLACES))
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
            raise TransformError(f"expected whole minor units, got {_shown(value)}")
        value = int(text)
    return _fixed(Decimal(value).scaleb(-exponent), exponent)


# --- contact data -----------------------------------------------------------------------------


@transform("phone_e164", accepts=["string", "integer"], returns="string", returns_format="e164",
           idempotent=True, max_length=16, prepare=lambda params: {
               **params, "region": ref.phone_region(params.get("region", "CN"))})
def phone_e164(value: str | int, region: str = "CN") -> str:
    """Phone number -> E.164: ``(010) 1234-5678`` -> ``+861012345678``.

    Full-width digits are folded first. A number with a country code (``+1 415 555 2671``,
    ``0086 138…``) keeps it; others are of ``region``. Numbers ``phonenumbers`` deems invalid
    fail, and so do numbers with an extension (E.164 has no room for one).
    """
    text = ref.folded(str(value))
    return _must(ref.e164(text, region), f"a valid phone number of region {region} without "
                 "extension", text, scrub.mask_phone)


@transform("email", accepts=["string"], returns="string", returns_format="email",
           idempotent=True)
def email(value: str) -> str:
    """E-mail address, full-width folded, trimmed and lower-cased; fails unless ``a@b.c``."""
    return _must(ref.email_address(value), "an e-mail address", value, scrub.mask_email)


# The recording scrubber's masks, so a mapped value is masked exactly like a recorded one.
_string_normaliser("mask_phone", scrub.mask_phone)
_string_normaliser("mask_email", scrub.mask_email)
_string_normaliser("mask_name", scrub.mask_name)
_string_normaliser("mask_address", scrub.mask_address)


@transform("mask", accepts=["string"], returns="string", idempotent=True, prepare=_checked(
    keep_start=_AT_LEAST_0, keep_end=_AT_LEAST_0,
    char=("one character", lambda char: len(char) == 1)))
def mask(value: str, keep_start: int = 3, keep_end: int = 4, char: str = "*") -> str:
    """Mask the middle, showing at most ``keep_start + keep_end`` characters: 138****5678.

    At least four characters (all of a shorter value) stay masked; the longer end gives way.
    """
    return ref.mask_middle(value, keep_start, keep_end, char)


# --- dates, places, lookup tables -------------------------------------------------------------


def _prepare_datetime(params: dict[str, Any]) -> dict[str, Any]:
    pattern = params.get("format")
    return {**params, "_zone": ref.zone_info(params.get("tz", "UTC")),
            "_pattern": ref.strptime_format(pattern) if pattern else None}


@transform("datetime_utc", accepts=["string"], returns="string", returns_format="date-time",
           idempotent=True, prepare=_prepare_datetime, max_length=27)
def datetime_utc(value: str, format: str | None = None, tz: str = "UTC", *,
                 _zone: tzinfo | None = None, _pattern: str | None = None) -> str:
    """Date-time -> ISO-8601 UTC: ``2024-07-14 11:20:05`` in Asia/Shanghai -> ``…03:20:05Z``.

    Reads ISO-8601 or ``format``, a Java-style (``yyyy-MM-dd HH:mm:ss``, see
    ``reference_data.strptime_format``) or strptime pattern, as local time in ``tz`` if there is
    no offset. ISO-8601 with offset is always read, so the transform is idempotent. The output
    has seconds, or milli/microseconds if the input had a fraction.
    """
    zone = _zone or ref.zone_info(tz)
    pattern = _pattern if _pattern is not None or not format else ref.strptime_format(format)
    wanted = "ISO-8601" if pattern is None else f"{format!r} or ISO-8601 with offset"
    return ref.iso_utc(_must(ref.parse_instant(ref.folded(value), pattern, zone),
                             f"a date-time in {wanted}", value))


@transform("date_only", accepts=["string"], returns="string", returns_format="date",
           idempotent=True, max_length=10)
def date_only(value: str) -> str:
    """Date-time with offset -> its UTC date ``YYYY-MM-DD``; a date stays as it is.

    A date-time without offset fails: its date depends on a zone (``datetime_utc`` first).
    """
    return _must(ref.utc_date(ref.folded(value)), "an ISO-8601 date, or date-time with offset",
                 value)


@transform("country_iso2", accepts=["string"], returns="string", idempotent=True,
           max_length=2)
def country_iso2(value: str) -> str:
    """Country -> ISO 3166-1 alpha-2: China, CHN, cn, 中国, 中华人民共和国 -> CN; 香港 -> HK."""
    return _must(ref.country_alpha2(value), "a country name or ISO 3166-1 code", value)


@transform("province_code", accepts=["string"], returns="string", idempotent=True,
           max_length=5)
def province_code(value: str) -> str:
    """Chinese province-level division -> ISO 3166-2: 广东省, 广东, Guangdong -> ``CN-GD``."""
    return _must(ref.china_province_code(value), "a Chinese province, municipality, "
                 "autonomous region or SAR", value)


@transform("lookup", accepts=["string", "integer"], returns="any", prepare=lambda params: {
    **params, "_table": ref.load_table(params["file"], params.get("key"), params.get("value"),
                                       params.get("_base_dir"))})
def lookup(item: str | int, /, file: str, key: str | None = None, value: str | None = None,
           default: Any = _ABSENT, *, _base_dir: Path | None = None,
           _table: Mapping[str, Any] | None = None) -> Any:
    """Look the value up in a CSV or JSON table file, loaded once when the rule is bound.

    ``file`` is relative to the project root. A CSV needs a header row; ``key`` and ``value``
    name its columns (default: the first two) and its values are text. A JSON table is one
    object. Keys match exactly (an integer as its text); unknown keys fail unless ``default``.
    """
    table = _table if _table is not None else ref.load_table(file, key, value, _base_dir)
    if (found := table.get(str(item), _ABSENT)) is not _ABSENT:
        return found
    if default is _ABSENT:
        raise TransformError(f"expected a key of {file}, got {_shown(item)}")
    return default
