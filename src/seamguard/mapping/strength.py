"""How strong a mapping's golden examples are: mutation testing of the mapping's rules.

Every mutant (``seamguard.mapping.mutate``) is judged on the golden examples (any change in an
output or a problem kills it) and on the recorded source records (a new problem, or an output
the target contract rejects, kills it); a mutant only a static check can notice (``pii``) is
judged by lint. The mapping is compiled once; a mutant recompiles only its own rule and re-runs
that rule and the rules reading its output (``$target``) on each input, against the unchanged
outputs of every other rule. A surviving mutant is a rule whose examples do not pin it down, and
the finding says which example would.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from seamguard.errors import UsageError
from seamguard.findings import Finding, Location, Severity
from seamguard.mapping.engine import CompiledMapping, CompiledRule, Problem, compile_rule
from seamguard.mapping.mutate import Mutant, SourceFacts, mutants
from seamguard.mapping.spec import FieldRule, LoadedMapping

__all__ = ["Case", "Strength", "Verdict", "blame", "measure", "strength_findings"]

CODE = "mapping.strength"


@dataclass(frozen=True)
class Case:
    """An input mutants are judged on: a golden example (exact output) or a recorded record."""

    label: str
    record: Any
    golden: bool


@dataclass
class Verdict:
    mutant: Mutant
    status: str  # killed | survived | equivalent | invalid
    by: str | None = None  # what killed it, or why it is excluded
    seen_in: str | None = None  # a recorded record whose output it changes (no example does)


@dataclass
class Strength:
    """The verdict on every mutant of one mapping."""

    mapping: LoadedMapping
    verdicts: list[Verdict] = field(default_factory=list)
    seconds: float = 0.0
    broken_examples: int = 0  # examples the mapping itself fails: nothing can be judged

    def count(self, status: str) -> int:
        return sum(1 for v in self.verdicts if v.status == status)

    @property
    def score(self) -> float:
        judged = self.count("killed") + self.count("survived")
        return self.count("killed") / judged if judged else 1.0


@dataclass
class _Run:
    """One input through the unmutated mapping: each rule's value and problems."""

    out: dict[str, Any]
    values: dict[int, Any]
    problems: dict[int, list[tuple[str, str]]]
    violations: set[str] | None = None


Lint = Callable[[Any], list[Finding]]  # a mutated MappingSpec -> its lint findings
Validate = Callable[[dict[str, Any]], set[str]]  # a target record -> its contract errors


def measure(mapping: LoadedMapping, compiled: CompiledMapping, cases: Iterable[Case], *,
            facts: SourceFacts | None = None, lint: Lint | None = None,
            validate: Validate | None = None, base_dir: Any = None,
            max_mutants: int | None = None) -> Strength:
    """Judge every mutant of ``mapping`` on ``cases``.

    Args:
        mapping: The mapping (its spec is mutated, never changed).
        compiled: The mapping compiled once.
        cases: Golden examples and recorded records.
        facts: The source contract's types, enums and sibling fields.
        lint: Static findings of a spec, for mutants only lint can notice.
        validate: Target-contract errors of a mapped record (for recorded records).
        base_dir: The project root, for transforms reading files.
        max_mutants: Judge at most this many (the rest are reported as not judged).

    Returns:
        The verdicts, in rule order.
    """
    started = time.perf_counter()
    result = Strength(mapping)
    cases = list(cases)
    runs = [_baseline(compiled, case.record) for case in cases]
    from seamguard.mapping.check import run_examples

    result.broken_examples = len({f.location.pointer for f in run_examples(mapping, compiled)})
    if result.broken_examples:
        result.seconds = time.perf_counter() - started
        return result
    dependents = _dependents(compiled)
    static: list[Mutant] = []
    for number, mutant in enumerate(mutants(mapping.spec, facts)):
        if max_mutants is not None and number >= max_mutants:
            result.verdicts.append(Verdict(mutant, "skipped", "over the mutant budget"))
            continue
        if mutant.equivalent is not None:
            result.verdicts.append(Verdict(mutant, "equivalent", mutant.equivalent))
            continue
        if mutant.static:
            static.append(mutant)
            continue
        spec = mapping.spec
        if mutant.enums:
            spec = spec.model_copy(update={"enums": {**spec.enums, **mutant.enums}})
        try:
            changed = compile_rule(spec, mutant.rule, mutant.field, base_dir=base_dir)
        except (UsageError, ValueError, TypeError) as exc:
            result.verdicts.append(Verdict(mutant, "invalid", f"rejected: {exc}"))
            continue
        result.verdicts.append(_judge(mutant, changed, dependents.get(mutant.rule, []), cases,
                                      runs, validate))
    if static:
        result.verdicts += _judge_statically(mapping, static, lint)
        result.verdicts.sort(key=lambda v: v.mutant.rule)
    result.seconds = time.perf_counter() - started
    return result


def _baseline(compiled: CompiledMapping, record: Any) -> _Run:
    run = _Run({}, {}, {})
    for rule in compiled.rules:
        problems: list[Problem] = []
        value = rule.run(record, run.out, problems)
        run.values[rule.index] = value
        run.problems[rule.index] = _problem_keys(problems)
        _put(run.out, rule.target_keys, value)
    return run


def _problem_keys(problems: list[Problem]) -> list[tuple[str, str]]:
    return sorted((p.code, p.target) for p in problems if not _masked(p.value))


def _masked(value: Any) -> bool:
    values = value if isinstance(value, list) else [value]
    return any(isinstance(v, str) and "**" in v for v in values)


def _put(out: dict[str, Any], keys: list[str], value: Any) -> None:
    """Write (or, for None, remove) ``value`` at ``keys``, copying dicts on the way so the
    baseline output this one was copied from stays as it was."""
    node = out
    for key in keys[:-1]:
        child = node.get(key)
        child = dict(child) if isinstance(child, dict) else {}
        node[key] = child
        node = child
    if value is None:
        node.pop(keys[-1], None)
    else:
        node[keys[-1]] = value


def _dependents(compiled: CompiledMapping) -> dict[int, list[CompiledRule]]:
    """Per rule, the rules (in run order) that read its output, directly or not."""
    out: dict[int, list[CompiledRule]] = {}
    for rule in compiled.rules:
        changed = {rule.rule.target}
        following = []
        for later in compiled.rules:
            if later is rule or not set(later.reads_target) & changed:
                continue
            following.append(later)
            changed.add(later.rule.target)
        out[rule.index] = following
    return out


def _judge(mutant: Mutant, changed: CompiledRule, dependents: list[CompiledRule],
           cases: list[Case], runs: list[_Run], validate: Validate | None) -> Verdict:
    seen_in = None
    for case, run in zip(cases, runs, strict=True):
        out = dict(run.out)
        differs = False
        new_problems: list[tuple[str, str]] = []
        for rule in (changed, *dependents):
            problems: list[Problem] = []
            try:
                value = rule.run(case.record, out, problems)
            except Exception as exc:  # a mutant may break a transform's assumptions
                return Verdict(mutant, "killed", f"{case.label}: the rule raises {exc!r}")
            _put(out, rule.target_keys, value)
            keys = _problem_keys(problems)
            if value != run.values.get(rule.index) or keys != run.problems.get(rule.index):
                differs = True
                new_problems += [k for k in keys if k not in run.problems.get(rule.index, [])]
        if not differs:
            continue
        if case.golden:
            return Verdict(mutant, "killed", case.label)
        if new_problems:
            return Verdict(mutant, "killed", f"{case.label}: {new_problems[0][0]}")
        if validate is not None:
            if run.violations is None:
                run.violations = validate(run.out)
            if validate(out) - run.violations:
                return Verdict(mutant, "killed", f"{case.label}: the target contract rejects it")
        seen_in = seen_in or case.label
    return Verdict(mutant, "survived", seen_in=seen_in)


def _lint_keys(findings: list[Finding]) -> set[tuple[str, str]]:
    return {(f.code, f.location.pointer or "") for f in findings
            if f.severity in (Severity.ERROR, Severity.WARNING)}


def _judge_statically(mapping: LoadedMapping, static: list[Mutant],
                      lint: Lint | None) -> list[Verdict]:
    """Judge the `pii` mutants with one lint of the spec with every flag dropped: the personal-
    data check looks at one rule at a time, so each mutant is judged by the findings at its own
    rule."""
    if lint is None:
        return [Verdict(m, "skipped", "no static check given") for m in static]
    before = _lint_keys(lint(mapping.spec))
    stripped = mapping.spec.model_copy(update={"fields": [
        _without_pii(rule) for rule in mapping.spec.fields]})
    found = _lint_keys(lint(stripped)) - before
    verdicts = []
    for mutant in static:
        rule = mutant.pointer.rsplit("/", 1)[0]
        hits = sorted(code for code, pointer in found
                      if pointer == rule or pointer.startswith(rule + "/"))
        verdicts.append(Verdict(mutant, "killed", f"lint: {hits[0]}") if hits
                        else Verdict(mutant, "survived"))
    return verdicts


def _without_pii(rule: Any) -> Any:
    return rule.model_copy(update={
        "pii": False,
        "each": [_without_pii(sub) for sub in rule.each] if rule.each else rule.each,
        "items": [[_without_pii(sub) for sub in group] for group in rule.items]
        if rule.items else rule.items})


def strength_findings(strength: Strength, *, severity: Severity = Severity.WARNING,
                      check: str = "mapping.strength") -> list[Finding]:
    """One finding per rule with surviving mutants, and one summary with the score."""
    mapping = strength.mapping

    def where(pointer: str) -> Location:
        return Location(file=mapping.display, pointer=pointer, line=mapping.line_of(pointer),
                        operation=f"mapping {mapping.name}")

    if strength.broken_examples:
        return [Finding(code=CODE, severity=Severity.INFO, check=check,
                        message=f"{mapping.name}: strength not measured: "
                                f"{strength.broken_examples} golden example(s) fail",
                        location=where("/examples"),
                        hint="fix the failing examples first (`seamguard map test`)")]
    findings = []
    # One finding per rule, a rule inside `each:`/`items:` apart from its parent, so a mistake
    # in one nested field is not buried among its siblings' survivors.
    by_rule: dict[tuple[int, str], list[Verdict]] = {}
    for verdict in strength.verdicts:
        if verdict.status == "survived":
            by_rule.setdefault((verdict.mutant.rule, _rule_pointer(verdict.mutant)),
                               []).append(verdict)
    for (rule, pointer), survivors in sorted(by_rule.items(), key=lambda item: item[0][0]):
        first = survivors[0]
        target = _rule_name(mapping.spec.fields[rule], pointer)
        wanted = list(dict.fromkeys(v.mutant.wanted for v in survivors))
        if first.mutant.static:
            message = (f"rule {rule} (`{target}`): {first.mutant.description} goes unnoticed: "
                       f"no check infers it; it needs {wanted[0]}")
        else:
            message = (f"rule {rule} (`{target}`): {first.mutant.description} changes no "
                       f"example output; add an example with {wanted[0]}")
        if len(survivors) > 1:
            others = [v.mutant.description for v in survivors[1:4]]
            more = len(survivors) - 1 - len(others)
            message += f" (also surviving: {'; '.join(others)}" + (
                f"; {more} more)" if more else ")")
        seen = next((v.seen_in for v in survivors if v.seen_in), None)
        hint = "examples to add: " + "; ".join(wanted[:4])
        if seen:
            hint += (f". The recorded record {seen} already tells them apart: copy it into an "
                     "example")
        findings.append(Finding(code=CODE, severity=severity, check=check, message=message,
                                location=where(first.mutant.pointer), hint=hint,
                                expected="killed", actual=f"{len(survivors)} surviving"))
    killed, survived = strength.count("killed"), strength.count("survived")
    equivalent = [v for v in strength.verdicts if v.status == "equivalent"]
    summary = (f"{mapping.name}: strength {killed}/{killed + survived} "
               f"({strength.score:.0%}) in {strength.seconds:.2f}s")
    if equivalent:
        reasons = sorted({f"{v.mutant.description}: {v.by}" for v in equivalent})
        summary += (f"; {len(equivalent)} equivalent mutant(s) not counted ("
                    + "; ".join(reasons[:3]) + (", …" if len(reasons) > 3 else "") + ")")
    for status, words in (("invalid", "rejected as invalid"),
                          ("skipped", "not judged (budget)")):
        if strength.count(status):
            summary += f"; {strength.count(status)} {words}"
    findings.append(Finding(code=CODE, severity=Severity.INFO, check=check, message=summary,
                            location=where("/fields"),
                            actual={"killed": killed, "survived": survived,
                                    "equivalent": len(equivalent),
                                    "invalid": strength.count("invalid"),
                                    "skipped": strength.count("skipped"),
                                    "score": round(strength.score, 4)}))
    return findings


_NESTED_RULE = re.compile(r"^/fields/\d+(?:/each/\d+|/items/\d+/\d+)*")


def _rule_pointer(mutant: Mutant) -> str:
    """The pointer of the (possibly nested) rule a mutant edits; its top rule for enum edits."""
    found = _NESTED_RULE.match(mutant.pointer)
    return found.group(0) if found else f"/fields/{mutant.rule}"


def _rule_name(rule: FieldRule, pointer: str) -> str:
    """``contactInfoList[].mobile`` for the rule at ``/fields/4/items/0/2``."""
    names = [rule.target]
    parts = pointer.split("/")[3:]
    while parts:
        if parts[0] == "each" and rule.each:
            rule, parts = rule.each[int(parts[1])], parts[2:]
        elif parts[0] == "items" and rule.items:
            rule, parts = rule.items[int(parts[1])][int(parts[2])], parts[3:]
        else:
            break
        names.append(rule.target)
    return "[].".join(names)


def blame(mapping: LoadedMapping, compiled: CompiledMapping, target: str,
          records: list[Any], observed: Any, *, changed_only: bool = False) -> str | None:
    """Which side disagrees with which rule, when a system wrote ``observed`` for ``target``
    where the mapping gives something else for ``records``.

    Names the rule (file, line, pipeline); says when the mapping's own golden examples fail (the
    mapping changed without them) and when a single edit of the rule reproduces the written
    value (the system follows the rule as it was, or as it was meant). With ``changed_only``,
    only the first (None otherwise).
    """
    from seamguard.mapping.check import run_examples

    index = next((i for i, rule in enumerate(mapping.spec.fields) if rule.target == target),
                 None)
    if index is None:
        return f"no rule of {mapping.display} writes {target!r}"
    rule = mapping.spec.fields[index]
    line = mapping.line_of(f"/fields/{index}")
    steps = ", ".join(name + (f" {params}" if params else "") for name, params in rule.steps())
    where = (f"rule {index} (`{target}`, {mapping.display}:{line}"
             + (f"; {steps}" if steps else "") + (f"; enum {rule.enum}" if rule.enum else "")
             + ")")
    failing = {f.location.pointer for f in run_examples(mapping, compiled)}
    if failing:
        return (f"the mapping disagrees with its own golden examples ({len(failing)} fail): "
                f"{where} most likely changed without them; the service still does what the "
                "examples say. Revert the rule, or update the examples and then the service")
    if changed_only:
        return None  # the value may be another event's: only a changed mapping is certain
    for mutant in mutants(mapping.spec):
        if mutant.rule != index or mutant.static or mutant.equivalent:
            continue
        spec = mapping.spec
        if mutant.enums:
            spec = spec.model_copy(update={"enums": {**spec.enums, **mutant.enums}})
        try:
            changed = compile_rule(spec, index, mutant.field)
        except (UsageError, ValueError, TypeError):
            continue
        for record in records:
            out: dict[str, Any] = {}
            try:
                value = changed.run(record, out, [])
            except Exception:  # a mutated pipeline may break on this record
                continue
            if value is not None and value == observed:
                return (f"the service wrote what {where} gives after {mutant.description}: "
                        "the service and the mapping disagree on exactly that. If the mapping "
                        "changed, that edit is what the service contradicts; otherwise make the "
                        "service apply the rule as written")
    return (f"{where} gives a different value: the service does not apply this rule as "
            "written (or the rule changed: `seamguard map test` and its history tell)")
