"""Validate a payload against a contract schema and describe each violation for a person.

jsonschema-rs reports what failed in schema terms; users need "required field ``total_tax`` is
missing at /order/total_tax". Two details matter:

* ``anyOf``/``oneOf`` failures (including the wrapper 3.0 ``nullable`` becomes) say only "not valid
  under any schema"; we descend into the branch that came closest and report its errors.
* ``unevaluatedProperties`` lists every property as unexpected once a sibling branch failed
  (failed branches leave no annotations), so undeclared names are checked against what the schema
  statically declares.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from seamguard.contracts.embedded import Inner, Site, inner, pointer, sites_of
from seamguard.contracts.id_precision import (
    may_hold_lossy,
    problems_of,
    twins_of,
    wants_integers,
)
from seamguard.contracts.model import Contract, SchemaRef
from seamguard.contracts.own_formats import OWN_FORMAT_RULES
from seamguard.contracts.refs import node_at, split_pointer
from seamguard.contracts.schema import SOLE_MARK, UNDECLARED_MARK
from seamguard.contracts.xml_typed import typed_xml
from seamguard.documents import DuplicateKeyError, escape_pointer, loads_json
from seamguard.wire.pointers import MARK, XML_MARK, escape
from seamguard.xml_documents import XmlProblem, loads_xml

__all__ = ["Violation", "describe", "json_type", "violations", "violations_of"]

_RANGE_KINDS = frozenset(
    {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength",
     "minItems", "maxItems", "minProperties", "maxProperties", "multipleOf", "uniqueItems"}
)
# What a value where the schema wants another type fails as
_TYPE_KINDS = frozenset({"type", "anyOf", "oneOf"})
# What a value of the wrong type fails besides its type.
_FOLLOWS_TYPE = frozenset({"field.unknown-enum", "field.wrong-format", "field.out-of-range"})


@dataclass(frozen=True)
class Violation:
    """One way a payload breaks its contract."""

    code: str
    pointer: str
    message: str
    expected: Any = None
    actual: Any = None

    @property
    def undeclared(self) -> bool:
        return self.code == "field.undeclared"

    @property
    def advisory(self) -> bool:
        """Said as a warning: the value was read and checked all the same (a JSON text inside
        a string that starts with a byte-order mark)."""
        return self.code == "body.byte-order-mark"


def describe(value: Any, limit: int = 60) -> str:
    """A short, JSON-looking rendering of a value with its type, for messages."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"{text} ({json_type(value)})"


def json_type(value: Any) -> str:
    """The JSON type name of a Python value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def violations(contract: Contract, ref: SchemaRef, instance: Any) -> list[Violation]:
    """Every violation of ``instance`` against the payload schema ``ref`` (empty when valid).

    JSON documents inside strings (``contentMediaType: application/json`` + ``contentSchema``)
    are parsed and validated too; their violations' pointers continue inside with ``⟨json⟩``.
    XML documents inside strings (``contentMediaType: application/xml``) are read safely, typed
    by their schema, and validated the same way; their pointers continue with ``⟨xml⟩``.
    """
    validator = contract.validator(ref)
    sites = sites_of(contract, ref)
    root = contract.schema(ref)
    if not sites and validator.is_valid(instance) and _exact_ids(contract, root, instance):
        return []
    found = _check(contract, validator, root, sites, instance)
    if not sites and any(not v.undeclared for v in found) and _exact_ids(
            contract, root, instance) and _bare(contract, ref).is_valid(instance):
        # Valid but for fields the contract does not declare: closing objects inside oneOf
        # alternatives can change how many alternatives match, which is no error of the
        # payload's. Only the undeclared fields are said.
        return [v for v in found if v.undeclared]
    return found


def _bare(contract: Contract, ref: SchemaRef) -> Any:
    """The schema's validator without the undeclared-field rule (compiled once per schema)."""
    compiled: dict[SchemaRef, Any] = contract.derived.setdefault("bare-validators", {})
    validator = compiled.get(ref)
    if validator is None:
        validator = compiled[ref] = contract.bare_validator(ref)
    return validator


def violations_of(contract: Contract, compiled: Inner, instance: Any) -> list[Violation]:
    """Every violation of ``instance`` against a compiled schema that is not a payload root."""
    if not compiled.sites and compiled.validator.is_valid(instance) and _exact_ids(
            contract, compiled.schema, instance):
        return []
    return _check(contract, compiled.validator, compiled.schema, compiled.sites, instance)


def _exact_ids(contract: Contract, root: dict[str, Any], instance: Any) -> bool:
    """Certainly no id in ``instance`` lost precision (``contracts.id_precision``)?"""
    return not twins_of(contract, root) and not (wants_integers(contract, root)
                                                 and may_hold_lossy(instance))


def _check(contract: Contract, validator: Any, root: dict[str, Any], sites: tuple[Site, ...],
           instance: Any) -> list[Violation]:
    found: list[Violation] = []
    if not validator.is_valid(instance):
        for error in validator.iter_errors(instance):
            found.extend(_explain(contract, root, error, instance))
    for site in sites:
        found.extend(_embedded(contract, site, instance))

    def refused(copy: Any, paths: set[tuple[Any, ...]]) -> set[tuple[Any, ...]]:
        return {tuple(e.instance_path) for e in validator.iter_errors(copy)
                if tuple(e.instance_path) in paths and e.kind.name in _TYPE_KINDS}

    found.extend(Violation(*problem) for problem in problems_of(contract, root, instance,
                                                                  refused))
    if not found:
        return found
    # The same undeclared field can be reported by nested closed schemas; keep one per pointer.
    unique: dict[tuple[str, str], Violation] = {}
    # A value of the wrong type also fails its enum, pattern or range ("2" for enum [1, 2]):
    # one mistake, reported once, as the type.
    mistyped = {v.pointer for v in found if v.code == "field.wrong-type"}
    for violation in found:
        if violation.pointer in mistyped and violation.code in _FOLLOWS_TYPE:
            continue
        unique.setdefault((violation.code, violation.pointer), violation)
    return sorted(unique.values(), key=lambda v: (v.undeclared, v.pointer))


def _embedded(contract: Contract, site: Site, instance: Any) -> list[Violation]:
    found: list[Violation] = []
    compiled: Inner | None = None
    for path, value in site.values(instance):
        if not isinstance(value, str):
            continue  # the outer schema's `type` says what is wrong with it
        if site.xml:
            read = _xml_document(contract, site, path, value)
            if isinstance(read, Violation):
                found.append(read)
                continue
            document, back = read
            mark = XML_MARK
        else:
            if value.startswith("\ufeff"):  # RFC 8259: a parser may read past it; said
                found.append(Violation(
                    "body.byte-order-mark", pointer(path),
                    "the string's JSON document starts with a byte-order mark (U+FEFF), which "
                    "RFC 8259 forbids sending and strict parsers refuse (it was read without "
                    "the mark and checked)", expected="JSON without a byte-order mark",
                    actual="U+FEFF"))
                value = value[1:]
            try:
                document = loads_json(value)
            except DuplicateKeyError as exc:  # checked as read (the last one wins), and said
                document = exc.value
                found.append(Violation(
                    "body.duplicate-key", pointer(path) + MARK + exc.pointer,
                    f"the string's JSON document is ambiguous: {exc}",
                    expected="each key once per object", actual=exc.key))
            except ValueError as exc:  # not JSON, nested too deep, NaN, an overlong integer
                reason = f"{exc.msg} at column {exc.colno}" if isinstance(
                    exc, json.JSONDecodeError) else str(exc)
                found.append(Violation(
                    "body.embedded-not-json", pointer(path),
                    f"the string is declared to hold a JSON document but is not JSON ({reason}): "
                    f"{describe(value)}", expected="application/json", actual=value))
                continue
            back, mark = _same, MARK
        if compiled is None:
            compiled = inner(contract, site.schema)
        if not compiled.sites and compiled.validator.is_valid(document) and _exact_ids(
                contract, compiled.schema, document):
            continue  # (valid, an id may still have lost digits or disagree with its twin)
        prefix = pointer(path) + mark
        found.extend(
            Violation(v.code, prefix + back(v.pointer), v.message, v.expected, v.actual)
            for v in violations_of(contract, compiled, document))
    return found


def _same(inner_pointer: str) -> str:
    return inner_pointer


# Why an XML document inside a string was not read, by XmlProblem.kind.
_XML_PROBLEMS = {"not-well-formed": ("body.embedded-not-xml", "is not well-formed XML"),
                 "too-deep": ("body.embedded-not-xml", "is nested too deeply"),
                 "unsafe": ("body.embedded-unsafe-xml", "was refused unread")}


def _xml_document(contract: Contract, site: Site, path: tuple[str | int, ...], value: str
                  ) -> tuple[Any, Any] | Violation:
    """The typed document an XML string holds and the pointer function back to it as sent, or
    the violation saying why it was not read (a DTD, entities or external references are
    refused before anything is expanded or fetched)."""
    try:
        document = loads_xml(value)
    except XmlProblem as exc:
        code, what = _XML_PROBLEMS.get(exc.kind, _XML_PROBLEMS["not-well-formed"])
        return Violation(
            code, pointer(path),
            f"the string is declared to hold an XML document but {what} ({exc.reason}): "
            f"{describe(value)}", expected="application/xml", actual=value)
    return typed_xml(contract, site.schema, document)


def _pointer(path: Any, instance: Any) -> str:
    """The pointer of a validator's instance path. The compiled validator gives an object's key
    of digits as a number (``"007"`` as 7): such a token names the key of the object it is in
    that has that number (the key itself when there is one)."""
    tokens = []
    node = instance
    for token in path:
        if isinstance(node, dict) and isinstance(token, int) and str(token) not in node:
            token = next((key for key in node if key.isascii() and key.isdigit()
                          and int(key) == token), token)
        tokens.append("/" + escape(str(token)))
        node = node[token] if isinstance(node, dict | list) and _holds(node, token) else None
    return "".join(tokens)


def _holds(node: dict[str, Any] | list[Any], token: Any) -> bool:
    if isinstance(node, dict):
        return token in node
    return isinstance(token, int) and 0 <= token < len(node)


def _explain(contract: Contract, root: dict[str, Any], error: Any,
             instance: Any = None) -> list[Violation]:
    """What one validator error says, as violations (``instance``: the validated document)."""
    kind = error.kind
    name = kind.name
    pointer = _pointer(error.instance_path, instance)
    value = error.instance
    if name == "oneOf" and any(not branch for branch in getattr(kind, "context", None) or []):
        # A branch with no error passed: the oneOf failed because more than one did.
        return [_ambiguous(pointer, value, kind.context)]
    if name in ("anyOf", "oneOf") and getattr(kind, "context", None):
        branch = _closest_branch(contract, root, kind.context, list(error.instance_path))
        if branch is not None:
            return [v for sub in branch for v in _explain(contract, root, sub, instance)]
        types = _branch_types(kind.context)
        if types:
            # Every branch wants another type here, e.g. pydantic's `anyOf: [number, null]`.
            expected = " or ".join(types)
            return [Violation("field.wrong-type", pointer,
                              f"expected {expected}, got {describe(value)}",
                              expected=expected, actual=value)]
        return [Violation("field.wrong-type", pointer,
                          f"{describe(value)} matches none of the allowed shapes",
                          actual=value)]
    if name == "required":
        field = str(kind.property)
        return [Violation("field.missing", f"{pointer}/{escape(field)}",
                          f"required field {field!r} is missing", expected=field)]
    if name == "type":
        types = list(kind.types)
        expected = " or ".join(types)
        return [Violation("field.wrong-type", pointer,
                          f"expected {expected}, got {describe(value)}",
                          expected=expected, actual=value)]
    if name in ("enum", "const"):
        options = list(kind.options) if name == "enum" else [kind.expected_value]
        shown = ", ".join(json.dumps(o, ensure_ascii=False) for o in options[:12])
        if len(options) > 12:
            shown += f", … ({len(options)} values)"
        return [Violation("field.unknown-enum", pointer,
                          f"value {describe(value)} is not one of the contract's values: {shown}",
                          expected=options, actual=value)]
    if name in ("format", "pattern"):
        rule = kind.format if name == "format" else kind.pattern
        label = f"format {rule!r}" if name == "format" else f"pattern {rule!r}"
        if name == "format" and rule in OWN_FORMAT_RULES:
            label += f" ({OWN_FORMAT_RULES[rule]})"
        return [Violation("field.wrong-format", pointer,
                          f"{describe(value)} does not match the {label}",
                          expected=rule, actual=value)]
    if name in ("unevaluatedProperties", "additionalProperties"):
        return _extra_fields(contract, root, error, pointer)
    if name in _RANGE_KINDS:
        return [Violation("field.out-of-range", pointer, f"{error.message}", actual=value)]
    return [Violation("field.invalid", pointer, str(error.message), actual=value)]


def _ambiguous(pointer: str, value: Any, context: list[list[Any]]) -> Violation:
    """A value more than one ``oneOf`` alternative takes (a branch with no error passed)."""
    matched = [str(number) for number, branch in enumerate(context) if not branch]
    which = f" (alternatives {', '.join(matched)}, counted from 0)" if len(matched) > 1 else ""
    return Violation(
        "field.invalid", pointer,
        f"{describe(value)} matches more than one oneOf alternative{which}, and a oneOf takes "
        "exactly one: send a value only one alternative describes, or make the alternatives "
        "exclusive in the contract (required fields, a const, or anyOf if any may match)",
        expected="exactly one oneOf alternative", actual=value)


def _branch_types(context: list[list[Any]]) -> list[str]:
    """The types the branches of a failed anyOf/oneOf ask for, in order (none: not all type)."""
    types: list[str] = []
    for branch in context:
        for sub in branch:
            if sub.kind.name != "type":
                return []
            types.extend(str(t) for t in sub.kind.types if str(t) not in types)
    return types


def _closest_branch(contract: Contract, root: dict[str, Any], context: list[list[Any]],
                    at: list[Any]) -> list[Any] | None:
    """The failing branch that came nearest: not a plain type mismatch here, fewest errors."""
    candidates = []
    for branch in context:
        if not branch:
            continue
        shallow_type = all(
            sub.kind.name == "type" and list(sub.instance_path) == at for sub in branch
        )
        if not shallow_type:
            candidates.append(branch)
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    # Fewest errors; of equals, the branch whose own required fields are there (a card with
    # a broken number is nearer than a bank account with no account number at all).
    return min(candidates, key=lambda branch: (
        _weight(contract, root, branch),
        sum(sub.kind.name == "required" and list(sub.instance_path) == at for sub in branch)))


def _weight(contract: Contract, root: dict[str, Any], branch: list[Any]) -> int:
    """How many errors the branch counts, a wrapper left open (``SOLE_MARK``) counted as two
    where a closed wrapper gave two: its failure and, on a non-empty object, its
    ``unevaluatedProperties``, which then flags every field."""
    weight = len(branch)
    for error in branch:
        if (error.kind.name in ("anyOf", "oneOf") and isinstance(error.instance, dict)
                and error.instance and _sole(contract, root, error)
                and _object_branch_fails(contract, root, error)):
            weight += 1
    return weight


def _sole(contract: Contract, root: dict[str, Any], error: Any) -> bool:
    node = _keyword_parent(contract, root, error)
    return isinstance(node, dict) and node.get(SOLE_MARK) is True


def _object_branch_fails(contract: Contract, root: dict[str, Any], error: Any) -> bool:
    """Would the wrapper's object branch fail without its closing (for more than extra fields)?"""
    at = list(error.instance_path)
    for branch in getattr(error.kind, "context", None) or []:
        for sub in branch:
            here = list(sub.instance_path) == at
            if here and sub.kind.name == "type":
                continue
            if here and sub.kind.name in ("unevaluatedProperties", "additionalProperties"):
                node = _keyword_parent(contract, root, sub)
                if isinstance(node, dict) and node.get(UNDECLARED_MARK) is True:
                    continue
            return True
    return False


def _extra_fields(
    contract: Contract, root: dict[str, Any], error: Any, pointer: str
) -> list[Violation]:
    node = _keyword_parent(contract, root, error)
    ours = isinstance(node, dict) and node.get(UNDECLARED_MARK) is True
    declared = _declared(contract, node, depth=0) if isinstance(node, dict) else set()
    out = []
    for field in kind_unexpected(error):
        if ours and field in declared:
            continue  # reported only because a sibling branch failed; its own error says why
        if ours:
            out.append(Violation(
                "field.undeclared", f"{pointer}/{escape(field)}",
                f"field {field!r} is not declared in the contract",
                actual=field,
            ))
        else:
            out.append(Violation(
                "field.forbidden", f"{pointer}/{escape(field)}",
                f"field {field!r} is not allowed: the contract forbids undeclared fields here",
                actual=field,
            ))
    return out


def kind_unexpected(error: Any) -> list[str]:
    return [str(name) for name in getattr(error.kind, "unexpected", [])]


def _keyword_parent(contract: Contract, root: dict[str, Any], error: Any) -> Any:
    location = error.absolute_keyword_location
    try:
        if location:
            uri, _, fragment = str(location).partition("#")
            tokens = split_pointer(unquote(fragment))[:-1]
            return _lookup(contract, uri, tokens)
        tokens = [str(t) for t in error.schema_path][:-1]
        return node_at(root, "".join("/" + escape_pointer(t) for t in tokens))
    except (KeyError, ValueError):
        return None


def _lookup(contract: Contract, uri: str, tokens: list[str]) -> Any:
    node: Any = contract.skeleton(uri)
    for token in tokens:
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node


def _declared(contract: Contract, node: Any, *, depth: int) -> set[str]:
    """Property names a schema declares, through refs and composition branches."""
    if depth > 16 or not isinstance(node, dict):
        return set()
    names = set(node.get("properties") or {})
    ref = node.get("$ref")
    if isinstance(ref, str) and "#" in ref:
        uri, _, fragment = ref.partition("#")
        with contextlib.suppress(KeyError, ValueError, IndexError):
            names |= _declared(contract, _lookup(contract, uri, split_pointer(unquote(fragment))),
                               depth=depth + 1)
    for key in ("allOf", "anyOf", "oneOf"):
        for branch in node.get(key) or []:
            names |= _declared(contract, branch, depth=depth + 1)
    return names
