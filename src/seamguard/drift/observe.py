"""Observed drift: what a platform actually sends, compared with what its contract says.

Every JSON body of one operation (or webhook) is profiled field by field — how often each field
is present, null, of which type and format, which enum values appear, how long arrays are — and
the profile is compared with the contract: "required `total_tax` missing in 3.2% of 1,840
responses", "new `financial_status` value `expired` in 12 responses". Each difference carries
counts and a confidence, so one odd response is not an alarm.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from seamguard.contracts.model import Contract, SchemaRef
from seamguard.contracts.validation import json_type
from seamguard.findings import Finding, Location, Severity

if TYPE_CHECKING:
    from seamguard.checks import RunContext
    from seamguard.recordings.cassettes import Cassette
    from seamguard.verify import RecordedBody, RecordedVerifier

__all__ = [
    "FieldProfile",
    "InBandTally",
    "OperationProfile",
    "compare",
    "observe",
    "profile_payloads",
    "run_check",
    "string_format",
]

CHECK_ID = "drift"
MAX_VALUES = 50  # distinct values remembered per field: enums are small, ids are not

_FORMATS: list[tuple[str, re.Pattern[str]]] = [
    ("date-time", re.compile(
        r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$")),
    ("local-date-time", re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}$")),
    ("date", re.compile(r"^\d{4}-\d{2}-\d{2}$")),
    ("email", re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")),
    ("uuid", re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                        r"[0-9a-fA-F]{12}$")),
    ("phone-e164", re.compile(r"^\+\d[\d*]{6,14}$")),
    ("phone-cn-no-plus", re.compile(r"^86 ?1\d[\d*]{9}$")),
    ("decimal-string", re.compile(r"^-?\d+\.\d+$")),
    ("integer-string", re.compile(r"^-?\d+$")),
    ("uri", re.compile(r"^https?://\S+$")),
]


# One alternation instead of ten patterns; the group that matched names the format.
_ANY_FORMAT = re.compile("|".join(
    f"(?P<f{index}>{pattern.pattern})" for index, (_, pattern) in enumerate(_FORMATS)))
_FORMAT_NAMES = {f"f{index}": name for index, (name, _) in enumerate(_FORMATS)}
_FORMAT_STARTS = frozenset("0123456789+-h")


def string_format(value: str) -> str | None:
    """The first known format a string matches, or None."""
    if not value or (value[0] not in _FORMAT_STARTS and "@" not in value):
        return None  # most free text is rejected on its first character, without a regex
    match = _ANY_FORMAT.match(value)
    return _FORMAT_NAMES[match.lastgroup] if match and match.lastgroup else None


_TYPE_NAMES = {str: "string", int: "integer", float: "number", bool: "boolean",
               type(None): "null", dict: "object", list: "array"}


@dataclass
class FieldProfile:
    """What was seen of one field across many payloads."""

    parents: int = 0  # payloads (or array elements) in which the field could have appeared
    present: int = 0
    nulls: int = 0
    types: Counter[str] = field(default_factory=Counter)
    formats: Counter[str] = field(default_factory=Counter)
    values: Counter[Any] = field(default_factory=Counter)
    overflow: bool = False  # more distinct values than MAX_VALUES: not an enum
    lengths: list[int] = field(default_factory=list)

    def see(self, value: Any) -> None:
        self.present += 1
        kind = _TYPE_NAMES.get(type(value)) or json_type(value)
        self.types[kind] += 1
        if value is None:
            self.nulls += 1
        elif kind == "string":
            fmt = string_format(value)
            if fmt:
                self.formats[fmt] += 1
            self._value(value)
        elif kind in ("integer", "boolean"):
            self._value(value)
        elif kind == "array":
            self.lengths.append(len(value))

    def _value(self, value: Any) -> None:
        if self.overflow:
            return
        self.values[value] += 1
        if len(self.values) > MAX_VALUES:
            self.overflow = True
            self.values.clear()


@dataclass
class OperationProfile:
    """Field profiles of every payload of one operation, status and media type."""

    platform: str
    version: str
    operation: str
    prefix: str = ""  # where the payload sits in the recorded body (an opened envelope)
    payloads: int = 0
    fields: dict[str, FieldProfile] = field(default_factory=dict)
    examples: dict[str, str] = field(default_factory=dict)  # field -> a file#interaction seen
    _paths: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    def add(self, body: Any, where: str) -> None:
        self.payloads += 1
        self._walk(body, "", where)

    def _walk(self, node: Any, prefix: str, where: str) -> None:
        if isinstance(node, dict):
            fields = self.fields
            for key, value in node.items():
                # Path strings are built once per (parent, key), not once per payload.
                path = self._paths.get((prefix, key))
                if path is None:
                    path = self._paths[(prefix, key)] = f"{prefix}.{key}" if prefix else key
                profile = fields.get(path)
                if profile is None:
                    profile = fields[path] = FieldProfile()
                    self.examples[path] = where
                profile.see(value)
                if isinstance(value, dict | list):
                    self._walk(value, path, where)
            # Parents are counted per object, so "missing in 3% of orders" has the right base.
            parent = fields.get(prefix + "#")
            if parent is None:
                parent = fields[prefix + "#"] = FieldProfile()
            parent.parents += 1
        elif isinstance(node, list):
            for item in node:
                self._walk(item, prefix + "[]", where)

    def parents_of(self, path: str) -> int:
        parent = path.rsplit(".", 1)[0] if "." in path else ""
        return self.fields.get(f"{parent}#", FieldProfile()).parents


def _wilson_lower(hits: int, total: int, z: float = 1.96) -> float:
    """Lower bound of the 95% Wilson interval: how sure a rate is above zero."""
    if total == 0:
        return 0.0
    p = hits / total
    centre = p + z * z / (2 * total)
    spread = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    return max(0.0, (centre - spread) / (1 + z * z / total))


def confidence(hits: int, total: int) -> str:
    """"high" when the rate is clearly above zero on enough data, "low" for a stray response."""
    lower = _wilson_lower(hits, total)
    if hits >= 5 and lower >= 0.01:
        return "high"
    if hits >= 2 and lower > 0:
        return "medium"
    return "low"


_LEVEL = {"high": Severity.ERROR, "medium": Severity.WARNING, "low": Severity.INFO}


def compare(profile: OperationProfile, contract: Contract, ref: SchemaRef) -> Iterator[Finding]:
    """Differences between a profile and the payload schema ``ref``, with counts and confidence."""
    from seamguard.mapping.paths import parse_path
    from seamguard.mapping.shapes import navigate

    root = contract.schema(ref)
    for path in sorted(p for p in profile.fields if not p.endswith("#")):
        seen = profile.fields[path]
        parents = max(profile.parents_of(path), seen.present)
        try:
            shape, _, _ = navigate(contract, root, parse_path(path))
        except ValueError:
            continue
        where = profile.examples.get(path, "")
        if shape is None:
            if not _under_map(contract, root, path):
                share = _rate(seen.present, parents)
                yield _finding(profile, path, "drift.undeclared-field", seen.present, parents,
                               f"undeclared field {path!r} present in {share}",
                               where, severity_cap=Severity.WARNING)
            continue
        non_null = {t for t in seen.types if t != "null"}
        allowed = set(shape.types) | ({"integer"} if "number" in shape.types else set())
        if shape.types and non_null - allowed:
            wrong = sum(seen.types[t] for t in non_null - allowed)
            yield _finding(profile, path, "drift.type-changed", wrong, seen.present,
                           f"{path!r} arrives as {', '.join(sorted(non_null - allowed))} in "
                           f"{_rate(wrong, seen.present)}; the contract says "
                           f"{' or '.join(sorted(shape.types))}", where)
        if seen.nulls and not shape.nullable and shape.types:
            yield _finding(profile, path, "drift.unexpected-null", seen.nulls, seen.present,
                           f"{path!r} is null in {_rate(seen.nulls, seen.present)}; the contract "
                           "does not allow null", where)
        if shape.enum is not None and not seen.overflow:
            for value, count in sorted(seen.values.items(), key=lambda kv: -kv[1]):
                if value not in shape.enum:
                    yield _finding(profile, path, "drift.new-enum-value", count, seen.present,
                                   f"new {path!r} value {value!r} in {_rate(count, seen.present)}",
                                   where, actual=value, expected=shape.enum)
        if shape.format == "date-time" and seen.formats:
            other = sum(c for f, c in seen.formats.items() if f != "date-time")
            if other:
                top = seen.formats.most_common(1)[0][0]
                yield _finding(profile, path, "drift.format-changed", other, seen.present,
                               f"{path!r} should be date-time; {_rate(other, seen.present)} "
                               f"look like {top}", where)
    yield from _missing_required(profile, contract, root)


def _missing_required(profile: OperationProfile, contract: Contract, root: Any,
                      prefix: str = "", depth: int = 0) -> Iterator[Finding]:
    from seamguard.mapping.paths import parse_path
    from seamguard.mapping.shapes import navigate, shape_of

    if depth > 4:
        return
    if prefix:
        shape, _, _ = navigate(contract, root, parse_path(prefix))
    else:
        shape = shape_of(contract, root)
    if shape is None:
        return
    parents = profile.fields.get(f"{prefix}#", FieldProfile()).parents
    for name in sorted(shape.properties):
        path = f"{prefix}.{name}" if prefix else name
        seen = profile.fields.get(path)
        present = seen.present if seen else 0
        if name in shape.required and parents and present < parents:
            missing = parents - present
            yield _finding(profile, path, "drift.required-missing", missing, parents,
                           f"required {path!r} missing in {_rate(missing, parents)}",
                           profile.examples.get(prefix, ""))
        if seen and seen.types.get("object"):
            yield from _missing_required(profile, contract, root, path, depth + 1)
        elif seen and seen.types.get("array"):
            yield from _missing_required(profile, contract, root, f"{path}[]", depth + 1)


def _under_map(contract: Contract, root: Any, path: str) -> bool:
    """Is the field inside an object whose contract allows any property (a map)?"""
    from seamguard.mapping.paths import parse_path
    from seamguard.mapping.shapes import navigate

    parent = path.rsplit(".", 1)[0] if "." in path else ""
    if not parent:
        from seamguard.mapping.shapes import shape_of

        return shape_of(contract, root).is_map
    shape, _, _ = navigate(contract, root, parse_path(parent))
    return shape is not None and shape.is_map


def _rate(hits: int, total: int) -> str:
    share = 100 * hits / total if total else 0
    noun = "response" if total == 1 else "responses"
    return f"{share:.1f}% of {total:,} {noun} ({hits:,})"


def _finding(profile: OperationProfile, path: str, code: str, hits: int, total: int,
             message: str, where: str, *, severity_cap: Severity = Severity.ERROR,
             expected: Any = None, actual: Any = None) -> Finding:
    level = confidence(hits, total)
    severity = min(_LEVEL[level], severity_cap, key=lambda s: s.rank)
    file, _, interaction = where.partition("#")
    return Finding(
        code=code, severity=severity, check=CHECK_ID,
        message=f"{message} — confidence {level}",
        expected=expected, actual=actual if actual is not None else {"hits": hits, "of": total},
        location=Location(platform=profile.platform, version=profile.version,
                          operation=profile.operation,
                          pointer=profile.prefix + "/" + path.replace(".", "/") if path else None,
                          file=file or None,
                          interaction=int(interaction) if interaction.isdigit() else None),
    )


Observed = tuple[Contract, str, SchemaRef, Any, str] | tuple[Contract, str, SchemaRef, Any, str,
                                                              str]


def profile_payloads(
    items: Iterable[Observed],
) -> dict[tuple[str, str, str], tuple[OperationProfile, Contract, SchemaRef]]:
    """Group (contract, operation label, schema, body, where[, prefix]) into one profile per
    payload kind; ``prefix`` is the pointer of the payload inside its recorded body."""
    profiles: dict[tuple[str, str, str], tuple[OperationProfile, Contract, SchemaRef]] = {}
    for item in items:
        contract, label, ref, body, where = item[:5]
        key = (contract.platform, contract.version, label)
        entry = profiles.get(key)
        if entry is None:
            prefix = item[5] if len(item) > 5 else ""
            entry = profiles[key] = (
                OperationProfile(contract.platform, contract.version, label, prefix), contract,
                ref)
        entry[0].add(body, where)
    return profiles


@dataclass
class InBandTally:
    """In-band errors per operation: "3.0% of 1,000 calls returned isv.invalid-parameter"."""

    calls: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    errors: dict[tuple[str, str, str], Counter[str]] = field(default_factory=dict)
    documented: set[tuple[str, str, str, str]] = field(default_factory=set)
    messages: dict[tuple[str, str, str, str], str] = field(default_factory=dict)
    examples: dict[tuple[str, str, str, str], str] = field(default_factory=dict)

    def add(self, found: RecordedBody, where: str) -> None:
        """Count one recorded call (and its in-band error, if it is one)."""
        operation = found.label.rsplit(" ", 1)[0] if not found.operation.webhook \
            else found.label
        key = (found.contract.platform, found.contract.version, operation)
        self.calls[key] += 1
        error = found.error
        if error is None:
            return
        code = error.key
        self.errors.setdefault(key, Counter())[code] += 1
        full = (*key, code)
        self.examples.setdefault(full, where)
        self.messages.setdefault(full, error.describe())
        if error.matches(found.operation.documented_errors):
            self.documented.add(full)

    def findings(self) -> Iterator[Finding]:
        """One ``drift.in-band-errors`` finding per operation and error code."""
        for key, codes in sorted(self.errors.items()):
            total = self.calls[key]
            platform, version, operation = key
            profile = OperationProfile(platform, version, operation)
            for code, hits in codes.most_common():
                full = (*key, code)
                cap = Severity.INFO if full in self.documented else Severity.ERROR
                yield _finding(profile, "", "drift.in-band-errors", hits, total,
                               f"{_rate(hits, total).replace('responses', 'calls')} returned "
                               f"in-band error {code} ({self.messages[full]})",
                               self.examples[full], severity_cap=cap, actual=code)


def run_check(context: RunContext) -> Iterator[Finding]:
    """The ``drift.observed`` check: profile every recorded payload and compare with contracts."""
    from seamguard.recordings.cassettes import Cassette
    from seamguard.verify import RecordedVerifier

    project = context.project
    verifier = RecordedVerifier(project, context.catalog)
    items: list[Observed] = []
    tally = InBandTally()
    for path in project.cassette_files():
        cassette = verifier.read(path)
        if not isinstance(cassette, Cassette):
            yield cassette  # a cassette that cannot be read is never skipped silently
            continue
        items.extend(observe(verifier, cassette, cassette.display, tally))
    context.examined = len(items)
    from seamguard.drift.impact import ImpactIndex

    impact = ImpactIndex.for_project(project)
    for profile, contract, ref in profile_payloads(items).values():
        yield from impact.annotate(compare(profile, contract, ref))
    yield from tally.findings()


def observe(verifier: RecordedVerifier, cassette: Cassette, display: str,
            tally: InBandTally) -> Iterator[Observed]:
    """The payloads of one cassette for profiling; in-band errors go to ``tally``."""
    for found in verifier.bodies(cassette):
        where = f"{display}#{found.interaction.index}"
        tally.add(found, where)
        if found.error is None:
            yield found.contract, found.label, found.schema, found.payload, where, found.prefix
