"""Mapping lint of the identity, the version and the ``sync:`` rules (meaning: docs/sync.md).

Sync rules must agree with the contracts and with the field rules: the identity and version
fields exist, conflict policies and state machines name fields a rule writes, and a state
machine and the enum map feeding its field agree both ways — every value the enum map produces
is a state, every state is produced. When they disagree the finding points at the side that most
likely holds the typo (one enum entry rather than a state the machine names several times).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seamguard.documents import escape_pointer
from seamguard.findings import Severity
from seamguard.mapping.names import closest, near_miss
from seamguard.mapping.paths import parse_path
from seamguard.mapping.shapes import Shape, navigate
from seamguard.mapping.spec import FieldRule, StateMachine
from seamguard.regex_limits import sample_search

if TYPE_CHECKING:
    from seamguard.mapping.lint import _Linter

__all__ = ["lint_sync"]

_ERROR = Severity.ERROR
_TIMESTAMP_SAMPLES = ("2024-07-10 10:15:00", "2024-07-10T10:15:00", "2024-07-10T10:15:00+08:00")


def _did_you_mean(name: str | None) -> str | None:
    return f"did you mean {name!r}?" if name else None


def lint_sync(lint: _Linter) -> None:
    """Identity, version and sync-rule findings, added to ``lint``."""
    spec = lint.spec
    targets = {rule.target: rule for rule in spec.fields}
    lint.source_path(spec.identity.source, "/identity/source")
    if spec.identity.target not in targets:
        lint.finding("mapping.identity-unknown-field", _ERROR, "/identity/target",
                     f"identity target {spec.identity.target!r} is written by no rule",
                     actual=spec.identity.target,
                     hint=_did_you_mean(closest(spec.identity.target, targets)) or
                     "add a rule writing the target's key")
    version = spec.version
    if version is not None:
        shape = lint.source_path(version.field, "/version/field")
        if shape is not None and not _timestamp(shape):
            kind = " or ".join(sorted(shape.types)) or "untyped"
            lint.finding(
                "mapping.version-not-timestamp", _ERROR, "/version/field",
                f"version field {version.field!r} is {kind}"
                + (f" ({shape.format})" if shape.format else "")
                + f" in {spec.source.contract}, not a date-time string",
                expected="string (date-time)", actual=kind,
                hint="versions order by instant: name the source's updated_at (or "
                     "another date-time); put sequence numbers under tie_break")
        for position, name in enumerate(version.tie_break):
            lint.source_path(name, f"/version/tie_break/{position}")
    sync = spec.sync
    if sync is None:
        return
    for name, policy in sync.conflict.items():
        where = f"/sync/conflict/{escape_pointer(name)}"
        if name != "*" and name not in targets:
            lint.finding("mapping.sync-unknown-field", _ERROR, where,
                         f"conflict policy for {name!r}, which no rule writes",
                         hint=_did_you_mean(closest(name, targets)))
        if policy.policy == "owner" and policy.owner is None:
            lint.finding("mapping.sync-bad-policy", _ERROR, where,
                         "policy `owner` needs `owner: source` or `owner: target`",
                         hint="add `owner: source` (the platform wins) or `owner: target` (the "
                              "CRM wins) to this policy")
        if policy.expire_after is not None:
            from seamguard.sync.rules import parse_duration

            if policy.policy != "merge_set" or parse_duration(policy.expire_after) is None:
                lint.finding("mapping.sync-bad-policy", _ERROR, where,
                             f"expire_after {policy.expire_after!r}: an ISO 8601 duration "
                             "(P30D, PT12H) on a merge_set policy", actual=policy.expire_after,
                             hint="write a duration such as P30D, on a `merge_set` policy only")
    first_machine: dict[str, int] = {}
    for number, machine in enumerate(sync.state_machines):
        where = f"/sync/state_machines/{number}"
        if machine.field in first_machine:
            # two machines on one field: a value may move along one and not the other
            lint.finding("mapping.sync-bad-policy", _ERROR, f"{where}/field",
                         f"a second state machine on {machine.field!r} (the first is "
                         f"/sync/state_machines/{first_machine[machine.field]})",
                         actual=machine.field,
                         hint="merge their initial states and transitions into one machine")
            continue
        first_machine[machine.field] = number
        rule = targets.get(machine.field)
        if rule is None:
            lint.finding("mapping.sync-unknown-field", _ERROR, f"{where}/field",
                         f"state machine on {machine.field!r}, which no rule writes",
                         actual=machine.field,
                         hint=_did_you_mean(closest(machine.field, targets)))
            continue
        _machine_and_values(lint, where, machine, rule)


def _occurrences(machine: StateMachine, where: str) -> dict[str, list[str]]:
    """Each state the machine names, with the pointer of every place it is named."""
    found: dict[str, list[str]] = {}
    for position, state in enumerate(machine.initial):
        found.setdefault(state, []).append(f"{where}/initial/{position}")
    for state, following in machine.transitions.items():
        key = f"{where}/transitions/{escape_pointer(state)}"
        found.setdefault(state, []).append(key)
        for position, target in enumerate(following):
            found.setdefault(target, []).append(f"{key}/{position}")
    return found


def _machine_and_values(lint: _Linter, where: str, machine: StateMachine,
                        rule: FieldRule) -> None:
    states = _occurrences(machine, where)
    if rule.enum is None:
        allowed = target_values(lint, rule)
        if allowed is None:
            return
        for state in sorted(set(states) - allowed):
            lint.finding(
                "mapping.state-not-in-enum", _ERROR, states[state][0],
                f"state machine on {machine.field!r} names {state!r}, which the field can never "
                f"hold (its values: {sorted(allowed)})", expected=sorted(allowed), actual=state,
                hint=_did_you_mean(closest(state, allowed)) or
                "use the values the target contract's enum allows")
        return
    enum = lint.spec.enums[rule.enum]
    produced: dict[str, list[str]] = {}
    for source_value, output in enum.items():
        produced.setdefault(str(output), []).append(source_value)
    never = sorted(set(states) - set(produced))
    explained: set[str] = set()
    for output, sources in sorted(produced.items()):
        if output in states:
            continue
        # A produced value that is not a state, one edit from a state nothing produces, is one
        # typo seen from both sides; it sits in the enum map when the machine names the state
        # more often than the map writes the value.
        twin = near_miss(output, never)
        blame_machine = twin is not None and len(states[twin]) < len(sources)
        if blame_machine and twin is not None:
            continue  # reported below, at the machine
        if twin is not None:
            explained.add(twin)
        for source_value in sources:
            lint.finding(
                "mapping.enum-not-a-state", _ERROR,
                f"/enums/{escape_pointer(rule.enum)}/{escape_pointer(source_value)}",
                f"enum map {rule.enum!r} maps {source_value!r} to {output!r}, which is not a "
                f"state of the state machine on {machine.field!r} ({', '.join(states)})",
                expected=sorted(states), actual=output,
                hint=_did_you_mean(twin or closest(output, states)) or
                "map it to a state, or add the state to the machine")
    outputs = sorted(produced)
    for state in never:
        if state in explained:
            continue
        twin = near_miss(state, [o for o in outputs if o not in states])
        lint.finding(
            "mapping.state-not-in-enum", _ERROR, states[state][0],
            f"state machine on {machine.field!r} names {state!r}, which enum map {rule.enum!r} "
            f"never produces (it produces: {', '.join(outputs)})", expected=outputs,
            actual=state,
            hint=_did_you_mean(twin or closest(state, outputs)) or
            "map a source value to it, or remove it from the machine")


def _timestamp(shape: Shape) -> bool:
    """A date-time string, or a string whose pattern a local timestamp matches."""
    if "string" not in shape.types:
        return False
    if shape.format == "date-time":
        return True
    pattern = shape.pattern
    # bounded, and a pattern Python cannot read says nothing (the contract's, not ours)
    return pattern is not None and any(sample_search(str(pattern), s) is True
                                       for s in _TIMESTAMP_SAMPLES)


def target_values(lint: _Linter, rule: FieldRule) -> set[str] | None:
    """The values the target contract's enum allows for the rule's field, if it has one."""
    try:
        tokens = parse_path(rule.target)
    except ValueError:
        return None
    shape, _, _ = navigate(lint.target, lint.target_root, tokens)
    return {str(v) for v in shape.enum} if shape is not None and shape.enum else None
