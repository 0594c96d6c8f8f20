"""Header and cookie parameters of a recorded REST request, read back and checked.

OpenAPI writes a header parameter in the ``simple`` style (``a,b,c`` for an array;
``k,v,k2,v2`` for an object, ``k=v,k2=v2`` with ``explode``) and a cookie parameter in the
``form`` style inside the ``Cookie`` header (``id=3; id=4`` exploded, ``id=3,4`` not). Each
declared parameter is read from the recorded request, given the types its schema declares
(``"42"`` → 42) and validated; a required one that is absent is ``field.missing``. Findings sit at
``request:/header/<Name>`` and ``request:/cookie/<name>`` with the codes body fields use.

A header sent on several lines (vcrpy keeps each line's value) is read per RFC 9110 (5.3): the
lines of a header whose schema is a list (or an object, in the ``simple`` style) are one value
joined by commas; a header that takes one value has each line judged, and lines with different
values that all pass are ``field.wrong-type``. ``Cookie`` lines (HTTP/2 splits them) are joined
with ``; ``. Response headers are read the same way (``header_texts``, ``response_value``).

Header names are case-insensitive. ``Accept``, ``Content-Type`` and ``Authorization`` are not
parameters (OpenAPI; the contract loader leaves them out), and headers the operation does not
declare are never reported: clients, proxies and SDKs add many.

Values the privacy layer scrubbed (``<redacted>``, the whole ``Cookie`` header by default) say
nothing about what was sent: they count as present and are not judged. A recording that keeps no
request header at all did not record them, so nothing is called missing from it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from seamguard.contracts.forms import coerce_text
from seamguard.contracts.model import Contract, Operation, QueryParam, SchemaRef
from seamguard.contracts.validation import Violation, describe, violations
from seamguard.documents import escape_pointer, loads_json
from seamguard.privacy.mask import REDACTED, is_redacted
from seamguard.verify_query import (
    Malformed,
    Pairs,
    kinds,
    read_value,
    repeated,
    single,
    typed,
)

__all__ = ["COOKIE_HINT", "HEADER_HINT", "HeaderChecks", "header_texts",
           "response_value"]

HEADER_HINT = ("the request's headers break the contract: fix the code that sets this header, or "
               "the parameter's schema in the contract if the platform accepts it")
COOKIE_HINT = ("the request's cookies break the contract: fix the code that sets this cookie, or "
               "the parameter's schema in the contract if the platform accepts it")


class HeaderChecks:
    """Judges header and cookie parameters; one verdict per (operation, values read)."""

    def __init__(self) -> None:
        self._verdicts: dict[tuple[Any, ...], tuple[Operation, list[Violation]]] = {}

    def violations(self, contract: Contract, operation: Operation, headers: dict[str, str],
                   lines: dict[str, list[str]] | None = None) -> list[Violation]:
        """Every violation among ``operation``'s header (``/header/<Name>``) and cookie
        (``/cookie/<name>``) parameters; ``headers`` have lower-cased names, ``lines`` every
        value of a header sent on several lines."""
        if not headers:
            return []  # no request header was recorded: nothing to read, nothing missing
        every = {name: values for name, values in lines.items() if name == "cookie" or any(
            name == p.name.lower() for p in operation.header_params)} if lines else {}
        cookie = headers.get("cookie") if operation.cookie_params else None
        if cookie is not None and "cookie" in every:
            cookie = "; ".join(every.pop("cookie"))  # HTTP/2 splits Cookie into lines
        key = (id(operation), cookie,
               *(headers.get(p.name.lower()) for p in operation.header_params),
               *((name, *values) for name, values in sorted(every.items())))
        cached = self._verdicts.get(key)
        if cached is not None and cached[0] is operation:
            return cached[1]
        found = [*self._headers(contract, operation, headers, every),
                 *self._cookies(contract, operation, cookie)]
        if len(self._verdicts) > 20_000:  # distinct values (ids, dates): bounded
            self._verdicts.clear()
        self._verdicts[key] = (operation, found)
        return found

    def _headers(self, contract: Contract, operation: Operation, headers: dict[str, str],
                 lines: dict[str, list[str]]) -> list[Violation]:
        found: list[Violation] = []
        for param in operation.header_params:
            text = headers.get(param.name.lower())
            pointer = f"/header/{escape_pointer(param.name)}"
            if text is None:
                if param.required:
                    found.append(Violation("field.missing", pointer,
                                           f"required header {param.name} is missing",
                                           expected=param.name))
                continue
            values = lines.get(param.name.lower())
            if values is not None:
                found.extend(_several(contract, param, pointer, values))
                continue
            if is_redacted(text):
                continue
            found.extend(_judge(contract, param, pointer, "header", text,
                                _simple(contract, param, text)))
        return found

    def _cookies(self, contract: Contract, operation: Operation,
                 cookie: str | None) -> list[Violation]:
        if not operation.cookie_params or (cookie is not None and cookie.strip() == REDACTED):
            return []
        read = cookie_pairs(cookie or "")
        found: list[Violation] = []
        for param in operation.cookie_params:
            pointer = f"/cookie/{escape_pointer(param.name)}"
            texts = read.by_name.get(param.name)
            if texts is None and not read.bracketed(param.name):
                if param.required:
                    found.append(Violation("field.missing", pointer,
                                           f"required cookie {param.name} is missing",
                                           expected=param.name))
                continue
            if texts and any(is_redacted(text) for text in texts):
                continue
            ref = param.schema if param.media is None else param.media.schema
            value = read_value(contract, contract.schema(ref) if ref is not None else None,
                               name=param.name, style=param.style, explode=param.explode,
                               found=read,
                               content_type=param.media.media_type if param.media else None)
            found.extend(_judge(contract, param, pointer, "cookie", (texts or [""])[0], value))
        return found


def header_texts(contract: Contract, schema: SchemaRef, first: str,
                 lines: dict[str, list[str]], name: str) -> list[str]:
    """The texts of header ``name`` (lower-cased) to judge: ``first`` when it was sent on one
    line; for one sent on several, the lines joined by commas where its schema is a list
    (RFC 9110, 5.3), else each distinct value."""
    values = lines.get(name)
    if not values:
        return [first]
    if single(contract, contract.schema(schema)) is None:
        return [", ".join(value.strip() for value in values)]
    return list(dict.fromkeys(values))


def response_value(contract: Contract, ref: SchemaRef, text: str) -> Any:
    """A response header's text as the value its schema describes: a list's items separated
    by commas (OpenAPI: headers are in the ``simple`` style), anything else read as one value."""
    schema = contract.schema(ref)
    if kinds(contract, schema) - {"null"} == {"array"}:
        return simple_value(contract, schema, text)
    return coerce_text(text, schema)


def cookie_pairs(cookie: str) -> Pairs:
    """``a=1; b="2"`` as name=value pairs, values unquoted and percent-decoded."""
    items = []
    for piece in cookie.split(";"):
        name, sep, value = piece.strip().partition("=")
        if not sep or not name:
            continue
        value = value.strip()
        if len(value) > 1 and value[0] == value[-1] == '"':
            value = value[1:-1]
        items.append((name.strip(), unquote(value) if "%" in value else value))
    return Pairs(items)


def _several(contract: Contract, param: QueryParam, pointer: str,
             values: list[str]) -> list[Violation]:
    """A header parameter sent on several lines. RFC 9110 (5.3): lines of a header whose
    grammar is a comma-separated list read as one value joined by commas; a header that takes
    one value must be sent once, and each value sent is judged."""
    if any(is_redacted(value) for value in values):
        return []
    schema = contract.schema(param.schema) if param.schema is not None and param.media is None \
        else None
    kind = single(contract, schema) if schema is not None else None
    if kind is None:  # a list (or object) in the simple style, or a schema that says no type
        text = ",".join(value.strip() for value in values)
        return _judge(contract, param, pointer, "header", text, _simple(contract, param, text))
    found: dict[tuple[str, str], Violation] = {}
    for value in dict.fromkeys(values):
        for violation in _judge(contract, param, pointer, "header", value,
                                _simple(contract, param, value)):
            found.setdefault((violation.code, violation.pointer), violation)
    twice = repeated(f"header {param.name}", pointer, values, kind) if not found else None
    return [twice] if twice is not None else list(found.values())


def _simple(contract: Contract, param: QueryParam, text: str) -> Any:
    """A header's text as the value its schema describes (style simple), or Malformed."""
    text = text.strip()
    if param.media is not None:
        if "json" in param.media.media_type.lower():
            try:
                return loads_json(text)
            except ValueError as exc:
                return Malformed(f"its {param.media.media_type} text does not parse "
                                 f"({str(exc)[:80]})", param.media.media_type)
        return text
    if param.schema is None:
        return text
    return simple_value(contract, contract.schema(param.schema), text, explode=param.explode)


def simple_value(contract: Contract, schema: Any, text: str, *, explode: bool = False) -> Any:
    """A header's text as the value ``schema`` describes, read in the ``simple`` style (a
    list's items and an object's members separated by commas), or Malformed."""
    text = text.strip()
    allowed = kinds(contract, schema) - {"null"}
    if allowed == {"array"}:
        return typed(contract, schema, [item.strip() for item in text.split(",")] if text else [])
    if allowed == {"object"} and not text.startswith("{"):
        tokens = [token.strip() for token in text.split(",")] if text else []
        if explode:
            members = [token.partition("=") for token in tokens]
            if any(not sep for _, sep, _ in members):
                return Malformed("an exploded object is written as name=value pairs",
                                 "name=value,…")
            return typed(contract, schema, {k.strip(): v.strip() for k, _, v in members})
        if len(tokens) % 2:
            return Malformed("an object is written as name,value pairs", "name,value,…")
        return typed(contract, schema, dict(zip(tokens[::2], tokens[1::2], strict=True)))
    return typed(contract, schema, text)


def _judge(contract: Contract, param: QueryParam, pointer: str, where: str, text: str,
           value: Any) -> list[Violation]:
    if value is None:
        return []
    if isinstance(value, Malformed):
        return [Violation(
            "field.wrong-format", pointer,
            f"{where} {param.name} {describe(text)} is not written as its contract says: "
            f"{value.why}", expected=value.expected, actual=text)]
    ref = param.schema if param.media is None else param.media.schema
    if ref is None:
        return []
    return [Violation(v.code, pointer + v.pointer, f"{where} {param.name}: {v.message}",
                      expected=v.expected, actual=v.actual)
            for v in violations(contract, ref, value) if not v.undeclared]
