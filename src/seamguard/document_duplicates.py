"""Duplicate keys in a JSON object: found without slowing the common case, and placed.

JSON parsers disagree on ``{"id": 1, "id": 2}``: Python's ``json`` and orjson keep the last
value, some keep the first, some refuse the text. A body whose meaning depends on the reader is
reported, naming the object's pointer and where both occurrences are.

The screen is cheap: parsing drops the earlier occurrence of a repeated key, and with it the
colon after the key, so the value written back out (orjson, in C) holds fewer colons than the
text. A colon only ever appears as a key's separator or inside a string, and serialising never
escapes one, so without duplicates the counts are equal unless the text spells a colon as
``\\u003a``; that text takes the careful path too. Most small documents need not be written
out at all: every key has a colon of its own, so a text with at most one colon, or an object
with as many keys as its text has colons, cannot repeat one. Only texts the screen flags are
parsed again with ``object_pairs_hook``, and only a confirmed duplicate is located.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import Any

import orjson

from seamguard.document_pointers import escape_pointer
from seamguard.document_scan import keys_reference


class DuplicateKeyError(ValueError):
    """A JSON object names one key twice; ``value`` is the document as parsed (last one wins)."""

    def __init__(self, value: Any, pointer: str, key: str,
                 first: tuple[int, int], second: tuple[int, int]) -> None:
        self.value, self.pointer, self.key = value, pointer, key
        self.first, self.second = first, second
        super().__init__(
            f"the key {key!r} appears twice in the object at {pointer or '/'} (line {first[0]} "
            f"column {first[1]}, then line {second[0]} column {second[1]}); JSON readers "
            f"disagree on which one counts")


def may_repeat_keys(text: str, value: Any, data: bytes | None = None,
                    escapes: bool = True) -> bool:
    """Whether ``text`` (which parsed into ``value``; ``data``: its UTF-8, when the caller has
    it) may name a key twice in one object. ``escapes=False``: the caller knows the text holds
    no ``\\u`` escape (so no colon is spelled as one)."""
    if data is None:
        data = text.encode("utf-8", "surrogatepass")
    colons = data.count(b":")  # bytes: a faster scan than a str's of wide characters
    # Every key of the text is followed by a colon of its own, which no escape can spell, and
    # the parsed value holds at least one key per key of the text it kept: so at most one
    # colon (a repeat needs two keys), or an object with as many keys as the text has colons
    # (every colon is one of its keys, none is nested or inside a string), rules a repeat out.
    if colons < 2:
        return False
    if isinstance(value, dict):
        if colons == len(value):
            return False
    elif not isinstance(value, list) or b"{" not in data:
        return False
    try:
        written = orjson.dumps(value).count(b":")
    except (TypeError, orjson.JSONEncodeError):  # an integer beyond 64 bits, a surrogate
        # json.dumps writes one separating colon per key besides the colons inside strings
        written = json.dumps(value, ensure_ascii=False).count(":") - keys_reference(value)
    return written != colons or (escapes and b"\\u003" in data and (
        b"\\u003a" in data or b"\\u003A" in data))


def refuse_duplicates(text: str, value: Any, data: bytes | None = None,
                      escapes: bool = True) -> None:
    """Raises ``DuplicateKeyError`` when ``text`` (already parsed into ``value``; ``data``: its
    UTF-8 if at hand; ``escapes=False``: it holds no ``\\u`` escape) names a key twice in one
    object; returns quickly for the texts the screen clears."""
    if may_repeat_keys(text, value, data, escapes):
        confirm_duplicates(text, value)


def confirm_duplicates(text: str, value: Any) -> None:
    """``refuse_duplicates`` for a text the screen (``may_repeat_keys``) flagged: parsed again
    with ``object_pairs_hook``, and a repeat found is located."""
    repeated = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        made = dict(items)
        if len(made) != len(items):
            repeated = True
        return made

    json.JSONDecoder(object_pairs_hook=pairs, parse_constant=lambda name: None,
                     strict=True).decode(text)
    if not repeated:
        return
    found = _locate(text)
    if found is not None:
        pointer, key, first, second = found
        raise DuplicateKeyError(value, pointer, key, _line_column(text, first),
                                _line_column(text, second))


_SPACE = re.compile(r"[ \t\r\n]*")
_SCALAR = json.JSONDecoder(parse_constant=lambda name: None, parse_float=lambda text: 0,
                           parse_int=lambda text: 0)


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _locate(text: str) -> tuple[str, str, int, int] | None:
    """The first repeated key in document order: (the object's pointer, the key, the offsets
    of both occurrences). Iterative, so any depth the parser accepted is walked."""
    position = _SPACE.match(text, 0).end()  # type: ignore[union-attr]
    # each frame: (kind, pointer, keys seen or next index)
    stack: list[tuple[str, str, dict[str, int] | list[int]]] = []
    expect_value = True
    while True:
        position = _SPACE.match(text, position).end()  # type: ignore[union-attr]
        if expect_value:
            char = text[position]
            if char == "{":
                frame: tuple[str, str, dict[str, int] | list[int]] = (
                    "object", _child(stack), {})
                stack.append(frame)
                position = _SPACE.match(text, position + 1).end()  # type: ignore[union-attr]
                if text[position] == "}":
                    position += 1
                    stack.pop()
                    expect_value = False
                    continue
                found = _key(text, position, frame)
                if isinstance(found, tuple):
                    return found
                position = found
                continue
            if char == "[":
                stack.append(("array", _child(stack), [0]))
                position = _SPACE.match(text, position + 1).end()  # type: ignore[union-attr]
                if text[position] == "]":
                    position += 1
                    stack.pop()
                    expect_value = False
                continue
            position = _SCALAR.scan_once(text, position)[1]  # type: ignore[attr-defined]
            expect_value = False
            continue
        if not stack:
            return None
        kind, _, state = stack[-1]
        char = text[position]
        if char == ",":
            position = _SPACE.match(text, position + 1).end()  # type: ignore[union-attr]
            if kind == "object":
                found = _key(text, position, stack[-1])
                if isinstance(found, tuple):
                    return found
                position = found
            else:
                assert isinstance(state, list)
                state[0] += 1
            expect_value = True
            continue
        position += 1  # the closing bracket
        stack.pop()


def _child(stack: list[tuple[str, str, dict[str, int] | list[int]]]) -> str:
    """The pointer of the value about to be read inside the innermost container."""
    if not stack:
        return ""
    _kind, pointer, state = stack[-1]
    if isinstance(state, list):
        return f"{pointer}/{state[0]}"
    return f"{pointer}/{escape_pointer(_last_key(state))}"


def _last_key(seen: dict[str, int]) -> str:
    return next(reversed(seen))


def _key(text: str, position: int,
         frame: tuple[str, str, dict[str, int] | list[int]]) -> int | tuple[str, str, int, int]:
    """Reads the key at ``position`` and its colon: the offset of its value, or the duplicate."""
    _, pointer, seen = frame
    assert isinstance(seen, dict)
    key, end = scanstring(text, position + 1, True)
    if key in seen:
        return pointer, key, seen[key], position
    seen[key] = position
    colon = _SPACE.match(text, end).end()  # type: ignore[union-attr]
    return colon + 1
