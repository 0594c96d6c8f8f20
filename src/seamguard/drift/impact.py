"""Impact: which of *our* mappings read a payload field that changed upstream.

Every mapping declares where its source records sit in recorded traffic (an operation or webhook
and a JSON pointer such as ``/orders/*``) and which source paths each rule reads. Joined, they
say which payload fields feed which target fields: "feeds hubspot@v3 `dealstage` (required) via
shopify-order-to-hubspot-deal rule 5". A change nothing reads is only information.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from seamguard.findings import Finding, Severity
from seamguard.mapping.check import load_mappings
from seamguard.mapping.paths import TARGET_PREFIX
from seamguard.mapping.spec import FieldRule, LoadedMapping
from seamguard.project import Project

__all__ = ["Consumer", "ImpactIndex"]


@dataclass(frozen=True)
class Consumer:
    """One mapping rule that reads a payload field."""

    mapping: str
    file: str
    line: int | None
    rule: int
    target: str
    target_contract: str
    required: bool

    def describe(self) -> str:
        need = " (required)" if self.required else ""
        return (f"feeds {self.target_contract} {self.target!r}{need} via {self.mapping} rule "
                f"{self.rule} ({self.file}:{self.line})")


def _root(at: str) -> str:
    """``/orders/*`` -> ``orders[]``: the record's place as a dotted path."""
    parts: list[str] = []
    for token in (t for t in at.split("/") if t):
        if token == "*" and parts:
            parts[-1] += "[]"
        else:
            parts.append(token)
    return ".".join(parts)


def _join(root: str, path: str) -> str:
    return f"{root}.{path}" if root else path


class ImpactIndex:
    """(platform, version, operation, field path) -> the rules that read it."""

    def __init__(self, mappings: Iterable[LoadedMapping]) -> None:
        self._readers: dict[tuple[str, str, str, str], list[Consumer]] = {}
        for mapping in mappings:
            source = mapping.spec.source
            for recorded in source.recorded:
                operation = (f"webhook {recorded.webhook}" if recorded.webhook else
                             f"{recorded.operation} {recorded.status}")
                root = _root(recorded.at)
                for index, rule in enumerate(mapping.spec.fields):
                    for path in _paths(rule, root):
                        key = (source.platform, source.version, operation, path)
                        self._readers.setdefault(key, []).append(Consumer(
                            mapping=mapping.name, file=mapping.display,
                            line=mapping.line_of(f"/fields/{index}"), rule=index,
                            target=rule.target, target_contract=mapping.spec.target.contract,
                            required=rule.required,
                        ))

    @classmethod
    def for_project(cls, project: Project) -> ImpactIndex:
        return cls(m for m in load_mappings(project) if isinstance(m, LoadedMapping))

    def readers(self, platform: str, version: str, operation: str, field: str) -> list[Consumer]:
        """Rules reading ``field`` or anything below it (a removed object breaks its children)."""
        found = list(self._readers.get((platform, version, operation, field), []))
        prefix = (field + ".", field + "[]")
        for (p, v, o, path), consumers in self._readers.items():
            if (p, v, o) == (platform, version, operation) and path.startswith(prefix):
                found.extend(consumers)
        return found

    def readers_any_status(self, platform: str, version: str, operation: str,
                           field: str) -> list[Consumer]:
        """The rules reading ``field`` of ``operation`` (any status) or something below it;
        every rule reading the operation when ``field`` is empty (the whole payload)."""
        below = (field + ".", field + "[]")
        return [consumer for (p, v, o, path), consumers in self._readers.items()
                if (p, v) == (platform, version)
                and (o == operation or o.startswith(operation + " "))
                and (not field or path == field or path.startswith(below))
                for consumer in consumers]

    def describe_readers(self, sides: Iterable[tuple[str, str]], operation: str,
                         field: str) -> str:
        """What the rules reading ``field`` of ``operation`` in any of ``sides`` (platform,
        version) feed, one phrase a rule; empty when no rule reads it."""
        seen: dict[tuple[str, int], Consumer] = {}
        for platform, version in sides:
            for consumer in self.readers_any_status(platform, version, operation, field):
                seen.setdefault((consumer.mapping, consumer.rule), consumer)
        return "; ".join(c.describe() for c in seen.values())

    def reads(self, platform: str, version: str, operation: str, field: str) -> bool:
        """Does any rule read ``field`` of ``operation`` (any status) or something below it?"""
        below = (field + ".", field + "[]")
        return any(
            (p, v) == (platform, version)
            and (o == operation or o.startswith(operation + " "))
            and (path == field or path.startswith(below))
            for (p, v, o, path) in self._readers
        )

    def annotate(self, findings: Iterable[Finding]) -> Iterator[Finding]:
        """Name what each drift finding breaks.

        A statistical finding that breaks nothing becomes info; a definite contract violation
        (``is_definite``) keeps its severity whoever reads the field.
        """
        from seamguard.documents import pointer_to_path
        from seamguard.drift.observe import is_definite

        for finding in findings:
            loc = finding.location
            field = pointer_to_path(loc.pointer or "")
            readers = (self.readers(loc.platform, loc.version, loc.operation, field)
                       if loc.platform and loc.version and loc.operation else [])
            if readers:
                uses = "; ".join(r.describe() for r in readers)
                yield replace(finding, message=f"{finding.message}. Impact: {uses}")
            elif is_definite(finding):
                yield replace(finding, message=f"{finding.message}. No mapping reads this field")
            else:
                yield replace(finding, severity=Severity.INFO,
                              message=f"{finding.message}. No mapping reads this field")


def _paths(rule: FieldRule, root: str) -> Iterator[str]:
    for source in rule.sources:
        if source.startswith(TARGET_PREFIX):
            continue
        path = _join(root, source)
        yield path
        for sub in rule.each or []:
            yield from _paths(sub, path)
    for group in rule.items or []:
        for sub in group:
            yield from _paths(sub, root)
