"""Static mapping lint: is the mapping table consistent with both contracts, before data flows?

Every source path exists in the source schema; every target path in the target schema; every
target field the target schema requires is produced; each transform pipeline type-checks from
the source field's type to the target field's; enum maps are total over the source enum;
personal data is masked unless its destination is allowed. Findings point at the mapping file
and line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.model import Contract
from seamguard.contracts.validation import json_type
from seamguard.errors import UsageError
from seamguard.findings import Finding, Location, Severity
from seamguard.mapping.paths import TARGET_PREFIX, parse_path
from seamguard.mapping.shapes import Shape, navigate, shape_of
from seamguard.mapping.spec import FieldRule, LoadedMapping

__all__ = ["CHECK_ID", "lint_mapping"]

CHECK_ID = "mapping"
_ERROR, _WARNING = Severity.ERROR, Severity.WARNING
_NUMERIC = {"integer", "number"}
_CHECKED_FORMATS = frozenset({"date-time", "date", "email"})
# Steps that leave a value's format as it was (a trimmed date-time is still a date-time).
_FORMAT_KEEPING = frozenset({"trim", "strip_chars", "default", "coalesce", "lower", "truncate"})


class _Linter:
    def __init__(self, mapping: LoadedMapping, source: Contract, target: Contract,
                 base_dir: Path) -> None:
        self.mapping = mapping
        self.base_dir = base_dir
        self.spec = mapping.spec
        self.source = source
        self.target = target
        self.source_root = source.schema(source.root(self.spec.source.schema_))
        self.target_root = target.schema(target.root(self.spec.target.schema_))
        self.findings: list[Finding] = []
        self._format: str | None = None
        # Per rule pointer, the source fields it reads and what their contract says about them.
        self._read_fields: dict[str, list[tuple[str, Shape]]] = {}

    def finding(self, code: str, severity: Severity, pointer: str, message: str, *,
                hint: str | None = None, expected: Any = None, actual: Any = None) -> None:
        self.findings.append(Finding(
            code=code, severity=severity, check=CHECK_ID, message=message, hint=hint,
            expected=expected, actual=actual,
            location=Location(file=self.mapping.display, line=self.mapping.line_of(pointer),
                              pointer=pointer, operation=f"mapping {self.mapping.name}"),
        ))

    def run(self) -> list[Finding]:
        self._rules(self.spec.fields, "/fields", self.source_root, self.target_root, top=True)
        self._required(self.target_root, self.spec.fields, "/fields")
        self._sync()
        return self.findings

    def _sync(self) -> None:
        """Sync rules that contradict the contracts (meaning: docs/sync.md)."""
        version = self.spec.version
        if version is not None:
            shape = self._sync_source(version.field, "/version/field")
            if shape is not None and not _timestamp(shape):
                kind = " or ".join(sorted(shape.types)) or "untyped"
                self.finding(
                    "mapping.version-not-timestamp", _ERROR, "/version/field",
                    f"version field {version.field!r} is {kind}"
                    + (f" ({shape.format})" if shape.format else "")
                    + f" in {self.spec.source.contract}, not a date-time string",
                    expected="string (date-time)", actual=kind,
                    hint="versions order by instant: name the source's updated_at (or "
                         "another date-time); put sequence numbers under tie_break")
            for position, name in enumerate(version.tie_break):
                self._sync_source(name, f"/version/tie_break/{position}")
        sync = self.spec.sync
        if sync is None:
            return
        targets = {rule.target: rule for rule in self.spec.fields}
        for name, policy in sync.conflict.items():
            where = f"/sync/conflict/{name}"
            if name != "*" and name not in targets:
                close = difflib.get_close_matches(name, list(targets), n=1)
                self.finding("mapping.sync-unknown-field", _ERROR, where,
                             f"conflict policy for {name!r}, which no rule writes",
                             hint=f"did you mean {close[0]!r}?" if close else None)
            if policy.policy == "owner" and policy.owner is None:
                self.finding("mapping.sync-bad-policy", _ERROR, where,
                             "policy `owner` needs `owner: source` or `owner: target`")
            if policy.expire_after is not None:
                from seamguard.sync.rules import parse_duration

                if policy.policy != "merge_set" or parse_duration(policy.expire_after) is None:
                    self.finding("mapping.sync-bad-policy", _ERROR, where,
                                 f"expire_after {policy.expire_after!r}: an ISO 8601 duration "
                                 "(P30D, PT12H) on a merge_set policy", actual=policy.expire_after)
        for number, machine in enumerate(sync.state_machines):
            where = f"/sync/state_machines/{number}"
            rule = targets.get(machine.field)
            if rule is None:
                self.finding("mapping.sync-unknown-field", _ERROR, f"{where}/field",
                             f"state machine on {machine.field!r}, which no rule writes")
                continue
            allowed = self._state_values(rule)
            if allowed is None:
                continue
            states = [*machine.initial, *machine.transitions]
            states += [s for targets_ in machine.transitions.values() for s in targets_]
            outside = sorted({s for s in states if s not in allowed})
            if outside:
                self.finding(
                    "mapping.state-not-in-enum", _ERROR, where,
                    f"state machine on {machine.field!r} names {outside}, which the field can "
                    f"never hold (its values: {sorted(allowed)})", expected=sorted(allowed),
                    actual=outside, hint="use the values the enum map (or the target contract's "
                                         "enum) produces")

    def _state_values(self, rule: FieldRule) -> set[str] | None:
        if rule.enum is not None:
            return {str(v) for v in self.spec.enums[rule.enum].values()}
        shape, _, _ = navigate(self.target, self.target_root, parse_path(rule.target)) \
            if _parses(rule.target) else (None, "", [])
        return {str(v) for v in shape.enum} if shape is not None and shape.enum else None

    def _sync_source(self, path: str, pointer: str) -> Shape | None:
        if not _parses(path):
            self.finding("mapping.bad-path", _ERROR, pointer, f"not a field path: {path!r}")
            return None
        shape, missing, known = navigate(self.source, self.source_root, parse_path(path))
        if shape is None:
            close = difflib.get_close_matches(missing, known, n=1)
            self.finding("mapping.unknown-source-field", _ERROR, pointer,
                         f"source path {path!r}: {self.spec.source.contract} has no field "
                         f"{missing!r} there", actual=path,
                         hint=f"did you mean {close[0]!r}?" if close else None)
        return shape

    def _rules(self, rules: list[FieldRule], base: str, source_root: Any, target_root: Any,
               *, top: bool, prefix: str = "") -> None:
        for index, rule in enumerate(rules):
            pointer = f"{base}/{index}"
            source_shape = self._source(rule, pointer, source_root, top=top)
            target_shape = self._target(rule, pointer, target_root)
            result = self._pipeline(rule, pointer, source_shape)
            if target_shape is not None and result is not None:
                self._compatible(rule, pointer, result, target_shape)
            self._enum(rule, pointer, source_shape, target_shape)
            self._pii(rule, pointer, f"{prefix}{rule.target}")
            if rule.each and source_shape is not None and target_shape is not None:
                item_source = source_shape.items if source_shape.items is not None else {}
                item_target = target_shape.items if target_shape.items is not None else {}
                self._rules(rule.each, f"{pointer}/each", item_source, item_target, top=False,
                            prefix=f"{prefix}{rule.target}[].")
                self._required(item_target, rule.each, f"{pointer}/each")
            for number, group in enumerate(rule.items or []):
                item_target = target_shape.items if target_shape is not None else None
                if item_target is None:
                    continue
                where = f"{pointer}/items/{number}"
                self._rules(group, where, source_root, item_target, top=False,
                            prefix=f"{prefix}{rule.target}[].")
                self._required(item_target, group, where)

    def _source(self, rule: FieldRule, pointer: str, root: Any, *, top: bool) -> Shape | None:
        shapes: list[Shape | None] = []
        for position, path in enumerate(rule.sources):
            where = f"{pointer}/source" + (f"/{position}" if isinstance(rule.source, list) else "")
            if path.startswith(TARGET_PREFIX):
                shapes.append(None)
                continue
            try:
                tokens = parse_path(path)
            except ValueError as exc:
                self.finding("mapping.bad-path", _ERROR, where, str(exc))
                continue
            shape, missing, known = navigate(self.source, root, tokens)
            if shape is not None:
                self._read_fields.setdefault(pointer, []).append((path, shape))
            if shape is None:
                close = difflib.get_close_matches(missing, known, n=1)
                self.finding(
                    "mapping.unknown-source-field", _ERROR, where,
                    f"source path {path!r}: {self.spec.source.contract} has no field {missing!r} "
                    "there",
                    hint=f"did you mean {close[0]!r}?" if close else
                    f"fields there: {', '.join(known[:12]) or 'none'}",
                    actual=path,
                )
            shapes.append(shape)
        if rule.constant is not None:
            return _constant_shape(rule.constant)
        if rule.items is not None:
            return Shape(types={"array"})
        if len(shapes) == 1:
            return shapes[0]
        return Shape(types={"array"}) if shapes else None

    def _target(self, rule: FieldRule, pointer: str, root: Any) -> Shape | None:
        try:
            tokens = parse_path(rule.target)
        except ValueError as exc:
            self.finding("mapping.bad-path", _ERROR, f"{pointer}/target", str(exc))
            return None
        shape, missing, known = navigate(self.target, root, tokens)
        if shape is None:
            close = difflib.get_close_matches(missing, known, n=1)
            self.finding(
                "mapping.unknown-target-field", _ERROR, f"{pointer}/target",
                f"target path {rule.target!r}: {self.spec.target.contract} has no field "
                f"{missing!r} there",
                hint=f"did you mean {close[0]!r}?" if close else
                f"fields there: {', '.join(known[:12]) or 'none'}",
                actual=rule.target,
            )
        return shape

    def _pipeline(self, rule: FieldRule, pointer: str, source: Shape | None) -> set[str] | None:
        """The JSON types the pipeline produces, or None when unknown."""
        from seamguard.mapping.transforms import TRANSFORMS

        types: set[str] | None = set(source.types) if source and source.types else None
        self._format = source.format if source else None
        for position, (name, params) in enumerate(rule.steps()):
            where = f"{pointer}/transforms/{position}"
            if name not in TRANSFORMS:
                close = difflib.get_close_matches(name, TRANSFORMS.names(), n=1)
                self.finding(
                    "mapping.unknown-transform", _ERROR, where, f"unknown transform {name!r}",
                    hint=f"did you mean {close[0]!r}?" if close else
                    "`seamguard map transforms` lists them", actual=name,
                )
                return None
            spec = TRANSFORMS.get(name)
            try:
                spec.bind(params, base_dir=self.base_dir)
            except UsageError as exc:
                self.finding("mapping.bad-transform-params", _ERROR, where,
                             f"transform {name!r}: {exc.message}", hint=exc.hint)
                return None
            accepts = set(spec.accepts)
            if types is not None and "any" not in accepts and not types & _widen(accepts):
                self.finding(
                    "mapping.type-mismatch", _ERROR, where,
                    f"transform {name!r} takes {' or '.join(sorted(accepts))}, but gets "
                    f"{' or '.join(sorted(types))} here",
                    expected=sorted(accepts), actual=sorted(types),
                    hint="add a conversion step first (to_string, to_number, ...)",
                )
                return None
            types = None if spec.returns == "any" else {spec.returns}
            if spec.returns_format or name not in _FORMAT_KEEPING:
                self._format = spec.returns_format
        if rule.enum is not None:
            values = list(self.spec.enums[rule.enum].values())
            types = {json_type(v) for v in values} or None
        return types

    def _compatible(self, rule: FieldRule, pointer: str, types: set[str], target: Shape) -> None:
        if target.types and not types & _widen(target.types) and not (
                types == {"integer"} and "number" in target.types):
            self.finding(
                "mapping.type-mismatch", _ERROR, pointer,
                f"rule for {rule.target!r} produces {' or '.join(sorted(types))}, but "
                f"{self.spec.target.contract} expects {' or '.join(sorted(target.types))}",
                expected=sorted(target.types), actual=sorted(types),
                hint="end the pipeline with a conversion (to_string, decimal, ...)",
            )
        names = [name for name, _ in rule.steps()]
        if (target.format in _CHECKED_FORMATS and rule.constant is None and rule.enum is None
                and self._format != target.format):
            self.finding(
                "mapping.format-mismatch", _WARNING, pointer,
                f"{rule.target!r} must be a {target.format!r} string, and nothing in the rule "
                f"makes it one (the value is {self._format or 'unformatted'})",
                expected=target.format, actual=self._format,
                hint={"date-time": "add datetime_utc (with the platform's time zone)",
                      "email": "add the email transform"}.get(target.format),
            )
        if target.max_length and "truncate" not in names:
            self.finding(
                "mapping.may-exceed-length", _WARNING, pointer,
                f"{rule.target!r} holds at most {target.max_length} characters and the rule "
                "does not truncate",
                hint=f"add {{truncate: {{max_length: {target.max_length}}}}}",
            )

    def _enum(self, rule: FieldRule, pointer: str, source: Shape | None,
              target: Shape | None) -> None:
        if rule.enum is None:
            if source and source.enum and target and target.enum:
                extra = [v for v in source.enum if v not in target.enum]
                if extra and not rule.transforms:
                    self.finding(
                        "mapping.enum-not-total", _ERROR, pointer,
                        f"{rule.target!r} accepts {target.enum} but the source can send "
                        f"{extra}", hint="add an enum map", actual=extra)
            return
        mapped = self.spec.enums[rule.enum]
        if source and source.enum:
            missing = [v for v in source.enum if v not in mapped and str(v) not in mapped]
            if missing:
                self.finding(
                    "mapping.enum-not-total", _ERROR, f"/enums/{rule.enum}",
                    f"enum map {rule.enum!r} (used by {rule.target!r}) has no entry for "
                    f"{', '.join(map(repr, missing))} of the source enum",
                    expected=source.enum, actual=list(mapped), hint="map every source value",
                )
        if target and target.enum:
            wrong = [v for v in mapped.values() if v not in target.enum]
            if wrong:
                self.finding(
                    "mapping.enum-target-value", _ERROR, f"/enums/{rule.enum}",
                    f"enum map {rule.enum!r} produces {wrong}, which {rule.target!r} does not "
                    f"accept ({target.enum})", expected=target.enum, actual=wrong,
                )

    def _pii(self, rule: FieldRule, pointer: str, target: str) -> None:
        """Personal data is masked, unless its destination (or a parent of it) is allowed.

        Personal data is what ``pii: true`` says, and also what the source field is by content
        type (``format: email``, a phone- or name-like name, a phone or e-mail in its examples:
        ``seamguard.privacy.classify_field``).
        """
        from seamguard.privacy import PERSONAL_KINDS, classify_field

        detected = None
        if not rule.pii and not rule.constant:
            for path, shape in self._read_fields.get(pointer, []):
                kind = classify_field(path, {"format": shape.format, "examples": shape.examples})
                if kind in PERSONAL_KINDS and (shape.types & {"string", "integer"} or
                                               not shape.types):
                    detected = (path, kind)
                    break
        if not rule.pii and detected is None:
            return
        allowed = self.spec.pii.allowed_destinations
        if any(target == a or target.startswith((f"{a}.", f"{a}[]")) for a in allowed):
            return
        if any(name.startswith("mask") for name, _ in rule.steps()):
            return
        what = "personal data" if detected is None else (
            f"personal data ({detected[1].value.replace('_', ' ')} from {detected[0]!r}, "
            "by its content type)")
        self.finding(
            "mapping.pii-unmasked", _ERROR, pointer,
            f"{target!r} receives {what} unmasked",
            hint="add a mask step (mask_phone, mask_email, mask_name, mask_address, mask), or "
                 "list the field under pii.allowed_destinations if the target may hold it",
        )

    def _required(self, root: Any, rules: list[FieldRule], base: str) -> None:
        shape = shape_of(self.target, root)
        produced = {parse_path(rule.target)[0] for rule in rules if _parses(rule.target)}
        for name in sorted(shape.required - produced):
            self.finding(
                "mapping.required-target-missing", _ERROR, base,
                f"{self.spec.target.contract} requires {name!r}, and no rule produces it",
                expected=name, hint="add a field rule (a constant or a default will do)",
            )


def _timestamp(shape: Shape) -> bool:
    """A date-time string, or a string whose pattern a local timestamp matches."""
    if "string" not in shape.types:
        return False
    if shape.format == "date-time":
        return True
    pattern = shape.pattern
    return pattern is not None and any(re.search(pattern, s) for s in _TIMESTAMP_SAMPLES)


_TIMESTAMP_SAMPLES = ("2024-07-10 10:15:00", "2024-07-10T10:15:00", "2024-07-10T10:15:00+08:00")


def _parses(path: str) -> bool:
    try:
        parse_path(path)
    except ValueError:
        return False
    return True


def _widen(types: set[str] | frozenset[str]) -> set[str]:
    widened = set(types)
    if "number" in widened:
        widened.add("integer")
    return widened


def _constant_shape(value: Any) -> Shape:
    return Shape(types={json_type(value)})


def lint_mapping(mapping: LoadedMapping, catalog: ContractCatalog) -> list[Finding]:
    """Every static problem of one mapping (contracts it names must load)."""
    contracts = []
    for side, endpoint in (("source", mapping.spec.source), ("target", mapping.spec.target)):
        settings = catalog.project.settings.platforms.get(endpoint.platform)
        pointer = f"/{side}/contract"
        if settings is None or endpoint.version not in settings.versions:
            known = [f"{p}@{v}" for p, v in catalog.entries()]
            close = difflib.get_close_matches(endpoint.contract, known, n=1)
            return [_invalid(mapping, pointer,
                             f"{side} contract {endpoint.contract!r} is not configured",
                             f"did you mean {close[0]!r}?" if close else
                             f"configured: {', '.join(known)}")]
        loaded = catalog.load(endpoint.platform, endpoint.version)
        if not isinstance(loaded, Contract):
            return [_invalid(mapping, pointer, f"{side} contract does not load: {loaded.message}",
                             "run `seamguard contract lint`")]
        try:
            loaded.root(endpoint.schema_)
        except UsageError as exc:
            return [_invalid(mapping, f"/{side}/schema", exc.message, exc.hint)]
        contracts.append(loaded)
    return _Linter(mapping, contracts[0], contracts[1], catalog.project.root).run()


def _invalid(mapping: LoadedMapping, pointer: str, message: str, hint: str | None) -> Finding:
    return Finding(code="mapping.invalid", severity=_ERROR, check=CHECK_ID, message=message,
                   hint=hint, location=Location(file=mapping.display, pointer=pointer,
                                                line=mapping.line_of(pointer)))


def iter_rules(rules: list[FieldRule]) -> Iterator[FieldRule]:
    for rule in rules:
        yield rule
        if rule.each:
            yield from iter_rules(rule.each)
