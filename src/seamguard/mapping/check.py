"""The ``mapping`` check: lint every mapping, run its golden examples, and apply it to every
recorded source record, validating the output against the target contract."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from seamguard.contracts.catalog import ContractCatalog
from seamguard.contracts.model import Contract
from seamguard.contracts.validation import violations
from seamguard.contracts.xml_typed import typed_xml
from seamguard.documents import escape_pointer
from seamguard.errors import UsageError
from seamguard.findings import Finding, Location, Severity
from seamguard.mapping.engine import CompiledMapping, compile_mapping
from seamguard.mapping.identity_check import identity_collisions, read_path
from seamguard.mapping.lint import CHECK_ID, lint_mapping
from seamguard.mapping.spec import LoadedMapping, RecordSource, load_mapping
from seamguard.recordings.cassettes import Cassette, Interaction
from seamguard.verify import RecordedBody, RecordedVerifier
from seamguard.wire.pointers import XML_MARK, EmbeddedUnreadable, PointerSyntaxError, descend

if TYPE_CHECKING:
    from seamguard.checks import RunContext
    from seamguard.project import Project

__all__ = [
    "load_mappings",
    "run_examples",
    "run_examples_check",
    "run_lint",
    "run_recorded_check",
    "runnable_mappings",
]

_ERROR = Severity.ERROR


def mapping_files(project: Project) -> list[Path]:
    from seamguard.folders import entries

    folder = project.contracts_dir / "mappings"
    if not folder.is_dir():
        return []
    return [p for p in entries(folder, (".yaml", ".yml", ".json"), shown=project.relative,
                               recursive=False) if p.suffix.lower() in (".yaml", ".yml", ".json")]


def load_mappings(project: Project) -> Iterator[LoadedMapping | Finding]:
    for path in mapping_files(project):
        display = project.relative(path)
        try:
            yield load_mapping(path, display=display)
        except UsageError as exc:
            yield Finding(code="mapping.invalid", severity=_ERROR, check=CHECK_ID,
                          message=exc.message, hint=exc.hint,
                          location=Location(file=display, line=exc.line, pointer=exc.pointer))


def compile_or_finding(mapping: LoadedMapping, base_dir: Path) -> CompiledMapping | Finding:
    try:
        return compile_mapping(mapping.spec, base_dir=base_dir)
    except UsageError as exc:
        pointer = exc.pointer or "/fields"
        return Finding(code="mapping.invalid", severity=_ERROR, check=CHECK_ID,
                       message=exc.message, hint=exc.hint,
                       location=Location(file=mapping.display, pointer=pointer,
                                         line=mapping.line_of(pointer)))


def run_examples(mapping: LoadedMapping, compiled: CompiledMapping) -> list[Finding]:
    """Golden examples: each example's input maps to exactly its output and its problems.

    A difference names the rule that wrote the field, so the finding says what to change: the
    rule, or the example if the rule is right.
    """
    findings = []
    rules = _rule_of_path(mapping)
    for index, example in enumerate(mapping.spec.examples):
        pointer = f"/examples/{index}"
        output, problems = compiled.apply(example.input)
        where = Location(file=mapping.display, line=mapping.line_of(pointer), pointer=pointer,
                         operation=f"mapping {mapping.name}")

        def failed(message: str, rule: int | None, expected: Any = None, actual: Any = None,
                   name: str = example.name, where: Location = where,
                   quoted: tuple[Any, ...] = ()) -> Finding:
            return _example_failed(mapping, where, f"example {name!r}: {message}", rule,
                                   expected, actual, quoted)

        wanted = dict(example.problems)
        for problem in problems:
            short = problem.code.removeprefix("mapping.")
            if wanted.get(problem.target) == short:
                del wanted[problem.target]
                continue
            top = (problem.rule if problem.rule < len(mapping.spec.fields)
                   and mapping.spec.fields[problem.rule].target == problem.target
                   else _owner_of_nested(mapping, problem.target))
            # (the example's input, quoted by the problem: a record someone wrote down)
            findings.append(failed(problem.message, top, quoted=(problem.value,)))
        for target, code in sorted(wanted.items()):
            rule = rules(f"/{target.replace('.', '/')}")
            if rule is None:  # a rule nested in `each` or `items` names its own target
                rule = _owner_of_nested(mapping, target)
            findings.append(failed(f"{target} should fail with {code}, the mapping gives "
                                   f"{json.dumps(_at(output, target), ensure_ascii=False)}",
                                   rule, expected=code, quoted=(_at(output, target),)))
        for path, expected, actual in _differences(example.output, output):
            findings.append(failed(
                f"{path or '/'} should be {json.dumps(expected, ensure_ascii=False)}, the "
                f"mapping gives {json.dumps(actual, ensure_ascii=False)}", rules(path),
                expected=expected, actual=actual, quoted=(expected,)))
    return findings


def _example_failed(mapping: LoadedMapping, where: Location, message: str, rule: int | None,
                    expected: Any, actual: Any, quoted: tuple[Any, ...]) -> Finding:
    rule_text = _rule_text(mapping, rule)
    return Finding(
        code="mapping.example-failed", severity=_ERROR, check=CHECK_ID,
        message=message + (f" ({rule_text})" if rule_text else ""),
        expected=expected, actual=actual, location=where, quoted=quoted,
        hint=(f"if {rule_text} is right, update the example; otherwise fix the rule"
              if rule_text else "update the example, or the rule writing this field"))


def _rule_of_path(mapping: LoadedMapping) -> Any:
    """A function: output JSON pointer -> index of the top-level rule writing it (or None)."""
    prefixes = sorted(((("/" + "/".join(escape_pointer(part) for part in
                                        rule.target.replace("[]", "").split("."))), index)
                       for index, rule in enumerate(mapping.spec.fields)),
                      key=lambda item: -len(item[0]))

    def find(path: str) -> int | None:
        return next((index for prefix, index in prefixes
                     if path == prefix or path.startswith(prefix + "/")), None)

    return find


def _owner_of_nested(mapping: LoadedMapping, target: str) -> int | None:
    from seamguard.mapping.lint import iter_rules

    for index, rule in enumerate(mapping.spec.fields):
        nested = [sub for group in rule.items or [] for sub in iter_rules(group)]
        nested += list(iter_rules(rule.each or []))
        if any(sub.target == target for sub in nested):
            return index
    return None


def _rule_text(mapping: LoadedMapping, rule: int | None) -> str:
    if rule is None:
        return ""
    line = mapping.line_of(f"/fields/{rule}")
    where = f", {mapping.display}:{line}" if line else ""
    return f"rule {rule} (`{mapping.spec.fields[rule].target}`{where})"


def _at(record: Any, dotted: str) -> Any:
    for key in dotted.split("."):
        record = record.get(key) if isinstance(record, dict) else None
    return record


_MISSING = object()


def _differences(expected: Any, actual: Any, path: str = "") -> Iterator[tuple[str, Any, Any]]:
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(set(expected) | set(actual)):
            yield from _differences(expected.get(key, _MISSING), actual.get(key, _MISSING),
                                    f"{path}/{escape_pointer(key)}")
    elif isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        for index, (e, a) in enumerate(zip(expected, actual, strict=True)):
            yield from _differences(e, a, f"{path}/{index}")
    elif expected != actual:
        yield (path, None if expected is _MISSING else expected,
               None if actual is _MISSING else actual)


def recorded_records(
    verifier: RecordedVerifier, catalog: ContractCatalog, cassette: Cassette,
    mapping: LoadedMapping,
) -> Iterator[tuple[Interaction, str, Any]]:
    """(interaction, JSON pointer, record) for each source record recorded in ``cassette``.

    Bodies are read as the recorded check reads them: routed to their operation (a gateway
    operation by name), their envelope opened. ``at`` selects inside the business payload (``*``
    takes each element, ``⟨json⟩`` and ``⟨xml⟩`` continue inside a JSON or XML string); the
    pointer returned is into the whole recorded body. A record read from XML takes the types
    the mapping's source schema declares, as an XML answer's payload does.
    """
    source = mapping.spec.source
    for found in verifier.bodies(cassette):
        if found.error is not None or \
                (found.contract.platform, found.contract.version) != (source.platform,
                                                                     source.version):
            continue
        for recorded in source.recorded:
            if not _selected(recorded, found):
                continue
            try:
                records = list(descend(found.payload, recorded.at))
            except (EmbeddedUnreadable, PointerSyntaxError):
                continue  # the recorded check reports strings that are not JSON or XML
            for pointer, record in records:
                if not isinstance(record, dict):
                    continue
                if XML_MARK in pointer:  # XML has only text: read it as the schema types it
                    contract = found.contract
                    record = typed_xml(contract, contract.schema(contract.root(
                        source.schema_)), record)[0]
                yield found.interaction, found.prefix + pointer, record


def _selected(recorded: RecordSource, found: RecordedBody) -> bool:
    operation = found.operation
    if recorded.webhook is not None:
        return operation.webhook and operation.path == recorded.webhook
    return (not operation.webhook and operation.label == recorded.operation
            and str(found.interaction.status) == recorded.status)


def verify_recorded(
    mapping: LoadedMapping, compiled: CompiledMapping, target: Contract,
    records: Iterator[tuple[Cassette, Interaction, str, Any]],
) -> Iterator[Finding]:
    """Apply the mapping to recorded source records; each invalid output is a finding."""
    ref = target.root(mapping.spec.target.schema_)
    rule_of = {rule.target: index for index, rule in enumerate(mapping.spec.fields)}
    mapped: list[tuple[str, Any, dict[str, Any]]] = []
    for cassette, interaction, pointer, record in records:
        identity = read_path(record, mapping.spec.identity.source)
        label = (f"{mapping.spec.source.contract} record {identity!r} "
                 f"({cassette.display} interaction #{interaction.index}{pointer})")
        output, problems = compiled.apply(record)
        mapped.append((label, record, output))
        for problem in problems:
            if _masked(problem.value):
                # Recordings are scrubbed: a masked phone cannot be normalised. Say so, quietly.
                yield _output_finding(
                    mapping, problem.rule, "mapping.masked-input",
                    f"{label}: {problem.target!r} was not checked: the recorded value is masked "
                    f"({problem.message})", None, severity=Severity.INFO,
                    quoted=(identity, problem.value))
                continue
            yield _output_finding(mapping, problem.rule, problem.code,
                                  f"{label}: {problem.message}", problem.value,
                                  quoted=(identity,))
        for violation in violations(target, ref, output):
            field = violation.pointer.lstrip("/").split("/")[0]
            index = rule_of.get(field)
            yield _output_finding(
                mapping, index, "mapping.invalid-output",
                f"{label}: the mapped record breaks {mapping.spec.target.contract} at "
                f"{violation.pointer}: {violation.message}", output.get(field),
                severity=Severity.WARNING if violation.undeclared or violation.advisory
                else _ERROR, quoted=(identity, violation.actual))
    yield from identity_collisions(mapping, mapped)


def _masked(value: Any) -> bool:
    values = value if isinstance(value, list) else [value]
    return any(isinstance(v, str) and "**" in v for v in values)


def _output_finding(mapping: LoadedMapping, rule: int | None, code: str, message: str,
                    value: Any, severity: Severity = _ERROR,
                    quoted: tuple[Any, ...] = ()) -> Finding:
    pointer = f"/fields/{rule}" if rule is not None else "/fields"
    # (an object or an array is quoted by the message, not carried)
    nested = isinstance(value, dict | list)
    return Finding(code=code, severity=severity, check=CHECK_ID, message=message,
                   actual=value if not nested else None,
                   quoted=(*quoted, value) if nested else quoted,
                   location=Location(file=mapping.display, pointer=pointer,
                                     line=mapping.line_of(pointer),
                                     operation=f"mapping {mapping.name}"))


def runnable_mappings(
    context: RunContext,
) -> Iterator[tuple[LoadedMapping, CompiledMapping] | Finding]:
    """Each mapping valid enough to run, with its compiled form. The ``mapping`` check reports
    the others; when it is not part of this run (``map test`` alone), they are reported here,
    so an invalid mapping is never skipped silently."""
    report = "mapping" not in context.checks
    for item in load_mappings(context.project):
        if isinstance(item, Finding):
            if report:
                yield item
            continue
        invalid = [f for f in lint_mapping(item, context.catalog) if f.code == "mapping.invalid"]
        if invalid:
            if report:
                yield from invalid
            continue
        compiled = compile_or_finding(item, context.project.root)
        if not isinstance(compiled, Finding):
            yield item, compiled
        elif report:
            yield compiled


def lint_one(mapping: LoadedMapping, catalog: ContractCatalog, root: Path) -> list[Finding]:
    """One mapping's lint findings, and what compiling it finds once lint is clean."""
    findings = lint_mapping(mapping, catalog)
    # Compiling finds what lint cannot (rules reading each other in a circle); it would only
    # repeat lint's own errors, so it runs once those are fixed.
    if not any(f.severity is _ERROR for f in findings):
        compiled = compile_or_finding(mapping, root)
        if isinstance(compiled, Finding):
            findings.append(compiled)
    return findings


def run_lint(context: RunContext) -> Iterator[Finding]:
    """The ``mapping`` check: parse and lint every mapping in contracts/mappings/."""
    loaded = list(load_mappings(context.project))
    for done, item in enumerate(loaded):
        context.progress(done, len(loaded), getattr(item, "display", ""))
        if isinstance(item, Finding):
            yield item
            continue
        context.examined += 1
        yield from lint_one(item, context.catalog, context.project.root)
    context.progress(len(loaded), len(loaded), "")


def run_examples_check(context: RunContext) -> Iterator[Finding]:
    """The ``mapping.examples`` check: every golden example maps to exactly its output."""
    for pair in runnable_mappings(context):
        if isinstance(pair, Finding):
            yield pair
            continue
        mapping, compiled = pair
        context.examined += len(mapping.spec.examples)
        yield from run_examples(mapping, compiled)


def run_recorded_check(context: RunContext) -> Iterator[Finding]:
    """The ``mapping.recorded`` check: recorded source records map to valid target records."""
    project = context.project
    verifier = RecordedVerifier(project, context.catalog)
    cassettes = [c for c in (verifier.read(p) for p in project.cassette_files())
                 if isinstance(c, Cassette)]
    for pair in runnable_mappings(context):
        if isinstance(pair, Finding):
            yield pair
            continue
        mapping, compiled = pair
        found, examined = _recorded(mapping, compiled, verifier, context.catalog, cassettes)
        context.examined += examined
        yield from found
        if not examined and mapping.spec.source.recorded and cassettes:
            yield _nothing_recorded(mapping)


def _nothing_recorded(mapping: LoadedMapping) -> Finding:
    """The mapping names recorded sources, but no recorded body yields a record from them."""
    wanted = ", ".join(
        f"{entry.webhook or entry.operation} at {entry.at or '/'}" for entry in
        mapping.spec.source.recorded)
    return Finding(
        code="mapping.recorded-none", severity=Severity.WARNING, check=CHECK_ID,
        message=f"no recorded record matched the mapping's recorded sources ({wanted}), so "
                "the mapping was not checked on recorded data",
        location=Location(file=mapping.display, pointer="/source/recorded",
                          line=mapping.line_of("/source/recorded")),
        hint="check each `at` pointer against a recorded body (JSON pointer into the "
             "business payload, * for each element), or record the operation or webhook")


def recorded_findings(mapping: LoadedMapping, compiled: CompiledMapping,
                      verifier: RecordedVerifier, catalog: ContractCatalog,
                      cassettes: list[Cassette]) -> list[Finding]:
    """One mapping applied to every recorded source record of ``cassettes``."""
    return _recorded(mapping, compiled, verifier, catalog, cassettes)[0]


def _recorded(mapping: LoadedMapping, compiled: CompiledMapping, verifier: RecordedVerifier,
              catalog: ContractCatalog, cassettes: list[Cassette]) -> tuple[list[Finding], int]:
    target = catalog.load(mapping.spec.target.platform, mapping.spec.target.version)
    if not isinstance(target, Contract):
        return [], 0
    records = [(cassette, interaction, pointer, record)
               for cassette in cassettes
               for interaction, pointer, record in recorded_records(
                   verifier, catalog, cassette, mapping)]
    return list(verify_recorded(mapping, compiled, target, iter(records))), len(records)
