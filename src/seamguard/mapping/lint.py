"""Static mapping lint: is the mapping table consistent with both contracts, before data flows?

Every source path exists in the source schema; every target path in the target schema; every
target field the target schema requires is produced; each transform pipeline type-checks from
the source field's type to the target field's; enum maps are total over the source enum;
personal data is masked unless its destination is allowed. Findings point at the mapping file
and line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.model import Contract
from seamguard.contracts.validation import json_type
from seamguard.errors import UsageError
from seamguard.findings import Finding, Location, Severity
from seamguard.mapping.descriptions import description_at
from seamguard.mapping.lint_endpoints import CHECK_ID, endpoint_contracts, recorded_sources
from seamguard.mapping.lint_enums import enum_key_problems
from seamguard.mapping.lint_local_time import time_problems
from seamguard.mapping.lint_loss import loss_problems
from seamguard.mapping.lint_values import (
    CHINA_TIME_PROTOCOLS,
    FORMAT_SAMPLES,
    enum_map_problem,
    matches,
    max_length_of,
    observed,
    unit_problem,
    written_value_problem,
)
from seamguard.mapping.names import closest, near_miss
from seamguard.mapping.path_hints import path_hint, suggest_path
from seamguard.mapping.paths import EACH, TARGET_PREFIX, compile_getter, parse_path
from seamguard.mapping.rule_graph import rule_cycles
from seamguard.mapping.shapes import Shape, navigate, shape_of
from seamguard.mapping.spec import FieldRule, LoadedMapping
from seamguard.mapping.sync_lint import lint_sync
from seamguard.mapping.version_hints import with_version_hints
from seamguard.project import Settings
from seamguard.regex_limits import sampling
from seamguard.spelling import nearest

__all__ = ["CHECK_ID", "lint_mapping"]

_ERROR, _WARNING = Severity.ERROR, Severity.WARNING
_NUMERIC = {"integer", "number"}
_CHECKED_FORMATS = frozenset({"date-time", "date", "email"})
# Steps that leave a value's format as it was (a trimmed date-time is still a date-time).
_FORMAT_KEEPING = frozenset({"trim", "strip_chars", "default", "coalesce", "lower", "truncate"})


class _Linter:
    def __init__(self, mapping: LoadedMapping, source: Contract, target: Contract,
                 base_dir: Path, settings: Settings) -> None:
        self.mapping = mapping
        self.base_dir = base_dir
        self.settings = settings
        self.spec = mapping.spec
        self.source = source
        self.target = target
        self.source_root = source.schema(source.root(self.spec.source.schema_))
        self.target_root = target.schema(target.root(self.spec.target.schema_))
        self.findings: list[Finding] = []
        self._format: str | None = None
        self._read: list[Shape | None] = []  # the shapes of the current rule's sources
        self._top = True  # whether the current rule reads the record itself (not an element)
        platform = settings.platforms.get(self.spec.source.platform)
        self.china_time = platform is not None and platform.protocol in CHINA_TIME_PROTOCOLS
        platform = settings.platforms.get(self.spec.target.platform)
        self.china_target = platform is not None and platform.protocol in CHINA_TIME_PROTOCOLS

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
        self._references()
        lint_sync(self)
        return self.findings

    def source_path(self, path: str, pointer: str) -> Shape | None:
        """The shape of a source path named outside the field rules (identity, version)."""
        if not _parses(path):
            self.finding("mapping.bad-path", _ERROR, pointer, f"not a field path: {path!r}",
                         hint="write a dotted path of the source contract's fields, such as "
                              "`customer.phone` or `line_items[].sku`")
            return None
        tokens = parse_path(path)
        shape, missing, known = navigate(self.source, self.source_root, tokens)
        if shape is None:
            meant = suggest_path(self.source, self.source_root, path)
            self.finding("mapping.unknown-source-field", _ERROR, pointer,
                         f"source path {path!r}: {self.spec.source.contract} has no field "
                         f"{missing!r} there", actual=path,
                         hint=path_hint(self.source, self.source_root, meant) if meant
                         else _did_you_mean(closest(missing, known))
                         or f"fields there: {', '.join(known[:12]) or 'none'}")
        else:
            self._open_names("source", self.source_root, tokens, pointer, path)
        return shape

    def _rules(self, rules: list[FieldRule], base: str, source_root: Any, target_root: Any,
               *, top: bool, prefix: str = "") -> None:
        for index, rule in enumerate(rules):
            pointer = f"{base}/{index}"
            source_shape = self._source(rule, pointer, source_root, top=top)
            target_shape = self._target(rule, pointer, target_root)
            result = self._pipeline(rule, pointer, source_shape)
            if target_shape is not None and result is not None:
                self._compatible(rule, pointer, result, target_shape, source_shape)
            elif target_shape is not None and rule.enum is None and (wrong := enum_map_problem(
                    [(n, p if isinstance(p, dict) else {}) for n, p in rule.steps()],
                    target_shape, rule.target)) is not None:
                self.finding("mapping.enum-target-value", _ERROR,
                             f"{pointer}/transforms/{wrong.step}", wrong.message,
                             hint=wrong.hint)
            if target_shape is not None and rule.default is not None:
                self._default(rule, pointer, target_shape)
            if target_shape is not None:
                self._written(rule, pointer, target_shape)
            self._enum(rule, pointer, source_shape, target_shape)
            said = description_at(self.source, self.spec.source.schema_, rule.source) if (
                top and isinstance(rule.source, str)) else None
            for code, lost in loss_problems(rule, source_shape, target_shape, said):
                self.finding(code, _ERROR if lost.error else _WARNING, pointer if lost.step is None
                             else f"{pointer}/transforms/{lost.step}", lost.message, hint=lost.hint)
            self._pii(rule, pointer, f"{prefix}{rule.target}", source_root)
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
        self._top = top
        shapes: list[Shape | None] = []
        for position, path in enumerate(rule.sources):
            where = f"{pointer}/source" + (f"/{position}" if isinstance(rule.source, list) else "")
            if path.startswith(TARGET_PREFIX):
                shapes.append(None)
                continue
            try:
                tokens = parse_path(path)
            except ValueError as exc:
                meant = suggest_path(self.source, root, path)
                self.finding("mapping.bad-path", _ERROR, where, str(exc), actual=path,
                             hint=path_hint(self.source, root, meant))
                continue
            shape, missing, known = navigate(self.source, root, tokens)
            if shape is not None and any(token is EACH for token in tokens):
                # `orders[].title` reads the field of every element: the rule gets a list
                shape = Shape(types={"array"})
            if shape is None:
                meant = suggest_path(self.source, root, path)
                close = nearest(missing, known)
                self.finding(
                    "mapping.unknown-source-field", _ERROR, where,
                    f"source path {path!r}: {self.spec.source.contract} has no field {missing!r} "
                    "there",
                    hint=path_hint(self.source, root, meant) if meant else
                    f"did you mean {close!r}?" if close
                    else f"fields there: {', '.join(known[:12]) or 'none'}",
                    actual=path,
                )
            else:
                self._open_names("source", root, tokens, where, path)
            shapes.append(shape)
        if rule.constant is not None:
            return _constant_shape(rule.constant)
        self._read = shapes
        if rule.items is not None:
            return Shape(types={"array"})
        if len(shapes) == 1:
            return shapes[0]
        return Shape(types={"array"}) if shapes else None

    def _target(self, rule: FieldRule, pointer: str, root: Any) -> Shape | None:
        try:
            tokens = parse_path(rule.target)
        except ValueError as exc:
            self.finding("mapping.bad-path", _ERROR, f"{pointer}/target", str(exc),
                         actual=rule.target,
                         hint=path_hint(self.target, root,
                                        suggest_path(self.target, root, rule.target)))
            return None
        shape, missing, known = navigate(self.target, root, tokens)
        if shape is None:
            meant = suggest_path(self.target, root, rule.target)
            close = nearest(missing, known)
            self.finding(
                "mapping.unknown-target-field", _ERROR, f"{pointer}/target",
                f"target path {rule.target!r}: {self.spec.target.contract} has no field "
                f"{missing!r} there",
                hint=path_hint(self.target, root, meant) if meant else
                f"did you mean {close!r}?" if close
                else f"fields there: {', '.join(known[:12]) or 'none'}",
                actual=rule.target,
            )
        else:
            self._open_names("target", root, tokens, f"{pointer}/target", rule.target)
        return shape

    def _open_names(self, side: str, root: Any, tokens: list[Any], pointer: str,
                    path: str) -> None:
        """Names an open object (a property map) accepts although it does not declare them: a
        near miss of a declared or custom name is a typo; with custom fields declared, any
        other name is one too."""
        endpoint = self.spec.source if side == "source" else self.spec.target
        contract = self.source if side == "source" else self.target
        settings = self.settings.platforms.get(endpoint.platform)
        custom = [*endpoint.custom_fields, *(settings.custom_fields if settings else [])]
        shape = shape_of(contract, root)
        for token in tokens:
            if token is EACH:
                shape = shape_of(contract, shape.items)
                continue
            if token in shape.properties:
                shape = shape_of(contract, shape.properties[token])
                continue
            if not shape.is_map:
                return
            if token not in custom:
                declared = sorted(shape.properties)
                twin = near_miss(token, [*declared, *custom])
                if twin is not None:
                    self.finding(
                        "mapping.near-miss-field", _WARNING, pointer,
                        f"{side} path {path!r}: {token!r} is not declared by "
                        f"{endpoint.contract}, which takes any name there; it is one or two "
                        f"edits from {twin!r}", expected=twin, actual=token,
                        hint=f"did you mean {twin!r}? If {token!r} is a field your project "
                             "added, list it under `custom_fields` (of the mapping's "
                             f"{side}, or of platform {endpoint.platform!r})")
                elif custom:
                    self.finding(
                        "mapping.undeclared-custom-field", _WARNING, pointer,
                        f"{side} path {path!r}: {token!r} is neither declared by "
                        f"{endpoint.contract} nor among the custom fields of "
                        f"{endpoint.platform!r}", actual=token,
                        hint=f"a typo? Otherwise add {token!r} to `custom_fields`")
            shape = shape_of(contract, shape.additional)

    def _references(self) -> None:
        """``$target.x`` names a field another rule writes, and rules do not read in a circle;
        ``pii.allowed_destinations`` names fields some rule writes.

        These are mistakes in one rule, so they are findings (exit code 1) like any unknown
        field, not an invalid project."""
        targets = {rule.target: index for index, rule in enumerate(self.spec.fields)}
        for index, allowed in enumerate(self.spec.pii.allowed_destinations):
            if any(_under(target, allowed) or _under(allowed, target) for target in targets):
                continue
            twin = closest(allowed, targets)
            # An allowance for a field no rule writes allows nothing: a typo there would
            # leave the field it meant to allow flagged, or a renamed rule silently unchecked.
            self.finding(
                "mapping.unknown-pii-destination", _ERROR, f"/pii/allowed_destinations/{index}",
                f"pii.allowed_destinations names {allowed!r}, which no rule writes",
                actual=allowed, hint=_did_you_mean(twin) or
                f"target fields: {', '.join(list(targets)[:12]) or 'none'}")
        reads: dict[int, list[int]] = {}
        for index, rule in enumerate(self.spec.fields):
            for position, path in enumerate(rule.sources):
                if not path.startswith(TARGET_PREFIX):
                    continue
                name = path[len(TARGET_PREFIX):]
                where = f"/fields/{index}/source" + (
                    f"/{position}" if isinstance(rule.source, list) else "")
                if name in targets:
                    reads.setdefault(index, []).append(targets[name])
                    continue
                twin = closest(name, targets)
                self.finding(
                    "mapping.unknown-target-reference", _ERROR, where,
                    f"field {rule.target!r} reads {path}, which no rule writes", actual=path,
                    hint=f"did you mean {TARGET_PREFIX}{twin}?" if twin else
                    "write that target field first, or read the source record")
        for cycle in rule_cycles(reads):
            names = [self.spec.fields[i].target for i in cycle]
            self.finding(
                "mapping.rule-cycle", _ERROR, f"/fields/{cycle[0]}/source",
                f"rules read each other's targets in a circle: {' -> '.join(names)}",
                actual=names, hint="one of these rules must read the source record instead")

    def _pipeline(self, rule: FieldRule, pointer: str, source: Shape | None) -> set[str] | None:
        """The JSON types the pipeline produces, or None when unknown."""
        from seamguard.mapping.transforms import TRANSFORMS

        types: set[str] | None = set(source.types) if source and source.types else None
        self._format = source.format if source else None
        for position, (name, params) in enumerate(rule.steps()):
            where = f"{pointer}/transforms/{position}"
            if name not in TRANSFORMS:
                close = nearest(name, TRANSFORMS.names())
                self.finding(
                    "mapping.unknown-transform", _ERROR, where, f"unknown transform {name!r}",
                    hint=f"did you mean {close!r}?" if close else
                    "`seamguard map transforms` lists them", actual=name,
                )
                return None
            spec = TRANSFORMS.get(name)
            try:
                spec.bind(params, base_dir=self.base_dir)
            except UsageError as exc:
                self.finding("mapping.bad-transform-params", _ERROR, where,
                             f"transform {name!r}: {exc.message}",
                             hint=exc.hint or f"`seamguard map transforms` lists what {name!r} "
                                              "takes")
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

    def _compatible(self, rule: FieldRule, pointer: str, types: set[str], target: Shape,
                    source: Shape | None) -> None:
        if target.types and not types & _widen(target.types) and not (
                types == {"integer"} and "number" in target.types):
            self.finding(
                "mapping.type-mismatch", _ERROR, pointer,
                f"rule for {rule.target!r} produces {' or '.join(sorted(types))}, but "
                f"{self.spec.target.contract} expects {' or '.join(sorted(target.types))}",
                expected=sorted(target.types), actual=sorted(types),
                hint="end the pipeline with a conversion (to_string, decimal, ...)",
            )
        steps = [(name, params if isinstance(params, dict) else {})
                 for name, params in rule.steps()]
        names = [name for name, _ in steps]
        naive = self._values(rule, pointer, steps, source, target)
        computed = rule.constant is None and rule.enum is None
        sample = FORMAT_SAMPLES.get(self._format or "")
        if computed and sample and target.pattern and not naive and not matches(
                target.pattern, sample):
            self.finding(
                "mapping.format-mismatch", _ERROR, pointer,
                f"the rule gives {rule.target!r} {self._format} values like {sample!r}, which "
                f"the target's pattern {target.pattern!r} refuses", expected=target.pattern,
                actual=self._format, hint="convert to the form the target takes (a "
                "`regex_replace`, or leave the value as the source gives it)")
        elif (target.format in _CHECKED_FORMATS and computed and self._format != target.format
                and not naive):
            known = self._format in FORMAT_SAMPLES
            self.finding(
                "mapping.format-mismatch", _ERROR if known else _WARNING, pointer,
                f"{rule.target!r} must be a {target.format!r} string, and nothing in the rule "
                f"makes it one (the value is {self._format or 'unformatted'})",
                expected=target.format, actual=self._format,
                hint={"date-time": "add datetime_utc (with the platform's time zone)",
                      "date": "add date_only (after datetime_utc with the platform's time "
                              "zone when the source has no offset)",
                      "email": "add the email transform"}.get(target.format),
            )
        bound = max_length_of(source, steps, rule.constant, self._read)
        if target.max_length and not (bound is not None and bound <= target.max_length):
            cut = "truncate" in names
            self.finding(
                "mapping.may-exceed-length", _WARNING, pointer,
                f"{rule.target!r} holds at most {target.max_length} characters and the rule "
                + (f"can give {bound}" if cut and bound is not None else
                   "does not truncate to that"),
                hint=f"truncate at the end: {{truncate: {{max_length: {target.max_length}}}}}",
            )

    def _values(self, rule: FieldRule, pointer: str, steps: list[tuple[str, dict[str, Any]]],
                source: Shape | None, target: Shape) -> bool:
        """Local times read as UTC and amounts in the wrong unit; True when a time was."""
        shift, first = 0, self._read[0] if self._read else None
        if (len(self._read) > 1 and steps and steps[0][0] == "coalesce" and first is not None
                and all(shape is not None and shape.pattern == first.pattern
                        for shape in self._read)):
            # the first set one of several fields of one kind is judged like each of them
            shift, source, steps = 1, first, steps[1:]
        seen = observed(source, self._fed(rule))
        said, told = (description_at(self.source, self.spec.source.schema_, rule.sources[0]),
                      description_at(self.target, self.spec.target.schema_, rule.target)) if (
            self._top and len(rule.sources) == 1) else (None, None)
        timed = time_problems(steps, seen, target, rule.target, said=said, told=told,
                              china_source=self.china_time, china_target=self.china_target
                              ) if rule.constant is None else []
        for code, problem in [*timed, ("mapping.unit-mismatch", unit_problem(
                steps, seen, target, rule.target))]:
            if problem is not None:
                where = pointer if problem.step is None else \
                    f"{pointer}/transforms/{problem.step + shift}"
                self.finding(code, _ERROR if problem.error else _WARNING, where, problem.message,
                             hint=problem.hint)
        return bool(timed)

    def _fed(self, rule: FieldRule) -> list[Any]:
        """The values the golden examples give a top-level rule's one source path."""
        if not self._top or len(rule.sources) != 1 or rule.sources[0].startswith(TARGET_PREFIX):
            return []
        try:
            read = compile_getter(rule.sources[0])
        except ValueError:
            return []
        return [value for example in self.spec.examples
                if (value := read(example.input)) is not None]

    def _default(self, rule: FieldRule, pointer: str, target: Shape) -> None:
        """The default is the target's value as written (after every transform): its type
        must be one the target field takes."""
        kind = json_type(rule.default)
        if target.types and kind not in _widen(target.types) and not (
                kind == "integer" and "number" in target.types):
            self.finding(
                "mapping.type-mismatch", _ERROR, f"{pointer}/default",
                f"the default of {rule.target!r} is {kind}, but {self.spec.target.contract} "
                f"expects {' or '.join(sorted(target.types))}",
                expected=sorted(target.types), actual=kind,
                hint="write the default as the target field holds it (it is not transformed)")

    def _written(self, rule: FieldRule, pointer: str, target: Shape) -> None:
        """A constant without steps, and a default, reach the target as written."""
        for key, value in (("constant", None if rule.transforms or rule.enum else rule.constant),
                           ("default", rule.default)):
            if value is not None and (problem := written_value_problem(value, target)):
                self.finding(problem[0], _ERROR, f"{pointer}/{key}",
                             f"the {key} of {rule.target!r}: {problem[1]}", actual=value,
                             hint=f"write the {key} as {self.spec.target.contract} takes it")

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
            alone = sum(1 for other in self.spec.fields if other.enum == rule.enum) == 1
            for problem in enum_key_problems(rule.enum, rule.target, mapped, source.enum,
                                             keys_are_source=alone and not rule.transforms):
                self.finding(problem.code, _ERROR, f"/enums/{rule.enum}", problem.message,
                             expected=problem.expected, actual=problem.actual,
                             hint=problem.hint)
        if target and target.enum:
            wrong = [v for v in mapped.values() if v not in target.enum]
            if wrong:
                self.finding(
                    "mapping.enum-target-value", _ERROR, f"/enums/{rule.enum}",
                    f"enum map {rule.enum!r} produces {wrong}, which {rule.target!r} does not "
                    f"accept ({target.enum})", expected=target.enum, actual=wrong,
                    hint=_did_you_mean(closest(str(wrong[0]), [str(v) for v in target.enum]))
                    or "map each source value to one of the values the target accepts",
                )

    def _pii(self, rule: FieldRule, pointer: str, target: str, source_root: Any) -> None:
        """Personal data — flagged, or inferred from the source contract — is masked unless its
        destination (or a parent of it) is allowed; an inferred flow is flagged `pii: true`,
        because reports mask the values of flagged fields only."""
        inferred = None if rule.pii else self._personal_source(rule, source_root)
        if not rule.pii and inferred is None:
            return
        allowed = self.spec.pii.allowed_destinations
        masked = any(name.startswith("mask") for name, _ in rule.steps())
        if masked or any(_under(target, a) for a in allowed):
            if inferred is not None:
                path, kind = inferred
                self.finding(
                    "mapping.pii-unflagged", _WARNING, pointer,
                    f"{target!r} receives personal data ({kind}, from source {path!r}) but the "
                    "rule is not flagged `pii: true`", expected="pii: true", actual=kind,
                    hint="add `pii: true`: reconciliation and sync reports mask the values of "
                         "flagged fields only")
            return
        where = f" ({inferred[1]}, from source {inferred[0]!r})" if inferred else ""
        self.finding(
            "mapping.pii-unmasked", _ERROR, pointer,
            f"{target!r} receives personal data{where} unmasked", actual=inferred and inferred[1],
            hint="add a mask step (mask_phone, mask_email, mask_name, mask_address, mask), or "
                 "list the field under pii.allowed_destinations if the target may hold it",
        )

    def _personal_source(self, rule: FieldRule, root: Any) -> tuple[str, str] | None:
        """(source path, kind) of the first source the contract shows to hold personal data."""
        for path in rule.sources:
            if path.startswith(TARGET_PREFIX) or not _parses(path):
                continue
            shape, _, _ = navigate(self.source, root, parse_path(path))
            schema = {"format": shape.format, "examples": shape.examples} \
                if shape is not None else None
            kind = personal_kind(path, schema)
            if kind is not None:
                return path, kind
        # A destination named for personal data (SF's `contact`, a `mobile`) receives it too.
        if rule.sources and (kind := personal_kind(rule.target, None)) is not None:
            return f"{rule.sources[0]} (into a {kind} field)", kind
        return None

    def _required(self, root: Any, rules: list[FieldRule], base: str) -> None:
        shape = shape_of(self.target, root)
        produced = {parse_path(rule.target)[0] for rule in rules if _parses(rule.target)}
        for name in sorted(shape.required - produced):
            self.finding(
                "mapping.required-target-missing", _ERROR, base,
                f"{self.spec.target.contract} requires {name!r}, and no rule produces it",
                expected=name, hint="add a field rule (a constant or a default will do)",
            )


PersonalKind = Callable[[str, Mapping[str, Any] | None], "str | None"]


def _table_kind(path: str, schema: Mapping[str, Any] | None) -> str | None:
    """The kind of personal data a source field holds: by its name, its schema's ``format`` and
    its examples (``seamguard.privacy.classify_field``); secrets are not personal data here."""
    from seamguard.privacy import PERSONAL_KINDS, classify_field

    kind = classify_field(path, schema)
    return kind.value if kind in PERSONAL_KINDS else None


# How lint decides that a source field holds personal data: (path, schema) -> kind or None.
personal_kind: PersonalKind = _table_kind


def _under(path: str, field: str) -> bool:
    """``path`` is ``field`` or inside it; ``a[].b`` and ``a.b`` name the same field."""
    path, field = path.replace("[]", ""), field.replace("[]", "")
    return path == field or path.startswith(f"{field}.")


def _did_you_mean(name: str | None) -> str | None:
    return f"did you mean {name!r}?" if name else None


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
    contracts = endpoint_contracts(mapping, catalog)
    if isinstance(contracts, Finding):
        return [contracts]
    source, target = contracts
    with sampling():  # a pattern's time budget is this mapping's, not the process's
        return [*recorded_sources(mapping, source), *with_version_hints(
            _Linter(mapping, source, target, catalog.project.root,
                    catalog.project.settings).run(), mapping, catalog)]


def iter_rules(rules: list[FieldRule]) -> Iterator[FieldRule]:
    for rule in rules:
        yield rule
        if rule.each:
            yield from iter_rules(rule.each)
