"""One compiled jsonschema-rs validator per contract, shared by all of its payload schemas.

jsonschema-rs compiles a schema together with everything its ``$ref``s reach, and shares
compiled nodes only inside one validator. A validator per response schema therefore compiles
the same components again for every operation: on a spec whose components all reach each other
(Stripe's expandable fields) each one holds most of the spec, and memory grows with operations.

Here every payload schema of a contract is a property of one wrapper schema,
``{"properties": {"s0": <schema 0>, "s1": <schema 1>, ...}}``, compiled once: each component is
compiled once, wherever it is referenced from, and memory grows with the distinct schemas. A
:class:`SchemaValidator` validates ``{"s7": instance}`` with it, which is exactly validating
``instance`` against schema 7 (jsonschema-rs dispatches a large ``properties`` through a hash
map), and reports errors as schema 7's own validator would: the wrapper's leading instance-path
token and ``properties/s7`` schema-path prefix are taken off.

Compiling is lazy: nothing is compiled until a payload is first validated, and then every
schema the contract knows at that moment is compiled in one go (for a large spec this costs
about what compiling one response schema with its closure costs). A schema the contract learns
of later (a root asked for afterwards) compiles everything again, once, into a new wrapper. If
the wrapper does not compile (a broken schema somewhere), each schema is compiled on its own as
it is needed, so an error names the schema that has it, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from seamguard.errors import ContractError

__all__ = ["SchemaValidator", "SharedValidators"]

# compile(schema) -> a jsonschema-rs validator; ContractError for a schema that cannot compile
Compile = Callable[[dict[str, Any]], Any]


class SchemaValidator:
    """The validator of one schema: ``is_valid`` and ``iter_errors`` as jsonschema-rs has them."""

    __slots__ = ("_key", "_pool", "_validator", "schema")

    def __init__(self, pool: SharedValidators, key: str, schema: dict[str, Any]) -> None:
        self._pool = pool
        self._key: str | None = key  # None: compiled on its own (the shared one failed)
        self._validator: Any = None
        self.schema = schema

    def is_valid(self, instance: Any) -> bool:
        validator = self._validator
        if validator is None:
            validator = self._pool.compile_for(self)
        key = self._key
        return bool(validator.is_valid(instance if key is None else {key: instance}))

    def compiled(self) -> tuple[Callable[[Any], bool], str | None] | None:
        """Once compiled: the compiled validator's ``is_valid`` and the key its instance is
        wrapped in (None: not wrapped), for callers that validate in a loop. It keeps
        answering for this schema even after the contract compiles a new shared wrapper."""
        validator = self._validator
        return None if validator is None else (validator.is_valid, self._key)

    def iter_errors(self, instance: Any) -> Iterator[Any]:
        validator = self._validator
        if validator is None:
            validator = self._pool.compile_for(self)
        key = self._key
        if key is None:
            yield from validator.iter_errors(instance)
            return
        for error in validator.iter_errors({key: instance}):
            yield _Unwrapped(error, key)


class SharedValidators:
    """The shared compiled validator of one contract's schemas, and a handle per schema.

    Args:
        compile: Compiles a schema with the contract's registry (raises ContractError).
        known: The schemas to compile together (called when compiling: the contract may have
            learnt of more since the last time).
    """

    def __init__(self, compile: Compile, known: Callable[[], list[dict[str, Any]]]) -> None:
        self._compile = compile
        self._known = known
        self._handles: dict[int, SchemaValidator] = {}
        self._shared = True
        self.compiles = 0  # how many wrappers were compiled (for tests and benchmarks)

    def validator(self, schema: dict[str, Any]) -> SchemaValidator:
        """The validator of ``schema`` (a handle: it compiles on its first use)."""
        handle = self._handles.get(id(schema))
        if handle is None:
            # The handle keeps the schema alive, so its id is not reused while it is cached.
            handle = SchemaValidator(self, f"s{len(self._handles)}", schema)
            self._handles[id(schema)] = handle
        return handle

    def compile_for(self, handle: SchemaValidator) -> Any:
        """Compile what ``handle`` needs (with every other known schema) and return it."""
        if self._shared:
            for schema in self._known():
                self.validator(schema)
            handles = list(self._handles.values())
            wrapper = {"properties": {h._key: h.schema for h in handles if h._key is not None}}
            try:
                compiled = self._compile(wrapper)
            except ContractError:  # a broken schema: find it by compiling each on its own
                self._shared = False
            else:
                self.compiles += 1
                for other in handles:
                    if other._key is not None:
                        other._validator = compiled
                return compiled
        # Each schema on its own: the error (if any) is about this schema, as it always was.
        handle._validator = self._compile(handle.schema)
        handle._key = None
        return handle._validator


class _Unwrapped:
    """An error of the shared validator as the schema's own validator reports it."""

    __slots__ = ("_error", "_key")

    def __init__(self, error: Any, key: str) -> None:
        self._error = error
        self._key = key

    @property
    def instance_path(self) -> list[Any]:
        return list(self._error.instance_path)[1:]

    @property
    def schema_path(self) -> list[Any]:
        path = list(self._error.schema_path)
        if path[:2] == ["properties", self._key]:
            return path[2:]
        return path

    @property
    def kind(self) -> Any:
        return _UnwrappedKind(self._error.kind, self._key)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._error, name)


class _UnwrappedKind:
    __slots__ = ("_key", "_kind")

    def __init__(self, kind: Any, key: str) -> None:
        self._kind = kind
        self._key = key

    @property
    def context(self) -> list[list[Any]]:
        return [[_Unwrapped(error, self._key) for error in branch]
                for branch in getattr(self._kind, "context", None) or []]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._kind, name)
