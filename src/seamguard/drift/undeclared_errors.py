"""In-band errors a platform does not declare: 200 answers that carry an error, not a payload.

A body that one of :mod:`seamguard.wire.suspected`'s envelopes opens as an error, and that
breaks its contract (a required field missing, another type), is not profiled as a payload:
read as one it is shape drift, every required field missing. It is said as what it is, once
per operation and error code, with the rule that would declare it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from seamguard.contracts.validation import violations
from seamguard.findings import Finding, Location, Severity
from seamguard.wire.suspected import Suspected, declare_hint, suspected_error

if TYPE_CHECKING:
    from seamguard.verify import RecordedBody

__all__ = ["UndeclaredErrors"]

CODE = "drift.undeclared-in-band-error"
_BREAKING = frozenset({"field.missing", "field.wrong-type"})


@dataclass
class UndeclaredErrors:
    """Undeclared in-band errors per (platform, version, operation) and error code."""

    seen: dict[tuple[str, str, str], Counter[str]] = field(default_factory=dict)
    first: dict[tuple[str, str, str, str], tuple[Suspected, str]] = field(default_factory=dict)

    def take(self, found: RecordedBody, operation: str, where: str) -> bool:
        """Count ``found`` when its body is such an error (then it is no payload)."""
        if found.prefix or found.error is not None:
            return False  # an envelope the profile opened: its own rules speak
        suspect = suspected_error(found.payload)
        if suspect is None or not any(v.code in _BREAKING for v in violations(
                found.contract, found.schema, found.payload)):
            return False
        key = (found.contract.platform, found.contract.version, operation)
        code = suspect.error.key
        self.seen.setdefault(key, Counter())[code] += 1
        self.first.setdefault((*key, code), (suspect, where))
        return True

    def findings(self, calls: Counter[tuple[str, str, str]]) -> Iterator[Finding]:
        """One error per operation and code: how many answers, the error, how to declare it."""
        for key, codes in sorted(self.seen.items()):
            platform, version, operation = key
            for code, hits in codes.most_common():
                suspect, where = self.first[(*key, code)]
                file, _, index = where.partition("#")
                total = max(calls[key], hits)
                yield Finding(
                    code=CODE, severity=Severity.ERROR, check="drift",
                    message=f"{hits} of {total} answer(s) of {operation} look like an in-band "
                            f"error, not a payload: {suspect.error.describe()}; {platform} "
                            "declares no in-band error rule, so these were not compared with "
                            "the contract (read as payloads they would be shape drift)",
                    expected="a payload of the contract's response schema",
                    actual={"hits": hits, "of": total, "code": code},
                    location=Location(platform=platform, version=version, operation=operation,
                                      file=file or None,
                                      interaction=int(index) if index.isdigit() else None),
                    hint=declare_hint(platform, suspect))

