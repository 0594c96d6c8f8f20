"""A sync failure as a finding an engineer can act on: property, anomaly, script, diff, replay.

Scripts carry generated personal data (e-mails, phones); everything that reaches a report goes
through ``mask_text``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from seamguard.findings import Finding, Location, Severity
from seamguard.privacy.guard import mask_text, mask_value
from seamguard.sync.coverage import summary
from seamguard.sync.harness import Failure, RunResult
from seamguard.sync.model import REFUND_TOPIC
from seamguard.sync.rules import SyncRules

__all__ = ["CHECK_ID", "coverage_finding", "failure_finding", "left_out_finding", "mask_text",
           "render_script"]

CHECK_ID = "sync"


def _masked(value: Any) -> Any:
    if value is None:
        return None
    return mask_value(json.loads(json.dumps(value, ensure_ascii=False, default=str,
                                            sort_keys=True)))


_FORGED = {"forged-signature": "FORGED (signed with another secret)",
           "missing-signature": "FORGED (no signature)",
           "tampered-body": "FORGED (body changed after signing)",
           "replay": "REPLAYED after the tolerance window"}


def _clock(failure: Failure, at: Any) -> str:
    """``t+0s``, ``t+2h05m``: when a delivery happened on the harness's clock."""
    started = failure.trace.started
    if at is None or started is None:
        return ""
    seconds = int((at - started).total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"t+{hours}h{minutes:02d}m"
    return f"t+{minutes}m{secs:02d}s" if minutes else f"t+{secs}s"


def _same_instants(failure: Failure, rules: Mapping[str, SyncRules]) -> dict[str, str]:
    """Event label -> the earlier label of its key whose version is the same instant, written
    differently (``10:00:00+08:00`` and ``02:00:00Z``) or alike."""
    first: dict[tuple[str, str, Any], str] = {}
    notes: dict[str, str] = {}
    for event in failure.script.events:
        rule = rules.get(event.mapping or "")
        if rule is None or event.topic == REFUND_TOPIC or rule.version_field is None:
            continue
        instant = rule.instant(event.payload)
        if instant is None:
            continue
        mark = (rule.name, rule.key(event.payload), instant)
        if mark in first:
            notes[event.label] = first[mark]
        else:
            first[mark] = event.label
    return notes


def render_script(failure: Failure, rules: Mapping[str, SyncRules]) -> list[str]:
    """One line per delivery: clock, event, topic, key, version, what it carries, fault,
    answer, and what the CRM answered and committed meanwhile."""
    varying = _varying(failure, rules)
    same = _same_instants(failure, rules)
    lines = []
    for number, delivery in enumerate(failure.trace.deliveries, start=1):
        event = delivery.event
        rule = rules.get(event.mapping or "")
        clock = _clock(failure, delivery.at)
        if delivery.tick:
            parts = [f"{number:>2}. {clock:<9} tick (the service's scheduled work runs)"]
            if delivery.fault:
                parts.append(f"[CRM fault: {delivery.fault}]")
            lines.append(mask_text(" ".join([*parts, _outcome(delivery)])))
            continue
        parts = [f"{number:>2}. {clock:<9} {event.label:<4} {event.topic:<17}"]
        if event.topic == REFUND_TOPIC:
            amounts = [t.get("amount") for t in event.payload.get("transactions") or []
                       if isinstance(t, dict)]
            parts.append(f"refund {event.payload.get('id')} of order "
                         f"{event.payload.get('order_id')} amount {'+'.join(map(str, amounts))}")
        elif rule is not None:
            parts.append(f"{rule.key_source}={rule.key(event.payload)}")
            if rule.version_field:
                parts.append(f"{rule.version_field}={event.payload.get(rule.version_field)}")
                if event.label in same:
                    parts.append(f"(same instant as {same[event.label]})")
            shown = _shown_sources(rule)
            shown += [s for s in sorted(varying.get(rule.key(event.payload), ())) if s not in shown]
            for source in shown:
                if source in event.payload:
                    value = json.dumps(event.payload[source], ensure_ascii=False)
                    parts.append(f"{source}={value}")
        if delivery.forgery:
            parts.append(_FORGED.get(delivery.forgery, delivery.forgery.upper()))
            if delivery.tamper:
                parts.append("with " + ", ".join(
                    f"{k}={json.dumps(v, ensure_ascii=False)}"
                    for k, v in sorted(delivery.tamper.items())))
        elif delivery.poison:
            parts.append(f"UNREADABLE ({delivery.poison})")
        elif delivery.concurrent:
            parts.append("(concurrent delivery)")
        elif delivery.duplicate:
            parts.append("(duplicate)")
        elif delivery.attempt > 1:
            parts.append(f"(attempt {delivery.attempt})")
        if delivery.fault:
            parts.append(f"[CRM fault: {delivery.fault}]")
        lines.append(mask_text(" ".join([*parts, _outcome(delivery)])))
    return lines


def _outcome(delivery: Any) -> str:
    """``-> 200; CRM: 400 Duplicate IDs found in batch input, create deals #1``."""
    crm = []
    for answer in delivery.crm:
        if answer.status is None or answer.status >= 300 or answer.fault:
            crm.append(f"{answer.method} {answer.shown()}")
    crm += [f"{e.kind} {e.object_type} #{e.record_id}" for e in delivery.effects]
    return f"-> {delivery.answer.text}" + (f"; CRM: {', '.join(crm)}" if crm else "")


def _varying(failure: Failure, rules: Mapping[str, SyncRules]) -> dict[str, set[str]]:
    """Per key, the top-level mapped source fields whose values differ between its events."""
    seen: dict[str, dict[str, set[str]]] = {}
    for event in failure.script.events:
        rule = rules.get(event.mapping or "")
        if rule is None or event.topic == REFUND_TOPIC:
            continue
        values = seen.setdefault(rule.key(event.payload), {})
        for field in rule.mapping.spec.fields:
            for source in field.sources:
                if "." not in source and "[" not in source and source != rule.version_field:
                    values.setdefault(source, set()).add(
                        json.dumps(event.payload.get(source), ensure_ascii=False))
    return {key: {s for s, v in values.items() if len(v) > 1} for key, values in seen.items()}


def _shown_sources(rule: SyncRules) -> list[str]:
    """Top-level source fields worth a column: enum-mapped ones, tags, e-mail, phone, money."""
    shown = []
    for field in rule.mapping.spec.fields:
        for source in field.sources:
            if "." in source or "[" in source or source in (rule.key_source, rule.version_field):
                continue
            if field.enum or source in ("tags", "email", "phone", "total_price"):
                shown.append(source)
    return shown


def replay_command(failure: Failure) -> str:
    if failure.regression is not None:
        return f"seamguard sync test --target {failure.target}  (replays {failure.regression.name})"
    command = f"seamguard sync test --target {failure.target} --seed {failure.seed}"
    if failure.variant:
        command += f" --variant {failure.variant}"
    return command


def failure_finding(failure: Failure, rules: Mapping[str, SyncRules], *,
                    regression_file: str | None = None) -> Finding:
    violation = failure.violation
    script = render_script(failure, rules)
    lines = [f"property {violation.property}: {mask_text(violation.anomaly)}"]
    if failure.examples is not None:
        lines.append(f"found after {failure.examples} example(s) in "
                     f"{failure.seconds or 0.0:.2f}s; shrunk in {failure.shrink_runs} run(s)")
    lines += [f"minimal script ({len(failure.script.steps)} step(s), "
              f"{len(failure.trace.deliveries)} deliveries incl. platform retries; "
              "t+ is the harness's clock):", *script]
    # expected and actual are the finding's own fields, which every reporter prints below the
    # message: repeating them here showed them twice
    hint = _HINTS.get(violation.property) or (
        "replay the minimal script with the command below and follow its deliveries through "
        "the service; docs/sync.md gives the exact meaning of each property")
    if violation.mapping is not None:
        hint = _blame(failure, rules) or hint
    if violation.property in _RACY and any(s.together or s.alongside
                                           for s in failure.script.steps):
        # the script is minimal: without the deliveries at once it would not fail
        hint = ("two deliveries of one record ran at once and one built its write on what the "
                "other had not stored yet: process one record at a time (a lock per record "
                "key, or a compare-and-set on the stored version and a retry); then " + hint)
    if failure.others:
        lines.append("also violated: " + ", ".join(sorted({v.property for v in failure.others})))
    lines.append(f"replay: {replay_command(failure)}")
    return Finding(
        code=f"sync.{violation.property}", severity=Severity.ERROR, check=CHECK_ID,
        message="\n".join(lines),
        location=Location(operation=f"sync target {failure.target}"
                          + (f" (variant {failure.variant})" if failure.variant else ""),
                          file=regression_file,
                          pointer=f"tool.seamguard.sync.targets.{failure.target}"),
        expected=_masked(violation.expected), actual=_masked(violation.actual), hint=hint,
    )


def coverage_finding(result: RunResult) -> Finding:
    """What a run's examples exercised: event kinds, anomalies and faults that occurred."""
    lines = [f"{result.examples} example(s) in {result.seconds:.2f}s "
             f"({result.examples / result.seconds if result.seconds else 0.0:.1f}/s) over "
             f"{result.transport} deliveries, seed {result.seed} ({result.seed_source})"]
    if result.first_failure_examples is not None:
        lines.append(f"first failure after {result.first_failure_examples} example(s), "
                     f"{result.first_failure_seconds or 0.0:.2f}s")
    for group, items in summary(result.coverage, result.examples).items():
        lines.append(f"{_PLURAL.get(group, group)}: " + (", ".join(items) if items else "none"))
    return Finding(code="sync.coverage", severity=Severity.INFO, check=CHECK_ID,
                   message="\n".join(lines),
                   location=Location(operation=f"sync target {result.target}",
                                     pointer=f"tool.seamguard.sync.targets.{result.target}"))


def left_out_finding(target: str) -> Finding:
    """A target ``seamguard check`` does not run (``in_check = false``), named, never silent."""
    return Finding(code="sync.left-out", severity=Severity.INFO, check=CHECK_ID,
                   message=f"sync target {target!r} is not run by `seamguard check` "
                           "(in_check = false)",
                   location=Location(operation=f"sync target {target}",
                                     pointer=f"tool.seamguard.sync.targets.{target}.in_check"),
                   hint=f"run it with `seamguard sync test --target {target}` or pytest")


_PLURAL = {"event": "events", "anomaly": "anomalies", "fault": "faults"}

def _blame(failure: Failure, rules: Mapping[str, SyncRules]) -> str | None:
    """For a normalisation failure: which side disagrees with which mapping rule (masked)."""
    from seamguard.mapping.strength import blame

    violation = failure.violation
    rule = rules.get(violation.mapping or "")
    if rule is None or violation.field is None:
        return None
    payloads = [event.payload for event in failure.script.events
                if event.mapping == rule.name and event.topic != REFUND_TOPIC
                and rule.key(event.payload) == violation.key]
    found = blame(rule.mapping, rule.compiled, violation.field, payloads, violation.actual,
                  changed_only=violation.property == "convergence")
    return None if found is None else mask_text(found)


# Properties a lost read-modify-write race breaks.
_RACY = frozenset({"conservation", "convergence", "no-lost-update", "no-lost-event",
                   "exactly-once"})
_HINTS = {
    "no-lost-record": "a record the platform served was never applied: check how the service "
                      "advances its poll cursor (window ends, ties on the timestamp, the last "
                      "page) and what it does with a record it could not apply",
    "exactly-once": "write through batch upsert with idProperty on an immutable source id, "
                    "never a plain create; dedupe events by their event id",
    "no-lost-event": "answer 5xx (or retry) when the CRM did not take every write; park what "
                     "cannot be applied yet instead of acknowledging and dropping it",
    "idempotency": "remember processed event ids and acknowledge a repeat without side effects",
    "no-lost-update": "compare the event's version (updated_at as an instant, then the "
                      "tie-break) with the stored one; never let arrival order decide",
    "monotonic-state-machine": "apply only declared transitions; park unknown values and "
                               "disallowed transitions for review",
    "field-ownership": "send target-owned and manual-review fields only when the record is "
                       "created",
    "conservation": "amount = order total - applied refunds; keep refunds that arrive before "
                    "their order and apply them when it arrives",
    "normalisation": "write exactly what the mapping produces (run its transforms)",
    "convergence": "the end state must not depend on delivery order: versions with a total "
                   "tie-break, merged sets, parked unknown values (docs/sync.md)",
    "authenticity": "verify the signature over the raw body (constant-time) before anything "
                    "else, and refuse a delivery whose trigger time is older than the "
                    "platform's replay tolerance",
    "dead-letter-review": "whatever is dead-lettered or unreadable must leave a review item "
                          "naming its event id, and must change nothing",
    "read-back": "the endpoints (or the SQL) the state is read back through must answer JSON "
                 "with 2xx",
    "deadline": "answer every delivery within the deadline (a webhook: Shopify waits 5 "
                "seconds; a queue message: ack, nack or reject it, consuming the queue the "
                "target's env names); do slow work with bounded timeouts",
}
