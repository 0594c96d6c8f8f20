"""The ``mapping.strength`` check: mutation testing of every mapping against its golden examples
and the recorded source records (``seamguard map test --strength``; docs/mapping-strength.md)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from seamguard.contracts.model import Contract
from seamguard.findings import Finding, Severity
from seamguard.mapping.check import recorded_records, runnable_mappings
from seamguard.mapping.mutate import SourceFacts
from seamguard.mapping.paths import parse_path
from seamguard.mapping.shapes import navigate, shape_of
from seamguard.mapping.spec import LoadedMapping
from seamguard.mapping.strength import Case, measure, strength_findings

if TYPE_CHECKING:
    from seamguard.checks import RunContext

__all__ = ["run_check", "source_facts"]


def source_facts(contract: Contract, root: Any) -> SourceFacts:
    """Types, enums and same-type sibling fields of source paths, from the source contract."""

    def shape(path: str) -> Any:
        try:
            tokens = parse_path(path)
        except ValueError:
            return None
        found, _, _ = navigate(contract, root, tokens)
        return found

    def types(path: str) -> set[str] | None:
        found = shape(path)
        return set(found.types) if found is not None and found.types else None

    def enum(path: str) -> list[Any] | None:
        found = shape(path)
        return list(found.enum) if found is not None and found.enum else None

    children: dict[str, list[tuple[str, set[str]]]] = {}  # parent path -> (name, types)

    def siblings(path: str) -> list[str]:
        own = types(path)
        if own is None or path.endswith("[]"):
            return []
        head, _, leaf = path.rpartition(".")
        if head not in children:
            parent = shape(head) if head else shape_of(contract, root)
            children[head] = [] if parent is None else [
                (name, set(shape_of(contract, node).types))
                for name, node in sorted(parent.properties.items())]
        return [f"{head}.{name}" if head else name for name, kinds in children[head]
                if name != leaf and kinds == own]

    return SourceFacts(types=types, enum=enum, siblings=siblings)


def run_check(context: RunContext) -> Iterator[Finding]:
    """Every mapping's strength: a warning per rule with surviving mutants, a summary each."""
    from seamguard.contracts.validation import violations
    from seamguard.mapping.lint import lint_mapping
    from seamguard.recordings.cassettes import Cassette
    from seamguard.verify import RecordedVerifier

    project = context.project
    settings = project.settings.mapping
    if settings.strength == "off" and not context.options.get("strength"):
        return
    severity = Severity.WARNING if settings.strength == "off" else Severity(settings.strength)
    verifier = RecordedVerifier(project, context.catalog)
    cassettes = [c for c in (verifier.read(p) for p in project.cassette_files())
                 if isinstance(c, Cassette)]
    # Mappings too broken to run are reported by the lint and examples checks.
    pairs = [pair for pair in runnable_mappings(context) if not isinstance(pair, Finding)]
    for done, (mapping, compiled) in enumerate(pairs):
        context.progress(done, len(pairs), mapping.name)
        cases = [Case(f"example {example.name!r}", example.input, golden=True)
                 for example in mapping.spec.examples]
        for cassette in cassettes:
            for interaction, pointer, record in recorded_records(verifier, context.catalog,
                                                                 cassette, mapping):
                cases.append(Case(f"{cassette.display} interaction #{interaction.index}"
                                  f"{pointer}", record, golden=False))
        source = context.catalog.load(mapping.spec.source.platform, mapping.spec.source.version)
        target = context.catalog.load(mapping.spec.target.platform, mapping.spec.target.version)
        facts = (source_facts(source, source.schema(source.root(mapping.spec.source.schema_)))
                 if isinstance(source, Contract) else None)
        validate = None
        if isinstance(target, Contract):
            ref = target.root(mapping.spec.target.schema_)

            def validate(record: dict[str, Any], target: Contract = target,
                         ref: Any = ref) -> set[str]:
                return {f"{v.pointer} {v.message}" for v in violations(target, ref, record)
                        if not v.undeclared}

        def lint(spec: Any, mapping: LoadedMapping = mapping) -> list[Finding]:
            return lint_mapping(mapping.with_spec(spec), context.catalog)

        context.examined += 1
        strength = measure(mapping, compiled, cases, facts=facts, lint=lint, validate=validate,
                           base_dir=project.root, max_mutants=settings.strength_max_mutants)
        yield from strength_findings(strength, severity=severity)
    context.progress(len(pairs), len(pairs), "")
