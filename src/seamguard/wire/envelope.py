"""Envelopes: the business payload inside a response, and errors inside HTTP 200.

A wire profile's ``[response]`` says where the payload sits (``/{response_key}``,
``/apiResultData⟨json⟩/msgData``) and which conditions make a body an error. :class:`Envelope`
opens one parsed body into one of three outcomes:

* ``success`` — the payload and the pointer it sits at (findings point into the whole body);
* ``error`` — an :class:`InBandError` with the platform's code, sub code and messages;
* ``unknown`` — neither envelope matches (a gateway page, a proxy's answer, a changed protocol).

Error rules are tried before the success envelope: TOP's ``error_response`` never holds a
``*_response`` key, but SF's inner ``success: false`` sits beside a present ``msgData``.

Pointers may continue inside a JSON (``⟨json⟩``) or an XML (``⟨xml⟩``) document held by a
string: an XML-mode push's ``/content⟨xml⟩/Request/Head``. XML has only text, so a condition on
a value inside XML compares text (``equals = "ERR"``; a number compares equal to the text
writing it, a boolean to no text).

A condition's pointer may hold ``*`` for "any key or element" (JD's business verdict sits at
``/<key>_responce/<a result object named per operation>/apiResult/success``); the condition holds
when it holds at one place the pointer reaches, and the error's other pointers take the same keys
there. A number and a text holding the same number are equal (codes come written either way).
How a condition is tested on a body is :mod:`seamguard.wire.conditions`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from seamguard.document_json import screened_reader
from seamguard.documents import DEFAULT_MAX_DEPTH, loads_embedded, loads_json
from seamguard.wire.conditions import _anywhere, _bind, _holds_at, _NotJson, _places, _test, _wild
from seamguard.wire.pointers import (
    MISSING,
    EmbeddedUnreadable,
    Step,
    format_steps,
    parse,
    resolve,
)
from seamguard.wire.profile import Condition, EnvelopeSettings

__all__ = ["TEMPLATE", "Envelope", "InBandError", "Opened"]

# An embedded document read in one compiled call (None: without the accelerator)
_READ = screened_reader(DEFAULT_MAX_DEPTH)

TEMPLATE = "{response_key}"


@dataclass(frozen=True)
class InBandError:
    """An error a platform reported inside a 200 response."""

    code: Any
    sub_code: Any = None
    message: Any = None
    sub_message: Any = None
    at: str | None = None  # the pointer of the rule's first condition: where the error shows

    @property
    def key(self) -> str:
        """The most specific code: ``sub_code`` when there is one, else ``code``."""
        return str(self.sub_code if self.sub_code not in (None, "") else self.code)

    def describe(self) -> str:
        """``code 15 / isv.invalid-parameter: Invalid arguments (start_created is wrong)``."""
        shown = (self.code,) if str(self.sub_code) == str(self.code) else (self.code,
                                                                           self.sub_code)
        codes = " / ".join(str(c) for c in shown if c not in (None, ""))
        texts = " ".join(f"({t})" if i else str(t) for i, t in enumerate(
            t for t in (self.message, self.sub_message) if t not in (None, "")))
        return f"code {codes or '(none)'}" + (f": {texts}" if texts else "")

    def matches(self, documented: frozenset[str]) -> bool:
        """Is this error one of the codes an operation documents? A documented code covers
        its colon-qualified variants (TOP's ``isv.invalid-parameter:start_modified``)."""
        return any(str(c) in documented or str(c).partition(":")[0] in documented
                   for c in (self.code, self.sub_code, self.key) if c not in (None, ""))


class Opened(NamedTuple):
    """What one response body turned out to be (a tuple: one is built for every body)."""

    kind: Literal["success", "error", "unknown"]
    payload: Any = MISSING
    prefix: str = ""
    error: InBandError | None = None
    problem: EmbeddedUnreadable | None = None
    missed: str = ""  # "unknown": the member a success condition found wanting, if one did


class Envelope:
    """Opens response bodies the way one profile describes them."""

    def __init__(self, settings: EnvelopeSettings) -> None:
        self.settings = settings
        self._templated = "{response_key}" in settings.payload
        self._fixed = () if self._templated else parse(settings.payload)
        self._payloads: dict[str, tuple[Step, ...]] = {}
        # Error rules may name the success key too (JD: `/{response_key}/code` other than "0").
        self._rules_templated = any(
            TEMPLATE in pointer for rule in settings.errors
            for pointer in (*(c.pointer for c in rule.when), rule.code, rule.sub_code,
                            rule.message, rule.sub_message) if pointer)
        self._rules: dict[str | None, list[_Rule]] = {}
        self._success = tuple((parse(c.pointer), c) for c in settings.success_when)
        self._prefixes: dict[tuple[Step, ...], str] = {}

    def _prefix(self, steps: tuple[Step, ...]) -> str:
        """The pointer text of the payload steps (formatted once: asked for every body)."""
        prefix = self._prefixes.get(steps)
        if prefix is None:
            prefix = format_steps(steps)
            if len(self._prefixes) < 10_000:
                self._prefixes[steps] = prefix
        return prefix

    def _key(self, operation: str) -> str:
        key_rule = self.settings.response_key
        key = key_rule.of(operation) if key_rule is not None else operation
        return key.replace("~", "~0").replace("/", "~1")

    def payload_steps(self, operation: str | None) -> tuple[Step, ...] | None:
        """The payload pointer for one operation; None when it needs a name and has none."""
        if not self._templated:
            return self._fixed
        if operation is None:
            return None
        steps = self._payloads.get(operation)
        if steps is None:
            steps = parse(self.settings.payload.replace(TEMPLATE, self._key(operation)))
            if len(self._payloads) < 10_000:
                self._payloads[operation] = steps
        return steps

    def _rules_for(self, operation: str | None) -> list[_Rule]:
        """The error rules with ``{response_key}`` filled in (rules needing it and no name
        are left out)."""
        name = operation if self._rules_templated else None
        rules = self._rules.get(name)
        if rules is None:
            key = self._key(name) if name is not None else None
            rules = []
            for rule in self.settings.errors:
                if key is None and any(TEMPLATE in c.pointer for c in rule.when):
                    continue
                rules.append(_Rule(
                    tuple((parse(_fill(c.pointer, key) or ""), c) for c in rule.when),
                    _fill(rule.code, key), _fill(rule.sub_code, key), _fill(rule.message, key),
                    _fill(rule.sub_message, key), _fill(rule.when[0].pointer, key) or ""))
            if len(self._rules) < 10_000:
                self._rules[name] = rules
        return rules

    def open(self, body: Any, operation: str | None = None) -> Opened:
        """Classify one parsed body; the payload pointer may depend on the operation name."""
        memo: dict[tuple[Step, ...], Any] = {}
        try:
            for rule in self._rules_for(operation):
                bound: tuple[Step, ...] | None = None
                for at, condition in rule.when:
                    place = _holds_at(body, at, condition, memo)
                    if place is None:
                        break
                    if bound is None:
                        bound = place
                else:
                    return Opened("error", error=_error(body, rule, memo, bound or ()))
            steps = self.payload_steps(operation)
            if steps is None:
                return Opened("unknown")
            for success_steps, condition in self._success:
                if _holds_at(body, success_steps, condition, memo) is None:
                    return Opened("unknown", prefix=self._prefix(steps),
                                  missed=self._prefix(success_steps))
            payload = resolve(body, steps, memo) if steps else body
        except EmbeddedUnreadable as problem:
            return Opened("unknown", problem=problem)
        if payload is MISSING:
            return Opened("unknown", prefix=self._prefix(steps))
        return Opened("success", payload=payload, prefix=self._prefix(steps))

    def payload_of(self, operation: str | None) -> Callable[..., Any]:
        """A function giving a body's success payload, or MISSING for any other body (an
        in-band error, an unknown envelope, an embedded document that is not JSON): what
        :meth:`open` finds for a success, with the rules and pointers of one operation
        resolved once."""
        steps = self.payload_steps(operation)
        if steps is None:
            return lambda body, screened=False: MISSING
        if any(step.xml for pointer in (steps, *(at for rule in self._rules_for(operation)
                                                 for at, _ in rule.when),
                                        *(at for at, _ in self._success))
               for step in pointer):
            # XML inside a string (rare): read the way open() reads it
            def through_open(body: Any, screened: bool = False) -> Any:
                opened = self.open(body, operation)
                return opened.payload if opened.kind == "success" else MISSING
            return through_open
        documents: dict[tuple[Step, ...], int] = {}  # embedded documents, numbered

        def condition(steps: tuple[Step, ...], test: Condition) -> _Condition:
            if _wild(steps):  # rare (JD's apiResult): the general way, parsing as it goes
                return None, (), _anywhere(steps, test), _GENERAL
            top = steps[0].key if len(steps) == 1 and not steps[0].embedded else None
            return top, _compiled(steps, documents), _test(test), _kind(test)

        rules = [tuple(condition(at, c) for at, c in rule.when)
                 for rule in self._rules_for(operation)]
        success = [condition(at, c) for at, c in self._success]
        path = _compiled(steps, documents)

        def payload(body: Any, screened: bool = False) -> Any:
            # screened: loads_json_screened said so of the body (for the default depth limit),
            # so the documents embedded in it need no screen of their own
            memo: dict[int, Any] = {}
            loads = loads_embedded if screened else loads_json
            keyed = isinstance(body, dict)  # top-level keys (the usual case) are looked up
            try:
                for when in rules:
                    for top, at, test, _ in when:
                        if not test(body if not at and top is None else
                                    body.get(top, MISSING) if keyed and top is not None
                                    else _at(body, at, memo, loads)):
                            break
                    else:
                        return MISSING  # an in-band error
                for top, at, test, _ in success:
                    if not test(body.get(top, MISSING) if keyed and top is not None
                                else _at(body, at, memo, loads)):
                        return MISSING
                return _at(body, path, memo, loads)
            except _NotJson:
                return MISSING

        return _shortcut(rules, success, path, payload) or payload

    def text_booleans(self, body: Any, operation: str | None) -> list[str]:
        """Each condition comparing a boolean that met the text spelling it (``"true"`` where
        the rule says ``equals = true``): said in the hint of an unknown envelope, never read
        as the boolean (a text where a boolean was is the type drift verify exists to see)."""
        memo: dict[tuple[Step, ...], Any] = {}
        conditions: list[tuple[Condition, str | None]] = [
            (c, None) for c in self.settings.success_when]
        key = self._key(operation) if operation is not None else None
        conditions += [(c, key) for rule in self.settings.errors for c in rule.when]
        said: list[str] = []
        for condition, filled in conditions:
            expected = condition.equals if "equals" in condition.model_fields_set else \
                condition.not_equals
            pointer = _fill(condition.pointer, filled)
            if not isinstance(expected, bool) or pointer is None or TEMPLATE in pointer:
                continue
            steps = parse(pointer)
            if _wild(steps):
                continue
            try:
                value = resolve(body, steps, memo)
            except EmbeddedUnreadable:
                continue
            text = f"{pointer} is the text {value!r}, but the rules compare it with a boolean"
            if isinstance(value, str) and value.strip().lower() in ("true", "false") and \
                    text not in said:
                said.append(text)
        return said

    def expected(self, operation: str | None) -> str:
        """A readable description of both envelopes, for ``response.unknown-envelope``."""
        steps = self.payload_steps(operation)
        success = f"a payload at {format_steps(steps) or '/'}" if steps is not None else \
            "a payload named after the operation"
        key = self._key(operation) if operation is not None else None
        rules = [" and ".join(_say(c, key) for c in rule.when) for rule in self.settings.errors]
        errors = f", or an error ({'; or '.join(rules)})" if rules else ""
        conditions = " and ".join(_say(c) for c in self.settings.success_when)
        return success + (f" with {conditions}" if conditions else "") + errors


# A pointer compiled for one envelope: (key, its index when it is one, the number of the
# embedded document it opens or -1).
_Path = tuple[tuple[str, int, int], ...]


# (the key when the pointer is one top-level key, the pointer, the test)
_Condition = tuple[str | None, _Path, Callable[[Any], bool], tuple[int, Any]]

# How the shortcut tests a value in place, as the test answers: (kind, operand). Kinds: 0 call
# the test; 1 equals a boolean (the value is it); 2 and 3 equals and not_equals a text (on a
# str: == and !=).
_GENERAL = (0, None)


def _kind(condition: Condition) -> tuple[int, Any]:
    """The (kind, operand) ``_test(condition)`` answers like (see ``_shortcut``)."""
    if condition.present is not None:
        return _GENERAL
    if "equals" in condition.model_fields_set:
        equals = condition.equals
        if isinstance(equals, bool):
            return 1, equals
        return (2, equals) if isinstance(equals, str) else _GENERAL
    differs = condition.not_equals
    return (3, differs) if isinstance(differs, str) else _GENERAL


def _compiled(steps: tuple[Step, ...], documents: dict[tuple[Step, ...], int]) -> _Path:
    out = []
    for index, step in enumerate(steps):
        number = -1
        if step.embedded:
            number = documents.setdefault(steps[: index + 1], len(documents))
        position = int(step.key) if step.key.isdigit() and step.key.isascii() else -1
        out.append((step.key, position, number))
    return tuple(out)


def _at(body: Any, path: _Path, memo: dict[int, Any],
        loads: Callable[[str], Any] = loads_json) -> Any:
    """:func:`resolve` along a compiled pointer; raises _NotJson where it raises
    EmbeddedNotJson."""
    node = body
    for key, index, number in path:
        if number >= 0 and number in memo:
            node = memo[number]
            continue
        if isinstance(node, dict):
            node = node.get(key, MISSING)
        elif isinstance(node, list) and 0 <= index < len(node):
            node = node[index]
        else:
            return MISSING
        if node is MISSING:
            return MISSING
        if number >= 0:
            if not isinstance(node, str):
                raise _NotJson
            try:
                node = memo[number] = loads(node)
            except ValueError:
                raise _NotJson from None
    return node


def _shortcut(rules: list[tuple[_Condition, ...]], success: list[_Condition], path: _Path,
              general: Callable[[Any, bool], Any]) -> Callable[..., Any] | None:
    """``payload_of``'s function, without a loop over pointer steps for a dict body (any other
    body goes to ``general``), for the usual envelopes; None for the others.

    Two shapes: every condition reads a top-level key and so does the payload pointer; or the
    payload is a key of the one JSON document embedded at a top-level key, and every condition
    reads a top-level key or a key of that document. In the second, a body whose document is
    absent, not JSON or not an object has no payload whatever the conditions say, so the
    document is read first.
    """
    if len(path) == 1 and path[0][2] < 0:  # the payload is a top-level key
        document: tuple[str, int, int] | None = None
    elif len(path) == 2 and path[0][2] >= 0 and path[1][2] < 0 and path[1][1] < 0:
        document = path[0]  # the payload is a (non-numeric) key of an embedded document
    else:
        return None

    def keyed(top: str | None, at: _Path) -> tuple[bool, str] | None:
        """(inside the document?, key) of a condition's pointer; None: another shape."""
        if top is not None:
            return False, top
        if document is not None and len(at) == 2 and at[0] == document and at[1][2] < 0 \
                and at[1][1] < 0:
            return True, at[1][0]
        return None

    compiled: list[list[tuple[bool, str, Callable[[Any], bool], int, Any]]] = []
    for when in [*rules, *([condition] for condition in success)]:
        conditions = []
        for top, at, test, (kind, operand) in when:
            found = keyed(top, at)
            if found is None:
                return None
            conditions.append((*found, test, kind, operand))
        compiled.append(conditions)
    errors, required = compiled[:len(rules)], [c[0] for c in compiled[len(rules):]]
    key = path[-1][0]

    if document is None:
        def top_level(body: Any, screened: bool = False) -> Any:
            if not isinstance(body, dict):
                return general(body, screened)
            for when in errors:
                for _, name, test, kind, operand in when:
                    value = body.get(name, MISSING)
                    if not (value is operand if kind == 1 else (  # (see _kind)
                            value == operand if kind == 2 else value != operand)
                            if kind and type(value) is str else test(value)):
                        break
                else:
                    return MISSING  # an in-band error
            for _, name, test, kind, operand in required:
                value = body.get(name, MISSING)
                if not (value is operand if kind == 1 else (
                        value == operand if kind == 2 else value != operand)
                        if kind and type(value) is str else test(value)):
                    return MISSING
            return body.get(key, MISSING)

        return top_level
    outer = document[0]

    def embedded(body: Any, screened: bool = False) -> Any:
        if not isinstance(body, dict):
            return general(body, screened)
        text = body.get(outer)
        if not isinstance(text, str):
            return MISSING  # absent, or not a string holding JSON
        # read in one compiled call when it needs no question (what loads_embedded and
        # loads_json answer then), else by them
        read = _READ(text, DEFAULT_MAX_DEPTH, False) if _READ is not None else None
        if read is not None:
            inner = read[0]
        else:
            try:
                inner = loads_embedded(text) if screened else loads_json(text)
            except ValueError:
                return MISSING
        if not isinstance(inner, dict):
            return MISSING
        for when in errors:
            for inside, name, test, kind, operand in when:
                value = (inner if inside else body).get(name, MISSING)
                if not (value is operand if kind == 1 else (  # (see _kind)
                        value == operand if kind == 2 else value != operand)
                        if kind and type(value) is str else test(value)):
                    break
            else:
                return MISSING  # an in-band error
        for inside, name, test, kind, operand in required:
            value = (inner if inside else body).get(name, MISSING)
            if not (value is operand if kind == 1 else (
                    value == operand if kind == 2 else value != operand)
                    if kind and type(value) is str else test(value)):
                return MISSING
        return inner.get(key, MISSING)

    return embedded


def _fill(pointer: str | None, key: str | None) -> str | None:
    if pointer is None or key is None:
        return pointer
    return pointer.replace(TEMPLATE, key)


class _Rule(NamedTuple):
    """An error rule with its pointers filled in for one operation."""

    when: tuple[tuple[tuple[Step, ...], Condition], ...]
    code: str | None
    sub_code: str | None
    message: str | None
    sub_message: str | None
    at: str


def _error(body: Any, rule: _Rule, memo: dict[tuple[Step, ...], Any],
           bound: tuple[Step, ...]) -> InBandError:
    def at(pointer: str | None) -> Any:
        if pointer is None:
            return None
        steps = parse(pointer)
        try:
            if _wild(steps):
                steps = _bind(steps, bound)
                if _wild(steps):
                    value = next((v for _, v in _places(body, steps, (), memo)), MISSING)
                else:
                    value = resolve(body, steps, memo)
            else:
                value = resolve(body, steps, memo)
        except EmbeddedUnreadable:
            return None
        return None if value is MISSING else value

    where = format_steps(bound) if _wild(parse(rule.at)) and bound else rule.at
    return InBandError(code=at(rule.code), sub_code=at(rule.sub_code), message=at(rule.message),
                       sub_message=at(rule.sub_message), at=where)


def _say(condition: Condition, key: str | None = None) -> str:
    pointer = _fill(condition.pointer, key)
    if condition.present is not None:
        return f"{pointer} {'present' if condition.present else 'absent'}"
    if "equals" in condition.model_fields_set:
        return f"{pointer} = {condition.equals!r}"
    return f"{pointer} ≠ {condition.not_equals!r}"
