"""One pass over a JSON text's bytes for every screen ``document_json`` needs, and the key
count of a parsed value: compiled (``seamguard._jsonscan``, built with the package when a C
compiler is at hand) or, without it, these pure-Python references, which give the same answers.

``scan(data)`` returns ``(flags, openings, colons)``: which of :data:`LONG_DIGITS` (a run of 19
or more ASCII digits), :data:`ESCAPE` (a backslash followed by ``u``), :data:`EXPONENT` (a digit
followed by ``e`` or ``E``) and :data:`SIXTEEN` (16 or more digits followed by ``.``) occur
anywhere in the bytes; how many bytes are ``[`` or ``{``; and how many colons lie outside
strings. ``keys(value)`` is how many entries the dicts in ``value`` hold, at any depth.
``screens(text, value)`` is ``(flags, openings, repeats)``: ``scan`` of the text's UTF-8 and
whether ``value``, parsed from the text, lost a key named twice (:func:`repeats`), in one call.

Why the two answer the duplicate-key question exactly: in a JSON text every colon outside a
string separates a key from its value (no escape can spell one there), and a parser keeps one
entry per distinct key of each object. So a text the parser accepted names a key twice in some
object exactly when its colons outside strings outnumber the entries of the value it made.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["ACCELERATED", "ESCAPE", "EXPONENT", "LONG_DIGITS", "SIXTEEN", "documents", "keys",
           "keys_reference", "read", "repeats", "scan", "scan_reference", "screens",
           "screens_reference"]

LONG_DIGITS = 1
ESCAPE = 2
EXPONENT = 4
SIXTEEN = 8

# Each byte to its class: digits to 0, opening brackets to [, "e" and "E" to e; backslashes,
# "u" and points to themselves; anything else to a space.
_CLASSES = bytes(
    ord("0") if 0x30 <= byte <= 0x39 else ord("[") if byte in b"[{" else ord("e")
    if byte in b"eE" else byte if byte in b"\\u." else ord(" ") for byte in range(256))


def scan_reference(data: bytes) -> tuple[int, int, int]:
    """``scan`` in Python: the reference the compiled one is tested against."""
    classes = data.translate(_CLASSES)
    flags = (LONG_DIGITS if b"0" * 19 in classes else 0) | (
        ESCAPE if b"\\u" in classes else 0) | (EXPONENT if b"0e" in classes else 0) | (
        SIXTEEN if b"0" * 16 + b"." in classes else 0)
    colons = 0
    inside = escaped = False
    for byte in data:
        if inside:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                inside = False
        elif byte == 0x22:
            inside = True
        elif byte == 0x3A:  # colon
            colons += 1
    return flags, classes.count(b"["), colons


def keys_reference(value: Any) -> int:
    """``keys`` in Python: the reference the compiled one is tested against."""
    count, stack = 0, [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            count += len(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


def repeats(value: Any, colons: int, count: Callable[[Any], int] = keys_reference) -> bool:
    """Whether a text with ``colons`` colons outside its strings, which the parser read into
    ``value``, names a key twice in one object (exactly: see above); ``count`` is ``keys``."""
    if colons < 2 or (type(value) is dict and colons == len(value)):
        return False  # (the value cannot hold more entries than the text has keys)
    return count(value) != colons


def screens_reference(text: str, value: Any) -> tuple[int, int, bool]:
    """``screens`` in Python: the reference the compiled one is tested against."""
    flags, openings, colons = scan_reference(text.encode("utf-8", "surrogatepass"))
    return flags, openings, repeats(value, colons)


scan: Callable[[bytes], tuple[int, int, int]]
keys: Callable[[Any], int]
screens: Callable[[str, Any], tuple[int, int, bool]]
# documents(values, loads, check, key, screened, max_depth, integers): are the JSON texts among
# values read, screened and valid with no question left? (False: a Python loop decides; see
# PlanDocument.clean). Compiled only: None without the accelerator.
documents: Callable[[Any, Callable[[str], Any], Callable[[Any], bool], str | None, bool, int,
                     bool], bool] | None
# read(loads, text, max_depth, lossless): loads_json_screens's answer for the texts it answers
# without a question, else None (see document_json.screened_reader). Compiled only.
read: Callable[[Callable[[str], Any], str, int, bool], tuple[Any, bool, bool] | None] | None
try:
    from seamguard._jsonscan import (  # type: ignore[import-not-found,no-redef]
        documents,
        keys,
        read,
        scan,
        screens,
    )
except ImportError:  # not built (no C compiler where the package was installed)
    ACCELERATED = False
    scan, keys, screens = scan_reference, keys_reference, screens_reference
    documents = read = None
else:
    ACCELERATED = True
