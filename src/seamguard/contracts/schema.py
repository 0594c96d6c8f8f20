"""Turn OpenAPI schema objects into JSON Schema 2020-12 that jsonschema-rs compiles.

OpenAPI 3.1 schemas already are JSON Schema 2020-12; OpenAPI 3.0 schemas are a dialect:

* ``nullable: true`` beside ``type`` becomes a type array; beside ``enum`` it adds ``null`` to the
  enum; beside ``$ref`` / ``allOf`` / ``anyOf`` / ``oneOf`` (where 3.0 has nowhere to put it) the
  schema becomes ``anyOf: [{type: null}, <schema>]``.
* boolean ``exclusiveMinimum`` / ``exclusiveMaximum`` become the numeric 2020-12 form.
* keywords beside ``$ref`` are ignored, as 3.0 says, except the annotations (``nullable``,
  ``readOnly``, ``description``...); in 3.1 they apply beside the reference.

For both versions, ``format: int32|int64`` become numeric bounds (checked in Rust rather than by a
Python format callback), and annotations that validation never reads are dropped.

**Undeclared fields.** Contracts rarely say ``additionalProperties: false``, but a field the
contract does not declare is exactly what users want to hear about. Every *closed* object schema
(one that declares properties and says nothing about extra ones) gets
``unevaluatedProperties: false`` (``additionalProperties: false`` where no in-place applicator
stands beside it: the same verdict, checked faster); its violations are reported as warnings,
while violations of an author's own ``additionalProperties: false`` stay errors. A schema used
as an ``allOf``/``anyOf``/``oneOf`` branch must stay *open*, or each branch would reject the
fields of its siblings: the composing parent closes instead (2020-12's
``unevaluatedProperties`` sees what every valid branch evaluated). A component referenced from a
branch is therefore emitted twice, closed at its own pointer and open under
``/x-seamguard-open``. One exception: an ``anyOf``/``oneOf`` whose only branch that can hold an
object is closed by itself, and whose other branches are bare non-object ``type`` (the usual
``oneOf: [{$ref: X}, {type: null}]``), keeps that branch closed and stays open itself
(marked ``x-seamguard-sole``): the same verdict without the annotation tracking that
``unevaluatedProperties`` costs (``_sole_object_branch`` says when; validation.py weighs such a
failed wrapper as the closed one was weighed when it picks a branch to explain).
"""

from __future__ import annotations

from typing import Any, Protocol
from urllib.parse import quote, unquote

from seamguard.contracts.discriminator import (
    discriminator_rules,
    inherited_rules,
    inherits_from,
)
from seamguard.errors import ContractError
from seamguard.xml_documents import is_xml_media

__all__ = ["CONTENT_KEY", "CONTENT_XML_KEY", "OPEN_PREFIX", "SOLE_MARK", "UNDECLARED_MARK",
           "SchemaConverter", "is_json_media"]

OPEN_PREFIX = "/x-seamguard-open"
_FRAGMENT_SAFE = "/~!$&'()*+,;=:@"
# Put beside the unevaluatedProperties we add, so errors can tell ours from the author's.
UNDECLARED_MARK = "x-seamguard-closed"
# Put on an anyOf/oneOf left open because its one object branch is closed (see convert).
SOLE_MARK = "x-seamguard-sole"
# Where a converted `contentSchema` (of a JSON `contentMediaType`) goes: jsonschema-rs treats
# contentSchema as an annotation, so seamguard applies it itself (contracts/embedded.py), and an
# unknown keyword keeps the validator from resolving references inside it for nothing.
CONTENT_KEY = "x-seamguard-content"
# Put beside CONTENT_KEY when the string holds an XML document (contentMediaType …xml), read
# by the same rule as XML bodies (seamguard.xml_documents).
CONTENT_XML_KEY = "x-seamguard-content-xml"


def is_json_media(media_type: object) -> bool:
    """``application/json`` or a ``+json`` type (parameters ignored)."""
    if not isinstance(media_type, str):
        return False
    base = media_type.split(";", 1)[0].strip().lower()
    return base == "application/json" or base.endswith("+json")

_COMPOSITIONS = ("allOf", "anyOf", "oneOf")
_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SCHEMA_SINGLES = (
    "items", "additionalProperties", "not", "contains", "if", "then", "else",
    "propertyNames", "unevaluatedItems", "unevaluatedProperties", "additionalItems",
)
_SAME_OBJECT = frozenset({"if", "then", "else", "not"})
_DROPPED = frozenset(
    {"example", "examples", "xml", "externalDocs", "discriminator", "deprecated",
     "readOnly", "writeOnly", "title", "description", "$comment", "nullable"}
)
# Keywords that apply subschemas to the same instance (their annotations reach
# unevaluatedProperties); "not" never yields annotations, but is kept on the careful side.
_IN_PLACE = ("allOf", "anyOf", "oneOf", "$ref", "$dynamicRef", "$recursiveRef", "if", "then",
             "else", "not", "dependentSchemas")
# Keywords besides `properties` that evaluate properties, or whose annotations reach
# unevaluatedProperties in ways _properties_only does not follow.
_OTHER_EVALUATORS = ("patternProperties", "additionalProperties", "unevaluatedProperties",
                     "dependentSchemas", "if", "then", "else", "not", "$dynamicRef",
                     "$recursiveRef", "dependencies")
_INT_BOUNDS = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}

RefTarget = tuple[str, str]  # (document uri, JSON pointer)


class Resolve(Protocol):
    """(base uri, reference, the keyword that wrote it) -> target, node."""

    def __call__(self, base_uri: str, ref: str, keyword: str = ...) -> tuple[RefTarget, Any]: ...


class SchemaConverter:
    """Converts schema roots one at a time, collecting the ``$ref`` targets they need.

    ``resolve(base_uri, ref)`` returns the absolute target of a reference and the raw node there;
    the loader provides it (it knows every document of the contract).
    """

    # Off: every composition branch stays open and the wrapper closes (the rewrite before
    # _sole_object_branch; findings are the same, the differential tests compare both).
    sole_branch_closes = True

    def __init__(self, *, openapi_30: bool, resolve: Resolve, closed: bool = True) -> None:
        self.openapi_30 = openapi_30
        self.closed = closed
        self._resolve = resolve
        # Schema roots still to convert: (uri, pointer, open?)
        self.pending: list[tuple[str, str, bool]] = []
        # Every converted content schema (JSON inside strings), compiled with the payloads.
        self.contents: list[dict[str, Any]] = []

    def convert(self, node: Any, uri: str, *, open_: bool = False,
                branch_of_all: bool = False) -> Any:
        """Convert one schema (recursively); refs are rewritten to absolute URIs and queued."""
        if isinstance(node, bool) or not isinstance(node, dict):
            return node
        if self.openapi_30 and isinstance(node.get("$ref"), str) and len(node) > 1:
            # A 3.0 Reference Object's other keywords "SHALL be ignored" (`rate: {$ref: Amount,
            # type: number}` is an Amount); the annotations beside it, `nullable` among them,
            # are kept, as the tools that write them mean them.
            node = {key: value for key, value in node.items()
                    if key == "$ref" or key in _DROPPED or key.startswith("x-")}
        out: dict[str, Any] = {}
        # A wrapper whose one object branch closes itself (`oneOf: [{$ref: X}, {type: null}]`)
        # keeps that branch closed and stays open: the same verdict without annotations.
        sole = self.closed and not open_ and self._sole_object_branch(node, uri)
        closes = self.closed and not open_ and not sole and self._should_close(node, uri)
        for key, value in node.items():
            if key in _DROPPED or key.startswith("x-"):
                continue
            if key == "$ref" and isinstance(value, str) and value in inherits_from(node):
                # 3.1's `{$ref: Pet, allOf: [...]}`: the base is a part, as in an `allOf`
                # (open where this node closes what both declare)
                out[key] = self._ref(uri, value, open_=open_ or closes)
                continue
            if key == "$ref" and isinstance(value, str) and not branch_of_all \
                    and self._inheriting(uri, value, out, open_=open_):
                continue
            if (key == "$ref" and isinstance(value, str)) or (
                    key == "$dynamicRef" and isinstance(value, str) and _by_pointer(value)):
                # A `$dynamicRef` to a JSON pointer (not to a `$dynamicAnchor` by name) is a
                # `$ref` by 2020-12's own rule, resolved as one.
                out[key] = self._ref(uri, value, open_=False, keyword=key)
            elif key == "contentSchema":
                media = node.get("contentMediaType")
                xml = is_xml_media(media)
                if xml or is_json_media(media):
                    out[CONTENT_KEY] = content = self.convert(value, uri)
                    if xml:
                        out[CONTENT_XML_KEY] = True
                    if isinstance(content, dict):
                        self.contents.append(content)
            elif key in _SCHEMA_MAPS and isinstance(value, dict):
                # (a `dependentSchemas` entry applies to this very object: left open)
                out[key] = {name: self.convert(sub, uri, open_=key == "dependentSchemas")
                            for name, sub in value.items()}
            elif key in _SCHEMA_LISTS and isinstance(value, list):
                branch_open = key in _COMPOSITIONS and not sole
                out[key] = [self._branch(sub, uri, open_=branch_open, all_of=key == "allOf")
                            for sub in value]
            elif key in _SCHEMA_SINGLES:
                # `if`, `then`, `else` and `not` judge this very object: closed on its own, an
                # `if: {properties: {status: {const: paid}}}` would never hold for a whole
                # object, and its `then` never apply; this node's own closing covers them.
                out[key] = self.convert(value, uri, open_=key in _SAME_OBJECT)
            else:
                out[key] = value
        self._numbers(node, out)
        rules = discriminator_rules(node, lambda ref: self._ref(uri, ref, open_=True))
        if rules:
            given = out.get("allOf")
            out["allOf"] = [*(given if isinstance(given, list) else []), *rules]
        if closes:
            # With no in-place applicator beside it, only `properties` evaluates anything here:
            # additionalProperties says the same, and jsonschema-rs checks it without tracking
            # annotations (at about half the cost).
            in_place = any(key in out for key in _IN_PLACE)
            out["unevaluatedProperties" if in_place else "additionalProperties"] = False
            out[UNDECLARED_MARK] = True
        if sole:
            out[SOLE_MARK] = True
        if self.openapi_30 and node.get("nullable") is True:
            return _nullable(out)
        return out

    def _branch(self, node: Any, uri: str, *, open_: bool, all_of: bool = False) -> Any:
        if open_ and isinstance(node, dict) and set(node) == {"$ref"}:
            return {"$ref": self._ref(uri, node["$ref"], open_=True)}
        return self.convert(node, uri, open_=open_, branch_of_all=all_of)

    def _inheriting(self, uri: str, ref: str, out: dict[str, Any], *, open_: bool) -> bool:
        """A reference to a base schema whose discriminator names the schemas inheriting from
        it: written into ``out`` as the open base plus the rule that the object fits the
        schema its tag names (closed here, so the fields the inheriting schema declares count
        as declared). A subtype's own ``allOf`` reference to its base is not rewritten."""
        (target_uri, pointer), target = self._resolve(uri, ref)
        if not isinstance(target, dict) or "discriminator" not in target \
                or "oneOf" in target or "anyOf" in target \
                or not pointer.startswith(("/components/schemas/", "/definitions/")):
            return False
        base = (target_uri, unquote(pointer))
        subtypes: dict[str, str] = {}
        for where, container in _containers(target_uri, pointer, uri):
            try:
                _, schemas = self._resolve(where, "#" + container)
            except ContractError:
                continue
            for name, schema in (schemas.items() if isinstance(schemas, dict) else ()):
                if any(self._located(where, other) == base for other in inherits_from(schema)):
                    escaped = str(name).replace("~", "~0").replace("/", "~1")
                    subtypes.setdefault(f"{where}#{unquote(container)}/{escaped}",
                                        str(name))

        def locate(written: str) -> str | None:
            found = self._located(target_uri, written)
            return None if found is None else f"{found[0]}#{found[1]}"

        own = pointer.rpartition("/")[2].replace("~1", "/").replace("~0", "~")
        rules = inherited_rules(target, own, subtypes, locate,
                                lambda other: self._ref(target_uri, other, open_=True))
        if not rules:
            return False
        out["$ref"] = self._ref(uri, ref, open_=True)
        out["allOf"] = rules
        if self.closed and not open_:
            out["unevaluatedProperties"] = False
            out[UNDECLARED_MARK] = True
        return True

    def _located(self, uri: str, ref: str) -> tuple[str, str] | None:
        """Where ``ref`` written in ``uri`` leads (document, unquoted pointer); None if
        nowhere."""
        try:
            (where, pointer), _ = self._resolve(uri, ref)
        except ContractError:
            return None
        return where, unquote(pointer)

    def _ref(self, uri: str, ref: str, *, open_: bool, keyword: str = "$ref") -> str:
        (target_uri, pointer), _ = self._resolve(uri, ref, keyword)
        self.pending.append((target_uri, pointer, open_))
        if open_ and self.closed:
            pointer = OPEN_PREFIX + pointer
        # A URI fragment (as the author wrote it, encoded or not): generators write component
        # names with spaces into $refs (drf-spectacular's "Multi-language string"), which no
        # URI holds raw.
        return f"{target_uri}#{quote(unquote(pointer), safe=_FRAGMENT_SAFE)}"

    def _numbers(self, node: dict[str, Any], out: dict[str, Any]) -> None:
        if self.openapi_30:
            pairs = (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum"))
            for keyword, bound in pairs:
                flag = node.get(keyword)
                if isinstance(flag, bool):
                    out.pop(keyword, None)
                    if flag and bound in node:
                        out[keyword] = out.pop(bound)
        bounds = _INT_BOUNDS.get(node.get("format", ""))
        if bounds and _types(node) & {"integer"}:
            out.setdefault("minimum", bounds[0])
            out.setdefault("maximum", bounds[1])

    def _sole_object_branch(self, node: dict[str, Any], uri: str) -> bool:
        """Is this an ``anyOf``/``oneOf`` that needs no ``unevaluatedProperties`` of its own?

        True when the node has nothing but that one composition (annotations aside), exactly
        one branch can hold an object, and that branch, a ``$ref`` or inline, is closed by
        itself. Every other branch is a bare ``type`` without ``object``: on an object it fails,
        so the composition holds exactly when the object branch does, and the properties that
        branch evaluates are all the wrapper's ``unevaluatedProperties`` would ever see. The
        closed branch then says what the closed wrapper said, object for object.
        """
        if not self.sole_branch_closes:
            return False
        keys = [k for k in node if k not in _DROPPED and not k.startswith("x-")]
        if len(keys) != 1 or keys[0] not in ("anyOf", "oneOf"):
            return False
        branches = node[keys[0]]
        if not isinstance(branches, list):
            return False
        objects = [b for b in branches if not _never_object(b)]
        if len(objects) != 1 or not isinstance(objects[0], dict):
            return False
        branch, where = objects[0], uri
        if "$ref" in branch:
            if set(branch) != {"$ref"} or not isinstance(branch["$ref"], str):
                return False
            (where, _), branch = self._resolve(uri, branch["$ref"])
            if not isinstance(branch, dict) or "$ref" in branch:
                return False
        if self.openapi_30 and branch.get("nullable") is True:
            return False
        return (self._should_close(branch, where) and self._should_close(node, uri)
                and self._properties_only(branch, where, depth=0))

    def _properties_only(self, node: Any, uri: str, *, depth: int) -> bool:
        """Does only ``properties`` evaluate properties in this schema's in-place applicators?

        Then the branch's own closing flags the names its ``properties`` (and those of its
        ``allOf``/``anyOf``/``oneOf`` branches, through ``$ref``) do not declare, also when a
        part of it fails, just as the wrapper's did: jsonschema-rs counts what the valid parts
        of a failed ``allOf`` evaluated, and a ``patternProperties`` there would hide a name
        the wrapper reported.
        """
        if depth > 8 or not isinstance(node, dict):
            return False
        if any(key in node for key in _OTHER_EVALUATORS):
            return False
        if "$ref" in node:
            if depth == 0 or set(node) - _DROPPED - {"$ref"} or not isinstance(node["$ref"], str):
                return False
            (target_uri, _), target = self._resolve(uri, node["$ref"])
            if isinstance(target, dict) and "$ref" in target:
                return False  # its open copy refers to a closed one
            return self._properties_only(target, target_uri, depth=depth + 1)
        return all(
            isinstance(branch, dict) and self._properties_only(branch, uri, depth=depth + 1)
            for key in _COMPOSITIONS for branch in node.get(key) or []
        )

    def _should_close(self, node: dict[str, Any], uri: str) -> bool:
        if any(k in node for k in ("additionalProperties", "unevaluatedProperties",
                                   "patternProperties")):
            return False
        types = _types(node)
        if types and "object" not in types:
            return False
        if node.get("properties"):
            return True
        ref = node.get("$ref")
        if isinstance(ref, str) and ref in inherits_from(node) \
                and self._declares_properties({"$ref": ref}, uri, depth=0):
            return True
        return any(
            self._declares_properties(branch, uri, depth=0)
            for key in _COMPOSITIONS
            for branch in node.get(key) or []
        )

    def _declares_properties(self, node: Any, uri: str, *, depth: int) -> bool:
        """Does this branch (following refs a few levels) declare named properties?"""
        if depth > 8 or not isinstance(node, dict):
            return False
        if "$ref" in node and isinstance(node["$ref"], str):
            (target_uri, _), target = self._resolve(uri, node["$ref"])
            return self._declares_properties(target, target_uri, depth=depth + 1)
        if node.get("properties"):
            return True
        return any(
            self._declares_properties(branch, uri, depth=depth + 1)
            for key in _COMPOSITIONS
            for branch in node.get(key) or []
        )


def _by_pointer(ref: str) -> bool:
    """Does ``ref`` name its target by a JSON pointer (or a whole document), not by an anchor?"""
    fragment = ref.partition("#")[2]
    return not fragment or fragment.startswith("/") or fragment.startswith("%2F")


def _never_object(node: Any) -> bool:
    """A branch that is only ``type`` (annotations and 3.0's ``nullable`` aside), without
    ``object``: on an object it fails with that one type error."""
    if not isinstance(node, dict):
        return False
    keys = {k for k in node if k not in _DROPPED and not k.startswith("x-")}
    if keys != {"type"}:
        return False
    kind = node["type"]
    if isinstance(kind, str):
        return kind != "object"
    return isinstance(kind, list) and bool(kind) and all(
        isinstance(t, str) and t != "object" for t in kind)


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("type")
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {item for item in kind if isinstance(item, str)}
    return set()


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    kind = schema.get("type")
    if "enum" in schema and None not in schema["enum"]:
        schema = {**schema, "enum": [*schema["enum"], None]}
    if isinstance(kind, str):
        return {**schema, "type": [kind, "null"]}
    if isinstance(kind, list):
        return schema if "null" in kind else {**schema, "type": [*kind, "null"]}
    if "enum" in schema and not any(k in schema for k in ("$ref", *_COMPOSITIONS)):
        return schema
    return {"anyOf": [{"type": "null"}, schema]}


def _containers(target_uri: str, pointer: str, uri: str) -> list[tuple[str, str]]:
    """Where schemas inheriting from the one at ``pointer`` of ``target_uri`` may stand: beside
    it, and among the components of the document that refers to it (a base kept in a shared
    file, its subtypes in the contract)."""
    places = [(target_uri, pointer.rpartition("/")[0])]
    if uri != target_uri:
        places += [(uri, "/components/schemas"), (uri, "/definitions")]
    return places
