"""Query strings and form bodies read back as the values their schemas describe.

OpenAPI writes a query parameter in a ``style`` (form, spaceDelimited, pipeDelimited,
deepObject) with or without ``explode``; a form body writes each property the same way, as its
``encoding`` entry says. SDKs add a bracket syntax of their own for nested values that every
server of theirs reads (``metadata[key]=v``, ``expand[]=a``, ``items[0][price]=p``, as Stripe's
clients write them). This module reads all of these back into the JSON value the schema
validates, with the text given the type the schema declares where it reads as one
(``"20"`` → 20), so the validator reports a mismatch with the value as it was sent.

It reads generously: a value written in a way the declared style does not describe but that
names the parameter unambiguously (brackets, a repeated name) is read, never reported, since
servers accept it.
"""

from __future__ import annotations

import json
import re
from typing import Any, NamedTuple

from seamguard.contracts.forms import _follow, coerce_text
from seamguard.contracts.model import Contract
from seamguard.contracts.validation import Violation, describe
from seamguard.documents import loads_json
from seamguard.wire.requests import unquote_plus

__all__ = ["Malformed", "Pairs", "Part", "base_name", "branches", "kinds", "multipart", "nest",
           "pairs", "read_value", "repeated", "single", "typed"]

_BRACKETS = re.compile(r"\[([^\[\]]*)\]")
_MAX_NESTING = 32  # deeper bracket nesting is read as a name of its own
_DELIMITERS = {"form": ",", "spaceDelimited": " ", "pipeDelimited": "|"}
_BOUNDARY = re.compile(r"""(?i)\bboundary=(?:"([^"]+)"|([^\s;,]+))""")
_DISPOSITION_PARAM = re.compile(
    r"""(?i);\s*(name|filename)\*?=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))""")
_MAX_PARTS = 10_000


class Malformed:
    """Why a value's text is not written as its parameter's serialisation says."""

    __slots__ = ("expected", "why")

    def __init__(self, why: str, expected: str) -> None:
        self.why = why
        self.expected = expected


class Pairs:
    """The name=value pairs of a query string or form body, decoded, in order.

    ``plain`` keeps ``+`` as it is (a client that did not encode a literal ``+``): callers read
    a value that fails this way too before reporting it.
    """

    __slots__ = ("by_name", "items")

    def __init__(self, items: list[tuple[str, str]]) -> None:
        self.items = items
        self.by_name: dict[str, list[str]] = {}
        for name, value in items:
            self.by_name.setdefault(name, []).append(value)

    def bracketed(self, name: str) -> list[tuple[list[str], str]]:
        """The pairs written ``name[a][b]=v``, as (["a", "b"], v)."""
        prefix = name + "["
        found = []
        for key, value in self.items:
            if key.startswith(prefix):
                rest = key[len(name):]
                tokens = _BRACKETS.findall(rest)
                if len(tokens) <= _MAX_NESTING and "".join(f"[{t}]" for t in tokens) == rest:
                    found.append((tokens, value))
        return found


def base_name(key: str) -> str:
    """The parameter a key names: ``a`` for ``a[b][0]``; the key itself when it is not
    bracket nesting (or nests deeper than the bound)."""
    if "[" not in key or key.startswith("["):
        return key
    name, _, rest = key.partition("[")
    tokens = _BRACKETS.findall("[" + rest)
    if len(tokens) <= _MAX_NESTING and "".join(f"[{t}]" for t in tokens) == "[" + rest:
        return name
    return key


def pairs(text: str, *, plus: bool = True, charset: str = "utf-8") -> Pairs:
    """``a=1&b[c]=2`` as decoded pairs (``+`` read as a space unless ``plus`` is False)."""
    items = []
    for piece in text.split("&"):
        if not piece:
            continue
        name, _, value = piece.partition("=")
        items.append((_decode(name, plus, charset), _decode(value, plus, charset)))
    return Pairs(items)


def _decode(text: str, plus: bool, charset: str) -> str:
    if "%" not in text and "+" not in text:
        return text
    if not plus:
        text = text.replace("+", "%2B")
    return unquote_plus(text, charset, "replace")


class Part(NamedTuple):
    """One part of a ``multipart/form-data`` body."""

    name: str
    filename: str | None  # a file's part (its content is not a field's text)
    content_type: str | None
    text: str


def multipart(text: str, content_type: str) -> list[Part] | None:
    """The named parts of a ``multipart/form-data`` body (RFC 7578); None when the
    Content-Type names no boundary or the body holds none of its delimiters."""
    match = _BOUNDARY.search(content_type)
    if match is None:
        return None
    delimiter = "--" + (match.group(1) or match.group(2))
    if delimiter not in text:
        return None
    found: list[Part] = []
    for chunk in text.split(delimiter)[1:_MAX_PARTS]:
        if chunk.startswith("--"):
            break  # the closing delimiter
        chunk = chunk.removeprefix("\r\n").removeprefix("\n")
        head, sep, body = chunk.partition("\r\n\r\n")
        if not sep:
            head, sep, body = chunk.partition("\n\n")
        if not sep:
            continue
        headers = {}
        for line in head.splitlines():
            key, colon, value = line.partition(":")
            if colon:
                headers[key.strip().lower()] = value.strip()
        params = {key.lower(): bare or quoted.replace('\\"', '"') for key, quoted, bare in
                  _DISPOSITION_PARAM.findall(headers.get("content-disposition", ""))}
        name = params.get("name")
        if not name:
            continue
        body = body.removesuffix("\n").removesuffix("\r")
        found.append(Part(name, params.get("filename"), headers.get("content-type"), body))
    return found


def single(contract: Contract, schema: Any) -> str | None:
    """The type(s) of the one scalar value ``schema`` takes (``"integer"``, ``"number or
    string"``); None when it allows a list or an object, or does not say."""
    allowed = kinds(contract, schema) - {"null"}
    if not allowed or allowed & {"array", "object"}:
        return None
    return " or ".join(sorted(allowed))


def repeated(what: str, pointer: str, texts: list[str], kind: str) -> Violation | None:
    """A value whose schema takes one ``kind`` sent ``len(texts)`` times with different values:
    which one a server reads depends on its framework (the first, the last, or all of them as
    a list). None when every copy says the same."""
    if len({text.strip() for text in texts}) < 2:
        return None
    return Violation(
        "field.wrong-type", pointer,
        f"{what} is sent {len(texts)} times ({describe(texts)}); its schema takes one "
        f"{kind}: send it once", expected=kind, actual=texts)


def branches(contract: Contract, schema: Any) -> list[dict[str, Any]]:
    """``schema`` and the schemas it is made of (``$ref``, ``allOf``/``anyOf``/``oneOf``)."""
    found: list[dict[str, Any]] = []
    stack = [schema]
    while stack and len(found) < 64:
        node = _follow(contract, stack.pop())
        if not isinstance(node, dict):
            continue
        found.append(node)
        for key in ("allOf", "anyOf", "oneOf"):
            parts = node.get(key)
            if isinstance(parts, list):
                stack.extend(reversed(parts))
    return found


def kinds(contract: Contract, schema: Any) -> set[str]:
    """The JSON types ``schema`` allows (empty: any)."""
    found: set[str] = set()
    for node in branches(contract, schema):
        kind = node.get("type")
        if isinstance(kind, str):
            found.add(kind)
        elif isinstance(kind, list):
            found.update(k for k in kind if isinstance(k, str))
    return found


def _items(contract: Contract, schema: Any) -> Any:
    return next((node["items"] for node in branches(contract, schema)
                 if isinstance(node.get("items"), dict)), None)


def _property(contract: Contract, schema: Any, name: str) -> Any:
    extra = None
    for node in branches(contract, schema):
        properties = node.get("properties")
        if isinstance(properties, dict) and name in properties:
            return properties[name]
        more = node.get("additionalProperties")
        if extra is None and isinstance(more, dict):
            extra = more
    return extra


def nest(entries: list[tuple[list[str], str]]) -> dict[str, Any]:
    """Bracketed pairs as nested mappings (``[]`` appends: its key is the next index)."""
    root: dict[str, Any] = {}
    for tokens, value in entries:
        node = root
        for depth, token in enumerate(tokens):
            key = token if token else str(len(node))
            if depth == len(tokens) - 1:
                node.setdefault(key, value)
            else:
                child = node.get(key)
                if not isinstance(child, dict):
                    child = node[key] = {}
                node = child
    return root


def typed(contract: Contract, schema: Any, value: Any) -> Any:
    """``value`` (text, or lists and mappings of text) with the types ``schema`` declares."""
    if isinstance(value, str):
        allowed = kinds(contract, schema)
        if allowed == {"array"}:  # one occurrence of an exploded array
            return [typed(contract, _items(contract, schema), value)]
        if allowed and allowed <= {"object", "array"} and value[:1] in ("{", "["):
            try:
                return loads_json(value)  # an object written as JSON (encoding contentType)
            except ValueError:
                return value
        if "string" in allowed and allowed & {"integer", "number", "boolean"}:
            return _either(contract, schema, value, allowed)
        return coerce_text(value, _follow(contract, schema)) if allowed else value
    if isinstance(value, list):
        items = _items(contract, schema)
        return [typed(contract, items, item) for item in value]
    if isinstance(value, dict):
        allowed = kinds(contract, schema)
        if "array" in allowed and value and all(_index(key) for key in value):
            items = _items(contract, schema)
            return [typed(contract, items, value[key])
                    for key in sorted(value, key=int)]
        return {key: typed(contract, _property(contract, schema, key), item)
                for key, item in value.items()}
    return value


def _either(contract: Contract, schema: Any, value: str, allowed: set[str]) -> Any:
    """Text where the schema allows a string or another scalar (``true`` or ``"one_off"``,
    ``12.5`` or ``""``): kept as text when a string branch plainly takes it, else read as the
    other type when it can be."""
    other = coerce_text(value, {"type": sorted(allowed - {"string"})})
    if other is value:
        return value
    for node in branches(contract, schema):
        kind = node.get("type")
        if kind != "string" and not (isinstance(kind, list) and "string" in kind):
            continue
        if isinstance(node.get("enum"), list):
            if value in node["enum"]:
                return value
        elif "const" in node:
            if node["const"] == value:
                return value
        elif not any(key in node for key in ("pattern", "format", "minLength", "maxLength")):
            return value  # any text will do
    return other


def read_value(contract: Contract, schema: Any, *, name: str, style: str, explode: bool,
               found: Pairs, content_type: str | None = None,
               properties: frozenset[str] = frozenset()) -> Any:
    """The value of parameter (or form property) ``name``; None when it is absent, a
    :class:`Malformed` when its text cannot be read in its style.

    ``properties``: for a form-style exploded object, the names its properties go by.
    """
    exact = found.by_name.get(name)
    bracketed = found.bracketed(name)
    if content_type is not None and exact:
        if content_type.split(";", 1)[0].strip().lower().endswith("json"):
            try:
                return loads_json(exact[0])
            except ValueError as exc:
                return Malformed(f"its {content_type} text does not parse ({_short(exc)})",
                                 content_type)
        return exact[0]
    allowed = kinds(contract, schema)
    if bracketed:
        nested: Any = nest(bracketed)
        if exact and "array" in allowed:  # name=a&name[]=b: both are items
            nested = {str(i): v for i, v in enumerate([*exact, *_listed(nested)])}
        return typed(contract, schema, nested)
    if exact is None:
        if style == "form" and explode and "object" in allowed and properties:
            members = {key: values[0] for key, values in found.by_name.items()
                       if key in properties}
            return typed(contract, schema, members) if members else None
        return None
    only = allowed - {"null"}
    if "array" in allowed and (len(exact) > 1 or only == {"array"}):
        if explode or style == "deepObject" or len(exact) > 1:
            return typed(contract, schema, list(exact))
        text = exact[0]
        return typed(contract, schema, text.split(_DELIMITERS.get(style, ",")) if text else [])
    if only == {"object"} and not explode and style == "form" and not exact[0].startswith("{"):
        tokens = exact[0].split(",")
        if len(tokens) % 2:
            return Malformed("an object is written as name,value pairs", "name,value,…")
        return typed(contract, schema, dict(zip(tokens[::2], tokens[1::2], strict=True)))
    return typed(contract, schema, exact[0])


def _listed(nested: dict[str, Any]) -> list[Any]:
    return [nested[key] for key in sorted(nested, key=lambda k: (not _index(k),
                                                                 int(k) if _index(k) else 0))]


def _index(key: str) -> bool:
    return key.isascii() and key.isdigit()


def _short(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at column {exc.colno}"
    return str(exc)[:80]
