"""The query string and the body of a recorded REST request, checked against the contract.

The response tells whether the platform kept its side of the contract; the request tells
whether the integration kept its own. Each declared query parameter is read back from the
query string in its style (``verify_query.py``) and validated, a required one that is absent
is ``field.missing``, and a name the operation does not declare is ``field.undeclared``
(the ``undeclared_fields`` setting, as for response fields) when the operation declares any
query parameter at all (a contract that declares none has not described the query); a
scalar sent more than once has each value judged, and different values that all pass are
``field.wrong-type`` (servers differ on which one they read), as is a form field whose property
takes one value sent twice with different values. Header and cookie parameters are read by
``verify_headers.py``; a webhook delivery's header parameters (a signature, a topic) are
checked as a request's are. A JSON, form or ``multipart/form-data`` body is read in the media type
its Content-Type names and validated against the request schema; a body the ``requestBody``
requires that the request leaves out is ``field.missing`` at ``/body``. Findings sit at
``request:/query/<name>``, ``request:/header/<Name>``, ``request:/cookie/<name>`` and
``request:/body/…`` with the codes body fields use.

Fields of a request body (or of an object inside a parameter) that the schema does not
declare are not reported: the undeclared-field rule says what a platform sends beyond its
contract, while a platform that refuses unknown input says so with ``additionalProperties:
false``, which is reported (``field.forbidden``).

Gateway calls are not read here: their business parameters are the gateway check's.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from seamguard.contracts.embedded import sites_of
from seamguard.contracts.model import (
    Contract,
    MediaSpec,
    Operation,
    QueryParam,
    SchemaRef,
    match_media,
)
from seamguard.contracts.refs import split_pointer
from seamguard.contracts.schema import is_json_media
from seamguard.contracts.validation import Violation, describe, violations
from seamguard.documents import DuplicateKeyError, escape_pointer, loads_json
from seamguard.errors import UsageError
from seamguard.privacy.mask import is_redacted
from seamguard.recordings.cassettes import Interaction, decode_body
from seamguard.verify_headers import COOKIE_HINT, HEADER_HINT, HeaderChecks
from seamguard.verify_query import (
    Malformed,
    Pairs,
    base_name,
    branches,
    kinds,
    multipart,
    pairs,
    read_value,
    repeated,
    single,
)
from seamguard.wire.requests import is_form, is_multipart

__all__ = ["BODY_HINT", "DELIVERY_HINT", "QUERY_HINT", "RequestChecks", "request_hint"]

QUERY_HINT = ("the request's query string breaks the contract: fix the code that builds it, or "
              "the parameter's schema (or style) in the contract if the platform accepts it")
BODY_HINT = ("the request body the client sent breaks the contract: fix the code that builds "
             "it, or the request schema in the contract if the platform accepts it")
MISSING_BODY_HINT = ("the operation requires a request body and the client sent none: fix the "
                     "code that builds the call, or drop `required: true` from the requestBody "
                     "if the platform accepts an empty one")
DELIVERY_HINT = ("the delivery's headers break the webhook's contract (a signature or topic "
                 "header missing or malformed: the delivery cannot be trusted as it is): check "
                 "the sender, or the recording if it dropped headers, or the header's schema in "
                 "the contract")
UNDECLARED_HINT = ("declare the parameter in the contract if the platform reads it, or stop "
                   "sending it")


def request_hint(violation: Violation) -> str:
    """The hint of a request finding."""
    pointer = violation.pointer
    if pointer.startswith("/query/"):
        return UNDECLARED_HINT if violation.undeclared else QUERY_HINT
    if pointer.startswith("/header/"):
        return HEADER_HINT
    if pointer.startswith("/cookie/"):
        return COOKIE_HINT
    return MISSING_BODY_HINT if pointer == "/body" and violation.code == "field.missing" \
        else BODY_HINT


def _no_body(operation: Operation) -> Violation:
    return Violation("field.missing", "/body",
                     f"{operation.label} requires a request body (requestBody required: true), "
                     "but the request sent none", expected=sorted(operation.request))


class _QueryPlan:
    """An operation's query parameters, resolved once."""

    __slots__ = ("arrays", "declared", "members", "operation", "params", "required", "scalars",
                 "single")

    def __init__(self, contract: Contract, operation: Operation) -> None:
        self.operation = operation  # kept, so its id is not reused while planned
        self.params: tuple[QueryParam, ...] = operation.query_params
        self.required = any(p.required for p in self.params)
        self.members: dict[str, frozenset[str]] = {}
        # Parameters whose schema allows a list (read either way a form writes one).
        self.arrays = frozenset(
            p.name for p in self.params if p.schema is not None
            and "array" in kinds(contract, contract.schema(p.schema)))
        # Parameters whose schema allows neither a list nor an object: each repetition
        # (a=1&a=2) is a value of its own.
        self.scalars = frozenset(
            p.name for p in self.params
            if (ref := _ref(p)) is None
            or not kinds(contract, contract.schema(ref)) & {"array", "object"})
        # Scalars whose schema says their type: one value, so a repetition is a finding.
        self.single = {p.name: kind for p in self.params if (ref := _ref(p)) is not None
                       and (kind := single(contract, contract.schema(ref))) is not None}
        declared = set(_api_keys(contract))
        for param in self.params:
            declared.add(param.name)
            if param.style == "form" and param.explode and param.schema is not None:
                # An exploded form object: its properties are names of their own.
                names = frozenset(
                    name for node in branches(contract, contract.schema(param.schema))
                    for name in (node.get("properties") or {}))
                if names:
                    self.members[param.name] = names
                    declared |= names
        self.declared = frozenset(declared)


class RequestChecks:
    """Judges the query strings, header and cookie parameters and bodies of REST calls.

    A query string is judged once per (operation, query string); a body is read and passes
    ``is_valid`` when clean, so a clean request costs a lookup and, with a body, its parse.
    """

    def __init__(self, *, max_body: int, max_depth: int, undeclared: bool) -> None:
        self.max_body = max_body
        self.max_depth = max_depth
        self.undeclared = undeclared
        self._plans: dict[int, _QueryPlan] = {}
        self._verdicts: dict[tuple[int, str], list[Violation]] = {}
        self._media: dict[tuple[int, str], tuple[Operation, MediaSpec | None]] = {}
        self.headers = HeaderChecks()

    def violations(self, contract: Contract, operation: Operation,
                   interaction: Interaction) -> list[Violation]:
        """Every violation in the request's query string (pointers ``/query/<name>``),
        headers (``/header/<Name>``, ``/cookie/<name>``) and body (``/body/…``); empty when
        it matches its contract."""
        _, mark, query = interaction.uri.partition("?")
        found: list[Violation] = []
        if mark or operation.query_params:
            query = query.partition("#")[0]
            if query or operation.query_params:
                found.extend(self._query(contract, operation, query))
        if operation.header_params or operation.cookie_params:
            found.extend(self.headers.violations(contract, operation,
                                                 interaction.request_headers,
                                                 interaction.request_lines))
        if operation.request:
            body = interaction.request_body
            if not body or (body[:1].isspace() and not body.strip()):
                if operation.request_required:
                    found.extend(self._empty(contract, operation, interaction))
            else:
                found.extend(self._body(contract, operation, interaction))
        return found

    def delivery(self, contract: Contract, operation: Operation,
                 interaction: Interaction) -> list[Violation]:
        """Every violation among a webhook delivery's header parameters (its signature,
        topic, delivery id), at ``/header/<Name>``."""
        if not operation.header_params:
            return []
        return self.headers.violations(contract, operation, interaction.request_headers,
                                       interaction.request_lines)

    # -- the query string ------------------------------------------------------------------------

    def query_violations(self, contract: Contract, operation: Operation,
                         query: str) -> list[Violation]:
        """The violations of ``query`` (a query string) against the operation's query
        parameters, at ``/query/<name>``."""
        return self._query(contract, operation, query)

    def _query(self, contract: Contract, operation: Operation, query: str) -> list[Violation]:
        plan = self._plans.get(id(operation))
        if plan is None or plan.operation is not operation:
            plan = self._plans[id(operation)] = _QueryPlan(contract, operation)
        if not query and not plan.required:
            return []
        key = (id(operation), query)
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._judge(contract, plan, query)
            if len(self._verdicts) > 50_000:  # distinct query strings (ids, cursors): bounded
                self._verdicts.clear()
            self._verdicts[key] = verdict
        return verdict

    def _judge(self, contract: Contract, plan: _QueryPlan, query: str) -> list[Violation]:
        read = pairs(query)
        found: list[Violation] = []
        literal: Pairs | None = None
        for param in plan.params:
            broken = self._param(contract, plan, param, read)
            if broken and "+" in query:
                # A client that left a literal '+' unencoded (a time zone offset): it counts.
                literal = literal or pairs(query, plus=False)
                if not self._param(contract, plan, param, literal):
                    continue
            if broken and param.style == "form" and param.name in plan.arrays and not any(
                    v.code == "field.missing" for v in broken) and not self._param(
                    contract, plan, replace(param, explode=not param.explode), read):
                continue  # ids=1,2 where ids=1&ids=2 is declared (or the other way): read
            found.extend(broken)
        if self.undeclared and plan.params:
            # An operation that declares no query parameter has an undescribed query, not an
            # empty one: only a described query's extra names are reported.
            seen: set[str] = set()
            for name, _ in read.items:
                base = base_name(name)
                if base in plan.declared or base in seen:
                    continue
                seen.add(base)
                found.append(Violation(
                    "field.undeclared", f"/query/{escape_pointer(base)}",
                    f"query parameter {base!r} is not declared for {plan.operation.label}",
                    actual=base))
        return found

    @staticmethod
    def _param(contract: Contract, plan: _QueryPlan, param: QueryParam,
               read: Pairs) -> list[Violation]:
        name = param.name
        pointer = f"/query/{escape_pointer(name)}"
        texts = read.by_name.get(name)
        if texts is not None and any(is_redacted(text) for text in texts):
            return []  # the privacy layer replaced what was sent: present, not judged
        if texts is not None and len(texts) > 1 and name in plan.scalars \
                and not read.bracketed(name):
            # A scalar sent more than once: every value is judged, each finding said once;
            # different values that all pass are a finding of their own (servers differ on
            # which one they read).
            found: dict[tuple[str, str], Violation] = {}
            for text in dict.fromkeys(texts):
                for violation in RequestChecks._param(contract, plan, param,
                                                      Pairs([(name, text)])):
                    found.setdefault((violation.code, violation.pointer), violation)
            kind = plan.single.get(name)
            twice = repeated(f"query parameter {name}", pointer, texts, kind) \
                if kind is not None and not found else None
            return [twice] if twice is not None else list(found.values())
        ref = _ref(param)
        schema = contract.schema(ref) if ref is not None else None
        value = read_value(contract, schema, name=name, style=param.style,
                           explode=param.explode, found=read,
                           content_type=param.media.media_type if param.media else None,
                           properties=plan.members.get(name, frozenset()))
        if value is None:
            if param.required:
                return [Violation("field.missing", pointer,
                                  f"required query parameter {name} is missing",
                                  expected=name)]
            return []
        if isinstance(value, Malformed):
            text = (read.by_name.get(name) or [""])[0]
            return [Violation(
                "field.wrong-format", pointer,
                f"query parameter {name} {describe(text)} is not written as its contract "
                f"says: {value.why}", expected=value.expected, actual=text)]
        if ref is None or (value == "" and param.allow_empty):
            return []
        return [Violation(v.code, pointer + v.pointer, f"query parameter {name}: {v.message}",
                          expected=v.expected, actual=v.actual)
                for v in violations(contract, ref, value) if not v.undeclared]

    # -- the body --------------------------------------------------------------------------------

    def _body(self, contract: Contract, operation: Operation,
              interaction: Interaction) -> list[Violation]:
        headers = interaction.request_headers
        content_type = headers.get("content-type")
        if content_type is None:
            if not headers or "*/*" in operation.request:
                return []  # a recording that kept no header; an operation that takes anything
            return [Violation(
                "content-type.undeclared", "/body",
                f"request sends a body without a Content-Type; {operation.label} declares "
                f"{', '.join(sorted(operation.request))}", expected=sorted(operation.request))]
        media = self._request_media(operation, content_type)
        if media is None:
            if not (is_form(content_type) or is_json_media(content_type)
                    or is_multipart(content_type)):
                return []  # a file, XML, text: a media type this check does not read
            return [Violation(
                "content-type.undeclared", "/body",
                f"request Content-Type {content_type} is not declared for {operation.label}",
                expected=sorted(operation.request), actual=content_type)]
        if media.schema is None:
            return []
        form = is_form(media.media_type)
        parted = is_multipart(media.media_type) and is_multipart(content_type)
        if not (form or parted or (media.is_json and is_json_media(content_type))):
            return []  # XML, files, or a body matched by a wildcard (*/*): not read
        body = interaction.request_body
        text, problem = decode_body(body, headers, self.max_body)
        if problem is not None and parted and isinstance(body, bytes) \
                and "limit" not in problem and "content-encoding" not in headers:
            # A file's bytes in a part: the fields around it are text all the same.
            text, problem = body.decode("utf-8", "replace"), None
        if problem is not None:
            code = "body.too-large" if "limit" in problem else "body.undecodable"
            return [Violation(code, "/body", f"request {problem}; the body was not checked")]
        if not text or text.isspace():
            return self._empty(contract, operation, interaction) \
                if operation.request_required else []
        instance: Any
        twice: list[Violation] = []
        if form or parted:
            fields = pairs(text) if form else None
            read = (self._form(contract, media, fields) if fields is not None
                    else self._parts(contract, media, text, content_type))
            if isinstance(read, Violation):
                return [read]
            instance = read
            if fields is not None:
                twice = _repeated_fields(contract, media, fields)
        else:
            if text.startswith("\ufeff"):  # RFC 8259: a parser may read past it; said
                text = text[1:]
                twice.append(Violation(
                    "body.byte-order-mark", "/body",
                    "request body starts with a byte-order mark (U+FEFF), which RFC 8259 "
                    "forbids sending and strict parsers refuse (it was read without the mark "
                    "and checked)", expected="JSON without a byte-order mark",
                    actual="U+FEFF"))
            try:
                instance = loads_json(text, max_depth=self.max_depth)
            except DuplicateKeyError as exc:  # checked as read (the last wins), and said
                instance = exc.value
                twice += [Violation("body.duplicate-key", "/body" + exc.pointer,
                                    f"request body is ambiguous: {exc}",
                                    expected="each key once per object", actual=exc.key)]
            except ValueError as exc:
                return [Violation(
                    "body.not-json", "/body",
                    f"request body is not valid JSON ({str(exc)[:100]}) although its "
                    f"Content-Type is {content_type}", actual=text[:80])]
        if not sites_of(contract, media.schema) and _open(contract, media.schema).is_valid(
                instance):
            return twice  # valid but for fields the schema does not declare: not reported
        ref = media.schema
        found = [Violation(v.code, "/body" + v.pointer, f"request body: {v.message}",
                           expected=v.expected, actual=v.actual)
                 for v in violations(contract, ref, instance) if not v.undeclared
                 and not (v.code == "field.missing" and _read_only(contract, ref, v.pointer))
                 and not (isinstance(v.actual, str) and is_redacted(v.actual))]
        said = {(v.code, v.pointer) for v in found}
        return [*found, *(v for v in twice if (v.code, v.pointer) not in said)]

    def _empty(self, contract: Contract, operation: Operation,
               interaction: Interaction) -> list[Violation]:
        """A required body sent empty. An empty form is a form with no field (``{}``), so
        the required fields it leaves out are named; any other empty body is no body."""
        content_type = interaction.request_headers.get("content-type")
        media = self._request_media(operation, content_type) if content_type else None
        if media is not None and media.schema is not None and is_form(media.media_type) \
                and is_form(content_type or ""):
            missing = [Violation(v.code, "/body" + v.pointer, f"request body: {v.message}",
                                 expected=v.expected, actual=v.actual)
                       for v in violations(contract, media.schema, {})
                       if v.code == "field.missing"
                       and not _read_only(contract, media.schema, v.pointer)]
            if missing:
                return missing
        return [_no_body(operation)]

    def _request_media(self, operation: Operation, content_type: str) -> MediaSpec | None:
        key = (id(operation), content_type)
        found = self._media.get(key)
        if found is None or found[0] is not operation:
            found = (operation, match_media(operation.request, content_type))
            if len(self._media) < 4_096:
                self._media[key] = found
        return found[1]

    @staticmethod
    def _parts(contract: Contract, media: MediaSpec, text: str,
               content_type: str) -> dict[str, Any] | Violation:
        """A ``multipart/form-data`` body as the object its schema validates: text parts
        read as form fields are, a JSON part parsed, a file's part present as ``""``."""
        assert media.schema is not None
        parts = multipart(text, content_type)
        if parts is None:
            return Violation(
                "body.undecodable", "/body",
                f"request {content_type} body holds no part delimited by its boundary; the "
                "body was not checked", expected="multipart/form-data; boundary=…",
                actual=content_type)
        # A file's part has a filename, or a media type that is neither text nor JSON.
        whole = [part for part in parts if part.filename is not None or (
            part.content_type and not part.content_type.lower().startswith("text/"))]
        read = RequestChecks._form(contract, media, Pairs(
            [(part.name, part.text) for part in parts if part not in whole]))
        if isinstance(read, Violation):
            return read
        schema = contract.schema(media.schema)
        for part in whole:
            name, value = base_name(part.name), ""
            allowed = kinds(contract, _property(contract, schema, name))
            if is_json_media(part.content_type) and "string" in allowed \
                    and not allowed & {"object", "array"}:
                value = part.text  # a JSON document the schema takes as text
            elif is_json_media(part.content_type):
                try:
                    value = loads_json(part.text)
                except ValueError as exc:
                    return Violation(
                        "field.wrong-format", f"/body/{escape_pointer(name)}",
                        f"request body: part {name} is not the {part.content_type} it says "
                        f"({str(exc)[:80]})", expected=part.content_type,
                        actual=part.text[:80])
            if "array" in allowed:
                listed = read.get(name)
                read[name] = [*(listed if isinstance(listed, list) else ()), value]
            else:
                read.setdefault(name, value)
        return read

    @staticmethod
    def _form(contract: Contract, media: MediaSpec, read: Pairs) -> dict[str, Any] | Violation:
        """A form body as the object its schema validates, each property read in its
        ``encoding`` (form, exploded, by default)."""
        assert media.schema is not None
        schema = contract.schema(media.schema)
        encodings = dict(media.encoding)
        instance: dict[str, Any] = {}
        for key, _ in read.items:
            name = base_name(key)
            if name in instance:
                continue
            encoding = encodings.get(name)
            content_type = encoding.content_type if encoding is not None else None
            value = read_value(
                contract, _property(contract, schema, name), name=name,
                style=encoding.style if encoding is not None else "form",
                explode=encoding.explode if encoding is not None else True, found=read,
                content_type=content_type if content_type and "json" in content_type else None)
            if isinstance(value, Malformed):
                raw = (read.by_name.get(name) or [""])[0]
                return Violation(
                    "field.wrong-format", f"/body/{escape_pointer(name)}",
                    f"request body: form field {name} {describe(raw)} is not written as its "
                    f"encoding says: {value.why}", expected=value.expected, actual=raw)
            if value is not None:
                instance[name] = value
        return instance


def _repeated_fields(contract: Contract, media: MediaSpec, read: Pairs) -> list[Violation]:
    """A form field whose property takes one scalar, sent more than once (``amount=1&amount=2``):
    the body validated holds the first value only, so the repetition is said here."""
    assert media.schema is not None
    schema = contract.schema(media.schema)
    encodings = dict(media.encoding)
    found = []
    for name, texts in read.by_name.items():
        encoding = encodings.get(name)
        if len(texts) < 2 or any(is_redacted(text) for text in texts) or (
                encoding is not None and encoding.content_type):
            continue
        kind = single(contract, _property(contract, schema, name))
        twice = repeated(f"request body: form field {name}", f"/body/{escape_pointer(name)}",
                         texts, kind) if kind is not None else None
        if twice is not None:
            found.append(twice)
    return found


def _ref(param: QueryParam) -> SchemaRef | None:
    """The schema a parameter's value is validated with (its ``content``'s, if described so)."""
    return param.schema if param.media is None else param.media.schema


def _read_only(contract: Contract, ref: SchemaRef, pointer: str) -> bool:
    """Is the required field at ``pointer`` marked ``readOnly``? OpenAPI: a required read-only
    property is required in responses only, so a request that leaves it out is right."""
    try:
        tokens = split_pointer(pointer)
    except ValueError:
        return False
    nodes: list[tuple[str, Any]] = [(ref.uri, contract.docs.resolve(ref.uri,
                                                                     "#" + ref.pointer)[1])]
    for depth, token in enumerate(tokens):
        last = depth == len(tokens) - 1
        found: list[tuple[str, Any]] = []
        for uri, node in _raw_branches(contract, nodes):
            properties = node.get("properties")
            if isinstance(properties, dict) and token in properties:
                found.append((uri, properties[token]))
            elif not last and isinstance(node.get("items"), dict) and token.isdigit():
                found.append((uri, node["items"]))
        if not found:
            return False
        nodes = found
    return any(node.get("readOnly") is True for _, node in _raw_branches(contract, nodes))


def _raw_branches(contract: Contract, nodes: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """The raw (OpenAPI) schemas ``nodes`` are made of, ``$ref``s followed (bounded)."""
    found: list[tuple[str, Any]] = []
    stack = list(reversed(nodes))
    while stack and len(found) < 64:
        uri, node = stack.pop()
        if not isinstance(node, dict):
            continue
        if isinstance(node.get("$ref"), str):
            try:
                (uri, _), node = contract.docs.resolve(uri, node["$ref"])
            except (UsageError, KeyError, ValueError):  # a broken reference is lint's to report
                continue
            if not isinstance(node, dict):
                continue
        found.append((uri, node))
        for key in ("allOf", "anyOf", "oneOf"):
            parts = node.get(key)
            if isinstance(parts, list):
                stack.extend((uri, part) for part in reversed(parts))
    return found


def _property(contract: Contract, schema: Any, name: str) -> Any:
    for node in branches(contract, schema):
        properties = node.get("properties")
        if isinstance(properties, dict) and name in properties:
            return properties[name]
    return None


def _open(contract: Contract, ref: SchemaRef) -> Any:
    """The request schema's validator without the undeclared-field rule (once per schema)."""
    compiled: dict[SchemaRef, Any] = contract.derived.setdefault("request-open", {})
    validator = compiled.get(ref)
    if validator is None:
        validator = compiled[ref] = contract.bare_validator(ref)
    return validator


def _api_keys(contract: Contract) -> frozenset[str]:
    """Query parameter names the contract's API-key security schemes use (once per contract)."""
    found = contract.derived.get("query-api-keys")
    if found is None:
        components = contract.document.get("components")
        schemes = components.get("securitySchemes") if isinstance(components, dict) else None
        names = set()
        for scheme in (schemes or {}).values() if isinstance(schemes, dict) else ():
            if isinstance(scheme, dict) and scheme.get("type") == "apiKey" \
                    and scheme.get("in") == "query" and isinstance(scheme.get("name"), str):
                names.add(scheme["name"])
        found = contract.derived["query-api-keys"] = frozenset(names)
    return found
