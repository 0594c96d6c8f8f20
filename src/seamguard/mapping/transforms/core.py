"""The transform registry: :class:`TransformSpec`, the ``@transform`` decorator, the
``seamguard.transforms`` entry-point group, and the checks and messages built-ins share.
"""

from __future__ import annotations

import functools
import inspect
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import metadata
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, TypeVar

from seamguard.errors import UsageError
from seamguard.mapping import reference_data as ref
from seamguard.registry import Registry
from seamguard.spelling import nearest

__all__ = [
    "ABSENT", "AT_LEAST_0", "JSON_TYPES", "NON_EMPTY", "PLACES", "TRANSFORMS", "JsonType",
    "Masker", "TransformError", "TransformSpec", "checked", "load_plugins", "must", "shown",
    "string_normaliser", "text_of", "transform",
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


class Absent:  # an optional parameter not given, where None is a legitimate value
    def __repr__(self) -> str:
        return "<absent>"


ABSENT: Any = Absent()


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
                raise UsageError(f"parameter {name!r} must be {wanted}, got {shown(value)}")
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


def shown(value: Any, mask: Masker | None = None) -> str:
    """A value for an error message: masked when it may be personal data, and kept short."""
    text = repr(mask(value) if mask is not None and isinstance(value, str) else value)
    return text if len(text) <= 60 else text[:57] + "..."


def must(result: T | None, expected: str, value: Any, mask: Masker | None = None) -> T:
    """``result``, unless the parser gave None for ``value``: then a TransformError."""
    if result is None:
        raise TransformError(f"expected {expected}, got {shown(value, mask)}")
    return result


def checked(**rules: tuple[str, Callable[[Any], bool]]) -> Prepare:
    """A prepare step checking parameter values (their types are checked already)."""

    def prepare(params: dict[str, Any]) -> dict[str, Any]:
        for name, (wanted, holds) in rules.items():
            if name in params and not holds(params[name]):
                raise UsageError(f"parameter {name!r} must be {wanted}, got {shown(params[name])}")
        return params

    return prepare


NON_EMPTY = ("non-empty", lambda value: len(value) > 0)
AT_LEAST_0 = ("at least 0", lambda value: value >= 0)
# Decimals an amount can keep: its text holds at most 60 digits in all.
PLACES = ("from 0 to 30", lambda value: 0 <= value <= 30)


def string_normaliser(name: str, func: Callable[[str], str]) -> None:
    transform(name, accepts=["string"], returns="string", idempotent=True)(func)


def text_of(value: Any) -> str:
    """Scalar -> text, booleans and numbers spelt as JSON spells them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float | Decimal):
        return str(value)
    raise TransformError(f"expected a string, number or boolean, got {ref.json_type(value)}")
