"""Deterministic example instances for converted (JSON Schema 2020-12) contract schemas.

Used by the benchmarks to make payloads when no recorded ones exist (a synthetic cassette set)
and to make the instance validated against the generated large spec. The generator walks the
schema seamguard converted (``Contract.schema(ref)``), following ``$ref``s through the
contract's converted documents (``Contract.skeleton(uri)``), and picks the first value that
satisfies each keyword it knows: ``type``, ``enum``/``const``, ``properties``/``required``,
``items``/``minItems``, ``allOf`` (merged), ``anyOf``/``oneOf`` (first non-null branch),
numeric bounds, ``minLength``/``maxLength``, the common ``format``s and simple ``pattern``s.
It is not a general solver: callers check what it makes with a validator.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

try:  # Python 3.11+
    from re import _parser as _sre  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse as _sre  # type: ignore[no-redef]

__all__ = ["ExampleMaker", "regex_sample"]

_FORMATS = {
    "date-time": "2024-07-01T12:00:00+08:00",
    "date": "2024-07-01",
    "time": "12:00:00+08:00",
    "email": "buyer@example.com",
    "uuid": "1b4e28ba-2fa1-41d2-883f-0016d3cca427",
    "uri": "https://example.com/a",
    "url": "https://example.com/a",
    "hostname": "example.com",
    "ipv4": "192.0.2.1",
    "ipv6": "2001:db8::1",
    "byte": "aGVsbG8=",
}


def regex_sample(pattern: str) -> str:
    """A short string that matches ``pattern`` (for the anchored, simple patterns of specs)."""
    return _emit(_sre.parse(pattern))


def _emit(items: Any) -> str:
    out: list[str] = []
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(av))
        elif name == "NOT_LITERAL":
            out.append("x" if av != ord("x") else "y")
        elif name == "ANY":
            out.append("a")
        elif name == "IN":
            out.append(_in(av))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, sub = av
            count = low if low > 0 else min(1, high)
            out.append(_emit(sub) * count)
        elif name == "SUBPATTERN":
            out.append(_emit(av[-1]))
        elif name == "BRANCH":
            out.append(_emit(av[1][0]))
        elif name == "CATEGORY":
            out.append(_category(str(av)))
        # AT (anchors), ASSERT, GROUPREF...: nothing to emit for the patterns specs use
    return "".join(out)


def _in(items: Any) -> str:
    negate = False
    for op, av in items:
        name = str(op)
        if name == "NEGATE":
            negate = True
            continue
        if negate:
            return "~" if name != "LITERAL" or av != ord("~") else "!"
        if name == "LITERAL":
            return chr(av)
        if name == "RANGE":
            return chr(av[0])
        if name == "CATEGORY":
            return _category(str(av))
    return "a"


def _category(name: str) -> str:
    if "NOT" in name:
        return "-" if "DIGIT" in name or "WORD" in name else "a"
    if "DIGIT" in name:
        return "0"
    if "SPACE" in name:
        return " "
    return "a"


class ExampleMaker:
    """Makes one example per schema for one contract (refs resolved through its skeletons)."""

    def __init__(self, contract: Any, *, max_depth: int = 6, variant: int = 0) -> None:
        self.contract = contract
        self.max_depth = max_depth
        self.variant = variant  # changes strings/numbers, so repeated payloads are not identical
        self._hops = 0

    def make(self, schema: Any, depth: int = 0) -> Any:
        if schema is True or schema is None:
            return "any"
        if schema is False or not isinstance(schema, dict):
            return None
        if "const" in schema:
            return schema["const"]
        if "enum" in schema:
            options = [v for v in schema["enum"] if v is not None] or schema["enum"]
            return options[self.variant % len(options)]
        parts: list[Any] = []
        if isinstance(schema.get("$ref"), str):
            parts.append(self._resolve(schema["$ref"]))
        parts.extend(schema.get("allOf") or [])
        for key in ("anyOf", "oneOf"):
            branches = schema.get(key) or []
            if branches:
                chosen = next((b for b in branches if not _is_null(b)), branches[0])
                parts.append(chosen)
        own = {k: v for k, v in schema.items()
               if k not in ("$ref", "allOf", "anyOf", "oneOf")}
        if parts:
            # $ref and composition branches describe the same instance: same depth
            self._hops += 1
            if self._hops > 400:
                raise RecursionError("schema composes itself without nesting")
            values = [self.make(part, depth) for part in parts]
            self._hops -= 1
            if _types(own) or own.get("properties"):
                values.append(self._own(own, depth))
            return _merge(values)
        return self._own(own, depth)

    def _own(self, schema: dict[str, Any], depth: int) -> Any:
        types = [t for t in _types(schema) if t != "null"] or _types(schema)
        if not types:
            types = ["object"] if "properties" in schema or "required" in schema else ["string"]
        kind = types[0]
        if kind == "object":
            return self._object(schema, depth)
        if kind == "array":
            count = max(int(schema.get("minItems", 0)), 1 if depth < self.max_depth else 0)
            if "maxItems" in schema:
                count = min(count, int(schema["maxItems"]))
            return [self.make(schema.get("items", True), depth + 1) for _ in range(count)]
        if kind == "string":
            return self._string(schema)
        if kind in ("integer", "number"):
            return self._number(schema, kind)
        if kind == "boolean":
            return self.variant % 2 == 0
        return None

    def _object(self, schema: dict[str, Any], depth: int) -> dict[str, Any]:
        properties = schema.get("properties") or {}
        required = set(schema.get("required") or [])
        out: dict[str, Any] = {}
        for name, sub in properties.items():
            if depth < self.max_depth or name in required:
                out[name] = self.make(sub, depth + 1)
        for name in required - set(out):
            extra = schema.get("additionalProperties")
            out[name] = self.make(extra if isinstance(extra, dict) else True, depth + 1)
        return out

    def _string(self, schema: dict[str, Any]) -> str:
        if "format" in schema and schema["format"] in _FORMATS:
            text = _FORMATS[schema["format"]]
        elif "pattern" in schema:
            text = regex_sample(schema["pattern"])
        else:
            text = f"text-{self.variant}"
        low, high = int(schema.get("minLength", 0)), schema.get("maxLength")
        if len(text) < low:
            text = text + "x" * (low - len(text))
        if high is not None and len(text) > int(high):
            text = text[: int(high)]
        return text

    def _number(self, schema: dict[str, Any], kind: str) -> int | float:
        value: float = 1 + self.variant
        if "minimum" in schema:
            value = max(value, schema["minimum"])
        if "exclusiveMinimum" in schema:
            value = max(value, schema["exclusiveMinimum"] + 1)
        if "maximum" in schema:
            value = min(value, schema["maximum"])
        if "exclusiveMaximum" in schema:
            value = min(value, schema["exclusiveMaximum"] - 1)
        if kind == "integer":
            return int(value)
        return float(value) + 0.5 if value == int(value) and "maximum" not in schema else value

    def _resolve(self, ref: str) -> Any:
        uri, _, fragment = ref.partition("#")
        node: Any = self.contract.skeleton(uri)
        for token in unquote(fragment).split("/")[1:]:
            token = token.replace("~1", "/").replace("~0", "~")
            node = node[int(token)] if isinstance(node, list) else node[token]
        return node


def _is_null(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("type") == "null"


def _types(schema: dict[str, Any]) -> list[str]:
    kind = schema.get("type")
    if isinstance(kind, str):
        return [kind]
    if isinstance(kind, list):
        return [k for k in kind if isinstance(k, str)]
    return []


def _merge(values: list[Any]) -> Any:
    dicts = [v for v in values if isinstance(v, dict)]
    if dicts:
        merged: dict[str, Any] = {}
        for value in dicts:
            merged.update(value)
        return merged
    return next((v for v in values if v is not None), values[0] if values else None)

