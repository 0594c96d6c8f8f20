"""Observed drift: what a platform actually sends, compared with what its contract says.

Every JSON body of one operation (or webhook) is checked against its contract with the same
validator ``verify`` uses, and profiled field by field — how often each field is present, null,
of which type and format, which values appear. Two kinds of finding come out:

- **contract violations** (a wrong type, a null where none is allowed, a required field missing,
  a value outside a closed enum, an undeclared field on a closed object): definite, so an error
  at any sample size — one response is enough evidence; each names how many responses showed it.
- **statistical drift** (a share of values that look like another format): graded by a
  confidence that grows with the evidence, so one odd response is not an alarm.

Fields are named by JSON Pointer with ``*`` for array items (``/Receipts/*/ReceiptNumber``, and
``/*/id`` inside a top-level array), the form ignore rules and ``verify`` use.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from seamguard.contracts.model import Contract, SchemaRef
from seamguard.contracts.validation import Violation, json_type, violations
from seamguard.documents import escape_pointer, pointer_to_path
from seamguard.drift.undeclared_errors import UndeclaredErrors
from seamguard.findings import Finding, Location, Severity
from seamguard.verify_hints import violation_hint
from seamguard.wire.pointers import MARK, XML_MARK, EmbeddedUnreadable, inner_document

if TYPE_CHECKING:
    from seamguard.checks import RunContext
    from seamguard.recordings.cassettes import Cassette
    from seamguard.verify import RecordedBody, RecordedVerifier

__all__ = [
    "DEFINITE_CODES",
    "FieldProfile",
    "InBandTally",
    "OperationProfile",
    "compare",
    "is_definite",
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
    responses: int = 0  # payloads in which it appeared (as a parent: could have appeared)
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
class _Tally:
    """One kind of contract violation at one field, over many payloads."""

    code: str
    violation: Violation
    where: str
    count: int = 0


@dataclass
class OperationProfile:
    """Field profiles and contract violations of every payload of one operation and status."""

    platform: str
    version: str
    operation: str
    payloads: int = 0
    fields: dict[str, FieldProfile] = field(default_factory=dict)
    examples: dict[str, str] = field(default_factory=dict)  # field -> a file#interaction seen
    violations: dict[tuple[str, str], _Tally] = field(default_factory=dict)
    ref: SchemaRef | None = None
    prefix: str = ""  # where the payload sits in the recorded body (an opened envelope)
    _paths: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)
    _touched: set[str] = field(default_factory=set, repr=False)  # paths of the current payload

    def add(self, body: Any, where: str) -> None:
        self.payloads += 1
        self._touched = set()
        self._walk(body, "", where)

    def check(self, contract: Contract, ref: SchemaRef, body: Any, where: str) -> None:
        """Validate ``body`` as ``verify`` does and count each violation by field."""
        seen: set[tuple[str, str]] = set()
        for violation in violations(contract, ref, body):
            code = _DRIFT_CODE.get(violation.code, "drift.contract-violation")
            if code == "drift.type-changed" and violation.actual is None:
                code = "drift.unexpected-null"
            elif code == "drift.format-violation" and violation.message.endswith(
                    f"the format {violation.expected!r}"):
                # A declared format (date-time, email...) no longer kept; patterns stay
                # format violations.
                code = "drift.format-changed"
            key = (code, generalise(body, violation.pointer))
            if key in seen:
                continue  # one response counts once per field, however many items break it
            seen.add(key)
            tally = self.violations.get(key)
            if tally is None:
                tally = self.violations[key] = _Tally(code, violation, where)
            tally.count += 1

    def _walk(self, node: Any, prefix: str, where: str) -> None:
        if isinstance(node, dict):
            fields = self.fields
            for key, value in node.items():
                # Path strings are built once per (parent, key), not once per payload.
                path = self._paths.get((prefix, key))
                if path is None:
                    path = self._paths[(prefix, key)] = f"{prefix}/{escape_pointer(str(key))}"
                self._see(fields, path, value, where)
            # Parents are counted per object, so "missing in 3% of orders" has the right base.
            parent = fields.get(prefix + "#")
            if parent is None:
                parent = fields[prefix + "#"] = FieldProfile()
            parent.parents += 1
            self._once(prefix + "#", parent)
        elif isinstance(node, list):
            path = prefix + "/*"
            for item in node:
                # Items are values too: a null or a string among objects is seen.
                self._see(self.fields, path, item, where)

    def _see(self, fields: dict[str, FieldProfile], path: str, value: Any, where: str) -> None:
        profile = fields.get(path)
        if profile is None:
            profile = fields[path] = FieldProfile()
            self.examples[path] = where
        profile.see(value)
        self._once(path, profile)
        if isinstance(value, dict | list):
            self._walk(value, path, where)

    def _once(self, path: str, profile: FieldProfile) -> None:
        # Violations count once per response, so shares are of responses, not of items.
        if path not in self._touched:
            self._touched.add(path)
            profile.responses += 1

    def parents_of(self, path: str) -> int:
        parent = path.rsplit("/", 1)[0]
        return self.fields.get(f"{parent}#", FieldProfile()).parents

    def responses_of(self, path: str) -> int:
        """Payloads in which ``path`` could have appeared: those holding its parent object."""
        parent = path.rsplit("/", 1)[0]
        return self.fields.get(f"{parent}#", FieldProfile()).responses


def generalise(body: Any, pointer: str) -> str:
    """``/orders/3/status`` -> ``/orders/*/status``: array indexes of ``body`` become ``*``."""
    node, out = body, []
    for token in pointer.split("/")[1:]:
        if isinstance(node, list) and token.isdigit():
            out.append("*")
            index = int(token)
            node = node[index] if index < len(node) else None
        else:
            out.append(token)
            mark = MARK if token.endswith(MARK) else XML_MARK if token.endswith(XML_MARK) \
                else ""
            key = (token[: -len(mark)] if mark else token).replace("~1", "/").replace(
                "~2", "⟨").replace("~0", "~")
            node = node.get(key) if isinstance(node, dict) else None
            if mark:  # continue inside the JSON (or XML) document the string holds
                try:
                    node = inner_document(node, "", mark == XML_MARK)
                except EmbeddedUnreadable:
                    node = None
    return "".join("/" + token for token in out)


# verify's violation codes -> drift codes; all of them are definite contract violations.
_DRIFT_CODE = {
    "field.wrong-type": "drift.type-changed",
    "field.missing": "drift.required-missing",
    "field.unknown-enum": "drift.new-enum-value",
    "field.undeclared": "drift.undeclared-field",
    "field.forbidden": "drift.undeclared-field",
    "field.wrong-format": "drift.format-violation",
    "field.out-of-range": "drift.contract-violation",
    "field.invalid": "drift.contract-violation",
}

#: Codes of definite contract violations: an error at any sample size, whoever reads the field.
DEFINITE_CODES = frozenset({*_DRIFT_CODE.values(), "drift.unexpected-null",
                            "drift.status-undocumented"})


def is_definite(finding: Finding) -> bool:
    """A contract violation rather than statistical drift: ``drift.format-changed`` is both,
    definite when it names the format the contract declares (``expected``)."""
    return finding.code in DEFINITE_CODES or (
        finding.code == "drift.format-changed" and finding.expected is not None)


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


def compare(profile: OperationProfile, contract: Contract, ref: SchemaRef, *,
            undeclared: Severity = Severity.WARNING) -> Iterator[Finding]:
    """Contract violations (definite) and statistical drift of a profile against ``ref``.

    Args:
        profile: what was seen.
        contract: the contract of the payloads.
        ref: the payload schema.
        undeclared: the severity of an undeclared field (the project's ``undeclared_fields``
            setting, as ``verify`` uses it); a field the author forbade is always an error.
    """
    from seamguard.mapping.paths import parse_path
    from seamguard.mapping.shapes import navigate

    definite = set()
    for (code, pointer), tally in sorted(profile.violations.items()):
        definite.add(pointer)
        total = (profile.responses_of(pointer) or profile.payloads) if code == (
            "drift.required-missing") else _seen(profile, pointer)
        violation = tally.violation
        severity = Severity.ERROR
        if violation.code == "field.undeclared":
            severity = undeclared
        yield _finding(profile, pointer, code, tally.count, total,
                       f"{violation.message} — in {_rate(tally.count, total)}", tally.where,
                       severity=severity, expected=violation.expected,
                       actual=_value(violation, tally.count, total),
                       hint=violation_hint(violation) or _HINTS["violation"])
    root = contract.schema(ref)
    for path in sorted(p for p in profile.fields if not p.endswith("#") and p not in definite):
        seen = profile.fields[path]
        if not seen.formats:
            continue
        try:
            shape, _, _ = navigate(contract, root, parse_path(pointer_to_path(path)))
        except ValueError:
            continue
        if shape is None or shape.format != "date-time":
            continue
        other = sum(c for f, c in seen.formats.items() if f != "date-time")
        if other:
            top = seen.formats.most_common(1)[0][0]
            yield _finding(profile, path, "drift.format-changed", other, seen.present,
                           f"{path!r} should be date-time; "
                           f"{_rate(other, seen.present, 'value')} "
                           f"look like {top}", profile.examples.get(path, ""),
                           statistical=True, hint=_HINTS["format-changed"])


def _seen(profile: OperationProfile, pointer: str) -> int:
    seen = profile.fields.get(pointer)
    return max(seen.responses if seen else 0, profile.responses_of(pointer), 1)


def _value(violation: Violation, hits: int, total: int) -> Any:
    if violation.code in ("field.unknown-enum", "field.wrong-type"):
        return violation.actual
    return {"hits": hits, "of": total}


def _rate(hits: int, total: int, noun: str = "response") -> str:
    share = 100 * hits / total if total else 0
    return f"{share:.1f}% of {total:,} {noun}{'' if total == 1 else 's'} ({hits:,})"


_HINTS = {
    "violation": "the platform sends what its contract does not allow: confirm the change with "
                 "the platform, then fix the contract (and the mappings that read the field) or "
                 "report it upstream",
    "format-changed": "open the named recording to see such a value; if the platform changed "
                      "the format, update the contract and every mapping that parses the field",
    "in-band-errors": "the named recording holds one such answer: check the request's "
                      "parameters and credentials, or the platform's status",
}


def _finding(profile: OperationProfile, pointer: str, code: str, hits: int, total: int,
             message: str, where: str, *, severity: Severity = Severity.ERROR,
             statistical: bool = False, expected: Any = None, actual: Any = None,
             hint: str | None = None) -> Finding:
    if statistical:
        level = confidence(hits, total)
        severity = _LEVEL[level]
        message = f"{message} — confidence {level}"
    file, _, interaction = where.partition("#")
    return Finding(
        code=code, severity=severity, check=CHECK_ID, message=message, hint=hint,
        expected=expected, actual=actual if actual is not None else {"hits": hits, "of": total},
        location=Location(platform=profile.platform, version=profile.version,
                          operation=profile.operation,
                          pointer=profile.prefix + pointer or None,
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
                OperationProfile(contract.platform, contract.version, label, ref=ref,
                                 prefix=prefix), contract, ref)
        entry[0].add(body, where)
        entry[0].check(contract, ref, body, where)
    return profiles


@dataclass
class InBandTally:
    """In-band errors per operation: "3.0% of 1,000 calls returned isv.invalid-parameter"."""

    calls: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    errors: dict[tuple[str, str, str], Counter[str]] = field(default_factory=dict)
    documented: set[tuple[str, str, str, str]] = field(default_factory=set)
    messages: dict[tuple[str, str, str, str], str] = field(default_factory=dict)
    examples: dict[tuple[str, str, str, str], str] = field(default_factory=dict)
    undeclared: UndeclaredErrors = field(default_factory=UndeclaredErrors)

    def add(self, found: RecordedBody, where: str) -> bool:
        """Count one recorded call (and its in-band error, if it is one); True when the body
        is an error, declared or not, rather than a payload."""
        operation = found.label.rsplit(" ", 1)[0] if not found.operation.webhook \
            else found.label
        key = (found.contract.platform, found.contract.version, operation)
        self.calls[key] += 1
        error = found.error
        if error is None:
            return self.undeclared.take(found, operation, where)
        code = error.key
        self.errors.setdefault(key, Counter())[code] += 1
        full = (*key, code)
        self.examples.setdefault(full, where)
        self.messages.setdefault(full, error.describe())
        if error.matches(found.operation.documented_errors):
            self.documented.add(full)
        return True

    def findings(self) -> Iterator[Finding]:
        """One ``drift.in-band-errors`` finding per operation and error code."""
        for key, codes in sorted(self.errors.items()):
            total = self.calls[key]
            platform, version, operation = key
            profile = OperationProfile(platform, version, operation)
            for code, hits in codes.most_common():
                full = (*key, code)
                found = _finding(profile, "", "drift.in-band-errors", hits, total,
                                 f"{_rate(hits, total, 'call')} returned "
                                 f"in-band error {code} ({self.messages[full]})",
                                 self.examples[full], statistical=True, actual=code,
                                 hint=_HINTS["in-band-errors"])
                # An error the operation documents is expected: counted, never alarming.
                yield replace(found, severity=Severity.INFO) if full in self.documented \
                    else found
        yield from self.undeclared.findings(self.calls)


def run_check(context: RunContext) -> Iterator[Finding]:
    """The ``drift.observed`` check: profile every recorded payload and compare with contracts."""
    from collections import Counter

    from seamguard.recordings.cassettes import Cassette
    from seamguard.verify import (
        RecordedVerifier,
        set_aside_unloadable,
        unloadable_contracts,
        unloadable_findings,
    )

    project = context.project
    verifier = RecordedVerifier(project, context.catalog)
    items: list[Observed] = []
    tally = InBandTally()
    # A contract that does not load is one finding, with the interactions it left unread.
    unloadable = unloadable_contracts(context.catalog)
    left: Counter[tuple[str | None, str | None]] = Counter()
    for path in project.cassette_files():
        cassette = verifier.read(path)
        if not isinstance(cassette, Cassette):
            yield cassette  # a cassette that cannot be read is never skipped silently
            continue
        unchecked: list[Finding] = []  # too large, too deep, not JSON: said, not skipped
        items.extend(observe(verifier, cassette, cassette.display, tally, unchecked))
        yield from set_aside_unloadable(unchecked, left)
    yield from unloadable_findings(unloadable, left)
    context.examined = len(items)
    from seamguard.drift.impact import ImpactIndex

    impact = ImpactIndex.for_project(project)
    undeclared = Severity("info" if project.settings.undeclared_fields == "off"
                          else project.settings.undeclared_fields)
    for profile, contract, ref in profile_payloads(items).values():
        yield from impact.annotate(compare(profile, contract, ref, undeclared=undeclared))
    yield from tally.findings()


def observe(verifier: RecordedVerifier, cassette: Cassette, display: str,
            tally: InBandTally, unchecked: list[Finding] | None = None) -> Iterator[Observed]:
    """The payloads of one cassette for profiling; in-band errors go to ``tally``, bodies that
    cannot be read to ``unchecked`` (see ``RecordedVerifier.payloads``)."""
    for found in verifier.bodies(cassette, unchecked):
        where = f"{display}#{found.interaction.index}"
        if not tally.add(found, where):
            yield found.contract, found.label, found.schema, found.payload, where, found.prefix
