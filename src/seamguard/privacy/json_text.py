"""JSON text as the scrubber reads and writes it: parsed as ``json.loads`` parses it (through
orjson where that reads the same), numbers kept in their spelling, and replaced string literals
written back in place so a recorded document keeps its layout."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import orjson

from seamguard.privacy.json_settle import splice

__all__ = ["BIG", "Edit", "Number", "array_fragments", "dump_json", "encode_string", "fast_loads",
           "literal_count", "load_json", "open_escapes", "parsed_literals", "write_back"]

# One replacement the walk made: (container, slot, old value, new value).
Edit = tuple[Any, Any, Any, Any]


class Number(float):
    """A parsed JSON number that re-serialises exactly as it was written (``199.00`` stays)."""

    text: str

    def __new__(cls, text: str) -> Number:
        number = super().__new__(cls, text)
        number.text = text
        return number


# orjson parses a JSON text to the same values as ``json.loads`` (same types, same key order, the
# last of a duplicated key), except that it refuses NaN, Infinity, numbers out of the float range
# and lone surrogates, which ``json.loads`` then reads, and that it reads an integer beyond 64 bits
# as a float: a walk that meets a float that large parses the text again with ``json``.
BIG = 2.0 ** 63


def fast_loads(text: str) -> Any:
    """``json.loads(text)``, through orjson where it reads the text (see above)."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def load_json(text: str) -> Any:
    """Parse JSON keeping each float's spelling; raises ValueError or RecursionError."""
    return json.loads(text, parse_float=Number)


# Where a JSON array of rows or of strings opens inside prose ("rows: [["SO-1", "6148737187"]]").
_ARRAY_OPENS = re.compile(r'\[\s*(?=[\["])')
_OPENS_RUN = re.compile(r'[\[\s]*')


def array_fragments(text: str) -> list[tuple[int, int]]:
    """The spans of the JSON arrays of rows or strings quoted inside ``text`` (a report line
    quoting a keyless answer), left to right, none inside another."""
    decoder = json.JSONDecoder(parse_float=Number)
    found: list[tuple[int, int]] = []
    end = 0
    for match in _ARRAY_OPENS.finditer(text):
        if match.start() < end:
            continue
        try:
            parsed, end = decoder.raw_decode(text, match.start())
        except RecursionError:
            # nested deeper than a parse can go: so is every array opening inside this one, and
            # trying each would take time quadratic in the depth
            end = _OPENS_RUN.match(text, match.start()).end()  # type: ignore[union-attr]
            continue
        except ValueError:
            end = 0
            continue
        if isinstance(parsed, list) and parsed:
            found.append((match.start(), end))
        else:
            end = 0
    return found


def dump_json(value: Any) -> str:
    """Compact JSON with the number spellings of the input and unescaped non-ASCII text."""
    out: list[str] = []
    _dump(value, out)
    return "".join(out)


def _dump(value: Any, out: list[str]) -> None:
    kind = type(value)
    if kind is str:
        out.append(encode_string(value))
    elif kind is Number:
        out.append(value.text)
    elif kind is dict or isinstance(value, Mapping):
        out.append("{")
        first = True
        for key, item in value.items():
            if not first:
                out.append(",")
            first = False
            out.append(encode_string(str(key)))
            out.append(":")
            _dump(item, out)
        out.append("}")
    elif kind is list or isinstance(value, list | tuple):
        out.append("[")
        first = True
        for item in value:
            if not first:
                out.append(",")
            first = False
            _dump(item, out)
        out.append("]")
    else:
        out.append(json.dumps(value, ensure_ascii=False))


encode_string: Any = getattr(json.encoder, "c_encode_basestring", None) or \
    json.encoder.py_encode_basestring


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)


def parsed_literals(value: Any) -> int:
    """The number of strings (keys included) in a parsed JSON value."""
    if isinstance(value, str):
        return 1
    if isinstance(value, dict):
        return len(value) + sum(parsed_literals(item) for item in value.values())
    if isinstance(value, list):
        return sum(parsed_literals(item) for item in value)
    return 0


def literal_count(text: str) -> int:
    """The number of string literals (keys included) in a valid JSON text."""
    if "\\" not in text:
        return text.count('"') // 2
    if "\\\\" not in text:
        # every backslash starts an escape and none is escaped: `\"` is a quote inside a literal
        return (text.count('"') - text.count('\\"')) // 2
    return len(_JSON_STRING.findall(text))


def write_back(text: str, edits: list[Edit], literals: int) -> str | None:
    """``text`` with each replaced string literal rewritten in place, or None when that is not
    certain to reach exactly the literals the walk replaced (the caller re-serialises).

    Certain means: the document has no backslash, so every string literal is ``"`` + its value
    + ``"`` and a quote opens a literal exactly when an even number of quotes precede it; it
    has exactly the literals the walk visited (a duplicated key would hide one); every edit
    replaces a string by a string that needs no escaping; and each replaced value occurs as a
    literal exactly as often as the walk replaced it (so no occurrence under another key is
    touched).
    """
    if "\\" in text or text.count('"') != 2 * literals:
        return None
    plan: dict[str, list[Any]] = {}
    for _container, _slot, old, new in edits:
        if type(old) is not str or type(new) is not str:
            return None
        entry = plan.get(old)
        if entry is None:
            encoded = encode_string(new)
            if "\\" in encoded:
                return None
            plan[old] = [encoded, 1]
        elif entry[0][1:-1] != new:
            return None
        else:
            entry[1] += 1
    written = splice(text, plan) if splice is not None else _splice(text, plan)
    if written is None or any(entry[1] for entry in plan.values()):
        return None
    return written


def _splice(text: str, plan: dict[str, list[Any]]) -> str | None:
    """``text`` (no backslash) with each string literal whose content is a key of ``plan``
    replaced by ``plan[content][0]``, counting ``plan[content][1]`` down; None when a count
    would go below zero. (``seamguard._privsplice.splice`` in Python.)"""
    found: list[tuple[int, str]] = []
    for old in plan:
        needle = f'"{old}"'
        at = text.find(needle)
        while at != -1:
            found.append((at, old))
            at = text.find(needle, at + 1)
    found.sort()
    pieces: list[str] = []
    quotes = counted = last = 0  # quotes before `counted`; `last`: end of the last replaced
    for at, old in found:
        if at < last:
            continue  # the closing quote of a literal just replaced
        quotes += text.count('"', counted, at)
        counted = at
        if quotes % 2:
            continue  # a closing quote: not a literal
        entry = plan[old]
        if not entry[1]:
            return None  # more occurrences than the walk replaced
        entry[1] -= 1
        pieces.append(text[last:at])
        pieces.append(entry[0])
        counted = last = at + len(old) + 2
        quotes += 2
    pieces.append(text[last:])
    return "".join(pieces)


# A JSON text quoted in a message (an answer's body, a payload) may write every non-ASCII
# character as a \uXXXX escape (Python's and most servers' default), where no detector can read
# a Chinese name, an address or full-width digits; a surrogate pair is one character.
_JSON_ESCAPE = re.compile(r"\\u(?:d[89ab][0-9a-f]{2}\\ud[c-f][0-9a-f]{2}|[0-9a-f]{4})", re.I)


def _unescaped(match: re.Match[str]) -> str:
    escape = match.group()
    code = int(escape[2:6], 16)
    if len(escape) == 12:
        return chr(0x10000 + ((code - 0xD800) << 10) + int(escape[8:], 16) - 0xDC00)
    # ASCII escapes (a quote, a control character) stay, so a JSON document stays valid JSON
    return escape if code < 0x80 or 0xD800 <= code < 0xE000 else chr(code)


def open_escapes(text: str) -> str:
    """``text`` with its ``\\u`` escapes of non-ASCII characters read as those characters."""
    return _JSON_ESCAPE.sub(_unescaped, text)
