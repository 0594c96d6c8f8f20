"""Accepted findings: one format for a run's baseline file, drift's ignore rules and the contract
diff's ignore file.

An :class:`Acceptance` says "this finding is known; do not fail on it", with a reason, and
optionally who accepted it and until when. It names findings either by **fingerprint** (what
``seamguard baseline save`` writes: the code and the place, without what changes from run to
run) or by **globs** over the code and the location (what a person writes: ``code =
"drift.*"``, ``pointer = "/orders/*/x-*"``). An oasdiff rule id alone (``code =
"response-property-enum-value-added"``) also matches the ``diff.``/``spec.`` findings of that
rule.

Applying a baseline to a report (:func:`apply_baseline`) moves accepted findings aside (they stay
visible, marked with their reason, and no longer fail the run), reports each expired acceptance
(``baseline.expired``, warning: its findings count again) and each accepted finding that no
longer occurs (``baseline.fixed``, information: remove it from the file). New findings fail as
usual.

The baseline file (YAML or JSON)::

    schema: seamguard.baseline/1
    accept:
      - code: field.undeclared
        check: recorded
        platform: shopify
        operation: GET /orders.json
        pointer: /orders/*/x-*
        reason: beta fields, read by nothing
        owner: ops@example.cn
        expires: 2027-01-31
      - fingerprint: 1f0c…        # written by `seamguard baseline save`
        code: reconcile.field-differs
        count: 3
        reason: legacy deals, fixed in the next migration
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, field_validator

from seamguard.errors import UsageError
from seamguard.findings import Finding, Location, Report, Severity

__all__ = ["SCHEMA", "Acceptance", "Baseline", "DriftIgnore", "apply_baseline", "fingerprint",
           "load_baseline", "save_baseline"]

SCHEMA = "seamguard.baseline/1"
_DIFF_PREFIXES = ("diff.", "spec.")


def fingerprint(finding: Finding, *, place: bool = True) -> str:
    """An identity for ``finding`` that stays the same from one run to the next.

    The code and where the finding applies go in; the message, counts, line numbers and
    interaction indexes (they move when a file is edited or re-recorded) are left out.

    Args:
        finding: the finding to identify.
        place: also the check, the file and the row key. The nightly drift history leaves them
            out (its recordings are new files every night) and keeps its stored identities.

    Returns:
        32 hexadecimal characters of a SHA-256 digest.
    """
    where = finding.location
    parts: tuple[str | None, ...] = (finding.code, where.platform, where.version,
                                     where.operation, where.pointer)
    if place:
        parts += (finding.check, where.file, where.key)
    # The unit separator cannot occur in codes or pointers, so ("a", "bc") never collides with
    # ("ab", "c"); None and "" stay distinct because the root pointer "" is meaningful.
    text = "\x1f".join("\x00" if part is None else part for part in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class Acceptance(BaseModel):
    """One accepted finding (by fingerprint) or class of findings (by globs)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    code: str = Field(validation_alias=AliasChoices("code", "id"),
                      description="finding code or rule id (`id` is the same key); glob "
                                  "allowed (drift.*); an oasdiff rule id also matches "
                                  "diff.<id> and spec.<id>")
    check: str | None = Field(default=None, description="check id (glob)")
    platform: str | None = None
    version: str | None = None
    operation: str | None = Field(default=None, description="glob, e.g. 'GET /orders*'")
    pointer: str | None = Field(default=None, validation_alias=AliasChoices("pointer", "path"),
                                description="JSON pointer or diff path (glob; `path` is the "
                                            "same key)")
    component: str | None = Field(default=None, description="where a contract change lives, "
                                  "e.g. '#/components/schemas/Order*' (glob)")
    file: str | None = Field(default=None, description="glob, e.g. fixtures/cassettes/shopify/*")
    key: str | None = Field(default=None, description="a dataset row's key (glob)")
    fingerprint: str | None = Field(default=None, description="exact identity (baseline save)")
    count: int | None = Field(default=None, ge=1, description="how many findings with this "
                              "fingerprint are accepted (more are new)")
    reason: str = Field(min_length=1)
    owner: str | None = None
    expires: date | None = Field(default=None, description="last day it applies")

    @property
    def id(self) -> str:
        """The code, under the name ignore files of contract diffs use for it."""
        return self.code

    def expired(self, today: date) -> bool:
        """Whether the acceptance no longer applies on ``today``."""
        return self.expires is not None and today > self.expires

    def matches_change(self, rule_id: str, *, operation: str | None = None,
                       pointer: str | None = None, component: str | None = None) -> bool:
        """Whether this acceptance covers a contract change (rule id and where it is)."""
        return (self.fingerprint is None and fnmatchcase(rule_id, self.code)
                and all(pattern is None or fnmatchcase(value or "", pattern) for pattern, value
                        in ((self.operation, operation), (self.pointer, pointer),
                            (self.component, component))))

    def matches(self, finding: Finding, platform: str | None = None) -> bool:
        """Whether this acceptance covers ``finding``.

        Args:
            finding: the finding.
            platform: the platform of the run, for findings that do not name one (drift).
        """
        if self.fingerprint is not None:
            return (self.fingerprint in (fingerprint(finding), fingerprint(finding, place=False))
                    and self.code == finding.code)
        if not (fnmatchcase(finding.code, self.code) or (
                finding.code.startswith(_DIFF_PREFIXES)
                and fnmatchcase(finding.code.split(".", 1)[1], self.code))):
            return False
        loc = finding.location
        wanted: Sequence[tuple[str | None, str | None]] = (
            (self.check, finding.check), (self.platform, loc.platform or platform),
            (self.version, loc.version), (self.operation, loc.operation),
            (self.pointer, loc.pointer), (self.file, loc.file), (self.key, loc.key))
        return all(pattern is None or fnmatchcase(value or "", pattern)
                   for pattern, value in wanted)

    def describe(self) -> str:
        """A short text naming what is accepted, for messages."""
        fields = self.model_dump(exclude_none=True, exclude={"reason", "owner", "expires",
                                                             "count", "fingerprint"})
        return " ".join(f"{k}={v}" for k, v in fields.items())


class DriftIgnore(Acceptance):
    """A drift ignore rule (``[[tool.seamguard.drift.ignore]]``): an acceptance that must name
    its owner and expiry, because nobody looks at a nightly job's ignores again otherwise."""

    owner: str
    expires: date


class Baseline(BaseModel):
    """A baseline file: the accepted findings of a project."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_: str = Field(default=SCHEMA, alias="schema")
    # `ignore:` is the same list, as contract diff's ignore files name it.
    accept: list[Acceptance] = Field(default_factory=list,
                                     validation_alias=AliasChoices("accept", "ignore"))

    @field_validator("schema_")
    @classmethod
    def _this_version(cls, value: str) -> str:
        if value == SCHEMA:
            return value
        if value.startswith("seamguard.baseline/"):
            raise ValueError(f"{value!r} is another version of the baseline format: this "
                             f"seamguard reads {SCHEMA}")
        raise ValueError(f"{value!r} names no seamguard baseline (expected {SCHEMA})")


def load_baseline(path: Path, *, display: str | None = None) -> Baseline:
    """Read a baseline file; UsageError with the file, line and pointer when it is invalid."""
    from seamguard.documents import LineLocator, load_document

    name = display or str(path)
    if not path.is_file():
        raise UsageError(f"no baseline file {name}", file=name,
                         hint="create it with `seamguard baseline save`")
    data = load_document(path, display=name)
    if data is None:
        return Baseline()
    try:
        return Baseline.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        pointer = "/" + "/".join(str(part) for part in error["loc"])
        message = str(error["msg"]).removeprefix("Value error, ")
        hint = (f"the file starts with `schema: {SCHEMA}` (upgrade seamguard to read a newer "
                "file, or write it again with `seamguard baseline save`)"
                if pointer == "/schema" else
                "each entry needs a code and a reason; see docs/baseline.md")
        raise UsageError(f"invalid baseline: {message} at {pointer}", file=name,
                         line=LineLocator(path).line_of(pointer), pointer=pointer,
                         hint=hint) from None


def save_baseline(path: Path, findings: Iterable[Finding], *, reason: str,
                  previous: Baseline | None = None, owner: str | None = None,
                  expires: date | None = None,
                  ran: Iterable[str] | None = None) -> tuple[Baseline, int]:
    """Write a baseline accepting ``findings``; returns it and how many entries are new.

    Entries of ``previous`` are kept: glob entries always, fingerprint entries while their
    findings still occur (with their own reason and expiry), and those of checks that did not
    run (``ran``: the checks of the run the findings come from). Findings a kept entry already
    covers get no new entry.
    """
    previous = previous or Baseline()
    findings = list(findings)
    ran_checks = set(ran) if ran is not None else {f.check for f in findings}
    counts = Counter(fingerprint(f) for f in findings)
    examples: dict[str, Finding] = {}
    for finding in findings:
        examples.setdefault(fingerprint(finding), finding)
    kept = [entry for entry in previous.accept
            if entry.fingerprint is None or entry.fingerprint in counts
            or entry.check not in ran_checks]
    kept = [replace_count(entry, counts) for entry in kept]
    new: list[Acceptance] = []
    for key, finding in examples.items():
        if any(entry.matches(finding) for entry in kept):
            continue
        loc = finding.location
        new.append(Acceptance(
            code=finding.code, check=finding.check, platform=loc.platform, version=loc.version,
            operation=loc.operation, pointer=loc.pointer, file=loc.file, key=loc.key,
            fingerprint=key, count=counts[key] if counts[key] > 1 else None, reason=reason,
            owner=owner, expires=expires))
    baseline = Baseline(accept=[*kept, *new])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_dump(baseline), encoding="utf-8")
    return baseline, len(new)


def replace_count(entry: Acceptance, counts: Counter[str]) -> Acceptance:
    """A fingerprint entry with its count lowered to what still occurs (fixed ones leave)."""
    if entry.fingerprint is None or entry.count is None or entry.fingerprint not in counts:
        return entry
    now = counts[entry.fingerprint]
    return entry.model_copy(update={"count": now if 1 < now < entry.count else (
        None if now <= 1 else entry.count)})


def _dump(baseline: Baseline) -> str:
    import yaml

    data: dict[str, Any] = {"schema": SCHEMA, "accept": [
        entry.model_dump(mode="json", exclude_none=True) for entry in baseline.accept]}
    header = ("# Accepted findings (seamguard.baseline/1): they are reported but do not fail "
              "the run.\n# `seamguard baseline save` writes fingerprint entries; write glob "
              "entries by hand (docs/baseline.md).\n")
    return header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def apply_baseline(report: Report, baseline: Baseline, *, today: date, source: str,
                   complete: bool = True) -> None:
    """Move the findings ``baseline`` accepts to ``report.accepted``; add what expired and what
    was fixed.

    Args:
        report: the run's report, changed in place.
        baseline: the accepted findings.
        today: the date expiry is judged on.
        source: the baseline file as the user names it, for messages.
        complete: whether every unit of the checks that ran was examined (no ``--only``):
            only then can an accepted finding that did not occur be called fixed.
    """
    active = [entry for entry in baseline.accept if not entry.expired(today)]
    budget = {id(entry): entry.count or 1 for entry in active if entry.fingerprint}
    used: Counter[int] = Counter()
    remaining: list[Finding] = []
    for finding in report.findings:
        entry = next((e for e in active if e.matches(finding) and (
            e.fingerprint is None or used[id(e)] < budget[id(e)])), None)
        if entry is None:
            remaining.append(finding)
            continue
        used[id(entry)] += 1
        report.accepted.append((finding, entry.reason))
    report.findings = remaining
    where = Location(file=source)
    ran = {run.check for run in report.checks}
    for entry in baseline.accept:
        if entry.expired(today) and (entry.check is None or entry.check in ran):
            report.extend([Finding(
                code="baseline.expired", severity=Severity.WARNING, check="baseline",
                message=f"the acceptance of {entry.describe()} expired on {entry.expires} "
                        f"({entry.reason}); its findings count again", location=where,
                hint="fix them, or renew the acceptance with a new expiry and a reason")])
        elif complete and entry.fingerprint and entry.check in ran:
            seen = used[id(entry)]
            expected = entry.count or 1
            if seen < expected:
                report.extend([Finding(
                    code="baseline.fixed", severity=Severity.INFO, check="baseline",
                    message=f"{expected - seen} of {expected} accepted finding(s) no longer "
                            f"occur: {entry.describe()}", location=where,
                    hint="remove the entry (or run `seamguard baseline save` again)")])
