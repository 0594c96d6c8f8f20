"""Path parameters of a recorded REST call, read back from its path and checked.

The router matched the request path to a template (``/orders/{id}.json``); this module reads
each parameter's text out of the path, undoes its OpenAPI serialisation (``style`` simple,
label ``.v`` or matrix ``;name=v``; ``explode`` for arrays and objects), percent-decodes it,
gives it the type its schema declares where the text reads as one (``"42"`` → 42) and
validates it. Findings sit at ``request:/path/<name>`` with the codes body fields use.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from seamguard.contracts.forms import _follow, coerce_text
from seamguard.contracts.model import Contract, Operation, PathParam
from seamguard.contracts.operations import is_template
from seamguard.contracts.validation import Violation, describe, violations
from seamguard.documents import escape_pointer

__all__ = ["PATH_HINT", "PathParamChecks"]

PATH_HINT = ("the request's URL breaks the contract: fix the code that builds this path, or the "
             "parameter's schema (or style) in the contract if the platform accepts it")


class PathParamChecks:
    """Judges the path parameters of calls; one verdict per distinct (operation, path)."""

    def __init__(self) -> None:
        self._patterns: dict[int, tuple[Operation, re.Pattern[str], tuple[str, ...]]] = {}
        self._verdicts: dict[tuple[int, str], list[Violation]] = {}

    def violations(self, contract: Contract, operation: Operation, path: str) -> list[Violation]:
        """Every violation among ``operation``'s path parameters in ``path`` (pointers are
        ``/path/<name>``); empty when it declares none or all match."""
        if not operation.path_params:
            return []
        key = (id(operation), path)
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._judge(contract, operation, path)
            if len(self._verdicts) > 50_000:  # distinct paths (ids in them): bounded
                self._verdicts.clear()
            self._verdicts[key] = verdict
        return verdict

    def _judge(self, contract: Contract, operation: Operation, path: str) -> list[Violation]:
        pattern, names = self._pattern(operation)
        match = pattern.fullmatch(path)
        if match is None:
            return []  # routed by another rule (a suffix the index treats alike): nothing to read
        raw = dict(zip(names, match.groups(), strict=True))
        found: list[Violation] = []
        for param in operation.path_params:
            text = raw.get(param.name)
            if text is None or param.schema is None:
                continue
            pointer = f"/path/{escape_pointer(param.name)}"
            schema = _follow(contract, contract.schema(param.schema))
            value = _read(param, text, schema, contract)
            if isinstance(value, _Malformed):
                found.append(Violation(
                    "field.wrong-format", pointer,
                    f"path parameter {param.name} {describe(text)} is not written in the "
                    f"{param.style} style{' (explode)' if param.explode else ''}: {value.why}",
                    expected=value.expected, actual=text))
                continue
            for violation in violations(contract, param.schema, value):
                found.append(Violation(
                    violation.code, pointer + violation.pointer,
                    f"path parameter {param.name}: {violation.message}",
                    expected=violation.expected, actual=violation.actual))
        return found

    def _pattern(self, operation: Operation) -> tuple[re.Pattern[str], tuple[str, ...]]:
        found = self._patterns.get(id(operation))
        if found is None or found[0] is not operation:
            pattern, names = _template_groups(operation.path)
            # The operation is kept beside its id, so the id is not reused while cached.
            found = self._patterns[id(operation)] = (operation, pattern, names)
        return found[1], found[2]


class _Malformed:
    __slots__ = ("expected", "why")

    def __init__(self, why: str, expected: str) -> None:
        self.why = why
        self.expected = expected


def _template_groups(template: str) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The template as a regex with one group per parameter (in order), and their names.

    Groups are lazy: where several parameters share a segment (``{kind}-{day}``), each one
    but the last ends at the first separator that lets the rest match (``daily-2024-07-01``
    reads kind ``daily``, day ``2024-07-01``), as a separator is rarely part of the value.
    """
    if not is_template(template):
        return re.compile(re.escape(template)), ()
    parts = re.split(r"(\{[^}/]+\})", template)
    names = tuple(part[1:-1] for part in parts if part.startswith("{"))
    regex = "".join("([^/]+?)" if part.startswith("{") else re.escape(part) for part in parts)
    return re.compile(regex), names


def _kind(schema: Any) -> str | None:
    kind = schema.get("type") if isinstance(schema, dict) else None
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    return kind if isinstance(kind, str) else None


def _read(param: PathParam, text: str, schema: Any, contract: Contract) -> Any:
    """The parameter's value as the schema sees it, or why its text is not serialised right."""
    kind = _kind(schema)
    style, name = param.style, param.name
    if style == "label":
        if not text.startswith("."):
            return _Malformed("a label-style value starts with '.'", f".{name}")
        body = text[1:]
        separator = "." if param.explode else ","
    elif style == "matrix":
        prefix = f";{name}"
        if not text.startswith(prefix):
            return _Malformed(f"a matrix-style value starts with ';{name}='", f";{name}=…")
        if kind == "array" and param.explode:
            pieces = text.split(";")[1:]
            if any(p.partition("=")[0] != name for p in pieces):
                return _Malformed(f"each item is written ;{name}=item", f";{name}=…")
            return [_scalar(p.partition("=")[2], schema.get("items"), contract) for p in pieces]
        if kind == "object" and param.explode:
            pairs = [p.partition("=") for p in text[1:].split(";")]
            return {unquote(k): _scalar(v, _property(schema, unquote(k)), contract)
                    for k, _, v in pairs}
        rest = text[len(prefix):]
        if rest and not rest.startswith("="):
            return _Malformed(f"a matrix-style value starts with ';{name}='", f";{name}=…")
        body = rest[1:]
        separator = ","
    else:
        body, separator = text, ","
    if kind == "array":
        items = schema.get("items")
        return [_scalar(item, items, contract) for item in body.split(separator)] if body else []
    if kind == "object":
        if param.explode:
            pairs = [p.partition("=") for p in body.split(separator)]
            return {unquote(k): _scalar(v, _property(schema, unquote(k)), contract)
                    for k, _, v in pairs}
        tokens = body.split(",")
        if len(tokens) % 2:
            return _Malformed("an object is written as name,value pairs", "name,value,…")
        return {unquote(k): _scalar(v, _property(schema, unquote(k)), contract)
                for k, v in zip(tokens[::2], tokens[1::2], strict=True)}
    return _scalar(body, schema, contract)


def _property(schema: Any, name: str) -> Any:
    properties = schema.get("properties") if isinstance(schema, dict) else None
    return properties.get(name) if isinstance(properties, dict) else None


def _scalar(text: str, schema: Any, contract: Contract) -> Any:
    return coerce_text(unquote(text), _follow(contract, schema))
