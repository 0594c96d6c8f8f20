"""JSON payloads (bodies, records) loaded fast and refused when they would hurt later: too deep,
not finite, lone surrogates."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from functools import partial
from typing import Any

import orjson

from seamguard.document_duplicates import DuplicateKeyError as DuplicateKeyError
from seamguard.document_duplicates import confirm_duplicates, may_repeat_keys, refuse_duplicates
from seamguard.document_limits import DEFAULT_MAX_DEPTH
from seamguard.document_pointers import escape_pointer
from seamguard.document_scan import (
    ACCELERATED,
    ESCAPE,
    EXPONENT,
    LONG_DIGITS,
    SIXTEEN,
    keys,
    read,
    repeats,
    screens,
)


class TooDeepError(ValueError):
    """A payload nests deeper than the limit."""


class _Constant(ValueError):
    """``NaN``, ``Infinity`` or ``-Infinity``: Python's json reads them, JSON has none."""

    def __init__(self, name: str) -> None:
        super().__init__(f"{name} is not a JSON value")
        self.name = name


def _no_constant(name: str) -> Any:
    raise _Constant(name)


_PYTHON_NAMES = {"NaN": "nan", "Infinity": "inf", "-Infinity": "-inf"}


def _constant_at(text: str, name: str) -> str:
    """Where the first ``name`` (``NaN``, ``Infinity``, ``-Infinity``) of ``text`` sits, as a
    JSON pointer ('' when it cannot be found)."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return ""
    stack: list[tuple[Any, str]] = [(value, "")]  # depth first, in the text's order
    while stack:
        item, where = stack.pop()
        if isinstance(item, float) and repr(item) == _PYTHON_NAMES.get(name):
            return where or "/"
        if isinstance(item, dict):
            stack.extend(reversed([(child, f"{where}/{escape_pointer(str(key))}")
                                   for key, child in item.items()]))
        elif isinstance(item, list):
            stack.extend(reversed([(child, f"{where}/{index}")
                                   for index, child in enumerate(item)]))
    return ""


# One decoder for every payload: json.loads with any keyword builds a new decoder per call.
class _Infinite(ValueError):
    """A number too large for a double (json reads ``1e999`` as infinity)."""


def _finite(text: str) -> float:
    number = float(text)
    if math.isinf(number):
        raise _Infinite(text)
    return number


_DECODER = json.JSONDecoder(parse_constant=_no_constant, parse_float=_finite)
# The same without the check, to find where an infinite number is once one was met.
_PLAIN_DECODER = json.JSONDecoder(parse_constant=_no_constant)


def loads_json(text: str | bytes, *, max_depth: int = DEFAULT_MAX_DEPTH) -> Any:
    """``json.loads`` for payloads (bodies, records), refusing what would hurt later.

    Raises ``json.JSONDecodeError`` for syntax errors, ``TooDeepError`` when nested deeper than
    ``max_depth``, ``DuplicateKeyError`` (carrying the value read) when an object names a key
    twice, and ``ValueError`` for ``NaN``/``Infinity`` (not JSON) or integers too long
    for Python to convert. Payloads are parsed in bulk, so the depth walk only runs when the
    text holds enough brackets to nest that deep at all. orjson parses what it reads exactly as
    json does (see ``_FAST_MAX_DEPTH``); everything else, errors included, goes to json.
    """
    if isinstance(text, bytes):
        text = text.decode(json.detect_encoding(text), "surrogatepass")
    if max_depth <= _FAST_MAX_DEPTH:
        try:
            # A str, not its bytes: orjson then skips its UTF-8 check, and the str keeps the
            # UTF-8 it made, which the compiled screens read in place.
            value = orjson.loads(text)
        except orjson.JSONDecodeError:
            pass  # the path below says what is wrong, in json's words
        else:
            if _SCREENS is not None:  # every screen in one compiled pass
                flags, openings, repeated = _SCREENS(text, value)
                if not flags & LONG_DIGITS:
                    if openings > max_depth and _text_deeper(text, max_depth):
                        raise TooDeepError(f"nested deeper than {max_depth} levels")
                    if repeated:
                        confirm_duplicates(text, value)
                    return value
                return _loads_json(text, max_depth)
            data = text.encode("utf-8")
            classes = data.translate(_CLASSES)
            # orjson reads an integer beyond 64 bits as a float: such texts take the path below.
            if _LONG_DIGITS not in classes:
                if (len(classes) > max_depth and classes.count(b"[") > max_depth
                        and _classes_deeper(classes, max_depth)):
                    raise TooDeepError(f"nested deeper than {max_depth} levels")
                refuse_duplicates(text, value, data)
                return value
    return _loads_json(text, max_depth)


def loads_json_screened(text: str | bytes, max_depth: int = DEFAULT_MAX_DEPTH,
                        ) -> tuple[Any, bool]:
    """``loads_json(text, max_depth=max_depth)``, and whether the JSON texts inside its strings
    may be read with :func:`loads_embedded` (for a depth limit of at least ``max_depth``)."""
    value, screened, _ = loads_json_screens(text, max_depth)
    return value, screened


def loads_json_screens(text: str | bytes, max_depth: int = DEFAULT_MAX_DEPTH,
                       lossless: bool = True) -> tuple[Any, bool, bool]:
    """``loads_json(text, max_depth=max_depth)``; whether the JSON texts inside its strings
    may be read with :func:`loads_embedded` (for a depth limit of at least ``max_depth``); and,
    when they may and ``lossless`` asks, whether neither the value nor any JSON text inside its
    strings (read so) can hold a float beyond 2^53 (``may_hold_lossy`` would say no for each).

    A document embedded in a string of this text is that string unescaped. When the text has
    no ``\\u`` escape, unescaping only turns ``\\"``, ``\\\\``, ``\\/`` and control escapes into
    single characters, none a digit or a bracket: every run of digits of the inner text is one
    of the outer text, and its brackets are some of the outer ones. So when the outer text has
    no run of 19 digits, and either too few bytes to nest deeper than ``max_depth`` (an opening
    and a closing bracket per level) or no more opening brackets than ``max_depth``, every
    string in it passes ``loads_json``'s screens too, and so do the strings inside those.

    Such a float is read from a number with an exponent (a digit, then ``e`` or ``E``) or
    with at least 16 digits before its point (2^53 has 16); 19 digits in a row are screened
    out already (orjson would read such an integer as a float). Unescaping without ``\\u``
    cannot put a digit beside an ``e`` or a point that are not side by side in the outer text.
    """
    if isinstance(text, str) and max_depth <= _FAST_MAX_DEPTH:
        try:
            value = orjson.loads(text)
        except orjson.JSONDecodeError:
            pass
        else:
            if _SCREENS is not None:  # every screen in one compiled pass
                flags, openings, repeated = _SCREENS(text, value)
                if not flags & LONG_DIGITS:
                    if openings <= max_depth or len(text.encode("utf-8")) <= 2 * max_depth + 1:
                        if repeated:
                            confirm_duplicates(text, value)
                        plain = not flags & ESCAPE
                        return value, plain, lossless and plain and not flags & (
                            EXPONENT | SIXTEEN)
                    if _text_deeper(text, max_depth):
                        raise TooDeepError(f"nested deeper than {max_depth} levels")
                    if repeated:
                        confirm_duplicates(text, value)
                    return value, False, False
                return _loads_json(text, max_depth), False, False
            data = text.encode("utf-8")
            classes = data.translate(_CLASSES)
            if _LONG_DIGITS not in classes:
                if len(classes) <= 2 * max_depth + 1 or classes.count(b"[") <= max_depth:
                    plain = b"\\u" not in classes  # as "\\u" not in text, faster
                    if may_repeat_keys(text, value, data, not plain):  # (inlined: per body)
                        confirm_duplicates(text, value)
                    return value, plain, lossless and plain and _EXPONENT not in classes \
                        and _SIXTEEN_DIGITS not in classes
                if _classes_deeper(classes, max_depth):
                    raise TooDeepError(f"nested deeper than {max_depth} levels")
                refuse_duplicates(text, value, data)
                return value, False, False
    return loads_json(text, max_depth=max_depth), False, False


def screened_reader(max_depth: int) -> Callable[[str, int, bool], tuple[Any, bool, bool] | None] \
        | None:
    """A compiled ``reader(text, max_depth, lossless)`` giving what
    ``loads_json_screens(text, max_depth, lossless)`` gives for the texts it reads without a
    question (no run of 19 digits, no more opening brackets than ``max_depth``, no key named
    twice; orjson reads it), in one call, and None for any other text (ask
    ``loads_json_screens``); None itself without the accelerator or for a limit the fast path
    does not take."""
    if _READ is None or max_depth > _FAST_MAX_DEPTH:
        return None
    return partial(_READ, orjson.loads)


def loads_embedded(text: str, max_depth: int = DEFAULT_MAX_DEPTH) -> Any:
    """``loads_json(text, max_depth=max_depth)`` for a string of a document that
    :func:`loads_json_screened` found screened for ``max_depth`` or less (or of a document
    read by this function from one): orjson's answer needs no screen of its own."""
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError:
        return loads_json(text, max_depth=max_depth)
    # the one check no screen of the outer text stands for; the outer text had no \u escape,
    # so neither has this one (unescaping without \u cannot make one)
    if _SCREENS is not None:
        if _SCREENS(text, value)[2]:
            confirm_duplicates(text, value)
        return value
    if may_repeat_keys(text, value, None, False):
        confirm_duplicates(text, value)
    return value


def _repeats(value: Any, colons: int) -> bool:
    """Whether a text with ``colons`` colons outside its strings, which the parser read into
    ``value``, names a key twice in one object (exactly: see ``document_scan``)."""
    return repeats(value, colons, _KEYS)


# The compiled screens (None: the pure-Python ones below, giving the same answers).
_SCREENS: Callable[[str, Any], tuple[int, int, bool]] | None = screens if ACCELERATED else None
_READ = read
_KEYS: Callable[[Any], int] = keys

# What orjson's result may differ from json.loads' in, and how the fast path avoids it: orjson
# refuses NaN, Infinity, numbers too large for a double, lone surrogates (escaped or not), a
# BOM and nesting beyond 1,024 levels (all of which json.loads either refuses too or reads
# into something loads_json refuses), so a refused text is parsed again below, which says why
# in json's words. It reads integers beyond 64 bits as floats, so a text with a run of 19 or
# more digits (anywhere, strings included) is never given to it. Depth limits above 512 also
# take the path below, where json's own recursion limit answers as it always did.
_FAST_MAX_DEPTH = 512
# Each byte of a text's UTF-8 to its class: digits to 0, opening brackets to [, closing ones
# to ], quotes, backslashes, "u" (for \u escapes) and points to themselves, "e" and "E" to e,
# anything else to a space.
_CLASSES = bytes(
    ord("0") if 0x30 <= byte <= 0x39 else ord("[") if byte in b"[{" else ord("]")
    if byte in b"]}" else byte if byte in b'"\\u.' else ord("e") if byte in b"eE"
    else ord(" ") for byte in range(256))
_NOT_STRUCTURE = b" 0\\u.e"
_LONG_DIGITS = b"0" * 19
_EXPONENT = b"0e"
_SIXTEEN_DIGITS = b"0" * 16 + b"."


def _loads_json(text: str, max_depth: int) -> Any:
    """``loads_json`` with json's decoder (the reference; the fast path's fallback)."""
    try:
        if text.startswith("\ufeff"):  # as json.loads says it
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        try:
            value = _DECODER.decode(text)
            infinite = False
        except _Infinite:  # said below with its pointer (after the depth, as before)
            value = _PLAIN_DECODER.decode(text)
            infinite = True
        except _Constant as exc:
            at = _constant_at(text, exc.name)
            raise ValueError(f"{exc.name} is not a JSON value" + (f" (at {at})" if at else "")
                             ) from None
    except RecursionError:
        raise TooDeepError(f"nested deeper than {max_depth} levels") from None
    if text.count("{") + text.count("[") > max_depth and _text_deeper(text, max_depth):
        raise TooDeepError(f"nested deeper than {max_depth} levels")
    # A lone surrogate needs a \u escape: most payloads have none, and `in` is a C scan.
    if infinite or (("\\u" in text or "\\U" in text) and _SUSPECT.search(text) is not None):
        _refuse_unrepresentable(value, "")
    refuse_duplicates(text, value)
    return value


def _text_deeper(text: str, max_depth: int) -> bool:
    """Whether valid JSON text nests lists and objects deeper than ``max_depth``."""
    return _classes_deeper(text.encode("utf-8", "surrogatepass").translate(_CLASSES), max_depth)


def _classes_deeper(classes: bytes, max_depth: int) -> bool:
    """``_text_deeper`` on the text's UTF-8 bytes mapped through ``_CLASSES``.

    The same answer as :func:`depth_exceeds` on the parsed value, at a fraction of its cost on
    large payloads: escaped backslashes and quotes are dropped, then every byte but quotes and
    brackets (UTF-8 never puts an ASCII byte inside a multi-byte character), then what lies
    inside strings; each pass then removes the innermost pairs (``[`` and ``{`` are one class,
    ``]`` and ``}`` another: in valid JSON the brackets outside strings nest properly anyway).
    """
    if b"\\" in classes:
        classes = classes.replace(b"\\\\", b"").replace(b'\\"', b"")
    # Two quotes side by side open and close a string without brackets in it, or close one and
    # open the next (whose contents then stay between quotes): dropping them keeps what lies
    # outside strings. Most documents have no bracket inside a string: no quote is left.
    brackets = classes.translate(None, _NOT_STRUCTURE).replace(b'""', b"")
    if b'"' in brackets:
        brackets = b"".join(brackets.split(b'"')[0::2])
    for _ in range(max_depth):
        if not brackets:
            return False
        brackets = brackets.replace(b"[]", b"")
    return bool(brackets)


# What JSON's grammar allows but no validator or report can carry: a lone UTF-16 surrogate
# (`"\ud800"`) and a number too large for a double (`1e999`, which Python reads as infinity).
# Only texts with such an escape, or in which the decoder met an infinite number, are walked
# (a regex over every payload for the exponent cost as much as parsing it).
_SUSPECT = re.compile(r"\\[uU][dD][89a-fA-F]")


def _refuse_unrepresentable(value: Any, pointer: str) -> None:
    stack = [(value, pointer)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise ValueError(f"a string at {where or '/'} holds a lone UTF-16 surrogate "
                                 f"({item[exc.start]!r}), which is not a character") from None
        elif isinstance(item, float) and not math.isfinite(item):
            raise ValueError(f"the number at {where or '/'} is too large for a double")
        elif isinstance(item, dict):
            for key, child in item.items():
                stack.append((key, where))
                stack.append((child, f"{where}/{escape_pointer(str(key))}"))
        elif isinstance(item, list):
            stack.extend((child, f"{where}/{index}") for index, child in enumerate(item))
