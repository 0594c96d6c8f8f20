"""Compile a mapping spec once, then apply it to records fast, or explain it step by step.

Compilation binds every transform's parameters, builds the path getters and orders rules so a
rule reading ``$target.x`` runs after the rule writing ``x``. Applying a record is then a loop
over prepared functions: no spec is interpreted per record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from seamguard.contracts.refs import set_at
from seamguard.errors import UsageError
from seamguard.mapping.paths import TARGET_PREFIX, compile_getter, parse_path
from seamguard.mapping.spec import FieldRule, MappingSpec

__all__ = [
    "CompiledMapping", "CompiledRule", "Problem", "RuleTrace", "compile_mapping", "compile_rule",
]

Fn = Callable[[Any], Any]


class MappingCycleError(UsageError):
    """Rules read each other's targets in a circle."""


@dataclass(frozen=True)
class Problem:
    """A record the mapping could not turn into a target value."""

    rule: int  # index into spec.fields (top level)
    target: str
    code: str  # mapping.transform-failed | mapping.enum-unmapped | mapping.missing-required
    message: str
    value: Any = None


@dataclass
class RuleTrace:
    """What one rule did to one record (for ``map explain``)."""

    rule: int
    target: str
    sources: list[str]
    raw: Any
    steps: list[tuple[str, Any]] = field(default_factory=list)
    output: Any = None
    error: str | None = None


class _Rule:
    """One compiled rule: getter, bound steps, enum map and target path."""

    def __init__(self, index: int, rule: FieldRule, spec: MappingSpec,
                 base_dir: Path | None) -> None:
        from seamguard.mapping.transforms import TRANSFORMS

        self.index = index
        self.rule = rule
        try:
            self.target_keys = parse_path(rule.target)
        except ValueError as exc:
            raise UsageError(f"field {rule.target!r}: {exc}", pointer=f"/fields/{index}/target",
                             hint="a target is a dotted path such as customer.phone") from None
        self.reads_target = [s[len(TARGET_PREFIX):] for s in rule.sources
                             if s.startswith(TARGET_PREFIX)]
        try:
            getters = [self._getter(source) for source in rule.sources]
        except ValueError as exc:
            raise UsageError(f"field {rule.target!r}: {exc}", pointer=f"/fields/{index}/source",
                             hint="a source is a dotted path such as customer.phone, "
                                  "line_items[].sku or $target.amount") from None
        if rule.constant is not None:
            constant = rule.constant
            self.get: Callable[[Any, dict[str, Any]], Any] = lambda record, out: constant
        elif len(getters) == 1:
            only = getters[0]
            self.get = only
        else:
            self.get = lambda record, out: [g(record, out) for g in getters]
        self.steps: list[tuple[str, Fn]] = []
        for position, (name, params) in enumerate(rule.steps()):
            try:
                bound = TRANSFORMS.get(name).bind(params, base_dir=base_dir)
            except UsageError as exc:
                raise UsageError(f"field {rule.target!r}, transform {name!r}: {exc.message}",
                                 pointer=f"/fields/{index}/transforms/{position}",
                                 hint=exc.hint or f"`seamguard map transforms` lists what "
                                                  f"{name!r} takes", file=exc.file) from None
            self.steps.append((name, bound))
        self.enum = spec.enums[rule.enum] if rule.enum else None
        self.enum_name = rule.enum
        self.each = [_Rule(i, sub, spec, base_dir) for i, sub in enumerate(rule.each or [])]
        self.items = [[_Rule(i, sub, spec, base_dir) for i, sub in enumerate(group)]
                      for group in rule.items or []]

    @staticmethod
    def _getter(source: str) -> Callable[[Any, dict[str, Any]], Any]:
        if source.startswith(TARGET_PREFIX):
            read = compile_getter(source[len(TARGET_PREFIX):])
            return lambda record, out: read(out)
        read_source = compile_getter(source)
        return lambda record, out: read_source(record)

    def run(self, record: Any, out: dict[str, Any], problems: list[Problem],
            trace: RuleTrace | None = None) -> Any:
        if self.items:
            value: Any = [self._build(group, record, problems) for group in self.items]
        else:
            value = self.get(record, out)
        if trace is not None:
            trace.raw = value
        for name, fn in self.steps:
            try:
                value = fn(value)
            except ValueError as exc:  # TransformError is a ValueError
                problems.append(Problem(self.index, self.rule.target, "mapping.transform-failed",
                                        f"transform {name!r} failed: {exc}", value))
                if trace is not None:
                    trace.error = f"{name}: {exc}"
                return None
            if trace is not None:
                trace.steps.append((name, value))
        if self.each and isinstance(value, list):
            value = [self._apply_each(item, problems) for item in value]
            if trace is not None:
                trace.steps.append(("each", value))
        if self.enum is not None and value is not None:
            value = self._map_enum(value, problems)
            if trace is not None:
                trace.steps.append((f"enum {self.enum_name}", value))
        if (value is None or value == "") and self.rule.default is not None:
            value = self.rule.default
            if trace is not None:
                trace.steps.append(("default", value))
        if value is None and self.rule.required:
            problems.append(Problem(self.index, self.rule.target, "mapping.missing-required",
                                    f"required target field {self.rule.target!r} got no value"))
        return value

    def _apply_each(self, item: Any, problems: list[Problem]) -> dict[str, Any]:
        return self._build(self.each, item, problems)

    @staticmethod
    def _build(rules: list[_Rule], record: Any, problems: list[Problem]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for sub in rules:
            value = sub.run(record, out, problems)
            if value is not None:
                set_at(out, sub.target_keys, value)
        return out

    def _map_enum(self, value: Any, problems: list[Problem]) -> Any:
        enum = self.enum or {}
        if isinstance(value, dict | list):  # a record shaped other than the contract says
            problems.append(Problem(
                self.index, self.rule.target, "mapping.enum-unmapped",
                f"enum map {self.enum_name!r} maps single values, got "
                f"{'an array' if isinstance(value, list) else 'an object'}", value))
            return None
        if value in enum:
            return enum[value]
        if str(value) in enum:
            return enum[str(value)]
        problems.append(Problem(
            self.index, self.rule.target, "mapping.enum-unmapped",
            f"enum map {self.enum_name!r} has no entry for {value!r} "
            f"(it maps: {', '.join(map(str, enum))})", value))
        return None


class CompiledMapping:
    """A mapping ready to apply: rules in dependency order."""

    def __init__(self, spec: MappingSpec, rules: list[_Rule]) -> None:
        self.spec = spec
        self.rules = rules

    def apply(self, record: Any) -> tuple[dict[str, Any], list[Problem]]:
        """The target record and the problems met building it."""
        out: dict[str, Any] = {}
        problems: list[Problem] = []
        for rule in self.rules:
            value = rule.run(record, out, problems)
            if value is not None:
                set_at(out, rule.target_keys, value)
        return out, problems

    def explain(self, record: Any) -> tuple[dict[str, Any], list[RuleTrace], list[Problem]]:
        """Like ``apply``, recording each rule's raw value and every step's output."""
        out: dict[str, Any] = {}
        problems: list[Problem] = []
        traces = []
        for rule in self.rules:
            trace = RuleTrace(rule.index, rule.rule.target, rule.rule.sources, raw=None)
            value = rule.run(record, out, problems, trace)
            trace.output = value
            if value is not None:
                set_at(out, rule.target_keys, value)
            traces.append(trace)
        traces.sort(key=lambda t: t.rule)
        return out, traces, problems


def compile_mapping(spec: MappingSpec, *, base_dir: Path | None = None) -> CompiledMapping:
    """Bind transforms and order rules; UsageError for unknown transforms, bad params or cycles."""
    rules = [_Rule(index, rule, spec, base_dir) for index, rule in enumerate(spec.fields)]
    return CompiledMapping(spec, _ordered(rules))


CompiledRule = _Rule


def compile_rule(spec: MappingSpec, index: int, rule: FieldRule, *,
                 base_dir: Path | None = None) -> CompiledRule:
    """One rule of ``spec`` compiled alone (a changed rule run against a compiled mapping);
    UsageError for unknown transforms or bad parameters."""
    return _Rule(index, rule, spec, base_dir)


def _ordered(rules: list[_Rule]) -> list[_Rule]:
    """Rules reading ``$target.x`` after the rule writing ``x``; a cycle is an error."""
    by_target = {rule.rule.target: rule for rule in rules}
    ordered: list[_Rule] = []
    state: dict[int, str] = {}

    def visit(rule: _Rule, chain: list[str]) -> None:
        mark = state.get(rule.index)
        if mark == "done":
            return
        if mark == "active":
            cycle = [*chain[chain.index(rule.rule.target):], rule.rule.target]
            raise MappingCycleError(
                f"rules read each other's targets in a circle: {' -> '.join(cycle)}",
                pointer=f"/fields/{rule.index}/source",
                hint="one of these rules must read the source record instead",
            )
        state[rule.index] = "active"
        for name in rule.reads_target:
            dependency = by_target.get(name)
            if dependency is None:
                raise UsageError(
                    f"field {rule.rule.target!r} reads $target.{name}, which no rule writes",
                    pointer=f"/fields/{rule.index}/source",
                    hint="write that target field first, or read the source record",
                )
            visit(dependency, [*chain, rule.rule.target])
        state[rule.index] = "done"
        ordered.append(rule)

    for rule in rules:
        visit(rule, [])
    return ordered
