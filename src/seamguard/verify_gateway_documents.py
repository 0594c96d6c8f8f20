"""What a gateway plan proves clean with: a schema with its embedded-document sites
(:class:`PlanDocument`), and a call's business parameters against the request schema
(:class:`PlanRequest`). Each answers "clean" only when the full check would find nothing, and
False (ask the full check) otherwise."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import orjson

from seamguard.contracts.compiled import SchemaValidator
from seamguard.contracts.embedded import Inner, Site, inner, sites_of
from seamguard.contracts.forms import form_types
from seamguard.contracts.forms import typed_coerce as coerce
from seamguard.contracts.id_precision import (
    may_hold_lossy,
    text_may_hold_lossy,
    twin_problems,
    twins_of,
    wants_integers,
)
from seamguard.contracts.model import Contract, SchemaRef
from seamguard.contracts.validation import violations_of
from seamguard.document_scan import documents
from seamguard.documents import DEFAULT_MAX_DEPTH, loads_embedded, loads_json
from seamguard.wire.requests import BodyProblem, Params

__all__ = ["PlanDocument", "PlanRequest"]

# The compiled loop over an embedded-document site's texts (None: the Python loop alone, which
# gives the same answers; the compiled one only ever answers "clean" or "ask the loop").
_DOCUMENTS = documents


class PlanDocument:
    """A payload schema with its embedded-document sites: ``clean(instance)`` is
    ``not violations(contract, ref, instance)`` for the instances it accepts, and False
    (ask the full check) for the rest."""

    __slots__ = (
        "check",
        "contract",
        "inner",
        "integers",
        "key",
        "numbers",
        "schema",
        "sites",
        "twins",
        "validator",
        "xml",
    )

    def __init__(self, contract: Contract, validator: Any,
                 sites: tuple[tuple[Site, Inner], ...], schema: Any = None,
                 xml: bool = False) -> None:
        self.contract = contract
        self.validator = validator
        self.schema = schema  # the payload schema itself, to type an XML-derived payload by
        self.xml = xml  # the answer is XML
        # numbers and their text twins (tid, tid_str) to compare
        self.twins = twins_of(contract, schema) if schema is not None else ()
        # (the one field holding JSON, or None: the site's path; the path; the inner schema;
        # its validator as a PlanDocument; whether a valid document still takes the exact
        # check, for its own sites or its text twins)
        self.sites = tuple(
            (site.path[0] if len(site.path) == 1 and isinstance(site.path[0], str) else None,
             _walker(site.path), compiled, document, bool(compiled.sites or document.twins))
            for site, compiled in sites
            for document in (PlanDocument(contract, compiled.validator, (), compiled.schema),))
        # can the schema want an integer anywhere (a float there may have lost digits)?
        self.integers = schema is None or wants_integers(contract, schema)
        # The compiled validator's is_valid and its key, once the first call compiled it:
        # validating through them skips a Python call per document.
        self.check: Callable[[Any], bool] | None = None
        self.key: str | None = None
        self.inner = bool(sites)
        # is a float beyond 2^53 looked for in it or in a document inside it?
        self.numbers = self.integers or any(site[3].integers for site in self.sites)

    @classmethod
    def of(cls, contract: Contract, ref: SchemaRef, xml: bool = False) -> PlanDocument:
        return cls(contract, contract.validator(ref),
                   tuple((site, inner(contract, site.schema)) for site in sites_of(contract, ref)),
                   contract.schema(ref), xml)

    def valid(self, instance: Any) -> bool:
        """``validator.is_valid(instance)``, binding the compiled validator the first time."""
        valid = bool(self.validator.is_valid(instance))
        bound = self.validator.compiled() if isinstance(self.validator, SchemaValidator) \
            else None
        if bound is not None:
            self.check, self.key = bound
        return valid

    def clean(self, instance: Any, screened: bool = False, typed_text: bool = False,
              lossless: bool = False) -> bool:
        """``screened``: the instance was read by ``loads_json_screens``, which said so (for
        the default depth limit): its embedded documents need no screen of their own.
        ``typed_text``: its values are form text typed by the schema, which makes a float only
        where the schema allows any number (so none can be an integer that lost digits).
        ``lossless``: ``loads_json_screens`` also said that neither it nor the documents inside
        its strings can hold a float beyond 2^53."""
        check = self.check
        if check is None:
            if not self.valid(instance):
                return False
        elif not check(instance if self.key is None else {self.key: instance}):
            return False
        if self.twins and twin_problems(self.twins, instance):
            return False
        if self.integers and not typed_text and not lossless and may_hold_lossy(instance):
            return False  # the full check says whether the schema wants an integer there
        if not self.inner:
            return True
        loads = loads_embedded if screened else loads_json
        for field, walk, compiled, document, exact in self.sites:
            if field is not None:  # one field holding JSON
                if not isinstance(instance, dict) or field not in instance:
                    continue
                values: Any = (instance[field],)
            else:
                values = walk(instance)
            integers = document.integers and not lossless
            check = document.check
            if check is not None and not exact and _DOCUMENTS is not None and _DOCUMENTS(
                    values, orjson.loads, check, document.key, screened, DEFAULT_MAX_DEPTH,
                    integers):
                continue  # every document read, screened and valid in one compiled call
            for value in values:
                if not isinstance(value, str):
                    continue  # the outer schema says what is wrong with it
                try:
                    parsed = loads(value)
                except ValueError:
                    return False
                check = document.check
                if check is None:
                    valid = document.valid(parsed)
                else:
                    key = document.key
                    valid = check(parsed if key is None else {key: parsed})
                if (exact or not valid or (integers and text_may_hold_lossy(value))) and \
                        violations_of(self.contract, compiled, parsed):
                    return False
        return True


def _walker(path: tuple[Any, ...]) -> Callable[[Any], list[Any]]:
    """``_values`` for one path, compiled: a path of names around one ``ANY`` (TOP's
    ``trades/trade/*/trade_attr``) is walked with plain loops."""
    wild = [index for index, token in enumerate(path) if not isinstance(token, str | int)]
    if len(wild) != 1 or any(isinstance(token, int) for token in path):
        return partial(_values, path)
    before, token, after = path[:wild[0]], path[wild[0]], path[wild[0] + 1:]
    declared = token.declared

    def values(node: Any) -> list[Any]:
        for key in before:
            if not isinstance(node, dict) or key not in node:
                return []
            node = node[key]
        if isinstance(node, list):
            items = node
        elif isinstance(node, dict):
            items = [v for k, v in node.items() if k not in declared]
        else:
            return []
        if not after:
            return list(items)
        found = []
        for item in items:
            for key in after:
                if not isinstance(item, dict) or key not in item:
                    break
                item = item[key]
            else:
                found.append(item)
        return found

    return values


def _values(path: tuple[Any, ...], instance: Any) -> list[Any]:
    """The values ``Site.values`` finds, without their paths."""
    nodes = [instance]
    for token in path:
        if isinstance(token, str):
            nodes = [node[token] for node in nodes if isinstance(node, dict) and token in node]
        elif isinstance(token, int):
            nodes = [node[token] for node in nodes
                     if isinstance(node, list) and token < len(node)]
        else:
            following: list[Any] = []
            for node in nodes:
                if isinstance(node, list):
                    following.extend(node)
                elif isinstance(node, dict):
                    declared = token.declared
                    following.extend(v for k, v in node.items() if k not in declared)
            nodes = following
        if not nodes:
            break
    return nodes


class PlanRequest:
    """How a call's business parameters are checked (for one request Content-Type)."""

    __slots__ = ("common", "document", "form", "packed", "typed")

    def __init__(self, contract: Contract, ref: SchemaRef, form: bool,
                 common: frozenset[str], packed: str | None = None) -> None:
        self.form = form
        self.common = common
        # the business-parameter string the schema describes the inside of: the full check
        # reads it (RequestChecks._packed)
        self.packed = packed
        self.typed = form_types(contract, ref) if form else {}
        self.document = PlanDocument.of(contract, ref)

    def clean(self, params: Params, merged: dict[str, str] | None = None) -> bool:
        """``merged``: ``params.merged()``, when the caller has read it already."""
        try:
            if self.form:
                common, typed = self.common, self.typed
                if merged is None:
                    merged = params.merged()
                if self.packed is not None and self.packed in merged:
                    return False
                if typed:
                    instance: Any = {k: coerce(v, typed[k]) if k in typed else v
                                     for k, v in merged.items() if k not in common}
                else:
                    instance = {k: v for k, v in merged.items() if k not in common}
            else:
                instance = params.business_json(self.common)
                if instance is None:
                    return True
        except BodyProblem:
            return False
        return self.document.clean(instance, typed_text=self.form)
