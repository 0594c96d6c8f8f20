"""The one result model: every check yields Findings, every reporter reads a Report.

A Finding is written for the person who must fix it: a stable ``code`` to filter and gate on,
a ``severity``, a ``message`` in plain words, a ``location`` precise enough to open the right file
at the right line, and ``expected``/``actual`` where both exist.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = ["CheckRun", "Finding", "Location", "Report", "Severity", "interaction_case"]


class Severity(enum.Enum):
    """How bad a finding is; ordered so thresholds compare naturally."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True)
class Location:
    """Where a finding applies. Every field is optional; reporters show what is known."""

    platform: str | None = None
    version: str | None = None
    operation: str | None = None
    pointer: str | None = None
    file: str | None = None
    line: int | None = None
    interaction: int | None = None
    # The row a dataset finding is about (a reconciliation key), personal data masked.
    key: str | None = None
    # Where a contract change lives when it is shared (file#/components/schemas/Order).
    component: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {key: value for key, value in self.__dict__.items() if value is not None}

    @property
    def where(self) -> str:
        """A compact one-line rendering, e.g. ``fixtures/x.yaml:12 #3 /orders/0/total_price``."""
        parts: list[str] = []
        if self.file:
            parts.append(f"{self.file}:{self.line}" if self.line else self.file)
        if self.interaction is not None:
            parts.append(f"interaction #{self.interaction}")
        if self.pointer is not None:
            parts.append(self.pointer or "/")
        return " ".join(parts)


@dataclass(frozen=True)
class Finding:
    """One problem (or notable fact) found by a check."""

    code: str
    severity: Severity
    message: str
    check: str
    location: Location = field(default_factory=Location)
    expected: Any = None
    actual: Any = None
    hint: str | None = None
    # The unit of work this finding belongs to (one JUnit test case, one pytest item): an
    # expectation, a reconciliation's key class... None: derived from the location.
    case: str | None = None
    # Commands that reproduce the finding (a curl line, ``seamguard probe --replay ...``,
    # ``seamguard map explain ...``), secrets filtered, identifiers kept.
    reproduce: tuple[str, ...] = ()
    # Values read from data (a record, an answer, a dataset's rows, a golden example, a suite's
    # value set) that the message, hint, location or ``expected`` quote without carrying them as
    # ``actual``: a report shows each only when it is provably impersonal, as it shows
    # ``actual`` (seamguard.privacy.mask_finding); none of them counts as declared. Not written
    # to a report file.
    quoted: tuple[Any, ...] = field(default=(), compare=False, repr=False)

    @property
    def case_name(self) -> str:
        """The test case this finding belongs to: ``case``, else the file and interaction."""
        if self.case:
            return self.case
        loc = self.location
        if loc.file and loc.interaction is not None:
            return interaction_case(loc.file, loc.interaction)
        if loc.file:
            return loc.file
        if loc.platform:
            return f"{loc.platform}@{loc.version}" if loc.version else loc.platform
        return self.check

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity.value,
            "check": self.check,
            "message": self.message,
            "location": self.location.to_dict(),
        }
        if self.expected is not None:
            data["expected"] = self.expected
        if self.actual is not None:
            data["actual"] = self.actual
        if self.hint:
            data["hint"] = self.hint
        if self.case:
            data["case"] = self.case
        if self.reproduce:
            data["reproduce"] = list(self.reproduce)
        return data


    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        """A finding read back from ``report.json``."""
        location = data.get("location") or {}
        return cls(code=data["code"], severity=Severity(data["severity"]), check=data["check"],
                   message=data.get("message", ""),
                   location=Location(**{k: v for k, v in location.items()
                                        if k in Location.__dataclass_fields__}),
                   expected=data.get("expected"), actual=data.get("actual"),
                   hint=data.get("hint"), case=data.get("case"),
                   reproduce=tuple(data.get("reproduce", ())))


def interaction_case(file: str, interaction: int) -> str:
    """The case name of one recorded interaction: ``fixtures/cassettes/x.yaml #3``."""
    return f"{file} #{interaction}"


@dataclass
class CheckRun:
    """What one check did: how many things it examined and how long it took."""

    check: str
    title: str
    examined: int = 0
    seconds: float = 0.0


@dataclass
class Report:
    """All findings of one run, plus what each check examined."""

    project: str
    command: str
    findings: list[Finding] = field(default_factory=list)
    checks: list[CheckRun] = field(default_factory=list)
    started_at: str = ""
    seconds: float = 0.0
    # Findings the checks asked to alert about (see seamguard.alerts); not part of the report file.
    alerts: list[Finding] = field(default_factory=list)
    # Per check, the units it examined (interactions, operations, expectations...) in order:
    # the test cases of junit.xml, passing ones included.
    cases: dict[str, list[str]] = field(default_factory=dict)
    # Per check, structured results beyond findings (every expectation's outcome, counts per
    # reconciliation) for the HTML report and the ``<check>-summary.json`` files.
    results: dict[str, Any] = field(default_factory=dict)
    # Findings a baseline accepts, with its reason: shown, but they do not fail the run.
    accepted: list[tuple[Finding, str]] = field(default_factory=list)

    # The privacy policy (seamguard.privacy.PrivacyPolicy) findings are masked by as they enter
    # the report; None: the default policy.
    privacy: Any = field(default=None, repr=False, compare=False)

    def extend(self, findings: Iterable[Finding]) -> None:
        """Add findings, each masked on the way in (see seamguard.privacy.guard): a finding made
        after the checks ran — about alerts, a baseline — quotes settings and files as freely
        as a check does. Masking a masked finding changes nothing and costs little."""
        from seamguard.privacy.guard import mask_findings

        self.findings.extend(mask_findings(findings, self.privacy))

    def at_or_above(self, threshold: Severity) -> Iterator[Finding]:
        return (finding for finding in self.findings if finding.severity >= threshold)

    def failed(self, threshold: Severity) -> bool:
        return any(True for _ in self.at_or_above(threshold))

    def counts(self) -> dict[str, int]:
        counter = Counter(finding.severity.value for finding in self.findings)
        return {severity.value: counter.get(severity.value, 0) for severity in Severity}
